#pragma once
/// \file Baselines: `carcinize baseline create` records today's findings by
/// fingerprint, with the module ranking of that day; `check --baseline FILE`
/// then reports only the findings that are not in it, and the unsafe-debt
/// ratchet compares each module's debt with the recorded one. The file is
/// JSON, sorted, diff-friendly. Plain C++.

#include "facts/Facts.h"
#include "rank/Ranker.h"

#include <string>
#include <vector>

namespace carcinize {

/// One recorded finding.
struct BaselineFinding {
  std::string Fingerprint;
  std::string RuleId;
  Severity Sev = Severity::Medium;
  std::string File;
  unsigned Line = 0; ///< informative only: matching ignores it
  std::string Function;
  std::string Module;
  bool operator==(const BaselineFinding &O) const;
};

/// One module as ranked when the baseline was made.
struct BaselineModule {
  std::string Name;
  unsigned Rank = 0;
  double Debt = 0; ///< severity-weighted unsafe findings
  bool operator==(const BaselineModule &O) const {
    return Name == O.Name && Rank == O.Rank && Debt == O.Debt;
  }
};

struct Baseline {
  static constexpr int FormatVersion = 1;
  std::string ToolVersion;
  std::string GroupBy = "file"; ///< how modules were formed
  std::vector<BaselineFinding> Findings; ///< sorted by file, line, rule
  std::vector<BaselineModule> Modules;   ///< by rank
  bool operator==(const Baseline &O) const {
    return ToolVersion == O.ToolVersion && GroupBy == O.GroupBy && Findings == O.Findings &&
           Modules == O.Modules;
  }
};

/// The file's text (ends with a newline).
std::string renderBaseline(const Baseline &B);

/// Reads a baseline; \p Name is used in errors. Throws InputError naming
/// the file (and line:col for JSON syntax errors, the entry for bad fields).
Baseline parseBaseline(const std::string &Text, const std::string &Name);

/// Reads the file at \p Path (InputError when it cannot be read).
Baseline loadBaseline(const std::string &Path);

/// For each of \p Fingerprints: true when the baseline holds it. A
/// fingerprint recorded once matches once (two new copies of a recorded
/// finding leave one new).
std::vector<bool> matchBaseline(const Baseline &B, const std::vector<std::string> &Fingerprints);

/// The unsafe debt one finding adds: its severity's weight in the ranker's
/// scoring (so debt and risk agree); 0 for findings that are not unsafe code
/// (input-source markers, meta findings).
double debtOf(const Finding &F, const ScoringWeights &W);
double debtOf(Severity S, const std::string &RuleId, const ScoringWeights &W);

} // namespace carcinize
