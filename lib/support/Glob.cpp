#include "support/Glob.h"

#include <vector>

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

// The matcher, as a recursion over (pattern offset, text offset) whose
// answers are remembered. Without that, every '*' retried every split: a
// suppression comment `carcinize-ignore(*************x): r` took 37 s per
// finding it was tried on, three times more per added star. Each pair is
// now decided once: a match costs at most O(pattern x text x text).
class Matcher {
public:
  /// \p FolderPrefix: the pattern may also end where the text has a '/'
  /// (it names a folder the text lies in), which decides every prefix of
  /// the text in the one pass.
  Matcher(std::string_view P, std::string_view T, bool SlashAware, bool FolderPrefix = false)
      : P(P), T(T), SlashAware(SlashAware), FolderPrefix(FolderPrefix),
        Memo((P.size() + 1) * (T.size() + 1), Unknown) {}

  bool match(size_t PI, size_t TI) {
    signed char &M = Memo[PI * (T.size() + 1) + TI];
    if (M == Unknown)
      M = decide(PI, TI);
    return M;
  }

private:
  static constexpr signed char Unknown = -1;

  bool decide(size_t PI, size_t TI) {
    if (PI == P.size())
      return TI == T.size() || (FolderPrefix && T[TI] == '/');
    if (SlashAware && P.substr(PI, 2) == "**") {
      size_t Rest = PI + 2;
      bool Slash = Rest < P.size() && P[Rest] == '/';
      if (Slash)
        ++Rest;
      // "**/" matches zero or more whole components.
      if (match(Rest, TI))
        return true;
      for (size_t I = TI; I < T.size(); ++I)
        if ((!Slash || T[I] == '/') && match(Rest, I + 1))
          return true;
      return false;
    }
    char C = P[PI];
    if (C == '*') {
      // A loop, not a recursion on (PI, TI + 1): the depth stays bounded by
      // the pattern's length, whatever the text's.
      for (size_t I = TI; I <= T.size(); ++I) {
        if (match(PI + 1, I))
          return true;
        if (I < T.size() && SlashAware && T[I] == '/')
          return false;
      }
      return false;
    }
    if (TI == T.size())
      return false;
    if (C == '?') {
      if (SlashAware && T[TI] == '/')
        return false;
      return match(PI + 1, TI + 1);
    }
    if (C == '[') {
      std::string_view Rest = P.substr(PI + 1);
      if (!matchClass(Rest, T[TI]))
        return false;
      return match(P.size() - Rest.size(), TI + 1);
    }
    if (C == '\\' && PI + 1 < P.size()) {
      if (P[PI + 1] != T[TI])
        return false;
      return match(PI + 2, TI + 1);
    }
    if (C != T[TI])
      return false;
    return match(PI + 1, TI + 1);
  }

  std::string_view P, T;
  bool SlashAware;
  bool FolderPrefix;
  std::vector<signed char> Memo;
};

bool matchImpl(std::string_view P, std::string_view T, bool SlashAware) {
  return Matcher(P, T, SlashAware).match(0, 0);
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
  // The whole path, or (a pattern naming a folder covers everything below
  // it) any prefix that ends before a '/': one table for all of them, where
  // a match per prefix multiplied the cost by the depth of the path.
  return Matcher(Pattern, Path, /*SlashAware=*/true, /*FolderPrefix=*/true).match(0, 0);
}

std::string globProblem(std::string_view Pattern) {
  if (Pattern.size() > MaxGlobLength)
    return "the glob is " + std::to_string(Pattern.size()) + " characters long; at most " +
           std::to_string(MaxGlobLength) + " are allowed";
  unsigned Stars = 0;
  for (char C : Pattern)
    Stars += C == '*';
  if (Stars > MaxGlobStars)
    return "the glob has " + std::to_string(Stars) + " '*'; at most " +
           std::to_string(MaxGlobStars) + " are allowed";
  return "";
}

bool globMatchPlain(std::string_view Pattern, std::string_view Text) {
  return matchImpl(Pattern, Text, false);
}

} // namespace carcinize
