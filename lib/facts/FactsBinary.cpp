#include "facts/FactsBinary.h"

#include "facts/BinaryArchive.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace carcinize {

template <> uint64_t binary::Reader::Max<Language>() { return static_cast<uint64_t>(Language::CXX); }
template <> uint64_t binary::Reader::Max<ParseStatus>() {
  return static_cast<uint64_t>(ParseStatus::Failed);
}
template <> uint64_t binary::Reader::Max<Severity>() {
  return static_cast<uint64_t>(Severity::Critical);
}

namespace {

// Bumped whenever a field is added, removed or reordered below.
constexpr llvm::StringLiteral Magic = "CZF2";

} // namespace

// The descriptions are in namespace carcinize (not an unnamed one): the
// archives find them by argument-dependent lookup.

template <class A> void io(A &Ar, ToolInfo &T) {
  Ar(T.Name);
  Ar(T.Version);
}

template <class A> void io(A &Ar, ParseDiagnostic &D) {
  Ar(D.File);
  Ar(D.Line);
  Ar(D.Column);
  Ar(D.Message);
}

template <class A> void io(A &Ar, TranslationUnitFacts &T) {
  Ar(T.File);
  Ar(T.Status);
  Ar(T.InferredFlags);
  Ar(T.ErrorCount);
  Ar(T.Errors);
  Ar(T.MissingIncludes);
  Ar(T.FailureReason);
}

template <class A> void io(A &Ar, FileFacts &F) {
  Ar(F.Path);
  Ar(F.CodeLines);
  Ar(F.UnanalysedLines);
  Ar(F.Lang);
  Ar(F.Includes);
}

template <class A> void io(A &Ar, CallSite &C) {
  Ar(C.CalleeUsr);
  Ar(C.CalleeName);
  Ar(C.Line);
  Ar(C.Virtual);
  Ar(C.LoopDepth);
  Ar(C.Indirect);
  Ar(C.Signature);
  Ar(C.Args);
  Ar(C.Order);
  Ar(C.Loop);
}

template <class A> void io(A &Ar, ParserPattern &P) {
  Ar(P.Kind);
  Ar(P.Line);
  Ar(P.Detail);
}

template <class A> void io(A &Ar, FunctionFacts &F) {
  Ar(F.Usr);
  Ar(F.Name);
  Ar(F.File);
  Ar(F.BeginLine);
  Ar(F.EndLine);
  Ar(F.CodeLines);
  Ar(F.Complexity);
  Ar(F.MaxLoopDepth);
  Ar(F.ReturnType);
  Ar(F.ParamTypes);
  Ar(F.ParamNames);
  Ar(F.ParamKinds);
  Ar(F.ExternalLinkage);
  Ar(F.Lang);
  Ar(F.Callees);
  Ar(F.IndirectCalls);
  Ar(F.ParserShape);
  Ar(F.Values);
  Ar(F.ReturnFlow);
  Ar(F.OutFlow);
}

template <class A> void io(A &Ar, Finding &F) {
  Ar(F.RuleId);
  Ar(F.Cwe);
  Ar(F.Sev);
  Ar(F.File);
  Ar(F.Line);
  Ar(F.Column);
  Ar(F.FunctionUsr);
  Ar(F.FunctionName);
  Ar(F.Message);
  Ar(F.Suppressed);
  Ar(F.SuppressionReason);
}

template <class A> void io(A &Ar, AddressTakenSite &S) {
  Ar(S.Usr);
  Ar(S.Name);
  Ar(S.Signature);
  Ar(S.File);
  Ar(S.Line);
}

template <class A> void io(A &Ar, ScanFacts &F) {
  Ar(F.Tool);
  Ar(F.TranslationUnits);
  Ar(F.Files);
  Ar(F.Functions);
  Ar(F.Findings);
  Ar(F.AddressTaken);
}

void factsToBinary(const ScanFacts &Facts, llvm::function_ref<void(llvm::StringRef)> Sink) {
  // As io(ScanFacts) writes it, a piece at a time.
  binary::Writer W;
  W.Out = Magic.str();
  W(Facts.Tool);
  auto Each = [&](const auto &V) {
    W.count(V.size());
    for (const auto &X : V) {
      W(X);
      if (W.Out.size() >= 64 * 1024) {
        Sink(W.Out);
        W.Out.clear();
      }
    }
  };
  Each(Facts.TranslationUnits);
  Each(Facts.Files);
  Each(Facts.Functions);
  Each(Facts.Findings);
  Each(Facts.AddressTaken);
  Sink(W.Out);
}

std::string factsToBinary(const ScanFacts &Facts) {
  binary::Writer W;
  W.Out = Magic.str();
  W(Facts);
  return std::move(W.Out);
}

std::optional<ScanFacts> factsFromBinary(llvm::StringRef Data) {
  if (!Data.consume_front(Magic))
    return std::nullopt;
  binary::Reader R(Data);
  ScanFacts F;
  R(F);
  if (!R.ok() || !R.atEnd())
    return std::nullopt;
  return F;
}

} // namespace carcinize
