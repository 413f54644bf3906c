#include "rules/mem/OffsetCopyOverflowRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The variable or field an expression names (through casts), or null.
const ValueDecl *named(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return D->getDecl();
  if (const auto *M = dyn_cast<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

/// What the function compares \p Size with: whether some comparison holds
/// it against the capacity \p Cap alone (`n > sizeof buf`, `n < 64 ? n :
/// 64`), and whether some comparison involves the offset \p Off (`off + n >
/// sizeof buf`, `n > sizeof buf - off`, `off >= sizeof buf`).
struct Checks {
  bool SizeAgainstWhole = false;
  bool OffsetChecked = false;
};

void collect(const Stmt *S, const ValueDecl *Size, const ValueDecl *Off, uint64_t Cap,
             ASTContext &AST, Checks &C) {
  std::vector<const Stmt *> Work{S};
  while (!Work.empty()) {
    const Stmt *Cur = Work.back();
    Work.pop_back();
    if (!Cur)
      continue;
    if (const auto *B = dyn_cast<BinaryOperator>(Cur); B && B->isComparisonOp()) {
      if (mem::mentions(B, Off))
        C.OffsetChecked = true;
      for (auto [Mine, Other] : {std::pair{B->getLHS(), B->getRHS()}, {B->getRHS(), B->getLHS()}})
        if (named(Mine) == Size)
          if (auto V = constantValue(Other, AST); V && *V == Cap)
            C.SizeAgainstWhole = true;
    }
    for (const Stmt *Child : Cur->children())
      Work.push_back(Child);
  }
}

} // namespace

OffsetCopyOverflowRule::OffsetCopyOverflowRule(const RuleInfo &I, RuleContext &C, Severity S,
                                               RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("memory-copy"), "copy-functions")) {}

RuleInfo OffsetCopyOverflowRule::info() {
  RuleInfo I;
  I.Id = "mem.offset-copy-overflow";
  I.Title = "Copy at an offset into a buffer, its size checked against the whole buffer";
  I.Cwe = {787, 131};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "`memcpy(buf + len, src, n)` writes `len + n` bytes into `buf`. A check "
                "that `n` fits in `buf` (`if (n > sizeof buf) n = sizeof buf;`) looks like a "
                "bound but is not one once `len` is not zero: appending a second chunk "
                "overflows by up to `len` bytes. The rule reports the copy when the function "
                "compares the size with the buffer's whole capacity and never compares "
                "anything with the offset.";
  I.RustAlternative = "Slices carry their length: `buf[len..len + n].copy_from_slice(src)` "
                      "panics when the range passes the end, and `Vec::extend_from_slice` "
                      "grows instead of overflowing.";
  I.Precision = "medium";
  I.BuildsOn = "AST matchers on the memory-copy table's calls (rules/data/tables.yaml); the "
               "comparisons of the enclosing function, with no data flow";
  I.Options = {{"copy-functions", "Extra functions that copy (destination 0, size 2)."}};
  return I;
}

void OffsetCopyOverflowRule::registerMatchers(MatchFinder &Finder) {
  // A copy whose destination is an array plus an offset: `buf + len`.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")),
               forFunction(functionDecl().bind("within")), unless(isInTemplateInstantiation()))
          .bind("call"),
      this);
}

void OffsetCopyOverflowRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const auto *Within = Result.Nodes.getNodeAs<FunctionDecl>("within");
  ASTContext &AST = *Result.Context;
  const TableRow *Row = builtinTables().find("memory-copy", Fn->getName().str());
  const Expr *Dest = mem::argAt(Call, Row ? Row->index("dest") : 0);
  const Expr *Size = mem::argAt(Call, Row ? Row->index("size") : 2);
  if (!Dest || !Size || !Within || !Within->getBody())
    return;
  const auto *Add = dyn_cast<BinaryOperator>(Dest->IgnoreParenCasts());
  if (!Add || Add->getOpcode() != BO_Add)
    return;
  const Expr *Base = Add->getLHS()->getType()->isPointerType() ? Add->getLHS() : Add->getRHS();
  const Expr *OffE = Base == Add->getLHS() ? Add->getRHS() : Add->getLHS();
  auto Cap = destinationArrayBytes(Base, AST);
  const ValueDecl *Off = named(OffE);
  const ValueDecl *N = named(Size);
  if (!Cap || !Off || !N || Off == N)
    return;
  // The capacity in elements of the array (the offset counts elements).
  QualType Elem = Base->IgnoreParenImpCasts()->getType()->getPointeeOrArrayElementType()
                      ->getCanonicalTypeUnqualified();
  uint64_t ElemBytes = Elem->isIncompleteType() ? 1 : AST.getTypeSizeInChars(Elem).getQuantity();
  if (ElemBytes != 1)
    return;
  Checks C;
  collect(Within->getBody(), N, Off, *Cap, AST, C);
  if (!C.SizeAgainstWhole || C.OffsetChecked)
    return;
  if (!Reported.insert(Call->getBeginLoc().getRawEncoding()).second)
    return;
  report(AST, Call->getBeginLoc(),
         "'" + Fn->getName().str() + "' copies '" + text(AST, Size) + "' bytes to '" +
             text(AST, Dest) + "': '" + text(AST, Size) + "' is checked against all " +
             std::to_string(*Cap) + " bytes of '" + text(AST, Base) + "', '" + text(AST, OffE) +
             "' against nothing");
}

} // namespace carcinize
