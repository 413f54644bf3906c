#include "rules/trust/IpcInputRule.h"

namespace carcinize {

RuleInfo IpcInputRule::info() {
  return inputSourceInfo("trust.ipc-input", "Reads an IPC message", "A message from another process");
}

} // namespace carcinize
