#pragma once
/// \file Which files `check` was asked about and did not analyse: the gate
/// fails closed, so a file whose findings may be missing is named (and, by
/// default, fails the run with exit code 3). Plain C++ over the facts.

#include "facts/Facts.h"
#include "report/FindingsReport.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// What `check` was asked about, paths relative to the scanned root.
struct CheckScope {
  /// Sources and headers named on the command line, and the sources changed
  /// since --diff REV. Excluded paths are left out by the caller.
  std::vector<std::string> Files;
  /// Folders named on the command line ("." for the root): every TU under
  /// them was asked about.
  std::vector<std::string> Folders;
  /// For each header of Files: the translation units planned to analyse it
  /// (its sources of the same name, or itself parsed alone).
  std::map<std::string, std::vector<std::string>> HeaderTUs;
  /// Report name of the compilation database; empty when flags were inferred.
  std::string Database;
};

/// Why \p TU counts as not analysed, or "" when it was analysed. A failed
/// TU (crash, time-out, fatal error before any AST) never was; a TU with
/// errors parsed with its database's own flags does not compile, so what was
/// analysed of it is not what is built; nor does one whose flags were
/// \p Interpolated from the database's entries and which has an error in
/// the file itself (a new file that does not compile). Errors under
/// inferred flags, and in headers only under interpolated ones, are expected
/// (guessed macros, skipped headers): they are the coverage's business, not
/// a failure of the gate.
std::string unanalysedReason(const TranslationUnitFacts &TU, bool Interpolated = false);

/// The files of \p Scope that were not analysed, with why, sorted by file
/// and each named once.
std::vector<UnanalysedFile> findUnanalysed(const ScanFacts &Facts, const CheckScope &Scope);

} // namespace carcinize
