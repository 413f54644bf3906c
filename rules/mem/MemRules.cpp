// Registration of the `mem` category: buffers, strings and formats.
#include "rules/Rule.h"

#include "rules/mem/UnboundedStringCopyRule.h"

namespace carcinize {

void registerMemRules(RuleRegistry &R) {
  R.add<UnboundedStringCopyRule>();
}

} // namespace carcinize
