#pragma once
/// \file Extracting the FFI surface of one module (`carcinize pilot`): the
/// module's sources are parsed again, with the flags the scan used, and
/// every function it exports is read with the types, globals and macros the
/// boundary needs, their layout as Clang computed it for the target.

#include "frontend/TranslationUnitAnalysis.h"
#include "pilot/ModuleInterface.h"

#include <set>
#include <string>
#include <vector>

namespace carcinize {

/// What to extract.
struct InterfaceRequest {
  std::string Root;        ///< absolute scanned root
  std::vector<TUJob> Jobs; ///< the module's sources, as the scan parsed them
  std::vector<std::string> ModuleFiles; ///< the module's files, tree-relative
  /// Functions other modules call (from the call graph). Exported too: the
  /// module's functions with external linkage declared in its headers.
  std::set<std::string> Called;
};

/// Parses each job of \p Request (in this process, with Clang's crash
/// recovery; never runs a compiler) and merges what the boundary needs.
/// A source that fails to parse is named in ModuleInterface::Notes.
ModuleInterface extractInterface(const InterfaceRequest &Request);

} // namespace carcinize
