#include "rules/mem/UnboundedStringCopyRule.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The one value a local pointer \p V ever holds in \p Body: its
/// initialiser or its only assignment, when its address is never taken;
/// else null.
const Expr *onlyValueOf(const VarDecl *V, const Stmt *Body, ASTContext &AST) {
  if (!V->hasLocalStorage() || isa<ParmVarDecl>(V) || !Body)
    return nullptr;
  auto Ref = declRefExpr(to(varDecl(equalsNode(V))));
  auto Writes = match(
      findAll(stmt(anyOf(binaryOperator(isAssignmentOperator(), hasLHS(ignoringParenImpCasts(Ref))),
                         unaryOperator(hasOperatorName("&"), hasUnaryOperand(ignoringParenImpCasts(Ref))),
                         unaryOperator(hasAnyOperatorName("++", "--"), hasUnaryOperand(ignoringParenImpCasts(Ref)))))
                  .bind("w")),
      *Body, AST);
  if (V->getInit())
    return Writes.empty() ? V->getInit() : nullptr;
  if (Writes.size() != 1)
    return nullptr;
  const auto *B = Writes[0].template getNodeAs<BinaryOperator>("w");
  return B && B->getOpcode() == BO_Assign ? B->getRHS() : nullptr;
}

/// True when \p Size is `strlen(Src) + N` with N >= 1: the allocation made
/// for a copy of \p Src with its terminator.
bool sizedForCopyOf(const Expr *Size, const Expr *Src, ASTContext &AST, const Stmt *Body) {
  const auto *Add = dyn_cast<BinaryOperator>(Size->IgnoreParenImpCasts());
  if (!Add || Add->getOpcode() != BO_Add)
    return false;
  for (auto [Len, N] : {std::pair{Add->getLHS(), Add->getRHS()}, std::pair{Add->getRHS(), Add->getLHS()}}) {
    const Expr *L = Len->IgnoreParenImpCasts();
    // `size_t len = strlen(s); p = malloc(len + 1)`: a local whose only
    // value is the source's length.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(L))
      if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()); V && V->hasLocalStorage())
        if (const Expr *From = onlyValueOf(V, Body, AST))
          L = From->IgnoreParenImpCasts();
    const auto *Call = dyn_cast<CallExpr>(L);
    auto One = constantValue(N, AST);
    if (Call && One && *One >= 1 && Call->getDirectCallee() &&
        Call->getDirectCallee()->getName() == "strlen" && Call->getNumArgs() == 1) {
      const ValueDecl *A = referencedDecl(Call->getArg(0));
      if (A && A == referencedDecl(Src) &&
          isa<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts()) &&
          isa<DeclRefExpr>(Src->IgnoreParenImpCasts()))
        return true;
    }
  }
  return false;
}

} // namespace

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
  // Where a local pointer came from: a declared array has its size
  // (`char *p = buf;`), an allocation sized for the source fits it
  // (`p = malloc(strlen(s) + 1); strcpy(p, s);`).
  if (!DstBytes)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Dst->IgnoreParenImpCasts()))
      if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
        if (const FunctionDecl *FD = context().enclosingFunction(AST, Call->getBeginLoc()))
          if (const Expr *From = onlyValueOf(V, FD->getBody(), AST)) {
            From = From->IgnoreParenCasts();
            if (isa<DeclRefExpr, MemberExpr>(From) && From->getType()->isArrayType())
              DstBytes = destinationArrayBytes(From, AST);
            else if (const auto *Alloc = dyn_cast<CallExpr>(From);
                     Alloc && Alloc->getDirectCallee() && Alloc->getNumArgs() == 1 &&
                     Alloc->getDirectCallee()->getName() == "malloc") {
              if (!Appends && sizedForCopyOf(Alloc->getArg(0), Src, AST, FD->getBody()))
                return;
              DstBytes = constantValue(Alloc->getArg(0), AST);
            }
          }
  // Near miss: copying a literal that fits into a fixed array is safe.
  if (const StringLiteral *Lit = asStringLiteral(Src))
    if (DstBytes && !Appends && Lit->getByteLength() + Lit->getCharByteWidth() <= *DstBytes)
      return;
  // A literal copied (not appended) into a destination of unknown size
  // writes a constant number of bytes, fixed by the code: it overflows only
  // a destination smaller than the literal, which no input can change. A
  // note (low), with the byte count, not a copy "with no bound".
  if (const StringLiteral *Lit = asStringLiteral(Src))
    if (!DstBytes && !Appends) {
      auto &Found = context().findings();
      size_t Before = Found.size();
      report(AST, Call->getBeginLoc(),
             "'" + Name + "' copies the literal '" + text(AST, Src) + "' (" +
                 std::to_string(Lit->getByteLength() + Lit->getCharByteWidth()) +
                 " bytes) into '" + text(AST, Dst) + "', whose size is not known here");
      if (Found.size() > Before)
        Found.back().Sev = Severity::Low;
      return;
    }
  std::string Msg = "'" + Name + "' " + (Appends ? "appends '" : "copies '") + text(AST, Src) +
                    "' " + (Appends ? "to '" : "into '") + text(AST, Dst) + "'";
  if (DstBytes)
    Msg += " (" + std::to_string(*DstBytes) + " bytes)";
  Msg += " with no bound on the length";
  report(AST, Call->getBeginLoc(), Msg);
}

} // namespace carcinize
