#pragma once
/// \file The whole-program analysis in one call: call graph, exposure and
/// hotness of every function, from merged facts (of one machine or many).

#include "analysis/CallGraph.h"
#include "analysis/Exposure.h"
#include "analysis/ExposureCache.h"
#include "analysis/Hotness.h"
#include "analysis/Profile.h"
#include "config/Config.h"

#include <optional>
#include <string>
#include <vector>

namespace carcinize {

/// Results per function, indexed like the call graph's nodes.
struct ProgramAnalysis {
  CallGraph Graph;
  std::vector<FunctionExposure> Exposure;
  std::vector<FunctionHotness> Hotness;
  std::vector<std::string> ProfileWarnings;  ///< malformed profile lines
  std::vector<std::string> UnmatchedProfile; ///< profile names with no function
};

/// Analyses \p Facts (which must outlive the result: the graph points into it).
/// With \p Cache, the exposure of the same facts under the same salt is read
/// back rather than computed, and what is computed is stored.
ProgramAnalysis analyzeProgram(const ScanFacts &Facts, const BoundaryConfig &Boundaries,
                               const Profile *P = nullptr, const ExposureCache *Cache = nullptr);

} // namespace carcinize
