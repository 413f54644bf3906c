#pragma once
/// \file Where a pointer's value may come from, at each release of one
/// function: a forward "may point to" dataflow over the function's CFG,
/// shared by heap.mismatched-deallocation, heap.free-non-heap,
/// heap.free-offset-pointer and heap.use-after-delete.
///
/// A tracked pointer is a local variable or parameter, or a member path on
/// one or on `this` (`p`, `s->buf`, `this->items`). Its state is the set of
/// origins some path gave it: a heap block of the C allocators (`malloc`,
/// `strdup`, ... from rules/data/tables.yaml), of `new` or of `new[]`, a
/// local or static array or variable (`buf`, `&x`), `alloca`, a string
/// literal, a heap block advanced past its start (`p++`, `p += n`, `q = p +
/// 1`), or an object already deleted. States meet by union. An assignment
/// replaces the state with the origins of its right side (none for a value
/// the function cannot see: a parameter, a call's result); taking the
/// address (`&p`), binding it to a reference parameter, or passing the base
/// of a member path to a call forgets it, as heap.double-free does.
///
/// This is the syntactic core of the static analyzer's unix.Malloc,
/// unix.MismatchedDeallocator and cplusplus.NewDelete, without their path
/// sensitivity: one pass to a fixed point over the CFG of the functions that
/// release memory, so its cost is bounded by the function's size.

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <optional>
#include <string>
#include <vector>

namespace carcinize::heap {

/// What a pointer may hold.
enum class OriginKind {
  CHeap,    ///< a block of malloc, calloc, realloc, strdup, ...
  New,      ///< an object of `new`
  NewArray, ///< an array of `new[]`
  Stack,    ///< a local array or the address of a local
  Static,   ///< a static or global array or the address of one
  Alloca,   ///< stack memory of alloca
  Literal,  ///< a string literal
  Interior, ///< a heap block advanced past its start
  Deleted,  ///< an object or array already released by `delete`
};

/// One origin of a pointer's value.
struct Origin {
  OriginKind Kind;
  clang::SourceLocation Loc; ///< the allocation, the declaration, the advance or the delete
  std::string What;          ///< the allocator ('malloc', 'new[]'), the variable, the advance ('p++')
  std::string Block;         ///< for Interior: the allocator of the block ('malloc')
  clang::SourceLocation BlockLoc; ///< for Interior: where the block was allocated
};

/// The deallocator families: a block must go back to its own.
enum class ReleaseFamily { C, Delete, DeleteArray };

/// One release in the function and what the released pointer may hold.
struct Release {
  const clang::Expr *Site = nullptr;    ///< the call or the delete expression
  const clang::Expr *Pointer = nullptr; ///< the released argument
  std::string How;                      ///< 'free', 'realloc', 'delete', 'delete[]'
  ReleaseFamily Family = ReleaseFamily::C;
  std::vector<Origin> Origins;
  /// The release is under a condition that compares the pointer with
  /// something other than null (`if (p != buf) free(p);`): the function
  /// tells its origins apart itself.
  bool Discriminated = false;
};

/// A dereference of a pointer some path has deleted.
struct UseAfterDelete {
  clang::SourceLocation Loc;
  const clang::Expr *Pointer = nullptr;
  std::string How; ///< "dereferenced", "accessed with '->'", "subscripted"
  Origin Deleted;
};

/// What the analysis found in one function.
struct OriginFindings {
  std::vector<Release> Releases;
  std::vector<UseAfterDelete> Uses;
};

/// Runs the analysis over \p FD's body. \p Deallocators are the functions
/// that release their pointer argument (the `deallocators` and
/// `reallocators` tables, plus options).
OriginFindings analyzePointerOrigins(const clang::FunctionDecl *FD, clang::ASTContext &AST,
                                     const std::vector<std::string> &Deallocators);

/// "allocated by 'malloc' at line 4", "the local array 'buf' (line 3)": how
/// messages name an origin.
std::string describeOrigin(const Origin &O, const clang::SourceManager &SM);

/// The family that releases memory of \p K, or none for memory that is not
/// a heap block's start.
std::optional<ReleaseFamily> familyOf(OriginKind K);

} // namespace carcinize::heap
