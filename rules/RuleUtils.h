#pragma once
/// \file Small helpers shared by rules: sizes of destination buffers, the
/// spelled text of arguments, constant evaluation.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>

#include <optional>
#include <string>
#include <vector>

namespace carcinize {

/// The size in bytes of the buffer \p E designates when it is visibly a
/// fixed array (a local, global or member array, or `&array[0]`), else none.
std::optional<uint64_t> destinationArrayBytes(const clang::Expr *E, clang::ASTContext &Ctx);

/// The value of \p E when it is an integer constant expression.
std::optional<uint64_t> constantValue(const clang::Expr *E, clang::ASTContext &Ctx);

/// The name of the variable \p E refers to (through casts, `&`, members),
/// or "" when it is not a plain variable reference.
std::string referencedName(const clang::Expr *E);

/// The declaration \p E refers to through parens and implicit casts, or null.
const clang::ValueDecl *referencedDecl(const clang::Expr *E);

/// The StringRefs of \p Names, for hasAnyName().
std::vector<llvm::StringRef> refsOf(const std::vector<std::string> &Names);

/// The string literal \p E is (through casts), or null.
const clang::StringLiteral *asStringLiteral(const clang::Expr *E);

/// The statement that holds \p S directly (through the parent map), or
/// null; when the parent is a declaration, it is stored in \p DeclParent.
const clang::Stmt *parentStmt(const clang::Stmt *S, clang::ASTContext &Ctx,
                              const clang::Decl **DeclParent = nullptr);

} // namespace carcinize
