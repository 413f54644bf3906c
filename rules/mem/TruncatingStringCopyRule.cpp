#include "rules/mem/TruncatingStringCopyRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// True when \p E writes zero into an element of \p Dst: `d[i] = '\0'`,
/// `*(d + i) = 0`, `d[i] = L'\0'`.
bool terminatesDest(const Stmt *S, const ValueDecl *Dst, ASTContext &AST) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  const auto *Assign = dyn_cast<BinaryOperator>(E->IgnoreParenCasts());
  if (!Assign || Assign->getOpcode() != BO_Assign)
    return false;
  auto Zero = constantValue(Assign->getRHS(), AST);
  if (!Zero || *Zero != 0)
    return false;
  const Expr *L = Assign->getLHS()->IgnoreParenImpCasts();
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(L))
    return referencedDecl(A->getBase()) == Dst;
  if (const auto *U = dyn_cast<UnaryOperator>(L))
    if (U->getOpcode() == UO_Deref)
      return mem::mentions(U->getSubExpr(), Dst);
  return false;
}

/// True when \p Size subtracts `strlen(Dst)` (or `wcslen`): the room left,
/// as in `sizeof d - strlen(d) - 1`.
bool subtractsCurrentLength(const Expr *Size, const ValueDecl *Dst) {
  Size = Size->IgnoreParenImpCasts();
  const auto *B = dyn_cast<BinaryOperator>(Size);
  if (!B || B->getOpcode() != BO_Sub)
    return false;
  if (subtractsCurrentLength(B->getLHS(), Dst))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(B->getRHS()->IgnoreParenImpCasts()))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      if ((FD->getName() == "strlen" || FD->getName() == "wcslen" ||
           FD->getName() == "strnlen") &&
          Call->getNumArgs() >= 1 && referencedDecl(Call->getArg(0)) == Dst)
        return true;
  return false;
}

/// True when \p Size is `sizeof Dst` or `sizeof(Dst)`, the whole buffer.
bool isWholeSize(const Expr *Size, const ValueDecl *Dst) {
  const auto *U =
      dyn_cast<UnaryExprOrTypeTraitExpr>(Size->IgnoreParenImpCasts());
  return U && U->getKind() == UETT_SizeOf && !U->isArgumentType() &&
         referencedDecl(U->getArgumentExpr()) == Dst;
}

} // namespace

TruncatingStringCopyRule::TruncatingStringCopyRule(const RuleInfo &I,
                                                   RuleContext &C, Severity S,
                                                   RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("truncating-string-copy"),
                          "copy-functions")) {}

RuleInfo TruncatingStringCopyRule::info() {
  RuleInfo I;
  I.Id = "mem.truncating-string-copy";
  I.Title = "strncpy may leave no terminator; strncat's bound is the room left";
  I.Cwe = {170, 193};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "strncpy writes no terminator when the source is as long as the bound, "
      "so the "
      "next strlen or printf reads past the end of the buffer. strncat's bound "
      "is "
      "the room left after the current contents, minus one for the terminator; "
      "giving it the buffer's whole size overflows it by up to that size.";
  I.RustAlternative =
      "`String`/`&str` have no terminator to lose; copying into a fixed buffer "
      "is `let n = src.len().min(dst.len()); "
      "dst[..n].copy_from_slice(&src[..n])`, "
      "and appending is `String::push_str`.";
  I.Precision = "medium";
  I.Options = {{"copy-functions",
                "Extra bounded copy functions (destination first, bound "
                "third); names containing 'cat' are treated as appends."}};
  return I;
}

void TruncatingStringCopyRule::registerMatchers(MatchFinder &Finder) {
  // A call to strncpy, strncat or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")))
          .bind("call"),
      this);
}

void TruncatingStringCopyRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  const TableRow *Row = builtinTables().find("truncating-string-copy", Name);
  const Expr *Dst = mem::argAt(Call, Row ? Row->index("dest") : 0);
  const Expr *Src = mem::argAt(Call, 1);
  const Expr *Size = mem::argAt(Call, Row ? Row->index("size") : 2);
  if (!Dst || !Src || !Size)
    return;
  const ValueDecl *DstDecl = referencedDecl(Dst);
  std::string DstText = text(AST, Dst);
  std::string SizeText =
      text(AST, Size);

  if (llvm::StringRef(Name).contains("cat")) {
    // Near miss: the bound is computed from the current contents.
    if (DstDecl && subtractsCurrentLength(Size, DstDecl))
      return;
    if (DstDecl && isWholeSize(Size, DstDecl)) {
      report(AST, Call->getBeginLoc(),
             "'" + Name + "' is bounded by '" + SizeText +
                 "', the whole size of '" + DstText +
                 "', not the room left after its contents");
      return;
    }
    report(AST, Call->getBeginLoc(),
           "'" + Name + "' appends up to '" + SizeText + "' characters to '" +
               DstText + "' without subtracting its current length");
    return;
  }

  // Near miss: a literal shorter than the bound is copied with its terminator.
  if (const StringLiteral *Lit = asStringLiteral(Src))
    if (auto N = constantValue(Size, AST); N && Lit->getLength() < *N)
      return;
  // Near miss: the next statement terminates the destination.
  if (DstDecl) {
    auto [Stmt, Next] = mem::statementAndNext(Call, AST);
    // `if (d[n - 1] != 0) d[n] = 0;` terminates it too (zlib's untgz).
    if (const auto *If = dyn_cast_or_null<IfStmt>(Next); If && !If->getElse())
      Next = If->getThen();
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Next);
        Block && !Block->body_empty())
      Next = Block->body_front();
    if (Next && terminatesDest(Next, DstDecl, AST))
      return;
  }
  report(AST, Call->getBeginLoc(),
         "'" + Name + "' leaves '" + DstText + "' unterminated when '" +
             text(AST, Src) +
             "' has '" + SizeText +
             "' or more characters, and no terminator is written after it");
}

} // namespace carcinize
