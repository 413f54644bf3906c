#pragma once
/// \file Where the values of a function come from: for each call, which of
/// its arguments derive from the function's parameters, from the results of
/// other calls, or from memory another call filled (`fread(buf, ...)` then
/// `parse(buf)`); what the function returns; what it writes into memory its
/// parameters point to. Intra-procedural; a variable carries every origin it
/// is ever given (flow-insensitive, stored once per function as a value
/// set). The order of the calls and their loops are recorded, so that the
/// analysis lets what a call returns or fills reach only the calls after it,
/// or in the same loop: `fread(buf, ...)` taints the `parse(buf)` that
/// follows, not the `memset(buf, ...)` before it. The facts are
/// symbolic (`p0`, `c3`, `c3.1`, see ValueOrigins): whether call 3 is an
/// input source, or fills its argument with input, is known only over the
/// whole program (lib/analysis/Exposure).

#include "facts/Facts.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <vector>

namespace carcinize {

/// The data flow of one function body.
struct FlowSummary {
  /// Per call (in the order given to summarizeFlow), per argument.
  std::vector<std::vector<ValueOrigins>> Args;
  /// Per call, CallSite::Order and CallSite::Loop.
  std::vector<unsigned> Order, Loop;
  /// The value sets the origins name (`vN`).
  std::vector<ValueOrigins> Values;
  ValueOrigins Return;
  /// Per parameter, what is written into memory it points to; empty when
  /// nothing is.
  std::vector<ValueOrigins> Out;
};

/// Summarises the body of \p FD. \p Calls are the calls recorded in the
/// function's facts (CallExpr or CXXConstructExpr), whose index names them in
/// origins; calls not in the list pass their arguments' origins through.
/// \p Loops gives the outermost loop around each call (or null).
FlowSummary summarizeFlow(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                          const std::vector<const clang::Expr *> &Calls,
                          const std::vector<const clang::Stmt *> &Loops);

} // namespace carcinize
