#pragma once
/// \file SIGINT and SIGTERM: the command line installs handlers that only
/// record the signal; long loops (the scan) poll it, stop promptly, and the
/// command exits 130 or 143 without writing a report. Temporary outputs are
/// removed.

namespace carcinize {

/// Installs the handlers (once; later calls do nothing).
void installInterruptHandlers();

/// The signal received (SIGINT or SIGTERM), or 0.
int interruptSignal();

/// Thrown by loops that saw interruptSignal(); the command line turns it
/// into exit code 128 + signal.
struct Interrupted {
  int Signal;
};

} // namespace carcinize
