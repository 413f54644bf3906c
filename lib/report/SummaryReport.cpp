#include "report/SummaryReport.h"

#include "report/MachineReports.h"

#include <cstdio>
#include <llvm/Support/Format.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>

namespace carcinize {

namespace {

const char *plural(uint64_t N, const char *One, const char *Many) { return N == 1 ? One : Many; }

std::string percent(uint64_t Part, uint64_t Whole) {
  if (Whole == 0)
    return "0%";
  double P = 100.0 * double(Part) / double(Whole);
  char Buf[32];
  // Whole percents, except where rounding would say 0% or 100% of something.
  if (P > 0 && P < 1)
    std::snprintf(Buf, sizeof Buf, "%.1f%%", P);
  else if (P > 99 && P < 100)
    std::snprintf(Buf, sizeof Buf, "%.1f%%", P);
  else
    std::snprintf(Buf, sizeof Buf, "%.0f%%", P);
  return Buf;
}

/// A sentence of evidence for \p M: its findings, then what the ranker found
/// most telling about it.
std::string evidence(const ModuleScore &M) {
  std::string S = std::to_string(M.CodeLines) + plural(M.CodeLines, " code line", " code lines");
  if (M.Findings)
    S += ", " + std::to_string(M.Findings) +
         plural(M.Findings, " memory-safety finding", " memory-safety findings") +
         (M.SevereFindings ? " (" + std::to_string(M.SevereFindings) + " high or critical)" : "");
  else
    S += ", no memory-safety finding";
  if (!M.Reasons.empty())
    S += "; " + markdownText(M.Reasons.front(), 400);
  return S + ".";
}

} // namespace

EffortEstimate estimateEffort(const ModuleScore &M, const CallGraph &G) {
  unsigned Complexity = 0;
  for (size_t I : M.Functions)
    if (I < G.size())
      Complexity += G.function(I).Complexity;
  EffortEstimate E;
  // The ranker's person-days (rank/Ranker.h, estimatePersonDays): the same
  // figure the scan report and the JSON show.
  char Buf[96];
  std::snprintf(Buf, sizeof Buf, "about %.1f person-days (effort %.2f on the ranker's scale of 0 to 1)",
                M.PersonDays, M.Effort);
  E.Figure = Buf;
  E.Basis = std::to_string(M.CodeLines) + " code lines in " + std::to_string(M.FunctionCount) +
            plural(M.FunctionCount, " function", " functions") + ", cyclomatic complexity " +
            std::to_string(Complexity) + ", " + std::to_string(M.InterfaceFunctions) +
            plural(M.InterfaceFunctions, " function", " functions") +
            " other modules call (to keep behind `extern \"C\"`); " + M.PersonDaysBasis;
  return E;
}

std::string renderSummary(const ScanFacts &Facts, const ScanContext &Ctx,
                          const ProgramAnalysis &A, const SafeCode &Safe) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  ScanStats S = computeStats(Facts);
  uint64_t CLines = 0;
  for (const auto &F : Facts.Files)
    CLines += F.CodeLines;
  unsigned MissingHeaders = 0;
  for (const auto &TU : Facts.TranslationUnits)
    MissingHeaders += TU.MissingIncludes.empty() ? 0 : 1;

  OS << "# What to rewrite in Rust first: " << markdownText(Ctx.RootLabel, 200) << "\n\n";

  OS << "## What was scanned\n\n";
  unsigned Seen = S.ParsedClean + S.ParsedWithErrors;
  OS << "- " << S.TranslationUnits
     << plural(S.TranslationUnits, " translation unit", " translation units") << ", "
     << Facts.Files.size() << plural(Facts.Files.size(), " file", " files") << " of C and C++ ("
     << CLines << " code lines), " << Facts.Functions.size()
     << plural(Facts.Functions.size(), " function", " functions") << ".\n";
  OS << "- Seen: " << percent(Seen, S.TranslationUnits) << " of the translation units were parsed ("
     << S.ParsedClean << " cleanly, " << S.ParsedWithErrors << " recovered from errors); "
     << S.Failed << " failed and are not in the ranking.\n";
  if (S.InferredFlags)
    OS << "- " << S.InferredFlags << " of them with inferred flags (no compilation database "
       << "named them): give `-p build` for the project's own.\n";
  if (MissingHeaders)
    OS << "- " << MissingHeaders
       << plural(MissingHeaders, " translation unit misses", " translation units miss")
       << " headers (often a generated `config.h`): what they declare was not seen.\n";
  OS << "\n";

  OS << "## The three modules to start with\n\n";
  std::vector<const ModuleScore *> Top;
  if (Ctx.Modules)
    for (size_t I = 0; I < Ctx.Modules->size() && Top.size() < 3; ++I)
      Top.push_back(&(*Ctx.Modules)[I]);
  if (Top.empty()) {
    OS << "No module was ranked: nothing of the tree was parsed.\n\n";
  } else {
    OS << "Ranked by "
       << (Ctx.Order == RankBy::Value ? "value (where the danger is)"
                                      : "priority (by value; the first pilot, the fewest "
                                        "person-days of the most valuable, is named)")
       << " among " << Ctx.Modules->size() << plural(Ctx.Modules->size(), " module", " modules")
       << ":\n\n";
    for (size_t I = 0; I < Top.size(); ++I)
      OS << I + 1 << ". **" << markdownText(Top[I]->Name, 200) << "**: " << evidence(*Top[I])
         << "\n";
    OS << "\n";
    // The first pilot (rank/Ranker.h, choosePilot), named even below the
    // three: the small module among the most valuable to start with.
    for (const auto &M : *Ctx.Modules)
      if (M.FirstPilot && M.Rank > Top.size()) {
        char Buf[64];
        std::snprintf(Buf, sizeof Buf, "%.1f", M.PersonDays);
        OS << "First pilot: **" << markdownText(M.Name, 200) << "** (rank " << M.Rank << ", "
           << Buf << " person-days), the smallest of the " << PilotCandidates
           << " most valuable modules.\n\n";
      }
  }

  OS << "## Estimated effort\n\n";
  if (Top.empty()) {
    OS << "Nothing to estimate.\n\n";
  } else {
    for (const ModuleScore *M : Top) {
      EffortEstimate E = estimateEffort(*M, A.Graph);
      OS << "- " << markdownText(M->Name, 200) << ": " << E.Figure << ", from " << E.Basis
         << ".\n";
    }
    OS << "\nThe basis is the ranker's effort model (docs/scoring.md): size, decisions and the "
          "interface to keep stable; `carcinize plan MODULE` writes the brief for one of "
          "them.\n\n";
  }

  OS << "## Already memory-safe\n\n";
  uint64_t All = CLines + Safe.RustLines;
  if (Safe.RustFiles == 0) {
    OS << "No Rust source in the tree: 0% of the code is in a memory-safe language ("
       << CLines << " lines of C and C++).\n";
  } else {
    OS << percent(Safe.RustLines, All) << " of the code is Rust: " << Safe.RustLines
       << " lines in " << Safe.RustFiles << plural(Safe.RustFiles, " file", " files")
       << ", beside " << CLines << " lines of C and C++ (lines that are neither blank nor "
       << "comments).\n";
  }
  if (Safe.Incomplete)
    OS << "The count of Rust lines stopped early (a bound, or an unreadable folder): it is a "
          "lower bound.\n";
  OS << "\n";

  OS << "## What to measure in the pilot\n\n";
  OS << "Build the C and the Rust versions of the first module and run both on the same "
        "inputs, on the same machine, A/B:\n\n";
  OS << "- latency (median and tail, p99) of the calls into the module;\n";
  OS << "- throughput (requests, or bytes, per second);\n";
  OS << "- error rates (failed requests, crashes, sanitizer reports on the fuzz corpus);\n";
  OS << "- CPU time and peak memory (RSS).\n";
  if (!Top.empty()) {
    const ModuleScore &M = *Top.front();
    std::vector<size_t> Hot;
    for (size_t I : M.Functions)
      if (I < A.Hotness.size() && A.Hotness[I].Score > 0)
        Hot.push_back(I);
    std::stable_sort(Hot.begin(), Hot.end(), [&](size_t X, size_t Y) {
      return A.Hotness[X].Score > A.Hotness[Y].Score;
    });
    if (!Hot.empty()) {
      OS << "\nIn " << markdownText(M.Name, 200) << ", benchmark first:";
      for (size_t K = 0; K < Hot.size() && K < 3; ++K)
        OS << (K ? ", " : " ") << markdownText(A.Graph.function(Hot[K]).Name, 200)
           << " (hotness " << llvm::format("%.2f", A.Hotness[Hot[K]].Score) << ")";
      OS << ".\n";
    }
  }
  OS.flush();
  return Out;
}

} // namespace carcinize
