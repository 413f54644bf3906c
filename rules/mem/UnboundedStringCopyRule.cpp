#include "rules/mem/UnboundedStringCopyRule.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

UnboundedStringCopyRule::UnboundedStringCopyRule(const RuleInfo &I, RuleContext &C, Severity S,
                                                 RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("unbounded-string-copy"), "copy-functions")) {}

RuleInfo UnboundedStringCopyRule::info() {
  RuleInfo I;
  I.Id = "mem.unbounded-string-copy";
  I.Title = "String copied or appended with no bound on the destination";
  I.Cwe = {120, 787};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "strcpy, strcat and their relatives copy until the source's terminator, "
                "whatever the size of the destination. When the source is longer than the "
                "buffer (input from outside, a longer name than expected), the copy runs past "
                "the end and overwrites the stack or the heap: the classic buffer overflow.";
  I.RustAlternative = "`String` and `&str` carry their length; `push_str` grows the buffer, "
                      "and copying into a fixed buffer is `dst[..n].copy_from_slice(&src[..n])`, "
                      "which checks both lengths.";
  I.Options = {{"copy-functions", "Extra functions that copy a string with no bound; the "
                                  "destination is their first argument."}};
  return I;
}

void UnboundedStringCopyRule::registerMatchers(MatchFinder &Finder) {
  // A call to one of the functions, declared anywhere (libc or the project).
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn"))).bind("call"), this);
}

void UnboundedStringCopyRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  if (Call->getNumArgs() < 2) {
    report(AST, Call->getBeginLoc(), "'" + Name + "' copies with no bound on the destination");
    return;
  }
  const Expr *Dst = Call->getArg(0);
  const Expr *Src = Call->getArg(1);
  std::optional<uint64_t> DstBytes = destinationArrayBytes(Dst, AST);
  bool Appends = llvm::StringRef(Name).contains("cat");
  // Near miss: copying a literal that fits into a fixed array is safe.
  if (const StringLiteral *Lit = asStringLiteral(Src))
    if (DstBytes && !Appends && Lit->getByteLength() + Lit->getCharByteWidth() <= *DstBytes)
      return;
  std::string Msg = "'" + Name + "' " + (Appends ? "appends '" : "copies '") + text(AST, Src) +
                    "' " + (Appends ? "to '" : "into '") + text(AST, Dst) + "'";
  if (DstBytes)
    Msg += " (" + std::to_string(*DstBytes) + " bytes)";
  Msg += " with no bound on the length";
  report(AST, Call->getBeginLoc(), Msg);
}

} // namespace carcinize
