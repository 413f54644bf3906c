#pragma once
/// \file The reports of `carcinize scan`: a text summary for people and the
/// JSON document for tools. Plain C++ over the facts.

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace carcinize {

/// What a report says beside the facts.
struct ScanContext {
  std::string RootLabel;              ///< the scanned root as shown to the user
  std::vector<std::string> Notes;     ///< e.g. that flags were inferred
  std::vector<std::string> Warnings;  ///< skipped database entries and the like
  unsigned Top = 10;                  ///< rows in "top" tables
};

/// The text summary (ends with a newline).
std::string renderScanText(const ScanFacts &Facts, const ScanContext &Ctx);

/// The JSON document: `tool`, `stats`, `notes`, `translation_units`, `files`,
/// `functions`, `findings`.
std::string renderScanJson(const ScanFacts &Facts, const ScanContext &Ctx);

} // namespace carcinize
