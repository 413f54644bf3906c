#include "rules/trust/TaintedSizeRule.h"

#include "frontend/ByteFlow.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo TaintedSizeRule::info() {
  RuleInfo I;
  I.Id = "trust.tainted-size";
  I.Title = "A length read from input sizes a copy, allocation, index or loop unchecked";
  I.Cwe = {20, 130, 787, 129};
  I.DefaultSeverity = Severity::High;
  I.Precision = "medium";
  I.Rationale = "A parser reads a length or count from the bytes it parses and uses it to size a "
                "copy, an allocation, an index or a loop. When nothing compares it with the real "
                "size of the buffer first, a crafted input chooses how far the program reads or "
                "writes: the shape behind most parser CVEs (Heartbleed among them).";
  I.RustAlternative = "Slices carry their length and indexing is checked: "
                      "`buf.get(pos..pos + len).ok_or(Error::Truncated)?` fails cleanly on a "
                      "lying length field, and `copy_from_slice` panics rather than overflow.";
  I.BuildsOn = "carcinize's intra-procedural def-use over the function body (frontend/ByteFlow): "
               "values defined from byte reads (subscripts and dereferences of byte pointers, "
               "ntohs/ntohl/be32toh, memcpy into an integer) followed in source order, with any "
               "relational comparison of the value counting as a check, and a mask or a "
               "remainder by a value the input does not choose as a bound (checked against "
               "the array's element count or the destination's size when it is a constant). "
               "Reads from const tables, loads from a table by a tainted index and an "
               "unconditional reassignment end the taint.";
  return I;
}

void TaintedSizeRule::registerMatchers(MatchFinder &Finder) {
  // Every function definition; the flow analysis runs on its body.
  Finder.addMatcher(functionDecl(isDefinition(), unless(isImplicit())).bind("fn"), this);
}

void TaintedSizeRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  if (!FD->hasBody() || !context().scope().inTree(FD->getLocation()))
    return;
  for (const TaintedUse &U : context().byteFlows().get(*FD, AST).Uses) {
    if (U.Checked)
      continue;
    std::string Msg = "'" + U.Value + "', read from '" + U.ReadFrom + "' at line " +
                      std::to_string(U.ReadLine) + ", ";
    if (U.UseKind == "copy size")
      Msg += "is the size of '" + U.Callee + "' with no check against the buffers";
    else if (U.UseKind == "allocation size")
      Msg += "is the size of '" + U.Callee + "' with no upper bound";
    else if (U.UseKind == "index")
      Msg += "indexes an array with no bounds check";
    else
      Msg += "bounds a loop with no check against the buffer's size";
    report(AST, U.Loc, Msg);
  }
}

} // namespace carcinize
