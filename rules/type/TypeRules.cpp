// Registration of the `type` category.
#include "rules/Rule.h"

#include "rules/type/CStyleCastRule.h"
#include "rules/type/ConstCastRule.h"
#include "rules/type/IntProductWidenedRule.h"
#include "rules/type/NarrowingSizeConversionRule.h"
#include "rules/type/ReinterpretCastRule.h"
#include "rules/type/UnionTypePunningRule.h"
#include "rules/type/VariadicFunctionRule.h"
#include "rules/type/VoidPointerCastRule.h"

namespace carcinize {

void registerTypeRules(RuleRegistry &R) {
  R.add<CStyleCastRule>();
  R.add<ConstCastRule>();
  R.add<IntProductWidenedRule>();
  R.add<NarrowingSizeConversionRule>();
  R.add<ReinterpretCastRule>();
  R.add<UnionTypePunningRule>();
  R.add<VariadicFunctionRule>();
  R.add<VoidPointerCastRule>();
}

} // namespace carcinize
