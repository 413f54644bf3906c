#pragma once
#include "rules/heap/PointerOriginRule.h"

namespace carcinize {

/// heap.use-after-delete: an object deleted twice, or dereferenced after `delete`, on some path of one function (a field deleted and left set included).
class UseAfterDeleteRule : public PointerOriginRule {
public:
  using PointerOriginRule::PointerOriginRule;
  static RuleInfo info();

protected:
  void reportFindings(const heap::OriginFindings &F, clang::ASTContext &AST) override;
};

} // namespace carcinize
