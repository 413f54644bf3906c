// Registration of the `mem` category: buffers, strings and formats.
#include "rules/Rule.h"

#include "rules/mem/AllocaRule.h"
#include "rules/mem/GetsRule.h"
#include "rules/mem/NonLiteralFormatRule.h"
#include "rules/mem/OffByOneGuardRule.h"
#include "rules/mem/OffsetCopyOverflowRule.h"
#include "rules/mem/PointerArithmeticRule.h"
#include "rules/mem/ScanfUnboundedStringRule.h"
#include "rules/mem/SizeofPointerRule.h"
#include "rules/mem/TruncatingStringCopyRule.h"
#include "rules/mem/UnboundedFormatRule.h"
#include "rules/mem/UnboundedStringCopyRule.h"
#include "rules/mem/UncheckedIndexRule.h"
#include "rules/mem/UncheckedMemcpySizeRule.h"
#include "rules/mem/VariableLengthArrayRule.h"

namespace carcinize {

void registerMemRules(RuleRegistry &R) {
  R.add<AllocaRule>();
  R.add<GetsRule>();
  R.add<NonLiteralFormatRule>();
  R.add<OffByOneGuardRule>();
  R.add<OffsetCopyOverflowRule>();
  R.add<PointerArithmeticRule>();
  R.add<ScanfUnboundedStringRule>();
  R.add<SizeofPointerRule>();
  R.add<TruncatingStringCopyRule>();
  R.add<UnboundedFormatRule>();
  R.add<UnboundedStringCopyRule>();
  R.add<UncheckedIndexRule>();
  R.add<UncheckedMemcpySizeRule>();
  R.add<VariableLengthArrayRule>();
}

} // namespace carcinize
