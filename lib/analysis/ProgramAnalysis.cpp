#include "analysis/ProgramAnalysis.h"

namespace carcinize {

ProgramAnalysis analyzeProgram(const ScanFacts &Facts, const BoundaryConfig &Boundaries,
                               const Profile *P, const ExposureCache *Cache) {
  ProgramAnalysis A;
  A.Graph = CallGraph::build(Facts);
  std::string Key;
  if (Cache) {
    Key = exposureKey(Facts, Cache->Salt);
    if (auto E = loadExposure(*Cache, Key, A.Graph.size()))
      A.Exposure = std::move(*E);
  }
  if (A.Exposure.size() != A.Graph.size()) {
    A.Exposure = computeExposure(A.Graph, Boundaries);
    if (Cache)
      storeExposure(*Cache, Key, A.Exposure);
  }
  A.Hotness = computeHotness(A.Graph, P, &A.UnmatchedProfile);
  if (P)
    A.ProfileWarnings = P->Warnings;
  return A;
}

} // namespace carcinize
