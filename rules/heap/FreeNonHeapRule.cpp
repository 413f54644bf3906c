#include "rules/heap/FreeNonHeapRule.h"

using namespace clang;

namespace carcinize {

RuleInfo FreeNonHeapRule::info() {
  RuleInfo I;
  I.Id = "heap.free-non-heap";
  I.Title = "Memory that is not on the heap passed to free, realloc or delete";
  I.Cwe = {590};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "Only a pointer an allocator returned may be released. A local or static "
                "array, the address of a variable, `alloca` memory or a string literal handed "
                "to `free` or `delete` corrupts the allocator's bookkeeping: glibc aborts at "
                "best, and a crafted stack or data layout turns the next allocation into a "
                "write where the attacker chooses. It typically appears where a function keeps "
                "a small buffer on the stack and switches to the heap for large inputs, then "
                "frees on every path.";
  I.RustAlternative = "Ownership is in the type: a `[u8; 64]` on the stack is dropped with its "
                      "frame and cannot be passed where a `Box<[u8]>` or `Vec<u8>` is expected; "
                      "\"small buffer or heap\" is `SmallVec` or `Cow`, which knows which it "
                      "holds.";
  I.Precision = "high";
  I.BuildsOn = "clang::CFG with a forward may-point-to dataflow per function that releases "
               "memory (rules/heap/PointerOrigin.h); Clang's -Wfree-nonheap-object sees only "
               "`free(&x)` and `free(array)` themselves, the static analyzer's unix.Malloc also "
               "follows the pointer, path-sensitively";
  I.Options = {deallocatorOption()};
  return I;
}

void FreeNonHeapRule::reportFindings(const heap::OriginFindings &F, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  for (const heap::Release &R : F.Releases) {
    // `if (p != buf) free(p);` tells the stack buffer apart.
    if (R.Discriminated)
      continue;
    for (const heap::Origin &O : R.Origins) {
      if (O.Kind != heap::OriginKind::Stack && O.Kind != heap::OriginKind::Static &&
          O.Kind != heap::OriginKind::Alloca && O.Kind != heap::OriginKind::Literal)
        continue;
      reportOnce(AST, R.Site->getBeginLoc(),
                 "'" + R.How + "' releases '" + text(AST, R.Pointer) + "', which can hold " +
                     heap::describeOrigin(O, SM) + ", not heap memory");
      break;
    }
  }
}

} // namespace carcinize
