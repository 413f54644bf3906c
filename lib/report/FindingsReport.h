#pragma once
/// \file What the finding-oriented reports (check text, SARIF, GitHub
/// annotations, GitLab Code Quality, Markdown summary, HTML) are drawn from.
/// Plain data, filled by the command line after suppressions, the baseline
/// and --diff have filtered the findings.

#include "facts/Facts.h"
#include "report/ScanReport.h"
#include "rules/RuleInfo.h"

#include <string>
#include <vector>

namespace carcinize {

/// One module's unsafe debt against the baseline (the ratchet).
struct DebtLine {
  std::string Module;
  double Before = 0, After = 0;
  std::string Text;       ///< "net/frame.c: 41 -> 44, +3 (rank 2 in the baseline)"
  bool Violation = false; ///< grew in a module ranked within --ratchet-top
};

/// A file `check` was asked about (named on the command line, under a named
/// folder, or changed since --diff REV) whose code was not analysed: its
/// findings, if any, are missing from the report.
struct UnanalysedFile {
  std::string File;   ///< relative to the scanned root
  std::string Reason; ///< "not analysed: the parser crashed on this file ..."
};

/// The findings to report and what was left out of them.
struct FindingsReport {
  const ScanFacts *Facts = nullptr;
  /// The findings to report, in canonical order (file, line, column, rule).
  std::vector<const Finding *> Findings;
  /// Stable fingerprints of Findings (same index): survive edits above a
  /// finding and re-indentation (see check/Fingerprint.h).
  std::vector<std::string> Fingerprints;
  /// Every rule of the catalogue (SARIF lists them all), sorted by id.
  const std::vector<RuleInfo> *Rules = nullptr;
  std::string Version;
  /// Absolute path of the scanned root: finding paths are relative to it,
  /// and source snippets are read from it.
  std::string Root;
  unsigned Suppressed = 0;  ///< covered by inline suppressions
  unsigned Baselined = 0;   ///< present in the --baseline file
  unsigned OutsideDiff = 0; ///< not on lines changed since --diff REV
  /// Modules whose debt moved since the baseline (with --baseline).
  std::vector<DebtLine> Debt;
  /// Files asked about that were not analysed, sorted by file (check only).
  std::vector<UnanalysedFile> Unanalysed;
  /// --allow-unanalysed (or `check: allow_unanalysed: true`): Unanalysed are
  /// warnings and the run may pass; otherwise they are errors (exit 3).
  bool UnanalysedAllowed = false;
  /// The scan's notes, warnings and ranking (optional).
  const ScanContext *Scan = nullptr;
};

} // namespace carcinize
