#include "analysis/CallGraph.h"

#include <algorithm>
#include <functional>

namespace carcinize {

std::string plainName(const std::string &Qualified) {
  size_t Colon = Qualified.rfind("::");
  return Colon == std::string::npos ? Qualified : Qualified.substr(Colon + 2);
}

long CallGraph::find(const std::string &Usr) const {
  auto It = ByUsr.find(Usr);
  return It == ByUsr.end() ? -1 : static_cast<long>(It->second);
}

std::vector<size_t> CallGraph::findByName(const std::string &Name) const {
  std::vector<size_t> Out;
  auto [B, E] = ByName.equal_range(Name);
  for (auto It = B; It != E; ++It)
    Out.push_back(It->second);
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

const std::vector<size_t> &CallGraph::indirectTargets(const std::string &Signature) const {
  static const std::vector<size_t> None;
  auto It = BySignature.find(Signature);
  return It == BySignature.end() ? None : It->second;
}

unsigned CallGraph::indirectCalls(size_t I) const {
  unsigned N = Functions[I]->IndirectCalls;
  for (const auto &C : Functions[I]->Callees)
    N += C.Virtual;
  return N;
}

CallGraph CallGraph::build(const ScanFacts &Facts) {
  CallGraph G;
  for (const auto &F : Facts.Functions) {
    if (G.ByUsr.count(F.Usr))
      continue;
    G.ByUsr[F.Usr] = G.Functions.size();
    G.ByName.emplace(F.Name, G.Functions.size());
    G.ByName.emplace(plainName(F.Name), G.Functions.size());
    G.Functions.push_back(&F);
  }
  size_t N = G.Functions.size();
  G.Out.resize(N);
  G.In.resize(N);
  G.External.resize(N);
  for (size_t I = 0; I < N; ++I)
    for (const auto &C : G.Functions[I]->Callees) {
      if (C.Indirect)
        continue; // resolved by signature, see indirectTargets
      auto It = G.ByUsr.find(C.CalleeUsr);
      if (It == G.ByUsr.end()) {
        G.External[I].push_back(&C);
        continue;
      }
      G.Out[I].push_back({It->second, C.Line, C.Virtual, C.LoopDepth});
      G.In[It->second].push_back({I, C.Line, C.Virtual, C.LoopDepth});
    }

  G.Taken.resize(N);
  for (const auto &A : Facts.AddressTaken) {
    auto It = G.ByUsr.find(A.Usr);
    if (It == G.ByUsr.end())
      continue;
    auto &Sites = G.Taken[It->second];
    Sites.push_back(&A);
    auto &Targets = G.BySignature[A.Signature];
    if (Targets.empty() || Targets.back() != It->second)
      Targets.push_back(It->second);
  }
  for (auto &Sites : G.Taken)
    std::sort(Sites.begin(), Sites.end(),
              [](const AddressTakenSite *A, const AddressTakenSite *B) { return *A < *B; });
  for (auto &[Sig, Targets] : G.BySignature) {
    std::sort(Targets.begin(), Targets.end());
    Targets.erase(std::unique(Targets.begin(), Targets.end()), Targets.end());
  }

  // Tarjan's strongly connected components, iteratively (deep call chains
  // in generated code must not overflow the stack).
  G.Recursive.assign(N, false);
  G.Component.assign(N, 0);
  std::vector<long> Index(N, -1), Low(N, 0);
  std::vector<bool> OnStack(N, false);
  std::vector<size_t> Stack;
  long Counter = 0;
  size_t NextComponent = 0;
  for (size_t Root = 0; Root < N; ++Root) {
    if (Index[Root] >= 0)
      continue;
    std::vector<std::pair<size_t, size_t>> Work = {{Root, 0}};
    Index[Root] = Low[Root] = Counter++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Work.empty()) {
      auto &[V, EdgeIdx] = Work.back();
      if (EdgeIdx < G.Out[V].size()) {
        size_t W = G.Out[V][EdgeIdx++].To;
        if (Index[W] < 0) {
          Index[W] = Low[W] = Counter++;
          Stack.push_back(W);
          OnStack[W] = true;
          Work.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Index[W]);
        }
        continue;
      }
      size_t Done = V;
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
      if (Low[Done] == Index[Done]) {
        std::vector<size_t> Members;
        size_t W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = false;
          G.Component[W] = NextComponent;
          Members.push_back(W);
        } while (W != Done);
        ++NextComponent;
        bool Cycle = Members.size() > 1;
        if (!Cycle)
          for (const auto &E : G.Out[Done])
            Cycle = Cycle || E.To == Done;
        if (Cycle)
          for (size_t M : Members)
            G.Recursive[M] = true;
      }
    }
  }
  return G;
}

} // namespace carcinize
