#include "rules/life/ReturnLocalAddressRule.h"

#include "rules/RuleUtils.h"
#include "rules/life/LifeUtils.h"

#include <clang/AST/RecursiveASTVisitor.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo ReturnLocalAddressRule::info() {
  RuleInfo I;
  I.Id = "life.return-local-address";
  I.Title = "Address of a local returned or stored where it outlives the function";
  I.Cwe = {562, 825};
  I.DefaultSeverity = Severity::High;
  I.Rationale =
      "A local variable lives in the function's stack frame, which is reused as soon as the "
      "function returns. A pointer or reference to it that is returned, or stored in a global, "
      "through an out-parameter or in a structure the caller owns, dangles: reading it returns "
      "whatever the next call left there, and writing through it corrupts another frame.";
  I.RustAlternative =
      "The borrow checker rejects a reference that outlives its referent (`return &x` does not "
      "compile: 'x' does not live long enough). Return the value itself (`String`, `Vec<T>`, "
      "`Box<T>`: ownership moves to the caller), or borrow from a parameter with an explicit "
      "lifetime (`fn f<'a>(buf: &'a mut [u8]) -> &'a [u8]`).";
  I.Precision = "high";
  return I;
}

namespace {

std::string describe(const VarDecl *VD) {
  return std::string(isa<ParmVarDecl>(VD) ? "parameter '" : "local variable '") +
         VD->getNameAsString() + "'";
}

/// Where a store's destination lives when it outlives the function.
struct Destination {
  std::string Kind;                 ///< "global ", "static ", "member " or "" (via a parameter)
  const ValueDecl *Root = nullptr;  ///< the parameter or variable the lvalue starts from
};

/// The destination of a store into a global or static variable, or into
/// memory reached through a pointer or reference parameter or `this`; none
/// for a local destination.
std::optional<Destination> outlivingDestination(const Expr *LHS) {
  const Expr *E = LHS;
  // Walk to the root of the lvalue: `a.b[2].c`, `p->f`, `*out`, `out[i]`.
  while (true) {
    E = E->IgnoreParenImpCasts();
    const Expr *Through = nullptr; // the pointer the lvalue is reached through
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (!M->isArrow()) {
        E = M->getBase();
        continue;
      }
      Through = M->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Through))
        return Destination{"member ", nullptr};
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      Through = A->getBase()->IgnoreParenImpCasts();
    } else if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref)
        return std::nullopt;
      Through = U->getSubExpr()->IgnoreParenImpCasts();
    } else if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(D->getDecl());
      if (!VD)
        return std::nullopt;
      if (VD->hasGlobalStorage())
        return Destination{VD->isStaticLocal() ? "static " : "global ", VD};
      // A reference parameter designates the caller's object.
      if (isa<ParmVarDecl>(VD) && VD->getType()->isReferenceType())
        return Destination{"", VD};
      return std::nullopt;
    } else {
      return std::nullopt;
    }
    // Through a pointer: the caller's memory when the pointer is a parameter.
    if (const auto *D = dyn_cast<DeclRefExpr>(Through))
      if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl()))
        if (P->getType()->isPointerType())
          return Destination{"", P};
    E = Through;
  }
}

/// True when \p E mentions \p D.
bool mentions(const Stmt *E, const ValueDecl *D) {
  if (const auto *R = dyn_cast<DeclRefExpr>(E))
    if (R->getDecl() == D)
      return true;
  for (const Stmt *C : E->children())
    if (C && mentions(C, D))
      return true;
  return false;
}

/// True when, after \p Store, parameter \p Param is passed to a call: the
/// function lends its local to a callee through the caller's structure, as
/// zlib's `strm->next_in = buf; deflate(strm, flush);` does. The pointer
/// is stale after the return but the structure's contract is that the
/// caller sets it again before the next call.
class LentToCallee : public RecursiveASTVisitor<LentToCallee> {
public:
  LentToCallee(const SourceManager &SM, const BinaryOperator *Store, const ValueDecl *Param)
      : SM(SM), After(life::offsetOf(SM, Store->getEndLoc())), Param(Param) {}
  bool VisitCallExpr(CallExpr *Call) {
    if (life::offsetOf(SM, Call->getBeginLoc()) <= After)
      return true;
    for (const Expr *Arg : Call->arguments())
      if (mentions(Arg, Param))
        Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const SourceManager &SM;
  unsigned After;
  const ValueDecl *Param;
};

/// The later assignments (after \p Store) of something other than a local's
/// address: candidates for the save/restore idiom
/// `saved = g; g = &local; ...; g = saved;` (Lua's error handlers).
class LaterAssignments : public RecursiveASTVisitor<LaterAssignments> {
public:
  LaterAssignments(const SourceManager &SM, const BinaryOperator *Store, const FunctionDecl *Fn)
      : SM(SM), Store(Store), Fn(Fn) {}
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B == Store || B->getOpcode() != BO_Assign ||
        life::offsetOf(SM, B->getBeginLoc()) <= life::offsetOf(SM, Store->getBeginLoc()))
      return true;
    life::AddressKind K;
    const VarDecl *V = life::pointedStorage(B->getRHS(), K);
    if (!V || !life::isAutomaticObjectOf(V, Fn))
      Found.push_back(B->getLHS());
    return true;
  }
  std::vector<const Expr *> Found;

private:
  const SourceManager &SM;
  const BinaryOperator *Store;
  const FunctionDecl *Fn;
};

} // namespace

void ReturnLocalAddressRule::registerMatchers(MatchFinder &Finder) {
  auto InFunction = forFunction(functionDecl(isDefinition()).bind("fn"));
  // `return &x;`, `return buf;`, `return x;` from a function returning a reference.
  Finder.addMatcher(returnStmt(hasReturnValue(expr()), InFunction).bind("ret"), this);
  // `g = &x;`, `*out = buf;`, `p->field = &x;`.
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="), hasLHS(expr(hasType(pointerType()))), InFunction)
          .bind("store"),
      this);
}

void ReturnLocalAddressRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *Ret = Result.Nodes.getNodeAs<ReturnStmt>("ret"))
    checkReturn(*Result.Context, Ret, Fn);
  else if (const auto *Store = Result.Nodes.getNodeAs<BinaryOperator>("store"))
    checkStore(*Result.Context, Store, Fn);
}

void ReturnLocalAddressRule::checkReturn(ASTContext &AST, const ReturnStmt *Ret,
                                         const FunctionDecl *Fn) {
  const Expr *Value = Ret->getRetValue();
  std::string FnName = "'" + Fn->getNameAsString() + "'";
  if (isa<CXXMethodDecl>(Fn) && cast<CXXMethodDecl>(Fn)->getParent()->isLambda())
    FnName = "the lambda";
  if (Fn->getReturnType()->isReferenceType()) {
    // A reference bound to a local: `return x;`, `return x.member;`.
    const Expr *E = Value->IgnoreImplicit()->IgnoreParens();
    const VarDecl *V = life::storageOwner(E);
    // `return c ? a : b;` binds to either arm.
    if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
      V = life::storageOwner(C->getTrueExpr()->IgnoreImplicit());
      if (!V || !life::isAutomaticObjectOf(V, Fn))
        V = life::storageOwner(C->getFalseExpr()->IgnoreImplicit());
    }
    if (V && life::isAutomaticObjectOf(V, Fn))
      report(AST, Ret->getBeginLoc(),
             "returns a reference to " + describe(V) + ", which dies when " + FnName + " returns");
    return;
  }
  if (!Fn->getReturnType()->isPointerType())
    return;
  life::AddressKind Kind;
  const VarDecl *V = life::pointedStorage(Value->IgnoreParens(), Kind);
  if (!V || !life::isAutomaticObjectOf(V, Fn))
    return;
  if (Kind == life::AddressKind::ArrayDecay)
    report(AST, Ret->getBeginLoc(),
           "returns " + std::string(isa<ParmVarDecl>(V) ? "parameter" : "local") + " array '" +
               V->getNameAsString() + "', which dies when " + FnName + " returns");
  else
    report(AST, Ret->getBeginLoc(),
           "returns the address of " + describe(V) + ", which dies when " + FnName + " returns");
}

void ReturnLocalAddressRule::checkStore(ASTContext &AST, const BinaryOperator *Assign,
                                        const FunctionDecl *Fn) {
  life::AddressKind Kind;
  const VarDecl *V = life::pointedStorage(Assign->getRHS(), Kind);
  if (!V || !life::isAutomaticObjectOf(V, Fn))
    return;
  std::optional<Destination> Dest = outlivingDestination(Assign->getLHS());
  if (!Dest)
    return;
  // Near miss: lent to a callee through a parameter's structure.
  if (Dest->Root && isa<ParmVarDecl>(Dest->Root)) {
    LentToCallee Lent(AST.getSourceManager(), Assign, Dest->Root);
    Lent.TraverseStmt(Fn->getBody());
    if (Lent.Found)
      return;
  }
  // Near miss: the destination is restored before the function returns.
  LaterAssignments Later(AST.getSourceManager(), Assign, Fn);
  Later.TraverseStmt(Fn->getBody());
  std::string Spelled = text(AST, Assign->getLHS()->getSourceRange());
  for (const Expr *LHS : Later.Found)
    if (text(AST, LHS->getSourceRange()) == Spelled)
      return;
  std::string What = Kind == life::AddressKind::ArrayDecay
                         ? std::string(isa<ParmVarDecl>(V) ? "parameter" : "local") +
                               " array '" + V->getNameAsString() + "'"
                         : "the address of " + describe(V);
  report(AST, Assign->getBeginLoc(),
         "stores " + What + " in " + Dest->Kind + "'" + Spelled + "', which outlives '" +
             Fn->getNameAsString() + "'");
}

} // namespace carcinize
