#pragma once
/// \file Lines of the scanned sources, for snippets, carets and
/// fingerprints. Files are read once, lazily; a file that cannot be read (or
/// is larger than 64 MiB) has no lines, and so has every file outside the
/// scanned root: the paths come from facts and baselines, which anyone may
/// have written (`../../secret`, `/etc/passwd`), and the report must not
/// quote them. Plain C++.

#include <map>
#include <string>
#include <vector>

namespace carcinize {

class SourceLines {
public:
  /// \p Root is the absolute scanned root; paths given later are relative to
  /// it (or absolute).
  explicit SourceLines(std::string Root);

  /// Line \p Line (1-based) of \p File without its end of line (and
  /// without a trailing '\r'), or "" when there is no such line.
  const std::string &line(const std::string &File, unsigned Line);

  /// True when \p File could be read.
  bool readable(const std::string &File);

private:
  const std::vector<std::string> &lines(const std::string &File);
  std::string Root;
  std::string RealRoot; ///< Root with its symbolic links resolved
  std::map<std::string, std::vector<std::string>> Cache;
  std::map<std::string, bool> Readable;
};

/// A window of a source line around a column, for a snippet and its caret.
struct SnippetWindow {
  std::string Text;    ///< the bytes shown, with "..." where the line was cut
  unsigned Column = 0; ///< the 1-based byte column in Text
};

/// The widest snippet shown, in bytes: a finding on a 10 MB one-line file
/// (minified or generated code) printed 10 MB of snippet and of caret.
constexpr size_t MaxSnippetBytes = 240;

/// \p Line as shown for a finding at byte \p Column (1-based): whole when
/// it fits in MaxSnippetBytes, else that many bytes around the column, cut
/// at UTF-8 character boundaries and marked with "...".
SnippetWindow clipAround(const std::string &Line, unsigned Column);

/// \p Text with runs of blanks made one space and the ends trimmed (how a
/// fingerprint sees a line: re-indentation does not change it).
std::string normalizeCode(const std::string &Text);

} // namespace carcinize
