#include "rank/Ranker.h"

#include "support/Glob.h"
#include "support/Paths.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace carcinize {

bool parseGroupBy(const std::string &T, GroupBy &Out) {
  if (T == "file")
    Out = GroupBy::File;
  else if (T == "dir")
    Out = GroupBy::Dir;
  else if (T == "config")
    Out = GroupBy::Config;
  else
    return false;
  return true;
}

bool parseRankBy(const std::string &T, RankBy &Out) {
  if (T == "priority")
    Out = RankBy::Priority;
  else if (T == "value")
    Out = RankBy::Value;
  else
    return false;
  return true;
}

double estimatePersonDays(unsigned CodeLines, unsigned Functions, unsigned Complexity,
                          unsigned Interface, bool Cxx, unsigned DynamicCalls,
                          std::string *Basis) {
  double Lines = CodeLines / 100.0;
  double Decisions = Complexity > Functions ? (Complexity - Functions) / 50.0 : 0.0;
  double Shims = 0.5 * Interface;
  double Days = Lines + Decisions + Shims;
  double CxxDays = Cxx ? 0.25 * Days + 0.25 * DynamicCalls : 0.0;
  Days += CxxDays;
  // Half-days: nobody plans a rewrite to the hour.
  Days = std::max(0.5, std::ceil(Days * 2) / 2);
  if (Basis) {
    char Buf[320];
    std::snprintf(Buf, sizeof Buf,
                  "%.1f person-days (rounded up to half days): %u code lines at 100 a day (%.1f), %u decisions beyond one "
                  "per function at 50 a day (%.1f), %u interface function%s at half a day "
                  "(%.1f)%s",
                  Days, CodeLines, Lines, Complexity > Functions ? Complexity - Functions : 0,
                  Decisions, Interface, Interface == 1 ? "" : "s", Shims,
                  Cxx ? ", C++: a quarter more and a quarter day per virtual or indirect call"
                      : "");
    *Basis = Buf;
    if (Cxx) {
      std::snprintf(Buf, sizeof Buf, " (%.1f)", CxxDays);
      *Basis += Buf;
    }
  }
  return Days;
}

bool countsAsRisk(const Finding &F) {
  if (F.Suppressed)
    return false;
  if (F.RuleId.rfind("meta.", 0) == 0)
    return false;
  // The input-source rules mark boundaries; exposure counts them.
  if (F.RuleId.rfind("trust.", 0) == 0 && F.RuleId != "trust.tainted-size")
    return false;
  return true;
}

namespace {

bool isHeader(const std::string &P) {
  std::string_view E = extensionOf(P);
  return E == ".h" || E == ".hh" || E == ".hpp" || E == ".hxx" || E == ".inl" || E == ".H";
}

std::string stem(const std::string &P) {
  std::string B(baseName(P));
  size_t Dot = B.rfind('.');
  return Dot == std::string::npos ? B : B.substr(0, Dot);
}

std::string dirOf(const std::string &P) {
  size_t Slash = P.rfind('/');
  return Slash == std::string::npos ? "." : P.substr(0, Slash);
}

/// The median code lines of the modules that have any (1 when none has).
double medianCodeLines(const std::map<std::string, ModuleScore> &Modules) {
  std::vector<unsigned> Lines;
  for (const auto &[Name, M] : Modules)
    if (M.CodeLines > 0)
      Lines.push_back(M.CodeLines);
  if (Lines.empty())
    return 1;
  std::sort(Lines.begin(), Lines.end());
  size_t N = Lines.size();
  return N % 2 ? Lines[N / 2] : (Lines[N / 2 - 1] + Lines[N / 2]) / 2.0;
}

} // namespace

ModuleMap::ModuleMap(const std::vector<std::string> &AllFiles, const RankOptions &O)
    : Group(O.Group), Modules(O.Modules) {
  for (const auto &F : AllFiles)
    if (!isHeader(F))
      SourcesByStem[stem(F)].push_back(F);
  for (auto &[Stem, Sources] : SourcesByStem) {
    std::sort(Sources.begin(), Sources.end());
    Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  }
}

std::string ModuleMap::of(const std::string &File) const {
  if (Group == GroupBy::Config)
    for (const auto &M : Modules)
      for (const auto &G : M.Paths)
        if (globMatch(G, File))
          return M.Name;
  if (Group == GroupBy::Dir)
    return dirOf(File);
  if (!isHeader(File))
    return File;
  // A header belongs to the source of the same name: in the same folder if
  // there is one, else the only one in the tree (src/x.c with include/x.h).
  auto It = SourcesByStem.find(stem(File));
  if (It == SourcesByStem.end())
    return File;
  for (const auto &F : It->second)
    if (dirOf(F) == dirOf(File))
      return F;
  if (It->second.size() == 1)
    return It->second.front();
  return File;
}

std::string moduleOf(const std::string &File, const std::vector<std::string> &AllFiles,
                     const RankOptions &O) {
  return ModuleMap(AllFiles, O).of(File);
}

std::vector<ModuleScore> rankModules(const ScanFacts &Facts, const ProgramAnalysis &A,
                                     const RankOptions &O) {
  const ScoringWeights &W = O.Weights;
  std::vector<std::string> AllFiles;
  for (const auto &F : Facts.Files)
    AllFiles.push_back(F.Path);
  for (const auto &F : Facts.Functions)
    AllFiles.push_back(F.File);
  std::sort(AllFiles.begin(), AllFiles.end());
  AllFiles.erase(std::unique(AllFiles.begin(), AllFiles.end()), AllFiles.end());
  // Files that are not the product are not modules: their functions and
  // findings belong to no module, and their callers' interface ignores them.
  if (O.Product)
    AllFiles.erase(std::remove_if(AllFiles.begin(), AllFiles.end(),
                                  [&](const std::string &F) { return !O.Product->ranked(F); }),
                   AllFiles.end());

  std::map<std::string, std::string> ModuleOfFile;
  std::map<std::string, ModuleScore> Modules;
  ModuleMap Map(AllFiles, O);
  for (const auto &F : AllFiles) {
    std::string M = Map.of(F);
    ModuleOfFile[F] = M;
    ModuleScore &S = Modules[M];
    S.Name = M;
    S.Files.push_back(F);
  }
  for (const auto &F : Facts.Files) {
    auto It = ModuleOfFile.find(F.Path);
    if (It == ModuleOfFile.end())
      continue;
    // Initialiser tables are not code: a 10,000-line file of which 9,400
    // are a lookup table is neither a big rewrite nor a big risk.
    unsigned Data = 0;
    if (O.Product) {
      auto D = O.Product->DataLines.find(F.Path);
      if (D != O.Product->DataLines.end())
        Data = std::min(D->second, F.CodeLines);
    }
    ModuleScore &S = Modules[It->second];
    S.CodeLines += F.CodeLines - Data;
    S.DataLines += Data;
  }
  // Size is relative to the scan's median module, so that a 300-line file is
  // big in a small library and ordinary in curl.
  const double SizeUnit = W.SizeScale * medianCodeLines(Modules);

  // History per module, and the pace of the project: churn is relative to
  // the median recency-weighted commits of the modules that changed.
  double ChurnUnit = 1;
  if (O.History) {
    std::vector<double> Weighted;
    for (auto &[Name, M] : Modules) {
      M.History = moduleHistory(*O.History, M.Files);
      if (M.History.Commits)
        Weighted.push_back(M.History.WeightedCommits);
    }
    if (!Weighted.empty()) {
      std::sort(Weighted.begin(), Weighted.end());
      size_t N = Weighted.size();
      double Median = N % 2 ? Weighted[N / 2] : (Weighted[N / 2 - 1] + Weighted[N / 2]) / 2;
      ChurnUnit = std::max(1.0, 3 * Median);
    }
  }

  const CallGraph &G = A.Graph;
  std::vector<std::string> NodeModule(G.size());
  for (size_t I = 0; I < G.size(); ++I) {
    auto It = ModuleOfFile.find(G.function(I).File);
    if (It == ModuleOfFile.end())
      continue; // left out of the ranking: NodeModule stays ""
    NodeModule[I] = It->second;
    Modules[NodeModule[I]].Functions.push_back(I);
  }

  // Findings bucketed by module in one pass (a per-module scan of every
  // finding made ranking quadratic: half of a warm re-scan of 200 TUs).
  std::map<std::string, std::vector<size_t>> FindingsOf;
  for (size_t K = 0; K < Facts.Findings.size(); ++K) {
    auto It = ModuleOfFile.find(Facts.Findings[K].File);
    if (It != ModuleOfFile.end() && countsAsRisk(Facts.Findings[K]))
      FindingsOf[It->second].push_back(K);
  }

  double SevWeight[4] = {W.Low, W.Medium, W.High, W.Critical};
  for (auto &[Name, M] : Modules) {
    // --- risk: per rule, the worst severity seen, with diminishing returns
    // in the count (log2), summed over rules, saturating in the total: ten
    // strcpy calls are not ten times one, but a big parser full of raw
    // copies still outweighs a small one.
    std::map<std::string, std::pair<int, unsigned>> ByRule; // rule -> (worst sev, count)
    for (size_t K : FindingsOf[Name]) {
      const Finding &F = Facts.Findings[K];
      M.FindingIndexes.push_back(K);
      ++M.Findings;
      if (F.Sev >= Severity::High)
        ++M.SevereFindings;
      auto &R = ByRule[F.RuleId];
      R.first = std::max(R.first, static_cast<int>(F.Sev));
      ++R.second;
    }
    double RiskRaw = 0;
    for (const auto &[Rule, R] : ByRule)
      RiskRaw += SevWeight[R.first] * (1 + std::log2(static_cast<double>(R.second)));
    M.Risk = 1 - std::exp(-RiskRaw / W.RiskScale);

    // --- exposure (line-weighted, with the most exposed function's score),
    // hotness (the hottest function), effort.
    double Lines = 0, Weighted = 0, MaxExp = 0, Complexity = 0;
    std::set<size_t> Interface;
    std::set<std::string> Callers;
    bool Cxx = false;
    unsigned Virtuals = 0;
    for (size_t I : M.Functions) {
      const FunctionFacts &F = G.function(I);
      double L = std::max(1u, F.CodeLines);
      Lines += L;
      Weighted += L * A.Exposure[I].Score;
      MaxExp = std::max(MaxExp, A.Exposure[I].Score);
      M.Hotness = std::max(M.Hotness, A.Hotness[I].Score);
      Complexity += F.Complexity;
      Cxx = Cxx || F.Lang == Language::CXX;
      Virtuals += G.indirectCalls(I);
      for (const auto &E : G.callers(I))
        if (!NodeModule[E.To].empty() && NodeModule[E.To] != Name) {
          Interface.insert(I);
          Callers.insert(NodeModule[E.To]);
        }
    }
    M.FunctionCount = static_cast<unsigned>(M.Functions.size());
    M.Exposure = Lines > 0 ? 0.6 * (Weighted / Lines) + 0.4 * MaxExp : 0;
    M.InterfaceFunctions = static_cast<unsigned>(Interface.size());
    M.CallingModules = static_cast<unsigned>(Callers.size());
    // Effort: size, decisions, the interface to keep stable behind an
    // `extern "C"` boundary, and C++ that does not carry over one to one.
    double EffortRaw = M.CodeLines / 400.0 + Complexity / 150.0 + 0.15 * M.InterfaceFunctions +
                       (Cxx ? 0.3 + 0.02 * Virtuals : 0.0);
    M.Effort = 1 - std::exp(-EffortRaw / W.EffortScale);
    M.PersonDays = estimatePersonDays(M.CodeLines, static_cast<unsigned>(M.Functions.size()),
                                      static_cast<unsigned>(Complexity), M.InterfaceFunctions, Cxx,
                                      Virtuals, &M.PersonDaysBasis);

    // Danger: how bad a line of this module is. Value: how much danger the
    // module holds, its size times (a share for size alone + the danger),
    // scaled to 0..1. Size alone counts because the code the analysis cannot
    // see (#if'd out, generated headers missing) and the bugs no rule knows
    // grow with the code: on the CVE history of eleven projects
    // (docs/evaluation.md) no facet predicted the fixed files as well as code
    // lines did, and the danger improved on them only once multiplied by size.
    M.Danger = W.RiskOnBoundary * M.Risk * (0.4 + 0.6 * M.Exposure) + W.Exposure * M.Exposure +
               W.Risk * M.Risk + W.Hotness * M.Hotness;
    M.Size = SizeUnit > 0 ? 1 - std::exp(-static_cast<double>(M.CodeLines) / SizeUnit) : 0;
    double Full = W.Size + W.RiskOnBoundary + W.Exposure + W.Risk + W.Hotness;
    M.Value = Full > 0 ? M.Size * (W.Size + M.Danger) / Full : 0;
    M.ValueWithoutHistory = M.Value;
    if (O.History) {
      // History multiplies, bounded: a module that never changed keeps the
      // value of its code, one that changed and was fixed gains at most
      // W.History (50%).
      M.HasHistory = true;
      scoreHistory(M.History, ChurnUnit);
      M.Value *= 1 + W.History * M.History.Score;
      M.Danger *= 1 + W.History * M.History.Score;
    }
    M.Priority = M.Value;

    // Functions, most important first: exposure, then findings' weight, then size.
    std::map<size_t, double> FnWeight;
    for (size_t K : M.FindingIndexes) {
      const Finding &F = Facts.Findings[K];
      long N = G.find(F.FunctionUsr);
      if (N >= 0)
        FnWeight[N] += SevWeight[static_cast<int>(F.Sev)];
    }
    std::stable_sort(M.Functions.begin(), M.Functions.end(), [&](size_t X, size_t Y) {
      double KX = A.Exposure[X].Score * 10 + FnWeight[X] + A.Hotness[X].Score * 3;
      double KY = A.Exposure[Y].Score * 10 + FnWeight[Y] + A.Hotness[Y].Score * 3;
      if (KX != KY)
        return KX > KY;
      return G.function(X).Usr < G.function(Y).Usr;
    });

    // --- reasons, most telling first.
    // M.Functions is sorted by importance: the first of the most exposed.
    const size_t None = static_cast<size_t>(-1);
    size_t Exposed = None;
    for (size_t I : M.Functions)
      if (Exposed == None || A.Exposure[I].Score > A.Exposure[Exposed].Score)
        Exposed = I;
    if (Exposed != None && A.Exposure[Exposed].Score > 0)
      M.Reasons.push_back("'" + G.function(Exposed).Name + "' " +
                          describeExposure(A.Exposure[Exposed].Evidence));
    for (size_t K : M.FindingIndexes) {
      const Finding &F = Facts.Findings[K];
      if (F.RuleId == "trust.tainted-size") {
        M.Reasons.push_back("a length read from the input reaches a size or index unchecked at " +
                            F.File + ":" + std::to_string(F.Line));
        break;
      }
    }
    if (M.Findings) {
      std::vector<std::pair<unsigned, std::string>> Top;
      for (const auto &[Rule, R] : ByRule)
        Top.push_back({R.second, Rule});
      std::stable_sort(Top.begin(), Top.end(),
                       [](const auto &X, const auto &Y) { return X.first > Y.first; });
      std::ostringstream R;
      R << M.Findings << " memory-unsafe finding" << (M.Findings == 1 ? "" : "s") << ", "
        << M.SevereFindings << " high or critical (";
      for (size_t K = 0; K < Top.size() && K < 3; ++K)
        R << (K ? ", " : "") << Top[K].second << " " << Top[K].first;
      R << ")";
      M.Reasons.push_back(R.str());
    }
    size_t Hot = None;
    for (size_t I : M.Functions)
      if (Hot == None || A.Hotness[I].Score > A.Hotness[Hot].Score)
        Hot = I;
    if (Hot != None && A.Hotness[Hot].Score >= 0.5)
      M.Reasons.push_back("hot: '" + G.function(Hot).Name + "' (" + A.Hotness[Hot].Detail + ")");
    if (M.InterfaceFunctions)
      M.Reasons.push_back("called from " + std::to_string(M.CallingModules) + " other module" +
                          (M.CallingModules == 1 ? "" : "s") + " through " +
                          std::to_string(M.InterfaceFunctions) + " function" +
                          (M.InterfaceFunctions == 1 ? "" : "s"));
    M.Reasons.push_back(std::to_string(M.CodeLines) + " code lines in " +
                        std::to_string(M.FunctionCount) + " function" +
                        (M.FunctionCount == 1 ? "" : "s") + (Cxx ? ", C++" : "") +
                        (M.DataLines ? " (and " + std::to_string(M.DataLines) +
                                           " lines of initialiser tables, not counted)"
                                     : ""));
    if (M.HasHistory) {
      std::string H = describeHistory(M.History, O.History->Options);
      // A past memory-safety fix is among the most telling reasons: it
      // follows the exposure; churn alone comes last.
      if (!H.empty() && M.History.Fixes)
        M.Reasons.insert(M.Reasons.begin() + std::min<size_t>(1, M.Reasons.size()), H);
      else if (!H.empty())
        M.Reasons.push_back(H);
    }
  }

  std::vector<ModuleScore> Out;
  for (auto &[Name, M] : Modules)
    Out.push_back(std::move(M));
  // The value order, for both orders; the default order names the first
  // pilot in its reasons.
  std::stable_sort(Out.begin(), Out.end(), [&](const ModuleScore &X, const ModuleScore &Y) {
    if (std::fabs(X.Value - Y.Value) > 1e-12)
      return X.Value > Y.Value;
    return X.Name < Y.Name;
  });
  choosePilot(Out, O.Order == RankBy::Priority);
  for (size_t I = 0; I < Out.size(); ++I)
    Out[I].Rank = static_cast<unsigned>(I + 1);
  return Out;
}

void choosePilot(std::vector<ModuleScore> &Modules, bool Explain) {
  // The first pilot: the module of fewest person-days among the most
  // valuable (ties: the more valuable). A pilot is where a team learns the
  // toolchain, the FFI boundary and the review; the smallest of the most
  // dangerous modules teaches that at the least cost without leaving the
  // danger. It is named, not moved: moved first, it cost the value order
  // 0.09 of NDCG@10 on the tuned projects (the top module by value is
  // often the one with the most CVE fixes), and the issue asks for a
  // default order within 0.05 of the best.
  size_t Pilot = static_cast<size_t>(-1);
  for (size_t I = 0; I < Modules.size() && I < PilotCandidates; ++I) {
    if (Modules[I].Value <= 0)
      break;
    if (Pilot == static_cast<size_t>(-1) || Modules[I].PersonDays < Modules[Pilot].PersonDays)
      Pilot = I;
  }
  if (Pilot == static_cast<size_t>(-1) || Modules.size() < 2)
    return;
  ModuleScore &P = Modules[Pilot];
  P.FirstPilot = true;
  double MinOther = -1, MaxOther = 0;
  size_t Others = 0;
  for (size_t I = 0; I < Modules.size() && I < PilotCandidates; ++I)
    if (I != Pilot && Modules[I].Value > 0) {
      ++Others;
      MinOther = MinOther < 0 ? Modules[I].PersonDays : std::min(MinOther, Modules[I].PersonDays);
      MaxOther = std::max(MaxOther, Modules[I].PersonDays);
    }
  char Buf[256];
  if (Others)
    std::snprintf(Buf, sizeof Buf,
                  "first pilot: the smallest of the %zu most valuable modules (%.1f person-days; "
                  "the others %.1f to %.1f)",
                  Others + 1, P.PersonDays, MinOther, MaxOther);
  else
    std::snprintf(Buf, sizeof Buf, "first pilot: the most valuable module (%.1f person-days)",
                  P.PersonDays);
  // The default order says why the pilot is first; the value order only
  // marks it (JSON first_pilot), its reasons being those of its value.
  if (Explain)
    P.Reasons.insert(P.Reasons.begin(), Buf);
}

std::vector<LeftOutFile> leftOutFiles(const ScanFacts &Facts, const ProductMap &Product) {
  std::set<std::string> Paths;
  for (const auto &F : Facts.Files)
    Paths.insert(F.Path);
  for (const auto &F : Facts.Functions)
    Paths.insert(F.File);
  std::vector<LeftOutFile> Out;
  for (const auto &P : Paths) {
    std::string Why = Product.whyLeftOut(P);
    if (Why.empty())
      continue;
    auto It = Product.Classes.find(P);
    ProductClass C = It != Product.Classes.end() ? It->second : ProductClass{};
    if (Why.rfind("ranking: exclude:", 0) == 0)
      C = {C.Kind, Why};
    Out.push_back({P, C});
  }
  return Out;
}

} // namespace carcinize
