#pragma once
/// \file The reports of `carcinize scan`: a text summary for people and the
/// JSON document for tools. Plain C++ over the facts.

#include "analysis/ProgramAnalysis.h"
#include "facts/Facts.h"
#include "rank/Coverage.h"
#include "rank/Ranker.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace carcinize {

/// What a report says beside the facts.
struct ScanContext {
  std::string RootLabel;              ///< the scanned root as shown to the user
  std::string Root;                   ///< its absolute path (sources are read from it)
  std::vector<std::string> Notes;     ///< e.g. that flags were inferred
  std::vector<std::string> Warnings;  ///< skipped database entries and the like
  unsigned Top = 10;                  ///< rows in "top" tables
  const std::vector<ModuleScore> *Modules = nullptr; ///< the ranking, when computed
  RankBy Order = RankBy::Priority;    ///< which order Modules is in
  /// The share of code analysed, for the scan and per module (optional).
  const ScanCoverage *Coverage = nullptr;
  bool HasDatabase = false; ///< flags came from a compilation database
  /// -v: list every translation unit with problems, not the first few.
  bool Verbose = false;
};

/// The text summary (ends with a newline). With \p Analysis, it lists the
/// most exposed and the hottest functions.
std::string renderScanText(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis = nullptr);

/// The JSON document: `tool`, `stats`, `notes`, `translation_units`, `files`,
/// `functions` (with `exposure` and `hotness` when analysed), `findings`.
std::string renderScanJson(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis = nullptr);

/// The same JSON document, streamed to \p OS (not held in memory whole).
void writeScanJson(llvm::raw_ostream &OS, const ScanFacts &Facts, const ScanContext &Ctx,
                   const ProgramAnalysis *Analysis = nullptr);

} // namespace carcinize
