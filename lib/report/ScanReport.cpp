#include "report/ScanReport.h"

#include "facts/FactsJson.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
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

std::string renderScanText(const ScanFacts &Facts, const ScanContext &Ctx) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  ScanStats S = computeStats(Facts);
  OS << Facts.Tool.Name << " " << Facts.Tool.Version << ": scanned " << S.TranslationUnits
     << plural(S.TranslationUnits, " translation unit", " translation units");
  if (!Ctx.RootLabel.empty())
    OS << " in " << Ctx.RootLabel;
  OS << " (" << S.ParsedClean << " clean, " << S.ParsedWithErrors << " recovered from errors, "
     << S.Failed << " failed)\n";
  for (const auto &N : Ctx.Notes)
    OS << "note: " << N << "\n";
  for (const auto &W : Ctx.Warnings)
    OS << "warning: " << W << "\n";

  std::vector<const TranslationUnitFacts *> Problems;
  for (const auto &TU : Facts.TranslationUnits)
    if (TU.Status != ParseStatus::Clean)
      Problems.push_back(&TU);
  if (!Problems.empty()) {
    OS << "\nTranslation units with problems:\n";
    for (const auto *TU : Problems) {
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

  unsigned Lines = 0;
  for (const auto &F : Facts.Files)
    Lines += F.CodeLines;
  OS << "\nFiles: " << Facts.Files.size() << " (" << Lines << " code lines)   Functions: "
     << Facts.Functions.size() << "\n";

  renderFindingsSummary(OS, Facts, Ctx.Top);

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
  OS.flush();
  return Out;
}

std::string renderScanJson(const ScanFacts &Facts, const ScanContext &Ctx) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    writeFactsMembers(J, Facts);
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
  OS.flush();
  return Out;
}

} // namespace carcinize
