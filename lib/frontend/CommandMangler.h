#pragma once
/// \file Every rewrite of an external compile command, in one place (after
/// clangd's CommandMangler): strip compiler wrappers, outputs, dependency
/// files, plugins and flags Clang does not know (GCC's), then add what a
/// syntax-only parse with our builtin headers needs.

#include "frontend/CompilationDatabase.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace carcinize {

/// Rewrites compile commands into the argv carcinize parses with.
class CommandMangler {
public:
  /// For real use: \p ResourceDir from findResourceDir(); \p QueryDriverGlobs
  /// are the compilers the user allows us to run (`--query-driver`), to ask
  /// them for their system include folders. Nothing else is ever executed.
  static CommandMangler detect(std::string ResourceDir,
                               std::vector<std::string> QueryDriverGlobs);

  /// Hermetic: a fixed resource dir, never executes anything.
  static CommandMangler forTests(std::string ResourceDir = "/resource-dir");

  /// The argv (argv[0] = a driver name) to parse \p Cmd's file with. Flags
  /// that were dropped are appended to \p Dropped when given.
  std::vector<std::string> adjust(const CompileCommand &Cmd,
                                  std::vector<std::string> *Dropped = nullptr) const;

  /// The argv for \p File with inferred \p Flags (no database).
  std::vector<std::string> forInferred(const std::string &File,
                                       const std::vector<std::string> &Flags) const;

  const std::string &resourceDir() const { return ResourceDir; }

private:
  CommandMangler() = default;
  void appendCommonFlags(std::vector<std::string> &Argv) const;
  std::vector<std::string> queryDriver(const std::string &Driver, bool Cxx) const;

  std::string ResourceDir;
  std::vector<std::string> QueryDriverGlobs;
  // Results of querying drivers, shared by the worker threads.
  struct DriverCache {
    std::mutex Mu;
    std::map<std::string, std::vector<std::string>> Includes;
  };
  std::shared_ptr<DriverCache> Cache = std::make_shared<DriverCache>();
};

} // namespace carcinize
