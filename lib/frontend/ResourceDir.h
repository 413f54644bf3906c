#pragma once
/// \file Where Clang's builtin headers (stddef.h, stdarg.h, immintrin.h...)
/// are. Every parse passes -resource-dir explicitly: the compiler named in a
/// compilation database may not exist here, and is never asked.

#include <string>

namespace carcinize {

/// The resource directory to parse with, chosen in this order:
///  1. \p Override (the `--resource-dir` option), when not empty;
///  2. the `CARCINIZE_RESOURCE_DIR` environment variable;
///  3. next to an installed binary: `<prefix>/lib/carcinize/clang/<major>`
///     (what `cmake --install` lays out) or `<prefix>/lib/clang/<major>`;
///  4. the Clang installation found at configure time.
/// Throws InputError when the chosen folder has no `include/stddef.h`.
std::string findResourceDir(const std::string &Override, const std::string &Argv0);

/// The directory found at configure time (step 4 above).
const char *configuredResourceDir();

} // namespace carcinize
