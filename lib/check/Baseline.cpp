#include "check/Baseline.h"

#include "support/BoundedInput.h"
#include "support/Error.h"
#include "support/JsonError.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace carcinize {

bool BaselineFinding::operator==(const BaselineFinding &O) const {
  return std::tie(Fingerprint, RuleId, Sev, File, Line, Function, Module) ==
         std::tie(O.Fingerprint, O.RuleId, O.Sev, O.File, O.Line, O.Function, O.Module);
}

std::string renderBaseline(const Baseline &B) {
  std::vector<BaselineFinding> Findings = B.Findings;
  std::stable_sort(Findings.begin(), Findings.end(), [](const auto &X, const auto &Y) {
    return std::tie(X.File, X.Line, X.RuleId, X.Fingerprint) <
           std::tie(Y.File, Y.Line, Y.RuleId, Y.Fingerprint);
  });
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("carcinize_baseline", Baseline::FormatVersion);
    J.attribute("tool_version", B.ToolVersion);
    J.attribute("group_by", B.GroupBy);
    J.attributeArray("modules", [&] {
      for (const auto &M : B.Modules)
        J.object([&] {
          J.attribute("module", M.Name);
          J.attribute("rank", M.Rank);
          J.attribute("debt", std::round(M.Debt * 1000) / 1000);
        });
    });
    J.attributeArray("findings", [&] {
      for (const auto &F : Findings)
        J.object([&] {
          J.attribute("fingerprint", F.Fingerprint);
          J.attribute("rule", F.RuleId);
          J.attribute("severity", toString(F.Sev));
          J.attribute("file", F.File);
          J.attribute("line", F.Line);
          J.attribute("function", F.Function);
          J.attribute("module", F.Module);
        });
    });
  });
  OS << "\n";
  OS.flush();
  return Out;
}

namespace {

std::string str(const llvm::json::Object &O, llvm::StringRef Key, const std::string &Where,
                bool Required = true) {
  if (auto S = O.getString(Key))
    return S->str();
  if (Required || O.get(Key))
    throw InputError(Where + ": '" + Key.str() + "' must be a string");
  return "";
}

unsigned num(const llvm::json::Object &O, llvm::StringRef Key, const std::string &Where) {
  auto N = O.getInteger(Key);
  if (!N || *N < 0 || *N > 100000000)
    throw InputError(Where + ": '" + Key.str() + "' must be a non-negative integer");
  return static_cast<unsigned>(*N);
}

} // namespace

Baseline parseBaseline(const std::string &Text, const std::string &Name) {
  llvm::Expected<llvm::json::Value> V = parseJsonBounded(Text, Name);
  if (!V) {
    std::string LineCol;
    std::string What = jsonErrorText(V.takeError(), Text, LineCol);
    throw InputError(Name + (LineCol.empty() ? "" : ":" + LineCol) + ": invalid JSON: " + What);
  }
  const llvm::json::Object *Root = V->getAsObject();
  if (!Root || !Root->get("carcinize_baseline"))
    throw InputError(Name + ": not a carcinize baseline (no 'carcinize_baseline' member; make "
                            "one with 'carcinize baseline create')");
  auto Version = Root->getInteger("carcinize_baseline");
  if (!Version || *Version != Baseline::FormatVersion)
    throw InputError(Name + ": baseline format " +
                     (Version ? std::to_string(*Version) : std::string("?")) +
                     " is not supported (this carcinize reads format " +
                     std::to_string(Baseline::FormatVersion) + ")");
  Baseline B;
  B.ToolVersion = str(*Root, "tool_version", Name, false);
  B.GroupBy = str(*Root, "group_by", Name, false);
  if (B.GroupBy.empty())
    B.GroupBy = "file";
  if (const llvm::json::Array *Ms = Root->getArray("modules")) {
    for (size_t I = 0; I < Ms->size(); ++I) {
      std::string Where = Name + ": modules[" + std::to_string(I) + "]";
      const llvm::json::Object *O = (*Ms)[I].getAsObject();
      if (!O)
        throw InputError(Where + ": must be an object");
      BaselineModule M;
      M.Name = str(*O, "module", Where);
      M.Rank = num(*O, "rank", Where);
      auto D = O->getNumber("debt");
      if (!D || *D < 0 || !std::isfinite(*D))
        throw InputError(Where + ": 'debt' must be a non-negative number");
      M.Debt = *D;
      B.Modules.push_back(std::move(M));
    }
  } else if (Root->get("modules")) {
    throw InputError(Name + ": 'modules' must be an array");
  }
  const llvm::json::Array *Fs = Root->getArray("findings");
  if (!Fs)
    throw InputError(Name + ": 'findings' must be an array");
  for (size_t I = 0; I < Fs->size(); ++I) {
    std::string Where = Name + ": findings[" + std::to_string(I) + "]";
    const llvm::json::Object *O = (*Fs)[I].getAsObject();
    if (!O)
      throw InputError(Where + ": must be an object");
    BaselineFinding F;
    F.Fingerprint = str(*O, "fingerprint", Where);
    F.RuleId = str(*O, "rule", Where);
    std::string Sev = str(*O, "severity", Where);
    if (!parseSeverity(Sev, F.Sev))
      throw InputError(Where + ": unknown severity '" + Sev + "'");
    F.File = str(*O, "file", Where);
    F.Line = O->get("line") ? num(*O, "line", Where) : 0;
    F.Function = str(*O, "function", Where, false);
    F.Module = str(*O, "module", Where, false);
    B.Findings.push_back(std::move(F));
  }
  return B;
}

Baseline loadBaseline(const std::string &Path) {
  auto Buf = readInputFile(Path, "baseline", input_limits::Baseline);
  return parseBaseline(Buf->getBuffer().str(), Path);
}

std::vector<bool> matchBaseline(const Baseline &B, const std::vector<std::string> &Fingerprints) {
  std::map<std::string, unsigned> Left;
  for (const auto &F : B.Findings)
    ++Left[F.Fingerprint];
  std::vector<bool> Out;
  Out.reserve(Fingerprints.size());
  for (const auto &Fp : Fingerprints) {
    auto It = Left.find(Fp);
    bool Known = It != Left.end() && It->second > 0;
    if (Known)
      --It->second;
    Out.push_back(Known);
  }
  return Out;
}

double debtOf(Severity S, const std::string &RuleId, const ScoringWeights &W) {
  Finding F;
  F.Sev = S;
  F.RuleId = RuleId;
  return debtOf(F, W);
}

double debtOf(const Finding &F, const ScoringWeights &W) {
  if (!countsAsRisk(F))
    return 0;
  switch (F.Sev) {
  case Severity::Low: return W.Low;
  case Severity::Medium: return W.Medium;
  case Severity::High: return W.High;
  case Severity::Critical: return W.Critical;
  }
  return 0;
}

} // namespace carcinize
