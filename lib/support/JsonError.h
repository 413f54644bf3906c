#pragma once
/// \file Compiler-style positions for llvm::json parse errors.

#include <cstddef>
#include <string>

#include <llvm/Support/Error.h>

namespace carcinize {

/// "line:col" (both 1-based) of the character a llvm::json::ParseError at
/// byte \p Byte of \p Text is about. The parser reports its position just
/// past that character (column 0 of the next line after a newline), except
/// for "Text after end of document", reported at the character itself.
std::string jsonErrorPosition(const std::string &Text, size_t Byte, const std::string &What);

/// Splits the message of a llvm::json::parse error ("[line:col, byte=N]:
/// what") into what went wrong and, in \p LineCol, the position computed by
/// jsonErrorPosition (left empty when the message carries none).
std::string jsonErrorText(llvm::Error E, const std::string &Text, std::string &LineCol);

} // namespace carcinize
