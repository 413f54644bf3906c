// Registration of the `life` category: lifetimes of objects and values.
#include "rules/Rule.h"

namespace carcinize {

void registerLifeRules(RuleRegistry &R) {
}

} // namespace carcinize
