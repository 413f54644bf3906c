// Registration of the `trust` category: trust boundaries (where untrusted
// input enters) and the parser shape behind most parser CVEs.
#include "rules/Rule.h"

#include "rules/trust/CommandLineInputRule.h"
#include "rules/trust/EnvironmentInputRule.h"
#include "rules/trust/FileInputRule.h"
#include "rules/trust/IpcInputRule.h"
#include "rules/trust/NetworkInputRule.h"
#include "rules/trust/TaintedSizeRule.h"

namespace carcinize {

void registerTrustRules(RuleRegistry &R) {
  R.add<CommandLineInputRule>();
  R.add<EnvironmentInputRule>();
  R.add<FileInputRule>();
  R.add<IpcInputRule>();
  R.add<NetworkInputRule>();
  R.add<TaintedSizeRule>();
}

} // namespace carcinize
