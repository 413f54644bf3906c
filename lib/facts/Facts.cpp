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
         ParserShape == O.ParserShape && Values == O.Values && ReturnFlow == O.ReturnFlow &&
         OutFlow == O.OutFlow;
}

bool ValueOrigin::operator<(const ValueOrigin &O) const {
  return std::tie(K, Index, Arg) < std::tie(O.K, O.Index, O.Arg);
}

bool parseValueOrigins(const std::string &Text, std::vector<ValueOrigin> &Out) {
  Out.clear();
  size_t I = 0, N = Text.size();
  // A decimal number below 2^31 (indexes of parameters, calls, arguments).
  auto Number = [&](unsigned &V) {
    size_t Start = I;
    unsigned long long X = 0;
    while (I < N && Text[I] >= '0' && Text[I] <= '9' && I - Start < 10)
      X = X * 10 + (Text[I++] - '0');
    if (I == Start || X > 0x7fffffffULL || (I < N && Text[I] >= '0' && Text[I] <= '9'))
      return false;
    V = static_cast<unsigned>(X);
    return true;
  };
  while (I < N) {
    if (Text[I] == ' ') {
      ++I;
      continue;
    }
    ValueOrigin O;
    char C = Text[I++];
    if (C == 'p')
      O.K = ValueOrigin::Param;
    else if (C == 'c')
      O.K = ValueOrigin::Result;
    else if (C == 'v')
      O.K = ValueOrigin::Value;
    else
      return false;
    if (!Number(O.Index))
      return false;
    if (O.K == ValueOrigin::Result && I < N && Text[I] == '.') {
      ++I;
      O.K = ValueOrigin::Written;
      if (!Number(O.Arg))
        return false;
    }
    if (I < N && Text[I] != ' ')
      return false;
    Out.push_back(O);
  }
  return true;
}

ValueOrigins formatValueOrigins(std::vector<ValueOrigin> Origins) {
  std::sort(Origins.begin(), Origins.end());
  Origins.erase(std::unique(Origins.begin(), Origins.end()), Origins.end());
  std::string Out;
  for (const auto &O : Origins) {
    if (!Out.empty())
      Out += ' ';
    Out += O.K == ValueOrigin::Param ? 'p' : O.K == ValueOrigin::Value ? 'v' : 'c';
    Out += std::to_string(O.Index);
    if (O.K == ValueOrigin::Written)
      Out += "." + std::to_string(O.Arg);
  }
  return Out;
}

bool AddressTakenSite::operator<(const AddressTakenSite &O) const {
  return std::tie(Usr, File, Line, Name, Signature) <
         std::tie(O.Usr, O.File, O.Line, O.Name, O.Signature);
}

bool looksLikeLengthName(const std::string &Name) {
  std::string Lower;
  for (char C : Name)
    Lower += static_cast<char>(C >= 'A' && C <= 'Z' ? C - 'A' + 'a' : C);
  auto Has = [&](const char *S) { return Lower.find(S) != std::string::npos; };
  auto Starts = [&](const char *S) { return Lower.rfind(S, 0) == 0; };
  return Has("len") || Has("size") || Has("count") || Has("bytes") || Has("avail") ||
         Lower == "n" || Lower == "sz" || Lower == "cap" || Lower == "capacity" ||
         Starts("nb") || Starts("num");
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
         Functions == O.Functions && Findings == O.Findings && AddressTaken == O.AddressTaken;
}

void ScanFacts::reserveFor(const std::vector<ScanFacts> &Parts) {
  size_t T = TranslationUnits.size(), Fi = Files.size(), Fn = Functions.size(),
         Fd = Findings.size(), A = AddressTaken.size();
  for (const ScanFacts &P : Parts) {
    T += P.TranslationUnits.size();
    Fi += P.Files.size();
    Fn += P.Functions.size();
    Fd += P.Findings.size();
    A += P.AddressTaken.size();
  }
  TranslationUnits.reserve(T);
  Files.reserve(Fi);
  Functions.reserve(Fn);
  Findings.reserve(Fd);
  AddressTaken.reserve(A);
}

void ScanFacts::append(ScanFacts Other) {
  auto Move = [](auto &To, auto &From) {
    // Into nothing (not even reserved room), the vector itself is taken:
    // moving its elements would hold both arrays at once (31 MB of a
    // million-line scan's peak).
    if (To.capacity() == 0)
      To = std::move(From);
    else
      To.insert(To.end(), std::make_move_iterator(From.begin()),
                std::make_move_iterator(From.end()));
  };
  Move(TranslationUnits, Other.TranslationUnits);
  Move(Files, Other.Files);
  Move(Functions, Other.Functions);
  Move(Findings, Other.Findings);
  Move(AddressTaken, Other.AddressTaken);
}

// Everything but the sort key, to order copies of one function.
static auto functionContent(const FunctionFacts &F) {
  std::vector<std::tuple<std::string, std::string, unsigned, bool, unsigned, bool,
                         std::string, std::vector<std::string>, unsigned, unsigned>>
      Calls;
  for (const auto &C : F.Callees)
    Calls.emplace_back(C.CalleeUsr, C.CalleeName, C.Line, C.Virtual, C.LoopDepth, C.Indirect,
                       C.Signature, C.Args, C.Order, C.Loop);
  std::vector<std::tuple<std::string, unsigned, std::string>> Shape;
  for (const auto &P : F.ParserShape)
    Shape.emplace_back(P.Kind, P.Line, P.Detail);
  return std::make_tuple(F.Name, F.EndLine, F.CodeLines, F.Complexity, F.MaxLoopDepth,
                         F.ReturnType, F.ParamTypes, F.ParamNames, F.ParamKinds,
                         F.ExternalLinkage, F.Lang, F.IndirectCalls, std::move(Calls),
                         std::move(Shape), F.Values, F.ReturnFlow, F.OutFlow);
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
    return std::tie(A.CodeLines, A.Lang, A.Includes, A.UnanalysedLines) <
           std::tie(B.CodeLines, B.Lang, B.Includes, B.UnanalysedLines);
  });
  // A line is analysed when any TU saw it: a file keeps the fewest unanalysed
  // lines of its copies (counted the same way, they differ only there).
  for (size_t I = 0, J = 0; I < Files.size(); I = J) {
    unsigned Fewest = Files[I].UnanalysedLines;
    for (J = I + 1; J < Files.size() && Files[J].Path == Files[I].Path; ++J)
      Fewest = std::min(Fewest, Files[J].UnanalysedLines);
    Files[I].UnanalysedLines = Fewest;
  }
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

  // One site per function and file (the first) is evidence enough: a test
  // file registering the same handler a hundred times says it once.
  std::sort(AddressTaken.begin(), AddressTaken.end());
  AddressTaken.erase(std::unique(AddressTaken.begin(), AddressTaken.end(),
                                 [](const AddressTakenSite &A, const AddressTakenSite &B) {
                                   return A.Usr == B.Usr && A.File == B.File;
                                 }),
                     AddressTaken.end());

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
