#pragma once
/// \file The hook through which rules run inside a parse. The front end owns
/// the parse; whoever builds a scan (the CLI) supplies a factory that makes
/// one analyzer per translation unit.

#include "facts/Facts.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
namespace ast_matchers {
class MatchFinder;
}
} // namespace clang

namespace carcinize {

class ByteFlowCache;
class SourceScope;

/// What an analyzer may use while a translation unit is parsed.
struct TUContext {
  SourceScope &Scope;
  /// Findings go here; paths relative to the root, as SourceScope gives them.
  std::vector<Finding> &Findings;
  /// Per-function byte-flow analysis, shared with the facts collector.
  ByteFlowCache &ByteFlows;
};

/// Analyses one translation unit. Made fresh for every TU, used by one thread.
class TUAnalyzer {
public:
  virtual ~TUAnalyzer() = default;
  /// Called before parsing starts, for analyzers that watch the preprocessor.
  virtual void beginSourceFile(clang::Preprocessor &PP, TUContext &Ctx) {}
  /// Adds AST matchers; they run over the in-tree top-level declarations.
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder, TUContext &Ctx) {}
  /// Called after the matchers ran, with the whole AST.
  virtual void endTranslationUnit(clang::ASTContext &AST, TUContext &Ctx) {}
};

/// Makes one analyzer per translation unit (called from worker threads).
using TUAnalyzerFactory = std::function<std::unique_ptr<TUAnalyzer>()>;

} // namespace carcinize
