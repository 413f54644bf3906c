#include "report/TextWrap.h"

#include <algorithm>
#include <vector>

namespace carcinize {

namespace {

bool isContinuationByte(char C) { return (static_cast<unsigned char>(C) & 0xC0) == 0x80; }

/// Code points in \p S: what a terminal shows of UTF-8 text, closely enough
/// (reports hold no wide characters of their own).
size_t displayWidth(std::string_view S) {
  return std::count_if(S.begin(), S.end(), [](char C) { return !isContinuationByte(C); });
}

/// The byte offset at which \p S's first \p Columns code points end.
size_t byteOffsetOfColumn(std::string_view S, size_t Columns) {
  size_t Seen = 0;
  for (size_t I = 0; I < S.size(); ++I)
    if (!isContinuationByte(S[I]) && Seen++ == Columns)
      return I;
  return S.size();
}

/// The last \p Columns code points of \p S.
std::string_view lastColumns(std::string_view S, size_t Columns) {
  size_t Total = displayWidth(S);
  return Total <= Columns ? S : S.substr(byteOffsetOfColumn(S, Total - Columns));
}

void fitLine(std::string_view Line, unsigned Width, std::string &Out) {
  size_t Indent = Line.find_first_not_of(' ');
  if (Indent == std::string_view::npos || displayWidth(Line) <= Width) {
    Out.append(Line).push_back('\n');
    return;
  }
  size_t Hang = Indent + (Line.substr(Indent, 2) == "- " ? 2 : 4);
  Hang = std::min<size_t>(Hang, Width / 2);
  std::string Prefix(std::min<size_t>(Indent, Width / 2), ' ');
  std::string_view Rest = Line.substr(Indent);
  while (!Rest.empty()) {
    size_t Room = Width - displayWidth(Prefix);
    if (displayWidth(Rest) <= Room) {
      Out.append(Prefix).append(Rest).push_back('\n');
      break;
    }
    // The last blank that leaves the line within the width.
    size_t Cut = byteOffsetOfColumn(Rest, Room);
    size_t Blank = Rest.substr(0, Cut + 1).find_last_of(' ');
    std::string_view Head, Tail;
    if (Blank != std::string_view::npos && Blank > 0) {
      Head = Rest.substr(0, Blank);
      Tail = Rest.substr(Blank);
    } else {
      size_t End = Rest.find(' ');
      std::string_view Token = Rest.substr(0, End);
      Tail = End == std::string_view::npos ? std::string_view() : Rest.substr(End);
      if (Token.find('/') != std::string_view::npos && Room > 3) {
        Out.append(Prefix).append("...").append(lastColumns(Token, Room - 3));
        Out.push_back('\n');
      } else {
        Head = Token.substr(0, Cut);
        Tail = Rest.substr(Cut);
        Out.append(Prefix).append(Head).push_back('\n');
      }
      Head = {};
      Prefix.assign(Hang, ' ');
      Rest = Tail.substr(std::min(Tail.size(), Tail.find_first_not_of(' ')));
      continue;
    }
    while (!Head.empty() && Head.back() == ' ')
      Head.remove_suffix(1);
    Out.append(Prefix).append(Head).push_back('\n');
    Prefix.assign(Hang, ' ');
    Rest = Tail.substr(std::min(Tail.size(), Tail.find_first_not_of(' ')));
  }
}

} // namespace

std::string fitToWidth(std::string_view Text, unsigned Width) {
  if (Width == 0)
    return std::string(Text);
  std::string Out;
  Out.reserve(Text.size() + Text.size() / 8);
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    fitLine(Text.substr(0, End), Width, Out);
    if (End == std::string_view::npos) {
      Out.pop_back(); // the text did not end with a newline
      break;
    }
    Text.remove_prefix(End + 1);
  }
  return Out;
}

} // namespace carcinize
