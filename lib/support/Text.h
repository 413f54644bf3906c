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

/// \p Text on one line for a message: runs of blanks and line breaks become
/// one space, leading ones go, and a text longer than \p Max is cut to
/// Max - 3 characters and "...". Source text named in findings and briefs.
inline std::string oneLine(std::string_view Text, size_t Max) {
  std::string Out;
  bool Space = false;
  for (char C : Text) {
    if (C == '\n' || C == '\t' || C == '\r' || C == ' ') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  if (Out.size() > Max)
    Out = Out.substr(0, Max - 3) + "...";
  return Out;
}

/// \p S safe to print on a terminal: control characters (below 0x20, and
/// DEL), which a file name or a message taken from the scanned tree may hold
/// to drive the terminal (ESC sequences that clear the screen or set the
/// title), are shown as `\xNN`; those in \p Keep (a report's own newlines)
/// are kept. Every text report goes through this: scan's whole text at once,
/// check's names and messages one by one (its colours are its own).
inline std::string printable(std::string_view S, std::string_view Keep = {}) {
  static const char Hex[] = "0123456789abcdef";
  std::string Out;
  Out.reserve(S.size());
  for (unsigned char C : S) {
    if ((C < 0x20 || C == 0x7f) && Keep.find(static_cast<char>(C)) == std::string_view::npos) {
      Out += "\\x";
      Out += Hex[C >> 4];
      Out += Hex[C & 15];
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out;
}

} // namespace carcinize
