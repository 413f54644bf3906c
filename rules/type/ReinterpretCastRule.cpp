#include "rules/type/ReinterpretCastRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

#include <clang/AST/ExprCXX.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo ReinterpretCastRule::info() {
  RuleInfo I;
  I.Id = "type.reinterpret-cast";
  I.Title = "'reinterpret_cast' reinterprets a value as an unrelated type";
  I.Cwe = {704, 843};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "'reinterpret_cast' converts between unrelated pointer types and between pointers and "
      "integers with no check at all: using the result as the new type breaks strict aliasing "
      "and alignment, and an integer turned into a pointer can point anywhere. Casts of an "
      "object pointer or reference to 'char', 'unsigned char' or 'std::byte' are not flagged: "
      "byte access is defined for every object.";
  I.RustAlternative =
      "Use a typed representation (`enum`, trait objects, generics); for bytes, "
      "`bytemuck`/`zerocopy` casts check size and alignment, `to_ne_bytes`/`from_ne_bytes` "
      "convert integers, and pointer-integer conversions (`ptr.addr()`, "
      "`ptr::with_exposed_provenance`) are explicit and need `unsafe` to dereference.";
  I.Precision = "medium";
  return I;
}

void ReinterpretCastRule::registerMatchers(MatchFinder &Finder) {
  // `reinterpret_cast<T>(e)`, once per template pattern.
  Finder.addMatcher(cxxReinterpretCastExpr(unless(isInTemplateInstantiation())).bind("cast"),
                    this);
}

void ReinterpretCastRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Cast = Result.Nodes.getNodeAs<CXXReinterpretCastExpr>("cast");
  ASTContext &AST = *Result.Context;
  const Expr *Src = Cast->getSubExprAsWritten();
  QualType From = Src->getType();
  QualType To = Cast->getTypeAsWritten();
  // Byte access: `reinterpret_cast<const unsigned char *>(&x)` or `<char &>(x)`.
  if (!To->isDependentType()) {
    if (To->isPointerType() && isByteType(To->getPointeeType()) &&
        (From->isPointerType() || From->isArrayType()) &&
        !From->getPointeeOrArrayElementType()->isFunctionType())
      return;
    if (To->isReferenceType() && isByteType(To.getNonReferenceType()))
      return;
  }
  report(AST, Cast->getBeginLoc(),
         "'reinterpret_cast' reinterprets '" + text(AST, Src->getSourceRange()) + "' ('" +
             typeName(From, AST) + "') as '" + typeName(To, AST) + "'");
}

} // namespace carcinize
