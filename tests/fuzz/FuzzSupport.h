#pragma once
/// \file What every fuzz target shares: the input as a string, and a check
/// that ends the run with a report when a property of the parsed result does
/// not hold. A parser's documented answer to bad input, InputError, is caught
/// by the targets; anything else (another exception, a sanitizer report, a
/// failed check, a hang) is a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace carcinize::fuzz {

/// The fuzzer's bytes as a string (they may hold NULs and invalid UTF-8).
inline std::string input(const uint8_t *Data, size_t Size) {
  return std::string(reinterpret_cast<const char *>(Data), Size);
}

/// Aborts (a crash libFuzzer saves) when \p Ok is false.
inline void check(bool Ok, const char *What, const std::string &Detail = {}) {
  if (Ok)
    return;
  std::fprintf(stderr, "fuzz property failed: %s\n%s\n", What, Detail.c_str());
  std::abort();
}

} // namespace carcinize::fuzz
