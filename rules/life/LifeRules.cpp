// Registration of the `life` category: lifetimes of objects and values.
#include "rules/Rule.h"

#include "rules/life/ContainerModifiedWhileIteratingRule.h"
#include "rules/life/DanglingCStrRule.h"
#include "rules/life/ReturnLocalAddressRule.h"
#include "rules/life/UninitializedReadRule.h"
#include "rules/life/UseAfterMoveRule.h"

namespace carcinize {

void registerLifeRules(RuleRegistry &R) {
  R.add<ContainerModifiedWhileIteratingRule>();
  R.add<DanglingCStrRule>();
  R.add<ReturnLocalAddressRule>();
  R.add<UninitializedReadRule>();
  R.add<UseAfterMoveRule>();
}

} // namespace carcinize
