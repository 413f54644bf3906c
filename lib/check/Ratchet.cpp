#include "check/Ratchet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace carcinize {

std::vector<DebtChange> compareDebt(const Baseline &B,
                                    const std::vector<std::pair<std::string, double>> &Current,
                                    const std::vector<std::string> &Scanned, unsigned TopN) {
  std::set<std::string> InScan(Scanned.begin(), Scanned.end());
  std::map<std::string, DebtChange> By;
  for (const auto &M : B.Modules)
    if (InScan.count(M.Name)) {
      DebtChange &C = By[M.Name];
      C.Module = M.Name;
      C.Before = M.Debt;
      C.BaselineRank = M.Rank;
    }
  for (const auto &[Module, Debt] : Current)
    if (InScan.count(Module)) {
      DebtChange &C = By[Module];
      C.Module = Module;
      C.After += Debt;
    }
  std::vector<DebtChange> Out;
  for (auto &[Name, C] : By) {
    // Debts are sums of small weights: compare at a precision that float
    // rounding cannot cross.
    double Delta = std::round((C.After - C.Before) * 1000) / 1000;
    if (Delta == 0)
      continue;
    C.Violation = Delta > 0 && TopN > 0 && C.BaselineRank > 0 && C.BaselineRank <= TopN;
    Out.push_back(C);
  }
  std::stable_sort(Out.begin(), Out.end(), [](const DebtChange &X, const DebtChange &Y) {
    if (X.Violation != Y.Violation)
      return X.Violation;
    return X.After - X.Before > Y.After - Y.Before;
  });
  return Out;
}

std::string describeDebtChange(const DebtChange &C) {
  auto Num = [](double V) {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%g", std::round(V * 100) / 100);
    return std::string(Buf);
  };
  double Delta = C.After - C.Before;
  std::string Out = C.Module + ": " + Num(C.Before) + " -> " + Num(C.After) + ", " +
                    (Delta > 0 ? "+" : "") + Num(Delta);
  if (C.BaselineRank)
    Out += " (rank " + std::to_string(C.BaselineRank) + " in the baseline)";
  return Out;
}

} // namespace carcinize
