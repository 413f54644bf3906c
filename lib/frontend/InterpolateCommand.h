#pragma once
/// \file Flags for a file the compilation database does not list (a file a
/// pull request adds, a file the build configures out), borrowed from its
/// nearest entry, as clangd and clang-tidy do (Clang's
/// InterpolatingCompilationDatabase). Plain C++ over CompileCommand.

#include "frontend/CompilationDatabase.h"

#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace carcinize {

/// The entry of \p Commands whose flags best fit \p File (absolute), or null
/// when there is none. Nearest first: the same language (C or C++, by
/// extension; a header takes either), then the longest common folder path,
/// then the longest common file-name prefix (`net/frame_v2.c` borrows from
/// `net/frame.c`), then database order. The same folder usually builds with
/// the same include paths and macros; a sibling folder usually shares the
/// project's.
const CompileCommand *nearestCommand(const std::string &File,
                                     const std::vector<CompileCommand> &Commands);

/// \p Donor's command for \p File: the same directory and flags, File as the
/// input. A donor of the other language loses its `-std=` and `-x` (a C
/// standard does not parse C++) and keeps the rest (-I, -D, target).
/// A C file's donor of C++ also gives up its C++ driver for the C one of the
/// same family (cDriverFor).
CompileCommand interpolateCommand(const CompileCommand &Donor, const std::string &File);

/// The C driver beside the C++ driver \p Driver: `clang++-19` -> `clang-19`,
/// `/usr/bin/g++` -> `/usr/bin/gcc`, `c++` -> `cc`; any other name as it is.
std::string cDriverFor(llvm::StringRef Driver);

} // namespace carcinize
