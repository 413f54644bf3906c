#include "rules/trust/CommandLineInputRule.h"

#include "rules/trust/InputSourceRuleBase.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo CommandLineInputRule::info() {
  RuleInfo I = inputSourceInfo("trust.command-line-input", "Reads the command line (argv of main)",
                               "The command line");
  I.Options.clear();
  return I;
}

void CommandLineInputRule::registerMatchers(MatchFinder &Finder) {
  // int main(int argc, char **argv), with a body.
  Finder.addMatcher(functionDecl(isMain(), isDefinition(), parameterCountIs(2)).bind("main"), this);
  Finder.addMatcher(functionDecl(isMain(), isDefinition(), parameterCountIs(3)).bind("main"), this);
}

void CommandLineInputRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Main = Result.Nodes.getNodeAs<FunctionDecl>("main");
  const ParmVarDecl *Argv = Main->getParamDecl(1);
  report(*Result.Context, Argv->getLocation(),
         "'main' receives the command line in '" + Argv->getNameAsString() + "': a trust boundary");
}

} // namespace carcinize
