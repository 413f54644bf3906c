#pragma once
/// \file A scan: deciding which translation units to parse and with which
/// flags (the plan), then parsing them in parallel and merging their facts.

#include "facts/Facts.h"
#include "frontend/CommandMangler.h"
#include "frontend/TranslationUnitAnalysis.h"

#include <cstdint>
#include <string>
#include <vector>

namespace carcinize {

/// What the user asked to scan.
struct ScanRequest {
  std::vector<std::string> Paths;    ///< files or folders; default "."
  std::string CompileDbPath;         ///< `-p`: folder or JSON file; empty to search
  std::vector<std::string> Exclude;  ///< globs relative to the root
  unsigned Jobs = 0;                 ///< 0: one per core
  bool Progress = false;             ///< draw a progress line on stderr
  /// The root reports name files relative to (absolute or relative to the
  /// current folder); empty: the common folder of Paths. `check` sets it so
  /// that paths, the configuration and fingerprints do not depend on which
  /// files a pre-commit hook happened to pass. When only files are given,
  /// flags are inferred from the root's whole tree.
  std::string Root;
  /// Parse each TU in a child process (support/ProcessPool.h): a crash or
  /// a hang in Clang costs that TU only. Off: threads in this process, with
  /// Clang's crash recovery (tests, and platforms without fork).
  bool Isolate = false;
  /// With Isolate: a TU still parsing after this many seconds is stopped
  /// and reported as failed (0: no limit).
  unsigned TimeoutSeconds = 0;
  /// Files (absolute) that must be analysed although the paths name them
  /// only through a folder: `check --diff`'s changed sources. With a
  /// database that does not list them, like the files named in Paths, they
  /// get the flags of their nearest entry (frontend/InterpolateCommand.h).
  std::vector<std::string> AlsoFiles;
  /// Without a database: derive stand-ins for generated configuration
  /// headers from their templates (frontend/ConfigStandIn.h).
  bool ConfigStandIns = true;
  /// The incremental cache's folder (frontend/TUCache.h); empty: no cache.
  std::string CacheDir;
  /// What else results depend on: the tool version and the configuration.
  std::string CacheSalt;
};

/// What a scan did, beside its facts.
struct ScanRunStats {
  unsigned Parsed = 0; ///< translation units parsed
  unsigned Reused = 0; ///< taken from the cache
  std::vector<std::string> Warnings; ///< e.g. that the cache cannot be written
  /// Parsed TUs whose results were not cached, with why ("src/a.c: ...").
  std::vector<std::string> NotCached;
};

/// The translation units to parse, and how.
struct ScanPlan {
  std::string Root;                  ///< absolute; reports name files relative to it
  std::vector<std::string> Paths;    ///< absolute scanned paths
  std::string DatabasePath;          ///< empty when flags were inferred
  std::vector<TUJob> Jobs;           ///< sorted by file
  std::vector<std::string> Notes;    ///< lines for the user (inferred flags...)
  std::vector<std::string> Warnings; ///< skipped database entries and the like
};

/// Plans a scan. A header given as a path is analysed through the source
/// of the same name (foo.h through foo.c), else parsed on its own with
/// inferred flags. Throws InputError for a nonexistent path or an invalid
/// database. Never runs a compiler except through \p Mangler's allowed list.
ScanPlan planScan(const ScanRequest &Request, const CommandMangler &Mangler);

/// Keeps the jobs of shard \p K of \p N (1-based) in \p Plan: the jobs are
/// dealt, largest first, to the shard with the least work so far (by file
/// size), so that shards take similar time. Deterministic: every machine of
/// a sharded CI run computes the same partition from the same checkout.
void keepShard(ScanPlan &Plan, unsigned K, unsigned N);

/// Parses every job of \p Plan on \p Jobs threads and returns the merged,
/// normalised facts. The result does not depend on the number of threads.
ScanFacts runScan(const ScanPlan &Plan, const ScanRequest &Request, TUSettings Settings,
                  ScanRunStats *Stats = nullptr);

/// The number of worker threads for a request of \p Requested (0: one per
/// core) and \p Work jobs: at least 1, at most Work and 256.
unsigned effectiveJobs(unsigned Requested, size_t Work);

/// The progress line's estimate of the time a scan has left, or a negative
/// number while there is nothing to estimate from: \p Elapsed seconds spent
/// parsing \p DoneBytes of source out of \p TotalBytes. Bytes, not
/// translation units, because the largest files are parsed first: a count
/// of files would promise the end far too early.
double estimateSecondsLeft(double Elapsed, uint64_t DoneBytes, uint64_t TotalBytes);

/// "about 7 min left" and the like, rounded as a person reads it; empty for a
/// negative estimate.
std::string describeTimeLeft(double Seconds);

} // namespace carcinize
