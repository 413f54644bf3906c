// Registration of the `conc` category.
#include "rules/Rule.h"

namespace carcinize {

void registerConcRules(RuleRegistry &R) {
}

} // namespace carcinize
