// Fuzz target: facts JSON, in both its forms: the document (factsFromJson,
// as in reports and the cache) and the facts file of JSON Lines records
// (parseFactsFile, as read by `--facts` and `merge`), and the binary form
// of cache entries (factsFromBinary). All are lossless:
// facts read, written and read again are the same facts.
#include "FuzzSupport.h"

#include "facts/FactsBinary.h"
#include "facts/FactsFile.h"
#include "facts/FactsJson.h"
#include "support/Error.h"

using namespace carcinize;

namespace {

void checkFactsFile(const std::string &Input) {
  SavedFacts S;
  try {
    S = parseFactsFile(Input, "fuzz-facts-file.json");
  } catch (const InputError &) {
    return;
  }
  std::string Text = renderFactsFile(S);
  SavedFacts Again;
  try {
    Again = parseFactsFile(Text, "written-file.json");
  } catch (const InputError &E) {
    fuzz::check(false, "a written facts file does not read back", E.what() + ("\n" + Text));
  }
  fuzz::check(Again.Facts == S.Facts && Again.Notes == S.Notes && Again.Warnings == S.Warnings,
              "a written facts file reads back different", Text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  checkFactsFile(fuzz::input(Data, Size));
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
  // The binary form (cache entries, children's results) holds the same facts.
  std::optional<ScanFacts> Bin = factsFromBinary(factsToBinary(Again));
  fuzz::check(Bin && *Bin == Again, "facts do not survive the binary form", Text);
  // Arbitrary bytes are decoded or refused, never trusted past their end.
  (void)factsFromBinary(fuzz::input(Data, Size));
  // Merging is what `merge` does with facts read from several files.
  ScanFacts Merged = Again;
  Merged.append(std::move(Again));
  Merged.normalize();
  return 0;
}
