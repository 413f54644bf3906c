#include "rules/heap/UseAfterDeleteRule.h"

using namespace clang;

namespace carcinize {

RuleInfo UseAfterDeleteRule::info() {
  RuleInfo I;
  I.Id = "heap.use-after-delete";
  I.Title = "Object deleted twice or used after delete on the same path";
  I.Cwe = {415, 416};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "After `delete p`, `p` still holds the old address. Deleting it again runs the "
                "destructor twice and frees the block twice; reading through it reads whatever "
                "the allocator put there next. It typically appears when a member is deleted "
                "on an error path and left set, and the destructor or the next iteration of a "
                "loop deletes it again.";
  I.RustAlternative = "An owned value is dropped once: `Box<T>` is moved into `drop()`, so the "
                      "compiler rejects any later use, and an optional owner is "
                      "`Option<Box<T>>`, released with `take()`, which leaves `None` behind.";
  I.Precision = "medium";
  I.BuildsOn = "clang::CFG with a forward may-point-to dataflow per function that releases "
               "memory (rules/heap/PointerOrigin.h), as heap.double-free and "
               "heap.use-after-free do for free(); the static analyzer's cplusplus.NewDelete "
               "finds the same path-sensitively and across calls";
  I.Options = {deallocatorOption()};
  return I;
}

void UseAfterDeleteRule::reportFindings(const heap::OriginFindings &F, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  for (const heap::Release &R : F.Releases)
    for (const heap::Origin &O : R.Origins) {
      if (O.Kind != heap::OriginKind::Deleted)
        continue;
      reportOnce(AST, R.Site->getBeginLoc(),
                 "'" + R.How + "' releases '" + text(AST, R.Pointer) + "' " +
                     heap::describeOrigin(O, SM));
      break;
    }
  for (const heap::UseAfterDelete &U : F.Uses)
    reportOnce(AST, U.Loc,
               "'" + text(AST, U.Pointer) + "' is " + U.How + " after '" + U.Deleted.What +
                   "' at line " + std::to_string(SM.getExpansionLineNumber(U.Deleted.Loc)));
}

} // namespace carcinize
