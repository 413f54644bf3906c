#include "rules/trust/EnvironmentInputRule.h"

namespace carcinize {

RuleInfo EnvironmentInputRule::info() {
  return inputSourceInfo("trust.environment-input", "Reads the process environment", "A value from the environment");
}

} // namespace carcinize
