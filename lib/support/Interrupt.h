#pragma once
/// \file SIGINT, SIGTERM and SIGHUP: the command line installs handlers
/// that only record the signal; long loops (the scan, the walk of the tree)
/// poll it, stop promptly, and the command exits 130, 143 or 129 without
/// writing a report. Temporary outputs are removed.

namespace carcinize {

/// Installs the handlers (once; later calls do nothing).
void installInterruptHandlers();

/// The signal received (SIGINT, SIGTERM or SIGHUP), or 0.
int interruptSignal();

/// "SIGINT", "SIGTERM" or "SIGHUP", for the message of an interrupted run.
const char *interruptName(int Signal);

/// Thrown by loops that saw interruptSignal(); the command line turns it
/// into exit code 128 + signal.
struct Interrupted {
  int Signal;
};

} // namespace carcinize
