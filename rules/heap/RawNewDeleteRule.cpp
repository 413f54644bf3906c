#include "rules/heap/RawNewDeleteRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/ExprCXX.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RawNewDeleteRule::RawNewDeleteRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      SmartPointers(namesFrom(builtinTables().names("smart-pointers"), "smart-pointer-classes")) {}

RuleInfo RawNewDeleteRule::info() {
  RuleInfo I;
  I.Id = "heap.raw-new-delete";
  I.Title = "Object allocated with new or released with delete through a raw pointer";
  I.Cwe = {401, 762, 415};
  // A style note: a raw `new` says how memory is managed, not that it is
  // mismanaged (heap.double-free and heap.use-after-free report that).
  I.DefaultSeverity = Severity::Low;
  I.Rationale = "A `new` whose result goes into a raw pointer must be matched by exactly one "
                "`delete` of the same form (`delete[]` for `new[]`) on every path, including "
                "early returns and exceptions. A missed path leaks, a second one frees twice, "
                "and a mismatched form is undefined behaviour. Smart pointers make the release "
                "automatic; raw new/delete leave it to the programmer.";
  I.RustAlternative = "`Box::new(value)` for one object and `Vec<T>` (or `Box<[T]>`) for an "
                      "array: the owner frees it exactly once when it goes out of scope; "
                      "`Rc<T>`/`Arc<T>` replace `shared_ptr`, and borrows (`&T`, `&mut T`) "
                      "replace non-owning raw pointers.";
  I.Precision = "medium";
  I.Options = {{"smart-pointer-classes",
                "Extra classes (qualified names) that take ownership of a pointer from `new` "
                "in their constructor or `reset`; such `new`s are not flagged."}};
  return I;
}

void RawNewDeleteRule::registerMatchers(MatchFinder &Finder) {
  // new T, new T[n] (placement and smart-pointer construction filtered in check).
  Finder.addMatcher(cxxNewExpr(unless(isInTemplateInstantiation())).bind("new"), this);
  // delete p, delete[] p.
  Finder.addMatcher(cxxDeleteExpr(unless(isInTemplateInstantiation())).bind("delete"), this);
}

void RawNewDeleteRule::check(const MatchFinder::MatchResult &Result) {
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new"))
    checkNew(New, *Result.Context);
  if (const auto *Del = Result.Nodes.getNodeAs<CXXDeleteExpr>("delete"))
    checkDelete(Del, *Result.Context);
}

bool RawNewDeleteRule::isSmartPointer(QualType T) const {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = RD->getQualifiedNameAsString();
  // libstdc++ and libc++ declare the classes in inline namespaces.
  for (llvm::StringRef Inline : {"std::__1::", "std::__cxx11::"})
    if (llvm::StringRef(Name).starts_with(Inline))
      Name = "std::" + Name.substr(Inline.size());
  return std::find(SmartPointers.begin(), SmartPointers.end(), Name) != SmartPointers.end();
}

void RawNewDeleteRule::checkNew(const CXXNewExpr *New, ASTContext &AST) {
  // Placement new constructs in storage someone else owns; `new (std::nothrow)`
  // is still an allocation.
  if (New->getNumPlacementArgs() > 0) {
    QualType P = New->getPlacementArg(0)->getType();
    const auto *RD = P->getAsCXXRecordDecl();
    if (!RD || RD->getName() != "nothrow_t")
      return;
  }
  // Ownership handed to a smart pointer: `unique_ptr<T>(new T)`, `p.reset(new T)`.
  const Stmt *Cur = New;
  while (const Stmt *P = parentStmt(Cur, AST)) {
    if (isa<ParenExpr, ImplicitCastExpr, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
            ExprWithCleanups, CXXFunctionalCastExpr>(P)) {
      Cur = P;
      continue;
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(P))
      if (isSmartPointer(C->getType()))
        return;
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(P))
      if (M->getMethodDecl() && M->getMethodDecl()->getName() == "reset" &&
          isSmartPointer(M->getObjectType()))
        return;
    break;
  }
  std::string Form = New->isArray() ? "'new[]' allocates an array of '" : "'new' allocates '";
  std::string Msg = Form + New->getAllocatedType().getAsString(AST.getPrintingPolicy()) + "'";
  heap::Storage S = heap::storedInto(New, AST);
  if (S.Var)
    Msg += " owned by raw pointer '" + S.Var->getNameAsString() + "'";
  else if (S.Lhs)
    Msg += " owned by raw pointer '" + text(AST, S.Lhs) + "'";
  else
    Msg += " outside a smart pointer";
  report(AST, New->getBeginLoc(), Msg);
}

void RawNewDeleteRule::checkDelete(const CXXDeleteExpr *Del, ASTContext &AST) {
  const Expr *Arg = heap::stripCasts(Del->getArgument());
  std::string Form = Del->isArrayForm() ? "delete[]" : "delete";
  std::string Msg = "'" + Form + "' releases '" + text(AST, Arg) + "' by hand";
  // Mismatched form: the variable got a `new` of the other form in the same
  // function (`int *a = new int[n]; ... delete a;`).
  const auto *DRE = dyn_cast<DeclRefExpr>(Arg);
  const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  const FunctionDecl *FD = Var ? context().enclosingFunction(AST, Del->getBeginLoc()) : nullptr;
  if (FD && FD->getBody()) {
    auto News = match(findAll(cxxNewExpr().bind("n")), *FD->getBody(), AST);
    for (const auto &N : News) {
      const auto *New = N.getNodeAs<CXXNewExpr>("n");
      if (New->isArray() == Del->isArrayForm() || heap::storedInto(New, AST).var() != Var)
        continue;
      unsigned Line = AST.getSourceManager().getExpansionLineNumber(New->getBeginLoc());
      Msg = "'" + Form + "' releases '" + Var->getNameAsString() + "', allocated with '" +
            (New->isArray() ? "new[]" : "new") + "' at line " + std::to_string(Line);
      break;
    }
  }
  report(AST, Del->getBeginLoc(), Msg);
}

} // namespace carcinize
