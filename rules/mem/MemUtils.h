#pragma once
/// \file Helpers shared by the `mem` rules: guards that bound a variable,
/// format-string literals, the statement after a call. Header-only because
/// the rules' CMake glob compiles only *Rule.cpp and *Rules.cpp files.
/// TODO(shared): isVisiblyBounded/boundsAbove and nextStatement are generic
/// enough for rules/RuleUtils.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/Stmt.h>


#include <optional>
#include <string>

namespace carcinize::mem {

/// True when \p E mentions \p V (a variable or a field) anywhere.
inline bool mentions(const clang::Stmt *E, const clang::ValueDecl *V) {
  if (!E)
    return false;
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E))
    if (D->getDecl() == V)
      return true;
  if (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E))
    if (M->getMemberDecl() == V)
      return true;
  for (const clang::Stmt *C : E->children())
    if (mentions(C, V))
      return true;
  return false;
}

/// True when \p E is an integer constant that is zero or negative: comparing
/// against it (`i > 0`, `len >= 0`) bounds nothing from above.
inline bool isNonPositiveConstant(const clang::Expr *E,
                                  clang::ASTContext &Ctx) {
  if (E->isValueDependent())
    return false;
  if (auto V = E->getIntegerConstantExpr(Ctx))
    return !V->isStrictlyPositive();
  return false;
}

/// True when \p Cond, evaluating to \p WhenTrue, implies an upper bound on
/// \p V: `V < X`, `V <= X`, `X > V`, `X >= V` (through `!`, `&&`, `||`).
inline bool boundsAbove(const clang::Expr *Cond, const clang::ValueDecl *V,
                        bool WhenTrue, clang::ASTContext &Ctx) {
  using namespace clang;
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Cond))
    if (U->getOpcode() == UO_LNot)
      return boundsAbove(U->getSubExpr(), V, !WhenTrue, Ctx);
  const auto *B = dyn_cast<BinaryOperator>(Cond);
  if (!B)
    return false;
  const Expr *L = B->getLHS(), *R = B->getRHS();
  switch (B->getOpcode()) {
  case BO_LAnd:
    return WhenTrue
               ? boundsAbove(L, V, true, Ctx) || boundsAbove(R, V, true, Ctx)
               : boundsAbove(L, V, false, Ctx) && boundsAbove(R, V, false, Ctx);
  case BO_LOr:
    return WhenTrue
               ? boundsAbove(L, V, true, Ctx) && boundsAbove(R, V, true, Ctx)
               : boundsAbove(L, V, false, Ctx) || boundsAbove(R, V, false, Ctx);
  case BO_Comma:
    return boundsAbove(R, V, WhenTrue, Ctx);
  default:
    break;
  }
  if (!B->isRelationalOp())
    return false;
  BinaryOperatorKind Op = B->getOpcode();
  if (!WhenTrue) // !(a < b) is a >= b, and so on.
    Op = Op == BO_LT   ? BO_GE
         : Op == BO_LE ? BO_GT
         : Op == BO_GT ? BO_LE
                       : BO_LT;
  // V on the small side of the comparison, something positive on the other.
  if ((Op == BO_LT || Op == BO_LE) && mentions(L, V) &&
      !isNonPositiveConstant(R, Ctx))
    return true;
  if ((Op == BO_GT || Op == BO_GE) && mentions(R, V) &&
      !isNonPositiveConstant(L, Ctx))
    return true;
  return false;
}

/// True when \p S always leaves the enclosing block: return, break,
/// continue, goto, a call to a noreturn function, or a block ending so.
inline bool exits(const clang::Stmt *S) {
  using namespace clang;
  if (!S)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
    return true;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && exits(C->body_back());
  if (const auto *E = dyn_cast<Expr>(S))
    if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        return FD->isNoReturn();
  return false;
}

/// True when a call to a noreturn function is somewhere in \p S (the failing
/// branch of an `assert` expansion).
inline bool callsNoReturn(const clang::Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(S))
    if (const clang::FunctionDecl *FD = Call->getDirectCallee())
      if (FD->isNoReturn())
        return true;
  for (const clang::Stmt *C : S->children())
    if (callsNoReturn(C))
      return true;
  return false;
}

/// True when \p S is (or is a block ending with) an assignment to \p V.
inline bool assigns(const clang::Stmt *S, const clang::ValueDecl *V) {
  using namespace clang;
  if (const auto *C = dyn_cast_or_null<CompoundStmt>(S))
    return !C->body_empty() && assigns(C->body_back(), V);
  const auto *E = dyn_cast_or_null<Expr>(S);
  const auto *B = E ? dyn_cast<BinaryOperator>(E->IgnoreParenCasts()) : nullptr;
  if (!B || B->getOpcode() != BO_Assign)
    return false;
  const Expr *L = B->getLHS()->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(L))
    return D->getDecl() == V;
  if (const auto *M = dyn_cast<MemberExpr>(L))
    return M->getMemberDecl() == V;
  return false;
}

/// What an earlier statement of the same block tells about \p V afterwards:
/// an early-exit guard `if (V >= n) return;` or an `assert(V < n)`.
inline bool guardBounds(const clang::Stmt *S, const clang::ValueDecl *V,
                        clang::ASTContext &Ctx) {
  using namespace clang;
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (exits(If->getThen()) && boundsAbove(If->getCond(), V, false, Ctx))
      return true;
    // A clamp, `if (len > avail) len = avail;`, bounds V either way. zlib's
    // deflate and inflate clamp every copy length so.
    if (!If->getElse() && assigns(If->getThen(), V) &&
        boundsAbove(If->getCond(), V, false, Ctx))
      return true;
    if (If->getElse() && exits(If->getElse()) &&
        boundsAbove(If->getCond(), V, true, Ctx))
      return true;
    return false;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenCasts();
  // assert(cond) expands to `(cond) ? (void)0 : __assert_fail(...)`, or in
  // newer glibc to `(void)sizeof(...), ({ if (cond) ; else __assert_fail(...);
  // })`.
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return callsNoReturn(C->getFalseExpr()) &&
           boundsAbove(C->getCond(), V, true, Ctx);
  if (const auto *B = dyn_cast<BinaryOperator>(E);
      B && B->getOpcode() == BO_Comma)
    return guardBounds(B->getLHS(), V, Ctx) || guardBounds(B->getRHS(), V, Ctx);
  if (const auto *SE = dyn_cast<StmtExpr>(E))
    for (const Stmt *Inner : SE->getSubStmt()->body())
      if (guardBounds(Inner, V, Ctx))
        return true;
  return false;
}

/// True when \p V is visibly bounded from above where \p Site is evaluated:
/// by the condition of an enclosing if, while, for or `?:`, the left side of
/// an enclosing `&&`/`||`, or an early-exit guard earlier in an enclosing
/// block of the same function.
inline bool isVisiblyBounded(const clang::ValueDecl *V, const clang::Stmt *Site,
                             clang::ASTContext &Ctx) {
  using namespace clang;
  DynTypedNode Child = DynTypedNode::create(*Site);
  for (int Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Child);
    if (Parents.empty())
      return false;
    DynTypedNode P = Parents[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>() ||
        P.get<TranslationUnitDecl>())
      return false;
    const Stmt *C = Child.get<Stmt>();
    if (const auto *If = P.get<IfStmt>()) {
      if (C && C == If->getThen() && boundsAbove(If->getCond(), V, true, Ctx))
        return true;
      if (C && C == If->getElse() && boundsAbove(If->getCond(), V, false, Ctx))
        return true;
    } else if (const auto *W = P.get<WhileStmt>()) {
      if (C && C == W->getBody() && boundsAbove(W->getCond(), V, true, Ctx))
        return true;
    } else if (const auto *F = P.get<ForStmt>()) {
      if (C && (C == F->getBody() || C == F->getInc()) &&
          boundsAbove(F->getCond(), V, true, Ctx))
        return true;
    } else if (const auto *CO = P.get<ConditionalOperator>()) {
      if (C && C == CO->getTrueExpr() &&
          boundsAbove(CO->getCond(), V, true, Ctx))
        return true;
      if (C && C == CO->getFalseExpr() &&
          boundsAbove(CO->getCond(), V, false, Ctx))
        return true;
    } else if (const auto *B = P.get<BinaryOperator>()) {
      if (C && C == B->getRHS() && B->getOpcode() == BO_LAnd &&
          boundsAbove(B->getLHS(), V, true, Ctx))
        return true;
      if (C && C == B->getRHS() && B->getOpcode() == BO_LOr &&
          boundsAbove(B->getLHS(), V, false, Ctx))
        return true;
    } else if (const auto *Block = P.get<CompoundStmt>()) {
      for (const Stmt *S : Block->body()) {
        if (S == C)
          break;
        if (guardBounds(S, V, Ctx))
          return true;
      }
    }
    Child = P;
  }
  return false;
}

/// The statement of the enclosing block that holds \p E, and the one after
/// it (null when \p E is the last or not directly in a block).
inline std::pair<const clang::Stmt *, const clang::Stmt *>
statementAndNext(const clang::Stmt *E, clang::ASTContext &Ctx) {
  using namespace clang;
  DynTypedNode Child = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 16; ++Depth) {
    auto Parents = Ctx.getParents(Child);
    if (Parents.empty())
      return {nullptr, nullptr};
    DynTypedNode P = Parents[0];
    if (const auto *Block = P.get<CompoundStmt>()) {
      const Stmt *C = Child.get<Stmt>();
      for (auto It = Block->body_begin(); It != Block->body_end(); ++It)
        if (*It == C)
          return {C, std::next(It) == Block->body_end() ? nullptr
                                                        : *std::next(It)};
      return {C, nullptr};
    }
    if (!P.get<Expr>())
      return {Child.get<Stmt>(), nullptr};
    Child = P;
  }
  return {nullptr, nullptr};
}

/// The argument \p Index of \p Call, or null.
inline const clang::Expr *argAt(const clang::CallExpr *Call, int Index) {
  if (Index < 0 || static_cast<unsigned>(Index) >= Call->getNumArgs())
    return nullptr;
  return Call->getArg(Index);
}

} // namespace carcinize::mem
