#include "rules/trust/InputSourceRuleBase.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

InputSourceRuleBase::InputSourceRuleBase(const RuleInfo &I, RuleContext &C, Severity S,
                                         RuleOptions O, std::string K)
    : Rule(I, C, S, std::move(O)), Kind(std::move(K)) {
  for (const auto &Row : builtinTables().rows("input-sources"))
    if (Row.get("kind") == Kind)
      Functions.push_back(Row.name());
  const auto &Extra = option("functions");
  Functions.insert(Functions.end(), Extra.begin(), Extra.end());
}

void InputSourceRuleBase::registerMatchers(MatchFinder &Finder) {
  if (Functions.empty())
    return;
  // A call to a source function, wherever it is declared.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn"))).bind("call"), this);
}

void InputSourceRuleBase::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  report(*Result.Context, Call->getBeginLoc(),
         "'" + Fn->getQualifiedNameAsString() + "' reads " + inputName() +
             ": a trust boundary");
}

RuleInfo inputSourceInfo(const std::string &Id, const std::string &Title, const std::string &What) {
  RuleInfo I;
  I.Id = Id;
  I.Title = Title;
  I.Cwe = {20};
  I.DefaultSeverity = Severity::Low;
  I.Rationale = What + " is data the program does not control: every byte may be chosen by an "
                       "attacker. The code that parses it is where memory-safety bugs become "
                       "vulnerabilities, so it is where a rewrite pays first. This rule marks "
                       "the boundary; exposure analysis follows the data into callees.";
  I.RustAlternative = "Parse at the boundary into typed values with a safe parser (`nom`, "
                      "`serde`, or slices with `split_at`/`get`), so that lengths are checked "
                      "by construction and the rest of the program sees validated types.";
  I.Options = {{"functions", "Extra functions that read this kind of input; the data comes "
                             "back in an argument or the return value."}};
  return I;
}

} // namespace carcinize
