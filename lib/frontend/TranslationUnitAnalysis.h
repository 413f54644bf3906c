#pragma once
/// \file Parsing one translation unit and extracting its facts: the unit of
/// work every scan is made of (one per TU, any thread).

#include "facts/Facts.h"
#include "frontend/TUAnalyzer.h"

#include <llvm/ADT/IntrusiveRefCntPtr.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace carcinize {

/// One translation unit to parse.
struct TUJob {
  std::string File;              ///< absolute path of the main file
  std::string Directory;         ///< working directory of the command
  std::vector<std::string> Argv; ///< ready to parse (see CommandMangler)
  bool Inferred = false;         ///< flags were inferred: tolerate missing includes
  /// Generated headers the parse sees in memory (path, content): stand-ins
  /// derived from their templates (frontend/ConfigStandIn.h). Shared by
  /// every job of a scan.
  std::shared_ptr<const std::vector<std::pair<std::string, std::string>>> StandIns;
};

/// What every TU of a scan shares.
struct TUSettings {
  std::string Root;                 ///< absolute scanned root
  std::vector<std::string> Exclude; ///< globs relative to Root
  TUAnalyzerFactory MakeAnalyzer;   ///< may be empty: facts only
  /// The file system to read from; null for the real one. Tests pass an
  /// in-memory one.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  /// Crash the parse of files whose path ends with this (fault injection
  /// for tests; set from CARCINIZE_INJECT_CRASH).
  std::string InjectCrashSuffix;
  /// Make the parse of files whose path ends with this never finish (fault
  /// injection for the --tu-timeout test; set from CARCINIZE_INJECT_HANG).
  std::string InjectHangSuffix;
  /// Parse the bodies of functions outside the scanned tree too, as
  /// -fsyntax-only does (CARCINIZE_PARSE_ALL_BODIES=1): for checking that
  /// skipping them changes no finding, and for measuring what it saves.
  bool ParseAllBodies = false;
};

/// Parses \p Job and returns its facts: one TranslationUnitFacts entry (with
/// status and errors), the in-tree files and functions it saw, and the
/// findings of the analyzers. Never throws: a failure is a Failed status.
/// With \p Dependencies, also lists (absolute, sorted) every file the parse
/// read: the key material of the incremental cache.
ScanFacts analyzeTranslationUnit(const TUJob &Job, const TUSettings &Settings,
                                 std::vector<std::string> *Dependencies = nullptr);

/// The facts of \p Job's main file when its TU failed (crash, time-out, no
/// AST): its code lines, all of them unanalysed, so that coverage counts
/// the code no parse saw instead of forgetting it; none when the main file
/// does not exist or is not a regular file.
std::optional<FileFacts> unanalysedFile(const TUJob &Job, const TUSettings &Settings);

} // namespace carcinize
