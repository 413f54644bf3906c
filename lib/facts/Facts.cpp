#include "facts/Facts.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace carcinize {

bool FunctionFacts::operator==(const FunctionFacts &O) const {
  return Usr == O.Usr && Name == O.Name && File == O.File &&
         BeginLine == O.BeginLine && EndLine == O.EndLine &&
         CodeLines == O.CodeLines && Complexity == O.Complexity &&
         MaxLoopDepth == O.MaxLoopDepth && ReturnType == O.ReturnType &&
         ParamTypes == O.ParamTypes && ParamNames == O.ParamNames &&
         ParamKinds == O.ParamKinds &&
         ExternalLinkage == O.ExternalLinkage && Lang == O.Lang &&
         Callees == O.Callees && IndirectCalls == O.IndirectCalls &&
         ParserShape == O.ParserShape;
}

static auto findingKey(const Finding &F) {
  return std::tie(F.File, F.Line, F.Column, F.RuleId, F.Message, F.FunctionUsr);
}

bool Finding::operator==(const Finding &O) const {
  return findingKey(*this) == findingKey(O) && Cwe == O.Cwe && Sev == O.Sev &&
         FunctionName == O.FunctionName && Suppressed == O.Suppressed &&
         SuppressionReason == O.SuppressionReason;
}

bool Finding::operator<(const Finding &O) const {
  return findingKey(*this) < findingKey(O);
}

bool ScanFacts::operator==(const ScanFacts &O) const {
  return Tool.Name == O.Tool.Name && Tool.Version == O.Tool.Version &&
         TranslationUnits == O.TranslationUnits && Files == O.Files &&
         Functions == O.Functions && Findings == O.Findings;
}

void ScanFacts::append(ScanFacts Other) {
  auto Move = [](auto &To, auto &From) {
    To.insert(To.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
  };
  Move(TranslationUnits, Other.TranslationUnits);
  Move(Files, Other.Files);
  Move(Functions, Other.Functions);
  Move(Findings, Other.Findings);
}

// Everything but the sort key, to order copies of one function.
static auto functionContent(const FunctionFacts &F) {
  std::vector<std::tuple<std::string, std::string, unsigned, bool, unsigned>> Calls;
  for (const auto &C : F.Callees)
    Calls.emplace_back(C.CalleeUsr, C.CalleeName, C.Line, C.Virtual, C.LoopDepth);
  std::vector<std::tuple<std::string, unsigned, std::string>> Shape;
  for (const auto &P : F.ParserShape)
    Shape.emplace_back(P.Kind, P.Line, P.Detail);
  return std::make_tuple(F.Name, F.EndLine, F.CodeLines, F.Complexity, F.MaxLoopDepth,
                         F.ReturnType, F.ParamTypes, F.ParamNames, F.ParamKinds,
                         F.ExternalLinkage, F.Lang, F.IndirectCalls, std::move(Calls),
                         std::move(Shape));
}

void ScanFacts::normalize() {
  // Copies with equal keys (a header seen from several TUs, a TU in two
  // shards) may differ, e.g. under different macros. Ties are broken by
  // content, so the copy kept does not depend on the order facts were
  // appended in.
  std::sort(TranslationUnits.begin(), TranslationUnits.end(),
            [](const auto &A, const auto &B) {
              if (A.File != B.File)
                return A.File < B.File;
              return std::tie(A.Status, A.ErrorCount, A.InferredFlags, A.MissingIncludes,
                              A.FailureReason) < std::tie(B.Status, B.ErrorCount,
                                                          B.InferredFlags, B.MissingIncludes,
                                                          B.FailureReason);
            });
  TranslationUnits.erase(
      std::unique(TranslationUnits.begin(), TranslationUnits.end(),
                  [](const auto &A, const auto &B) { return A.File == B.File; }),
      TranslationUnits.end());

  std::sort(Files.begin(), Files.end(), [](const auto &A, const auto &B) {
    if (A.Path != B.Path)
      return A.Path < B.Path;
    return std::tie(A.CodeLines, A.Lang, A.Includes) < std::tie(B.CodeLines, B.Lang, B.Includes);
  });
  Files.erase(std::unique(Files.begin(), Files.end(),
                          [](const auto &A, const auto &B) { return A.Path == B.Path; }),
              Files.end());

  std::sort(Functions.begin(), Functions.end(), [](const auto &A, const auto &B) {
    auto KA = std::tie(A.File, A.BeginLine, A.Usr), KB = std::tie(B.File, B.BeginLine, B.Usr);
    if (KA != KB)
      return KA < KB;
    return functionContent(A) < functionContent(B);
  });
  // A USR names one definition; a function defined in a header is seen by
  // every TU that includes it. Keep the first copy. The same definition can
  // also carry two USRs: a file compiled on its own and again #included into
  // an amalgamation (Lua's onelua.c) where a macro makes it static. One
  // definition site is one function.
  std::set<std::string> SeenUsr;
  std::set<std::tuple<std::string, unsigned, std::string>> SeenSite;
  std::vector<FunctionFacts> Unique;
  Unique.reserve(Functions.size());
  for (auto &F : Functions) {
    bool NewUsr = SeenUsr.insert(F.Usr).second;
    bool NewSite = SeenSite.emplace(F.File, F.BeginLine, F.Name).second;
    if (NewUsr && NewSite)
      Unique.push_back(std::move(F));
  }
  Functions = std::move(Unique);

  std::sort(Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
    if (findingKey(A) != findingKey(B))
      return findingKey(A) < findingKey(B);
    return std::tie(A.Sev, A.Cwe, A.FunctionName, A.Suppressed, A.SuppressionReason) <
           std::tie(B.Sev, B.Cwe, B.FunctionName, B.Suppressed, B.SuppressionReason);
  });
  // One site, one finding: the same code compiled alone and again inside an
  // amalgamation (Lua's onelua.c) has two function USRs but one location.
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) {
                               return std::tie(A.File, A.Line, A.Column, A.RuleId, A.Message) ==
                                      std::tie(B.File, B.Line, B.Column, B.RuleId, B.Message);
                             }),
                 Findings.end());
}

ScanStats computeStats(const ScanFacts &Facts) {
  ScanStats S;
  for (const auto &TU : Facts.TranslationUnits) {
    ++S.TranslationUnits;
    switch (TU.Status) {
    case ParseStatus::Clean:
      ++S.ParsedClean;
      break;
    case ParseStatus::Recovered:
      ++S.ParsedWithErrors;
      break;
    case ParseStatus::Failed:
      ++S.Failed;
      break;
    }
    if (TU.InferredFlags)
      ++S.InferredFlags;
  }
  return S;
}

const char *toString(Language L) { return L == Language::C ? "c" : "c++"; }

const char *toString(ParseStatus S) {
  switch (S) {
  case ParseStatus::Clean:
    return "clean";
  case ParseStatus::Recovered:
    return "recovered";
  case ParseStatus::Failed:
    return "failed";
  }
  return "failed";
}

const char *toString(Severity S) {
  switch (S) {
  case Severity::Low:
    return "low";
  case Severity::Medium:
    return "medium";
  case Severity::High:
    return "high";
  case Severity::Critical:
    return "critical";
  }
  return "medium";
}

bool parseSeverity(const std::string &T, Severity &Out) {
  for (Severity S : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
    if (T == toString(S)) {
      Out = S;
      return true;
    }
  return false;
}

bool parseLanguage(const std::string &T, Language &Out) {
  if (T == "c")
    Out = Language::C;
  else if (T == "c++")
    Out = Language::CXX;
  else
    return false;
  return true;
}

bool parseStatus(const std::string &T, ParseStatus &Out) {
  for (ParseStatus S : {ParseStatus::Clean, ParseStatus::Recovered, ParseStatus::Failed})
    if (T == toString(S)) {
      Out = S;
      return true;
    }
  return false;
}

} // namespace carcinize
