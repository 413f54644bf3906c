#pragma once
/// \file Small helpers of the `life` rules: which local an expression's
/// storage belongs to, source order, loops that leave early. Header-only
/// because the rules' CMake glob compiles only *Rule.cpp and *Rules.cpp.
/// Candidates for rules/RuleUtils once a second category needs them.

#include "rules/RuleUtils.h"
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/Stmt.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

#include <optional>
#include <string>

namespace carcinize::life {

/// True when \p VD is an object with automatic storage owned by function
/// \p Fn: a local (not static, not a reference) or a by-value parameter.
inline bool isAutomaticObjectOf(const clang::VarDecl *VD, const clang::FunctionDecl *Fn) {
  if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType())
    return false;
  return VD->getDeclContext() == Fn;
}

/// The variable whose storage the lvalue \p E designates when \p E is that
/// variable, one of its members (`s.f`) or one of its elements (`a[i]` of an
/// array), else null.
inline const clang::VarDecl *storageOwner(const clang::Expr *E) {
  using namespace clang;
  while (true) {
    E = E->IgnoreParens();
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return nullptr;
      E = M->getBase();
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = A->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return nullptr;
      E = Decay->getSubExpr();
    } else if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      return dyn_cast<VarDecl>(D->getDecl());
    } else {
      return nullptr;
    }
  }
}

/// How a pointer value points into a variable's storage.
enum class AddressKind { AddressOf, ArrayDecay };

/// The variable the pointer value \p E points into, when \p E is `&lvalue`,
/// a decayed array, or pointer arithmetic on one of those (through casts and
/// the arms of `?:`), else null. \p Kind tells which form.
inline const clang::VarDecl *pointedStorage(const clang::Expr *E, AddressKind &Kind) {
  using namespace clang;
  E = E->IgnoreParens();
  if (const auto *C = dyn_cast<CastExpr>(E)) {
    if (C->getCastKind() == CK_ArrayToPointerDecay) {
      Kind = AddressKind::ArrayDecay;
      return storageOwner(C->getSubExpr());
    }
    // `(char *)buf`, `(const T *)&x`: the same address.
    if (C->getCastKind() == CK_NoOp || C->getCastKind() == CK_BitCast)
      return pointedStorage(C->getSubExpr(), Kind);
    return nullptr;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf) {
      Kind = AddressKind::AddressOf;
      return storageOwner(U->getSubExpr());
    }
    return nullptr;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->getOpcode() == BO_Add || B->getOpcode() == BO_Sub) {
      if (B->getLHS()->getType()->isPointerType())
        return pointedStorage(B->getLHS(), Kind);
      if (B->getRHS()->getType()->isPointerType())
        return pointedStorage(B->getRHS(), Kind);
    }
    if (B->getOpcode() == BO_Comma)
      return pointedStorage(B->getRHS(), Kind);
    return nullptr;
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    if (const VarDecl *V = pointedStorage(C->getTrueExpr(), Kind))
      return V;
    return pointedStorage(C->getFalseExpr(), Kind);
  }
  return nullptr;
}

/// The expansion offset of \p Loc in its file, for source-order comparisons
/// inside one function.
inline unsigned offsetOf(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  return SM.getFileOffset(SM.getExpansionLoc(Loc));
}

/// The expansion line of \p Loc.
inline unsigned lineOf(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  return SM.getExpansionLineNumber(Loc);
}

/// The parent of \p S seen through parens and implicit casts.
inline const clang::Stmt *parentThroughImplicit(clang::ASTContext &AST, const clang::Stmt &S) {
  const clang::Stmt *Cur = &S;
  while (const clang::Stmt *P = carcinize::parentStmt(Cur, AST)) {
    if (!llvm::isa<clang::ParenExpr, clang::ImplicitCastExpr, clang::FullExpr,
                   clang::MaterializeTemporaryExpr, clang::CXXBindTemporaryExpr>(P))
      return P;
    Cur = P;
  }
  return nullptr;
}

} // namespace carcinize::life
