#include "analysis/Hotness.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace carcinize {

std::vector<FunctionHotness> computeHotness(const CallGraph &G, const Profile *P,
                                            std::vector<std::string> *Unmatched) {
  std::vector<FunctionHotness> Out(G.size());
  if (P) {
    std::vector<double> Self(G.size(), 0);
    for (const auto &[Name, Cost] : P->Self) {
      std::vector<size_t> Nodes = G.findByName(Name);
      if (Nodes.empty()) {
        if (Unmatched)
          Unmatched->push_back(Name);
        continue;
      }
      for (size_t I : Nodes)
        Self[I] += Cost;
    }
    double Max = *std::max_element(Self.begin(), Self.end());
    for (size_t I = 0; I < G.size(); ++I) {
      Out[I].Source = "profile";
      Out[I].Score = Max > 0 ? Self[I] / Max : 0;
      std::ostringstream D;
      double Share = P->Total > 0 ? 100.0 * Self[I] / P->Total : 0;
      D.precision(3);
      D << Share << "% of " << (P->Event.empty() ? "cost" : P->Event) << " in the profile";
      Out[I].Detail = D.str();
    }
    return Out;
  }

  // Static estimate. Each term is a reason a function runs often or long:
  // its own loops, being called from inside other functions' loops (more
  // so the deeper the loop), many callers, recursion.
  std::vector<double> Raw(G.size(), 0);
  std::vector<unsigned> LoopCalls(G.size(), 0), Callers(G.size(), 0);
  for (size_t I = 0; I < G.size(); ++I) {
    const FunctionFacts &F = G.function(I);
    double InLoops = 0;
    std::vector<size_t> Distinct;
    for (const auto &E : G.callers(I)) {
      if (E.LoopDepth) {
        InLoops += std::min(E.LoopDepth, 3u);
        ++LoopCalls[I];
      }
      Distinct.push_back(E.To);
    }
    std::sort(Distinct.begin(), Distinct.end());
    Callers[I] = static_cast<unsigned>(std::unique(Distinct.begin(), Distinct.end()) - Distinct.begin());
    Raw[I] = 1.0 * std::min(F.MaxLoopDepth, 4u) + 1.5 * std::log2(1 + InLoops) +
             0.5 * std::log2(1 + Callers[I]) + (G.recursive(I) ? 1.0 : 0.0);
  }
  double Max = Raw.empty() ? 0 : *std::max_element(Raw.begin(), Raw.end());
  for (size_t I = 0; I < G.size(); ++I) {
    Out[I].Score = Max > 0 ? Raw[I] / Max : 0;
    std::ostringstream D;
    D << "loop depth " << G.function(I).MaxLoopDepth << ", called from " << LoopCalls[I]
      << (LoopCalls[I] == 1 ? " loop" : " loops") << ", " << Callers[I]
      << (Callers[I] == 1 ? " caller" : " callers") << (G.recursive(I) ? ", recursive" : "");
    Out[I].Detail = D.str();
  }
  return Out;
}

} // namespace carcinize
