#pragma once
/// \file How much of the code a scan analysed, for the scan and per module:
/// the share of code lines that were neither in a translation unit that
/// failed nor in an inactive preprocessor branch. The ranking scores only
/// what was seen; coverage says how much that was, so that nothing is
/// discounted silently. Plain C++ over the facts.

#include "facts/Facts.h"
#include "rank/Ranker.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// Code lines and those not analysed, with why.
struct CoverageCount {
  unsigned CodeLines = 0;
  unsigned Inactive = 0; ///< in inactive preprocessor branches
  unsigned Failed = 0;   ///< in a translation unit that failed (crash, time-out, no AST)
  unsigned unanalysed() const { return Inactive + Failed; }
  /// 0..1; 1 for no code at all (nothing was left unseen).
  double share() const {
    return CodeLines ? 1.0 - static_cast<double>(unanalysed()) / CodeLines : 1.0;
  }
};

/// The coverage of a scan.
struct ScanCoverage {
  CoverageCount Scan;
  std::map<std::string, CoverageCount> Modules; ///< by module name
  bool Measured = false; ///< false for an empty scan
};

/// Below this share of code lines analysed, the report opens with a warning
/// and the remedy: a tenth of the code unseen can hold the module that
/// should rank first, and a typical cause (a generated config.h missing
/// without a build) hides far more.
constexpr double LowCoverage = 0.9;

/// The coverage of \p Facts, per module of \p Modules.
ScanCoverage measureCoverage(const ScanFacts &Facts, const std::vector<ModuleScore> &Modules);

/// "83%" (floored, so that 99.6% is not shown as a complete 100%).
std::string percent(double Share);

/// Adds a reason to each module of \p Modules whose code was not all seen
/// (below LowCoverage): first when less than half was, else last.
void explainCoverage(std::vector<ModuleScore> &Modules, const ScanCoverage &Coverage);

/// The warning that opens a report when the scan's coverage is low, with
/// the remedy (a compilation database, and how each build system writes
/// one); empty otherwise. \p HasDatabase: flags came from a database.
std::string lowCoverageWarning(const ScanCoverage &Coverage, bool HasDatabase);

} // namespace carcinize
