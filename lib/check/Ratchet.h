#pragma once
/// \file The unsafe-debt ratchet: how each module's debt (severity-weighted
/// unsafe findings) moved since the baseline, and whether it grew in a
/// module the baseline's ranking put in its top N, so that a migration in
/// progress cannot slide back. Plain C++.

#include "check/Baseline.h"

#include <string>
#include <vector>

namespace carcinize {

/// One module whose debt changed.
struct DebtChange {
  std::string Module;
  double Before = 0, After = 0;
  unsigned BaselineRank = 0; ///< 0: not ranked in the baseline (a new module)
  bool Violation = false;    ///< grew while ranked within the top N
};

/// Compares the debt per module of \p Current (module names as \p ModuleOf
/// gives them, debts from debtOf) with \p B's. Only modules in \p Scanned
/// (the modules the current scan covered: a partial scan says nothing of
/// the others) are compared. \p TopN 0 never flags a violation. Sorted:
/// violations first, then by growth.
std::vector<DebtChange> compareDebt(const Baseline &B,
                                    const std::vector<std::pair<std::string, double>> &Current,
                                    const std::vector<std::string> &Scanned, unsigned TopN);

/// "net/frame.c: 41 -> 44, +3".
std::string describeDebtChange(const DebtChange &C);

} // namespace carcinize
