#include "support/Glob.h"

namespace carcinize {
namespace {

bool matchClass(std::string_view &Pattern, char C) {
  // Pattern starts just after '['.
  bool Negate = false, Matched = false;
  size_t I = 0;
  if (I < Pattern.size() && (Pattern[I] == '!' || Pattern[I] == '^')) {
    Negate = true;
    ++I;
  }
  bool First = true;
  for (; I < Pattern.size() && (First || Pattern[I] != ']'); ++I, First = false) {
    char Lo = Pattern[I], Hi = Lo;
    if (I + 2 < Pattern.size() && Pattern[I + 1] == '-' && Pattern[I + 2] != ']') {
      Hi = Pattern[I + 2];
      I += 2;
    }
    if (Lo <= C && C <= Hi)
      Matched = true;
  }
  Pattern.remove_prefix(I < Pattern.size() ? I + 1 : I);
  return Matched != Negate;
}

// Iterative matcher with backtracking for the last '*' and '**'.
bool matchImpl(std::string_view P, std::string_view T, bool SlashAware) {
  if (P.empty())
    return T.empty();
  if (SlashAware && P.substr(0, 2) == "**") {
    std::string_view Rest = P.substr(2);
    bool Slash = !Rest.empty() && Rest[0] == '/';
    if (Slash)
      Rest.remove_prefix(1);
    // "**/" matches zero or more whole components.
    if (matchImpl(Rest, T, SlashAware))
      return true;
    for (size_t I = 0; I < T.size(); ++I)
      if ((!Slash || T[I] == '/') && matchImpl(Rest, T.substr(I + 1), SlashAware))
        return true;
    return false;
  }
  char C = P[0];
  if (C == '*') {
    std::string_view Rest = P.substr(1);
    for (size_t I = 0; I <= T.size(); ++I) {
      if (matchImpl(Rest, T.substr(I), SlashAware))
        return true;
      if (I < T.size() && SlashAware && T[I] == '/')
        return false;
    }
    return false;
  }
  if (T.empty())
    return false;
  if (C == '?') {
    if (SlashAware && T[0] == '/')
      return false;
    return matchImpl(P.substr(1), T.substr(1), SlashAware);
  }
  if (C == '[') {
    std::string_view Rest = P.substr(1);
    if (!matchClass(Rest, T[0]))
      return false;
    return matchImpl(Rest, T.substr(1), SlashAware);
  }
  if (C == '\\' && P.size() > 1) {
    if (P[1] != T[0])
      return false;
    return matchImpl(P.substr(2), T.substr(1), SlashAware);
  }
  if (C != T[0])
    return false;
  return matchImpl(P.substr(1), T.substr(1), SlashAware);
}

} // namespace

bool globMatch(std::string_view Pattern, std::string_view Path) {
  if (Pattern.size() > 1 && Pattern.substr(0, 2) == "./")
    Pattern.remove_prefix(2);
  if (Path.size() > 1 && Path.substr(0, 2) == "./")
    Path.remove_prefix(2);
  if (Pattern.find('/') == std::string_view::npos) {
    // Like .gitignore: a bare name matches any component of the path, so
    // `build` excludes a folder and everything below it.
    size_t Start = 0;
    while (true) {
      size_t End = Path.find('/', Start);
      std::string_view Comp =
          Path.substr(Start, End == std::string_view::npos ? Path.npos : End - Start);
      if (matchImpl(Pattern, Comp, true))
        return true;
      if (End == std::string_view::npos)
        return false;
      Start = End + 1;
    }
  }
  if (!Pattern.empty() && Pattern.back() == '/')
    Pattern.remove_suffix(1);
  if (matchImpl(Pattern, Path, true))
    return true;
  // A pattern naming a folder covers everything below it.
  for (size_t I = 0; I < Path.size(); ++I)
    if (Path[I] == '/' && matchImpl(Pattern, Path.substr(0, I), true))
      return true;
  return false;
}

bool globMatchPlain(std::string_view Pattern, std::string_view Text) {
  return matchImpl(Pattern, Text, false);
}

} // namespace carcinize
