#pragma once
/// \file The ranker: modules scored on risk, exposure, hotness and effort,
/// ordered by value (where the danger is) or priority (what to rewrite
/// first), each with the facts behind its score in words. Plain C++.
/// docs/scoring.md states the formula and why.

#include "analysis/ProgramAnalysis.h"
#include "config/Config.h"
#include "facts/Facts.h"
#include "rank/History.h"
#include "rank/Product.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// How files are grouped into modules.
enum class GroupBy {
  File,   ///< a source file with its own header (foo.c + foo.h)
  Dir,    ///< a folder
  Config, ///< the `modules:` of the configuration, else File
};

/// Which order the ranking uses.
enum class RankBy {
  /// What to do first: the value order, with the first pilot (the module of
  /// fewest person-days among the PilotCandidates most valuable) named.
  Priority,
  Value, ///< the benefit alone, size included: where the danger is
};

/// The first pilot is chosen among this many of the most valuable modules:
/// half the top ten a report shows, few enough that each is among the most
/// dangerous, enough to hold a small one (docs/scoring.md).
constexpr unsigned PilotCandidates = 5;

/// One module's scores and evidence.
struct ModuleScore {
  std::string Name;
  std::vector<std::string> Files;
  unsigned Rank = 0;
  double Risk = 0, Exposure = 0, Hotness = 0, Effort = 0;
  double Danger = 0; ///< risk, exposure and hotness combined: how bad its code is
  double Size = 0;   ///< 0..1, from its code lines against the scan's median module
  double Value = 0;
  /// The default order's score: the value (docs/scoring.md "The default
  /// order"); kept in the reports for their readers.
  double Priority = 0;
  bool FirstPilot = false; ///< the default order's first pilot
  /// The module's git history (rank/History.h); HasHistory is false when the
  /// tree has none (not a work tree, a shallow clone, --no-history).
  bool HasHistory = false;
  ModuleHistory History;
  double ValueWithoutHistory = 0; ///< the value before the history was applied
  unsigned CodeLines = 0;       ///< code lines, initialiser tables not counted
  unsigned DataLines = 0;       ///< lines of initialiser tables (not in CodeLines)
  unsigned FunctionCount = 0;
  unsigned Findings = 0;        ///< unsuppressed memory-safety findings
  unsigned SevereFindings = 0;  ///< of which high or critical
  /// The effort as an estimate a lead can plan with, in person-days, and
  /// its basis in words (estimatePersonDays).
  double PersonDays = 0;
  std::string PersonDaysBasis;
  unsigned InterfaceFunctions = 0; ///< functions other modules call
  unsigned CallingModules = 0;     ///< modules that call them
  std::vector<std::string> Reasons; ///< most telling first
  std::vector<size_t> Functions;    ///< call-graph nodes, most important first
  std::vector<size_t> FindingIndexes; ///< into ScanFacts::Findings
};

/// Options of the ranking.
struct RankOptions {
  GroupBy Group = GroupBy::File;
  RankBy Order = RankBy::Priority;
  std::vector<ModuleSpec> Modules; ///< for GroupBy::Config
  ScoringWeights Weights;
  /// The tree's git history (check/GitHistory.h), or null: without it the
  /// value is the value of the code alone.
  const RepoHistory *History = nullptr;
  /// What is the product (rank/Product.h): files it leaves out are not
  /// ranked (their functions, findings and lines count for no module), and
  /// its data lines are subtracted from code lines. Null: every file is
  /// ranked, and every line is code.
  const ProductMap *Product = nullptr;
};

/// The files of \p Facts that \p Product leaves out of the ranking, sorted.
std::vector<LeftOutFile> leftOutFiles(const ScanFacts &Facts, const ProductMap &Product);

/// Files to modules under one set of options, indexed once over every file
/// of the scan (pairing a header with its source needs them all).
class ModuleMap {
public:
  ModuleMap(const std::vector<std::string> &AllFiles, const RankOptions &Options);
  /// The module of \p File.
  std::string of(const std::string &File) const;

private:
  GroupBy Group;
  std::vector<ModuleSpec> Modules;
  /// Sources (not headers) by file name without extension.
  std::map<std::string, std::vector<std::string>> SourcesByStem;
};

/// The module of \p File under \p Options (needs every file of the scan for
/// pairing headers with sources). For many files, build a ModuleMap once.
std::string moduleOf(const std::string &File, const std::vector<std::string> &AllFiles,
                     const RankOptions &Options);

/// Scores and orders the modules of \p Facts. Deterministic, and independent
/// of the order of the facts.
std::vector<ModuleScore> rankModules(const ScanFacts &Facts, const ProgramAnalysis &Analysis,
                                     const RankOptions &Options);

/// Marks the first pilot of \p Modules (in value order): the module of
/// fewest person-days among the PilotCandidates most valuable, with a reason
/// that says so when \p Explain (the default order); it is not moved,
/// the others keeping their value order.
void choosePilot(std::vector<ModuleScore> &Modules, bool Explain);

/// A rewrite's person-days from its code lines, summed cyclomatic
/// complexity, interface functions, and for C++ its virtual and indirect
/// calls; \p Basis receives the arithmetic in words. The rates are stated
/// assumptions (docs/scoring.md), not measurements of the team: 100 code
/// lines ported and tested a day, a day per 50 decisions beyond one per
/// function, half a day per function other modules call (an `extern "C"`
/// shim and its test), C++ a quarter more and a quarter day per dynamic call.
double estimatePersonDays(unsigned CodeLines, unsigned Functions, unsigned Complexity,
                          unsigned Interface, bool Cxx, unsigned DynamicCalls,
                          std::string *Basis = nullptr);

/// True for findings that count as memory-safety risk (not the input-source
/// markers, not meta findings).
bool countsAsRisk(const Finding &F);

/// Parses "file", "dir", "config" / "value", "priority".
bool parseGroupBy(const std::string &Text, GroupBy &Out);
bool parseRankBy(const std::string &Text, RankBy &Out);

} // namespace carcinize
