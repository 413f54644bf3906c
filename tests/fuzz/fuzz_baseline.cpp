// Fuzz target: baseline files (parseBaseline). What renderBaseline writes
// from a baseline read must read back to the same baseline.
#include "FuzzSupport.h"

#include "check/Baseline.h"
#include "support/Error.h"

using namespace carcinize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Baseline B;
  try {
    B = parseBaseline(fuzz::input(Data, Size), "fuzz-baseline.json");
  } catch (const InputError &) {
    return 0;
  }
  std::string Text = renderBaseline(B);
  Baseline Again;
  try {
    Again = parseBaseline(Text, "rendered.json");
  } catch (const InputError &E) {
    fuzz::check(false, "a rendered baseline does not read back", E.what() + ("\n" + Text));
  }
  fuzz::check(renderBaseline(Again) == Text, "a rendered baseline reads back different", Text);
  std::vector<std::string> Fingerprints;
  for (const auto &F : B.Findings)
    Fingerprints.push_back(F.Fingerprint);
  std::vector<bool> Known = matchBaseline(B, Fingerprints);
  for (bool K : Known)
    fuzz::check(K, "a baseline does not match its own fingerprints");
  return 0;
}
