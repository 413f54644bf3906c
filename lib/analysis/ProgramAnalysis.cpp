#include "analysis/ProgramAnalysis.h"

namespace carcinize {

ProgramAnalysis analyzeProgram(const ScanFacts &Facts, const BoundaryConfig &Boundaries,
                               const Profile *P) {
  ProgramAnalysis A;
  A.Graph = CallGraph::build(Facts);
  A.Exposure = computeExposure(A.Graph, Boundaries);
  A.Hotness = computeHotness(A.Graph, P, &A.UnmatchedProfile);
  if (P)
    A.ProfileWarnings = P->Warnings;
  return A;
}

} // namespace carcinize
