#include "rules/life/ContainerModifiedWhileIteratingRule.h"

#include "rules/RuleUtils.h"
#include "rules/life/LifeUtils.h"

#include <clang/AST/RecursiveASTVisitor.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

// Node-based containers keep their iterators valid on insertion; only
// erasing (the current element) or clearing invalidates them.
// Standard containers whose elements are nodes (table `node-containers`).
bool isNodeBased(const CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace())
    return false;
  for (const std::string &N : builtinTables().names("node-containers"))
    if (RD->getName() == N)
      return true;
  return false;
}

bool isGrowth(StringRef Method) {
  return Method == "push_back" || Method == "emplace_back" || Method == "push_front" ||
         Method == "emplace_front" || Method == "insert" || Method == "emplace" ||
         Method == "emplace_hint";
}

/// A key naming the container \p E designates: `v`, `this->items`,
/// `obj.list`, `*p` spelled through its declarations, or "" when \p E is
/// not such a chain (a call result, an element of another container).
std::string containerKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return std::to_string(reinterpret_cast<uintptr_t>(D->getDecl()->getCanonicalDecl()));
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = M->getBase()->IgnoreParenImpCasts();
    std::string B = isa<CXXThisExpr>(Base) ? "this" : containerKey(Base);
    if (B.empty())
      return "";
    return B + (M->isArrow() ? "->" : ".") +
           std::to_string(reinterpret_cast<uintptr_t>(M->getMemberDecl()));
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_Deref) {
      std::string B = containerKey(U->getSubExpr());
      return B.empty() ? "" : "*" + B;
    }
  return "";
}

/// True when \p S is, or ends with, a statement that leaves \p Loop: `return`,
/// `throw`, `goto`, or a `break` that belongs to \p Loop.
bool leavesLoop(ASTContext &AST, const Stmt *S, const Stmt *Loop) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && leavesLoop(AST, C->body_back(), Loop);
  if (isa<BreakStmt>(S)) {
    // The nearest enclosing loop or switch is the one it leaves.
    for (const Stmt *P = parentStmt(S, AST); P; P = parentStmt(P, AST)) {
      if (P == Loop)
        return true;
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(P))
        return false;
    }
  }
  return false;
}

/// True when the statement holding \p Call, in its block, is followed by a
/// statement that leaves \p Loop (`c.erase(x); break;`), or is itself `return`.
bool followedByExit(ASTContext &AST, const Stmt *Call, const Stmt *Loop) {
  const Stmt *Cur = Call;
  while (const Stmt *P = parentStmt(Cur, AST)) {
    if (P == Loop)
      return false;
    if (isa<ReturnStmt>(P))
      return true;
    if (const auto *C = dyn_cast<CompoundStmt>(P)) {
      for (auto It = C->body_begin(); It != C->body_end(); ++It)
        if (*It == Cur)
          return std::next(It) != C->body_end() && leavesLoop(AST, *std::next(It), Loop);
      return false;
    }
    Cur = P;
  }
  return false;
}

/// The mutating member calls on one container inside a loop body.
class MutationFinder : public RecursiveASTVisitor<MutationFinder> {
public:
  MutationFinder(const std::string &Key, const std::vector<std::string> &Mutators)
      : Key(Key), Mutators(Mutators) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *MD = Call->getMethodDecl();
    if (!MD || !MD->getIdentifier())
      return true;
    bool Mutator = false;
    for (const auto &M : Mutators)
      if (MD->getName() == M)
        Mutator = true;
    if (Mutator && containerKey(Call->getImplicitObjectArgument()) == Key)
      Found.push_back(Call);
    return true;
  }
  // A lambda's body runs when it is called, not where it is written.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  std::vector<const CXXMemberCallExpr *> Found;

private:
  const std::string &Key;
  const std::vector<std::string> &Mutators;
};

/// The container `c` of a condition `it != c.end()` (or `c.end() != it`,
/// `it < c.end()`), and the iterator variable, when the condition has that form.
const Expr *endComparison(const Expr *Cond, const VarDecl *&Iterator) {
  if (!Cond)
    return nullptr;
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *L = nullptr, *R = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Op->getNumArgs() != 2)
      return nullptr;
    L = Op->getArg(0);
    R = Op->getArg(1);
  } else if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
    if (!B->isComparisonOp())
      return nullptr;
    L = B->getLHS();
    R = B->getRHS();
  } else {
    return nullptr;
  }
  for (int Side = 0; Side < 2; ++Side) {
    const Expr *End = (Side ? L : R)->IgnoreImplicit()->IgnoreParenImpCasts();
    const Expr *It = (Side ? R : L)->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXConstructExpr>(End))
      if (C->getNumArgs() == 1)
        End = C->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
    const auto *Call = dyn_cast<CXXMemberCallExpr>(End);
    if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
      continue;
    StringRef N = Call->getMethodDecl()->getName();
    if (N != "end" && N != "cend" && N != "rend" && N != "crend")
      continue;
    const auto *D = dyn_cast<DeclRefExpr>(It->IgnoreImplicit()->IgnoreParenImpCasts());
    if (const auto *C = dyn_cast<CXXConstructExpr>(It->IgnoreImplicit()))
      if (C->getNumArgs() == 1)
        D = dyn_cast<DeclRefExpr>(C->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts());
    if (!D)
      continue;
    Iterator = dyn_cast<VarDecl>(D->getDecl());
    if (!Iterator)
      continue;
    return Call->getImplicitObjectArgument();
  }
  return nullptr;
}

} // namespace

ContainerModifiedWhileIteratingRule::ContainerModifiedWhileIteratingRule(const RuleInfo &I,
                                                                         RuleContext &C,
                                                                         Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Mutators(namesFrom(builtinTables().names("container-mutators"), "mutators")) {}

RuleInfo ContainerModifiedWhileIteratingRule::info() {
  RuleInfo I;
  I.Id = "life.container-modified-while-iterating";
  I.Title = "Container modified inside a loop that iterates over it";
  // CWE-825 (expired pointer dereference): an invalidated iterator is an
  // expired pointer into the old buffer; CWE-416 when the buffer was freed by
  // a reallocation, as push_back on a full vector does.
  I.Cwe = {825, 416};
  I.DefaultSeverity = Severity::High;
  I.Rationale =
      "A range-for keeps iterators to the container it walks. push_back, insert, erase, "
      "clear or resize on that container while the loop runs may reallocate or unlink "
      "its storage, and the loop then advances and dereferences an iterator into freed "
      "memory. It works in tests until the one push_back that triggers a reallocation. "
      "In an explicit iterator loop, erase is fine only when its result is assigned back "
      "to the iterator (`it = c.erase(it)`). The rule does not flag a modification "
      "directly followed by `break`, `return`, `goto` or `throw` that leaves the loop, "
      "nor growth (insert, push_back) of node-based containers (map, set, list), whose "
      "iterators stay valid.";
  I.RustAlternative =
      "The borrow checker forbids it: `for x in &v { v.push(..) }` does not compile, since "
      "the loop holds a shared borrow of `v`. Use `retain`/`retain_mut` to remove in place, "
      "`drain(..)`/`extract_if` to take elements out, or collect the changes in a second "
      "`Vec` and apply them after the loop.";
  I.Precision = "high";
  I.Options = {{"mutators", "Extra member functions that invalidate a container's iterators "
                            "(besides the table container-mutators)."}};
  return I;
}

void ContainerModifiedWhileIteratingRule::registerMatchers(MatchFinder &Finder) {
  // `for (auto &x : c) { ... }`
  Finder.addMatcher(cxxForRangeStmt().bind("rangefor"), this);
  // `for (auto it = c.begin(); it != c.end(); ...) { ... }`
  Finder.addMatcher(forStmt(hasCondition(expr())).bind("for"), this);
  // `while (it != c.end()) { ... }`
  Finder.addMatcher(whileStmt().bind("while"), this);
}

void ContainerModifiedWhileIteratingRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *RF = Result.Nodes.getNodeAs<CXXForRangeStmt>("rangefor")) {
    checkBody(AST, RF, RF->getBody(), RF->getRangeInit(), nullptr);
    return;
  }
  const Stmt *Loop = nullptr, *Body = nullptr;
  const Expr *Cond = nullptr;
  if (const auto *F = Result.Nodes.getNodeAs<ForStmt>("for")) {
    Loop = F;
    Body = F->getBody();
    Cond = F->getCond();
  } else if (const auto *W = Result.Nodes.getNodeAs<WhileStmt>("while")) {
    Loop = W;
    Body = W->getBody();
    Cond = W->getCond();
  }
  const VarDecl *Iterator = nullptr;
  if (const Expr *Container = endComparison(Cond, Iterator))
    checkBody(AST, Loop, Body, Container, Iterator);
}

void ContainerModifiedWhileIteratingRule::checkBody(ASTContext &AST, const Stmt *Loop,
                                                    const Stmt *Body, const Expr *Container,
                                                    const VarDecl *Iterator) {
  if (!Body || !Container)
    return;
  std::string Key = containerKey(Container);
  if (Key.empty())
    return;
  const CXXRecordDecl *RD = Container->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    if (const auto *PT = Container->getType()->getAs<PointerType>())
      RD = PT->getPointeeType()->getAsCXXRecordDecl();
  bool NodeBased = isNodeBased(RD);
  const SourceManager &SM = AST.getSourceManager();
  unsigned LoopLine = life::lineOf(SM, Loop->getBeginLoc());
  std::string Name = text(AST, Container);

  MutationFinder Finder(Key, Mutators);
  Finder.TraverseStmt(const_cast<Stmt *>(Body));
  for (const CXXMemberCallExpr *Call : Finder.Found) {
    StringRef Method = Call->getMethodDecl()->getName();
    if (NodeBased && isGrowth(Method))
      continue;
    if (followedByExit(AST, Call, Loop))
      continue;
    if (Iterator) {
      // `it = c.erase(it)`: the idiom that keeps a valid iterator.
      const Stmt *P = life::parentThroughImplicit(AST, *Call);
      if (const auto *B = dyn_cast_or_null<BinaryOperator>(P))
        if (B->getOpcode() == BO_Assign && referencedDecl(B->getLHS()) == Iterator)
          continue;
      if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
        if (Op->getOperator() == OO_Equal && referencedDecl(Op->getArg(0)) == Iterator)
          continue;
      // `c.erase(it++)` on a node-based container: 'it' moved on before the erase.
      if (NodeBased && Method == "erase" && Call->getNumArgs() == 1) {
        const Expr *Arg = Call->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
        if (const auto *C = dyn_cast<CXXConstructExpr>(Arg))
          if (C->getNumArgs() == 1)
            Arg = C->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
        if (const auto *Inc = dyn_cast<CXXOperatorCallExpr>(Arg))
          if (Inc->getOperator() == OO_PlusPlus && referencedDecl(Inc->getArg(0)) == Iterator)
            continue;
        if (const auto *Inc = dyn_cast<UnaryOperator>(Arg))
          if (Inc->isPostfix() && referencedDecl(Inc->getSubExpr()) == Iterator)
            continue;
      }
    }
    std::string Msg = "'" + Method.str() + "' modifies '" + Name + "' while ";
    if (Iterator)
      Msg += "iterator '" + Iterator->getNameAsString() + "' walks it (loop at line " +
             std::to_string(LoopLine) + ")";
    else
      Msg += "the range-for at line " + std::to_string(LoopLine) + " iterates over it";
    report(AST, Call->getBeginLoc(), Msg);
  }
}

} // namespace carcinize
