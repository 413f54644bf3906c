#include "rules/mem/UncheckedIndexRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The element count of \p Base when it is visibly a fixed array.
std::optional<uint64_t> elementCount(const Expr *Base, ASTContext &AST) {
  const Expr *E = Base->IgnoreParenImpCasts();
  if (!destinationArrayBytes(E, AST))
    return std::nullopt; // parameters, trailing one-element arrays
  if (const auto *CAT = AST.getAsConstantArrayType(E->getType()))
    return CAT->getSize().getZExtValue();
  return std::nullopt;
}

/// The variables and fields \p E reads directly. Values loaded through a
/// subscript, a dereference or a call are opaque: in `bins[samples[i]]` the
/// loop bound on `i` says nothing about the index.
void variablesOf(const Stmt *E, std::vector<const ValueDecl *> &Out) {
  if (!E || isa<ArraySubscriptExpr, CallExpr>(E))
    return;
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Deref)
    return;
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (isa<VarDecl>(D->getDecl()))
      Out.push_back(D->getDecl());
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    Out.push_back(M->getMemberDecl());
    return;
  }
  for (const Stmt *C : E->children())
    variablesOf(C, Out);
}

/// The largest value \p Idx can take by its form: `x & MASK`, `x % N`, or a
/// value of type unsigned char.
std::optional<uint64_t> maxByForm(const Expr *Idx, ASTContext &AST) {
  const Expr *E = Idx->IgnoreParenImpCasts();
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->getOpcode() == BO_And) {
      if (auto M = constantValue(B->getRHS(), AST))
        return *M;
      if (auto M = constantValue(B->getLHS(), AST))
        return *M;
    }
    if (B->getOpcode() == BO_Rem &&
        B->getLHS()->getType()->isUnsignedIntegerType())
      if (auto N = constantValue(B->getRHS(), AST); N && *N > 0)
        return *N - 1;
  }
  // Table lookups by byte (`table[(unsigned char)c]`).
  QualType T = E->getType();
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    T = C->getType();
  if (T->isUnsignedIntegerType() && AST.getTypeSize(T) == 8)
    return 255;
  return std::nullopt;
}

/// True when \p S holds a subscript of \p BaseDecl by an index that
/// mentions \p V.
bool subscriptsBy(const Stmt *S, const ValueDecl *BaseDecl,
                  const ValueDecl *V) {
  if (!S)
    return false;
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(S))
    if (referencedDecl(A->getBase()) == BaseDecl &&
        mem::mentions(A->getIdx(), V))
      return true;
  for (const Stmt *C : S->children())
    if (subscriptsBy(C, BaseDecl, V))
      return true;
  return false;
}

/// True when \p Site is in the body of a loop whose condition reads
/// `base[...V...]`: a scan up to a terminator, such as
/// `for (i = 1; argv[i] != NULL; i++)` (lua.c), bounded by the sentinel.
bool inSentinelLoop(const Stmt *Site, const ValueDecl *BaseDecl,
                    const ValueDecl *V, ASTContext &AST) {
  DynTypedNode N = DynTypedNode::create(*Site);
  for (int Depth = 0; Depth < 64; ++Depth) {
    auto Parents = AST.getParents(N);
    if (Parents.empty() || Parents[0].get<FunctionDecl>())
      return false;
    const Stmt *C = N.get<Stmt>();
    if (const auto *F = Parents[0].get<ForStmt>())
      if (C != F->getInit() && subscriptsBy(F->getCond(), BaseDecl, V))
        return true;
    if (const auto *W = Parents[0].get<WhileStmt>())
      if (subscriptsBy(W->getCond(), BaseDecl, V))
        return true;
    N = Parents[0];
  }
  return false;
}

} // namespace

RuleInfo UncheckedIndexRule::info() {
  RuleInfo I;
  I.Id = "mem.unchecked-index";
  I.Title = "Subscript with an index that is not visibly bounded";
  I.Cwe = {129, 125, 787};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "C checks no subscript: 'buf[i]' with 'i' past the end reads "
                "or writes whatever "
                "lies there. An index that no enclosing condition, loop bound "
                "or early-exit "
                "guard compares against a limit is only as safe as every "
                "caller; when it comes "
                "from input, it is an out-of-bounds read or write.";
  I.RustAlternative =
      "Slice indexing `v[i]` is bounds-checked and panics instead of "
      "corrupting "
      "memory; `v.get(i)` returns `Option<&T>` to handle the miss; iterators "
      "(`iter().enumerate()`, `zip`) avoid indexes altogether.";
  I.Precision = "medium";
  return I;
}

void UncheckedIndexRule::registerMatchers(MatchFinder &Finder) {
  // A subscript, outside unevaluated operands (sizeof a[i]).
  Finder.addMatcher(
      arraySubscriptExpr(unless(isInTemplateInstantiation()),
                         unless(hasAncestor(unaryExprOrTypeTraitExpr())))
          .bind("subscript"),
      this);
}

void UncheckedIndexRule::check(const MatchFinder::MatchResult &Result) {
  const auto *A = Result.Nodes.getNodeAs<ArraySubscriptExpr>("subscript");
  ASTContext &AST = *Result.Context;
  const SourceManager &SM = AST.getSourceManager();
  // Subscripts spelled in system headers' macros (ctype tables) are not ours.
  if (SM.isInSystemHeader(SM.getSpellingLoc(A->getExprLoc())))
    return;
  const Expr *Base = A->getBase(), *Idx = A->getIdx();
  std::optional<uint64_t> Count = elementCount(Base, AST);
  std::string BaseText =
      text(AST, Base);
  std::string IdxText = text(AST, Idx);

  // Constant indexes: only out-of-range ones into fixed arrays.
  if (!Idx->isValueDependent())
    if (auto V = Idx->getIntegerConstantExpr(AST)) {
      if (!Count)
        return;
      int64_t I = V->getSExtValue();
      // `&a[N]` is the legal one-past-the-end pointer.
      bool AddressOnly = false;
      auto Parents = AST.getParents(*A);
      if (!Parents.empty())
        if (const auto *U = Parents[0].get<UnaryOperator>())
          AddressOnly = U->getOpcode() == UO_AddrOf;
      if (I >= 0 && (static_cast<uint64_t>(I) < *Count ||
                     (AddressOnly && I == (int64_t)*Count)))
        return;
      report(AST, A->getBeginLoc(),
             "index " + std::to_string(I) + " is outside '" + BaseText + "' (" +
                 std::to_string(*Count) + " elements)");
      return;
    }

  // Bounded by its form: a mask, a remainder, a byte into a 256-entry table.
  if (auto Max = maxByForm(Idx, AST)) {
    if (!Count || *Max < *Count)
      return;
  }
  // Bounded by a condition, a loop or a guard on any variable of the index.
  // Any, not all: `a[i * w + j]` inside loops on `i` and `j` is the common,
  // safe case, and flagging it made the rule unusable on image/table code.
  std::vector<const ValueDecl *> Vars;
  variablesOf(Idx, Vars);
  const ValueDecl *BaseDecl = referencedDecl(Base);
  for (const ValueDecl *V : Vars)
    if (mem::isVisiblyBounded(V, A, AST) ||
        (BaseDecl && inSentinelLoop(A, BaseDecl, V, AST)))
      return;
  // One finding per function and subscript: `s->pending_buf[s->pending++]`
  // in each expansion of a macro, or `buf[i]` read on five lines, is one
  // unchecked index.
  std::string Msg =
      Count ? "index '" + IdxText + "' into '" + BaseText + "' (" + std::to_string(*Count) +
                  " elements) is not checked against its size"
            : "index '" + IdxText + "' into the pointer '" + BaseText +
                  "' is not checked against a bound";
  reportOncePerFunction(AST, A->getBeginLoc(), context().enclosingFunction(AST, A->getBeginLoc()),
                        {BaseText + "[" + IdxText + "]"}, Msg);
}

} // namespace carcinize
