#include "check/Unanalysed.h"

#include "support/Paths.h"

#include <algorithm>
#include <set>

namespace carcinize {

std::string unanalysedReason(const TranslationUnitFacts &TU, bool Interpolated) {
  if (TU.Status == ParseStatus::Failed)
    return "not analysed: " +
           (TU.FailureReason.empty() ? std::string("the parse failed") : TU.FailureReason);
  if (TU.Status != ParseStatus::Recovered || !TU.ErrorCount)
    return {};
  if (!TU.InferredFlags) {
    std::string Why = "does not compile with the flags of the compilation database (" +
                      std::to_string(TU.ErrorCount) +
                      (TU.ErrorCount == 1 ? " error" : " errors");
    if (!TU.Errors.empty()) {
      const ParseDiagnostic &E = TU.Errors.front();
      Why += "; first: " + E.File + ":" + std::to_string(E.Line) + ": " + E.Message;
    }
    return Why + "): code after an error may not have been analysed";
  }
  if (Interpolated) {
    // A file a pull request adds is not in the database yet: its flags come
    // from its neighbours' entries, which compile the rest of the folder.
    // An error in the file itself, under those flags, is the file's own (a
    // header the neighbours' flags cannot find is a missing include, not
    // an error of this list); errors only in headers stay coverage's
    // business, as under inferred flags.
    for (const ParseDiagnostic &E : TU.Errors)
      if (E.File == TU.File)
        return "does not compile with flags interpolated from the compilation database (" +
               std::to_string(TU.ErrorCount) + (TU.ErrorCount == 1 ? " error" : " errors") +
               "; first in the file: " + E.File + ":" + std::to_string(E.Line) + ": " +
               E.Message + "): code after an error may not have been analysed";
  }
  return {};
}

std::vector<UnanalysedFile> findUnanalysed(const ScanFacts &Facts, const CheckScope &Scope) {
  std::map<std::string, const TranslationUnitFacts *> ByFile;
  for (const auto &TU : Facts.TranslationUnits)
    ByFile.emplace(TU.File, &TU);
  std::map<std::string, std::string> Out;
  // With a database in use, a TU whose flags were not its own had them
  // interpolated from the database's entries (Scanner).
  const bool Interpolated = !Scope.Database.empty();
  auto NotPlanned = [&] {
    return Scope.Database.empty()
               ? std::string("not analysed: no translation unit was planned for it")
               : "not analysed: the compilation database " + Scope.Database +
                     " does not list it and no flags could be interpolated for it";
  };
  for (const auto &File : Scope.Files) {
    auto H = Scope.HeaderTUs.find(File);
    if (H != Scope.HeaderTUs.end()) {
      // A header is analysed when one of its TUs was.
      std::string First;
      bool Seen = false;
      for (const auto &Via : H->second) {
        auto It = ByFile.find(Via);
        std::string Why = It == ByFile.end() ? NotPlanned() : unanalysedReason(*It->second, Interpolated);
        if (Why.empty()) {
          Seen = true;
          break;
        }
        if (First.empty())
          First = Via == File ? Why : "its translation unit " + Via + " " + Why;
      }
      if (!Seen)
        Out.emplace(File, First.empty() ? NotPlanned() : First);
      continue;
    }
    auto It = ByFile.find(File);
    if (It == ByFile.end()) {
      Out.emplace(File, NotPlanned());
    } else if (std::string Why = unanalysedReason(*It->second, Interpolated); !Why.empty()) {
      Out.emplace(File, Why);
    }
  }
  for (const auto &TU : Facts.TranslationUnits)
    for (const auto &Dir : Scope.Folders)
      if (Dir == "." || isUnder(TU.File, Dir)) {
        if (std::string Why = unanalysedReason(TU, Interpolated); !Why.empty())
          Out.emplace(TU.File, Why);
        break;
      }
  std::vector<UnanalysedFile> List;
  for (auto &[File, Why] : Out)
    List.push_back({File, Why});
  return List;
}

} // namespace carcinize
