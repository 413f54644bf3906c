#include "rules/trust/NetworkInputRule.h"

namespace carcinize {

RuleInfo NetworkInputRule::info() {
  return inputSourceInfo("trust.network-input", "Reads data from the network", "Data received from a socket");
}

} // namespace carcinize
