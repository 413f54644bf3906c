#pragma once
/// \file Hot paths: a static estimate per function (loop nesting, calls from
/// inside callers' loops, fan-in, recursion), overridden by a real profile.

#include "analysis/CallGraph.h"
#include "analysis/Profile.h"

#include <string>
#include <vector>

namespace carcinize {

/// Hotness of one function, 0..1.
struct FunctionHotness {
  double Score = 0;
  std::string Source = "static"; ///< "static" or "profile"
  std::string Detail;            ///< the facts behind the score, in words
};

/// Hotness of every node of \p G. With \p P, functions found in the profile
/// get their share of the hottest function's self cost; the names of the
/// profile that match no function are appended to \p Unmatched.
std::vector<FunctionHotness> computeHotness(const CallGraph &G, const Profile *P,
                                            std::vector<std::string> *Unmatched = nullptr);

} // namespace carcinize
