#pragma once
/// \file Fitting a text report to a terminal's width: long lines wrapped at
/// blanks with a hanging indent, tokens too long for any line (a deep path)
/// clipped where they say least. Plain C++.

#include <string>
#include <string_view>

namespace carcinize {

/// \p Text with every line at most \p Width characters (code points) wide;
/// 0 leaves it as it is. A wrapped line continues under its own text, four
/// columns in (under the text of a "- " item), so that what was one line
/// still reads as one entry. A token wider than the room left is a path
/// clipped on the left ("...dir/file.c:12", its end names the file) or,
/// without a '/', cut across lines.
std::string fitToWidth(std::string_view Text, unsigned Width);

} // namespace carcinize
