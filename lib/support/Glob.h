#pragma once
/// \file Path globs as used in config files and on the command line.

#include <string>
#include <string_view>

namespace carcinize {

/// Matches \p Path (with '/' separators) against \p Pattern.
///
/// `*` matches within one path component, `?` one character other than '/',
/// `**` any number of components (including none), `[abc]` a character class.
/// A pattern without a '/' matches the last component anywhere in the path
/// (as .gitignore does), so `*.pb.c` excludes generated files in any folder.
bool globMatch(std::string_view Pattern, std::string_view Path);

/// Glob without the path-component rules: `*` also matches '/'. Used for rule
/// ids (`mem.*`) and compiler names given to --query-driver.
bool globMatchPlain(std::string_view Pattern, std::string_view Text);

/// The most a glob may hold. A match costs up to (number of stars) x (path
/// length)^2 steps, and an exclude glob is tried on every path of the tree:
/// a configuration from the scanned tree with `*` 20,000 times, or `**/`
/// 2,000 times, kept a scan busy for minutes. Real globs hold a few stars.
constexpr size_t MaxGlobLength = 1024;
constexpr unsigned MaxGlobStars = 32;

/// Why \p Pattern is refused ("has 40 '*'; at most 32 are allowed"), or ""
/// when it is within MaxGlobLength and MaxGlobStars.
std::string globProblem(std::string_view Pattern);

} // namespace carcinize
