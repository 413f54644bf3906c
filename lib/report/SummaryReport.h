#pragma once
/// \file `carcinize summary`: one Markdown page for a lead to take to a
/// meeting. What was scanned and how much of it was seen, the three modules
/// to start with and why, the effort, the share of the code that is already
/// memory-safe, and what to measure in the pilot. Plain C++ over the facts.

#include "analysis/ProgramAnalysis.h"
#include "facts/Facts.h"
#include "rank/Ranker.h"
#include "report/ScanReport.h"

#include <cstdint>
#include <string>

namespace carcinize {

/// Code of the tree already written in a memory-safe language (Rust).
struct SafeCode {
  uint64_t RustLines = 0; ///< lines that are neither blank nor `//` comments
  unsigned RustFiles = 0;
  bool Incomplete = false; ///< the walk stopped at a bound or an unreadable folder
};

/// What the summary says of a module's effort: the figure and its basis.
/// The one place that reads the ranker's effort, so that a better model of
/// it (person-days) changes the summary with nothing else.
struct EffortEstimate {
  std::string Figure; ///< e.g. "effort 0.26 of 1"
  std::string Basis;  ///< the facts behind it, in words
};

/// The effort of \p M as the summary states it.
EffortEstimate estimateEffort(const ModuleScore &M, const CallGraph &G);

/// The page. \p Ctx gives the ranked modules, the notes and the root.
std::string renderSummary(const ScanFacts &Facts, const ScanContext &Ctx,
                          const ProgramAnalysis &Analysis, const SafeCode &Safe);

} // namespace carcinize
