#pragma once
/// \file Counting the Rust code of a scanned tree, for the summary's share
/// of code already memory-safe.

#include "report/SummaryReport.h"

#include <string>
#include <vector>

namespace carcinize {

/// The `.rs` files under \p Root and their lines that are neither blank nor
/// `//` comments, skipping the folders source discovery skips (VCS, build,
/// hidden), Cargo's `target/` and \p Exclude. The tree may be hostile: no
/// link is followed, depth, files and bytes read are bounded; where a bound
/// stops the walk, the result says it is incomplete.
SafeCode countRustCode(const std::string &Root, const std::vector<std::string> &Exclude);

} // namespace carcinize
