#pragma once
/// \file The incremental cache: each translation unit's facts stored under a
/// key of the tool version, the effective configuration, the compile
/// command and the main file's contents, with the list of every file the
/// parse read and their content hashes. A stored result is reused only when
/// all those files still hash the same: edit a header, and exactly its
/// includers are parsed again. The listings of the folders searched are
/// recorded too, so that a new header shadowing one that was used (found
/// earlier on the include path) is noticed. Entries are written atomically (a temporary
/// file renamed), so parallel and interrupted scans never leave a broken
/// one; an unreadable entry is a miss. Plain C++.

#include "facts/Facts.h"
#include "frontend/TranslationUnitAnalysis.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace carcinize {

class TUCache {
public:
  /// \p Dir holds the entries (created when the first is stored); \p Salt
  /// is what else the results depend on (version, configuration).
  TUCache(std::string Dir, const std::string &Salt);

  /// The key of \p Job (hashes its main file).
  std::string keyOf(const TUJob &Job);

  /// The stored facts of \p Key when every file they were made from is
  /// unchanged.
  std::optional<ScanFacts> lookup(const std::string &Key);

  /// Stores \p Facts made from \p Dependencies (absolute paths). Results
  /// that depend on more than files (a failed parse, skipped missing
  /// headers) are not stored. Thread-safe.
  void store(const std::string &Key, const TUJob &Job, const ScanFacts &Facts,
             const std::vector<std::string> &Dependencies);

  /// Why the cache could not be written, once (the scan goes on without).
  std::vector<std::string> warnings();

  /// The results store() declined, one line each, sorted: the TU's file and
  /// why ("/src/a.c: skipped missing headers"), for `-v`.
  std::vector<std::string> notStored();

  /// The default folder: $XDG_CACHE_HOME (else ~/.cache)/carcinize/<hash of
  /// the project root>; empty when there is no home.
  static std::string defaultDir(const std::string &Root);

private:
  std::string fileHash(const std::string &Path);
  /// A hash of the names in folder \p Dir that an #include could mean
  /// (headers, names without an extension); "-" when it cannot be listed.
  std::string dirHash(const std::string &Dir);
  /// The folders whose listings guard an entry: those of the dependencies
  /// and the include folders of the command.
  static std::vector<std::string> searchedDirs(const TUJob &Job,
                                               const std::vector<std::string> &Dependencies);
  std::string entryPath(const std::string &Key) const;

  std::string Dir;
  std::string SaltDigest; ///< the salt hashed once (it holds the whole configuration)
  std::mutex Mu;
  std::map<std::string, std::string> Hashes; ///< path -> content hash, this run
  bool WriteFailed = false;
  std::vector<std::string> Warnings;
  std::vector<std::string> NotStored;
};

} // namespace carcinize
