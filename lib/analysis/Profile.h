#pragma once
/// \file Real profiles: folded stacks (`frame;frame;frame count`, from perf
/// script + stackcollapse, bcc, async-profiler) and callgrind output files.
/// Malformed lines are reported with their line number and skipped.

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// Costs per function name, as measured.
struct Profile {
  std::string Format;                      ///< "folded" or "callgrind"
  std::string Event;                       ///< "samples", or callgrind's first event (Ir)
  std::map<std::string, double> Self;      ///< cost in the function itself
  std::map<std::string, double> Inclusive; ///< cost including callees
  double Total = 0;
  std::vector<std::string> Warnings;       ///< "file:line: what", one per bad line
};

/// Parses folded stacks; \p Source names the input in warnings.
Profile parseFoldedStacks(const std::string &Text, const std::string &Source);

/// Parses a callgrind output file (name compression, `calls=` lines,
/// `positions:` with several columns); \p Source names it in warnings.
Profile parseCallgrind(const std::string &Text, const std::string &Source);

/// Reads \p Path and parses it in the format its content shows (callgrind
/// files start with `# callgrind format` or hold an `events:` line).
/// Throws InputError when the file cannot be read.
Profile loadProfile(const std::string &Path);

/// A profiler's frame name reduced to a function name: no arguments, no
/// module prefix (`libfoo.so\`f`), no `'2` recursion suffix.
std::string normalizeFrameName(const std::string &Frame);

} // namespace carcinize
