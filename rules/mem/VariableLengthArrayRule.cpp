#include "rules/mem/VariableLengthArrayRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo VariableLengthArrayRule::info() {
  RuleInfo I;
  I.Id = "mem.variable-length-array";
  I.Title = "Variable-length array on the stack";
  I.Cwe = {770, 121};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "A variable-length array takes as much stack as its run-time "
                "length asks for, "
                "with no way to fail: a length from input or a large "
                "computation moves the "
                "stack pointer past the guard page into other memory (stack "
                "clash). A zero or "
                "negative length is undefined behaviour.";
  I.RustAlternative =
      "`vec![0; n]` or `Vec::with_capacity(n)` allocate on the heap and report "
      "failure; for a small bound known in advance, `[T; N]` with a checked "
      "length, or `smallvec`/`arrayvec`.";
  return I;
}

void VariableLengthArrayRule::registerMatchers(MatchFinder &Finder) {
  // A local variable whose type is a variable-length array.
  Finder.addMatcher(
      varDecl(hasType(hasCanonicalType(variableArrayType().bind("vla"))),
              unless(parmVarDecl()), unless(isInstantiated()))
          .bind("var"),
      this);
}

void VariableLengthArrayRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
  const auto *VLA = Result.Nodes.getNodeAs<VariableArrayType>("vla");
  ASTContext &AST = *Result.Context;
  std::string Size =
      VLA->getSizeExpr()
          ? text(AST, VLA->getSizeExpr())
          : "";
  report(AST, Var->getLocation(),
         "'" + Var->getNameAsString() + "' is a variable-length array of '" +
             Size + "' elements on the stack");
}

} // namespace carcinize
