#pragma once
/// \file Small helpers shared by the `heap` rules: where an allocation's
/// result goes, and casts to look through. Header-only (small inline
/// helpers). TODO(shared): storedInto(), sameLvalue() and stripCasts() would
/// fit rules/RuleUtils.h.

#include "rules/RuleUtils.h"
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ParentMapContext.h>

namespace carcinize::heap {

/// \p E through parentheses, implicit and explicit casts.
inline const clang::Expr *stripCasts(const clang::Expr *E) {
  while (true) {
    const clang::Expr *N = E->IgnoreParenImpCasts();
    if (const auto *C = llvm::dyn_cast<clang::ExplicitCastExpr>(N))
      N = C->getSubExpr();
    if (N == E)
      return E;
    E = N;
  }
}

/// Do \p A and \p B designate the same storage, syntactically: the same
/// variable, member path, dereference or element with the same index
/// (`v->items`, `*table`, `slots[i]`). Expr::isSameComparisonOperand would
/// do but rejects lvalue DeclRefExprs, as on the left of an assignment.
inline bool sameLvalue(const clang::Expr *A, const clang::Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  if (const auto *DA = llvm::dyn_cast<clang::DeclRefExpr>(A))
    return DA->getDecl() == llvm::cast<clang::DeclRefExpr>(B)->getDecl();
  if (const auto *MA = llvm::dyn_cast<clang::MemberExpr>(A)) {
    const auto *MB = llvm::cast<clang::MemberExpr>(B);
    return MA->getMemberDecl() == MB->getMemberDecl() && MA->isArrow() == MB->isArrow() &&
           sameLvalue(MA->getBase(), MB->getBase());
  }
  if (const auto *UA = llvm::dyn_cast<clang::UnaryOperator>(A)) {
    const auto *UB = llvm::cast<clang::UnaryOperator>(B);
    return UA->getOpcode() == clang::UO_Deref && UB->getOpcode() == clang::UO_Deref &&
           sameLvalue(UA->getSubExpr(), UB->getSubExpr());
  }
  if (const auto *AA = llvm::dyn_cast<clang::ArraySubscriptExpr>(A)) {
    const auto *AB = llvm::cast<clang::ArraySubscriptExpr>(B);
    if (!sameLvalue(AA->getBase(), AB->getBase()))
      return false;
    const auto *IA = AA->getIdx()->IgnoreParenImpCasts();
    const auto *IB = AB->getIdx()->IgnoreParenImpCasts();
    if (const auto *LA = llvm::dyn_cast<clang::IntegerLiteral>(IA))
      if (const auto *LB = llvm::dyn_cast<clang::IntegerLiteral>(IB))
        return LA->getValue() == LB->getValue();
    return llvm::isa<clang::DeclRefExpr>(IA) && sameLvalue(IA, IB);
  }
  return false;
}

/// Where the value of \p E is stored: the variable it initialises or the
/// left side of the plain assignment it is the right side of, looking
/// through parentheses and casts (`p = (char *)malloc(n)`).
struct Storage {
  const clang::VarDecl *Var = nullptr;   ///< `T *p = E;`
  const clang::Expr *Lhs = nullptr;      ///< `lhs = E;`
  const clang::Expr *Outermost = nullptr; ///< E with its casts and parentheses
  /// The variable assigned, when the left side is a plain variable.
  const clang::VarDecl *var() const {
    if (Var)
      return Var;
    if (Lhs)
      if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(Lhs->IgnoreParenImpCasts()))
        return llvm::dyn_cast<clang::VarDecl>(D->getDecl());
    return nullptr;
  }
};

inline Storage storedInto(const clang::Expr *E, clang::ASTContext &Ctx) {
  Storage S;
  const clang::Stmt *Cur = E;
  while (true) {
    const clang::Decl *D = nullptr;
    const clang::Stmt *P = carcinize::parentStmt(Cur, Ctx, &D);
    if (!P) {
      if (const auto *V = llvm::dyn_cast_or_null<clang::VarDecl>(D))
        if (V->getInit() && V->getInit()->IgnoreParenCasts() == E->IgnoreParenCasts())
          S.Var = V;
      break;
    }
    if (llvm::isa<clang::ParenExpr>(P) || llvm::isa<clang::CastExpr>(P)) {
      Cur = P;
      continue;
    }
    if (const auto *B = llvm::dyn_cast<clang::BinaryOperator>(P))
      if (B->getOpcode() == clang::BO_Assign && B->getRHS() == Cur)
        S.Lhs = B->getLHS();
    break;
  }
  S.Outermost = llvm::cast<clang::Expr>(Cur);
  return S;
}

} // namespace carcinize::heap
