#pragma once
/// \file Facts files: what `scan --save-facts` writes on each shard, `merge`
/// joins, and `scan --facts` analyses without parsing. The facts document
/// (FactsJson.h) plus the scan's notes and warnings, so that a report from
/// merged shards is byte for byte the report of one machine.

#include "facts/Facts.h"

#include <string>
#include <vector>

#include <llvm/ADT/StringRef.h>

namespace llvm {
class raw_ostream;
}

namespace carcinize {

struct SavedFacts {
  ScanFacts Facts;
  std::vector<std::string> Notes;
  std::vector<std::string> Warnings;
};

/// The file's text (ends with a newline).
std::string renderFactsFile(const SavedFacts &S);

/// The same text, streamed to \p OS.
void writeFactsFile(llvm::raw_ostream &OS, const SavedFacts &S);

/// The format written: a header line (`carcinize_facts`, `tool`, `notes`,
/// `warnings`), then the facts as JSON Lines (FactsJson.h). Version 1 was
/// one JSON document.
constexpr int FactsFileVersion = 2;

/// Reads a facts file. Throws InputError naming \p Name (and the line) when
/// it is not one.
SavedFacts parseFactsFile(llvm::StringRef Text, const std::string &Name);

/// Reads the file at \p Path.
SavedFacts loadFactsFile(const std::string &Path);

/// Joins shards: facts appended and normalised, notes and warnings kept once
/// each in first-seen order. Throws InputError when the shards come from
/// different carcinize versions (\p Names name them).
SavedFacts mergeFactsFiles(std::vector<SavedFacts> Parts, const std::vector<std::string> &Names);

} // namespace carcinize
