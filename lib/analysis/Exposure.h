#pragma once
/// \file Trust boundaries: which functions read untrusted input or receive
/// it from callers, and how far that input travels down the call graph.

#include "analysis/CallGraph.h"
#include "config/Config.h"

#include <string>
#include <vector>

namespace carcinize {

/// Why a function is exposed.
struct ExposureEvidence {
  /// "source" (calls an input source), "argv" (main's arguments),
  /// "entry-point" (an exported API that nothing in the tree calls, taking
  /// bytes and a length, a FILE * or a descriptor, or one named in the
  /// configuration), "fuzz-target" (a fuzz harness feeds it bytes; Source
  /// is the harness, Origin its file), "propagated" (called with the data by an exposed
  /// function), or "" when not exposed.
  std::string Kind;
  std::string Source;      ///< the source function (recv) or the entry point
  std::string SourceKind;  ///< network, file, ipc, env, api, custom
  std::string Origin;      ///< the function that reads the source
  unsigned Line = 0;       ///< line of the source call in Origin
  /// Functions from Origin down to this one (Origin first).
  std::vector<std::string> Chain;
};

/// Exposure of one function: 1 at a boundary, decaying with call distance.
struct FunctionExposure {
  double Score = 0;
  ExposureEvidence Evidence;
};

/// Options of the exposure analysis.
struct ExposureOptions {
  double Decay = 0.7; ///< factor per call away from the boundary
  double Floor = 0.05; ///< exposure below this is 0
  double ArgvDecay = 0.5; ///< extra factor for data from the command line
};

/// Computes the exposure of every node of \p G. Sources are the built-in
/// `input-sources` table plus \p Boundaries.
std::vector<FunctionExposure> computeExposure(const CallGraph &G, const BoundaryConfig &Boundaries,
                                              const ExposureOptions &Options = {});

/// Describes \p E in words, e.g. "reads network input (recv in 'net_poll',
/// 2 calls away)".
std::string describeExposure(const ExposureEvidence &E);

/// Test, fuzzing, benchmark and example code, by its folder (test/, tests/,
/// fuzz/, bench/, examples/...), its file name (test_x.c, x_test.cc,
/// fuzz_x.c, bench.c...) or its name (LLVMFuzzerTestOneInput). Such code is
/// never an input surface itself, and receives no exposure.
bool isHarnessCode(const FunctionFacts &F);

/// A fuzz harness: LLVMFuzzerTestOneInput, or harness code under a path
/// naming fuzzing. Its callees that take data are input surfaces.
bool isFuzzHarness(const FunctionFacts &F);

} // namespace carcinize
