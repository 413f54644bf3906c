#include "frontend/ResourceDir.h"

#include "support/Error.h"
#include "support/Paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <cstdlib>

#ifndef CARCINIZE_RESOURCE_DIR_DEFAULT
#error "CARCINIZE_RESOURCE_DIR_DEFAULT must be set by the build"
#endif
#ifndef CARCINIZE_CLANG_MAJOR
#error "CARCINIZE_CLANG_MAJOR must be set by the build"
#endif

namespace carcinize {

static bool hasBuiltinHeaders(const std::string &Dir) {
  return llvm::sys::fs::exists(Dir + "/include/stddef.h");
}

const char *configuredResourceDir() { return CARCINIZE_RESOURCE_DIR_DEFAULT; }

std::string findResourceDir(const std::string &Override, const std::string &Argv0) {
  auto Check = [](const std::string &Dir, const char *From) {
    if (!hasBuiltinHeaders(Dir))
      throw InputError(Dir + ": not a Clang resource directory (no include/stddef.h), from " + From);
    return absolutePath(Dir);
  };
  if (!Override.empty())
    return Check(Override, "--resource-dir");
  if (const char *Env = std::getenv("CARCINIZE_RESOURCE_DIR"); Env && *Env)
    return Check(Env, "CARCINIZE_RESOURCE_DIR");
  // Relative to the running binary, for installed copies.
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0.c_str(),
                                                     reinterpret_cast<void *>(&hasBuiltinHeaders));
  if (!Exe.empty()) {
    std::string Prefix = parentDir(parentDir(Exe));
    for (std::string Candidate :
         {Prefix + "/lib/carcinize/clang/" CARCINIZE_CLANG_MAJOR,
          Prefix + "/lib/clang/" CARCINIZE_CLANG_MAJOR})
      if (hasBuiltinHeaders(Candidate))
        return Candidate;
  }
  return Check(CARCINIZE_RESOURCE_DIR_DEFAULT, "the build configuration");
}

} // namespace carcinize
