#pragma once
/// \file The shape of a parser, per function: bytes read from a buffer with
/// an advancing index or pointer, integers assembled from bytes, dispatch on
/// a tag byte, and values read from the buffer that reach a copy size, an
/// allocation size, an index or a loop bound (intra-procedural def-use: the
/// shape behind most parser CVEs). Shared by the facts and the trust rules.

#include "facts/Facts.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// A value read from a buffer reaching a sensitive use.
struct TaintedUse {
  clang::SourceLocation Loc;   ///< the use
  std::string UseKind;         ///< "copy size", "allocation size", "index", "loop bound"
  std::string Callee;          ///< the copy or allocation function, if any
  std::string Value;           ///< the tainted value as written ('out->length')
  std::string ReadFrom;        ///< the buffer it was read from ('data')
  unsigned ReadLine = 0;       ///< where it was read
  bool Checked = false;        ///< compared in a condition before the use
};

/// Everything ByteFlow found in one function.
struct ByteFlowResult {
  std::vector<ParserPattern> Patterns; ///< sorted by line, one per (kind, line)
  std::vector<TaintedUse> Uses;        ///< in source order
};

/// Analyses the body of \p FD.
ByteFlowResult analyzeByteFlow(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);

/// The analysis of each function, computed once per translation unit: the
/// facts (parser shape) and the trust.tainted-size rule read the same result.
class ByteFlowCache {
public:
  const ByteFlowResult &get(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);

private:
  std::map<const clang::FunctionDecl *, ByteFlowResult> Results;
};

} // namespace carcinize
