// The rule registry, the per-TU analyzer that runs the enabled rules, and
// the plain catalogue functions the rest of carcinize uses.
#include "rules/Catalogue.h"
#include "support/Text.h"
#include "rules/Tables.h"
#include "rules/Rule.h"
#include "suppress/Suppressions.h"

#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Index/USRGeneration.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/Preprocessor.h>

#include <algorithm>

using namespace clang;

namespace carcinize {

// ---- RuleContext -------------------------------------------------------

namespace {
class FunctionIndexer : public RecursiveASTVisitor<FunctionIndexer> {
public:
  explicit FunctionIndexer(std::vector<const FunctionDecl *> &Out) : Out(Out) {}
  bool shouldVisitTemplateInstantiations() const { return false; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isImplicit())
      Out.push_back(FD);
    return true;
  }

private:
  std::vector<const FunctionDecl *> &Out;
};
} // namespace

void RuleContext::indexFunctions(ASTContext &Ctx) {
  Indexed = true;
  std::vector<const FunctionDecl *> Fns;
  FunctionIndexer V(Fns);
  for (Decl *D : Ctx.getTraversalScope())
    V.TraverseDecl(D);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *FD : Fns) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda())
        continue;
    SourceLocation B = SM.getExpansionLoc(FD->getBeginLoc());
    SourceLocation E = SM.getExpansionRange(FD->getEndLoc()).getEnd();
    if (B.isInvalid() || E.isInvalid() || SM.getFileID(B) != SM.getFileID(E))
      continue;
    Spans.push_back({SM.getFileID(B), SM.getFileOffset(B), SM.getFileOffset(E), FD});
  }
}

const FunctionDecl *RuleContext::enclosingFunction(ASTContext &Ctx, SourceLocation Loc) {
  if (!Indexed)
    indexFunctions(Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  FileID FID = SM.getFileID(E);
  unsigned Off = SM.getFileOffset(E);
  const Span *Best = nullptr;
  for (const Span &S : Spans)
    if (S.File == FID && S.Begin <= Off && Off <= S.End &&
        (!Best || S.End - S.Begin < Best->End - Best->Begin))
      Best = &S;
  return Best ? Best->FD : nullptr;
}

const std::string &RuleContext::usrOf(const FunctionDecl *FD) {
  auto It = Usrs.find(FD);
  if (It != Usrs.end())
    return It->second;
  llvm::SmallString<128> Buf;
  std::string Usr;
  if (!index::generateUSRForDecl(FD, Buf))
    Usr = Buf.str().str();
  return Usrs.emplace(FD, std::move(Usr)).first->second;
}

// ---- Rule ----------------------------------------------------------------

void Rule::report(ASTContext &AST, SourceLocation Loc, const std::string &Message) {
  SourceScope &Scope = Ctx.scope();
  const SourceManager &SM = AST.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  if (E.isInvalid() || !Scope.inTree(E))
    return;
  Finding F;
  F.RuleId = Info.Id;
  F.Cwe = Info.Cwe;
  F.Sev = Sev;
  F.File = Scope.path(SM.getFileID(E));
  F.Line = SM.getExpansionLineNumber(E);
  F.Column = SM.getExpansionColumnNumber(E);
  if (const FunctionDecl *FD = Ctx.enclosingFunction(AST, E)) {
    F.FunctionUsr = Ctx.usrOf(FD);
    F.FunctionName = FD->getQualifiedNameAsString();
  }
  F.Message = Message;
  Ctx.findings().push_back(std::move(F));
}

bool Rule::reportOncePerFunction(ASTContext &AST, SourceLocation Loc, const FunctionDecl *FD,
                                 const std::vector<std::string> &Keys,
                                 const std::string &Message) {
  if (!FD || Keys.empty()) {
    report(AST, Loc, Message);
    return false;
  }
  const SourceManager &SM = AST.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  std::vector<Finding> &All = Ctx.findings();
  // A site folds into an earlier finding only when every one of its keys was
  // seen: `*d++ = *s++` after `d++` still says something new about 's'.
  std::optional<size_t> Into;
  for (const std::string &K : Keys) {
    auto It = GroupOfKey.find({FD, K});
    if (It == GroupOfKey.end()) {
      Into.reset();
      break;
    }
    if (!Into)
      Into = It->second;
  }
  if (Into) {
    Group &G = Groups[*Into];
    if (G.Index >= All.size() || All[G.Index].RuleId != Info.Id || E.isInvalid())
      return true;
    unsigned Line = SM.getExpansionLineNumber(E);
    if (Line != All[G.Index].Line &&
        std::find(G.Lines.begin(), G.Lines.end(), Line) == G.Lines.end())
      G.Lines.push_back(Line);
    std::sort(G.Lines.begin(), G.Lines.end());
    std::string Also;
    const size_t Shown = 5;
    for (size_t I = 0; I < G.Lines.size() && I < Shown; ++I)
      Also += (I ? ", " : "") + std::to_string(G.Lines[I]);
    if (G.Lines.size() > Shown)
      Also += " and " + std::to_string(G.Lines.size() - Shown) + " more lines";
    if (!G.Lines.empty())
      All[G.Index].Message = G.Message + " (the same at line" +
                             (G.Lines.size() > 1 ? "s " : " ") + Also + " of this function)";
    return true;
  }
  size_t Before = All.size();
  report(AST, Loc, Message);
  if (All.size() == Before)
    return false; // outside the tree
  Groups.push_back({Before, Message, {}});
  for (const std::string &K : Keys)
    GroupOfKey.emplace(std::make_pair(FD, K), Groups.size() - 1);
  return false;
}

const std::vector<std::string> &Rule::option(const std::string &Name) const {
  static const std::vector<std::string> Empty;
  auto It = Options.find(Name);
  return It == Options.end() ? Empty : It->second;
}

std::vector<std::string> Rule::namesFrom(const std::vector<std::string> &Table,
                                         const std::string &OptionName) const {
  std::vector<std::string> Out = Table;
  const auto &Extra = option(OptionName);
  Out.insert(Out.end(), Extra.begin(), Extra.end());
  return Out;
}

std::string Rule::text(ASTContext &AST, SourceRange Range) {
  const SourceManager &SM = AST.getSourceManager();
  CharSourceRange R = CharSourceRange::getTokenRange(Range);
  R = Lexer::makeFileCharRange(R, SM, AST.getLangOpts());
  if (R.isInvalid())
    return "";
  // One line, squeezed, short: it goes into a message.
  return oneLine(Lexer::getSourceText(R, SM, AST.getLangOpts()), 60);
}

std::string Rule::text(ASTContext &AST, const Stmt *S) {
  if (!S)
    return "";
  std::string Spelled = text(AST, S->getSourceRange());
  if (!Spelled.empty())
    return Spelled;
  // A macro body's parentheses or conversion around its argument
  // ('memcpy((output), (input), (len))'): the argument as written.
  if (const auto *E = dyn_cast<Expr>(S)) {
    const Expr *Inner = E->IgnoreParenImpCasts();
    if (Inner != E)
      if (std::string Arg = text(AST, Inner->getSourceRange()); !Arg.empty())
        return Arg;
  }
  // An operand that is a whole macro expansion: the invocation as the
  // reader sees it on the line ('BITS(4)', 'PULLBYTE()'), rather than the
  // expansion nobody wrote. An operand that is only part of a macro's body
  // is printed: naming the whole invocation for it would give every operand
  // of the call the same name ("copies 'CLEAR_HASH(s)' bytes into
  // 'CLEAR_HASH(s)'", zlib's deflate.c; lighttpd's MD5_memcpy).
  const SourceManager &SM = AST.getSourceManager();
  const LangOptions &LO = AST.getLangOpts();
  SourceRange R = S->getSourceRange();
  if (R.getBegin().isMacroID() && R.getEnd().isMacroID() &&
      Lexer::isAtStartOfMacroExpansion(R.getBegin(), SM, LO) &&
      Lexer::isAtEndOfMacroExpansion(R.getEnd(), SM, LO)) {
    CharSourceRange Invocation = SM.getExpansionRange(R);
    std::string Written = text(AST, SourceRange(Invocation.getBegin(), Invocation.getEnd()));
    if (!Written.empty())
      return Written;
  }
  std::string Printed;
  llvm::raw_string_ostream OS(Printed);
  S->printPretty(OS, nullptr, AST.getPrintingPolicy());
  OS.flush();
  if (Printed.size() > 60)
    Printed = Printed.substr(0, 57) + "...";
  return Printed;
}

// ---- Registry --------------------------------------------------------------

namespace {

/// `meta.invalid-suppression` is reported by the analyzer itself, not by
/// matchers; it is registered so that it has metadata like every rule.
class InvalidSuppressionRule : public Rule {
public:
  using Rule::Rule;
  static RuleInfo info() {
    RuleInfo I;
    I.Id = InvalidSuppressionRuleId;
    I.Title = "Malformed or misspelt suppression comment";
    I.DefaultSeverity = Severity::Low;
    I.Rationale = "A suppression (carcinize-ignore, or NOLINT naming a carcinize- check) "
                  "must name rules that exist, and carcinize-ignore must say why, so that "
                  "reviewers can check it; a malformed one, or a misspelt rule id, silences "
                  "nothing while looking as if it did.";
    I.RustAlternative = "In Rust, `#[allow(...)]` with a comment, or an `unsafe` block with a "
                        "`// SAFETY:` comment, plays the same role.";
    return I;
  }
  void registerMatchers(ast_matchers::MatchFinder &) override {}
};

} // namespace

void registerAllRules(RuleRegistry &R) {
  registerConcRules(R);
  registerHeapRules(R);
  registerLifeRules(R);
  registerMemRules(R);
  registerTrustRules(R);
  registerTypeRules(R);
  R.add<InvalidSuppressionRule>();
}

namespace {

const RuleRegistry &registry() {
  static const RuleRegistry R = [] {
    RuleRegistry Reg;
    registerAllRules(Reg);
    return Reg;
  }();
  return R;
}

/// Every rule id of the registry, for checking the ids suppressions name.
const std::vector<std::string> &ruleIds() {
  static const std::vector<std::string> Ids = [] {
    std::vector<std::string> V;
    for (const auto &E : registry().entries())
      V.push_back(E.Info.Id);
    return V;
  }();
  return Ids;
}

struct PlannedRule {
  const RuleRegistry::Entry *Entry;
  Severity Sev;
  RuleOptions Options;
};

// Collects carcinize-ignore comments of in-tree files while the TU is lexed.
class SuppressionCollector : public CommentHandler {
public:
  SuppressionCollector(SourceScope &Scope) : Scope(Scope) {}
  bool HandleComment(Preprocessor &PP, SourceRange Range) override {
    const SourceManager &SM = PP.getSourceManager();
    SourceLocation B = Range.getBegin();
    if (B.isMacroID() || !Scope.inTree(B))
      return false;
    bool Invalid = false;
    llvm::StringRef Text = Lexer::getSourceText(CharSourceRange::getCharRange(Range), SM,
                                                PP.getLangOpts(), &Invalid);
    if (Invalid || !mayHoldSuppression(std::string_view(Text.data(), Text.size())))
      return false;
    FileID FID = SM.getFileID(B);
    unsigned Off = SM.getFileOffset(B);
    if (!Seen[FID].insert(Off).second)
      return false;
    auto D = parseSuppressionComment(std::string_view(Text.data(), Text.size()),
                                     SM.getSpellingLineNumber(B),
                                     SM.getSpellingLineNumber(Range.getEnd()),
                                     SM.getSpellingColumnNumber(B));
    if (D) {
      llvm::StringRef Buf = SM.getBufferData(FID);
      size_t LineStart = Buf.rfind('\n', Off);
      LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
      D->Trailing = !Buf.slice(LineStart, Off).trim().empty();
      ByFile[Scope.path(FID)].push_back(std::move(*D));
    }
    return false;
  }
  std::map<std::string, std::vector<SuppressionDirective>> ByFile;

private:
  SourceScope &Scope;
  std::map<FileID, std::set<unsigned>> Seen;
};

class RuleAnalyzer : public TUAnalyzer {
public:
  explicit RuleAnalyzer(std::shared_ptr<const std::vector<PlannedRule>> Plan)
      : Plan(std::move(Plan)) {}

  void beginSourceFile(Preprocessor &PP, TUContext &TU) override {
    Comments = std::make_unique<SuppressionCollector>(TU.Scope);
    PP.addCommentHandler(Comments.get());
    this->PP = &PP;
  }

  void registerMatchers(ast_matchers::MatchFinder &Finder, TUContext &TU) override {
    Ctx = std::make_unique<RuleContext>(TU);
    for (const PlannedRule &P : *Plan) {
      Rules.push_back(P.Entry->Make(P.Entry->Info, *Ctx, P.Sev, P.Options));
      Rules.back()->registerMatchers(Finder);
    }
  }

  void endTranslationUnit(ASTContext &AST, TUContext &TU) override {
    for (auto &R : Rules)
      R->onEndOfTranslationUnit(AST);
    if (PP && Comments)
      PP->removeCommentHandler(Comments.get());
    if (Comments)
      applySuppressions(TU.Findings, Comments->ByFile, &ruleIds());
    // Malformed suppressions are findings of their own rule only when it runs.
    bool ReportInvalid = std::any_of(Plan->begin(), Plan->end(), [](const PlannedRule &P) {
      return P.Entry->Info.Id == InvalidSuppressionRuleId;
    });
    if (!ReportInvalid)
      TU.Findings.erase(std::remove_if(TU.Findings.begin(), TU.Findings.end(),
                                       [](const Finding &F) {
                                         return F.RuleId == InvalidSuppressionRuleId;
                                       }),
                        TU.Findings.end());
  }

private:
  std::shared_ptr<const std::vector<PlannedRule>> Plan;
  std::unique_ptr<SuppressionCollector> Comments;
  std::unique_ptr<RuleContext> Ctx;
  std::vector<std::unique_ptr<Rule>> Rules;
  Preprocessor *PP = nullptr;
};

std::vector<PlannedRule> planRules(const Config &Cfg, const std::vector<std::string> &Only) {
  std::vector<PlannedRule> Plan;
  for (const auto &E : registry().entries()) {
    RuleSettings S = effectiveRuleSettings(Cfg, E.Info.Id);
    bool Enabled = Only.empty()
                       ? S.Enabled.value_or(E.Info.EnabledByDefault)
                       : std::find(Only.begin(), Only.end(), E.Info.Id) != Only.end();
    if (!Enabled)
      continue;
    Plan.push_back({&E, S.SeverityOverride.value_or(E.Info.DefaultSeverity), S.Options});
  }
  return Plan;
}

} // namespace

const std::vector<RuleInfo> &ruleCatalogue() {
  static const std::vector<RuleInfo> Catalogue = [] {
    std::vector<RuleInfo> C;
    for (const auto &E : registry().entries())
      C.push_back(E.Info);
    std::sort(C.begin(), C.end(), [](const RuleInfo &A, const RuleInfo &B) { return A.Id < B.Id; });
    return C;
  }();
  return Catalogue;
}

const RuleInfo *findRule(const std::string &Id) {
  for (const auto &R : ruleCatalogue())
    if (R.Id == Id)
      return &R;
  return nullptr;
}

RuleCatalogueView catalogueView() {
  RuleCatalogueView V;
  for (const auto &R : ruleCatalogue()) {
    auto &Opts = V.Rules[R.Id];
    for (const auto &O : R.Options)
      Opts.insert(O.Name);
  }
  return V;
}

std::map<std::string, std::pair<bool, Severity>> ruleDefaults() {
  std::map<std::string, std::pair<bool, Severity>> D;
  for (const auto &R : ruleCatalogue())
    D[R.Id] = {R.EnabledByDefault, R.DefaultSeverity};
  return D;
}

TUAnalyzerFactory makeRuleAnalyzerFactory(const Config &Cfg, const std::vector<std::string> &Only) {
  auto Plan = std::make_shared<const std::vector<PlannedRule>>(planRules(Cfg, Only));
  // The built-in tables are parsed here, once: every TU is analysed in a
  // child forked from this process, and a child that parsed the YAML itself
  // spent 5% of a cold scan on it.
  builtinTables();
  return [Plan]() -> std::unique_ptr<TUAnalyzer> { return std::make_unique<RuleAnalyzer>(Plan); };
}

std::vector<std::string> enabledRuleIds(const Config &Cfg, const std::vector<std::string> &Only) {
  std::vector<std::string> Ids;
  for (const auto &P : planRules(Cfg, Only))
    Ids.push_back(P.Entry->Info.Id);
  std::sort(Ids.begin(), Ids.end());
  return Ids;
}

} // namespace carcinize
