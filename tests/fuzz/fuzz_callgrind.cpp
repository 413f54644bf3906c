// Fuzz target: callgrind output files (parseCallgrind), with name
// compression, `calls=` lines and several position columns. Malformed lines
// are warnings; the costs must stay usable by the hotness analysis.
#include "FuzzSupport.h"

#include "analysis/Profile.h"
#include "support/Error.h"

#include <cmath>

using namespace carcinize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Profile P;
  try {
    P = parseCallgrind(fuzz::input(Data, Size), "fuzz.callgrind");
  } catch (const InputError &) {
    return 0;
  }
  auto Usable = [](double V) { return std::isfinite(V) && V >= 0; };
  fuzz::check(Usable(P.Total), "total cost is negative, infinite or NaN");
  for (const auto &[Name, Cost] : P.Self)
    fuzz::check(Usable(Cost), "a self cost is negative, infinite or NaN", Name);
  for (const auto &[Name, Cost] : P.Inclusive)
    fuzz::check(Usable(Cost), "an inclusive cost is negative, infinite or NaN", Name);
  return 0;
}
