#include "rules/heap/MismatchedDeallocationRule.h"

using namespace clang;

namespace carcinize {

RuleInfo MismatchedDeallocationRule::info() {
  RuleInfo I;
  I.Id = "heap.mismatched-deallocation";
  I.Title = "Memory released by a deallocator of another family than its allocator";
  I.Cwe = {762};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "Each allocator has its own deallocator: `free` for `malloc`, `calloc`, "
                "`realloc` and `strdup`, `delete` for `new`, `delete[]` for `new[]`. Mixing them "
                "is undefined behaviour: `delete` runs a destructor on memory that holds no "
                "object, `delete` of an array runs one destructor and hands the allocator a "
                "pointer it did not return, and `free` of a `new` skips the destructor and can "
                "corrupt the heap when the two allocators differ (a custom `operator new`, "
                "ASan's checks).";
  I.RustAlternative = "Memory is released by the type that allocated it: `Box<T>` and `Vec<T>` "
                      "free themselves in `Drop`; memory from C (`libc::malloc`) is wrapped in a "
                      "type whose `Drop` calls `libc::free`, so no other release compiles.";
  I.Precision = "high";
  I.BuildsOn = "clang::CFG with a forward may-point-to dataflow per function that releases "
               "memory (rules/heap/PointerOrigin.h): the syntactic core of the static "
               "analyzer's unix.MismatchedDeallocator, without its path sensitivity";
  I.Options = {deallocatorOption()};
  return I;
}

void MismatchedDeallocationRule::reportFindings(const heap::OriginFindings &F, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  for (const heap::Release &R : F.Releases)
    for (const heap::Origin &O : R.Origins) {
      auto Family = heap::familyOf(O.Kind);
      if (!Family || *Family == R.Family)
        continue;
      reportOnce(AST, R.Site->getBeginLoc(),
                 "'" + R.How + "' releases '" + text(AST, R.Pointer) + "', " +
                     heap::describeOrigin(O, SM));
      break;
    }
}

} // namespace carcinize
