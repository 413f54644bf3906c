#pragma once
/// \file Finding the C and C++ sources of a tree that has no compilation
/// database, and inferring the flags to parse them with.

#include <string>
#include <vector>

namespace carcinize {

/// The kind of a file, by its extension.
enum class SourceKind { None, CSource, CxxSource, Header };

/// Classifies \p Path by extension (.c; .cc .cpp .cxx .c++ .C; .h .hh .hpp ...).
SourceKind classifySource(const std::string &Path);

/// What a walk of the scanned paths found.
struct DiscoveredTree {
  std::vector<std::string> Sources;    ///< absolute, sorted
  std::vector<std::string> HeaderDirs; ///< folders holding headers, sorted
  std::vector<std::string> Warnings;   ///< unreadable folders and the like
  std::string Root;                    ///< the scanned root the walk was for
  /// Templates of generated headers (`config.h.in`, `foo_config.h.cmake`,
  /// `config.h.meson`), absolute, sorted (frontend/ConfigStandIn.h).
  std::vector<std::string> HeaderTemplates;
};

/// Walks \p Paths (files or folders, absolute). Skips VCS and build folders
/// (`.git`, `build`, `cmake-build-*`, `CMakeFiles`, `node_modules`, hidden
/// folders) and paths matching \p Exclude (globs relative to \p Root). Does
/// not follow symbolic links to folders, so link loops cannot trap it; only
/// regular files are returned.
DiscoveredTree discoverSources(const std::vector<std::string> &Paths,
                               const std::string &Root,
                               const std::vector<std::string> &Exclude);

/// True when \p Path (absolute) is excluded by \p Exclude or lies in a
/// folder that discovery always skips.
bool isExcludedPath(const std::string &Path, const std::string &Root,
                    const std::vector<std::string> &Exclude);

/// The sources (.c, .cpp, ...) that \p Source includes by a quoted
/// `#include "x.c"`, resolved against its folder, absolute and in order of
/// appearance; the files must exist. Read with Clang's raw lexer: nothing is
/// preprocessed, so an include under `#if 0` counts too.
std::vector<std::string> includedSources(const std::string &Source);

/// The flags inferred for \p Source when no database names it: language and
/// standard from the extension, `-I` for every folder of \p Tree that holds
/// headers. Returns argv without the compiler and without the file.
std::vector<std::string> inferFlags(const std::string &Source, const DiscoveredTree &Tree);

} // namespace carcinize
