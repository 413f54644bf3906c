#pragma once
/// \file Reading what the user, or whoever wrote the scanned tree, names:
/// every named input file and every JSON document goes through here, so that
/// each read is bounded in size and each parse in nesting depth before the
/// parser sees the text. Plain C++.

#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>

#include <cstdint>
#include <memory>
#include <string>

namespace carcinize {

/// The largest input of each kind carcinize reads whole. They are far above
/// any real file of the kind (a hand-written configuration is kilobytes, the
/// facts of a million-line scan are about 100 MB) and keep an endless or
/// absurd input from taking the machine's memory.
namespace input_limits {
constexpr uint64_t Config = 16ull << 20;             ///< .carcinize.yaml, --config
constexpr uint64_t CompilationDatabase = 1ull << 30; ///< compile_commands.json
constexpr uint64_t Baseline = 1ull << 30;            ///< --baseline
constexpr uint64_t Facts = 4ull << 30;               ///< --facts, merge inputs
constexpr uint64_t Profile = 4ull << 30;             ///< --profile
} // namespace input_limits

/// The contents of \p Path, which must be a regular file (a device, a FIFO
/// or a folder could block, never end or mean nothing) of at most
/// \p MaxBytes. \p What names the input in the error ("configuration
/// file"). Throws InputError naming the path and the reason.
std::unique_ptr<llvm::MemoryBuffer> readInputFile(const std::string &Path, const std::string &What,
                                                  uint64_t MaxBytes);

/// How deep a JSON document we read may nest. Every format carcinize reads
/// nests fewer than ten levels; the parser and the destructor of its tree
/// recurse once per level, and 50,000 levels overflowed the stack.
constexpr unsigned MaxJsonDepth = 256;

/// The position ("line:col", 1-based) of the first bracket of \p Text that
/// opens level MaxJsonDepth + 1, outside strings; empty when the text nests
/// no deeper. Linear, without recursion.
std::string jsonTooDeepAt(llvm::StringRef Text);

/// llvm::json::parse of \p Text, after checking its nesting: a document
/// nested deeper than MaxJsonDepth throws InputError("<Name>:<line>:<col>:
/// JSON nested deeper than 256 levels"). Syntax errors come back as the
/// parser's llvm::Error, for the caller to word. \p Name of a record that
/// is one line of a file already names that line: then only the column is
/// added.
llvm::Expected<llvm::json::Value> parseJsonBounded(llvm::StringRef Text, const std::string &Name,
                                                   bool NameHasLine = false);

} // namespace carcinize
