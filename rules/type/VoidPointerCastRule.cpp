#include "rules/type/VoidPointerCastRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

#include <clang/AST/ExprCXX.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// The name of the function or function pointer \p Call calls through:
/// 'malloc', or 'zalloc' for `(*strm->zalloc)(...)`.
std::string calleeName(const CallExpr *Call) {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD->getNameAsString();
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(Callee); U && U->getOpcode() == UO_Deref)
    Callee = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MemberExpr>(Callee))
    return M->getMemberDecl()->getNameAsString();
  if (const auto *D = dyn_cast<DeclRefExpr>(Callee))
    return D->getDecl()->getNameAsString();
  return "";
}
} // namespace

VoidPointerCastRule::VoidPointerCastRule(const RuleInfo &I, RuleContext &C, Severity S,
                                         RuleOptions O)
    : Rule(I, C, S, std::move(O)) {
  const Tables &T = builtinTables();
  Allocators = namesFrom(T.names("allocators"), "allocator-functions");
  for (const auto &N : T.names("checked-allocators"))
    Allocators.push_back(N);
  for (const std::string &Name : builtinTables().names("fresh-memory-allocators"))
    Allocators.push_back(Name);
}

RuleInfo VoidPointerCastRule::info() {
  RuleInfo I;
  I.Id = "type.void-pointer-cast";
  I.Title = "Explicit cast turns a 'void *' into a typed object pointer";
  I.Cwe = {704, 843};
  I.DefaultSeverity = Severity::Low;
  I.Rationale =
      "A 'void *' has lost its type: casting it back asserts, without any check, that the "
      "object really is of the target type. Callback contexts, generic containers and "
      "thread arguments recovered this way are a classic source of type confusion when two "
      "callers pass different objects. Not flagged: the cast of an allocator's result "
      "(`(T *)malloc(n)`, any callee whose name contains 'alloc', any call given "
      "`sizeof(T)` as an argument), which is fresh memory; null pointer constants; "
      "casts to 'char *' or 'unsigned char *' (byte access); implicit conversions.";
  I.RustAlternative =
      "Generics (`fn for_each<T>(items: &[T], f: impl FnMut(&T))`) and closures that capture "
      "their context replace `void *` callback data; `Box<dyn Any>` with `downcast_ref` checks "
      "the type at run time when erasure is really needed.";
  I.Precision = "low";
  I.Options = {{"allocator-functions",
                "Extra functions whose 'void *' result is fresh memory, not a flagged cast."}};
  return I;
}

void VoidPointerCastRule::registerMatchers(MatchFinder &Finder) {
  auto FromVoidPointer = hasSourceExpression(hasType(pointerType(pointee(voidType()))));
  // `(struct job *)arg`: a C-style cast from void *.
  Finder.addMatcher(cStyleCastExpr(hasType(pointerType()), FromVoidPointer,
                                   unless(isInTemplateInstantiation()))
                        .bind("cast"),
                    this);
  // `static_cast<Job *>(arg)`: the C++ spelling of the same cast.
  Finder.addMatcher(cxxStaticCastExpr(hasType(pointerType()), FromVoidPointer,
                                      unless(isInTemplateInstantiation()))
                        .bind("cast"),
                    this);
}

/// Whether \p E mentions `sizeof(T)` (or `sizeof *p` of type T) for \p T.
static bool mentionsSizeOf(const Stmt *E, QualType T, ASTContext &Ctx) {
  if (!E)
    return false;
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E))
    return U->getKind() == UETT_SizeOf && Ctx.hasSameUnqualifiedType(U->getTypeOfArgument(), T);
  for (const Stmt *C : E->children())
    if (mentionsSizeOf(C, T, Ctx))
      return true;
  return false;
}

bool VoidPointerCastRule::isAllocation(const Expr *E, QualType Pointee, ASTContext &Ctx) const {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  if (!Call)
    return false;
  // `(UBox *)lua_newuserdatauv(L, sizeof(UBox), 0)`, `(T *)grow(v, n, sizeof(T))`:
  // a call given the size of the target type returns memory made for it.
  for (const Expr *A : Call->arguments())
    if (mentionsSizeOf(A, Pointee, Ctx))
      return true;
  std::string Name = calleeName(Call);
  if (std::find(Allocators.begin(), Allocators.end(), Name) != Allocators.end())
    return true;
  // Projects wrap their allocators (xmalloc, luaM_realloc_, zlib's
  // strm->zalloc): a callee named like an allocator returns fresh memory.
  return llvm::StringRef(Name).contains_insensitive("alloc");
}

void VoidPointerCastRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Cast = Result.Nodes.getNodeAs<ExplicitCastExpr>("cast");
  ASTContext &AST = *Result.Context;
  QualType ToPointee = Cast->getType()->getPointeeType();
  if (ToPointee->isVoidType() || ToPointee->isFunctionType() || isByteType(ToPointee))
    return;
  if (isAllocation(Cast->getSubExpr(), ToPointee, AST))
    return;
  const Expr *Src = Cast->getSubExprAsWritten();
  // `(lua_State *)NULL` converts no object.
  if (Src->isNullPointerConstant(AST, Expr::NPC_ValueDependentIsNotNull))
    return;
  std::string Kind = isa<CStyleCastExpr>(Cast) ? "C-style cast" : "'static_cast'";
  report(AST, Cast->getBeginLoc(),
         Kind + " converts " + describeOperand(text(AST, Src), Src->getType(), AST) +
             " to '" + typeName(Cast->getTypeAsWritten(), AST) + "'");
}

} // namespace carcinize
