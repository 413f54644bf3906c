// Fuzz target: `git diff -U0` output (parseUnifiedDiff), read by
// `check --diff REV`. The ranges must be what the header promises: sorted,
// disjoint, each first <= last.
#include "FuzzSupport.h"

#include "check/GitDiff.h"
#include "support/Error.h"

using namespace carcinize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  ChangedLines Changed;
  try {
    Changed = parseUnifiedDiff(fuzz::input(Data, Size));
  } catch (const InputError &) {
    return 0;
  }
  for (const auto &[File, Ranges] : Changed.Ranges) {
    fuzz::check(!File.empty(), "ranges for an empty file name");
    for (size_t I = 0; I < Ranges.size(); ++I) {
      const auto &[First, Last] = Ranges[I];
      fuzz::check(First <= Last, "a range ends before it starts", File);
      if (I)
        fuzz::check(Ranges[I - 1].second < First, "ranges overlap or are not sorted", File);
      fuzz::check(Changed.contains(File, First) && Changed.contains(File, Last),
                  "contains() misses the ends of a range", File);
    }
  }
  return 0;
}
