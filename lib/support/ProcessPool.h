#pragma once
/// \file Work in forked child processes, so that a crash, an assertion or a
/// hang in one job (Clang on a pathological translation unit) costs that job
/// only: the child is reaped or killed, the parent goes on. Each child sends
/// its result back as bytes over a pipe. POSIX only; plain C++.

#include <functional>
#include <string>
#include <vector>

namespace carcinize {

/// What became of one job.
struct IsolatedResult {
  bool Ok = false;
  std::string Output;  ///< what the job returned (when Ok)
  std::string Failure; ///< why not: "crashed (signal 11, Segmentation fault)", ...
  bool TimedOut = false;
};

/// Options of runIsolated.
struct ProcessPoolOptions {
  unsigned Jobs = 1;            ///< children at a time (at least 1)
  unsigned TimeoutSeconds = 0;  ///< per job; 0: no limit
  size_t StackSize = 64u << 20; ///< the stack the job runs on in the child
};

/// Runs \p Work(I) for each I of \p Order, each in a fresh child process,
/// at most Options.Jobs at a time, and calls \p Done(I, Result) in the
/// parent as each finishes. A job that crashes, exits without a result or
/// runs past the timeout (its child is killed) yields Ok = false with the
/// reason. Stops early when interruptSignal() (support/Interrupt.h) is set:
/// running children are killed, and the signal number is returned; else 0.
int runIsolated(const std::vector<size_t> &Order, const ProcessPoolOptions &Options,
                const std::function<std::string(size_t)> &Work,
                const std::function<void(size_t, IsolatedResult)> &Done);

} // namespace carcinize
