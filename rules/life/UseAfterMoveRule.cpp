#include "rules/life/UseAfterMoveRule.h"

#include "rules/RuleUtils.h"
#include "rules/life/LifeUtils.h"

#include <clang/Analysis/CFG.h>

#include <deque>
#include <map>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

// Member functions that give a moved-from object a known state again.

// Smart pointers are specified to be null after a move: only dereferencing
// them is a bug (`if (p)`, `p.get()` are fine).
bool isSmartPointer(const CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace())
    return false;
  StringRef N = RD->getName();
  return N == "unique_ptr" || N == "shared_ptr" || N == "weak_ptr";
}

const CXXRecordDecl *classOf(QualType T) {
  return T.getNonReferenceType()->getAsCXXRecordDecl();
}

/// A tracked variable: a local or parameter of this function whose type is a
/// class with a moved-from state (not trivially copyable: moving an `int` or
/// a POD struct copies it).
bool isTracked(const VarDecl *VD, const FunctionDecl *Fn) {
  if (!VD || !VD->hasLocalStorage() || VD->getDeclContext() != Fn)
    return false;
  const CXXRecordDecl *RD = classOf(VD->getType());
  return RD && RD->hasDefinition() && !RD->isTriviallyCopyable();
}

enum class Access { Use, Reinit, Ignore, MoveArg };

/// The outermost expression holding \p S: its full expression.
const Stmt *fullExpression(ASTContext &AST, const Stmt *S) {
  const Stmt *Cur = S;
  while (const Stmt *P = parentStmt(Cur, AST)) {
    if (!isa<Expr>(P))
      return Cur;
    Cur = P;
  }
  return Cur;
}

} // namespace

UseAfterMoveRule::UseAfterMoveRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      MoveFunctions(namesFrom(builtinTables().names("move-functions"), "move-functions")),
      Reinitializers(namesFrom(builtinTables().names("reinitializers"), "reinitializers")) {}

RuleInfo UseAfterMoveRule::info() {
  RuleInfo I;
  I.Id = "life.use-after-move";
  I.Title = "Object used after it was moved from";
  I.Cwe = {672, 416};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "std::move hands an object's resources (a buffer, a file, a pointer) to another "
      "object and leaves the source in a 'valid but unspecified' state: an empty string, "
      "a null smart pointer, or anything else the class chooses. Code that reads it "
      "afterwards works on stale or empty data, and code that assumes it still owns the "
      "resource (dereferencing a moved-from unique_ptr) crashes. In a loop, a move in one "
      "iteration leaves nothing for the next.";
  I.RustAlternative =
      "A move in Rust ends the binding: any later use is a compile error (\"borrow of moved "
      "value\"), also across loop iterations. Clone when both sides need the value, use "
      "`std::mem::take`/`Option::take` when the source must stay usable (empty), and "
      "reassign the binding before using it again.";
  I.Precision = "medium";
  I.BuildsOn = "Clang's CFG (clang/Analysis/CFG.h): a use counts when it is reachable from "
               "the move with no reassignment on the way";
  I.Options = {{"move-functions", "Extra functions that move from their argument (besides "
                                  "the table move-functions)."},
               {"reinitializers", "Extra member functions that reset a moved-from object "
                                  "(besides clear, reset, assign, swap)."}};
  return I;
}

void UseAfterMoveRule::registerMatchers(MatchFinder &Finder) {
  // Every function that calls a move function on something.
  Finder.addMatcher(
      functionDecl(isDefinition(),
                   hasDescendant(callExpr(callee(functionDecl(hasAnyName(refsOf(MoveFunctions)))))))
          .bind("fn"),
      this);
}

void UseAfterMoveRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  if (Fn->isDependentContext() || !Fn->getBody())
    return;
  const SourceManager &SM = AST.getSourceManager();

  CFG::BuildOptions Opts;
  Opts.PruneTriviallyFalseEdges = true;
  Opts.AddInitializers = true;
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = true;
  Opts.AddCXXDefaultInitExprInCtors = true;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> Cfg = CFG::buildCFG(Fn, Fn->getBody(), &AST, Opts);
  if (!Cfg)
    return;

  auto IsMoveCall = [&](const Stmt *S) -> const DeclRefExpr * {
    const auto *Call = dyn_cast<CallExpr>(S);
    if (!Call || Call->getNumArgs() != 1 || isa<CXXOperatorCallExpr>(Call))
      return nullptr;
    const auto *Callee = Call->getDirectCallee();
    if (!Callee)
      return nullptr;
    std::string Name = Callee->getQualifiedNameAsString();
    bool Known = false;
    for (const auto &M : MoveFunctions)
      if (M == Name)
        Known = true;
    if (!Known)
      return nullptr;
    const auto *D = dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
    if (!D || !isTracked(dyn_cast<VarDecl>(D->getDecl()), Fn))
      return nullptr;
    // Bound to a `const T &` (a copy constructor, a const-reference parameter):
    // nothing is moved.
    if (const Stmt *P = parentStmt(Call, AST))
      if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P))
        if (Cast->getCastKind() == CK_NoOp && Cast->getType().isConstQualified())
          return nullptr;
    return D;
  };

  // How the reference \p D to a tracked variable touches it.
  auto Classify = [&](const DeclRefExpr *D) -> Access {
    const auto *VD = cast<VarDecl>(D->getDecl());
    bool Smart = isSmartPointer(classOf(VD->getType()));
    const Stmt *Child = D;
    const Stmt *P = parentStmt(D, AST);
    while (P && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr>(P)) {
      Child = P;
      P = parentStmt(P, AST);
    }
    if (!P)
      return Access::Use;
    if (const auto *Call = dyn_cast<CallExpr>(P))
      if (IsMoveCall(Call) == D)
        return Access::MoveArg;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getArg(0) == Child) {
        if (Op->getOperator() == OO_Equal)
          return Access::Reinit;
        if (Smart)
          return (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow ||
                  Op->getOperator() == OO_Subscript)
                     ? Access::Use
                     : Access::Ignore;
      }
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      if (B->getOpcode() == BO_Assign && B->getLHS() == Child)
        return Access::Reinit;
    if (const auto *U = dyn_cast<UnaryOperator>(P))
      if (U->getOpcode() == UO_AddrOf)
        return Access::Reinit; // written through the pointer, maybe
    if (const auto *M = dyn_cast<MemberExpr>(P)) {
      if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(M, AST)))
        if (const auto *MD = Call->getMethodDecl()) {
          std::string N = MD->getNameAsString();
          for (const auto &R : Reinitializers)
            if (R == N)
              return Access::Reinit;
        }
      return Smart ? Access::Ignore : Access::Use;
    }
    // Passed to a non-const lvalue reference: the callee may assign it.
    auto ByMutableRef = [&](const FunctionDecl *Callee, unsigned ArgIndex) {
      if (!Callee || ArgIndex >= Callee->getNumParams())
        return false;
      QualType T = Callee->getParamDecl(ArgIndex)->getType();
      return T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified();
    };
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) &&
                               isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee())
                           ? 1
                           : 0;
      for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && ByMutableRef(Call->getDirectCallee(), I - Shift))
          return Access::Reinit;
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(P))
      for (unsigned I = 0; I < C->getNumArgs(); ++I)
        if (C->getArg(I) == Child && ByMutableRef(C->getConstructor(), I))
          return Access::Reinit;
    return Smart ? Access::Ignore : Access::Use;
  };

  // The moves, in CFG order.
  struct Move {
    const CFGBlock *Block;
    unsigned Index;
    const CallExpr *Call;
    const DeclRefExpr *Arg;
  };
  std::vector<Move> Moves;
  for (const CFGBlock *B : *Cfg)
    for (unsigned I = 0; I < B->size(); ++I)
      if (auto S = (*B)[I].getAs<CFGStmt>())
        if (const DeclRefExpr *D = IsMoveCall(S->getStmt()))
          Moves.push_back({B, I, cast<CallExpr>(S->getStmt()), D});

  std::map<const DeclRefExpr *, Access> Cache;
  for (const Move &M : Moves) {
    const auto *VD = cast<VarDecl>(M.Arg->getDecl());
    const Stmt *MoveFull = fullExpression(AST, M.Call);
    // `x = f(std::move(x));`: reassigned by the same statement.
    if (const auto *B = dyn_cast<BinaryOperator>(MoveFull))
      if (B->getOpcode() == BO_Assign && referencedDecl(B->getLHS()) == VD)
        continue;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(MoveFull))
      if (Op->getOperator() == OO_Equal && referencedDecl(Op->getArg(0)) == VD)
        continue;

    // Breadth-first over the CFG from just after the move: the first access
    // of the variable on each path decides.
    const DeclRefExpr *Found = nullptr;
    std::set<const CFGBlock *> Seen;
    std::deque<std::pair<const CFGBlock *, unsigned>> Work{{M.Block, M.Index + 1}};
    while (!Work.empty() && !Found) {
      auto [B, Start] = Work.front();
      Work.pop_front();
      bool Stop = false;
      for (unsigned I = Start; I < B->size() && !Stop; ++I) {
        if (auto Dtor = (*B)[I].getAs<CFGAutomaticObjDtor>()) {
          Stop = Dtor->getVarDecl() == VD; // end of its scope
          continue;
        }
        auto S = (*B)[I].getAs<CFGStmt>();
        if (!S)
          continue;
        if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt())) {
          for (const Decl *D : DS->decls())
            Stop |= D == VD; // a fresh object in the next iteration
          continue;
        }
        const auto *D = dyn_cast<DeclRefExpr>(S->getStmt());
        if (!D || D->getDecl() != VD)
          continue;
        auto It = Cache.find(D);
        Access A = It != Cache.end() ? It->second : (Cache[D] = Classify(D));
        if (A == Access::Reinit) {
          Stop = true;
        } else if (A == Access::Use || A == Access::MoveArg) {
          // Same full expression: the order of evaluation decides, not the CFG.
          if (D != M.Arg && fullExpression(AST, D) == MoveFull)
            continue;
          Found = D;
          Stop = true;
        }
      }
      if (Stop)
        continue;
      for (const CFGBlock *Succ : B->succs())
        if (Succ && Seen.insert(Succ).second)
          Work.push_back({Succ, 0});
    }
    if (!Found)
      continue;
    unsigned MoveLine = life::lineOf(SM, M.Call->getBeginLoc());
    std::string Name = "'" + VD->getNameAsString() + "'";
    bool Again = Cache[Found] == Access::MoveArg;
    bool Earlier = life::offsetOf(SM, Found->getBeginLoc()) <= life::offsetOf(SM, M.Arg->getBeginLoc());
    std::string Msg;
    if (Found == M.Arg)
      Msg = Name + " is moved from again on the next iteration of the loop";
    else if (Again)
      Msg = Name + " is moved from again after it was moved from at line " +
            std::to_string(MoveLine);
    else
      Msg = Name + " is used " + (Earlier ? "on the next iteration of the loop " : "") +
            "after it was moved from at line " + std::to_string(MoveLine);
    if (Reported.insert(Found->getBeginLoc().getRawEncoding()).second)
      report(AST, Found->getBeginLoc(), Msg);
  }
}

} // namespace carcinize
