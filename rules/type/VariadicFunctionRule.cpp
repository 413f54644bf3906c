#include "rules/type/VariadicFunctionRule.h"

#include "rules/RuleUtils.h"

#include <clang/AST/Attr.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo VariadicFunctionRule::info() {
  RuleInfo I;
  I.Id = "type.variadic-function";
  I.Title = "C-style variadic function ('...') defined";
  I.Cwe = {628};
  I.DefaultSeverity = Severity::Low;
  I.Rationale =
      "The arguments behind '...' carry no type and no count: the function reads them with "
      "'va_arg' trusting a format string or a sentinel, and a caller that passes one argument "
      "too few or of the wrong type makes it read garbage or follow a bad pointer. A "
      "'format(printf, ...)' attribute lets the compiler check printf-like call sites (the "
      "message says so), but the function body still trusts 'va_arg'. Not flagged: C++ "
      "variadic templates (typed), declarations without a body.";
  I.RustAlternative =
      "Pass a slice (`&[T]`) or an iterator for a list of values of one type, use generics or "
      "a trait for several types, and a macro (`format!`-style with `format_args!`) for "
      "printf-like APIs, whose arguments are checked at compile time.";
  I.Precision = "high";
  return I;
}

void VariadicFunctionRule::registerMatchers(MatchFinder &Finder) {
  // `int log_msg(int level, const char *fmt, ...) { ... }`.
  Finder.addMatcher(functionDecl(isDefinition(), isVariadic(), unless(isImplicit()),
                                 unless(isTemplateInstantiation()))
                        .bind("fn"),
                    this);
}

void VariadicFunctionRule::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Msg = "'" + FD->getNameAsString() + "' takes a variable argument list ('...') "
                    "whose types and count are not checked";
  // The attribute may sit on an earlier declaration (the header).
  for (const FunctionDecl *D : FD->redecls())
    if (const auto *F = D->getAttr<FormatAttr>()) {
      Msg += "; its 'format(" + F->getType()->getName().str() +
             ")' attribute lets the compiler check the call sites";
      break;
    }
  report(AST, FD->getLocation(), Msg);
}

} // namespace carcinize
