#include "report/SourceLines.h"

#include "support/Paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

namespace carcinize {

const std::vector<std::string> &SourceLines::lines(const std::string &File) {
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second;
  std::vector<std::string> &Out = Cache[File];
  std::string Path = File.empty() || File.front() == '/' ? File : Root + "/" + File;
  // Regular files only: a device or FIFO named like a source must not block.
  llvm::sys::fs::file_status St;
  bool Ok = !llvm::sys::fs::status(Path, St) && llvm::sys::fs::is_regular_file(St) &&
            St.getSize() <= (64u << 20);
  auto Buf = Ok ? llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false)
                : llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>(std::make_error_code(std::errc::invalid_argument));
  Ok = Ok && static_cast<bool>(Buf);
  Readable[File] = Ok;
  if (!Ok)
    return Out;
  llvm::StringRef Text = (*Buf)->getBuffer();
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    if (Line.ends_with("\r"))
      Line = Line.drop_back();
    Out.push_back(Line.str());
    Text = Rest;
  }
  return Out;
}

const std::string &SourceLines::line(const std::string &File, unsigned Line) {
  static const std::string Empty;
  const auto &L = lines(File);
  return Line >= 1 && Line <= L.size() ? L[Line - 1] : Empty;
}

bool SourceLines::readable(const std::string &File) {
  lines(File);
  return Readable[File];
}

std::string normalizeCode(const std::string &Text) {
  std::string Out;
  bool Blank = false;
  for (char C : Text) {
    if (C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\v' || C == '\f') {
      Blank = !Out.empty();
      continue;
    }
    if (Blank)
      Out += ' ';
    Blank = false;
    Out += C;
  }
  return Out;
}

} // namespace carcinize
