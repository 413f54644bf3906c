#pragma once
/// \file Lines of the scanned sources, for snippets, carets and
/// fingerprints. Files are read once, lazily; a file that cannot be read (or
/// is larger than 64 MiB) has no lines. Plain C++.

#include <map>
#include <string>
#include <vector>

namespace carcinize {

class SourceLines {
public:
  /// \p Root is the absolute scanned root; paths given later are relative to
  /// it (or absolute).
  explicit SourceLines(std::string Root) : Root(std::move(Root)) {}

  /// Line \p Line (1-based) of \p File without its end of line (and
  /// without a trailing '\r'), or "" when there is no such line.
  const std::string &line(const std::string &File, unsigned Line);

  /// True when \p File could be read.
  bool readable(const std::string &File);

private:
  const std::vector<std::string> &lines(const std::string &File);
  std::string Root;
  std::map<std::string, std::vector<std::string>> Cache;
  std::map<std::string, bool> Readable;
};

/// \p Text with runs of blanks made one space and the ends trimmed (how a
/// fingerprint sees a line: re-indentation does not change it).
std::string normalizeCode(const std::string &Text);

} // namespace carcinize
