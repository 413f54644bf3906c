#include "facts/FactsJson.h"

#include "support/BoundedInput.h"
#include "support/Error.h"
#include "support/JsonError.h"

#include <algorithm>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdlib>

namespace carcinize {

namespace json = llvm::json;

namespace {

void writeStrings(json::OStream &J, llvm::StringRef Key,
                  const std::vector<std::string> &Values) {
  J.attributeArray(Key, [&] {
    for (const auto &V : Values)
      J.value(V);
  });
}

void writeTranslationUnit(json::OStream &J, const TranslationUnitFacts &TU) {
  J.object([&] {
    J.attribute("file", TU.File);
    J.attribute("status", toString(TU.Status));
    J.attribute("inferred_flags", TU.InferredFlags);
    J.attribute("error_count", TU.ErrorCount);
    J.attributeArray("errors", [&] {
      for (const auto &E : TU.Errors)
        J.object([&] {
          J.attribute("file", E.File);
          J.attribute("line", E.Line);
          J.attribute("column", E.Column);
          J.attribute("message", E.Message);
        });
    });
    writeStrings(J, "missing_includes", TU.MissingIncludes);
    if (!TU.FailureReason.empty())
      J.attribute("failure", TU.FailureReason);
  });
}

void writeFile(json::OStream &J, const FileFacts &F) {
  J.object([&] {
    J.attribute("path", F.Path);
    J.attribute("language", toString(F.Lang));
    J.attribute("code_lines", F.CodeLines);
    J.attribute("unanalysed_lines", F.UnanalysedLines);
    writeStrings(J, "includes", F.Includes);
  });
}

void writeAddressTaken(json::OStream &J, const AddressTakenSite &A) {
  J.object([&] {
    J.attribute("usr", A.Usr);
    J.attribute("name", A.Name);
    J.attribute("signature", A.Signature);
    J.attribute("file", A.File);
    J.attribute("line", A.Line);
  });
}

void writeFunction(json::OStream &J, const FunctionFacts &F, const FunctionExtras &Extras,
                   size_t Index, bool WithFlow = true) {
  J.object([&] {
    J.attribute("usr", F.Usr);
    J.attribute("name", F.Name);
    J.attribute("file", F.File);
    J.attribute("begin_line", F.BeginLine);
    J.attribute("end_line", F.EndLine);
    J.attribute("code_lines", F.CodeLines);
    J.attribute("complexity", F.Complexity);
    J.attribute("max_loop_depth", F.MaxLoopDepth);
    J.attribute("return_type", F.ReturnType);
    writeStrings(J, "param_types", F.ParamTypes);
    writeStrings(J, "param_names", F.ParamNames);
    J.attribute("param_kinds", F.ParamKinds);
    J.attribute("external_linkage", F.ExternalLinkage);
    J.attribute("language", toString(F.Lang));
    J.attributeArray("callees", [&] {
      for (size_t K = 0; K < F.Callees.size(); ++K)
        J.object([&] {
          const CallSite &C = F.Callees[K];
          J.attribute("usr", C.CalleeUsr);
          J.attribute("name", C.CalleeName);
          J.attribute("line", C.Line);
          if (C.Virtual)
            J.attribute("virtual", true);
          if (C.LoopDepth)
            J.attribute("loop_depth", C.LoopDepth);
          if (C.Indirect) {
            J.attribute("indirect", true);
            J.attribute("signature", C.Signature);
          }
          if (!WithFlow)
            return;
          if (!C.Args.empty())
            writeStrings(J, "args", C.Args);
          if (C.Order != K)
            J.attribute("order", C.Order);
          if (C.Loop)
            J.attribute("loop", C.Loop);
        });
    });
    J.attribute("indirect_calls", F.IndirectCalls);
    if (!F.ParserShape.empty())
      J.attributeArray("parser_shape", [&] {
        for (const auto &P : F.ParserShape)
          J.object([&] {
            J.attribute("kind", P.Kind);
            J.attribute("line", P.Line);
            J.attribute("detail", P.Detail);
          });
      });
    if (WithFlow && !F.Values.empty())
      writeStrings(J, "values", F.Values);
    if (WithFlow && !F.ReturnFlow.empty())
      J.attribute("return_flow", F.ReturnFlow);
    if (WithFlow && !F.OutFlow.empty())
      writeStrings(J, "out_flow", F.OutFlow);
    if (Extras)
      Extras(J, Index);
  });
}

void writeFinding(json::OStream &J, const Finding &F) {
  J.object([&] {
    J.attribute("rule", F.RuleId);
    J.attributeArray("cwe", [&] {
      for (unsigned C : F.Cwe)
        J.value(C);
    });
    J.attribute("severity", toString(F.Sev));
    J.attribute("file", F.File);
    J.attribute("line", F.Line);
    J.attribute("column", F.Column);
    J.attribute("function_usr", F.FunctionUsr);
    J.attribute("function", F.FunctionName);
    J.attribute("message", F.Message);
    if (F.Suppressed) {
      J.attribute("suppressed", true);
      J.attribute("suppression_reason", F.SuppressionReason);
    }
  });
}

// Reading: a small cursor over llvm::json values that reports the path of the
// member it failed on ("functions[3].file").
class Reader {
public:
  explicit Reader(std::string Source) : Source(std::move(Source)) {}

  [[noreturn]] void fail(const std::string &Where, const std::string &What) const {
    throw InputError(Source + ": not a carcinize facts file: " + Where + ": " + What);
  }

  const json::Object &object(const json::Value &V, const std::string &Where) const {
    if (const auto *O = V.getAsObject())
      return *O;
    fail(Where, "expected an object");
  }
  const json::Array &array(const json::Object &O, llvm::StringRef Key,
                           const std::string &Where, bool Optional = false) const {
    static const json::Array Empty;
    const json::Value *V = O.get(Key);
    if (!V) {
      if (Optional)
        return Empty;
      fail(Where + "." + Key.str(), "missing");
    }
    if (const auto *A = V->getAsArray())
      return *A;
    fail(Where + "." + Key.str(), "expected an array");
  }
  std::string string(const json::Object &O, llvm::StringRef Key,
                     const std::string &Where, bool Optional = false) const {
    const json::Value *V = O.get(Key);
    if (!V) {
      if (Optional)
        return {};
      fail(Where + "." + Key.str(), "missing");
    }
    if (auto S = V->getAsString())
      return S->str();
    fail(Where + "." + Key.str(), "expected a string");
  }
  unsigned number(const json::Object &O, llvm::StringRef Key,
                  const std::string &Where, bool Optional = false) const {
    const json::Value *V = O.get(Key);
    if (!V) {
      if (Optional)
        return 0;
      fail(Where + "." + Key.str(), "missing");
    }
    if (auto N = V->getAsInteger())
      if (*N >= 0 && *N <= 0xffffffffLL)
        return static_cast<unsigned>(*N);
    fail(Where + "." + Key.str(), "expected a non-negative integer");
  }
  bool boolean(const json::Object &O, llvm::StringRef Key, const std::string &Where,
               bool Optional = true) const {
    const json::Value *V = O.get(Key);
    if (!V) {
      if (Optional)
        return false;
      fail(Where + "." + Key.str(), "missing");
    }
    if (auto B = V->getAsBoolean())
      return *B;
    fail(Where + "." + Key.str(), "expected true or false");
  }
  std::vector<std::string> strings(const json::Object &O, llvm::StringRef Key,
                                   const std::string &Where) const {
    std::vector<std::string> Out;
    const auto &A = array(O, Key, Where, /*Optional=*/true);
    for (size_t I = 0; I < A.size(); ++I) {
      auto S = A[I].getAsString();
      if (!S)
        fail(Where + "." + Key.str() + "[" + std::to_string(I) + "]", "expected a string");
      Out.push_back(S->str());
    }
    return Out;
  }
  /// Value origins ("p0 c2 c3.1"), checked.
  std::string origins(const json::Value &V, const std::string &Where) const {
    auto S = V.getAsString();
    if (!S)
      fail(Where, "expected a string");
    std::vector<ValueOrigin> Parsed;
    if (!parseValueOrigins(S->str(), Parsed))
      fail(Where, "expected value origins like 'p0 c2 c3.1'");
    return S->str();
  }
  std::vector<std::string> originsList(const json::Object &O, llvm::StringRef Key,
                                       const std::string &Where) const {
    std::vector<std::string> Out;
    const auto &A = array(O, Key, Where, /*Optional=*/true);
    for (size_t I = 0; I < A.size(); ++I)
      Out.push_back(origins(A[I], Where + "." + Key.str() + "[" + std::to_string(I) + "]"));
    return Out;
  }
  Language language(const json::Object &O, const std::string &Where) const {
    Language L;
    std::string T = string(O, "language", Where);
    if (!parseLanguage(T, L))
      fail(Where + ".language", "unknown language '" + T + "'");
    return L;
  }

private:
  std::string Source;
};

std::string at(const char *Array, size_t I) {
  return std::string(Array) + "[" + std::to_string(I) + "]";
}

TranslationUnitFacts readTranslationUnit(const Reader &R, const json::Value &V,
                                         const std::string &W) {
  const auto &O = R.object(V, W);
  TranslationUnitFacts TU;
  TU.File = R.string(O, "file", W);
  std::string St = R.string(O, "status", W);
  if (!parseStatus(St, TU.Status))
    R.fail(W + ".status", "unknown status '" + St + "'");
  TU.InferredFlags = R.boolean(O, "inferred_flags", W);
  TU.ErrorCount = R.number(O, "error_count", W, true);
  const auto &Errs = R.array(O, "errors", W, true);
  for (size_t K = 0; K < Errs.size(); ++K) {
    std::string EW = W + "." + at("errors", K);
    const auto &E = R.object(Errs[K], EW);
    TU.Errors.push_back({R.string(E, "file", EW), R.number(E, "line", EW),
                         R.number(E, "column", EW), R.string(E, "message", EW)});
  }
  TU.MissingIncludes = R.strings(O, "missing_includes", W);
  TU.FailureReason = R.string(O, "failure", W, true);
  return TU;
}

FileFacts readFile(const Reader &R, const json::Value &V, const std::string &W) {
  const auto &O = R.object(V, W);
  FileFacts F;
  F.Path = R.string(O, "path", W);
  F.Lang = R.language(O, W);
  F.CodeLines = R.number(O, "code_lines", W);
  // Optional: facts saved before coverage was recorded read as fully seen.
  F.UnanalysedLines = std::min(R.number(O, "unanalysed_lines", W, true), F.CodeLines);
  F.Includes = R.strings(O, "includes", W);
  return F;
}

FunctionFacts readFunction(const Reader &R, const json::Value &V, const std::string &W) {
  const auto &O = R.object(V, W);
  FunctionFacts F;
  F.Usr = R.string(O, "usr", W);
  F.Name = R.string(O, "name", W);
  F.File = R.string(O, "file", W);
  F.BeginLine = R.number(O, "begin_line", W);
  F.EndLine = R.number(O, "end_line", W);
  F.CodeLines = R.number(O, "code_lines", W);
  F.Complexity = R.number(O, "complexity", W);
  F.MaxLoopDepth = R.number(O, "max_loop_depth", W);
  F.ReturnType = R.string(O, "return_type", W, true);
  F.ParamTypes = R.strings(O, "param_types", W);
  F.ParamNames = R.strings(O, "param_names", W);
  F.ParamKinds = R.string(O, "param_kinds", W, true);
  F.ExternalLinkage = R.boolean(O, "external_linkage", W);
  F.Lang = R.language(O, W);
  const auto &Calls = R.array(O, "callees", W, true);
  for (size_t K = 0; K < Calls.size(); ++K) {
    std::string CW = W + "." + at("callees", K);
    const auto &C = R.object(Calls[K], CW);
    CallSite CS;
    CS.CalleeUsr = R.string(C, "usr", CW);
    CS.CalleeName = R.string(C, "name", CW);
    CS.Line = R.number(C, "line", CW);
    CS.Virtual = R.boolean(C, "virtual", CW);
    CS.LoopDepth = R.number(C, "loop_depth", CW, true);
    CS.Indirect = R.boolean(C, "indirect", CW);
    CS.Signature = R.string(C, "signature", CW, true);
    CS.Args = R.originsList(C, "args", CW);
    CS.Order = C.get("order") ? R.number(C, "order", CW) : static_cast<unsigned>(K);
    CS.Loop = R.number(C, "loop", CW, true);
    F.Callees.push_back(std::move(CS));
  }
  F.IndirectCalls = R.number(O, "indirect_calls", W, true);
  const auto &Shape = R.array(O, "parser_shape", W, true);
  for (size_t K = 0; K < Shape.size(); ++K) {
    std::string PW = W + "." + at("parser_shape", K);
    const auto &P = R.object(Shape[K], PW);
    F.ParserShape.push_back(
        {R.string(P, "kind", PW), R.number(P, "line", PW), R.string(P, "detail", PW, true)});
  }
  F.Values = R.originsList(O, "values", W);
  if (const json::Value *V = O.get("return_flow"))
    F.ReturnFlow = R.origins(*V, W + ".return_flow");
  F.OutFlow = R.originsList(O, "out_flow", W);
  return F;
}

Finding readFinding(const Reader &R, const json::Value &V, const std::string &W) {
  const auto &O = R.object(V, W);
  Finding F;
  F.RuleId = R.string(O, "rule", W);
  const auto &Cwe = R.array(O, "cwe", W, true);
  for (size_t K = 0; K < Cwe.size(); ++K) {
    auto N = Cwe[K].getAsInteger();
    if (!N || *N < 0)
      R.fail(W + ".cwe", "expected CWE numbers");
    F.Cwe.push_back(static_cast<unsigned>(*N));
  }
  std::string Sev = R.string(O, "severity", W);
  if (!parseSeverity(Sev, F.Sev))
    R.fail(W + ".severity", "unknown severity '" + Sev + "'");
  F.File = R.string(O, "file", W);
  F.Line = R.number(O, "line", W);
  F.Column = R.number(O, "column", W);
  F.FunctionUsr = R.string(O, "function_usr", W, true);
  F.FunctionName = R.string(O, "function", W, true);
  F.Message = R.string(O, "message", W);
  F.Suppressed = R.boolean(O, "suppressed", W);
  F.SuppressionReason = R.string(O, "suppression_reason", W, true);
  return F;
}

AddressTakenSite readAddressTaken(const Reader &R, const json::Value &V, const std::string &W) {
  const auto &O = R.object(V, W);
  return {R.string(O, "usr", W), R.string(O, "name", W), R.string(O, "signature", W),
          R.string(O, "file", W), R.number(O, "line", W)};
}

} // namespace

void writeFactsMembers(json::OStream &J, const ScanFacts &Facts, const FunctionExtras &Extras,
                       bool WithFlow) {
  ScanStats S = computeStats(Facts);
  J.attributeObject("tool", [&] {
    J.attribute("name", Facts.Tool.Name);
    J.attribute("version", Facts.Tool.Version);
  });
  J.attributeObject("stats", [&] {
    J.attribute("translation_units", S.TranslationUnits);
    J.attribute("parsed_clean", S.ParsedClean);
    J.attribute("parsed_with_errors", S.ParsedWithErrors);
    J.attribute("failed", S.Failed);
    J.attribute("inferred_flags", S.InferredFlags);
    unsigned Suppressed = 0;
    for (const auto &F : Facts.Findings)
      Suppressed += F.Suppressed;
    J.attribute("findings", static_cast<unsigned>(Facts.Findings.size()) - Suppressed);
    J.attribute("suppressed", Suppressed);
  });
  J.attributeArray("translation_units", [&] {
    for (const auto &TU : Facts.TranslationUnits)
      writeTranslationUnit(J, TU);
  });
  J.attributeArray("files", [&] {
    for (const auto &F : Facts.Files)
      writeFile(J, F);
  });
  J.attributeArray("functions", [&] {
    for (size_t I = 0; I < Facts.Functions.size(); ++I)
      writeFunction(J, Facts.Functions[I], Extras, I, WithFlow);
  });
  J.attributeArray("findings", [&] {
    for (const auto &F : Facts.Findings)
      writeFinding(J, F);
  });
  if (!Facts.AddressTaken.empty())
    J.attributeArray("address_taken", [&] {
      for (const auto &A : Facts.AddressTaken)
        writeAddressTaken(J, A);
    });
}

std::string factsToJson(const ScanFacts &Facts, unsigned Indent) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  json::OStream J(OS, Indent);
  J.object([&] { writeFactsMembers(J, Facts); });
  OS << "\n";
  OS.flush();
  return Out;
}

ScanFacts factsFromJson(const std::string &Text, const std::string &SourceName) {
  auto Parsed = parseJsonBounded(Text, SourceName);
  if (!Parsed) {
    std::string LineCol;
    std::string What = jsonErrorText(Parsed.takeError(), Text, LineCol);
    throw InputError(SourceName + (LineCol.empty() ? "" : ":" + LineCol) +
                     ": invalid JSON: " + What);
  }
  Reader R(SourceName);
  const json::Object &Root = R.object(*Parsed, "document");
  ScanFacts Facts;
  if (const json::Value *Tool = Root.get("tool")) {
    const auto &T = R.object(*Tool, "tool");
    Facts.Tool.Name = R.string(T, "name", "tool");
    Facts.Tool.Version = R.string(T, "version", "tool");
  } else {
    R.fail("tool", "missing");
  }
  const auto &TUs = R.array(Root, "translation_units", "document");
  for (size_t I = 0; I < TUs.size(); ++I)
    Facts.TranslationUnits.push_back(readTranslationUnit(R, TUs[I], at("translation_units", I)));
  const auto &Files = R.array(Root, "files", "document");
  for (size_t I = 0; I < Files.size(); ++I)
    Facts.Files.push_back(readFile(R, Files[I], at("files", I)));
  const auto &Fns = R.array(Root, "functions", "document");
  for (size_t I = 0; I < Fns.size(); ++I)
    Facts.Functions.push_back(readFunction(R, Fns[I], at("functions", I)));
  const auto &Finds = R.array(Root, "findings", "document", true);
  for (size_t I = 0; I < Finds.size(); ++I)
    Facts.Findings.push_back(readFinding(R, Finds[I], at("findings", I)));
  const auto &Taken = R.array(Root, "address_taken", "document", true);
  for (size_t I = 0; I < Taken.size(); ++I)
    Facts.AddressTaken.push_back(readAddressTaken(R, Taken[I], at("address_taken", I)));
  return Facts;
}

void writeFactsRecords(llvm::raw_ostream &OS, const ScanFacts &Facts) {
  auto Record = [&](llvm::StringRef Kind, auto Write) {
    json::OStream J(OS, 0);
    J.object([&] { J.attributeBegin(Kind); Write(J); J.attributeEnd(); });
    OS << "\n";
  };
  for (const auto &TU : Facts.TranslationUnits)
    Record("translation_unit", [&](json::OStream &J) { writeTranslationUnit(J, TU); });
  for (const auto &F : Facts.Files)
    Record("file", [&](json::OStream &J) { writeFile(J, F); });
  for (size_t I = 0; I < Facts.Functions.size(); ++I)
    Record("function", [&](json::OStream &J) { writeFunction(J, Facts.Functions[I], nullptr, I); });
  for (const auto &F : Facts.Findings)
    Record("finding", [&](json::OStream &J) { writeFinding(J, F); });
  for (const auto &A : Facts.AddressTaken)
    Record("address_taken", [&](json::OStream &J) { writeAddressTaken(J, A); });
}

void readFactsRecord(llvm::StringRef Line, ScanFacts &Into, const std::string &SourceName) {
  auto Parsed = parseJsonBounded(Line, SourceName, /*NameHasLine=*/true);
  if (!Parsed) {
    std::string LineCol;
    std::string What = jsonErrorText(Parsed.takeError(), Line.str(), LineCol);
    throw InputError(SourceName + ": invalid JSON: " + What);
  }
  Reader R(SourceName);
  const json::Object &O = R.object(*Parsed, "record");
  if (O.size() != 1)
    R.fail("record", "expected one member naming the kind of record");
  const auto &[Key, V] = *O.begin();
  llvm::StringRef Kind = Key;
  std::string W = Kind.str();
  if (Kind == "translation_unit")
    Into.TranslationUnits.push_back(readTranslationUnit(R, V, W));
  else if (Kind == "file")
    Into.Files.push_back(readFile(R, V, W));
  else if (Kind == "function")
    Into.Functions.push_back(readFunction(R, V, W));
  else if (Kind == "finding")
    Into.Findings.push_back(readFinding(R, V, W));
  else if (Kind == "address_taken")
    Into.AddressTaken.push_back(readAddressTaken(R, V, W));
  else
    R.fail("record", "unknown kind '" + W + "'");
}

} // namespace carcinize
