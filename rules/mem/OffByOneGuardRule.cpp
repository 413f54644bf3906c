#include "rules/mem/OffByOneGuardRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/ExprCXX.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// Statements between a guard and the access it protects are not read; a
/// guard further up than this many enclosing statements is not looked for.
constexpr unsigned MaxDepth = 32;

/// Does \p S always leave the enclosing code: return, break, continue, goto,
/// throw, or a call to a function that does not return?
bool leaves(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && leaves(C->body_back());
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S))
    if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
      if (const FunctionDecl *F = Call->getDirectCallee())
        return F->isNoReturn();
  return false;
}

/// The bound \p Cond compares \p Index with, when the comparison is `Index
/// > B` or `B < Index` (\p Accepting false), or `Index <= B` or `B >=
/// Index` (\p Accepting true).
const Expr *boundOf(const Expr *Cond, const Expr *Index, bool Accepting) {
  const auto *B = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!B)
    return nullptr;
  if (B->getOpcode() == BO_LOr && !Accepting) {
    if (const Expr *R = boundOf(B->getLHS(), Index, false))
      return R;
    return boundOf(B->getRHS(), Index, false);
  }
  if (B->getOpcode() == BO_LAnd && Accepting) {
    if (const Expr *R = boundOf(B->getLHS(), Index, true))
      return R;
    return boundOf(B->getRHS(), Index, true);
  }
  BinaryOperatorKind Left = Accepting ? BO_LE : BO_GT, Right = Accepting ? BO_GE : BO_LT;
  if (B->getOpcode() == Left && heap::sameLvalue(B->getLHS(), Index))
    return B->getRHS();
  if (B->getOpcode() == Right && heap::sameLvalue(B->getRHS(), Index))
    return B->getLHS();
  return nullptr;
}

/// The number of elements of the array \p Base designates, when declared.
std::optional<uint64_t> elementCount(const Expr *Base, ASTContext &AST) {
  Base = Base->IgnoreParenImpCasts();
  QualType T;
  if (const auto *D = dyn_cast<DeclRefExpr>(Base)) {
    if (isa<ParmVarDecl>(D->getDecl()))
      return std::nullopt;
    T = D->getDecl()->getType();
  } else if (const auto *M = dyn_cast<MemberExpr>(Base)) {
    T = M->getMemberDecl()->getType();
  } else {
    return std::nullopt;
  }
  if (const auto *CAT = AST.getAsConstantArrayType(T))
    return CAT->getSize().getZExtValue();
  return std::nullopt;
}

/// Is \p Bound the element count of \p Base: equal to its declared size
/// (`n > 16` for `int a[16]`), or a member of the object that holds the
/// array as its other member (`i > v->count` for `v->items[i]`)?
bool isCountOf(const Expr *Bound, const Expr *Base, ASTContext &AST) {
  if (auto N = elementCount(Base, AST)) {
    auto V = constantValue(Bound, AST);
    return V && *V == *N && *N > 1;
  }
  const auto *BM = dyn_cast<MemberExpr>(Bound->IgnoreParenImpCasts());
  const auto *AM = dyn_cast<MemberExpr>(Base->IgnoreParenImpCasts());
  if (!BM || !AM || !AM->getType()->isPointerType() || !BM->getType()->isIntegerType())
    return false;
  // The count's name says it counts (not a capacity in bytes, not a maximum
  // index): `count`, `n_items`, `nelts`, `num`, `len`, `size`.
  std::string Name = BM->getMemberDecl()->getNameAsString();
  for (char &C : Name)
    C = static_cast<char>(tolower(static_cast<unsigned char>(C)));
  if (Name.find("max") != std::string::npos || Name.find("last") != std::string::npos)
    return false;
  static const char *const Counts[] = {"count", "num", "nelt", "len", "size", "nitems", "nused",
                                       "used"};
  bool Counting = false;
  for (const char *C : Counts)
    Counting |= Name.find(C) != std::string::npos;
  return Counting && heap::sameLvalue(BM->getBase(), AM->getBase());
}

/// The statement holding \p S, through the declaration it initialises
/// (`int v = a[i];` is held by its DeclStmt); null at the function's body.
const Stmt *enclosingStmt(const Stmt *S, ASTContext &AST) {
  const Decl *D = nullptr;
  if (const Stmt *P = parentStmt(S, AST, &D))
    return P;
  if (!D || !isa<VarDecl>(D))
    return nullptr;
  auto Parents = AST.getParents(*D);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

} // namespace

RuleInfo OffByOneGuardRule::info() {
  RuleInfo I;
  I.Id = "mem.off-by-one-guard";
  I.Title = "Index checked against the element count with '>' instead of '>='";
  I.Cwe = {193, 787, 125};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "An array of n elements has indexes 0 to n-1. A guard written `if (i > n) "
                "return -1;` (or `if (i <= n) a[i] = v;`) lets `i == n` through, one element "
                "past the end: the classic off-by-one that reads or overwrites the next "
                "object, a heap chunk's header or a saved pointer. The rule reports the access "
                "when the guard's bound is the array's declared size, or the count member of "
                "the object that holds the array (`i > v->count` before `v->items[i]`).";
  I.RustAlternative = "Slices check every index: `v[i]` panics on `i == v.len()`, and "
                      "`v.get(i)` returns `None`, so a wrong guard costs an error, not memory.";
  I.Precision = "medium";
  I.BuildsOn = "AST matchers: the guards are the `if` statements that hold the access or "
               "precede it in an enclosing block (no CFG); the static analyzer's "
               "alpha.security.ArrayBoundV2 finds such accesses path-sensitively";
  return I;
}

void OffByOneGuardRule::registerMatchers(MatchFinder &Finder) {
  // An element read or written with a variable index.
  Finder.addMatcher(arraySubscriptExpr(hasIndex(ignoringParenImpCasts(
                                           expr(anyOf(declRefExpr(), memberExpr())))),
                                       unless(isInTemplateInstantiation()))
                        .bind("access"),
                    this);
}

void OffByOneGuardRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Access = Result.Nodes.getNodeAs<ArraySubscriptExpr>("access");
  ASTContext &AST = *Result.Context;
  const Expr *Index = Access->getIdx()->IgnoreParenImpCasts();
  const Expr *Base = Access->getBase();
  const Expr *Bound = nullptr;
  const Stmt *Guard = nullptr;
  const Stmt *Cur = Access;
  for (unsigned Depth = 0; Depth < MaxDepth && !Bound; ++Depth) {
    const Stmt *P = enclosingStmt(Cur, AST);
    if (!P)
      break;
    // Accepted by the `if` that holds it: `if (i <= n) a[i] = v;`.
    if (const auto *If = dyn_cast<IfStmt>(P))
      if (If->getThen() == Cur)
        if (const Expr *B = boundOf(If->getCond(), Index, true); B && isCountOf(B, Base, AST)) {
          Bound = B;
          Guard = If;
        }
    // Rejected by an earlier `if` of an enclosing block: `if (i > n)
    // return; ... a[i]`.
    if (const auto *Block = dyn_cast<CompoundStmt>(P)) {
      for (const Stmt *S : Block->body()) {
        if (S == Cur)
          break;
        const auto *If = dyn_cast<IfStmt>(S);
        if (!If || !leaves(If->getThen()))
          continue;
        if (const Expr *B = boundOf(If->getCond(), Index, false); B && isCountOf(B, Base, AST)) {
          Bound = B;
          Guard = If;
        }
      }
    }
    if (isa<LambdaExpr>(P))
      break;
    Cur = P;
  }
  if (!Bound || !Reported.insert(Access->getExprLoc().getRawEncoding()).second)
    return;
  unsigned Line = AST.getSourceManager().getExpansionLineNumber(Guard->getBeginLoc());
  report(AST, Access->getExprLoc(),
         "'" + text(AST, Access) + "' can index one past the end: the guard at line " +
             std::to_string(Line) + " lets '" + text(AST, Index) + "' equal '" +
             text(AST, Bound) + "', the element count of '" + text(AST, Base) + "'");
}

} // namespace carcinize
