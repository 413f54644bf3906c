#pragma once
#include "rules/heap/PointerOriginRule.h"

namespace carcinize {

/// heap.free-offset-pointer: `free`, `realloc` or `delete` of a pointer advanced past the start of its block (`p++ ... free(p)`).
class FreeOffsetPointerRule : public PointerOriginRule {
public:
  using PointerOriginRule::PointerOriginRule;
  static RuleInfo info();

protected:
  void reportFindings(const heap::OriginFindings &F, clang::ASTContext &AST) override;
};

} // namespace carcinize
