#pragma once
#include "rules/heap/PointerOriginRule.h"

namespace carcinize {

/// heap.free-non-heap: `free`, `realloc` or `delete` of memory that is not on the heap: a local or static array or variable, `alloca` memory, a string literal.
class FreeNonHeapRule : public PointerOriginRule {
public:
  using PointerOriginRule::PointerOriginRule;
  static RuleInfo info();

protected:
  void reportFindings(const heap::OriginFindings &F, clang::ASTContext &AST) override;
};

} // namespace carcinize
