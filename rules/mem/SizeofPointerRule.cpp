#include "rules/mem/SizeofPointerRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/AST/ParentMapContext.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// Size arguments of functions that are in no table yet.

/// A parameter declared as an array (`char buf[64]`), which is a pointer.
const ParmVarDecl *arrayParameter(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParens());
  const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return P && isa<DecayedType>(P->getType()) ? P : nullptr;
}

/// The `sizeof p` expressions in \p E with `p` a pointer variable or field.
void sizeofsOfPointers(const Stmt *E,
                       std::vector<const UnaryExprOrTypeTraitExpr *> &Out) {
  if (!E)
    return;
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E)) {
    if (U->getKind() == UETT_SizeOf && !U->isArgumentType()) {
      const Expr *Arg = U->getArgumentExpr()->IgnoreParens();
      if (isa<DeclRefExpr, MemberExpr>(Arg) &&
          Arg->getType()->isPointerType() && !arrayParameter(Arg))
        Out.push_back(U);
    }
    return;
  }
  for (const Stmt *C : E->children())
    sizeofsOfPointers(C, Out);
}

/// The pointer type an allocation's result is stored as: the variable it
/// initialises, the left side it is assigned to, or an explicit cast.
QualType allocationTarget(const Expr *Call, ASTContext &AST) {
  DynTypedNode N = DynTypedNode::create(*Call);
  for (int Depth = 0; Depth < 8; ++Depth) {
    auto Parents = AST.getParents(N);
    if (Parents.empty())
      return {};
    DynTypedNode P = Parents[0];
    if (const auto *C = P.get<ExplicitCastExpr>())
      return C->getType();
    if (const auto *V = P.get<VarDecl>())
      return V->getType();
    if (const auto *B = P.get<BinaryOperator>())
      return B->isAssignmentOp() ? B->getLHS()->getType() : QualType();
    if (!P.get<ImplicitCastExpr>() && !P.get<ParenExpr>())
      return {};
    N = P;
  }
  return {};
}

} // namespace

SizeofPointerRule::SizeofPointerRule(const RuleInfo &I, RuleContext &C,
                                     Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Allocators(namesFrom(builtinTables().names("allocators"), "allocators")) {
  for (const char *Table :
       {"memory-copy", "truncating-string-copy", "allocators"})
    for (const TableRow &R : builtinTables().rows(Table))
      for (const char *Field : {"size", "count"})
        if (R.index(Field) >= 0)
          SizeArgs[R.name()].push_back(R.index(Field));
  for (const TableRow &R : builtinTables().rows("sized-buffer-functions"))
    SizeArgs[R.name()].push_back(R.index("size"));
  // Extra allocators from the options take their size first.
  for (const std::string &Name : option("allocators"))
    SizeArgs[Name].push_back(0);
}

RuleInfo SizeofPointerRule::info() {
  RuleInfo I;
  I.Id = "mem.sizeof-pointer";
  I.Title = "sizeof of a pointer used as the size of a buffer";
  I.Cwe = {467};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "sizeof applied to a pointer gives the pointer's size (8 "
                "bytes), not the size "
                "of the buffer it points to. A parameter declared as 'char "
                "buf[64]' is such a "
                "pointer. Used as the size of a copy, a fill or an allocation, "
                "it copies too "
                "little or allocates too little, and later writes overflow.";
  I.RustAlternative =
      "Slices carry their length: `buf.len()` on a `&[u8]` or `&mut [u8]` is "
      "always the buffer's size, and arrays passed as `&[u8; 64]` keep theirs; "
      "`std::mem::size_of_val(buf)` on a slice is its byte size.";
  I.Options = {
      {"allocators",
       "Extra allocation functions whose first argument is the size."}};
  return I;
}

void SizeofPointerRule::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names;
  for (const auto &[Name, Indexes] : SizeArgs)
    Names.push_back(Name);
  // A call whose size argument may hold `sizeof p`.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Names))).bind("fn")),
               unless(isInTemplateInstantiation()))
          .bind("call"),
      this);
  // `sizeof buf` of a parameter declared as an array, anywhere.
  Finder.addMatcher(unaryExprOrTypeTraitExpr(
                        ofKind(UETT_SizeOf),
                        has(ignoringParens(declRefExpr(to(parmVarDecl())))),
                        unless(isInTemplateInstantiation()))
                        .bind("sizeof"),
                    this);
}

void SizeofPointerRule::checkCall(const CallExpr *Call, const FunctionDecl *Fn,
                                  ASTContext &AST) {
  auto It = SizeArgs.find(Fn->getName().str());
  if (It == SizeArgs.end())
    return;
  std::vector<const UnaryExprOrTypeTraitExpr *> Found;
  for (int Index : It->second)
    sizeofsOfPointers(mem::argAt(Call, Index), Found);
  if (Found.empty())
    return;
  bool Allocates = std::find(Allocators.begin(), Allocators.end(),
                             Fn->getName().str()) != Allocators.end();
  // Near miss: copying a pointer value, `memcpy(&n->next, &head, sizeof head)`.
  if (!Allocates && Call->getNumArgs() > 0) {
    int DestIdx = 0;
    if (const TableRow *Row =
            builtinTables().find("memory-copy", Fn->getName().str()))
      DestIdx = Row->index("dest");
    if (const Expr *Dst = mem::argAt(Call, DestIdx)) {
      QualType T = Dst->IgnoreParenCasts()->getType();
      if (T->isPointerType() && T->getPointeeType()->isPointerType())
        return;
    }
  }
  if (Allocates) {
    // Near miss: an array of pointers, `char **v = malloc(n * sizeof(p))`.
    QualType Target = allocationTarget(Call, AST);
    if (!Target.isNull() && Target->isPointerType() &&
        Target->getPointeeType()->isPointerType())
      return;
  }
  for (const UnaryExprOrTypeTraitExpr *U : Found) {
    const Expr *Arg = U->getArgumentExpr()->IgnoreParens();
    // Near miss: the pointer's own bytes are copied, `memcpy(buf, &p,
    // sizeof p)` (lua's luai_makeseed hashes pointers so).
    const ValueDecl *D = referencedDecl(Arg);
    bool CopiesThePointer = false;
    for (const Expr *A : Call->arguments())
      if (const auto *Addr = dyn_cast<UnaryOperator>(A->IgnoreParenCasts()))
        if (Addr->getOpcode() == UO_AddrOf && D &&
            referencedDecl(Addr->getSubExpr()) == D)
          CopiesThePointer = true;
    if (CopiesThePointer)
      continue;
    uint64_t Bytes = AST.getTypeSizeInChars(Arg->getType()).getQuantity();
    report(AST, U->getBeginLoc(),
           "'" + text(AST, U) +
               "' in the size of '" + Fn->getName().str() +
               "' is the size of the pointer '" +
               text(AST, Arg) + "' (" +
               std::to_string(Bytes) + " bytes), not of what it points to");
  }
}

void SizeofPointerRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    checkCall(Call, Result.Nodes.getNodeAs<FunctionDecl>("fn"), AST);
    return;
  }
  const auto *U = Result.Nodes.getNodeAs<UnaryExprOrTypeTraitExpr>("sizeof");
  const ParmVarDecl *P = arrayParameter(U->getArgumentExpr());
  if (!P)
    return;
  report(
      AST, U->getBeginLoc(),
      "'" + text(AST, U) +
          "' is the size of a pointer (" +
          std::to_string(AST.getTypeSizeInChars(P->getType()).getQuantity()) +
          " bytes): the array parameter '" + P->getNameAsString() + "' is a '" +
          P->getType().getAsString() + "'");
}

} // namespace carcinize
