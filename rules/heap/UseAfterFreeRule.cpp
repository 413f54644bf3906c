#include "rules/heap/UseAfterFreeRule.h"

#include "rules/heap/FreedPointerAnalysis.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

UseAfterFreeRule::UseAfterFreeRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Deallocators(namesFrom(builtinTables().names("deallocators"), "deallocator-functions")) {}

RuleInfo UseAfterFreeRule::info() {
  RuleInfo I;
  I.Id = "heap.use-after-free";
  I.Title = "Pointer used after the memory it points to was freed";
  I.Cwe = {416};
  I.DefaultSeverity = Severity::Critical;
  I.Rationale = "After free, the block may be handed out again by the next allocation; reading "
                "through the old pointer returns someone else's data and writing corrupts it, "
                "including the allocator's own metadata. Use-after-free is one of the most "
                "exploited bug classes in C and C++ code.";
  I.RustAlternative = "Ownership makes this a compile error: after `drop(buf)` or a move, the "
                      "borrow checker rejects any further use of `buf`, and references "
                      "(`&T`) cannot outlive the value they borrow.";
  I.Precision = "medium";
  I.BuildsOn = "clang::CFG with a forward may-be-freed dataflow per function";
  I.Options = {{"deallocator-functions",
                "Extra functions that release the pointer given as their first argument."}};
  return I;
}

void UseAfterFreeRule::registerMatchers(MatchFinder &Finder) {
  // Every function with a body: the dataflow runs over its CFG.
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(stmt())).bind("fn"), this);
}

void UseAfterFreeRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  const SourceManager &SM = AST.getSourceManager();
  for (const auto &E : heap::analyzeFreedPointers(FD, AST, Deallocators, NoReturn)) {
    if (E.K != heap::FreedPointerEvent::UseAfterFree ||
        !Reported.insert(E.Loc.getRawEncoding()).second)
      continue;
    report(AST, E.Loc,
           "'" + text(AST, E.Pointer) + "' is " + E.How + " after it was freed at line " +
               std::to_string(SM.getExpansionLineNumber(E.FreedAt)));
  }
}

} // namespace carcinize
