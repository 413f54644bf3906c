#pragma once
/// \file `carcinize pilot MODULE -o DIR`: the kit that turns the ranking into
/// a pilot. From the module's FFI surface (frontend/InterfaceExtractor) and
/// what the scan knows (callers, findings, hot functions) it renders a brief,
/// a Rust crate with the same C ABI, a layout test, an A/B build switch and
/// a differential harness. Plain C++: no Clang here.

#include "analysis/ProgramAnalysis.h"
#include "facts/Facts.h"
#include "pilot/ModuleInterface.h"
#include "rank/Ranker.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// The files of a kit: path relative to the kit's folder -> contents.
struct PilotKit {
  std::map<std::string, std::string> Files;
  std::vector<std::string> Executables; ///< paths (of Files) to mark executable
};

/// What the kit is made from.
struct PilotInput {
  const ModuleScore *Module = nullptr;
  const std::vector<ModuleScore> *Modules = nullptr;
  const ScanFacts *Facts = nullptr;
  const ProgramAnalysis *Analysis = nullptr;
  ModuleInterface Interface;
  std::string
      Root; ///< absolute scanned root (the Makefile's PROJECT_ROOT default)
  /// Seed inputs found in the project (name -> bytes), copied to corpus/.
  std::map<std::string, std::string> Seeds;
  std::string
      SeedSource; ///< where they came from, tree-relative ("" : generated)
};

/// Renders the kit.
PilotKit renderPilotKit(const PilotInput &In);

/// The Rust crate's name for module \p Module ("src/tlv" -> "tlv_pilot").
std::string pilotCrateName(const std::string &Module);

/// Up to \p MaxFiles regular files of at most \p MaxBytes each, from folders
/// of \p Root named like fuzz corpora or test inputs (corpus, seeds,
/// testdata), never following a symbolic link; \p From gets the folder.
std::map<std::string, std::string> findSeeds(const std::string &Root,
                                             std::string &From,
                                             unsigned MaxFiles = 32,
                                             unsigned MaxBytes = 64 * 1024);

/// Writes \p Kit into the new folder \p Dir: into a temporary folder beside
/// it, each file created new (never through a link), then renamed to \p Dir
/// whole, so that no reader sees half a kit. \p Dir must not exist, or be an
/// empty folder. Throws InputError naming the path.
void writePilotKit(const PilotKit &Kit, const std::string &Dir);

} // namespace carcinize
