#include "frontend/FlowSummary.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <llvm/ADT/DenseMap.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace clang;

namespace carcinize {

namespace {

using OriginSet = std::set<ValueOrigin>;

const VarDecl *varOf(const Expr *E) {
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      return V->getCanonicalDecl();
  return nullptr;
}

// A parameter through which the callee may write: a pointer to non-const
// memory or a non-const reference. Passing a buffer to `strlen` or a
// `const` handle fills nothing (and keeps the facts small).
bool mayWriteThrough(QualType T) {
  if (T.isNull())
    return false;
  T = T.getCanonicalType();
  if (const auto *P = T->getAs<PointerType>())
    return !P->getPointeeType().isConstQualified() && !P->getPointeeType()->isFunctionType();
  if (const auto *R = T->getAs<LValueReferenceType>())
    return !R->getPointeeType().isConstQualified();
  return false;
}

// The arguments of a call as the callee's parameters see them, with the
// type of the parameter each one binds to (null for variadic arguments).
struct CallArgs {
  std::vector<const Expr *> Args;
  std::vector<QualType> Params;
};

CallArgs argsOf(const Expr *Call) {
  CallArgs Out;
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    unsigned Skip = 0;
    const FunctionProtoType *Proto = nullptr;
    const FunctionDecl *FD = CE->getDirectCallee();
    // A member operator's object is its first argument but no parameter.
    if (isa<CXXOperatorCallExpr>(CE) && FD && isa<CXXMethodDecl>(FD))
      Skip = 1;
    if (!FD) {
      QualType T = CE->getCallee()->getType();
      if (const auto *P = T->getAs<PointerType>())
        T = P->getPointeeType();
      Proto = T->getAs<FunctionProtoType>();
    }
    for (unsigned I = Skip; I < CE->getNumArgs(); ++I) {
      unsigned P = I - Skip;
      Out.Args.push_back(CE->getArg(I));
      if (FD && P < FD->getNumParams())
        Out.Params.push_back(FD->getParamDecl(P)->getType());
      else if (Proto && P < Proto->getNumParams())
        Out.Params.push_back(Proto->getParamType(P));
      else
        Out.Params.push_back(CE->getArg(I)->getType()); // variadic: as passed
    }
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(Call)) {
    const CXXConstructorDecl *Ctor = CC->getConstructor();
    for (unsigned I = 0; I < CC->getNumArgs(); ++I) {
      Out.Args.push_back(CC->getArg(I));
      Out.Params.push_back(Ctor && I < Ctor->getNumParams() ? Ctor->getParamDecl(I)->getType()
                                                            : CC->getArg(I)->getType());
    }
  }
  return Out;
}

class Flow {
public:
  Flow(const FunctionDecl &FD, const std::vector<const Expr *> &Calls) : Calls(Calls) {
    for (unsigned I = 0; I < Calls.size(); ++I)
      CallIndex[Calls[I]] = I;
    for (unsigned I = 0; I < FD.getNumParams(); ++I) {
      const VarDecl *P = FD.getParamDecl(I)->getCanonicalDecl();
      Params.push_back(P);
      Values[P].insert({ValueOrigin::Param, I, 0});
      // Writes through a pointer or reference parameter reach the caller;
      // writes into a struct passed by value do not.
      if (P->getType()->isPointerType() || P->getType()->isReferenceType())
        Points[P].insert(I);
    }
  }

  /// How an assignment changes a variable.
  enum class Into {
    Variable, ///< `v = e`: its value (and, for a pointer, where it points)
    Data,     ///< `v->buf[i] = e`: data stored in memory it reaches
    State,    ///< `v->count = e`: a scalar stored there (read back, not handed back)
  };

  void addAssign(const VarDecl *V, const Expr *Rhs, Into How) {
    Assigns.push_back({V, Rhs, How});
  }

  // An assignment to \p Lhs: to a variable, or into memory reached from
  // variables (`p->len = n`, `buf[i] = c`, `*out = v`).
  void assignTo(const Expr *Lhs, const Expr *Rhs) {
    if (const VarDecl *V = varOf(Lhs->IgnoreParenImpCasts())) {
      addAssign(V, Rhs, Into::Variable);
      return;
    }
    Into How = storesData(Lhs->getType()) ? Into::Data : Into::State;
    for (const VarDecl *V : basesOf(Lhs))
      addAssign(V, Rhs, How);
  }

  // What a caller gets back through memory it passed: bytes, pointers
  // (to bytes, or a struct of them) and whole structs, not scalars. A count
  // or an id stored in a handle is state (`query->qid = id`,
  // `png_ptr->chunk_name = ...`); counting it as data made every caller of
  // c-ares' random query ids, and of libpng's chunk reader, a reader.
  static bool storesData(QualType T) {
    T = T.getCanonicalType();
    if (T->isPointerType() || T->isArrayType() || T->isRecordType())
      return true;
    return T->isCharType(); // char, signed char, unsigned char
  }

  // What call \p K may write through its pointer arguments.
  void callWrites(unsigned K) {
    CallArgs A = argsOf(Calls[K]);
    for (unsigned J = 0; J < A.Args.size(); ++J) {
      if (!mayWriteThrough(A.Params[J]))
        continue;
      for (const VarDecl *V : basesOf(A.Args[J])) {
        ValueOrigin O{ValueOrigin::Written, K, J};
        Values[V].insert(O);
        Writes[V].insert(O);
      }
    }
  }

  void addReturn(const Expr *E) { Returns.push_back(E); }

  // Variables reached by a pointer or lvalue expression: the buffer of
  // `buf + off`, `&hdr`, `s->data`, `p[2]`, `(char *)q`.
  std::vector<const VarDecl *> basesOf(const Expr *E) const {
    std::vector<const VarDecl *> Out;
    std::vector<const Expr *> Work = {E};
    while (!Work.empty()) {
      const Expr *X = Work.back()->IgnoreParens();
      Work.pop_back();
      if (const VarDecl *V = varOf(X)) {
        Out.push_back(V);
      } else if (const auto *C = dyn_cast<CastExpr>(X)) {
        Work.push_back(C->getSubExpr());
      } else if (const auto *U = dyn_cast<UnaryOperator>(X)) {
        Work.push_back(U->getSubExpr());
      } else if (const auto *M = dyn_cast<MemberExpr>(X)) {
        Work.push_back(M->getBase());
      } else if (const auto *S = dyn_cast<ArraySubscriptExpr>(X)) {
        Work.push_back(S->getBase());
      } else if (const auto *B = dyn_cast<BinaryOperator>(X)) {
        if (B->getOpcode() == BO_Comma)
          Work.push_back(B->getRHS());
        else if (B->isAssignmentOp())
          Work.push_back(B->getLHS());
        else if (B->isAdditiveOp())
          for (const Expr *Side : {B->getLHS(), B->getRHS()})
            if (Side->getType()->isPointerType() || Side->getType()->isArrayType())
              Work.push_back(Side);
      } else if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(X)) {
        Work.push_back(Cond->getTrueExpr());
        Work.push_back(Cond->getFalseExpr());
      }
    }
    return Out;
  }

  // The origins of the value of \p E with the current variable origins.
  // With \p Intern, a variable holding more than a few origins is named by
  // its value set (`vN`): a handle passed to every call of a long function
  // would otherwise repeat all of its origins in each argument.
  OriginSet originsOf(const Expr *E,
                      const std::function<unsigned(const OriginSet &)> *Intern = nullptr) const {
    OriginSet Out;
    std::vector<const Stmt *> Work = {E};
    while (!Work.empty()) {
      const Stmt *S = Work.back();
      Work.pop_back();
      const auto *X = dyn_cast_or_null<Expr>(S);
      if (!X)
        continue;
      X = X->IgnoreParens();
      auto Call = CallIndex.find(X);
      if (Call != CallIndex.end()) {
        Out.insert({ValueOrigin::Result, Call->second, 0});
        continue;
      }
      if (const VarDecl *V = varOf(X)) {
        auto It = Values.find(V);
        if (It == Values.end())
          continue;
        if (Intern && It->second.size() > 2)
          Out.insert({ValueOrigin::Value, (*Intern)(It->second), 0});
        else
          Out.insert(It->second.begin(), It->second.end());
        continue;
      }
      // Sizes, comparisons and truth values are not the data.
      if (isa<UnaryExprOrTypeTraitExpr>(X) || isa<LambdaExpr>(X) || isa<StmtExpr>(X))
        continue;
      if (const auto *B = dyn_cast<BinaryOperator>(X)) {
        if (B->isComparisonOp() || B->isLogicalOp())
          continue;
        if (B->getOpcode() == BO_Comma) {
          Work.push_back(B->getRHS());
          continue;
        }
      }
      if (const auto *U = dyn_cast<UnaryOperator>(X))
        if (U->getOpcode() == UO_LNot)
          continue;
      if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(X)) {
        Work.push_back(Cond->getTrueExpr());
        Work.push_back(Cond->getFalseExpr());
        continue;
      }
      for (const Stmt *Child : X->children())
        Work.push_back(Child);
    }
    return Out;
  }

  void solve() {
    // Each round can only add origins; a chain of N copies needs N rounds.
    // The cap bounds pathological generated code (the result is then an
    // under-approximation, never a crash).
    for (unsigned Round = 0; Round < 64; ++Round) {
      bool Changed = false;
      for (const auto &A : Assigns) {
        OriginSet O = originsOf(A.Rhs);
        auto &Into = Values[A.Var];
        size_t Before = Into.size();
        Into.insert(O.begin(), O.end());
        Changed = Changed || Into.size() != Before;
        if (A.How == Into::Data)
          Writes[A.Var].insert(O.begin(), O.end());
        if (A.How != Into::Variable)
          continue;
        // Which parameters' memory a pointer variable reaches: through
        // copies and arithmetic of pointers (`state = strm->state`,
        // `p = data + off`), not through what was stored into it.
        if (!A.Var->getType()->isPointerType() && !A.Var->getType()->isReferenceType())
          continue;
        auto &Reach = Points[A.Var];
        size_t Had = Reach.size();
        for (const VarDecl *B : basesOf(A.Rhs)) {
          auto It = Points.find(B);
          if (It != Points.end())
            Reach.insert(It->second.begin(), It->second.end());
        }
        Changed = Changed || Reach.size() != Had;
      }
      if (!Changed)
        break;
    }
  }

  FlowSummary result(const SourceManager &SM, const std::vector<const Stmt *> &Loops) const {
    FlowSummary R;
    R.Args.resize(Calls.size());
    // Where each call ends (its arguments, nested calls included, are
    // evaluated before), as a rank; and its outermost loop, numbered.
    std::vector<unsigned> End(Calls.size());
    for (unsigned K = 0; K < Calls.size(); ++K)
      End[K] = SM.getFileOffset(SM.getExpansionRange(Calls[K]->getEndLoc()).getEnd());
    std::vector<unsigned> Sorted = End;
    std::sort(Sorted.begin(), Sorted.end());
    Sorted.erase(std::unique(Sorted.begin(), Sorted.end()), Sorted.end());
    std::map<const Stmt *, unsigned> LoopIds;
    for (unsigned K = 0; K < Calls.size(); ++K) {
      R.Order.push_back(static_cast<unsigned>(
          std::lower_bound(Sorted.begin(), Sorted.end(), End[K]) - Sorted.begin()));
      const Stmt *L = K < Loops.size() ? Loops[K] : nullptr;
      unsigned Id = 0;
      if (L)
        Id = LoopIds.emplace(L, static_cast<unsigned>(LoopIds.size() + 1)).first->second;
      R.Loop.push_back(Id);
    }
    std::map<OriginSet, unsigned> Interned;
    std::function<unsigned(const OriginSet &)> Intern = [&](const OriginSet &O) {
      auto It = Interned.find(O);
      if (It != Interned.end())
        return It->second;
      unsigned N = static_cast<unsigned>(R.Values.size());
      R.Values.push_back(formatValueOrigins({O.begin(), O.end()}));
      Interned.emplace(O, N);
      return N;
    };
    for (unsigned K = 0; K < Calls.size(); ++K) {
      CallArgs A = argsOf(Calls[K]);
      std::vector<ValueOrigins> Args;
      bool Any = false;
      for (const Expr *Arg : A.Args) {
        OriginSet O = originsOf(Arg, &Intern);
        Args.push_back(formatValueOrigins({O.begin(), O.end()}));
        Any = Any || !Args.back().empty();
      }
      if (Any)
        R.Args[K] = std::move(Args);
    }
    OriginSet Ret;
    for (const Expr *E : Returns) {
      OriginSet O = originsOf(E);
      Ret.insert(O.begin(), O.end());
    }
    R.Return = formatValueOrigins({Ret.begin(), Ret.end()});
    // Memory a parameter points to: written through the parameter or
    // through any pointer derived from it (`state = strm->state;
    // state->have = n` writes into what `strm` reaches).
    std::vector<OriginSet> Out(Params.size());
    bool AnyOut = false;
    for (const auto &[V, W] : Writes) {
      auto It = Points.find(V);
      if (W.empty() || It == Points.end())
        continue;
      for (unsigned P : It->second)
        if (P < Params.size())
          for (const ValueOrigin &X : W)
            if (!(X.K == ValueOrigin::Param && X.Index == P))
              Out[P].insert(X);
    }
    for (const auto &O : Out)
      AnyOut = AnyOut || !O.empty();
    if (AnyOut)
      for (const auto &O : Out)
        R.Out.push_back(formatValueOrigins({O.begin(), O.end()}));
    return R;
  }

private:
  struct Assign {
    const VarDecl *Var;
    const Expr *Rhs;
    Into How;
  };
  const std::vector<const Expr *> &Calls;
  llvm::DenseMap<const Expr *, unsigned> CallIndex;
  std::vector<const VarDecl *> Params;
  std::map<const VarDecl *, OriginSet> Values, Writes;
  /// Pointer variables: the parameters whose memory they point into.
  std::map<const VarDecl *, std::set<unsigned>> Points;
  std::vector<Assign> Assigns;
  std::vector<const Expr *> Returns;
};

// Collects the assignments, returns and calls of a body.
class FlowCollector : public RecursiveASTVisitor<FlowCollector> {
public:
  FlowCollector(Flow &F, const llvm::DenseMap<const Expr *, unsigned> &CallIndex)
      : F(F), CallIndex(CallIndex) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitVarDecl(VarDecl *V) {
    if (V->hasInit() && !isa<ParmVarDecl>(V))
      F.addAssign(V->getCanonicalDecl(), V->getInit(), Flow::Into::Variable);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      F.assignTo(B->getLHS(), B->getRHS());
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    if (R->getRetValue())
      F.addReturn(R->getRetValue());
    return true;
  }
  bool VisitCallExpr(CallExpr *C) {
    note(C);
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *C) {
    note(C);
    return true;
  }

private:
  void note(const Expr *C) {
    auto It = CallIndex.find(C);
    if (It != CallIndex.end())
      F.callWrites(It->second);
  }
  Flow &F;
  const llvm::DenseMap<const Expr *, unsigned> &CallIndex;
};

} // namespace

FlowSummary summarizeFlow(const FunctionDecl &FD, ASTContext &Ctx,
                          const std::vector<const Expr *> &Calls,
                          const std::vector<const Stmt *> &Loops) {
  Flow F(FD, Calls);
  llvm::DenseMap<const Expr *, unsigned> Index;
  for (unsigned I = 0; I < Calls.size(); ++I)
    Index[Calls[I]] = I;
  FlowCollector C(F, Index);
  if (Stmt *Body = FD.getBody())
    C.TraverseStmt(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten())
        C.TraverseStmt(Init->getInit());
  F.solve();
  return F.result(Ctx.getSourceManager(), Loops);
}

} // namespace carcinize
