#pragma once
/// \file JSON form of the facts: written by `scan --format json` and
/// `--save-facts`, read back by `--facts` and `merge`. Lossless: reading what
/// was written gives back an equal ScanFacts.

#include "facts/Facts.h"

#include <functional>
#include <string>

namespace llvm {
class raw_ostream;
class StringRef;
namespace json {
class OStream;
}
} // namespace llvm

namespace carcinize {

/// Extra attributes written into each function's JSON object (analysis
/// results in reports); called with the function's index in Facts.Functions.
using FunctionExtras = std::function<void(llvm::json::OStream &, size_t)>;

/// Writes the members `tool`, `stats`, `translation_units`, `files`,
/// `functions` and `findings` into the JSON object \p J has open. Without
/// \p WithFlow the functions' data-flow origins (`callees[].args`, `order`,
/// `loop`, `values`, `return_flow`, `out_flow`) are left out: a report shows
/// what the analysis concluded from them (exposure and its evidence); facts
/// files keep them, for the analysis to run again.
void writeFactsMembers(llvm::json::OStream &J, const ScanFacts &Facts,
                       const FunctionExtras &Extras = nullptr, bool WithFlow = true);

/// The facts as one JSON document (pretty-printed with \p Indent spaces).
std::string factsToJson(const ScanFacts &Facts, unsigned Indent = 2);

/// The facts as JSON Lines, one record a line: `{"translation_unit": {...}}`,
/// `{"file": ...}`, `{"function": ...}`, `{"finding": ...}`,
/// `{"address_taken": ...}`, each member as in the document form. Facts files
/// use it: read a line at a time, a million-line scan's facts never stand in
/// memory as one JSON tree (which takes some twenty times the text).
void writeFactsRecords(llvm::raw_ostream &OS, const ScanFacts &Facts);

/// Reads one record line into \p Into. Throws InputError naming
/// \p SourceName (give it the file and line) when it is not a record.
void readFactsRecord(llvm::StringRef Line, ScanFacts &Into, const std::string &SourceName);

/// Parses a facts document. Throws InputError naming \p SourceName (and the
/// line and column for malformed JSON) when the text is not a facts file.
ScanFacts factsFromJson(const std::string &Text, const std::string &SourceName);

} // namespace carcinize
