#pragma once
/// \file A fresh temporary folder per test, removed afterwards, with helpers
/// to lay out small source trees in it.

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace carcinize::test {

class TempDir {
public:
  explicit TempDir(const char *Prefix = "carcinize-unit") {
    llvm::SmallString<128> P;
    std::error_code EC = llvm::sys::fs::createUniqueDirectory(Prefix, P);
    if (EC) {
      ADD_FAILURE() << "cannot create a temporary directory: " << EC.message();
      return;
    }
    // Resolve symbolic links (a /tmp that is a link) so that paths compare
    // equal to what the code under test computes.
    llvm::SmallString<128> Real;
    if (!llvm::sys::fs::real_path(P, Real))
      P = Real;
    Path = std::string(P.str());
  }
  ~TempDir() {
    // std::filesystem also removes FIFOs (LLVM refuses to) and does not
    // follow symbolic links.
    std::error_code EC;
    if (!Path.empty())
      std::filesystem::remove_all(Path, EC);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  /// The absolute path of the folder.
  const std::string &path() const { return Path; }
  /// The absolute path of \p Rel inside the folder.
  std::string operator/(const std::string &Rel) const { return Path + "/" + Rel; }

  /// Writes \p Contents to \p Rel, creating the folders on the way.
  std::string write(const std::string &Rel, const std::string &Contents) const {
    std::string Full = *this / Rel;
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Full));
    std::ofstream Out(Full, std::ios::binary);
    Out << Contents;
    EXPECT_TRUE(Out.good()) << "cannot write " << Full;
    return Full;
  }
  /// Creates the folder \p Rel (and its parents).
  std::string mkdir(const std::string &Rel) const {
    std::string Full = *this / Rel;
    EXPECT_FALSE(llvm::sys::fs::create_directories(Full)) << Full;
    return Full;
  }

private:
  std::string Path;
};

inline std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

/// The names in folder \p Dir, sorted.
inline std::vector<std::string> listDir(const std::string &Dir) {
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

} // namespace carcinize::test
