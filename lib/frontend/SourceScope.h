#pragma once
/// \file Which code of a translation unit is ours to analyse: files below the
/// scanned root that are not excluded and not system headers. Shared by the
/// facts collector and the rules.

#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/DenseMap.h>

#include <string>
#include <vector>

namespace carcinize {

/// Answers "is this location in the scanned tree?" and names files relative
/// to the scanned root. Caches per FileID; one per translation unit.
class SourceScope {
public:
  /// \p WorkingDir is the folder relative file names are resolved against:
  /// the compile command's directory (empty: the process's current folder).
  SourceScope(const clang::SourceManager &SM, std::string Root,
              std::vector<std::string> Exclude, std::string WorkingDir = {})
      : SM(SM), Root(std::move(Root)), Exclude(std::move(Exclude)),
        WorkingDir(std::move(WorkingDir)) {}

  /// The file a location belongs to, after macro expansion.
  clang::FileID fileOf(clang::SourceLocation Loc) const {
    return SM.getFileID(SM.getExpansionLoc(Loc));
  }
  /// True for code written in a file of the scanned tree.
  bool inTree(clang::SourceLocation Loc) { return Loc.isValid() && inTree(fileOf(Loc)); }
  bool inTree(clang::FileID FID) { return entry(FID).InTree; }
  /// The path of \p FID relative to the root ("" for buffers with no file).
  const std::string &path(clang::FileID FID) { return entry(FID).Path; }
  /// The absolute path of \p FID ("" for buffers with no file).
  const std::string &absolutePath(clang::FileID FID) { return entry(FID).Absolute; }
  unsigned line(clang::SourceLocation Loc) const {
    return SM.getExpansionLineNumber(Loc);
  }
  unsigned column(clang::SourceLocation Loc) const {
    return SM.getExpansionColumnNumber(Loc);
  }
  const clang::SourceManager &sourceManager() const { return SM; }
  const std::string &root() const { return Root; }

private:
  struct Entry {
    bool InTree = false;
    std::string Path;
    std::string Absolute;
  };
  const Entry &entry(clang::FileID FID);

  const clang::SourceManager &SM;
  std::string Root;
  std::vector<std::string> Exclude;
  std::string WorkingDir;
  llvm::DenseMap<clang::FileID, Entry> Cache;
};

} // namespace carcinize
