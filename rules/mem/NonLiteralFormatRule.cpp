#include "rules/mem/NonLiteralFormatRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/AST/Attr.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// True when \p P is the format parameter of its function's
/// `__attribute__((format(printf, N, M)))`: the callers' formats are checked.
bool isCheckedFormatParameter(const ParmVarDecl *P) {
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD)
    return false;
  // The attribute counts from 1, and counts `this` in member functions.
  unsigned Offset =
      isa<CXXMethodDecl>(FD) && !cast<CXXMethodDecl>(FD)->isStatic() ? 2 : 1;
  for (const FormatAttr *A : FD->specific_attrs<FormatAttr>())
    if (static_cast<unsigned>(A->getFormatIdx()) ==
        P->getFunctionScopeIndex() + Offset)
      return true;
  return false;
}

/// True when \p E is a format the compiler can check: a literal, a choice
/// between literals, a constant array or pointer initialised with a literal,
/// a checked format parameter, or a `format_arg` function (gettext) of one.
bool isCheckableFormat(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (isa<StringLiteral>(E))
    return true;
  if (const auto *C = dyn_cast<AbstractConditionalOperator>(E))
    return isCheckableFormat(C->getTrueExpr()) &&
           isCheckableFormat(C->getFalseExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      return isCheckedFormatParameter(P);
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl())) {
      // `static const char fmt[] = "..."` or `const char *const fmt = "..."`.
      QualType T = V->getType();
      bool Constant =
          T.isConstQualified() ||
          (T->isArrayType() &&
           T->getAsArrayTypeUnsafe()->getElementType().isConstQualified());
      return Constant && V->getInit() &&
             isa<StringLiteral>(V->getInit()->IgnoreParenImpCasts());
    }
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      for (const FormatArgAttr *A : FD->specific_attrs<FormatArgAttr>()) {
        unsigned Index = A->getFormatIdx().getASTIndex();
        if (Index < Call->getNumArgs())
          return isCheckableFormat(Call->getArg(Index));
      }
  return false;
}

} // namespace

NonLiteralFormatRule::NonLiteralFormatRule(const RuleInfo &I, RuleContext &C,
                                           Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("printf-family"),
                          "format-functions")) {}

RuleInfo NonLiteralFormatRule::info() {
  RuleInfo I;
  I.Id = "mem.non-literal-format";
  I.Title = "printf-family format that is not a string literal";
  I.Cwe = {134};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "When the format is not a literal, the compiler cannot check "
                "it against the "
                "arguments, and if any of it comes from outside, '%s' and '%n' "
                "in it read and "
                "write memory the call was never given: a format-string "
                "attack. Wrappers that "
                "forward a format should carry __attribute__((format)) so that "
                "their callers are "
                "checked instead.";
  I.RustAlternative = "`format!`, `println!` and `write!` take their format as "
                      "a literal checked "
                      "at compile time; text from outside is an argument "
                      "(`println!(\"{}\", s)`), "
                      "never a format.";
  I.Options = {{"format-functions",
                "Extra printf-like functions; their format is found by "
                "the 'format' field of the printf-family table, else it is "
                "their first argument."}};
  return I;
}

void NonLiteralFormatRule::registerMatchers(MatchFinder &Finder) {
  // A call to printf or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")),
               unless(isInTemplateInstantiation()))
          .bind("call"),
      this);
}

void NonLiteralFormatRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  const TableRow *Row = builtinTables().find("printf-family", Name);
  const Expr *Format = mem::argAt(Call, Row ? Row->index("format") : 0);
  if (!Format || isCheckableFormat(Format))
    return;
  std::string Msg =
      "'" + Name + "' is called with the format '" +
      text(AST, Format) + "'";
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Format->IgnoreParenImpCasts()))
    if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      if (const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext())) {
        report(AST, Call->getBeginLoc(),
               Msg + ", a parameter of '" + F->getNameAsString() +
                   "', which has no format attribute");
        return;
      }
  report(AST, Call->getBeginLoc(), Msg + ", which is not a string literal");
}

} // namespace carcinize
