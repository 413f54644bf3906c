#pragma once
/// \file A compact binary form of the facts, for what only carcinize reads
/// back: the incremental cache's entries and the facts a TU's child process
/// sends its parent. Decoding it costs a fraction of parsing the JSON form
/// (no JSON tree is built), which is most of a warm re-scan. Not a format
/// for users: reports and facts files stay JSON (FactsJson.h).

#include "facts/Facts.h"

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/ADT/StringRef.h>

#include <optional>
#include <string>

namespace carcinize {

/// Encodes \p Facts (all of it, the tool included).
std::string factsToBinary(const ScanFacts &Facts);

/// The same bytes, handed to \p Sink in pieces of some 64 KiB (a digest of
/// a million-line scan's facts without holding their encoding at once).
void factsToBinary(const ScanFacts &Facts, llvm::function_ref<void(llvm::StringRef)> Sink);

/// Decodes what factsToBinary wrote; std::nullopt for anything else
/// (truncated, damaged, another version): a cache entry that does not decode
/// is a miss.
std::optional<ScanFacts> factsFromBinary(llvm::StringRef Data);

} // namespace carcinize
