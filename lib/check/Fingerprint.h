#pragma once
/// \file Stable fingerprints of findings, for baselines, SARIF
/// partialFingerprints and GitLab. A fingerprint survives unrelated edits
/// above a finding and re-indentation: it hashes the rule id, the file, the
/// enclosing function and the normalised code of the finding's line, never
/// the line number; identical sites in one function are told apart by their
/// order. Plain C++.

#include "facts/Facts.h"
#include "report/SourceLines.h"

#include <string>
#include <vector>

namespace carcinize {

/// The fingerprints of \p Findings (same order). Lines are read through
/// \p Sources; when a file cannot be read (facts from another machine), the
/// message stands in for the code.
std::vector<std::string> fingerprintFindings(const std::vector<const Finding *> &Findings,
                                             SourceLines &Sources);

} // namespace carcinize
