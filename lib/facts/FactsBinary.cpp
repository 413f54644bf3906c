#include "facts/FactsBinary.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace carcinize {

namespace {

// Bumped whenever a field is added, removed or reordered below.
constexpr llvm::StringLiteral Magic = "CZF1";

// Each struct is described once, by `io`, for both directions: the writer
// and the reader are archives with the same operator().

class Writer {
public:
  void operator()(const std::string &S) {
    number(S.size());
    Out += S;
  }
  void operator()(unsigned V) { number(V); }
  void operator()(bool V) { Out += static_cast<char>(V ? 1 : 0); }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void operator()(E V) {
    number(static_cast<uint64_t>(V));
  }
  template <class T> void operator()(const std::vector<T> &V) {
    number(V.size());
    for (const T &X : V)
      (*this)(X);
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0>
  void operator()(const T &X) {
    io(*this, const_cast<T &>(X));
  }
  std::string Out;

private:
  void number(uint64_t V) { // LEB128
    do {
      char B = static_cast<char>(V & 0x7f);
      V >>= 7;
      Out += static_cast<char>(B | (V ? 0x80 : 0));
    } while (V);
  }
};

class Reader {
public:
  explicit Reader(llvm::StringRef Data) : Data(Data) {}
  void operator()(std::string &S) {
    uint64_t N = number();
    if (!Ok || N > Data.size() - Pos)
      return fail();
    S.assign(Data.data() + Pos, N);
    Pos += N;
  }
  void operator()(unsigned &V) {
    uint64_t N = number();
    if (N > UINT32_MAX)
      return fail();
    V = static_cast<unsigned>(N);
  }
  void operator()(bool &V) {
    if (!Ok || Pos >= Data.size() || static_cast<unsigned char>(Data[Pos]) > 1)
      return fail();
    V = Data[Pos++] == 1;
  }
  template <class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> void operator()(E &V) {
    uint64_t N = number();
    if (N > Max<E>())
      return fail();
    V = static_cast<E>(N);
  }
  template <class T> void operator()(std::vector<T> &V) {
    uint64_t N = number();
    // Every element takes a byte at least: a count beyond what is left is
    // damage, not a reason to allocate.
    if (!Ok || N > Data.size() - Pos)
      return fail();
    V.clear();
    V.reserve(std::min<uint64_t>(N, 1024));
    for (uint64_t I = 0; I < N; ++I) {
      T X{};
      (*this)(X);
      if (!Ok)
        return;
      V.push_back(std::move(X));
    }
  }
  template <class T, std::enable_if_t<std::is_class_v<T>, int> = 0> void operator()(T &X) {
    io(*this, X);
  }
  bool ok() const { return Ok; }
  bool atEnd() const { return Pos == Data.size(); }

private:
  template <class E> static uint64_t Max();
  uint64_t number() {
    uint64_t V = 0;
    for (unsigned Shift = 0; Ok; Shift += 7) {
      if (Pos >= Data.size() || Shift > 63) {
        fail();
        break;
      }
      auto B = static_cast<unsigned char>(Data[Pos++]);
      V |= static_cast<uint64_t>(B & 0x7f) << Shift;
      if (!(B & 0x80))
        return V;
    }
    return 0;
  }
  void fail() { Ok = false; }
  llvm::StringRef Data;
  size_t Pos = 0;
  bool Ok = true;
};

template <> uint64_t Reader::Max<Language>() { return static_cast<uint64_t>(Language::CXX); }
template <> uint64_t Reader::Max<ParseStatus>() { return static_cast<uint64_t>(ParseStatus::Failed); }
template <> uint64_t Reader::Max<Severity>() { return static_cast<uint64_t>(Severity::Critical); }

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

} // namespace

std::string factsToBinary(const ScanFacts &Facts) {
  Writer W;
  W.Out = Magic.str();
  W(Facts);
  return std::move(W.Out);
}

std::optional<ScanFacts> factsFromBinary(llvm::StringRef Data) {
  if (!Data.consume_front(Magic))
    return std::nullopt;
  Reader R(Data);
  ScanFacts F;
  R(F);
  if (!R.ok() || !R.atEnd())
    return std::nullopt;
  return F;
}

} // namespace carcinize
