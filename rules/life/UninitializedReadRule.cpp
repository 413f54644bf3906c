#include "rules/life/UninitializedReadRule.h"

#include "rules/RuleUtils.h"
#include "rules/life/LifeUtils.h"

#include <clang/AST/EvaluatedExprVisitor.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Lex/Lexer.h>
#include <clang/Analysis/Analyses/UninitializedValues.h>
#include <clang/Analysis/AnalysisDeclContext.h>
#include <clang/Analysis/CFG.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

UninitializedReadRule::UninitializedReadRule(const RuleInfo &I, RuleContext &C, Severity S,
                                             RuleOptions O)
    : Rule(I, C, S, std::move(O)) {
  for (const std::string &V : option("conditional"))
    ReportMaybe = V == "true" || V == "yes" || V == "1";
}

RuleInfo UninitializedReadRule::info() {
  RuleInfo I;
  I.Id = "life.uninitialized-read";
  I.Title = "Local variable read before it is assigned on some path";
  I.Cwe = {457, 908};
  I.DefaultSeverity = Severity::High;
  I.Rationale =
      "A local without an initializer holds whatever the stack held before. Reading it "
      "gives unpredictable values that change with the optimizer and the caller, leaks "
      "old stack contents, and, when the value is a pointer, a size or an index, becomes "
      "an out-of-bounds access. The missing assignment is usually on one rarely taken "
      "path (an unhandled switch case, an error branch), so tests miss it.";
  I.RustAlternative =
      "Rust rejects any read of a binding that is not definitely initialized on every "
      "path (\"used binding is possibly-uninitialized\"). Initialize at the declaration, "
      "compute the value with an expression (`let x = match kind { ... };`, `if`/`else` "
      "as an expression), use `Option<T>` for 'not yet known', and `MaybeUninit<T>` only "
      "in unsafe code that proves the write.";
  I.Precision = "high";
  I.Options = {{"conditional",
                "Set to [true] to also report uses that are only possibly uninitialized, as "
                "clang's -Wconditional-uninitialized does (off by default: on real code most "
                "are reads guarded by a flag or a short-circuit test the analysis cannot "
                "follow)."}};
  I.BuildsOn = "Clang's UninitializedValues analysis (runUninitializedVariablesAnalysis, "
               "behind -Wuninitialized, -Wsometimes-uninitialized and "
               "-Wconditional-uninitialized), over a CFG built with the options Sema uses";
  return I;
}

namespace {

/// True when \p Needle occurs in an evaluated part of \p Init (`int x = x + 1`).
class ContainsRef : public ConstEvaluatedExprVisitor<ContainsRef> {
public:
  ContainsRef(const ASTContext &Ctx, const DeclRefExpr *Needle)
      : ConstEvaluatedExprVisitor(Ctx), Needle(Needle) {}
  void VisitDeclRefExpr(const DeclRefExpr *E) {
    if (E == Needle)
      Found = true;
  }
  bool Found = false;

private:
  const DeclRefExpr *Needle;
};

/// Collects the analysis' reports per variable, as Sema's
/// UninitValsDiagReporter does, so that only the first, most certain use of
/// each variable is reported.
class Collector : public UninitVariablesHandler {
public:
  struct Uses {
    std::vector<UninitUse> Plain, ConstRef;
    bool SelfInit = false;
  };
  void handleUseOfUninitVariable(const VarDecl *VD, const UninitUse &Use) override {
    of(VD).Plain.push_back(Use);
  }
  void handleConstRefUseOfUninitVariable(const VarDecl *VD, const UninitUse &Use) override {
    of(VD).ConstRef.push_back(Use);
  }
  void handleSelfInit(const VarDecl *VD) override { of(VD).SelfInit = true; }

  std::vector<std::pair<const VarDecl *, Uses>> ByVar;

private:
  Uses &of(const VarDecl *VD) {
    for (auto &P : ByVar)
      if (P.first == VD)
        return P.second;
    ByVar.push_back({VD, {}});
    return ByVar.back().second;
  }
};

/// A phrase for the branch that leads to a sometimes-uninitialized use, as
/// -Wsometimes-uninitialized words it ("the 'if' condition at line 12 is false").
std::string branchPhrase(const UninitUse::Branch &B, const SourceManager &SM) {
  const Stmt *T = B.Terminator;
  if (!T)
    return "";
  auto At = [&](const Stmt *S) {
    return " at line " + std::to_string(life::lineOf(SM, S->getBeginLoc()));
  };
  std::string TF = B.Output ? "false" : "true";
  if (isa<IfStmt>(T))
    return "the 'if' condition" + At(T) + " is " + TF;
  if (isa<ConditionalOperator>(T))
    return "the '?:' condition" + At(T) + " is " + TF;
  if (const auto *BO = dyn_cast<BinaryOperator>(T))
    if (BO->isLogicalOp())
      return "the left side of '" + BO->getOpcodeStr().str() + "'" + At(T) + " is " + TF;
  if (isa<WhileStmt>(T))
    return "the 'while' loop" + At(T) + " " + (B.Output ? "is not entered" : "is entered");
  if (isa<ForStmt>(T))
    return "the 'for' loop" + At(T) + " " + (B.Output ? "is not entered" : "is entered");
  if (isa<CXXForRangeStmt>(T) && !B.Output)
    return "the range-for loop" + At(T) + " is entered";
  if (isa<DoStmt>(T))
    return "the 'do' condition" + At(T) + " is " + TF;
  if (isa<CaseStmt>(T) || isa<DefaultStmt>(T))
    return "the switch takes the '" +
           std::string(isa<DefaultStmt>(T) ? "default" : "case") + "' label" + At(T);
  return "";
}

/// Counts the references to \p VD in an AST subtree.
class RefCounter : public RecursiveASTVisitor<RefCounter> {
public:
  explicit RefCounter(const VarDecl *VD) : VD(VD) {}
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    Count += E->getDecl() == VD;
    return true;
  }
  bool shouldVisitTemplateInstantiations() const { return true; }
  unsigned Count = 0;

private:
  const VarDecl *VD;
};

/// After an error Clang may leave statements out of the AST: after a fatal
/// one (a header not found, the error limit reached) every statement with
/// an error is dropped, `rc = LDAP_INVALID_SYNTAX;` and `for (attr =
/// ldap_first_attribute(...); ...)` among them, and the variable they
/// assign reads as never assigned. When the translation unit had errors and
/// the function's text names \p VD more often than its AST refers to it
/// (the declaration counted), an assignment may have been lost: nothing is
/// reported for \p VD.
bool mentionsLostByErrors(ASTContext &AST, const FunctionDecl *Fn, const VarDecl *VD) {
  if (!AST.getDiagnostics().hasErrorOccurred() || !VD->getIdentifier())
    return false;
  const SourceManager &SM = AST.getSourceManager();
  SourceLocation B = SM.getExpansionLoc(Fn->getBody()->getBeginLoc());
  SourceLocation E = SM.getExpansionRange(Fn->getBody()->getEndLoc()).getEnd();
  if (B.isInvalid() || E.isInvalid() || SM.getFileID(B) != SM.getFileID(E))
    return false;
  bool Invalid = false;
  llvm::StringRef Buf = SM.getBufferData(SM.getFileID(B), &Invalid);
  unsigned BO = SM.getFileOffset(B), EO = SM.getFileOffset(E) + 1;
  if (Invalid || EO > Buf.size() || BO >= EO)
    return false;
  Lexer Lex(SM.getLocForStartOfFile(SM.getFileID(B)), AST.getLangOpts(), Buf.begin(),
            Buf.begin() + BO, Buf.begin() + EO);
  unsigned InText = 0;
  Token Tok;
  while (!Lex.LexFromRawLexer(Tok))
    if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == VD->getName())
      ++InText;
  if (Tok.is(tok::raw_identifier) && Tok.getRawIdentifier() == VD->getName())
    ++InText;
  RefCounter Refs(VD);
  Refs.TraverseStmt(Fn->getBody());
  // The declaration names it once, unless it is a parameter.
  unsigned InAst = Refs.Count + (isa<ParmVarDecl>(VD) ? 0 : 1);
  return InText > InAst;
}

} // namespace

void UninitializedReadRule::registerMatchers(MatchFinder &Finder) {
  // Every function with a body (lambdas' and blocks' bodies are their own functions).
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(compoundStmt())).bind("fn"), this);
}

void UninitializedReadRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  // As Sema: instantiations, not patterns (dependent code has no CFG).
  if (Fn->isDependentContext())
    return;
  const SourceManager &SM = AST.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Fn->getLocation())))
    return;

  // The CFG options of Sema's AnalysisBasedWarnings::IssueWarnings.
  AnalysisDeclContext AC(/*Mgr=*/nullptr, Fn);
  CFG::BuildOptions &Opts = AC.getCFGBuildOptions();
  Opts.PruneTriviallyFalseEdges = true;
  Opts.AddEHEdges = false;
  Opts.AddInitializers = true;
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = true;
  Opts.AddCXXNewAllocator = false;
  Opts.AddCXXDefaultInitExprInCtors = true;
  Opts.setAlwaysAdd(Stmt::BinaryOperatorClass)
      .setAlwaysAdd(Stmt::CompoundAssignOperatorClass)
      .setAlwaysAdd(Stmt::BlockExprClass)
      .setAlwaysAdd(Stmt::CStyleCastExprClass)
      .setAlwaysAdd(Stmt::DeclRefExprClass)
      .setAlwaysAdd(Stmt::ImplicitCastExprClass)
      .setAlwaysAdd(Stmt::UnaryOperatorClass);
  const CFG *Cfg = AC.getCFG();
  if (!Cfg)
    return;

  Collector Uses;
  UninitVariablesAnalysisStats Stats{};
  runUninitializedVariablesAnalysis(*Fn, *Cfg, AC, Uses, Stats);

  for (auto &[VD, U] : Uses.ByVar) {
    if (mentionsLostByErrors(AST, Fn, VD))
      continue;
    std::string Name = "'" + VD->getNameAsString() + "'";
    // Prefer the more certain use, then the earlier one, as Sema does.
    auto ByCertainty = [](const UninitUse &A, const UninitUse &B) {
      if (A.getKind() != B.getKind())
        return A.getKind() > B.getKind();
      return A.getUser()->getBeginLoc() < B.getUser()->getBeginLoc();
    };
    std::sort(U.Plain.begin(), U.Plain.end(), ByCertainty);
    for (const UninitUse &Use : U.Plain) {
      const auto *DRE = dyn_cast<DeclRefExpr>(Use.getUser());
      if (!DRE)
        continue; // a block capture (Objective-C blocks)
      // `int x = x;` is the idiom for 'deliberately uninitialized'.
      if (const Expr *Init = VD->getInit()) {
        if (DRE == Init->IgnoreParenImpCasts())
          break;
        ContainsRef CR(AST, DRE);
        CR.Visit(Init);
        if (CR.Found) {
          report(AST, DRE->getBeginLoc(), Name + " is read in its own initializer");
          break;
        }
      }
      UninitUse::Kind K = U.SelfInit ? UninitUse::Maybe : Use.getKind();
      if (K == UninitUse::Maybe && !ReportMaybe)
        break; // uses are sorted: the rest are no more certain
      std::string Msg;
      switch (K) {
      case UninitUse::Always:
        Msg = Name + " is read before it is assigned";
        break;
      case UninitUse::AfterDecl:
      case UninitUse::AfterCall:
        Msg = Name + " is read before it is assigned the first time this line is reached";
        break;
      case UninitUse::Sometimes: {
        std::string When;
        for (auto B = Use.branch_begin(); B != Use.branch_end() && When.empty(); ++B)
          When = branchPhrase(*B, SM);
        Msg = When.empty() ? Name + " is read uninitialized on some path"
                           : Name + " is read uninitialized when " + When;
        break;
      }
      case UninitUse::Maybe:
        Msg = Name + " may be read before it is assigned";
        break;
      }
      // Each instantiation of a template reports the same site once.
      // (and two reads in one macro expansion share their expansion location).
      SourceLocation At = SM.getExpansionLoc(DRE->getBeginLoc());
      if (Reported.insert(std::to_string(At.getRawEncoding()) + Name).second)
        report(AST, DRE->getBeginLoc(), Msg);
      break; // Only the first use of each variable, as -Wuninitialized.
    }
    if (!U.ConstRef.empty() && U.Plain.empty()) {
      const UninitUse &Use = U.ConstRef.front();
      report(AST, Use.getUser()->getBeginLoc(),
             Name + " is passed by const reference before it is assigned");
    }
  }
}

} // namespace carcinize
