#include "rank/Coverage.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace carcinize {

ScanCoverage measureCoverage(const ScanFacts &Facts, const std::vector<ModuleScore> &Modules) {
  ScanCoverage C;
  std::set<std::string> FailedTUs;
  for (const auto &TU : Facts.TranslationUnits)
    if (TU.Status == ParseStatus::Failed)
      FailedTUs.insert(TU.File);
  std::map<std::string, CoverageCount> ByFile;
  for (const auto &F : Facts.Files) {
    CoverageCount &N = ByFile[F.Path];
    N.CodeLines = F.CodeLines;
    unsigned Unseen = std::min(F.UnanalysedLines, F.CodeLines);
    (FailedTUs.count(F.Path) ? N.Failed : N.Inactive) = Unseen;
    C.Scan.CodeLines += N.CodeLines;
    C.Scan.Inactive += N.Inactive;
    C.Scan.Failed += N.Failed;
  }
  for (const auto &M : Modules) {
    CoverageCount &N = C.Modules[M.Name];
    for (const auto &File : M.Files) {
      auto It = ByFile.find(File);
      if (It == ByFile.end())
        continue;
      N.CodeLines += It->second.CodeLines;
      N.Inactive += It->second.Inactive;
      N.Failed += It->second.Failed;
    }
  }
  C.Measured = !Facts.TranslationUnits.empty();
  return C;
}

std::string percent(double Share) {
  return std::to_string(static_cast<int>(std::floor(std::clamp(Share, 0.0, 1.0) * 100))) + "%";
}

void explainCoverage(std::vector<ModuleScore> &Modules, const ScanCoverage &Coverage) {
  for (auto &M : Modules) {
    auto It = Coverage.Modules.find(M.Name);
    if (It == Coverage.Modules.end() || !It->second.CodeLines ||
        It->second.share() >= LowCoverage)
      continue;
    const CoverageCount &N = It->second;
    std::string Why;
    if (N.Inactive)
      Why += std::to_string(N.Inactive) + " in inactive #if branches";
    if (N.Failed)
      Why += (Why.empty() ? "" : ", ") + std::to_string(N.Failed) +
             " in a translation unit that failed";
    std::string Reason =
        N.unanalysed() >= N.CodeLines
            ? "none of its " + std::to_string(N.CodeLines) + " code lines was analysed (" + Why +
                  "): its scores do not reflect its code"
            : "only " + percent(N.share()) + " of its " + std::to_string(N.CodeLines) +
                  " code lines were analysed (" + Why + "): its scores count what was seen";
    if (N.share() < 0.5)
      M.Reasons.insert(M.Reasons.begin(), Reason);
    else
      M.Reasons.push_back(Reason);
  }
}

std::string lowCoverageWarning(const ScanCoverage &Coverage, bool HasDatabase) {
  const CoverageCount &N = Coverage.Scan;
  if (!Coverage.Measured || !N.CodeLines || N.share() >= LowCoverage)
    return {};
  std::string Text = "only " + percent(N.share()) + " of the " + std::to_string(N.CodeLines) +
                     " code lines were analysed (" + std::to_string(N.Inactive) +
                     " in inactive #if branches, " + std::to_string(N.Failed) +
                     " in translation units that failed): the ranking and findings cover the "
                     "rest only. ";
  if (HasDatabase)
    return Text + "Check that the compilation database is the one the project is built with, "
                  "and see the translation units with problems below";
  return Text + "Without a compilation database, macros the build defines (config.h, -D) are "
                "guessed. Give one with -p DIR: `cmake -B build "
                "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON` writes build/compile_commands.json, "
                "`bear -- make` records one from a Make build, and `meson setup build` writes "
                "one in build/";
}

} // namespace carcinize
