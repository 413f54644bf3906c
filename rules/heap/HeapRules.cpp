// Registration of the `heap` category.
#include "rules/Rule.h"

#include "rules/heap/AllocSizeOverflowRule.h"
#include "rules/heap/DoubleFreeRule.h"
#include "rules/heap/FreeNonHeapRule.h"
#include "rules/heap/FreeOffsetPointerRule.h"
#include "rules/heap/ManualAllocationRule.h"
#include "rules/heap/ManualFreeRule.h"
#include "rules/heap/MismatchedDeallocationRule.h"
#include "rules/heap/RawNewDeleteRule.h"
#include "rules/heap/ReallocSelfAssignRule.h"
#include "rules/heap/UncheckedAllocationRule.h"
#include "rules/heap/UseAfterDeleteRule.h"
#include "rules/heap/UseAfterFreeRule.h"

namespace carcinize {

void registerHeapRules(RuleRegistry &R) {
  R.add<AllocSizeOverflowRule>();
  R.add<DoubleFreeRule>();
  R.add<FreeNonHeapRule>();
  R.add<FreeOffsetPointerRule>();
  R.add<ManualAllocationRule>();
  R.add<ManualFreeRule>();
  R.add<MismatchedDeallocationRule>();
  R.add<RawNewDeleteRule>();
  R.add<ReallocSelfAssignRule>();
  R.add<UncheckedAllocationRule>();
  R.add<UseAfterDeleteRule>();
  R.add<UseAfterFreeRule>();
}

} // namespace carcinize
