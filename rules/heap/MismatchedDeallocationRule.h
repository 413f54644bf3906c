#pragma once
#include "rules/heap/PointerOriginRule.h"

namespace carcinize {

/// heap.mismatched-deallocation: a block released by a deallocator of another family than its allocator (`delete` of `malloc`, `free` of `new`, `delete` of `new[]`).
class MismatchedDeallocationRule : public PointerOriginRule {
public:
  using PointerOriginRule::PointerOriginRule;
  static RuleInfo info();

protected:
  void reportFindings(const heap::OriginFindings &F, clang::ASTContext &AST) override;
};

} // namespace carcinize
