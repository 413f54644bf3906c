#include "support/Interrupt.h"

#include <atomic>
#include <csignal>

namespace carcinize {

namespace {

volatile std::sig_atomic_t Received = 0;

extern "C" void onInterrupt(int Sig) { Received = Sig; }

} // namespace

void installInterruptHandlers() {
  static std::atomic<bool> Installed{false};
  if (Installed.exchange(true))
    return;
  struct sigaction SA = {};
  SA.sa_handler = onInterrupt;
  sigemptyset(&SA.sa_mask);
  SA.sa_flags = 0; // no SA_RESTART: a blocking poll() returns at once
  sigaction(SIGINT, &SA, nullptr);
  sigaction(SIGTERM, &SA, nullptr);
  // A closed terminal (or an ssh session that dropped) ends the scan the
  // same way: children killed, temporary outputs removed.
  sigaction(SIGHUP, &SA, nullptr);
}

int interruptSignal() { return Received; }

const char *interruptName(int Signal) {
  switch (Signal) {
  case SIGINT: return "SIGINT";
  case SIGTERM: return "SIGTERM";
  case SIGHUP: return "SIGHUP";
  default: return "a signal";
  }
}

} // namespace carcinize
