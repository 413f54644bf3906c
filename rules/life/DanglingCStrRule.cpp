#include "rules/life/DanglingCStrRule.h"

#include "rules/RuleUtils.h"
#include "rules/life/LifeUtils.h"

#include <clang/AST/RecursiveASTVisitor.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

/// A temporary object: a prvalue (`make()`, `a + b`, `std::string("x")`).
/// IgnoreParenImpCasts, which `on()` applies, already looks through the
/// MaterializeTemporaryExpr, so the materialization itself is not visible.
AST_MATCHER(Expr, isTemporaryObject) { return Node.isPRValue(); }

// Classes that own their storage: a pointer from c_str()/data() dies with
// the object (table `owning-containers`).

// Non-owning views that dangle when built from a temporary owner.
// (table `view-types`)

/// True when \p Var is referenced in \p Body after offset \p After.
class LaterUse : public RecursiveASTVisitor<LaterUse> {
public:
  LaterUse(const SourceManager &SM, const ValueDecl *Var, unsigned After)
      : SM(SM), Var(Var), After(After) {}
  bool VisitDeclRefExpr(DeclRefExpr *D) {
    if (D->getDecl() == Var && life::offsetOf(SM, D->getBeginLoc()) > After)
      Found = true;
    return !Found;
  }
  bool Found = false;

private:
  const SourceManager &SM;
  const ValueDecl *Var;
  unsigned After;
};

bool usedAfter(ASTContext &AST, const FunctionDecl *Fn, const ValueDecl *Var,
               SourceLocation After) {
  if (!Fn || !Fn->getBody())
    return true;
  const SourceManager &SM = AST.getSourceManager();
  LaterUse V(SM, Var, life::offsetOf(SM, After));
  V.TraverseStmt(Fn->getBody());
  return V.Found;
}

std::string ownerName(const CXXMemberCallExpr *Call) {
  const CXXRecordDecl *RD = Call->getMethodDecl()->getParent();
  std::string N = RD->getNameAsString();
  if (N == "basic_string")
    return "std::string";
  return "std::" + N;
}

} // namespace

DanglingCStrRule::DanglingCStrRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Accessors(namesFrom(builtinTables().names("storage-accessors"), "accessors")),
      Owners(builtinTables().names("owning-containers")),
      Views(builtinTables().names("view-types")) {}

RuleInfo DanglingCStrRule::info() {
  RuleInfo I;
  I.Id = "life.dangling-c-str";
  I.Title = "Pointer from c_str()/data() or a view outlives the string that owns it";
  I.Cwe = {416, 562};
  I.DefaultSeverity = Severity::High;
  I.Rationale =
      "c_str() and data() return a pointer into the string's or vector's own buffer, and a "
      "string_view or span only borrows it. When the owner is a temporary it is destroyed at "
      "the end of the full expression; when it is a local it is destroyed on return. The "
      "pointer kept in a variable, or returned, then points to freed memory: a use after "
      "free that usually reads plausible old bytes, so tests pass.";
  I.RustAlternative =
      "`&str` and `&[T]` borrow from a `String` or `Vec<T>` and the borrow checker refuses "
      "to let them outlive it (\"temporary value dropped while borrowed\"). Keep the owner "
      "in a named binding, or return the owned `String`/`Vec<T>` instead of a borrow; use "
      "`CString` only at the FFI boundary, with `as_ptr()` on a value that lives long "
      "enough.";
  I.Precision = "high";
  I.Options = {{"accessors", "Extra member functions that return a pointer into the "
                             "object's storage (besides the table storage-accessors)."}};
  return I;
}

void DanglingCStrRule::registerMatchers(MatchFinder &Finder) {
  auto Owner = cxxRecordDecl(hasAnyName(refsOf(Owners)));
  auto Accessor = cxxMethodDecl(hasAnyName(refsOf(Accessors)), ofClass(Owner));
  // `tmp().c_str()`: the object is a temporary, destroyed at the end of the statement.
  auto OnTemporary =
      cxxMemberCallExpr(callee(Accessor), on(expr(isTemporaryObject()))).bind("call");
  auto InFunction = forFunction(functionDecl(isDefinition()).bind("fn"));
  // `const char *p = tmp().c_str();`
  Finder.addMatcher(varDecl(hasType(pointerType()),
                            hasInitializer(ignoringParenImpCasts(OnTemporary)))
                        .bind("var"),
                    this);
  // `p = tmp().c_str();`
  Finder.addMatcher(binaryOperator(hasOperatorName("="), hasRHS(ignoringParenImpCasts(OnTemporary)),
                                   InFunction)
                        .bind("assign"),
                    this);
  // `return tmp().c_str();` or `return local.c_str();`
  Finder.addMatcher(
      returnStmt(hasReturnValue(ignoringParenImpCasts(
                     cxxMemberCallExpr(callee(Accessor)).bind("retcall"))),
                 InFunction)
          .bind("ret"),
      this);
  // `std::string_view v = tmp();`: a view of a temporary owner.
  Finder.addMatcher(
      varDecl(unless(parmVarDecl()),
              hasType(hasUnqualifiedDesugaredType(recordType(hasDeclaration(
                  cxxRecordDecl(hasAnyName(refsOf(Views))))))),
              hasInitializer(expr().bind("viewinit")))
          .bind("view"),
      this);
}

void DanglingCStrRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var")) {
    const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("call");
    const FunctionDecl *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
    // Near miss: the pointer is never used after the statement.
    if (!usedAfter(AST, Fn, Var, Var->getEndLoc()))
      return;
    report(AST, Var->getLocation(),
           "'" + Var->getNameAsString() + "' keeps the result of '" +
               Call->getMethodDecl()->getNameAsString() + "()' on a temporary " +
               ownerName(Call) + " that is destroyed at the end of the statement");
    return;
  }
  if (const auto *Assign = Result.Nodes.getNodeAs<BinaryOperator>("assign")) {
    const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("call");
    const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
    const ValueDecl *Dest = referencedDecl(Assign->getLHS());
    const auto *DestVar = dyn_cast_or_null<VarDecl>(Dest);
    // A local destination counts only when it is read afterwards; members,
    // globals and out-parameters outlive the statement.
    if (DestVar && DestVar->hasLocalStorage() && !DestVar->getType()->isReferenceType() &&
        !usedAfter(AST, Fn, DestVar, Assign->getEndLoc()))
      return;
    report(AST, Assign->getBeginLoc(),
           "'" + text(AST, Assign->getLHS()->getSourceRange()) + "' keeps the result of '" +
               Call->getMethodDecl()->getNameAsString() + "()' on a temporary " +
               ownerName(Call) + " that is destroyed at the end of the statement");
    return;
  }
  if (const auto *Ret = Result.Nodes.getNodeAs<ReturnStmt>("ret")) {
    const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("retcall");
    const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
    if (!Fn->getReturnType()->isPointerType())
      return;
    const Expr *Obj = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    std::string Method = Call->getMethodDecl()->getNameAsString();
    if (Obj->isPRValue()) {
      report(AST, Ret->getBeginLoc(),
             "returns '" + Method + "()' of a temporary " + ownerName(Call) +
                 " that is destroyed before '" + Fn->getNameAsString() + "' returns");
      return;
    }
    const VarDecl *V = life::storageOwner(Obj);
    if (V && life::isAutomaticObjectOf(V, Fn))
      report(AST, Ret->getBeginLoc(),
             "returns '" + V->getNameAsString() + "." + Method + "()', a pointer into " +
                 (isa<ParmVarDecl>(V) ? "by-value parameter '" : "local '") +
                 V->getNameAsString() + "' that is destroyed when '" + Fn->getNameAsString() +
                 "' returns");
    return;
  }
  if (const auto *View = Result.Nodes.getNodeAs<VarDecl>("view")) {
    const Expr *Init = Result.Nodes.getNodeAs<Expr>("viewinit");
    // Peel the view's construction down to the object it borrows from:
    // a conversion operator (`string::operator string_view`) or a constructor argument.
    const Expr *E = Init;
    const MaterializeTemporaryExpr *Temp = nullptr;
    for (int Depth = 0; Depth < 12 && E && !Temp; ++Depth) {
      if (const auto *P = dyn_cast<ParenExpr>(E)) {
        E = P->getSubExpr();
      } else if (const auto *C = dyn_cast<ImplicitCastExpr>(E)) {
        E = C->getSubExpr();
      } else if (const auto *F = dyn_cast<FullExpr>(E)) {
        E = F->getSubExpr();
      } else if (const auto *T = dyn_cast<MaterializeTemporaryExpr>(E)) {
        // The view itself materialized (`string_view v = string_view(tmp())`).
        if (T->getType()->getAsCXXRecordDecl() == View->getType()->getAsCXXRecordDecl())
          E = T->getSubExpr();
        else
          Temp = T;
      } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
        E = B->getSubExpr();
      } else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E)) {
        E = F->getSubExpr();
      } else if (const auto *M = dyn_cast<CXXMemberCallExpr>(E)) {
        if (!isa<CXXConversionDecl>(M->getMethodDecl()))
          return;
        E = M->getImplicitObjectArgument();
      } else if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
        if (C->getNumArgs() == 0)
          return;
        E = C->getArg(0);
      } else {
        return;
      }
    }
    if (!Temp || Temp->getExtendingDecl())
      return;
    const CXXRecordDecl *RD = Temp->getType()->getAsCXXRecordDecl();
    if (!RD)
      return;
    // `hasAnyName` sees through inline namespaces (`std::__cxx11`); so does this.
    bool Owning = false;
    for (const std::string &O : Owners)
      if (RD->isInStdNamespace() && O == "::std::" + RD->getNameAsString())
        Owning = true;
    if (!Owning)
      return;
    const FunctionDecl *Fn = dyn_cast<FunctionDecl>(View->getDeclContext());
    if (!usedAfter(AST, Fn, View, View->getEndLoc()))
      return;
    std::string OwnerName = RD->getNameAsString() == "basic_string" ? "std::string"
                                                                     : "std::" + RD->getNameAsString();
    report(AST, View->getLocation(),
           "'" + View->getNameAsString() + "' views a temporary " + OwnerName +
               " that is destroyed at the end of the statement");
  }
}

} // namespace carcinize
