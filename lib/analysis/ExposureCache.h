#pragma once
/// \file The exposure of the last scan, kept beside the incremental cache:
/// a re-scan whose facts are unchanged (every TU reused, the boundaries the
/// same) reads it back instead of computing it again. The exposure is the
/// costliest part of the whole-program analysis, a third of a warm re-scan
/// of Lua; the call graph and the hotness are cheap and always recomputed.

#include "analysis/Exposure.h"
#include "facts/Facts.h"

#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>
#include <vector>

namespace carcinize {

/// Where and under what the exposure is cached: \p Dir is the scan's cache
/// folder, \p Salt what else the exposure depends on (the tool's version
/// and the configuration, boundaries included).
struct ExposureCache {
  std::string Dir;
  std::string Salt;
};

/// The key of the exposure of \p Facts: a digest of the facts and the salt.
std::string exposureKey(const ScanFacts &Facts, const std::string &Salt);

/// The exposure stored under \p Key for a graph of \p Nodes functions;
/// std::nullopt when there is none, another key's, or a damaged one.
std::optional<std::vector<FunctionExposure>> loadExposure(const ExposureCache &C,
                                                          const std::string &Key, size_t Nodes);

/// Stores \p E under \p Key, replacing what was there (one entry: the last
/// scan's). Best effort: a cache that cannot be written is left alone.
void storeExposure(const ExposureCache &C, const std::string &Key,
                   const std::vector<FunctionExposure> &E);

/// The encoding of \p E, and its decoding (std::nullopt for anything else):
/// for tests.
std::string exposureToBinary(const std::string &Key, const std::vector<FunctionExposure> &E);
std::optional<std::vector<FunctionExposure>> exposureFromBinary(llvm::StringRef Data,
                                                                const std::string &Key);

} // namespace carcinize
