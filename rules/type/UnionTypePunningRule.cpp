#include "rules/type/UnionTypePunningRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

#include <clang/Analysis/CFG.h>

#include <map>
#include <optional>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// Which member of each union object was last written, on every path.
/// The key names the union object: its root variable and the member path to
/// it (`s.u`, `p->u`); the root lets a write to the variable itself forget
/// everything below it.
struct UnionState {
  std::map<std::string, std::pair<const ValueDecl *, const FieldDecl *>> Last;
  bool operator==(const UnionState &O) const { return Last == O.Last; }
  void forget(const ValueDecl *Root) {
    for (auto It = Last.begin(); It != Last.end();)
      It = It->second.first == Root ? Last.erase(It) : std::next(It);
  }
  /// Keeps what both paths agree on.
  void meet(const UnionState &O) {
    for (auto It = Last.begin(); It != Last.end();) {
      auto J = O.Last.find(It->first);
      It = (J == O.Last.end() || J->second != It->second) ? Last.erase(It) : std::next(It);
    }
  }
};

/// A member access on a union object: `u.i`, `p->f`, `s.u.bytes`.
struct UnionAccess {
  std::string Key;
  const ValueDecl *Root = nullptr;
  const FieldDecl *Member = nullptr;
  const MemberExpr *Expr = nullptr;
};

/// The key of the object expression \p E (a variable, or members of one), or
/// none when it is anything else (a call, an array element with a variable
/// index...).
std::optional<std::pair<std::string, const ValueDecl *>> objectKey(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      return std::make_pair(std::to_string(reinterpret_cast<uintptr_t>(V)), (const ValueDecl *)V);
  if (const auto *M = dyn_cast<MemberExpr>(E))
    if (auto Base = objectKey(M->getBase()))
      return std::make_pair(Base->first + (M->isArrow() ? "->" : ".") +
                                M->getMemberDecl()->getNameAsString(),
                            Base->second);
  return std::nullopt;
}

/// \p E as a union member access, through array subscripts on the member
/// (`u.words[1]` accesses member 'words').
std::optional<UnionAccess> unionAccess(const Expr *E) {
  E = E->IgnoreParens();
  while (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    E = A->getBase()->IgnoreParenImpCasts();
  const auto *M = dyn_cast<MemberExpr>(E);
  if (!M)
    return std::nullopt;
  const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
  if (!FD || !FD->getParent()->isUnion())
    return std::nullopt;
  auto Base = objectKey(M->getBase());
  if (!Base)
    return std::nullopt;
  std::string Key = Base->first + (M->isArrow() ? "->" : ".");
  return UnionAccess{Key, Base->second, FD, M};
}

/// The root variable \p E designates or whose address it is, if any.
const ValueDecl *rootOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  while (true) {
    if (const auto *M = dyn_cast<MemberExpr>(E))
      E = M->getBase()->IgnoreParenImpCasts();
    else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      E = A->getBase()->IgnoreParenImpCasts();
    else
      break;
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl();
  return nullptr;
}

/// Whether two members hold different, non-byte types: reading one as the
/// other reinterprets its bytes.
bool punnedTypes(const FieldDecl *A, const FieldDecl *B, ASTContext &Ctx) {
  QualType TA = A->getType().getCanonicalType(), TB = B->getType().getCanonicalType();
  if (Ctx.hasSameUnqualifiedType(TA, TB))
    return false;
  // `int32_t` and `uint32_t` members hold the same bits (C11 6.5p7).
  if (TA->isIntegerType() && TB->isIntegerType() && !TA->isBooleanType() &&
      !TB->isBooleanType() && Ctx.getIntWidth(TA) == Ctx.getIntWidth(TB))
    return false;
  auto Elem = [&](QualType T) {
    while (const ArrayType *AT = Ctx.getAsArrayType(T))
      T = AT->getElementType();
    return T;
  };
  return !isByteType(Elem(TA)) && !isByteType(Elem(TB));
}

/// Walks the statements of one CFG element in evaluation order, updating
/// \p S; calls \p OnRead for each read of a union member.
template <typename ReadFn> class Walker {
public:
  Walker(UnionState &S, ReadFn OnRead) : S(S), OnRead(OnRead) {}

  void walk(const Stmt *St) {
    if (!St)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (const Expr *Init = V->getInit()) {
            walk(Init);
            // `union u x = {.f = 1.0f};` writes member 'f'.
            if (const auto *IL = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts()))
              if (const FieldDecl *F = IL->getInitializedFieldInUnion())
                S.Last[std::to_string(reinterpret_cast<uintptr_t>(V)) + "."] = {V, F};
          }
      return;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(St); B && B->isAssignmentOp()) {
      walk(B->getRHS());
      write(B->getLHS());
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(St)) {
      if (U->isIncrementDecrementOp()) {
        write(U->getSubExpr());
        return;
      }
      // `&u` or `&u.i` escapes: anything may be written through it.
      if (U->getOpcode() == UO_AddrOf) {
        if (const ValueDecl *R = rootOf(U->getSubExpr()))
          S.forget(R);
        walkChildren(U->getSubExpr());
        return;
      }
    }
    if (const auto *C = dyn_cast<CallExpr>(St)) {
      // A pointer passed to a function may be written through.
      for (const Expr *A : C->arguments())
        if (A->getType()->isPointerType())
          if (const ValueDecl *R = rootOf(A))
            S.forget(R);
    }
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(St); IC && IC->getCastKind() == CK_LValueToRValue)
      if (auto Acc = unionAccess(IC->getSubExpr())) {
        walkChildren(IC->getSubExpr());
        auto It = S.Last.find(Acc->Key);
        if (It != S.Last.end())
          OnRead(*Acc, It->second.second);
        return;
      }
    walkChildren(St);
  }

private:
  void walkChildren(const Stmt *St) {
    for (const Stmt *C : St->children())
      walk(C);
  }
  void write(const Expr *LHS) {
    if (auto Acc = unionAccess(LHS)) {
      walkChildren(Acc->Expr->getBase());
      S.Last[Acc->Key] = {Acc->Root, Acc->Member};
      return;
    }
    // A write to a variable (or to a struct that holds the union) forgets
    // what we knew about the unions inside it.
    if (const ValueDecl *R = rootOf(LHS))
      S.forget(R);
    walk(LHS);
  }

  UnionState &S;
  ReadFn OnRead;
};

} // namespace

RuleInfo UnionTypePunningRule::info() {
  RuleInfo I;
  I.Id = "type.union-type-punning";
  I.Title = "Union member read after another member of a different type was written";
  I.Cwe = {843, 188};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "Reading a union member other than the one last written reinterprets the stored bytes "
      "as another type: in C++ it is undefined behaviour, in C the result depends on "
      "representation, size and endianness (CWE-188), and when the union is a hand-made "
      "variant it is type confusion. The rule follows each function's control-flow graph and "
      "flags a read only when, on every path to it, a member of a different type was the "
      "last one written; members of byte type ('char', 'unsigned char' arrays) are not "
      "flagged, nor are reads through a union whose address escaped to a call.";
  I.RustAlternative =
      "A Rust `enum` carries its tag and `match` only gives access to the variant that is "
      "there; to reinterpret bytes, `f32::to_bits`/`from_bits`, `u32::from_le_bytes` and "
      "`bytemuck` are explicit and checked. Rust `union`s exist but reading a field is "
      "`unsafe`.";
  I.Precision = "medium";
  I.BuildsOn = "clang::CFG";
  return I;
}

void UnionTypePunningRule::registerMatchers(MatchFinder &Finder) {
  // Every function body, analysed as a whole in check().
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                 unless(isTemplateInstantiation()))
                        .bind("fn"),
                    this);
}

void UnionTypePunningRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  if (FD->isDependentContext())
    return;
  CFG::BuildOptions Opts;
  std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &AST, Opts);
  if (!G)
    return;

  // Forward must-analysis: a block's entry state is the meet of its
  // predecessors' exit states (unvisited ones are ignored: optimistic start,
  // iterated to a fixed point).
  std::vector<std::optional<UnionState>> Out(G->getNumBlockIDs());
  auto Entry = [&](const CFGBlock *B) {
    std::optional<UnionState> In;
    for (const auto &P : B->preds()) {
      if (!P || !Out[P->getBlockID()])
        continue;
      if (!In)
        In = *Out[P->getBlockID()];
      else
        In->meet(*Out[P->getBlockID()]);
    }
    return In.value_or(UnionState{});
  };
  auto NoRead = [](const UnionAccess &, const FieldDecl *) {};
  // Iterate over the blocks until no exit state changes (bounded).
  bool Changed = true;
  for (int Round = 0; Changed && Round < 20; ++Round) {
    Changed = false;
    for (const CFGBlock *B : *G) {
      UnionState S = Entry(B);
      Walker<decltype(NoRead)> W(S, NoRead);
      for (const CFGElement &E : *B)
        if (auto CS = E.getAs<CFGStmt>())
          W.walk(CS->getStmt());
      if (!Out[B->getBlockID()] || !(*Out[B->getBlockID()] == S)) {
        Out[B->getBlockID()] = S;
        Changed = true;
      }
    }
  }

  auto OnRead = [&](const UnionAccess &Acc, const FieldDecl *Written) {
    if (Written == Acc.Member || !punnedTypes(Written, Acc.Member, AST))
      return;
    SourceLocation Loc = Acc.Expr->getMemberLoc();
    unsigned Off = AST.getSourceManager().getFileOffset(AST.getSourceManager().getExpansionLoc(Loc));
    if (!Reported.insert(Off).second)
      return;
    std::string Obj = text(AST, Acc.Expr->getBase()->getSourceRange()) +
                      (Acc.Expr->isArrow() ? "->" : ".");
    report(AST, Acc.Expr->getBeginLoc(),
           "'" + Obj + Acc.Member->getNameAsString() + "' ('" +
               typeName(Acc.Member->getType(), AST) + "') is read after '" + Obj +
               Written->getNameAsString() + "' ('" + typeName(Written->getType(), AST) +
               "') was written");
  };
  for (const CFGBlock *B : *G) {
    UnionState S = Entry(B);
    Walker<decltype(OnRead)> W(S, OnRead);
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        W.walk(CS->getStmt());
  }
}

} // namespace carcinize
