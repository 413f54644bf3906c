#include "analysis/Exposure.h"

#include "rules/Tables.h"
#include "support/Glob.h"

#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringRef.h>

#include <deque>
#include <map>

namespace carcinize {

namespace {

struct SourceInfo {
  std::string Kind;
};

// Library entry points: exported functions whose parameters carry outside
// data (a byte pointer with a length, a FILE *, or a descriptor) and that
// nothing in the tree calls: the API a library offers its users. A function
// the tree calls gets its exposure from its callers instead; counting every
// exported (buffer, length) helper of a program as a boundary made the
// demo's checksum routine as exposed as its socket reader.
bool looksLikeEntryPoint(const CallGraph &G, size_t I, const std::vector<bool> &Harness) {
  const FunctionFacts &F = G.function(I);
  if (!F.ExternalLinkage || F.Name == "main")
    return false;
  // Calls from tests and fuzzers do not make a public API internal.
  for (const auto &Edge : G.callers(I))
    if (!Harness[Edge.To])
      return false;
  const std::string &K = F.ParamKinds;
  bool Bytes = K.find('b') != std::string::npos;
  // The integer must look like a length (by its type or its name): a flag
  // or a bool beside a string is not a buffer and its size (seen in cJSON:
  // cJSON_AddBoolToObject(object, name, boolean)).
  bool Length = false;
  for (size_t P = 0; P < K.size() && P < F.ParamNames.size() && P < F.ParamTypes.size(); ++P) {
    if (K[P] != 'i')
      continue;
    std::string Name = llvm::StringRef(F.ParamNames[P]).lower();
    llvm::StringRef N = Name, T = F.ParamTypes[P];
    Length = Length || T.contains("size_t") || N.contains("len") || N.contains("size") ||
             N.contains("count") || N.contains("bytes") || N == "n" || N == "sz" ||
             N == "cap" || N == "capacity" || N.starts_with("nb") || N.starts_with("num");
  }
  if (Bytes && Length)
    return true;
  if (K.find('f') != std::string::npos)
    return true;
  for (size_t I = 0; I < F.ParamNames.size() && I < K.size(); ++I)
    if (K[I] == 'i' && (F.ParamNames[I] == "fd" || F.ParamNames[I] == "sock" ||
                        F.ParamNames[I] == "sockfd" || F.ParamNames[I] == "socket"))
      return true;
  return false;
}

} // namespace

bool isFuzzHarness(const FunctionFacts &F) {
  if (F.Name == "LLVMFuzzerTestOneInput")
    return true;
  llvm::StringRef Path = F.File;
  return Path.contains_insensitive("fuzz") && isHarnessCode(F);
}

bool isHarnessCode(const FunctionFacts &F) {
  if (F.Name == "LLVMFuzzerTestOneInput")
    return true;
  // Folders and file names that hold tests, fuzzers, benchmarks and
  // examples: seen feeding data to the real parsers in http-parser (test.c,
  // bench.c, fuzzers/) and cJSON (tests/, fuzzing/), where they outranked
  // the parsers as "input surfaces".
  static const char *const Dirs[] = {"test",     "tests",     "testing",  "unittest",
                                     "unittests", "fuzz",      "fuzzing",  "fuzzer",
                                     "fuzzers",  "bench",     "benchmark", "benchmarks",
                                     "example",  "examples",  "sample",   "samples"};
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(F.File).split(Parts, '/');
  if (Parts.empty())
    return false;
  for (size_t I = 0; I + 1 < Parts.size(); ++I)
    for (const char *D : Dirs)
      if (Parts[I].equals_insensitive(D))
        return true;
  llvm::StringRef Stem = Parts.back().rsplit('.').first;
  std::string Lower = Stem.lower();
  llvm::StringRef L = Lower;
  return L == "test" || L.starts_with("test_") || L.starts_with("tests_") ||
         L.ends_with("_test") || L.ends_with("_tests") || L.ends_with("_unittest") ||
         L.starts_with("fuzz") || L.ends_with("_fuzzer") || L.ends_with("_fuzz") ||
         L == "bench" || L.starts_with("bench_") || L.ends_with("_bench") ||
         L.ends_with("_benchmark");
}

std::vector<FunctionExposure> computeExposure(const CallGraph &G, const BoundaryConfig &Boundaries,
                                              const ExposureOptions &Options) {
  std::map<std::string, SourceInfo> Sources;
  for (const auto &R : builtinTables().rows("input-sources"))
    Sources[R.name()] = {R.get("kind", "file")};
  for (const auto &S : Boundaries.Sources)
    Sources[S.Name] = {S.Kind};
  auto SourceOf = [&](const std::string &Name) -> const SourceInfo * {
    auto It = Sources.find(Name);
    if (It == Sources.end())
      It = Sources.find(plainName(Name));
    return It == Sources.end() ? nullptr : &It->second;
  };

  std::vector<FunctionExposure> Out(G.size());
  std::deque<size_t> Queue;
  std::vector<bool> Harness(G.size());
  for (size_t I = 0; I < G.size(); ++I)
    Harness[I] = isHarnessCode(G.function(I));
  // What a fuzz harness feeds bytes to is an input surface the maintainers
  // named themselves: the callees of a harness that take data, outside the
  // harness code, are exposed as entry points.
  for (size_t I = 0; I < G.size(); ++I) {
    const FunctionFacts &F = G.function(I);
    if (!isFuzzHarness(F))
      continue;
    for (const auto &Edge : G.callees(I)) {
      const FunctionFacts &Callee = G.function(Edge.To);
      if (Harness[Edge.To] || Callee.ParamTypes.empty() || !Out[Edge.To].Evidence.Kind.empty())
        continue;
      Out[Edge.To] = {1.0,
                      {"fuzz-target", F.Name, "api", F.File, F.BeginLine, {Callee.Name}}};
    }
  }
  for (size_t I = 0; I < G.size(); ++I) {
    const FunctionFacts &F = G.function(I);
    // Tests, fuzzers and benchmarks feed data in to exercise the code: they
    // are not where outside data arrives, and nothing flows into them.
    if (Harness[I])
      continue;
    if (!Out[I].Evidence.Kind.empty()) {
      Queue.push_back(I);
      continue;
    }
    ExposureEvidence E;
    // A call to a source, inside or outside the tree (user sources may be
    // defined in the tree), in source order: the first one is the evidence.
    for (const auto &C : F.Callees)
      if (const SourceInfo *S = SourceOf(C.CalleeName)) {
        E = {"source", plainName(C.CalleeName), S->Kind, F.Name, C.Line, {F.Name}};
        break;
      }
    if (E.Kind.empty() && F.Name == "main" && F.ParamTypes.size() >= 2)
      E = {"argv", "argv", "argv", F.Name, F.BeginLine, {F.Name}};
    if (E.Kind.empty())
      for (const auto &Glob : Boundaries.EntryPoints)
        if (globMatchPlain(Glob, F.Name) || globMatchPlain(Glob, plainName(F.Name))) {
          E = {"entry-point", F.Name, "api", F.Name, F.BeginLine, {F.Name}};
          break;
        }
    if (E.Kind.empty() && looksLikeEntryPoint(G, I, Harness))
      E = {"entry-point", F.Name, "api", F.Name, F.BeginLine, {F.Name}};
    if (!E.Kind.empty()) {
      Out[I] = {1.0, std::move(E)};
      Queue.push_back(I);
    }
  }

  // Propagate down the call graph to callees that receive data (take
  // parameters), decaying per call; keep the strongest path. Breadth-first
  // over a max-relaxation converges because scores only grow and are < 1.
  while (!Queue.empty()) {
    size_t I = Queue.front();
    Queue.pop_front();
    // The command line is passed on in part, and usually by the user who
    // runs the program: it decays twice as fast as data from a socket/file.
    double Next = Out[I].Score * Options.Decay *
                  (Out[I].Evidence.SourceKind == "argv" ? Options.ArgvDecay : 1.0);
    if (Next < Options.Floor)
      continue;
    for (const auto &Edge : G.callees(I)) {
      const FunctionFacts &Callee = G.function(Edge.To);
      if (Callee.ParamTypes.empty() || Edge.To == I || Harness[Edge.To])
        continue;
      if (Next <= Out[Edge.To].Score + 1e-12)
        continue;
      FunctionExposure X;
      X.Score = Next;
      X.Evidence = Out[I].Evidence;
      X.Evidence.Kind = "propagated";
      X.Evidence.Chain.push_back(Callee.Name);
      Out[Edge.To] = std::move(X);
      Queue.push_back(Edge.To);
    }
  }
  return Out;
}

std::string describeExposure(const ExposureEvidence &E) {
  if (E.Kind.empty())
    return "";
  auto Calls = [](size_t N) {
    return std::to_string(N) + (N == 1 ? " call away" : " calls away");
  };
  size_t Hops = E.Chain.empty() ? 0 : E.Chain.size() - 1;
  if (E.SourceKind == "argv")
    return E.Kind == "propagated"
               ? "receives the command line from 'main', " + Calls(Hops)
               : "receives the command line ('argv' of 'main')";
  if (E.Kind == "fuzz-target")
    return "is fed untrusted bytes by the fuzz harness '" + E.Source + "' (" + E.Origin + ")";
  if (E.SourceKind == "api")
    return E.Kind == "propagated"
               ? "receives outside data from input surface '" + E.Source + "', " + Calls(Hops)
               : "is an input surface: exported and takes outside data (a buffer and length, a "
                 "FILE * or a descriptor)";
  std::string Input = (E.SourceKind == "custom" ? std::string("untrusted") : E.SourceKind) + " input";
  if (E.Kind == "propagated")
    return "receives " + Input + " ('" + E.Source + "' in '" + E.Origin + "', " + Calls(Hops) + ")";
  return "reads " + Input + " ('" + E.Source + "' at line " + std::to_string(E.Line) + ")";
}

} // namespace carcinize
