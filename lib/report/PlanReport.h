#pragma once
/// \file `carcinize plan MODULE`: a Markdown pilot brief for rewriting one
/// module in Rust, in the spirit of "start small and prove it".

#include "analysis/ProgramAnalysis.h"
#include "facts/Facts.h"
#include "rank/Ranker.h"

#include <string>
#include <vector>

namespace carcinize {

/// The brief for \p Module (one of \p Modules).
std::string renderPlan(const ModuleScore &Module, const std::vector<ModuleScore> &Modules,
                       const ScanFacts &Facts, const ProgramAnalysis &Analysis);

/// The Rust FFI type for a C type as Clang prints it ("const char *" ->
/// "*const c_char"); unknown types are kept in a comment.
std::string rustFfiType(const std::string &CType);

} // namespace carcinize
