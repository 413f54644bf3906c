#include "facts/FactsFile.h"

#include "facts/FactsJson.h"
#include "support/BoundedInput.h"
#include "support/Error.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <set>

namespace carcinize {

std::string renderFactsFile(const SavedFacts &S) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeFactsFile(OS, S);
  OS.flush();
  return Out;
}

void writeFactsFile(llvm::raw_ostream &OS, const SavedFacts &S) {
  {
    llvm::json::OStream J(OS, 0);
    J.object([&] {
      J.attribute("carcinize_facts", FactsFileVersion);
      J.attributeObject("tool", [&] {
        J.attribute("name", S.Facts.Tool.Name);
        J.attribute("version", S.Facts.Tool.Version);
      });
      J.attributeArray("notes", [&] {
        for (const auto &N : S.Notes)
          J.value(N);
      });
      J.attributeArray("warnings", [&] {
        for (const auto &W : S.Warnings)
          J.value(W);
      });
    });
  }
  OS << "\n";
  writeFactsRecords(OS, S.Facts);
}

namespace {

std::vector<std::string> strings(const llvm::json::Object &O, llvm::StringRef Key,
                                 const std::string &Name) {
  std::vector<std::string> Out;
  const llvm::json::Value *V = O.get(Key);
  if (!V)
    return Out;
  const llvm::json::Array *A = V->getAsArray();
  if (!A)
    throw InputError(Name + ": '" + Key.str() + "' must be an array of strings");
  for (const auto &E : *A) {
    auto S = E.getAsString();
    if (!S)
      throw InputError(Name + ": '" + Key.str() + "' must be an array of strings");
    Out.push_back(S->str());
  }
  return Out;
}

} // namespace

SavedFacts parseFactsFile(llvm::StringRef Text, const std::string &Name) {
  // The first line is the header; every other line one record, parsed on
  // its own (see writeFactsRecords).
  auto [Head, Rest] = Text.split('\n');
  const std::string NotFacts =
      Name + ": not a facts file (write one with 'carcinize scan --save-facts')";
  llvm::Expected<llvm::json::Value> V = parseJsonBounded(Head, Name + ":1", /*NameHasLine=*/true);
  if (!V) {
    llvm::consumeError(V.takeError());
    throw InputError(NotFacts);
  }
  const llvm::json::Object *O = V->getAsObject();
  const llvm::json::Value *Version = O ? O->get("carcinize_facts") : nullptr;
  if (!Version)
    throw InputError(NotFacts);
  if (Version->getAsInteger() != FactsFileVersion)
    throw InputError(Name + ": a facts file of another format (version " +
                     std::to_string(Version->getAsInteger().value_or(0)) + ", this carcinize reads " +
                     std::to_string(FactsFileVersion) + "); save the facts again");
  SavedFacts S;
  const llvm::json::Object *Tool = O->getObject("tool");
  auto ToolName = Tool ? Tool->getString("name") : std::nullopt;
  auto ToolVersion = Tool ? Tool->getString("version") : std::nullopt;
  if (!ToolName || !ToolVersion)
    throw InputError(Name + ":1: not a carcinize facts file: tool: expected its name and version");
  S.Facts.Tool = {ToolName->str(), ToolVersion->str()};
  S.Notes = strings(*O, "notes", Name);
  S.Warnings = strings(*O, "warnings", Name);
  unsigned LineNo = 1;
  while (!Rest.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    ++LineNo;
    if (Line.trim().empty())
      continue;
    readFactsRecord(Line, S.Facts, Name + ":" + std::to_string(LineNo));
  }
  return S;
}

SavedFacts loadFactsFile(const std::string &Path) {
  auto Buf = readInputFile(Path, "facts file", input_limits::Facts);
  return parseFactsFile(Buf->getBuffer(), Path);
}

SavedFacts mergeFactsFiles(std::vector<SavedFacts> Parts, const std::vector<std::string> &Names) {
  SavedFacts Out;
  std::set<std::string> SeenNotes, SeenWarnings;
  for (size_t I = 0; I < Parts.size(); ++I) {
    SavedFacts &P = Parts[I];
    if (I == 0)
      Out.Facts.Tool = P.Facts.Tool;
    else if (!(P.Facts.Tool.Name == Out.Facts.Tool.Name &&
               P.Facts.Tool.Version == Out.Facts.Tool.Version))
      throw InputError((I < Names.size() ? Names[I] : "a facts file") + ": written by " +
                       P.Facts.Tool.Name + " " + P.Facts.Tool.Version + ", but " +
                       (Names.empty() ? "the first" : Names[0]) + " by " +
                       Out.Facts.Tool.Name + " " + Out.Facts.Tool.Version +
                       "; scan every shard with the same carcinize");
    for (auto &N : P.Notes)
      if (SeenNotes.insert(N).second)
        Out.Notes.push_back(std::move(N));
    for (auto &W : P.Warnings)
      if (SeenWarnings.insert(W).second)
        Out.Warnings.push_back(std::move(W));
    ToolInfo Tool = Out.Facts.Tool;
    Out.Facts.append(std::move(P.Facts));
    Out.Facts.Tool = Tool;
  }
  Out.Facts.normalize();
  return Out;
}

} // namespace carcinize
