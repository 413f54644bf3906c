#include "rules/mem/PointerArithmeticRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/AST/ParentMapContext.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The full statement \p E belongs to: the outermost expression (or the
/// declaration statement) around it, so that `*d++ = *s++` is one site.
const void *statementOf(const Expr *E, ASTContext &AST) {
  DynTypedNode N = DynTypedNode::create(*E);
  for (int Depth = 0; Depth < 64; ++Depth) {
    auto Parents = AST.getParents(N);
    if (Parents.empty())
      break;
    DynTypedNode P = Parents[0];
    if (P.get<Expr>() || P.get<VarDecl>()) {
      N = P;
      continue;
    }
    if (const auto *DS = P.get<DeclStmt>())
      return DS;
    break;
  }
  return N.getMemoizationData();
}

/// The pointer operand of an arithmetic operation.
const Expr *pointerOperand(const Expr *Op) {
  if (const auto *U = dyn_cast<UnaryOperator>(Op))
    return U->getSubExpr();
  if (const auto *B = dyn_cast<BinaryOperator>(Op))
    return B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS();
  return nullptr;
}



} // namespace

RuleInfo PointerArithmeticRule::info() {
  RuleInfo I;
  I.Id = "mem.pointer-arithmetic";
  I.Title = "Arithmetic on raw pointers";
  I.Cwe = {823, 468};
  I.DefaultSeverity = Severity::Low;
  I.Rationale =
      "A pointer moved by arithmetic carries no bound: nothing checks that 'p "
      "+ n' "
      "or 'p++' stays inside the object it started in, and an off-by-one or a "
      "wrong "
      "scale silently reads or writes a neighbouring object. Code full of it "
      "is where "
      "bounds bugs live, and what a rewrite turns into indexes on slices.";
  I.RustAlternative =
      "Slices and iterators: `for b in buf.iter()`, `buf[i..]`, "
      "`split_at`, `chunks`, `windows`; `get(i)` returns `Option` instead of "
      "walking off the end. Raw pointer `add`/`offset` stays in `unsafe`.";
  I.Precision = "low";
  // Clang's UnsafeBufferUsage analysis (checkUnsafeBufferUsage) was tried
  // for C++: run outside Sema it crashed on ordinary C++ (a class hierarchy
  // with lambdas in fixtures/projects/nocdb_cpp), so matchers serve both.
  I.BuildsOn = "AST matchers over C and C++ (pointer +, -, +=, -=, ++, --)";
  return I;
}

void PointerArithmeticRule::registerMatchers(MatchFinder &Finder) {
  auto Pointer = hasType(hasCanonicalType(pointerType()));
  auto NotInstantiated = unless(isInTemplateInstantiation());
  // p + n, n + p, p - n (p - q is an integer and not matched).
  Finder.addMatcher(
      binaryOperator(hasAnyOperatorName("+", "-"), Pointer, NotInstantiated)
          .bind("op"),
      this);
  // p += n, p -= n.
  Finder.addMatcher(binaryOperator(hasAnyOperatorName("+=", "-="),
                                   hasLHS(Pointer), NotInstantiated)
                        .bind("op"),
                    this);
  // p++, ++p, p--, --p.
  Finder.addMatcher(unaryOperator(hasAnyOperatorName("++", "--"),
                                  hasUnaryOperand(Pointer), NotInstantiated)
                        .bind("op"),
                    this);
}

void PointerArithmeticRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  record(Result.Nodes.getNodeAs<Expr>("op"), AST);
}

void PointerArithmeticRule::record(const Expr *Op, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  // Arithmetic spelled in a system header's macro is not the project's.
  if (SM.isInSystemHeader(SM.getSpellingLoc(Op->getExprLoc())))
    return;
  const Expr *P = pointerOperand(Op);
  if (!P || P->getType()->isFunctionPointerType())
    return;
  // Arithmetic spelled in a macro body (lua's `RA(i)` is `base + GETARG_A(i)`)
  // is one site per function and macro spelling, not one per expansion:
  // otherwise luaV_execute alone gave hundreds of findings.
  size_t Index = Sites.size();
  bool FromMacro =
      Op->getExprLoc().isMacroID() && SM.isMacroBodyExpansion(Op->getExprLoc());
  if (FromMacro) {
    const FunctionDecl *FD = context().enclosingFunction(AST, Op->getExprLoc());
    unsigned Spelling = SM.getSpellingLoc(Op->getExprLoc()).getRawEncoding();
    Index = SiteOfMacroSpelling.emplace(std::make_pair(FD, Spelling), Index)
                .first->second;
  } else {
    Index = SiteOfStatement.emplace(statementOf(Op, AST), Index).first->second;
  }
  if (Index == Sites.size())
    Sites.push_back({{}, FromMacro});
  Site &S = Sites[Index];
  if (std::find(S.Ops.begin(), S.Ops.end(), Op) == S.Ops.end())
    S.Ops.push_back(Op);
}

void PointerArithmeticRule::onEndOfTranslationUnit(ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  for (Site &S : Sites)
    std::sort(S.Ops.begin(), S.Ops.end(), [&](const Expr *A, const Expr *B) {
      return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
    });
  // Sites in source order, so that the first site of a pointer in a function
  // carries its finding.
  std::stable_sort(Sites.begin(), Sites.end(), [&](const Site &A, const Site &B) {
    return SM.isBeforeInTranslationUnit(A.Ops.front()->getBeginLoc(),
                                        B.Ops.front()->getBeginLoc());
  });
  for (Site &S : Sites) {
    const Expr *First = S.Ops.front();
    std::string Msg =
        "'" + text(AST, First) +
        "' moves the raw pointer '" +
        text(AST, pointerOperand(First)) +
        "' with no bound";
    if (S.Ops.size() > 1)
      Msg +=
          " (and " + std::to_string(S.Ops.size() - 1) +
          (S.FromMacro ? " more expansions of the same macro in this function)"
                       : " more in this statement)");
    // One finding per function and pointer: `p++` on every line of a parser
    // loop is one fact, that 'p' walks memory with no bound.
    std::vector<std::string> Keys;
    for (const Expr *Op : S.Ops) {
      std::string K = text(AST, pointerOperand(Op)->IgnoreParenImpCasts());
      if (std::find(Keys.begin(), Keys.end(), K) == Keys.end())
        Keys.push_back(K);
    }
    reportOncePerFunction(AST, First->getExprLoc(),
                          context().enclosingFunction(AST, First->getExprLoc()), Keys, Msg);
  }
}

} // namespace carcinize
