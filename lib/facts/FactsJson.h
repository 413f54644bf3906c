#pragma once
/// \file JSON form of the facts: written by `scan --format json` and
/// `--save-facts`, read back by `--facts` and `merge`. Lossless: reading what
/// was written gives back an equal ScanFacts.

#include "facts/Facts.h"

#include <functional>
#include <string>

namespace llvm::json {
class OStream;
}

namespace carcinize {

/// Extra attributes written into each function's JSON object (analysis
/// results in reports); called with the function's index in Facts.Functions.
using FunctionExtras = std::function<void(llvm::json::OStream &, size_t)>;

/// Writes the members `tool`, `stats`, `translation_units`, `files`,
/// `functions` and `findings` into the JSON object \p J has open.
void writeFactsMembers(llvm::json::OStream &J, const ScanFacts &Facts,
                       const FunctionExtras &Extras = nullptr);

/// The facts as one JSON document (pretty-printed with \p Indent spaces).
std::string factsToJson(const ScanFacts &Facts, unsigned Indent = 2);

/// Parses a facts document. Throws InputError naming \p SourceName (and the
/// line and column for malformed JSON) when the text is not a facts file.
ScanFacts factsFromJson(const std::string &Text, const std::string &SourceName);

} // namespace carcinize
