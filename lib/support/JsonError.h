#pragma once
/// \file Compiler-style positions for llvm::json parse errors.

#include <cstddef>
#include <string>

namespace carcinize {

/// "line:col" (both 1-based) of the character a llvm::json::ParseError at
/// byte \p Byte of \p Text is about. The parser reports its position just
/// past that character (column 0 of the next line after a newline), except
/// for "Text after end of document", reported at the character itself.
std::string jsonErrorPosition(const std::string &Text, size_t Byte, const std::string &What);

} // namespace carcinize
