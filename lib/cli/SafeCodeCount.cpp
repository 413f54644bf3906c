#include "cli/SafeCodeCount.h"

#include "frontend/SourceDiscovery.h"
#include "support/Paths.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

namespace carcinize {

namespace {

/// Bounds of the walk: a real tree is far below them; a hostile one (a
/// million empty folders, a 10 GB file named x.rs) stops there.
constexpr unsigned MaxDepth = 64;
constexpr uint64_t MaxEntries = 2'000'000;
constexpr uint64_t MaxFileBytes = 16u << 20;
constexpr uint64_t MaxTotalBytes = 1ull << 30;

uint64_t codeLines(llvm::StringRef Text) {
  uint64_t N = 0;
  while (!Text.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    Line = Line.trim();
    if (!Line.empty() && !Line.starts_with("//"))
      ++N;
  }
  return N;
}

} // namespace

SafeCode countRustCode(const std::string &Root, const std::vector<std::string> &Exclude) {
  SafeCode Out;
  std::error_code EC;
  uint64_t Entries = 0, Bytes = 0;
  // recursive_directory_iterator with follow_symlinks = false reports a link
  // as a link: it is neither descended into nor read.
  for (llvm::sys::fs::recursive_directory_iterator It(Root, EC, /*follow_symlinks=*/false), End;
       It != End; It.increment(EC)) {
    if (EC) {
      Out.Incomplete = true;
      EC.clear();
      continue;
    }
    if (++Entries > MaxEntries) {
      Out.Incomplete = true;
      break;
    }
    const std::string &Path = It->path();
    llvm::sys::fs::file_type Type = It->type();
    llvm::StringRef Name = llvm::sys::path::filename(Path);
    if (Type == llvm::sys::fs::file_type::directory_file) {
      if (It.level() >= int(MaxDepth)) {
        Out.Incomplete = true;
        It.no_push();
      } else if (Name == "target" || isExcludedPath(Path, Root, Exclude)) {
        It.no_push(); // Cargo's output, and what the scan leaves out
      }
      continue;
    }
    if (Type != llvm::sys::fs::file_type::regular_file || !Name.ends_with(".rs") ||
        isExcludedPath(Path, Root, Exclude))
      continue;
    uint64_t Size = 0;
    if (llvm::sys::fs::file_size(Path, Size) || Size > MaxFileBytes ||
        Bytes + Size > MaxTotalBytes) {
      Out.Incomplete = true;
      continue;
    }
    std::unique_ptr<llvm::MemoryBuffer> Text = readRegularFile(Path);
    if (!Text || Text->getBufferSize() > MaxFileBytes) {
      Out.Incomplete = true; // unreadable, or swapped for something else since listed
      continue;
    }
    Bytes += Text->getBufferSize();
    ++Out.RustFiles;
    Out.RustLines += codeLines(Text->getBuffer());
  }
  return Out;
}

} // namespace carcinize
