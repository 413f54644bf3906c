#include "rules/heap/PointerOriginRule.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

std::vector<std::string> releasingFunctions(const std::vector<std::string> &Extra) {
  std::vector<std::string> Names = builtinTables().names("deallocators");
  for (const auto &N : builtinTables().names("reallocators"))
    Names.push_back(N);
  Names.insert(Names.end(), Extra.begin(), Extra.end());
  return Names;
}

} // namespace

PointerOriginRule::PointerOriginRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Deallocators(releasingFunctions(option("deallocator-functions"))) {}

RuleOptionInfo PointerOriginRule::deallocatorOption() {
  return {"deallocator-functions",
          "Extra functions that release the pointer given as their first argument."};
}

void PointerOriginRule::registerMatchers(MatchFinder &Finder) {
  auto InFunction = forFunction(functionDecl(isDefinition()).bind("fn"));
  // A `delete` or `delete[]`.
  Finder.addMatcher(cxxDeleteExpr(InFunction), this);
  // A call to a deallocator or a reallocator.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Deallocators)))), InFunction), this);
}

void PointerOriginRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (FD && Seen.insert(FD).second)
    Functions.push_back(FD);
}

void PointerOriginRule::onEndOfTranslationUnit(ASTContext &AST) {
  for (const FunctionDecl *FD : Functions)
    reportFindings(heap::analyzePointerOrigins(FD, AST, Deallocators), AST);
}

void PointerOriginRule::reportOnce(ASTContext &AST, SourceLocation Loc,
                                   const std::string &Message) {
  if (Reported.insert(Loc.getRawEncoding()).second)
    report(AST, Loc, Message);
}

} // namespace carcinize
