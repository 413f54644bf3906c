#include "frontend/InterpolateCommand.h"

#include "frontend/SourceDiscovery.h"
#include "support/Paths.h"

#include <llvm/ADT/StringRef.h>

#include <tuple>

namespace carcinize {

namespace {

/// Folder components \p A and \p B share from the root down.
unsigned commonFolderDepth(llvm::StringRef A, llvm::StringRef B) {
  unsigned Depth = 0;
  while (!A.empty() && !B.empty()) {
    auto [HA, TA] = A.split('/');
    auto [HB, TB] = B.split('/');
    if (HA != HB)
      break;
    Depth += !HA.empty();
    A = TA;
    B = TB;
  }
  return Depth;
}

size_t commonPrefix(llvm::StringRef A, llvm::StringRef B) {
  size_t N = 0;
  while (N < A.size() && N < B.size() && A[N] == B[N])
    ++N;
  return N;
}

bool isCxx(SourceKind K) { return K == SourceKind::CxxSource; }

} // namespace

const CompileCommand *nearestCommand(const std::string &File,
                                     const std::vector<CompileCommand> &Commands) {
  SourceKind Kind = classifySource(File);
  std::string Dir = parentDir(File);
  std::string Name(baseName(File));
  const CompileCommand *Best = nullptr;
  std::tuple<bool, unsigned, size_t> BestKey{};
  for (const auto &C : Commands) {
    SourceKind Other = classifySource(C.File);
    if (Other == SourceKind::None || Other == SourceKind::Header)
      continue;
    bool SameLanguage = Kind == SourceKind::Header || isCxx(Kind) == isCxx(Other);
    std::tuple<bool, unsigned, size_t> Key{SameLanguage, commonFolderDepth(Dir, parentDir(C.File)),
                                           commonPrefix(Name, baseName(C.File))};
    if (!Best || Key > BestKey) {
      Best = &C;
      BestKey = Key;
    }
  }
  return Best;
}

std::string cDriverFor(llvm::StringRef Driver) {
  llvm::StringRef Dir, Name = Driver;
  size_t Slash = Driver.rfind('/');
  if (Slash != llvm::StringRef::npos) {
    Dir = Driver.take_front(Slash + 1);
    Name = Driver.drop_front(Slash + 1);
  }
  // A version suffix ("clang++-19", "g++-12") stays after the new name.
  for (auto [Cxx, C] : {std::pair<llvm::StringRef, llvm::StringRef>{"clang++", "clang"},
                        {"g++", "gcc"},
                        {"c++", "cc"}}) {
    size_t At = Name.rfind(Cxx);
    if (At != llvm::StringRef::npos)
      return (Dir + Name.take_front(At) + C + Name.drop_front(At + Cxx.size())).str();
  }
  return Driver.str();
}

CompileCommand interpolateCommand(const CompileCommand &Donor, const std::string &File) {
  // The donor's own input stays: CommandMangler drops every input and
  // appends File.
  CompileCommand Out = Donor;
  Out.File = File;
  SourceKind Kind = classifySource(File);
  bool Switch = Kind != SourceKind::Header && isCxx(Kind) != isCxx(classifySource(Donor.File));
  std::vector<std::string> Args;
  for (size_t I = 0; I < Donor.Arguments.size(); ++I) {
    llvm::StringRef A = Donor.Arguments[I];
    if (I == 0 && Switch && !isCxx(Kind)) {
      // A C++ driver (clang++, g++, c++) compiles a .c file as C++: a C file
      // takes the C driver of the same family.
      Args.push_back(cDriverFor(A));
      continue;
    }
    if (Switch && (A.starts_with("-std=") || A.starts_with("--std=") || A.starts_with("/std:")))
      continue;
    if (Switch && (A == "-x" || A == "--language")) {
      ++I; // and its value
      continue;
    }
    if (Switch && A.starts_with("-x") && A.size() > 2)
      continue;
    Args.push_back(Donor.Arguments[I]);
  }
  Out.Arguments = std::move(Args);
  return Out;
}

} // namespace carcinize
