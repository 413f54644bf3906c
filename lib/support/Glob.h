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

} // namespace carcinize
