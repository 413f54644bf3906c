#include "rules/mem/UncheckedMemcpySizeRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The bytes of the object \p Dst visibly designates: a fixed array, or
/// `&var` of a complete type.
std::optional<uint64_t> knownObjectBytes(const Expr *Dst, ASTContext &AST) {
  const Expr *E = Dst->IgnoreParenCasts();
  if (auto Bytes = destinationArrayBytes(E, AST))
    return Bytes;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf) {
      QualType T = U->getSubExpr()->getType();
      if (!T->isIncompleteType() && !T->isDependentType() &&
          !isa<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParens()))
        return AST.getTypeSizeInChars(T).getQuantity();
    }
  return std::nullopt;
}

/// The size of what \p Dst points to when it is a pointer to a complete
/// object type (`struct hdr *` -> sizeof(struct hdr)); copying that much
/// fills exactly one object.
std::optional<uint64_t> pointeeBytes(const Expr *Dst, ASTContext &AST) {
  QualType T = Dst->IgnoreParenCasts()->getType();
  if (!T->isPointerType())
    return std::nullopt;
  QualType P = T->getPointeeType();
  if (P->isVoidType() || P->isIncompleteType() || P->isDependentType() ||
      P->isFunctionType())
    return std::nullopt;
  return AST.getTypeSizeInChars(P).getQuantity();
}

/// True when \p Size is `sizeof p` for a pointer \p Dst: mem.sizeof-pointer
/// reports it.
bool isSizeofOfPointer(const Expr *Size) {
  const auto *U =
      dyn_cast<UnaryExprOrTypeTraitExpr>(Size->IgnoreParenImpCasts());
  return U && U->getKind() == UETT_SizeOf && !U->isArgumentType() &&
         isa<DeclRefExpr, MemberExpr>(U->getArgumentExpr()->IgnoreParens()) &&
         U->getArgumentExpr()->getType()->isPointerType();
}

/// Collects the variables and fields \p E reads, outside sizeof operands.
void variablesOf(const Stmt *E, std::vector<const ValueDecl *> &Out) {
  if (!E || isa<UnaryExprOrTypeTraitExpr>(E))
    return;
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (isa<VarDecl>(D->getDecl()))
      Out.push_back(D->getDecl());
  if (const auto *M = dyn_cast<MemberExpr>(E))
    Out.push_back(M->getMemberDecl());
  for (const Stmt *C : E->children())
    variablesOf(C, Out);
}

} // namespace

UncheckedMemcpySizeRule::UncheckedMemcpySizeRule(const RuleInfo &I,
                                                 RuleContext &C, Severity S,
                                                 RuleOptions O)
    : Rule(I, C, S, std::move(O)) {
  for (const TableRow &R : builtinTables().rows("memory-copy"))
    Functions[R.name()] = {R.index("dest"), R.index("size")};
  // "name:dest:size", 0-based argument indexes; "name" alone means 0 and 2.
  for (const std::string &Entry : option("copy-functions")) {
    llvm::SmallVector<llvm::StringRef, 3> Parts;
    llvm::StringRef(Entry).split(Parts, ':');
    CopyFunction F{0, 2};
    if (Parts.size() == 3) {
      Parts[1].trim().getAsInteger(10, F.Dest);
      Parts[2].trim().getAsInteger(10, F.Size);
    }
    Functions[Parts[0].trim().str()] = F;
  }
}

RuleInfo UncheckedMemcpySizeRule::info() {
  RuleInfo I;
  I.Id = "mem.unchecked-memcpy-size";
  I.Title = "memcpy-family size not provably within the destination";
  I.Cwe = {120, 787, 805};
  I.DefaultSeverity = Severity::High;
  I.Rationale =
      "memcpy, memmove and memset write exactly as many bytes as they are "
      "told. "
      "When the size comes from a length field, a parameter or arithmetic that "
      "is "
      "not checked against the destination, one wrong or hostile value writes "
      "past "
      "the end of the buffer. Sizes written as 'sizeof dst', 'sizeof *p' or a "
      "constant that fits are accepted.";
  I.RustAlternative =
      "`dst[..n].copy_from_slice(&src[..n])` panics instead of overflowing "
      "when `n` exceeds either slice; `dst.fill(0)` replaces memset; `Vec` "
      "`extend_from_slice` grows the destination; a fallible `get_mut(..n)` "
      "turns a bad length into `None`.";
  I.Precision = "medium";
  I.Options = {
      {"copy-functions",
       "Extra copy functions as 'name:dest:size' with 0-based argument indexes "
       "(e.g. 'zmemcpy:0:2'); a bare name means destination 0, size 2."}};
  return I;
}

void UncheckedMemcpySizeRule::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const auto &[Name, F] : Functions)
    Names.push_back(Name);
  // A call to memcpy or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Names))).bind("fn")),
               unless(isInTemplateInstantiation()))
          .bind("call"),
      this);
}

void UncheckedMemcpySizeRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  auto It = Functions.find(Name);
  if (It == Functions.end())
    It = Functions.find(Fn->getQualifiedNameAsString());
  if (It == Functions.end())
    return;
  const Expr *Dst = mem::argAt(Call, It->second.Dest);
  const Expr *Size = mem::argAt(Call, It->second.Size);
  if (!Dst || !Size || isSizeofOfPointer(Size))
    return;
  // wmemcpy counts wide characters: the unit is the destination parameter's
  // pointee (1 for void *).
  uint64_t Unit = 1;
  if (It->second.Dest < static_cast<int>(Fn->getNumParams())) {
    QualType PT = Fn->getParamDecl(It->second.Dest)->getType();
    if (PT->isPointerType() && !PT->getPointeeType()->isVoidType() &&
        !PT->getPointeeType()->isIncompleteType())
      Unit = AST.getTypeSizeInChars(PT->getPointeeType()).getQuantity();
  }
  std::optional<uint64_t> DstBytes = knownObjectBytes(Dst, AST);
  std::optional<uint64_t> Constant = constantValue(Size, AST);
  if (Constant) {
    // A constant size is safe when it fits the visible object, or one
    // pointee (`sizeof *p`, `sizeof(struct hdr)` into a `struct hdr *`).
    if (DstBytes && *Constant * Unit <= *DstBytes)
      return;
    if (!DstBytes)
      if (auto P = pointeeBytes(Dst, AST); P && *Constant * Unit <= *P)
        return;
  } else {
    // A size bounded by a guard (`if (len > sizeof buf) return;`) is checked.
    // Min-style expressions are not recognised: the guard must be visible.
    std::vector<const ValueDecl *> Vars;
    variablesOf(Size, Vars);
    for (const ValueDecl *V : Vars)
      if (mem::isVisiblyBounded(V, Call, AST))
        return;
  }

  bool Fills = llvm::StringRef(Name).contains("set") ||
               llvm::StringRef(Name).contains("zero");
  std::string DstText = text(AST, Dst);
  std::string SizeText =
      text(AST, Size);
  std::string Unitword = Unit == 1 ? " bytes" : " elements";
  std::string Msg = "'" + Name + (Fills ? "' fills " : "' copies ");
  Msg += Constant ? std::to_string(*Constant) : "'" + SizeText + "'";
  Msg += Unitword + (Fills ? " of '" : " into '") + DstText + "'";
  if (DstBytes)
    Msg += " (" + std::to_string(*DstBytes) + " bytes)";
  if (Constant) {
    if (!DstBytes)
      Msg += ", whose size is not known here";
    report(AST, Call->getBeginLoc(), Msg);
    return;
  }
  Msg += DstBytes ? "; '" + SizeText + "' is not checked against it"
                  : ", whose size is not known here";
  // Say where the size comes from when it is one variable.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Size->IgnoreParenImpCasts())) {
    if (const auto *P = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
      if (const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext()))
        Msg += "; '" + P->getNameAsString() + "' is a parameter of '" +
               F->getNameAsString() + "'";
    } else if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
               V && V->hasLocalStorage() && V->getInit()) {
      Msg += "; '" + V->getNameAsString() + "' is initialized from '" +
             text(AST, V->getInit()) +
             "'";
    }
  }
  report(AST, Call->getBeginLoc(), Msg);
}

} // namespace carcinize
