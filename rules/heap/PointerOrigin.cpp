#include "rules/heap/PointerOrigin.h"

#include "rules/RuleUtils.h"
#include "rules/Tables.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/ExprCXX.h>
#include <clang/Analysis/CFG.h>
#include <clang/Lex/Lexer.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace clang;

namespace carcinize::heap {
namespace {

/// A local variable or parameter (or `this`, when Base is null) and a path
/// of fields on it.
struct Key {
  const VarDecl *Base = nullptr;
  std::vector<const ValueDecl *> Fields;
  bool operator<(const Key &O) const { return std::tie(Base, Fields) < std::tie(O.Base, O.Fields); }
  bool operator==(const Key &O) const { return Base == O.Base && Fields == O.Fields; }
  /// Is this key \p O or a member path under it?
  bool within(const Key &O) const {
    return Base == O.Base && Fields.size() >= O.Fields.size() &&
           std::equal(O.Fields.begin(), O.Fields.end(), Fields.begin());
  }
};

std::optional<Key> keyOf(const Expr *E) {
  E = stripCasts(E);
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    // Globals can change in any call: not tracked.
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    if (V && V->hasLocalStorage() && !V->getType()->isReferenceType())
      return Key{V, {}};
    return std::nullopt;
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    std::optional<Key> K;
    if (isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
      K = Key{};
    else
      K = keyOf(M->getBase());
    if (K)
      K->Fields.push_back(M->getMemberDecl());
    return K;
  }
  return std::nullopt;
}

/// An origin in a state: its kind and where it was made; the rest of the
/// Origin (names) is kept aside, so that states compare cheaply.
using OriginId = std::pair<OriginKind, unsigned>;
using State = std::map<Key, std::set<OriginId>>;

/// A fixed point needs at most one pass per block per origin added; this
/// bounds hostile or generated functions.
constexpr size_t MaxVisitsPerBlock = 64;

bool isNullConstant(const Expr *E, ASTContext &AST) {
  return E->IgnoreParenCasts()->isNullPointerConstant(AST, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

class Analysis {
public:
  Analysis(ASTContext &AST, const std::vector<std::string> &Deallocators)
      : AST(AST), SM(AST.getSourceManager()), Deallocators(Deallocators) {}

  OriginFindings run(const FunctionDecl *FD) {
    OriginFindings Out;
    if (!FD->getBody() || FD->isDependentContext())
      return Out;
    CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &AST, Opts);
    if (!G)
      return Out;
    size_t N = G->getNumBlockIDs();
    std::vector<State> In(N);
    std::vector<size_t> Visits(N, 0);
    std::vector<const CFGBlock *> Work{&G->getEntry()};
    while (!Work.empty()) {
      const CFGBlock *B = Work.back();
      Work.pop_back();
      if (++Visits[B->getBlockID()] > MaxVisitsPerBlock)
        continue;
      State S = In[B->getBlockID()];
      transfer(*B, S, nullptr);
      for (const auto &Succ : B->succs()) {
        const CFGBlock *SB = Succ.getReachableBlock();
        if (!SB)
          continue;
        State &SIn = In[SB->getBlockID()];
        bool Changed = Visits[SB->getBlockID()] == 0;
        for (const auto &[K, Os] : S) {
          auto &Into = SIn[K];
          for (const OriginId &O : Os)
            Changed |= Into.insert(O).second;
        }
        if (Changed)
          Work.push_back(SB);
      }
    }
    for (const CFGBlock *B : *G)
      if (Visits[B->getBlockID()] > 0) {
        State S = In[B->getBlockID()];
        transfer(*B, S, &Out);
      }
    return Out;
  }

private:
  /// Records the names of an origin; the first record of an id wins.
  OriginId make(OriginKind K, SourceLocation Loc, std::string What, std::string Block = "",
                SourceLocation BlockLoc = {}) {
    OriginId Id{K, Loc.getRawEncoding()};
    Details.emplace(Id, Origin{K, Loc, std::move(What), std::move(Block), BlockLoc});
    return Id;
  }

  std::string spelled(const Expr *E) const {
    auto R = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(E->getSourceRange()), SM,
                                      AST.getLangOpts());
    if (R.isValid())
      return Lexer::getSourceText(R, SM, AST.getLangOpts()).str();
    return "";
  }

  static bool named(const CallExpr *C, const std::vector<std::string> &Names) {
    const FunctionDecl *F = C->getDirectCallee();
    return F && F->getIdentifier() &&
           std::find(Names.begin(), Names.end(), F->getName()) != Names.end();
  }

  /// Stack or static storage of the object \p E designates (`x`, `s.buf`,
  /// `arr[i]`), with the variable behind it.
  std::optional<OriginId> storageOf(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(D->getDecl());
      if (!V || V->getType()->isReferenceType())
        return std::nullopt;
      std::string Name = V->getNameAsString();
      if (V->hasLocalStorage())
        return make(OriginKind::Stack, V->getLocation(), Name);
      return make(OriginKind::Static, V->getLocation(), Name);
    }
    if (const auto *M = dyn_cast<MemberExpr>(E))
      return M->isArrow() ? std::nullopt : storageOf(M->getBase());
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      if (A->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return storageOf(A->getBase());
    return std::nullopt;
  }

  /// \p Os moved past the block start by \p By: a heap block's start
  /// becomes an interior pointer; other memory stays what it was.
  std::set<OriginId> advanced(const std::set<OriginId> &Os, const Expr *By) {
    std::set<OriginId> R;
    for (const OriginId &O : Os) {
      const Origin &D = Details.at(O);
      if (D.Kind == OriginKind::CHeap || D.Kind == OriginKind::New ||
          D.Kind == OriginKind::NewArray)
        R.insert(make(OriginKind::Interior, By->getBeginLoc(), spelled(By),
                      D.Kind == OriginKind::CHeap ? D.What
                      : D.Kind == OriginKind::New ? "new"
                                                  : "new[]",
                      D.Loc));
      else
        R.insert(O);
    }
    return R;
  }

  std::set<OriginId> originsOf(const Expr *E, const State &S) {
    E = stripCasts(E);
    if (const auto *C = dyn_cast<AbstractConditionalOperator>(E)) {
      std::set<OriginId> R = originsOf(C->getTrueExpr(), S);
      std::set<OriginId> F = originsOf(C->getFalseExpr(), S);
      R.insert(F.begin(), F.end());
      return R;
    }
    if (const auto *C = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *F = C->getDirectCallee();
      if (!F || !F->getIdentifier())
        return {};
      std::string Name = F->getName().str();
      if (builtinTables().find("allocators", Name))
        return {make(OriginKind::CHeap, C->getBeginLoc(), Name)};
      const auto &Stack = builtinTables().names("stack-allocators");
      if (std::find(Stack.begin(), Stack.end(), Name) != Stack.end())
        return {make(OriginKind::Alloca, C->getBeginLoc(), Name)};
      return {};
    }
    if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
      // Placement new constructs in memory it was given; `new
      // (std::nothrow)` still allocates.
      if (New->getNumPlacementArgs() > 0) {
        QualType T = New->getPlacementArg(0)->getType();
        const auto *RD = T->getAsCXXRecordDecl();
        if (!RD || RD->getName() != "nothrow_t")
          return {};
      }
      return {New->isArray() ? make(OriginKind::NewArray, New->getBeginLoc(), "new[]")
                             : make(OriginKind::New, New->getBeginLoc(), "new")};
    }
    if (isa<StringLiteral>(E))
      return {make(OriginKind::Literal, E->getBeginLoc(), "")};
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      if (D->getType()->isArrayType())
        if (auto O = storageOf(D))
          return {*O};
    if (const auto *M = dyn_cast<MemberExpr>(E))
      if (M->getType()->isArrayType())
        if (auto O = storageOf(M))
          return {*O};
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_AddrOf)
        return {};
      const Expr *Sub = U->getSubExpr()->IgnoreParenImpCasts();
      if (auto O = storageOf(Sub))
        return {*O};
      // `&p[i]` of a tracked pointer: its block, advanced unless i is 0.
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(Sub))
        if (A->getBase()->getType()->isPointerType()) {
          std::set<OriginId> R = originsOf(A->getBase(), S);
          auto I = constantValue(A->getIdx(), AST);
          return I && *I == 0 ? R : advanced(R, U);
        }
      return {};
    }
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      if ((B->getOpcode() != BO_Add && B->getOpcode() != BO_Sub) || !B->getType()->isPointerType())
        return {};
      const Expr *Ptr = B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
      const Expr *Off = Ptr == B->getLHS() ? B->getRHS() : B->getLHS();
      std::set<OriginId> R = originsOf(Ptr, S);
      auto I = constantValue(Off, AST);
      return I && *I == 0 ? R : advanced(R, B);
    }
    if (auto K = keyOf(E)) {
      auto It = S.find(*K);
      if (It != S.end())
        return It->second;
    }
    return {};
  }

  static void kill(State &S, const Key &K, bool Strictly = false) {
    for (auto It = S.begin(); It != S.end();)
      It = It->first.within(K) && !(Strictly && It->first == K) ? S.erase(It) : std::next(It);
  }

  void assign(State &S, const Key &K, std::set<OriginId> Os) {
    kill(S, K);
    if (!Os.empty())
      S[K] = std::move(Os);
  }

  /// Is \p Site under a condition comparing \p Ptr with a non-null value?
  bool discriminated(const Expr *Site, const Expr *Ptr) {
    const Stmt *Cur = Site;
    for (unsigned Depth = 0; Depth < 64; ++Depth) {
      const Stmt *P = parentStmt(Cur, AST);
      if (!P)
        return false;
      const Expr *Cond = nullptr;
      if (const auto *If = dyn_cast<IfStmt>(P))
        Cond = If->getCond() != Cur ? If->getCond() : nullptr;
      else if (const auto *C = dyn_cast<ConditionalOperator>(P))
        Cond = C->getCond() != Cur ? C->getCond() : nullptr;
      else if (const auto *B = dyn_cast<BinaryOperator>(P))
        Cond = B->isLogicalOp() && B->getRHS() == Cur ? B->getLHS() : nullptr;
      if (Cond && comparesWithNonNull(Cond, Ptr))
        return true;
      Cur = P;
    }
    return false;
  }

  bool comparesWithNonNull(const Expr *Cond, const Expr *Ptr) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
      if (B->isLogicalOp())
        return comparesWithNonNull(B->getLHS(), Ptr) || comparesWithNonNull(B->getRHS(), Ptr);
      if (B->isEqualityOp() || B->isRelationalOp()) {
        if (sameLvalue(B->getLHS(), Ptr) && !isNullConstant(B->getRHS(), AST))
          return true;
        if (sameLvalue(B->getRHS(), Ptr) && !isNullConstant(B->getLHS(), AST))
          return true;
      }
    }
    if (const auto *U = dyn_cast<UnaryOperator>(Cond))
      if (U->getOpcode() == UO_LNot)
        return comparesWithNonNull(U->getSubExpr(), Ptr);
    return false;
  }

  std::vector<Origin> details(const std::set<OriginId> &Os) const {
    std::vector<Origin> R;
    for (const OriginId &O : Os)
      R.push_back(Details.at(O));
    return R;
  }

  void release(State &S, const Expr *Site, const Expr *Ptr, std::string How, ReleaseFamily F,
               OriginFindings *Out) {
    if (Out) {
      std::set<OriginId> Os = originsOf(Ptr, S);
      if (!Os.empty())
        Out->Releases.push_back(
            {Site, Ptr, How, F, details(Os), discriminated(Site, Ptr)});
    }
    auto K = keyOf(Ptr);
    if (!K)
      return;
    if (F == ReleaseFamily::C)
      kill(S, *K); // freed twice is heap.double-free's finding
    else
      assign(S, *K, {make(OriginKind::Deleted, Site->getBeginLoc(), How)});
  }

  void use(State &S, const Expr *Ptr, SourceLocation Loc, const char *How, OriginFindings *Out) {
    auto K = keyOf(Ptr);
    if (!K)
      return;
    auto It = S.find(*K);
    if (It == S.end())
      return;
    for (auto O = It->second.begin(); O != It->second.end(); ++O)
      if (O->first == OriginKind::Deleted) {
        if (Out)
          Out->Uses.push_back({Loc, Ptr, How, Details.at(*O)});
        // One report per delete: the first use after it.
        It->second.erase(O);
        if (It->second.empty())
          S.erase(It);
        return;
      }
  }

  void transfer(const CFGBlock &B, State &S, OriginFindings *Out) {
    for (const CFGElement &El : B) {
      auto CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *St = CS->getStmt();
      if (const auto *Del = dyn_cast<CXXDeleteExpr>(St)) {
        release(S, Del, Del->getArgument(), Del->isArrayForm() ? "delete[]" : "delete",
                Del->isArrayForm() ? ReleaseFamily::DeleteArray : ReleaseFamily::Delete, Out);
        continue;
      }
      if (const auto *C = dyn_cast<CallExpr>(St)) {
        if (named(C, Deallocators)) {
          const FunctionDecl *F = C->getDirectCallee();
          std::string Name = F->getName().str();
          const TableRow *Row = builtinTables().find("deallocators", Name);
          unsigned Arg = static_cast<unsigned>(Row ? std::max(Row->index("ptr"), 0) : 0);
          if (Arg < C->getNumArgs())
            release(S, C, C->getArg(Arg), Name, ReleaseFamily::C, Out);
          continue;
        }
        const FunctionDecl *F = C->getDirectCallee();
        for (unsigned I = 0; I < C->getNumArgs(); ++I) {
          const Expr *A = C->getArg(I);
          if (isa<CXXThisExpr>(A->IgnoreParenImpCasts()))
            kill(S, Key{});
          auto K = keyOf(A);
          if (!K)
            continue;
          // A reference parameter can reassign the pointer itself; any
          // call can reassign the members of what it receives.
          bool ByReference = F && I < F->getNumParams() &&
                             F->getParamDecl(I)->getType()->isReferenceType();
          kill(S, *K, !ByReference);
        }
        // A member function of this object can reassign its fields.
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
          if (const Expr *Obj = MC->getImplicitObjectArgument())
            if (isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
              kill(S, Key{});
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(St)) {
        if (U->getOpcode() == UO_Deref) {
          use(S, U->getSubExpr(), U->getBeginLoc(), "dereferenced", Out);
        } else if (U->getOpcode() == UO_AddrOf) {
          if (auto K = keyOf(U->getSubExpr()))
            kill(S, *K);
        } else if (U->isIncrementDecrementOp() && U->getType()->isPointerType()) {
          if (auto K = keyOf(U->getSubExpr())) {
            auto It = S.find(*K);
            if (It != S.end())
              It->second = advanced(It->second, U);
          }
        }
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(St)) {
        use(S, A->getBase(), A->getBeginLoc(), "subscripted", Out);
        continue;
      }
      if (const auto *M = dyn_cast<MemberExpr>(St)) {
        if (M->isArrow())
          use(S, M->getBase(), M->getBeginLoc(), "accessed with '->'", Out);
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
        auto K = BO->isAssignmentOp() ? keyOf(BO->getLHS()) : std::nullopt;
        if (!K)
          continue;
        if (BO->getOpcode() == BO_Assign) {
          assign(S, *K, originsOf(BO->getRHS(), S));
        } else if ((BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign) &&
                   BO->getType()->isPointerType()) {
          auto I = constantValue(BO->getRHS(), AST);
          auto It = S.find(*K);
          if (It != S.end() && !(I && *I == 0))
            It->second = advanced(It->second, BO);
        } else {
          kill(S, *K);
        }
        continue;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D)) {
            if (!V->hasLocalStorage() || V->getType()->isReferenceType())
              continue;
            assign(S, Key{V, {}},
                   V->getInit() ? originsOf(V->getInit(), S) : std::set<OriginId>{});
          }
    }
  }

  ASTContext &AST;
  const SourceManager &SM;
  const std::vector<std::string> &Deallocators;
  std::map<OriginId, Origin> Details;
};

} // namespace

OriginFindings analyzePointerOrigins(const FunctionDecl *FD, ASTContext &AST,
                                     const std::vector<std::string> &Deallocators) {
  return Analysis(AST, Deallocators).run(FD);
}

std::optional<ReleaseFamily> familyOf(OriginKind K) {
  switch (K) {
  case OriginKind::CHeap:
    return ReleaseFamily::C;
  case OriginKind::New:
    return ReleaseFamily::Delete;
  case OriginKind::NewArray:
    return ReleaseFamily::DeleteArray;
  default:
    return std::nullopt;
  }
}

std::string describeOrigin(const Origin &O, const SourceManager &SM) {
  std::string Line = std::to_string(SM.getExpansionLineNumber(O.Loc));
  switch (O.Kind) {
  case OriginKind::CHeap:
  case OriginKind::New:
  case OriginKind::NewArray:
    return "allocated by '" + O.What + "' at line " + Line;
  case OriginKind::Stack:
    return "the local '" + O.What + "' (line " + Line + ")";
  case OriginKind::Static:
    return "the static '" + O.What + "' (line " + Line + ")";
  case OriginKind::Alloca:
    return "stack memory from '" + O.What + "' at line " + Line;
  case OriginKind::Literal:
    return "a string literal (line " + Line + ")";
  case OriginKind::Interior:
    return "advanced by '" + O.What + "' at line " + Line + " past the start of the block " +
           "allocated by '" + O.Block + "' at line " +
           std::to_string(SM.getExpansionLineNumber(O.BlockLoc));
  case OriginKind::Deleted:
    return "already released by '" + O.What + "' at line " + Line;
  }
  return "";
}

} // namespace carcinize::heap
