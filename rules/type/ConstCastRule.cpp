#include "rules/type/ConstCastRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

#include <clang/AST/ExprCXX.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// Whether converting \p From to \p To drops `const` at some level of
/// indirection (`const T *` to `T *`, `T *const *` to `T **`, `const T &` to `T &`).
bool removesConst(QualType From, QualType To) {
  if (To->isReferenceType())
    return From.isConstQualified() && !To.getNonReferenceType().isConstQualified();
  for (int Depth = 0; Depth < 8 && From->isPointerType() && To->isPointerType(); ++Depth) {
    From = From->getPointeeType();
    To = To->getPointeeType();
    if (From.isConstQualified() && !To.isConstQualified())
      return true;
  }
  return false;
}

/// Whether \p From and \p To are the same pointer type up to qualifiers at
/// every level, so that a C-style cast between them is a pure `const_cast`.
bool sameUpToQualifiers(QualType From, QualType To, ASTContext &Ctx) {
  while (From->isPointerType() && To->isPointerType()) {
    From = From->getPointeeType();
    To = To->getPointeeType();
  }
  return Ctx.hasSameUnqualifiedType(From, To);
}

/// " from 'x'", or nothing when the operand has no single spelling (macros).
std::string from(const std::string &Text) { return Text.empty() ? "" : " from '" + Text + "'"; }

} // namespace

RuleInfo ConstCastRule::info() {
  RuleInfo I;
  I.Id = "type.const-cast";
  I.Title = "Cast removes 'const' from a pointer or reference";
  I.Cwe = {704};
  I.DefaultSeverity = Severity::Low;
  I.Rationale =
      "Removing 'const' lets code write through a pointer that its owner promised would only "
      "be read: writing to an object that was defined const (a string literal, a read-only "
      "table) is undefined behaviour and crashes or corrupts data, and the promise callers "
      "relied on is silently broken. Flagged: 'const_cast', and in C and C++ the C-style casts "
      "that change nothing but qualifiers (casts that also change the pointee type belong to "
      "type.c-style-cast).";
  I.RustAlternative =
      "Shared references `&T` cannot be turned into `&mut T`; interior mutability is explicit "
      "(`Cell`, `RefCell`, `Mutex`), and APIs take `&mut T` when they write.";
  I.Precision = "medium";
  return I;
}

void ConstCastRule::registerMatchers(MatchFinder &Finder) {
  // `const_cast<T *>(p)` and `const_cast<T &>(r)`.
  Finder.addMatcher(cxxConstCastExpr(unless(isInTemplateInstantiation())).bind("cast"), this);
  // `(char *)name` where 'name' is a `const char *`.
  Finder.addMatcher(cStyleCastExpr(hasType(pointerType()), hasSourceExpression(hasType(pointerType())),
                                   unless(isInTemplateInstantiation()))
                        .bind("ccast"),
                    this);
}

void ConstCastRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *Cast = Result.Nodes.getNodeAs<CXXConstCastExpr>("cast")) {
    const Expr *Src = Cast->getSubExprAsWritten();
    QualType To = Cast->getTypeAsWritten();
    if (To->isDependentType() || Src->isTypeDependent() || !removesConst(Src->getType(), To))
      return;
    report(AST, Cast->getBeginLoc(),
           "'const_cast' removes 'const'" + from(text(AST, Src->getSourceRange())) + " ('" +
               typeName(Src->getType(), AST) + "' to '" + typeName(To, AST) + "')");
    return;
  }
  const auto *Cast = Result.Nodes.getNodeAs<CStyleCastExpr>("ccast");
  QualType From = Cast->getSubExpr()->getType();
  QualType To = Cast->getType();
  if (!removesConst(From, To) || !sameUpToQualifiers(From, To, AST))
    return;
  const Expr *Src = Cast->getSubExprAsWritten();
  report(AST, Cast->getBeginLoc(),
         "C-style cast removes 'const'" + from(text(AST, Src->getSourceRange())) + " ('" +
             typeName(From, AST) + "' to '" + typeName(Cast->getTypeAsWritten(), AST) + "')");
}

} // namespace carcinize
