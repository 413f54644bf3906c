#include "rules/heap/DoubleFreeRule.h"

#include "rules/heap/FreedPointerAnalysis.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

DoubleFreeRule::DoubleFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Deallocators(namesFrom(builtinTables().names("deallocators"), "deallocator-functions")) {}

RuleInfo DoubleFreeRule::info() {
  RuleInfo I;
  I.Id = "heap.double-free";
  I.Title = "Pointer freed twice on the same path";
  I.Cwe = {415};
  I.DefaultSeverity = Severity::Critical;
  I.Rationale = "Freeing a block twice corrupts the allocator's free lists: a later allocation "
                "can return memory that is still in use, which attackers turn into arbitrary "
                "writes. It typically appears on error paths where a cleanup label frees what "
                "an earlier branch already freed.";
  I.RustAlternative = "A value is dropped exactly once by its owner: `Box<T>`, `Vec<T>` and "
                      "`String` free their memory in `Drop`, `drop(x)` moves `x` so it cannot "
                      "be dropped again, and `Option::take()` expresses \"free it if still "
                      "held\".";
  I.Precision = "medium";
  I.BuildsOn = "clang::CFG with a forward may-be-freed dataflow per function";
  I.Options = {{"deallocator-functions",
                "Extra functions that release the pointer given as their first argument."}};
  return I;
}

void DoubleFreeRule::registerMatchers(MatchFinder &Finder) {
  // Every function with a body: the dataflow runs over its CFG.
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(stmt())).bind("fn"), this);
}

void DoubleFreeRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  const SourceManager &SM = AST.getSourceManager();
  for (const auto &E : heap::analyzeFreedPointers(FD, AST, Deallocators, NoReturn)) {
    if (E.K != heap::FreedPointerEvent::DoubleFree ||
        !Reported.insert(E.Loc.getRawEncoding()).second)
      continue;
    report(AST, E.Loc,
           "'" + E.How + "' releases '" + text(AST, E.Pointer) + "', already freed at line " +
               std::to_string(SM.getExpansionLineNumber(E.FreedAt)));
  }
}

} // namespace carcinize
