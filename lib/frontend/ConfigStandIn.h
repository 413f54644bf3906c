#pragma once
/// \file Stand-ins for generated configuration headers, for scans without a
/// compilation database. Most C projects include a `config.h` that their
/// build writes from a template (`config.h.in` for autoconf, `*.h.cmake` or
/// `*.h.in` for CMake's configure_file, `*.h.meson` for Meson). Without the
/// build, the include is missing and whole files fall into inactive `#if`
/// branches. A stand-in is derived from the template with the host's common
/// feature macros, held in memory (an overlay file system: never written into
/// the tree), and said in the report.

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// A stand-in for one generated header.
struct ConfigStandIn {
  std::string Path;     ///< absolute: where the build would write it (beside the template)
  std::string Template; ///< absolute path of the template
  std::string Content;  ///< the derived header
  unsigned Defined = 0, Undefined = 0; ///< macros the template asks about
};

/// What the host answers for a macro a template asks about: a value ("1",
/// "8", "1234") or nothing. Built from the host (headers present, type
/// sizes, byte order) and a list of common C library functions.
class HostFeatures {
public:
  /// The running host: a HAVE_X_H is set when X.h (sys/x.h...) is in one of
  /// \p IncludeDirs (default: /usr/local/include, /usr/include and its
  /// multiarch folder) or is a header of the C standard the compiler ships.
  static HostFeatures detect(std::vector<std::string> IncludeDirs = {});
  /// Hermetic: exactly \p Values.
  static HostFeatures forTests(std::map<std::string, std::string> Values);

  /// The value of \p Macro on this host, or "" when it is not set.
  std::string valueOf(const std::string &Macro) const;

private:
  std::map<std::string, std::string> Fixed;
  std::vector<std::string> IncludeDirs;
  bool Probe = false;
};

/// The generated header \p TemplatePath stands for ("src/config.h" for
/// "src/config.h.in", "expat_config.h" for "expat_config.h.cmake"), or ""
/// when the name is not that of a header template.
std::string generatedHeaderOf(const std::string &TemplatePath);

/// Derives the header from \p Text, the template's content:
/// - `#cmakedefine X [value]`, `#mesondefine X`, autoconf's `#undef X`:
///   defined (with the template's value, else the host's, else 1) when the
///   host sets X or the value is a string; else left undefined in a comment;
/// - `#cmakedefine01 X`: 1 or 0;
/// - `@VAR@` and `${VAR}` elsewhere: the host's value of VAR; unknown, 0 on
///   `#if`/`#elif` lines (an empty `#if` is an error and would hide the
///   block: that broke libexpat's clean parses) and 1 in `#define` values
///   (the common default of an option), left alone in strings and other lines.
std::string deriveStandIn(const std::string &Text, const HostFeatures &Host, unsigned &Defined,
                          unsigned &Undefined);

} // namespace carcinize
