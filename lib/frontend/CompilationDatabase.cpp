#include "frontend/CompilationDatabase.h"

#include "support/BoundedInput.h"
#include "support/Error.h"
#include "support/JsonError.h"
#include "support/Paths.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/StringSaver.h>

#include <cstdlib>
#include <set>

namespace carcinize {

namespace json = llvm::json;

namespace {

// Byte offsets of the top-level array's elements, found with a scan that
// knows only strings and brackets: llvm::json keeps no positions, and errors
// must name a line.
std::vector<unsigned> elementLines(const std::string &Text) {
  std::vector<unsigned> Lines;
  unsigned Line = 1;
  int Depth = 0;
  bool InString = false, Escape = false, ExpectElement = false;
  for (char C : Text) {
    if (C == '\n')
      ++Line;
    if (InString) {
      if (Escape)
        Escape = false;
      else if (C == '\\')
        Escape = true;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\r' || C == '\n')
      continue;
    if (ExpectElement && Depth == 1 && C != ']') {
      Lines.push_back(Line);
      ExpectElement = false;
    }
    if (C == '"')
      InString = true;
    else if (C == '[' || C == '{') {
      ++Depth;
      if (Depth == 1 && C == '[')
        ExpectElement = true;
    } else if (C == ']' || C == '}')
      --Depth;
    else if (C == ',' && Depth == 1)
      ExpectElement = true;
  }
  return Lines;
}

} // namespace

std::vector<std::string> splitCommandLine(const std::string &Command) {
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 64> Argv;
  llvm::cl::TokenizeGNUCommandLine(Command, Saver, Argv);
  std::vector<std::string> Out;
  for (const char *A : Argv)
    if (A)
      Out.emplace_back(A);
  return Out;
}

CompilationDatabase parseCompilationDatabase(const std::string &Text,
                                             const std::string &JsonPath,
                                             const std::string &ReportName) {
  CompilationDatabase Db;
  Db.Path = absolutePath(JsonPath);
  std::string DbDir = parentDir(Db.Path);
  auto Parsed = parseJsonBounded(Text, JsonPath);
  if (!Parsed) {
    std::string LineCol;
    std::string What = jsonErrorText(Parsed.takeError(), Text, LineCol);
    throw InputError(JsonPath + (LineCol.empty() ? "" : ":" + LineCol) +
                     ": invalid JSON: " + What);
  }
  const json::Array *Entries = Parsed->getAsArray();
  if (!Entries)
    throw InputError(JsonPath + ":1: a compilation database must be a JSON array of entries");
  std::vector<unsigned> Lines = elementLines(Text);
  std::set<std::string> Seen;
  for (size_t I = 0; I < Entries->size(); ++I) {
    unsigned Line = I < Lines.size() ? Lines[I] : 0;
    std::string Where = JsonPath + ":" + std::to_string(Line);
    std::string WarnAt = (ReportName.empty() ? JsonPath : ReportName) + ":" + std::to_string(Line);
    auto Fail = [&](const std::string &What) {
      throw InputError(Where + ": entry " + std::to_string(I + 1) + ": " + What);
    };
    const json::Object *O = (*Entries)[I].getAsObject();
    if (!O)
      Fail("expected an object with 'directory', 'file' and 'arguments' or 'command'");
    auto Str = [&](llvm::StringRef Key) -> std::optional<std::string> {
      const json::Value *V = O->get(Key);
      if (!V)
        return std::nullopt;
      auto S = V->getAsString();
      if (!S)
        Fail("'" + Key.str() + "' must be a string");
      return S->str();
    };
    std::optional<std::string> Dir = Str("directory"), File = Str("file");
    if (!Dir)
      Fail("missing 'directory'");
    if (!File)
      Fail("missing 'file'");
    CompileCommand C;
    C.EntryLine = Line;
    // A relative directory is taken relative to the database's folder.
    C.Directory = absolutePath(*Dir, DbDir);
    C.File = absolutePath(*File, C.Directory);
    if (const json::Value *Args = O->get("arguments")) {
      const json::Array *A = Args->getAsArray();
      if (!A)
        Fail("'arguments' must be an array of strings");
      for (const auto &V : *A) {
        auto S = V.getAsString();
        if (!S)
          Fail("'arguments' must be an array of strings");
        C.Arguments.push_back(S->str());
      }
    } else if (auto Cmd = Str("command")) {
      C.Arguments = splitCommandLine(*Cmd);
    } else {
      Fail("missing 'arguments' or 'command'");
    }
    if (C.Arguments.empty())
      Fail("empty command line");
    if (!Seen.insert(C.File).second) {
      Db.Warnings.push_back(WarnAt + ": entry " + std::to_string(I + 1) +
                            ": repeated entry for '" + *File + "' ignored (the first is used)");
      continue;
    }
    if (!llvm::sys::fs::is_regular_file(C.File)) {
      Db.Warnings.push_back(WarnAt + ": entry " + std::to_string(I + 1) + ": '" + *File +
                            "' does not exist or is not a regular file; skipped");
      continue;
    }
    Db.Commands.push_back(std::move(C));
  }
  return Db;
}

CompilationDatabase loadCompilationDatabase(const std::string &JsonPath,
                                            const std::string &ReportName) {
  if (llvm::sys::fs::is_directory(JsonPath))
    throw InputError(JsonPath + ": is a directory, not a compilation database");
  auto Buf = readInputFile(JsonPath, "compilation database", input_limits::CompilationDatabase);
  return parseCompilationDatabase(Buf->getBuffer().str(), JsonPath, ReportName);
}

std::optional<std::string> findCompilationDatabase(const std::string &Path) {
  std::string Dir = absolutePath(Path);
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = parentDir(Dir);
  while (true) {
    for (const char *Candidate : {"/compile_commands.json", "/build/compile_commands.json"}) {
      std::string P = (Dir == "/" ? "" : Dir) + Candidate;
      if (llvm::sys::fs::is_regular_file(P))
        return P;
    }
    if (Dir == "/")
      return std::nullopt;
    Dir = parentDir(Dir);
  }
}

} // namespace carcinize
