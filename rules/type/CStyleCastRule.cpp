#include "rules/type/CStyleCastRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

RuleInfo CStyleCastRule::info() {
  RuleInfo I;
  I.Id = "type.c-style-cast";
  I.Title = "C-style cast reinterprets an object pointer as a pointer to another type";
  I.Cwe = {704, 843};
  I.DefaultSeverity = Severity::Low;
  I.Rationale =
      "A C-style cast between pointers to different types tells the compiler to stop checking: "
      "the object is then read or written as a type it is not, which breaks strict aliasing and "
      "alignment and lets one layout be mistaken for another (type confusion). Not flagged: "
      "casts to or from 'void *' (type.void-pointer-cast), casts to 'char *', 'unsigned char *' "
      "or 'std::byte *' (byte access is defined for every object), casts that only add or "
      "remove qualifiers or signedness, casts of a struct pointer to its first member's type "
      "and casts between a union pointer and a pointer to one of its members' types (both "
      "defined by C11 6.7.2.1), "
      "function pointer casts, and C++ casts that are static up- or down-casts in a class "
      "hierarchy.";
  I.RustAlternative =
      "Model the variants as an `enum` or a trait object so that the type is checked; for "
      "bytes, `bytemuck::cast_ref`/`zerocopy::FromBytes` check size and alignment, and "
      "`from_le_bytes`/`to_le_bytes` convert integers explicitly. `std::mem::transmute` and "
      "pointer casts remain, but only inside `unsafe`.";
  I.Precision = "low";
  return I;
}

void CStyleCastRule::registerMatchers(MatchFinder &Finder) {
  // `(struct b *)p`: a C-style cast that reinterprets one pointer as another.
  Finder.addMatcher(cStyleCastExpr(hasCastKind(CK_BitCast), hasType(pointerType()),
                                   hasSourceExpression(hasType(pointerType())),
                                   unless(isInTemplateInstantiation()))
                        .bind("cast"),
                    this);
}

void CStyleCastRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Cast = Result.Nodes.getNodeAs<CStyleCastExpr>("cast");
  ASTContext &AST = *Result.Context;
  QualType From = Cast->getSubExpr()->getType();
  QualType To = Cast->getType();
  QualType FromPointee = From->getPointeeType();
  QualType ToPointee = To->getPointeeType();
  // void * is the other rule's; function pointers are not object access.
  if (FromPointee->isVoidType() || ToPointee->isVoidType() || FromPointee->isFunctionType() ||
      ToPointee->isFunctionType())
    return;
  if (isByteType(ToPointee) || sameUnqualifiedPointee(From, To, AST) ||
      pointsToFirstMember(From, To, AST) || isUnionMemberConversion(From, To, AST))
    return;
  // A cast in a macro body is one site however often the macro expands it.
  const SourceManager &SM = AST.getSourceManager();
  if (!Reported.insert(SM.getFileOffset(SM.getExpansionLoc(Cast->getBeginLoc()))).second)
    return;
  const Expr *Src = Cast->getSubExprAsWritten();
  report(AST, Cast->getBeginLoc(),
         "C-style cast reinterprets " +
             describeOperand(text(AST, Src), Src->getType(), AST) + " as '" +
             typeName(Cast->getTypeAsWritten(), AST) + "'");
}

} // namespace carcinize
