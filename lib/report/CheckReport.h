#pragma once
/// \file `carcinize check` as a linter reports: compiler-style text
/// (`file:line:col: severity: message [rule-id]`, the source line and a
/// caret, a summary by severity) and a JSON document for scripts.

#include "report/FindingsReport.h"

#include <string>

namespace carcinize {

/// The text report; ANSI colours only when \p Color.
std::string renderCheckText(const FindingsReport &R, bool Color);

/// The JSON report: `tool`, `findings` (with fingerprints), `summary`,
/// `debt`, `problems` (translation units that did not parse cleanly).
std::string renderCheckJson(const FindingsReport &R);

/// The caret line under \p Source for 1-based byte column \p Column: the
/// blanks of the source kept (tabs stay tabs, so the caret lines up),
/// other characters made spaces, UTF-8 continuation bytes dropped.
std::string caretLine(const std::string &Source, unsigned Column);

} // namespace carcinize
