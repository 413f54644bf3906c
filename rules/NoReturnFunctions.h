#pragma once
/// \file Which functions of a translation unit never return to their caller:
/// those declared so (`noreturn`, `[[noreturn]]`, `_Noreturn`: glibc's
/// `exit`, `abort`, `longjmp`), and those of the tree whose every path ends in
/// a call to such a function (`usage()` printing and calling `exit`, a
/// `Fatal()` that reports and aborts), which nobody annotated. The CFG that
/// Clang builds already ends a path at a call to a declared one; the dataflow
/// rules ask this class about the others, so that a `free` before
/// `usage()` is not paired with a `free` on a path that never runs.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <map>

namespace carcinize {

/// The answers for one translation unit, computed on demand and kept.
class NoReturnFunctions {
public:
  /// True when a call to \p FD never returns: it is declared noreturn, or its
  /// definition in this translation unit reaches its end on no path, every
  /// path ending in a call to a function that never returns (followed
  /// through at most MaxDepth definitions; recursion counts as returning).
  bool neverReturns(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

  /// True when \p Call is a direct call to a function that never returns.
  bool neverReturns(const clang::CallExpr *Call, clang::ASTContext &Ctx);

  /// How many definitions deep a chain of calls is followed.
  static constexpr unsigned MaxDepth = 4;

private:
  bool bodyNeverReturns(const clang::FunctionDecl *Def, clang::ASTContext &Ctx);
  /// Canonical declaration -> answer.
  std::map<const clang::FunctionDecl *, bool> Known;
  unsigned Depth = 0;
};

} // namespace carcinize
