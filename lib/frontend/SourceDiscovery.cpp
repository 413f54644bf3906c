#include "frontend/SourceDiscovery.h"

#include "frontend/ConfigStandIn.h"

#include "support/Glob.h"
#include "support/Interrupt.h"
#include "support/Paths.h"

#include <clang/Basic/LangOptions.h>
#include <clang/Lex/Lexer.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <set>

namespace carcinize {

SourceKind classifySource(const std::string &Path) {
  std::string_view Ext = extensionOf(Path);
  if (Ext == ".c")
    return SourceKind::CSource;
  if (Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" || Ext == ".c++" || Ext == ".C" ||
      Ext == ".cp" || Ext == ".CPP")
    return SourceKind::CxxSource;
  if (Ext == ".h" || Ext == ".hh" || Ext == ".hpp" || Ext == ".hxx" || Ext == ".h++" ||
      Ext == ".H" || Ext == ".inl" || Ext == ".ipp" || Ext == ".tcc")
    return SourceKind::Header;
  return SourceKind::None;
}

static bool isSkippedDirName(std::string_view Name) {
  if (Name.empty() || Name == "." || Name == "..")
    return false;
  if (Name[0] == '.')
    return true; // .git, .hg, .svn, .cache, .vscode ...
  return Name == "build" || Name == "_build" || Name == "CMakeFiles" ||
         Name == "node_modules" || Name.rfind("cmake-build-", 0) == 0;
}

bool isExcludedPath(const std::string &Path, const std::string &Root,
                    const std::vector<std::string> &Exclude) {
  // Called once per database entry: a long database with many globs must
  // still stop at once on a signal.
  if (int Sig = interruptSignal())
    throw Interrupted{Sig};
  std::string Rel = relativeTo(Path, Root);
  if (Rel == Path && !isUnder(Path, Root))
    Rel = Path;
  // Folders below the root that discovery always skips.
  size_t Start = 0;
  while (Start < Rel.size()) {
    size_t End = Rel.find('/', Start);
    if (End == std::string::npos)
      break; // the last component is the file itself
    if (isSkippedDirName(std::string_view(Rel).substr(Start, End - Start)))
      return true;
    Start = End + 1;
  }
  for (const auto &G : Exclude)
    if (globMatch(G, Rel))
      return true;
  return false;
}

DiscoveredTree discoverSources(const std::vector<std::string> &Paths,
                               const std::string &Root,
                               const std::vector<std::string> &Exclude) {
  DiscoveredTree T;
  T.Root = Root;
  std::set<std::string> Sources, HeaderDirs, Templates;
  auto Consider = [&](const std::string &File) {
    SourceKind K = classifySource(File);
    if (K == SourceKind::None && !generatedHeaderOf(File).empty()) {
      bool Excluded = false;
      for (const auto &G : Exclude)
        Excluded = Excluded || globMatch(G, relativeTo(File, Root));
      if (!Excluded)
        Templates.insert(File);
      return;
    }
    if (K == SourceKind::None)
      return;
    for (const auto &G : Exclude)
      if (globMatch(G, relativeTo(File, Root)))
        return;
    if (K == SourceKind::Header)
      HeaderDirs.insert(parentDir(File));
    else
      Sources.insert(File);
  };
  for (const auto &P : Paths) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(P, St)) {
      T.Warnings.push_back(P + ": cannot read");
      continue;
    }
    if (llvm::sys::fs::is_regular_file(St)) {
      Consider(P);
      continue;
    }
    if (!llvm::sys::fs::is_directory(St))
      continue;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(P, EC, /*follow_symlinks=*/false), End;
         It != End; It.increment(EC)) {
      if (EC) {
        T.Warnings.push_back(It->path() + ": " + EC.message());
        EC.clear();
        continue;
      }
      // Matching the excludes over a big tree takes a while: a signal
      // ends the walk at once (the scan checks only between TUs).
      if (int Sig = interruptSignal())
        throw Interrupted{Sig};
      const std::string &Entry = It->path();
      std::string Name(baseName(Entry));
      auto Type = It->type();
      if (Type == llvm::sys::fs::file_type::directory_file) {
        bool Excluded = isSkippedDirName(Name);
        for (const auto &G : Exclude)
          Excluded = Excluded || globMatch(G, relativeTo(Entry, Root));
        if (Excluded)
          It.no_push();
        continue;
      }
      if (Type == llvm::sys::fs::file_type::symlink_file) {
        // Follow links to regular files only: a link to a folder could loop.
        // And only to files inside the root, as folders outside are never
        // walked: a tree's link to /etc/passwd.c or ../../secret.c is not
        // the tree's code, and must not be parsed or quoted.
        if (!llvm::sys::fs::is_regular_file(Entry))
          continue;
        if (classifySource(Entry) != SourceKind::None && !resolvesUnder(Entry, Root)) {
          T.Warnings.push_back(relativeTo(Entry, Root) +
                               ": a symbolic link to a file outside the scanned root; not scanned");
          continue;
        }
        Consider(Entry);
        continue;
      }
      if (Type == llvm::sys::fs::file_type::regular_file)
        Consider(Entry);
    }
  }
  T.Sources.assign(Sources.begin(), Sources.end());
  T.HeaderDirs.assign(HeaderDirs.begin(), HeaderDirs.end());
  T.HeaderTemplates.assign(Templates.begin(), Templates.end());
  return T;
}

std::vector<std::string> inferFlags(const std::string &Source, const DiscoveredTree &Tree) {
  std::vector<std::string> Args;
  // A header parsed on its own: C++ when its extension says so, else C.
  std::string_view Ext = extensionOf(Source);
  if (classifySource(Source) == SourceKind::CxxSource || Ext == ".hpp" || Ext == ".hh" ||
      Ext == ".hxx" || Ext == ".h++" || Ext == ".ipp") {
    Args = {"-x", "c++", "-std=gnu++17"};
  } else {
    Args = {"-x", "c", "-std=gnu17"};
  }
  // The source's own folder first (as the compiler does for "" includes),
  // then every folder that holds headers, so `#include "util/x.h"` and
  // `#include "x.h"` both resolve in most layouts.
  std::set<std::string> Added;
  auto AddDir = [&](const std::string &D) {
    if (Added.insert(D).second)
      Args.push_back("-I" + D);
  };
  AddDir(parentDir(Source));
  for (const auto &D : Tree.HeaderDirs) {
    AddDir(D);
    // `#include "lib/x.h"` from a folder holding `lib/`.
    std::string Parent = parentDir(D);
    if (!Tree.Root.empty() && isUnder(Parent, Tree.Root))
      AddDir(Parent);
  }
  return Args;
}

std::vector<std::string> includedSources(const std::string &Source) {
  std::vector<std::string> Out;
  auto Buf = readRegularFile(Source, /*NullTerminated=*/true); // the lexer needs the NUL
  if (!Buf)
    return Out;
  llvm::StringRef Text = Buf->getBuffer();
  // Most files include no source: skip the lexer for them.
  if (!Text.contains(".c\"") && !Text.contains(".cc\"") && !Text.contains(".cpp\"") &&
      !Text.contains(".cxx\""))
    return Out;
  clang::LangOptions LO;
  LO.CPlusPlus = true; // the widest tokenization; only directives matter here
  clang::Lexer Lex(clang::SourceLocation(), LO, Text.begin(), Text.begin(), Text.end());
  clang::Token Tok;
  std::string Dir = parentDir(Source);
  while (!Lex.LexFromRawLexer(Tok)) {
    if (!Tok.is(clang::tok::hash) || !Tok.isAtStartOfLine())
      continue;
    Lex.LexFromRawLexer(Tok);
    if (!Tok.is(clang::tok::raw_identifier) || Tok.getRawIdentifier() != "include")
      continue;
    Lex.LexFromRawLexer(Tok);
    if (!Tok.is(clang::tok::string_literal) || Tok.getLength() < 3)
      continue;
    llvm::StringRef Name(Tok.getLiteralData() + 1, Tok.getLength() - 2);
    std::string Path = absolutePath(std::string(Name), Dir);
    SourceKind K = classifySource(Path);
    if ((K == SourceKind::CSource || K == SourceKind::CxxSource) &&
        llvm::sys::fs::is_regular_file(Path))
      Out.push_back(Path);
  }
  return Out;
}

} // namespace carcinize
