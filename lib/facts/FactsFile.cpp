#include "facts/FactsFile.h"

#include "facts/FactsJson.h"
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
  llvm::json::OStream J(OS, 1);
  J.object([&] {
    J.attribute("carcinize_facts", 1);
    writeFactsMembers(J, S.Facts);
    J.attributeArray("notes", [&] {
      for (const auto &N : S.Notes)
        J.value(N);
    });
    J.attributeArray("warnings", [&] {
      for (const auto &W : S.Warnings)
        J.value(W);
    });
  });
  OS << "\n";
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

SavedFacts parseFactsFile(const std::string &Text, const std::string &Name) {
  SavedFacts S;
  // factsFromJson checks the JSON and the facts; the envelope is read here.
  S.Facts = factsFromJson(Text, Name);
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    llvm::consumeError(V.takeError());
    throw InputError(Name + ": invalid JSON");
  }
  const llvm::json::Object *O = V->getAsObject();
  if (!O || !O->get("carcinize_facts"))
    throw InputError(Name + ": not a facts file (write one with 'carcinize scan --save-facts')");
  S.Notes = strings(*O, "notes", Name);
  S.Warnings = strings(*O, "warnings", Name);
  return S;
}

SavedFacts loadFactsFile(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    throw InputError(Path + ": cannot read the facts file: " + Buf.getError().message());
  return parseFactsFile((*Buf)->getBuffer().str(), Path);
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
