#include "report/ScanReport.h"

#include "facts/FactsJson.h"
#include "support/Text.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace carcinize {

namespace {

const char *plural(size_t N, const char *One, const char *Many) { return N == 1 ? One : Many; }

void renderFindingsSummary(llvm::raw_ostream &OS, const ScanFacts &Facts, unsigned Top) {
  unsigned BySev[4] = {0, 0, 0, 0};
  unsigned Suppressed = 0;
  std::map<std::string, unsigned> ByRule;
  std::vector<const Finding *> Active;
  for (const auto &F : Facts.Findings) {
    if (F.Suppressed) {
      ++Suppressed;
      continue;
    }
    ++BySev[static_cast<int>(F.Sev)];
    ++ByRule[F.RuleId];
    Active.push_back(&F);
  }
  OS << "\nFindings: " << Active.size() << " (" << BySev[3] << " critical, " << BySev[2]
     << " high, " << BySev[1] << " medium, " << BySev[0] << " low)";
  if (Suppressed)
    OS << ", " << Suppressed << " suppressed";
  OS << "\n";
  if (Active.empty())
    return;
  std::vector<std::pair<std::string, unsigned>> Rules(ByRule.begin(), ByRule.end());
  std::stable_sort(Rules.begin(), Rules.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  OS << "  by rule:";
  for (size_t I = 0; I < Rules.size() && I < Top; ++I)
    OS << (I ? ", " : " ") << Rules[I].first << " " << Rules[I].second;
  OS << "\n";
  std::stable_sort(Active.begin(), Active.end(),
                   [](const Finding *A, const Finding *B) { return A->Sev > B->Sev; });
  OS << "\nMost severe findings:\n";
  for (size_t I = 0; I < Active.size() && I < Top; ++I) {
    const Finding &F = *Active[I];
    OS << "  " << F.File << ":" << F.Line << ":" << F.Column << ": " << toString(F.Sev) << ": "
       << F.Message << " [" << F.RuleId << "]\n";
  }
}

} // namespace

static void renderAnalysis(llvm::raw_ostream &OS, const ScanFacts &Facts, const ProgramAnalysis &A,
                    unsigned Top) {
  const CallGraph &G = A.Graph;
  std::vector<size_t> Order(G.size());
  for (size_t I = 0; I < G.size(); ++I)
    Order[I] = I;
  auto Loc = [&](size_t I) {
    return G.function(I).File + ":" + std::to_string(G.function(I).BeginLine);
  };
  // Equally exposed: the one that looks most like a parser, then the
  // biggest, comes first (http_parser_execute before a one-line init).
  std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) {
    if (A.Exposure[X].Score != A.Exposure[Y].Score)
      return A.Exposure[X].Score > A.Exposure[Y].Score;
    const FunctionFacts &FX = G.function(X), &FY = G.function(Y);
    if (FX.ParserShape.size() != FY.ParserShape.size())
      return FX.ParserShape.size() > FY.ParserShape.size();
    return FX.CodeLines > FY.CodeLines;
  });
  if (!Order.empty() && A.Exposure[Order.front()].Score > 0) {
    OS << "\nMost exposed functions (trust boundaries):\n";
    OS << "  exposure  function                         location                  why\n";
    for (size_t K = 0; K < Order.size() && K < Top && A.Exposure[Order[K]].Score > 0; ++K) {
      size_t I = Order[K];
      OS << llvm::format("  %8.2f  %-32s %-25s ", A.Exposure[I].Score, G.function(I).Name.c_str(),
                         Loc(I).c_str())
         << describeExposure(A.Exposure[I].Evidence) << "\n";
    }
  }
  std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) {
    return A.Hotness[X].Score > A.Hotness[Y].Score;
  });
  if (!Order.empty() && A.Hotness[Order.front()].Score > 0) {
    OS << "\nHottest functions (" << A.Hotness[Order.front()].Source << "):\n";
    OS << "  hotness  function                         location                  why\n";
    for (size_t K = 0; K < Order.size() && K < Top && A.Hotness[Order[K]].Score > 0; ++K) {
      size_t I = Order[K];
      OS << llvm::format("  %7.2f  %-32s %-25s ", A.Hotness[I].Score, G.function(I).Name.c_str(),
                         Loc(I).c_str())
         << A.Hotness[I].Detail << "\n";
    }
  }
}

static void renderRanking(llvm::raw_ostream &OS, const std::vector<ModuleScore> &Modules,
                          RankBy Order, unsigned Top, const ScanCoverage *Coverage) {
  if (Modules.empty())
    return;
  OS << "\nModules to rewrite in Rust first (by "
     << (Order == RankBy::Value
             ? "value: where the danger is"
             : "priority: by value; the first pilot, the fewest person-days of the " +
                   std::to_string(PilotCandidates) + " most valuable, is named")
     << "):\n";
  // "seen": the share of the module's code lines that were analysed, beside
  // the score it qualifies.
  OS << "  rank  priority  " << (Coverage ? "seen  " : "")
     << "value  risk  expo  hot    days  lines  module\n";
  for (size_t I = 0; I < Modules.size() && I < Top; ++I) {
    const ModuleScore &M = Modules[I];
    OS << llvm::format("  %4u  %8.2f  ", M.Rank, M.Priority);
    if (Coverage) {
      auto It = Coverage->Modules.find(M.Name);
      OS << llvm::format("%4s  ",
                         percent(It == Coverage->Modules.end() ? 1.0 : It->second.share()).c_str());
    }
    // Effort in person-days (estimatePersonDays; the basis is in the JSON
    // and the summary), the figure a lead plans with.
    OS << llvm::format("%5.2f  %4.2f  %4.2f  %4.2f  %6.1f  %5u  ", M.Value, M.Risk, M.Exposure,
                       M.Hotness, M.PersonDays, M.CodeLines)
       << M.Name << "\n";
    for (size_t R = 0; R < M.Reasons.size() && R < 3; ++R)
      OS << "          - " << M.Reasons[R] << "\n";
  }
  if (Modules.size() > Top)
    OS << "  ... " << (Modules.size() - Top) << " more modules (--top N, or --format json)\n";
}

/// Notes, warnings, and a summary of the translation units with problems:
/// counts by cause, the first few (all with -v).
static void renderNotesAndProblems(llvm::raw_ostream &OS, const ScanFacts &Facts,
                                   const ScanContext &Ctx) {
  if (!Ctx.Notes.empty() || !Ctx.Warnings.empty())
    OS << "\n";
  for (const auto &N : Ctx.Notes)
    OS << "note: " << N << "\n";
  for (const auto &W : Ctx.Warnings)
    OS << "warning: " << W << "\n";

  std::vector<const TranslationUnitFacts *> Problems;
  unsigned Failed = 0, Errors = 0, Missing = 0;
  for (const auto &TU : Facts.TranslationUnits)
    if (TU.Status != ParseStatus::Clean) {
      Problems.push_back(&TU);
      if (TU.Status == ParseStatus::Failed)
        ++Failed;
      else if (!TU.MissingIncludes.empty())
        ++Missing;
      else
        ++Errors;
    }
  if (Problems.empty())
    return;
  constexpr size_t FirstFew = 5;
  OS << "\nTranslation units with problems: " << Problems.size() << " (" << Failed
     << " failed, " << Missing << " with missing headers, " << Errors << " with other errors)"
     << (Ctx.Verbose || Problems.size() <= FirstFew ? ":" : "; the first " +
                                                              std::to_string(FirstFew) + ":")
     << "\n";
  size_t Shown = 0;
  for (const auto *TU : Problems) {
    if (!Ctx.Verbose && Shown++ == FirstFew) {
      OS << "  ... " << (Problems.size() - FirstFew)
         << " more (-v lists them all; --format json has each one's errors)\n";
      break;
    }
    OS << "  " << TU->File << ": " << toString(TU->Status);
    if (TU->ErrorCount)
      OS << ", " << TU->ErrorCount << plural(TU->ErrorCount, " error", " errors");
    if (!TU->MissingIncludes.empty())
      OS << ", " << TU->MissingIncludes.size()
         << plural(TU->MissingIncludes.size(), " missing header", " missing headers")
         << " (first: " << TU->MissingIncludes.front() << ")";
    if (!TU->FailureReason.empty())
      OS << ": " << TU->FailureReason;
    else if (!TU->Errors.empty()) {
      const auto &E = TU->Errors.front();
      OS << "; first: " << E.File << ":" << E.Line << ":" << E.Column << ": " << E.Message;
    }
    OS << "\n";
  }
}

std::string renderScanText(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  ScanStats S = computeStats(Facts);
  OS << Facts.Tool.Name << " " << Facts.Tool.Version << ": scanned " << S.TranslationUnits
     << plural(S.TranslationUnits, " translation unit", " translation units");
  if (!Ctx.RootLabel.empty())
    OS << " in " << Ctx.RootLabel;
  OS << " (" << S.ParsedClean << " clean, " << S.ParsedWithErrors << " recovered from errors, "
     << S.Failed << " failed)\n";
  // The answer first: a warning when much of the code was not seen (the
  // ranking below is then about the rest), the ranking and the findings;
  // notes and the translation units with problems after them.
  if (Ctx.Coverage)
    if (std::string W = lowCoverageWarning(*Ctx.Coverage, Ctx.HasDatabase); !W.empty())
      OS << "warning: " << W << "\n";

  unsigned Lines = 0;
  for (const auto &F : Facts.Files)
    Lines += F.CodeLines;
  OS << "\nFiles: " << Facts.Files.size() << " (" << Lines << " code lines";
  if (Ctx.Coverage && Ctx.Coverage->Measured)
    OS << ", " << percent(Ctx.Coverage->Scan.share()) << " analysed";
  OS << ")   Functions: " << Facts.Functions.size() << "\n";

  if (Ctx.Modules)
    renderRanking(OS, *Ctx.Modules, Ctx.Order, Ctx.Top, Ctx.Coverage);
  renderFindingsSummary(OS, Facts, Ctx.Top);
  if (Analysis)
    renderAnalysis(OS, Facts, *Analysis, Ctx.Top);

  if (!Facts.Functions.empty()) {
    std::vector<const FunctionFacts *> Fns;
    for (const auto &F : Facts.Functions)
      Fns.push_back(&F);
    std::stable_sort(Fns.begin(), Fns.end(), [](const auto *A, const auto *B) {
      if (A->Complexity != B->Complexity)
        return A->Complexity > B->Complexity;
      return A->CodeLines > B->CodeLines;
    });
    if (Fns.size() > Ctx.Top)
      Fns.resize(Ctx.Top);
    OS << "\nMost complex functions:\n";
    OS << "  complexity  loops  lines  function                         location\n";
    for (const auto *F : Fns)
      OS << llvm::format("  %10u %6u %6u  %-32s %s:%u\n", F->Complexity, F->MaxLoopDepth,
                         F->CodeLines, F->Name.c_str(), F->File.c_str(), F->BeginLine);
  }
  renderNotesAndProblems(OS, Facts, Ctx);
  OS.flush();
  // Names, messages and paths from the tree are everywhere in this report,
  // which has no control characters of its own but its newlines: escaping
  // the whole text once leaves no field behind.
  return printable(Out, "\n");
}

std::string renderScanJson(const ScanFacts &Facts, const ScanContext &Ctx,
                           const ProgramAnalysis *Analysis) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeScanJson(OS, Facts, Ctx, Analysis);
  OS.flush();
  return Out;
}

/// `"coverage": {"code_lines", "analysed_lines", "inactive_lines",
/// "failed_lines", "share"}`.
static void writeCoverage(llvm::json::OStream &J, const CoverageCount &N) {
  J.attributeObject("coverage", [&] {
    J.attribute("code_lines", N.CodeLines);
    J.attribute("analysed_lines", N.CodeLines - std::min(N.CodeLines, N.unanalysed()));
    J.attribute("inactive_lines", N.Inactive);
    J.attribute("failed_lines", N.Failed);
    J.attribute("share", std::round(N.share() * 1000) / 1000);
  });
}

void writeScanJson(llvm::raw_ostream &OS, const ScanFacts &Facts, const ScanContext &Ctx,
                   const ProgramAnalysis *Analysis) {
  llvm::json::OStream J(OS, 2);
  FunctionExtras Extras;
  if (Analysis)
    Extras = [&](llvm::json::OStream &J, size_t Index) {
      long Node = Analysis->Graph.find(Facts.Functions[Index].Usr);
      if (Node < 0)
        return;
      const FunctionExposure &E = Analysis->Exposure[Node];
      J.attributeObject("exposure", [&] {
        J.attribute("score", std::round(E.Score * 1000) / 1000);
        if (!E.Evidence.Kind.empty()) {
          J.attribute("kind", E.Evidence.Kind);
          J.attribute("source", E.Evidence.Source);
          J.attribute("source_kind", E.Evidence.SourceKind);
          J.attribute("origin", E.Evidence.Origin);
          J.attribute("line", E.Evidence.Line);
          J.attributeArray("chain", [&] {
            for (const auto &C : E.Evidence.Chain)
              J.value(C);
          });
          J.attribute("why", describeExposure(E.Evidence));
        }
      });
      const FunctionHotness &H = Analysis->Hotness[Node];
      J.attributeObject("hotness", [&] {
        J.attribute("score", std::round(H.Score * 1000) / 1000);
        J.attribute("source", H.Source);
        J.attribute("why", H.Detail);
      });
      J.attribute("recursive", Analysis->Graph.recursive(Node));
    };
  J.object([&] {
    writeFactsMembers(J, Facts, Extras, /*WithFlow=*/false);
    if (Ctx.Modules && Analysis)
      J.attributeArray("modules", [&] {
        for (const ModuleScore &M : *Ctx.Modules)
          J.object([&] {
            auto R3 = [](double V) { return std::round(V * 1000) / 1000; };
            J.attribute("rank", M.Rank);
            J.attribute("module", M.Name);
            J.attributeArray("files", [&] {
              for (const auto &F : M.Files)
                J.value(F);
            });
            J.attribute("priority", R3(M.Priority));
            J.attribute("value", R3(M.Value));
            J.attribute("risk", R3(M.Risk));
            J.attribute("exposure", R3(M.Exposure));
            J.attribute("hotness", R3(M.Hotness));
            J.attribute("effort", R3(M.Effort));
            J.attribute("person_days", M.PersonDays);
            J.attribute("person_days_basis", M.PersonDaysBasis);
            if (M.DataLines)
              J.attribute("data_lines", M.DataLines);
            if (M.FirstPilot)
              J.attribute("first_pilot", true);
            if (M.HasHistory) {
              // The evidence and what it did: the value without it beside.
              const ModuleHistory &H = M.History;
              J.attributeObject("history", [&] {
                J.attribute("commits", H.Commits);
                J.attribute("fix_commits", H.Fixes);
                if (H.Latest)
                  J.attribute("latest", yearMonth(H.Latest));
                if (H.Fixes) {
                  J.attribute("latest_fix", yearMonth(H.LatestFix));
                  J.attribute("latest_fix_subject", H.LatestFixSubject);
                  J.attribute("latest_fix_keyword", H.LatestFixKeyword);
                }
                J.attribute("churn", R3(H.Churn));
                J.attribute("fixes", R3(H.FixScore));
                J.attribute("score", R3(H.Score));
              });
              J.attribute("value_without_history", R3(M.ValueWithoutHistory));
            }
            J.attribute("code_lines", M.CodeLines);
            if (Ctx.Coverage) {
              auto It = Ctx.Coverage->Modules.find(M.Name);
              CoverageCount N = It == Ctx.Coverage->Modules.end() ? CoverageCount() : It->second;
              writeCoverage(J, N);
            }
            J.attribute("findings", M.Findings);
            J.attribute("severe_findings", M.SevereFindings);
            J.attribute("interface_functions", M.InterfaceFunctions);
            J.attributeArray("reasons", [&] {
              for (const auto &R : M.Reasons)
                J.value(R);
            });
            J.attributeArray("functions", [&] {
              for (size_t I : M.Functions) {
                const FunctionFacts &F = Analysis->Graph.function(I);
                J.object([&] {
                  J.attribute("name", F.Name);
                  J.attribute("usr", F.Usr);
                  J.attribute("location", F.File + ":" + std::to_string(F.BeginLine));
                  J.attribute("exposure", R3(Analysis->Exposure[I].Score));
                  J.attribute("hotness", R3(Analysis->Hotness[I].Score));
                  J.attribute("code_lines", F.CodeLines);
                });
              }
            });
          });
      });
    if (Ctx.Coverage)
      writeCoverage(J, Ctx.Coverage->Scan);
    J.attributeArray("notes", [&] {
      for (const auto &N : Ctx.Notes)
        J.value(N);
    });
    J.attributeArray("warnings", [&] {
      for (const auto &W : Ctx.Warnings)
        J.value(W);
    });
  });
  OS << "\n";
}

} // namespace carcinize
