// Registration of the `type` category.
#include "rules/Rule.h"

namespace carcinize {

void registerTypeRules(RuleRegistry &R) {
}

} // namespace carcinize
