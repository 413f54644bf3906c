#pragma once
/// \file Helpers of the `type` rules: byte types, pointee comparison, type
/// names for messages. Header-only because rules/CMakeLists.txt compiles only
/// *Rule.cpp and *Rules.cpp; candidates for rules/RuleUtils.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/Type.h>

#include <string>

namespace carcinize {

/// \p T as written, for messages ('struct node *', 'size_t').
inline std::string typeName(clang::QualType T, clang::ASTContext &Ctx) {
  clang::PrintingPolicy P(Ctx.getLangOpts());
  return T.getAsString(P);
}

/// Whether \p T (qualifiers ignored) is a byte type: char, signed char,
/// unsigned char or std::byte. Access through these types is defined for any
/// object (C11 6.5p7, C++ [basic.lval]p11), so casts to them are byte access.
inline bool isByteType(clang::QualType T) {
  T = T.getCanonicalType().getUnqualifiedType();
  return T->isCharType() || T->isStdByteType();
}

/// Whether object pointer types \p From and \p To point to the same type up
/// to qualifiers and the signedness of an integer type (which may alias).
inline bool sameUnqualifiedPointee(clang::QualType From, clang::QualType To,
                                   clang::ASTContext &Ctx) {
  clang::QualType A = From->getPointeeType().getCanonicalType().getUnqualifiedType();
  clang::QualType B = To->getPointeeType().getCanonicalType().getUnqualifiedType();
  if (Ctx.hasSameType(A, B))
    return true;
  // `int *` and `unsigned *` may alias each other (C11 6.5p7).
  if (A->isIntegerType() && B->isIntegerType() && !A->isEnumeralType() &&
      !B->isEnumeralType() && !A->isBooleanType() && !B->isBooleanType())
    return Ctx.hasSameType(Ctx.getCorrespondingUnsignedType(A),
                           Ctx.getCorrespondingUnsignedType(B));
  return false;
}

/// Whether \p Outer's pointee is a struct whose first member is (recursively)
/// of \p Inner's pointee type: the C "base struct first" idiom, where the
/// conversion is defined (C11 6.7.2.1p15).
inline bool pointsToFirstMember(clang::QualType Outer, clang::QualType Inner,
                                clang::ASTContext &Ctx) {
  clang::QualType Target = Inner->getPointeeType().getCanonicalType().getUnqualifiedType();
  clang::QualType Cur = Outer->getPointeeType().getCanonicalType().getUnqualifiedType();
  for (int Depth = 0; Depth < 8; ++Depth) {
    const auto *RT = Cur->getAs<clang::RecordType>();
    if (!RT || !RT->getDecl()->getDefinition())
      return false;
    const clang::RecordDecl *RD = RT->getDecl()->getDefinition();
    if (RD->field_empty())
      return false;
    clang::QualType First = RD->field_begin()->getType().getCanonicalType().getUnqualifiedType();
    if (Ctx.hasSameType(First, Target))
      return true;
    Cur = First;
  }
  return false;
}

/// Whether union or struct type \p Outer holds an object of type \p M at
/// offset 0: as any member of a union, as the first member of a struct,
/// recursively (`union GCUnion { union Closure cl; ... }` holds a CClosure).
inline bool holdsAtStart(clang::QualType Outer, clang::QualType M, clang::ASTContext &Ctx,
                         int Depth = 0) {
  const auto *RT = Outer->getAs<clang::RecordType>();
  if (Depth > 6 || !RT || !RT->getDecl()->getDefinition())
    return false;
  const clang::RecordDecl *RD = RT->getDecl()->getDefinition();
  for (const clang::FieldDecl *F : RD->fields()) {
    if (Ctx.hasSameUnqualifiedType(F->getType(), M) ||
        holdsAtStart(F->getType(), M, Ctx, Depth + 1))
      return true;
    if (!RD->isUnion())
      break;
  }
  return false;
}

/// Whether one of \p A and \p B points to a union that holds (at offset 0,
/// see holdsAtStart) the other's pointee: a pointer to a union points to each
/// of its members and vice versa (C11 6.7.2.1p16), the object-header idiom
/// of interpreters.
inline bool isUnionMemberConversion(clang::QualType A, clang::QualType B, clang::ASTContext &Ctx) {
  auto Holds = [&](clang::QualType U, clang::QualType M) {
    const auto *RT = U->getPointeeType()->getAs<clang::RecordType>();
    return RT && RT->getDecl()->isUnion() &&
           holdsAtStart(U->getPointeeType(), M->getPointeeType(), Ctx);
  };
  return Holds(A, B) || Holds(B, A);
}

/// "'x' ('T')": an operand as written (Rule::text) with its type.
inline std::string describeOperand(const std::string &Text, clang::QualType T,
                                   clang::ASTContext &Ctx) {
  return "'" + Text + "' ('" + typeName(T, Ctx) + "')";
}


} // namespace carcinize
