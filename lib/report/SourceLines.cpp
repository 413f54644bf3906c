#include "report/SourceLines.h"

#include "support/Paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>

namespace carcinize {

SourceLines::SourceLines(std::string GivenRoot) : Root(absolutePath(GivenRoot)) {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Root, Real))
    RealRoot = Real.str().str();
}

const std::vector<std::string> &SourceLines::lines(const std::string &File) {
  auto It = Cache.find(File);
  if (It != Cache.end())
    return It->second;
  std::vector<std::string> &Out = Cache[File];
  std::string Path = File.empty() ? File : absolutePath(File, Root);
  // Inside the root only, before and after links are resolved ('..' in the
  // name, a link in the tree to a file outside).
  bool Inside = !Path.empty() && isUnder(Path, Root);
  if (Inside) {
    llvm::SmallString<256> Real;
    Inside = !RealRoot.empty() && !llvm::sys::fs::real_path(Path, Real) &&
             isUnder(Real.str().str(), RealRoot);
  }
  // Regular files only: a device or FIFO named like a source must not block.
  llvm::sys::fs::file_status St;
  bool Ok = Inside && !llvm::sys::fs::status(Path, St) && llvm::sys::fs::is_regular_file(St) &&
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

SnippetWindow clipAround(const std::string &Line, unsigned Column) {
  if (Line.size() <= MaxSnippetBytes)
    return {Line, Column};
  // The column's byte, a third of the window from the left (what leads up
  // to a call matters less than its arguments), the window kept in the line.
  size_t At = Column ? std::min<size_t>(Column - 1, Line.size()) : 0;
  size_t Begin = At > MaxSnippetBytes / 3 ? At - MaxSnippetBytes / 3 : 0;
  Begin = std::min(Begin, Line.size() - MaxSnippetBytes);
  size_t End = Begin + MaxSnippetBytes;
  // Whole UTF-8 characters: never start or end inside one.
  auto IsContinuation = [&](size_t I) {
    return I < Line.size() && (static_cast<unsigned char>(Line[I]) & 0xC0) == 0x80;
  };
  while (Begin > 0 && IsContinuation(Begin))
    --Begin;
  while (End < Line.size() && IsContinuation(End))
    --End;
  SnippetWindow W;
  std::string Lead = Begin > 0 ? "..." : "";
  W.Text = Lead + Line.substr(Begin, End - Begin) + (End < Line.size() ? "..." : "");
  W.Column = static_cast<unsigned>(At - Begin + 1 + Lead.size());
  return W;
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
