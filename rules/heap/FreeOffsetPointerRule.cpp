#include "rules/heap/FreeOffsetPointerRule.h"

using namespace clang;

namespace carcinize {

RuleInfo FreeOffsetPointerRule::info() {
  RuleInfo I;
  I.Id = "heap.free-offset-pointer";
  I.Title = "Pointer released after it was advanced past the start of its block";
  I.Cwe = {761};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "An allocator finds a block's size and neighbours from the pointer it "
                "returned. A pointer that walked into the block (`p++` while parsing, `p += "
                "hdr`) and is then released makes the allocator read its header from the "
                "block's contents, often data the input controls: heap corruption, and with "
                "glibc an abort or an exploitable write.";
  I.RustAlternative = "The owner and the cursor are different values: a `Vec<u8>` or "
                      "`Box<[u8]>` owns the block, and parsing walks a slice or an iterator "
                      "borrowed from it (`&buf[pos..]`), which cannot be freed.";
  I.Precision = "medium";
  I.BuildsOn = "clang::CFG with a forward may-point-to dataflow per function that releases "
               "memory (rules/heap/PointerOrigin.h); the static analyzer's unix.Malloc finds "
               "the same path-sensitively ('offset from the start of memory')";
  I.Options = {deallocatorOption()};
  return I;
}

void FreeOffsetPointerRule::reportFindings(const heap::OriginFindings &F, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  for (const heap::Release &R : F.Releases) {
    if (R.Discriminated)
      continue;
    for (const heap::Origin &O : R.Origins) {
      if (O.Kind != heap::OriginKind::Interior)
        continue;
      reportOnce(AST, R.Site->getBeginLoc(),
                 "'" + R.How + "' releases '" + text(AST, R.Pointer) + "', " +
                     heap::describeOrigin(O, SM));
      break;
    }
  }
}

} // namespace carcinize
