#include "rules/type/IntProductWidenedRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// Is \p V a local that only ever holds constants in \p Body: initialised
/// with one, assigned only constants, never incremented nor its address
/// taken (`l_data_stride = 4 * OPJ_J2K_MAXRLVLS;`)?
bool holdsOnlyConstants(const VarDecl *V, const Stmt *Body, ASTContext &AST) {
  if (!V->hasLocalStorage() || isa<ParmVarDecl>(V) || !Body ||
      (V->getInit() && !constantValue(V->getInit(), AST)))
    return false;
  auto IsV = [&](const Expr *E) {
    const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return D && D->getDecl() == V;
  };
  bool Assigned = V->getInit() != nullptr;
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp() && IsV(B->getLHS())) {
      if (B->getOpcode() != BO_Assign || !constantValue(B->getRHS(), AST))
        return false;
      Assigned = true;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S))
      if ((U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf) && IsV(U->getSubExpr()))
        return false;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return Assigned;
}

/// Does \p E contain an expression that designates the same object as \p X?
bool contains(const Stmt *E, const Expr *X) {
  std::vector<const Stmt *> Work{E};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *Ex = dyn_cast<Expr>(S); Ex && heap::sameLvalue(Ex, X))
      return true;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return false;
}

/// Does \p Body compare the two factors of \p Mul together, as an overflow
/// check does (`if (tw > 65535 / th)`, `if (w > SIZE_MAX / h)`)?
bool factorsCompared(const Stmt *Body, const BinaryOperator *Mul) {
  std::vector<const Stmt *> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isComparisonOp() && B != Mul &&
                                                      contains(B, Mul->getLHS()) &&
                                                      contains(B, Mul->getRHS()))
      return true;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return false;
}

/// A factor that can take any value of its 32-bit type: not a constant,
/// not a local holding only constants, and not promoted from a narrower
/// type (`short * short` fits in `int`).
bool isWideRunTimeFactor(const Expr *E, ASTContext &AST, const FunctionDecl *FD) {
  if (constantValue(E, AST))
    return false;
  if (const auto *D = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      if (FD && holdsOnlyConstants(V, FD->getBody(), AST))
        return false;
  QualType T = E->IgnoreParenImpCasts()->getType();
  return T->isIntegerType() && AST.getIntWidth(T) >= 32;
}

/// The declaration, the left side or the call that receives the widened
/// value, for the message: " for 'blockwidth'", " for argument 2 of 'f'".
std::string destination(const Expr *Cast, ASTContext &AST, const std::string &LhsText) {
  const Decl *D = nullptr;
  const Stmt *P = parentStmt(Cast, AST, &D);
  while (P && isa<ParenExpr>(P))
    P = parentStmt(P, AST, &D);
  if (!P) {
    if (const auto *V = dyn_cast_or_null<VarDecl>(D))
      return " for '" + V->getNameAsString() + "'";
    if (const auto *F = dyn_cast_or_null<FieldDecl>(D))
      return " for '" + F->getNameAsString() + "'";
    return "";
  }
  if (isa<BinaryOperator>(P) && !LhsText.empty())
    return " for '" + LhsText + "'";
  if (isa<ReturnStmt>(P))
    return " for the return value";
  if (const auto *C = dyn_cast<CallExpr>(P)) {
    const FunctionDecl *F = C->getDirectCallee();
    for (unsigned I = 0; I < C->getNumArgs(); ++I)
      if (C->getArg(I) == Cast && F && F->getIdentifier())
        return " for argument " + std::to_string(I + 1) + " of '" + F->getName().str() + "'";
  }
  return "";
}

} // namespace

RuleInfo IntProductWidenedRule::info() {
  RuleInfo I;
  I.Id = "type.int-product-widened";
  I.Title = "Product of two 32-bit integers widened to 64 bits after it can overflow";
  I.Cwe = {190, 681};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "C multiplies in the operands' type and converts afterwards: in `size_t "
                "blockwidth = bytewidth * channels` with two `int`s, the product is computed "
                "in 32 bits, wraps (or is undefined, for signed operands) past 2^31, and only "
                "the wrapped value is widened. The 64-bit destination says the author expected "
                "large values; the size or offset it then gives a copy or an allocation is "
                "too small. Image and archive decoders (width x height, bytes x channels) are "
                "the usual victims. A constant factor is not reported: a product of two "
                "run-time values is what reaches the whole range.";
  I.RustAlternative = "Integer arithmetic never converts implicitly: widen first "
                      "(`usize::from(a) * usize::from(b)`) or use `checked_mul`, and overflow "
                      "panics in debug builds instead of wrapping silently.";
  I.Precision = "medium";
  I.BuildsOn = "AST matchers on implicit integral conversions, as clang-tidy's "
               "bugprone-implicit-widening-of-multiplication-result";
  return I;
}

void IntProductWidenedRule::registerMatchers(MatchFinder &Finder) {
  // A multiplication computed in a type narrower than the one it is
  // implicitly converted to: the initialiser of a variable or field, the
  // right side of an assignment, a return value, an argument.
  Finder.addMatcher(implicitCastExpr(hasCastKind(CK_IntegralCast),
                                     has(ignoringParens(
                                         binaryOperator(hasOperatorName("*")).bind("mul"))),
                                     unless(isInTemplateInstantiation()))
                        .bind("cast"),
                    this);
}

void IntProductWidenedRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Cast = Result.Nodes.getNodeAs<ImplicitCastExpr>("cast");
  const auto *Mul = Result.Nodes.getNodeAs<BinaryOperator>("mul");
  ASTContext &AST = *Result.Context;
  QualType From = Mul->getType(), To = Cast->getType();
  if (!From->isIntegerType() || !To->isIntegerType() || AST.getIntWidth(From) != 32 ||
      AST.getIntWidth(To) < 64)
    return;
  const FunctionDecl *FD = context().enclosingFunction(AST, Mul->getExprLoc());
  if (!isWideRunTimeFactor(Mul->getLHS(), AST, FD) || !isWideRunTimeFactor(Mul->getRHS(), AST, FD))
    return;
  // The function checks the product for overflow itself.
  if (FD && FD->getBody() && factorsCompared(FD->getBody(), Mul))
    return;
  // An allocation's size is heap.alloc-size-overflow's finding.
  if (const auto *C = dyn_cast_or_null<CallExpr>(parentStmt(Cast, AST)))
    if (const FunctionDecl *F = C->getDirectCallee())
      if (F->getIdentifier() && builtinTables().find("allocators", F->getName().str()))
        return;
  if (!Reported.insert(Mul->getExprLoc().getRawEncoding()).second)
    return;
  std::string Lhs;
  if (const auto *B = dyn_cast_or_null<BinaryOperator>(parentStmt(Cast, AST)))
    if (B->isAssignmentOp())
      Lhs = text(AST, B->getLHS());
  PrintingPolicy PP = AST.getPrintingPolicy();
  report(AST, Mul->getExprLoc(),
         "'" + text(AST, Mul) + "' is multiplied in '" + From.getAsString(PP) +
             "' and then widened to '" + To.getAsString(PP) + "'" +
             destination(Cast, AST, Lhs) + ": the product can overflow before the conversion");
}

} // namespace carcinize
