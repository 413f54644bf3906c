#include "rules/RuleUtils.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>

using namespace clang;

namespace carcinize {

std::optional<uint64_t> destinationArrayBytes(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  // &buf[0]
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens()))
        if (auto Idx = constantValue(A->getIdx(), Ctx); Idx && *Idx == 0)
          E = A->getBase()->IgnoreParenImpCasts();
  QualType T = E->getType();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    T = D->getDecl()->getType();
  else if (const auto *M = dyn_cast<MemberExpr>(E))
    T = M->getMemberDecl()->getType();
  else if (!isa<ArraySubscriptExpr>(E))
    return std::nullopt;
  // Parameters declared as arrays are pointers: their size is not known.
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (isa<ParmVarDecl>(D->getDecl()))
      return std::nullopt;
  if (const auto *CAT = Ctx.getAsConstantArrayType(T)) {
    // A flexible or one-element trailing array (`char name[1]` at the end of
    // a struct) is often used as a variable-length tail: not a known size.
    if (const auto *M = dyn_cast<MemberExpr>(E))
      if (CAT->getSize().getZExtValue() <= 1)
        if (const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl()))
          {
            const FieldDecl *Last = nullptr;
            for (const FieldDecl *F : FD->getParent()->fields())
              Last = F;
            if (Last == FD)
              return std::nullopt;
          }
    return Ctx.getTypeSizeInChars(CAT).getQuantity();
  }
  return std::nullopt;
}

std::optional<uint64_t> constantValue(const Expr *E, ASTContext &Ctx) {
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (auto V = E->getIntegerConstantExpr(Ctx))
    if (!V->isNegative())
      return V->getZExtValue();
  return std::nullopt;
}

const ValueDecl *referencedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
      E = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    E = C->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

std::string referencedName(const Expr *E) {
  const ValueDecl *D = referencedDecl(E);
  return D ? D->getNameAsString() : "";
}

std::vector<llvm::StringRef> refsOf(const std::vector<std::string> &Names) {
  return std::vector<llvm::StringRef>(Names.begin(), Names.end());
}

const StringLiteral *asStringLiteral(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    E = C->getSubExpr()->IgnoreParenImpCasts();
  return dyn_cast<StringLiteral>(E);
}

const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx, const Decl **DeclParent) {
  auto Parents = Ctx.getParents(*S);
  if (DeclParent)
    *DeclParent = Parents.empty() ? nullptr : Parents[0].get<Decl>();
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

} // namespace carcinize
