// Fuzz target: facts JSON (factsFromJson), as read by `--facts` and
// `merge`. The form is lossless: facts read, written and read again are
// the same facts.
#include "FuzzSupport.h"

#include "facts/FactsJson.h"
#include "support/Error.h"

using namespace carcinize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  ScanFacts Facts;
  try {
    Facts = factsFromJson(fuzz::input(Data, Size), "fuzz-facts.json");
  } catch (const InputError &) {
    return 0;
  }
  (void)computeStats(Facts);
  std::string Text = factsToJson(Facts);
  ScanFacts Again;
  try {
    Again = factsFromJson(Text, "written.json");
  } catch (const InputError &E) {
    fuzz::check(false, "written facts do not read back", E.what() + ("\n" + Text));
  }
  fuzz::check(factsToJson(Again) == Text, "written facts read back different", Text);
  // Merging is what `merge` does with facts read from several files.
  ScanFacts Merged = Again;
  Merged.append(std::move(Again));
  Merged.normalize();
  return 0;
}
