// Registration of the `conc` category.
#include "rules/Rule.h"

#include "rules/conc/SetjmpLongjmpRule.h"
#include "rules/conc/ThreadSharedMutableStateRule.h"

namespace carcinize {

void registerConcRules(RuleRegistry &R) {
  R.add<SetjmpLongjmpRule>();
  R.add<ThreadSharedMutableStateRule>();
}

} // namespace carcinize
