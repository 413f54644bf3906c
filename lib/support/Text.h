#pragma once
/// \file Small text helpers shared by the plain units.

#include <string>
#include <string_view>

namespace carcinize {

/// \p S without leading and trailing blanks (spaces, tabs, CR, LF).
inline std::string_view trimView(std::string_view S) {
  const char *Blanks = " \t\r\n\f\v";
  size_t B = S.find_first_not_of(Blanks);
  if (B == std::string_view::npos)
    return {};
  return S.substr(B, S.find_last_not_of(Blanks) - B + 1);
}

/// trimView() as a string.
inline std::string trim(std::string_view S) { return std::string(trimView(S)); }

} // namespace carcinize
