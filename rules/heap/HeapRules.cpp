// Registration of the `heap` category.
#include "rules/Rule.h"

namespace carcinize {

void registerHeapRules(RuleRegistry &R) {
}

} // namespace carcinize
