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
  /// "source" (calls an input source, or a function that hands back what
  /// it read: through its result or a buffer it fills), "argv" (main's
  /// arguments), "entry-point" (an exported API that nothing in the tree
  /// calls and whose address is not taken, taking bytes and a length, a
  /// stream, a FILE * or a descriptor, or one named in the configuration),
  /// "fuzz-target" (a fuzz harness feeds it bytes; Source is the harness,
  /// Origin its file), "callback" (a library calls it back with input:
  /// Source is the library function, pcap_loop, Origin the function that
  /// called it, Line the call), "propagated" (called by an exposed function with
  /// arguments that carry the data), or "" when not exposed.
  std::string Kind;
  std::string Source;      ///< the source function (recv) or the entry point
  std::string SourceKind;  ///< network, file, ipc, env, api, custom
  std::string Origin;      ///< the function that reads the source
  unsigned Line = 0;       ///< line of the source call in Origin
  /// The path of the data, Origin first: up through the functions that
  /// hand what they read back to their callers (ReturnHops of them), then
  /// down through the calls that pass it on.
  std::vector<std::string> Chain;
  /// How many functions of Chain after Origin received the data back from
  /// their callee (a result or a filled buffer) rather than from a caller:
  /// Chain[ReturnHops] is the reader, at exposure 1.
  unsigned ReturnHops = 0;
  /// For "propagated": the parameters of this function that receive the
  /// data on the path kept, and the function pointer of the last call when
  /// it was indirect ('settings->on_url').
  std::vector<std::string> Params;
  std::string Pointer;
  /// Empty for attacker input (network, files and streams the program is
  /// asked to parse, IPC, the command line, an input surface); else what of
  /// the process's own environment was read: "the process environment"
  /// (getenv), "its configuration file", "memory mapped by
  /// an allocator". Such a boundary counts ExposureOptions::Environment.
  std::string Environment;
  /// True when the boundary or the last call is in peripheral code
  /// (contrib/, tools/): its exposure was scaled down.
  bool Peripheral = false;
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
  /// Factor for boundaries in peripheral code (contrib/, tools/), and for
  /// data passed into it from the core.
  double Peripheral = 0.5;
  /// Exposure of a function that reads the process's own environment
  /// (ExposureEvidence::Environment) rather than attacker input: the
  /// environment, a configuration read at start-up and an allocator's
  /// mapping are chosen by whoever runs the program, not sent by an attacker.
  double Environment = 0.2;
};

/// What of the process's own environment a read of \p SourceKind through
/// \p Source in function \p Reader (file \p File) is; "" when it is
/// attacker input.
std::string environmentRead(const std::string &SourceKind, const std::string &Source,
                            const std::string &Reader, const std::string &File);

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

/// isHarnessCode for a file path alone (folders and file names).
bool isHarnessPath(const std::string &File);

/// A fuzz harness: LLVMFuzzerTestOneInput, or harness code under a path
/// naming fuzzing. Its callees that receive its data are input surfaces.
bool isFuzzHarness(const FunctionFacts &F);

/// Peripheral code: shipped beside the product but not part of it, by its
/// folder (contrib/, tools/): zlib's minizip, libpng's pngminus, c-ares'
/// adig. Its boundaries count for less (ExposureOptions::Peripheral).
bool isPeripheralPath(const std::string &File);


} // namespace carcinize
