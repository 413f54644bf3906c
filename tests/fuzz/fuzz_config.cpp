// Fuzz target: the YAML configuration (parseConfig), then what is done with
// a loaded one: validation against a small rule catalogue, the effective
// settings of a rule, and `config dump`, whose output must load again.
#include "FuzzSupport.h"

#include "config/Config.h"
#include "support/Error.h"

#include <cmath>

using namespace carcinize;

namespace {

bool usableWeight(double W) { return std::isfinite(W) && W >= 0; }

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Config C;
  try {
    C = parseConfig(fuzz::input(Data, Size), "fuzz.yaml");
  } catch (const InputError &) {
    return 0;
  }
  const ScoringWeights &W = C.Scoring;
  for (double V : {W.Critical, W.High, W.Medium, W.Low, W.RiskScale, W.EffortScale, W.Risk,
                   W.RiskOnBoundary, W.Exposure, W.Hotness, W.Size, W.SizeScale,
                   W.History})
    fuzz::check(usableWeight(V), "a scoring weight is negative, infinite or NaN");
  fuzz::check(W.RiskScale > 0 && W.EffortScale > 0 && W.SizeScale > 0,
              "risk_scale, effort_scale or size_scale is 0");

  RuleCatalogueView Catalogue;
  Catalogue.Rules = {{"heap.double-free", {}},
                     {"mem.unbounded-string-copy", {"copy-functions"}},
                     {"trust.tainted-size", {"sources", "sinks"}}};
  std::map<std::string, std::pair<bool, Severity>> Defaults = {
      {"heap.double-free", {true, Severity::Critical}},
      {"mem.unbounded-string-copy", {true, Severity::High}}};
  try {
    validateRuleSettings(C, Catalogue);
  } catch (const InputError &) {
  }
  for (const auto &[Id, Options] : Catalogue.Rules)
    (void)effectiveRuleSettings(C, Id);

  // `carcinize config dump > .carcinize.yaml` must give a loadable file with
  // the same settings.
  std::string Dump = dumpConfig(C, Catalogue, Defaults);
  Config Again;
  try {
    Again = parseConfig(Dump, "dump.yaml");
  } catch (const InputError &E) {
    fuzz::check(false, "the output of dumpConfig does not load", E.what() + ("\n" + Dump));
  }
  fuzz::check(Again.Exclude == C.Exclude, "dump changed 'exclude'", Dump);
  fuzz::check(Again.Modules.size() == C.Modules.size(), "dump changed 'modules'", Dump);
  for (size_t I = 0; I < C.Modules.size(); ++I)
    fuzz::check(Again.Modules[I].Name == C.Modules[I].Name &&
                    Again.Modules[I].Paths == C.Modules[I].Paths,
                "dump changed a module", Dump);
  fuzz::check(Again.Boundaries.EntryPoints == C.Boundaries.EntryPoints,
              "dump changed 'entry_points'", Dump);
  fuzz::check(Again.Boundaries.Sources.size() == C.Boundaries.Sources.size(),
              "dump changed 'sources'", Dump);
  for (size_t I = 0; I < C.Boundaries.Sources.size(); ++I) {
    const auto &A = Again.Boundaries.Sources[I], &B = C.Boundaries.Sources[I];
    fuzz::check(A.Name == B.Name && A.Kind == B.Kind && A.Data == B.Data,
                "dump changed a source", Dump);
  }
  fuzz::check(Again.Boundaries.Callbacks.size() == C.Boundaries.Callbacks.size(),
              "dump changed 'callbacks'", Dump);
  for (size_t I = 0; I < C.Boundaries.Callbacks.size(); ++I) {
    const auto &A = Again.Boundaries.Callbacks[I], &B = C.Boundaries.Callbacks[I];
    fuzz::check(A.Name == B.Name && A.Kind == B.Kind && A.Callback == B.Callback &&
                    A.Data == B.Data,
                "dump changed a callback source", Dump);
  }
  return 0;
}
