#include "analysis/Exposure.h"

#include "rules/Tables.h"
#include "support/Glob.h"

#include <llvm/ADT/STLFunctionalExtras.h>
#include <llvm/ADT/SmallBitVector.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace carcinize {

namespace {

struct SourceInfo {
  std::string Name;
  std::string Kind;
  bool Returns = false; ///< the data is the result
  int Fills = -1;       ///< the argument filled with the data
  bool FillsRest = false; ///< and every argument after it (the scanf family)
};

/// A library function that calls a function of the program back with input
/// (pcap_loop): the `callback-sources` table.
struct CallbackSource {
  std::string Kind;
  std::string Signature; ///< the callback's canonical type
  unsigned Data = 0;     ///< the callback's parameter that receives the data
};

bool isFdName(const std::string &Name) {
  return Name == "fd" || Name == "sock" || Name == "sockfd" || Name == "socket";
}

// The parameters of \p F that carry data: byte buffers with a length
// beside them (the integer must look like a length, by its type or its
// name: a flag or a bool beside a string is not a buffer and its size, seen
// in cJSON: cJSON_AddBoolToObject(object, name, boolean)), streams, FILE *
// and descriptors. A `void *` is a buffer only when no pointer to
// characters is there: beside one, it is a callback's user data (expat's
// handlers take (void *userData, const XML_Char *s, int len)). \p Output
// says which byte buffers the function writes into: those are results, not
// data (gzread's 'buf', libpng's png_ascii_from_fp(png_ptr, ascii, size,
// ...)).
std::vector<unsigned> dataParams(const FunctionFacts &F, const std::vector<char> &Output) {
  const std::string &K = F.ParamKinds;
  bool Chars = K.find('b') != std::string::npos;
  std::vector<unsigned> Bytes, Lengths, Other;
  for (unsigned P = 0; P < K.size(); ++P) {
    std::string Name = P < F.ParamNames.size() ? F.ParamNames[P] : "";
    llvm::StringRef Type = P < F.ParamTypes.size() ? llvm::StringRef(F.ParamTypes[P]) : "";
    bool Buffer = K[P] == 'b' || (K[P] == 'v' && !Chars);
    if (Buffer && !(P < Output.size() && Output[P]))
      Bytes.push_back(P);
    else if (K[P] == 'f' || K[P] == 's' || (K[P] == 'i' && isFdName(Name)))
      Other.push_back(P);
    else if (K[P] == 'i' && (Type.contains("size_t") || looksLikeLengthName(Name)))
      Lengths.push_back(P);
  }
  std::vector<unsigned> Out = Other;
  if (!Bytes.empty() && !Lengths.empty()) {
    Out.insert(Out.end(), Bytes.begin(), Bytes.end());
    Out.insert(Out.end(), Lengths.begin(), Lengths.end());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

// The words of an identifier (`ares_rand_bytes_fetch`, `writeRandomBytes`).
std::vector<std::string> identifierWords(llvm::StringRef Name) {
  std::vector<std::string> Words;
  std::string W;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Upper = C >= 'A' && C <= 'Z';
    bool Alnum = Upper || (C >= 'a' && C <= 'z') || (C >= '0' && C <= '9');
    if (!Alnum || (Upper && !W.empty() && !(Name[I - 1] >= 'A' && Name[I - 1] <= 'Z'))) {
      if (!W.empty())
        Words.push_back(W);
      W.clear();
    }
    if (Alnum)
      W += static_cast<char>(Upper ? C - 'A' + 'a' : C);
  }
  if (!W.empty())
    Words.push_back(W);
  return Words;
}

// A function that reads randomness: the file it reads is the system's
// entropy (/dev/urandom), not outside data. Without a compilation database
// the path is often a configuration macro that is not defined, so only the
// name tells: c-ares' ares_rand_bytes_fetch made every function that sends
// a query (random ids) a "reader", expat's writeRandomBytes_dev_urandom
// was an input source.
} // namespace

std::string environmentRead(const std::string &SourceKind, const std::string &Source,
                            const std::string &Reader, const std::string &File) {
  if (SourceKind == "env")
    return "the process environment";
  if (SourceKind != "file")
    return "";
  std::vector<std::string> Words = identifierWords(plainName(Reader));
  std::string Path = File;
  for (char &C : Path)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  auto Has = [&](std::initializer_list<const char *> List) {
    for (const auto &W : Words)
      for (const char *L : List)
        if (W == L)
          return true;
    return false;
  };
  // An allocator maps memory for itself (jemalloc's pages_map, redis's
  // zmalloc): the bytes are its own, not input.
  if (Source == "mmap" &&
      (Has({"alloc", "malloc", "zmalloc", "arena", "pool", "heap", "pages", "chunk", "slab",
            "mem", "memory", "realloc", "calloc", "free", "page"}) ||
       Path.find("alloc") != std::string::npos || Path.find("arena") != std::string::npos))
    return "memory mapped by an allocator";
  // A configuration file read by the program at start-up: named so by the
  // function that reads it (load_config, readConfFile, parse_rc).
  if (Has({"config", "conf", "cfg", "configuration", "settings", "rc", "ini", "prefs",
           "preferences"}))
    return "its configuration file";
  return "";
}

namespace {

bool readsRandomness(const FunctionFacts &F) {
  static const char *const Words[] = {"rand", "random", "urandom", "entropy", "prng", "rng"};
  for (const std::string &W : identifierWords(plainName(F.Name)))
    for (const char *R : Words)
      if (W == R)
        return true;
  return false;
}

// Address-taken sites outside tests and fuzzers: a test that registers a
// library function as a callback does not make it a callback.
bool addressTakenInProgram(const CallGraph &G, size_t I) {
  for (const AddressTakenSite *A : G.addressTaken(I))
    if (!isHarnessPath(A->File))
      return true;
  return false;
}

// Library entry points: exported functions whose parameters carry outside
// data (dataParams), whose address is not taken: the API a library offers
// its users. In a program (a tree with a `main` of its own), an exported
// function the tree calls is a helper that gets its exposure from its
// callers: counting every exported (buffer, length) helper of a program as
// a boundary made the demo's checksum routine as exposed as its socket
// reader. In a library, the API is also called from the library itself
// (zlib's gzread calls inflate); what marks it is that the library's
// clients in the tree call it: tests, examples, fuzzers and contrib tools
// (or nothing does). Internal helpers that happen to be non-static
// (zlib's _tr_flush_block, libpng's png_format_number) are called by the
// library only. A function whose address is taken is a callback: the
// parser that calls it passes the data (http-parser's contrib/parsertrace.c
// on_url(parser, at, length) was an "input surface" before the address was
// a fact).
bool looksLikeEntryPoint(const CallGraph &G, size_t I, const std::vector<bool> &Harness,
                         const std::vector<bool> &Peripheral, bool Program,
                         const std::vector<char> &Output) {
  const FunctionFacts &F = G.function(I);
  if (!F.ExternalLinkage || F.Name == "main" || Harness[I])
    return false;
  bool Core = false, Client = false;
  for (const auto &Edge : G.callers(I)) {
    if (Edge.To == I)
      continue;
    bool FromClient = Harness[Edge.To] || (Peripheral[Edge.To] && !Peripheral[I]);
    Client = Client || FromClient;
    Core = Core || !FromClient;
  }
  if (Core && (Program || !Client))
    return false;
  if (addressTakenInProgram(G, I))
    return false;
  return !dataParams(F, Output).empty();
}

// A function pointer type whose parameters are all `void *` says nothing
// about its targets: libpng's png_safe_execute(image, function, arg) calls
// `int (*)(void *)`, which matched both the image readers and the writers.
bool typeErased(const std::string &Signature) {
  llvm::StringRef Sig = llvm::StringRef(Signature).trim();
  if (!Sig.ends_with(")"))
    return false;
  int Depth = 0;
  size_t Open = llvm::StringRef::npos;
  for (size_t I = Sig.size(); I-- > 0;) {
    if (Sig[I] == ')')
      ++Depth;
    else if (Sig[I] == '(' && --Depth == 0) {
      Open = I;
      break;
    }
  }
  if (Open == llvm::StringRef::npos)
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Params;
  Sig.slice(Open + 1, Sig.size() - 1).split(Params, ',');
  for (llvm::StringRef P : Params) {
    std::string T;
    llvm::SmallVector<llvm::StringRef, 4> Words;
    P.trim().split(Words, ' ');
    for (llvm::StringRef Word : Words)
      if (Word != "const" && Word != "volatile" && Word != "restrict" &&
          Word != "__restrict" && !Word.empty())
        T += Word.str();
    if (T != "void*")
      return false;
  }
  return true;
}

ExposureEvidence evidence(const char *Kind, const std::string &Source, const char *SourceKind,
                          const std::string &Origin, unsigned Line, const std::string &First) {
  ExposureEvidence E;
  E.Kind = Kind;
  E.Source = Source;
  E.SourceKind = SourceKind;
  E.Origin = Origin;
  E.Line = Line;
  E.Chain = {First};
  return E;
}

using Bits = std::vector<char>;

bool orInto(Bits &Into, const Bits &From) {
  bool Changed = false;
  for (size_t I = 0; I < Into.size() && I < From.size(); ++I)
    if (From[I] && !Into[I])
      Into[I] = Changed = true;
  return Changed;
}

// The parameters a value derives from: a bit set that holds up to 57
// parameters without allocating (the fixpoints below make millions).
using ParamSet = llvm::SmallBitVector;

bool orInto(ParamSet &Into, const ParamSet &From) {
  bool Changed = false;
  for (int I = From.find_first(); I >= 0 && static_cast<unsigned>(I) < Into.size();
       I = From.find_next(I))
    if (!Into.test(I)) {
      Into.set(I);
      Changed = true;
    }
  return Changed;
}

bool orInto(Bits &Into, const ParamSet &From) {
  bool Changed = false;
  for (int I = From.find_first(); I >= 0 && static_cast<unsigned>(I) < Into.size();
       I = From.find_next(I))
    if (!Into[I])
      Into[I] = Changed = true;
  return Changed;
}

// What a value of one function carries: input read in the function or
// below it, and data of which of its parameters.
struct Sym {
  bool Input = false;
  ParamSet Params;
  bool merge(const Sym &O) {
    bool Changed = O.Input && !Input;
    Input = Input || O.Input;
    return orInto(Params, O.Params) || Changed;
  }
};

// One call of a function, resolved over the program.
struct Site {
  const CallSite *Call = nullptr;
  const SourceInfo *Source = nullptr; ///< a direct call of an input source
  std::vector<size_t> Targets;        ///< the callee(s) in the tree
  std::vector<std::vector<ValueOrigin>> Args;
};

struct Node {
  unsigned NParams = 0;
  std::vector<Site> Sites;
  std::vector<std::vector<ValueOrigin>> Values;
  std::vector<ValueOrigin> Return;
  std::vector<std::vector<ValueOrigin>> Out;
  /// What call \p From returns or fills can reach the arguments of call
  /// \p To: \p To ends after it, or both are in one loop.
  bool reaches(size_t From, size_t To) const {
    const CallSite &A = *Sites[From].Call, &B = *Sites[To].Call;
    return (From != To && A.Order <= B.Order) || (A.Loop && A.Loop == B.Loop);
  }
};

// What a function hands back to its callers.
struct Summary {
  bool RetInput = false;         ///< returns input it read (or a callee read)
  Bits RetFrom;                  ///< parameters whose data reaches the result
  Bits Fill;                     ///< per parameter: input written where it points
  std::vector<Bits> FillFrom;    ///< per byte-buffer parameter: parameters copied into it
  bool wrapper() const {
    return RetInput || std::find(Fill.begin(), Fill.end(), 1) != Fill.end();
  }
  bool operator==(const Summary &O) const {
    return RetInput == O.RetInput && RetFrom == O.RetFrom && Fill == O.Fill &&
           FillFrom == O.FillFrom;
  }
};

// The values of one function's call arguments, in terms of its parameters
// and of input (a least fixpoint: flow-insensitive origins may be cyclic,
// `p = next(p)`).
class LocalFlow {
public:
  LocalFlow(const Node &N, const std::vector<Summary> &S) : N(N), S(S) {
    size_t NSites = N.Sites.size();
    Args.resize(NSites);
    Queued.resize(NSites);
    for (size_t K = 0; K < NSites; ++K) {
      Args[K].assign(N.Sites[K].Args.size(), empty());
      Queued[K].assign(N.Sites[K].Args.size(), 0);
    }
    // Who reads what call K returns or writes: arguments naming it, and
    // arguments naming a value set that holds it (kept apart, so that a set
    // of a thousand calls read by a thousand arguments is not a million
    // pairs: seen in curl's doh.c).
    ReadsSite.resize(NSites);
    SetsHolding.resize(NSites);
    SetReaders.resize(N.Values.size());
    for (unsigned V = 0; V < N.Values.size(); ++V)
      for (const ValueOrigin &O : N.Values[V])
        if (isCall(O))
          SetsHolding[O.Index].push_back(V);
    for (auto &H : SetsHolding) {
      std::sort(H.begin(), H.end());
      H.erase(std::unique(H.begin(), H.end()), H.end());
    }
    for (unsigned K = 0; K < NSites; ++K)
      for (unsigned J = 0; J < N.Sites[K].Args.size(); ++J) {
        for (const ValueOrigin &O : N.Sites[K].Args[J])
          if (isCall(O))
            ReadsSite[O.Index].push_back({K, J});
          else if (O.K == ValueOrigin::Value && O.Index < N.Values.size())
            SetReaders[O.Index].push_back({K, J});
        enqueue(K, J);
      }
    ReadAtEnd.assign(NSites, 0);
    auto AtEnd = [&](const std::vector<ValueOrigin> &Origins) {
      for (const ValueOrigin &O : Origins)
        if (isCall(O))
          ReadAtEnd[O.Index] = 1;
        else if (O.K == ValueOrigin::Value && O.Index < N.Values.size())
          for (const ValueOrigin &V : N.Values[O.Index])
            if (isCall(V))
              ReadAtEnd[V.Index] = 1;
    };
    AtEnd(N.Return);
    for (const auto &Out : N.Out)
      AtEnd(Out);
    run();
  }

  /// Evaluates again what reads calls \p Sites, whose callees' summaries
  /// grew (summaries only grow: the fixpoint goes on from where it was).
  /// Returns whether the function's summary may have changed: an argument
  /// grew, or one of \p Sites is read by what the function returns or
  /// writes through its parameters.
  bool update(const std::vector<size_t> &Sites) {
    for (size_t K : Sites)
      enqueueReaders(K);
    bool Grew = run();
    for (size_t K : Sites)
      Grew = Grew || (K < ReadAtEnd.size() && ReadAtEnd[K]);
    return Grew;
  }

  Sym empty() const { return {false, ParamSet(N.NParams)}; }

  // The value of \p Origins at call \p At (-1: at the end of the body).
  Sym valueOf(const std::vector<ValueOrigin> &Origins, long At = -1) const {
    Sym Out = empty();
    addValue(Origins, At, false, Out);
    return Out;
  }

  const Sym &arg(size_t K, size_t J) const { return Args[K][J]; }

  // Adds the value of \p Origins at call \p At to \p Out, in place (no
  // temporary per origin: a value set of hundreds of calls, read by as
  // many arguments, made the temporaries most of a warm re-scan of Lua).
  void addValue(const std::vector<ValueOrigin> &Origins, long At, bool Nested, Sym &Out) const {
    for (const ValueOrigin &O : Origins) {
      // Input and every parameter: nothing more can be added (Lua's
      // interpreter loop reads sets of hundreds of calls from 284 calls).
      if (Out.Input && Out.Params.all())
        return;
      if (O.K == ValueOrigin::Param) {
        if (O.Index < N.NParams)
          Out.Params.set(O.Index);
      } else if (O.K == ValueOrigin::Value) {
        if (!Nested && O.Index < N.Values.size())
          addValue(N.Values[O.Index], At, true, Out);
      } else if (O.Index < N.Sites.size() &&
                 (At < 0 || N.reaches(O.Index, static_cast<size_t>(At)))) {
        if (O.K == ValueOrigin::Result)
          addResult(O.Index, Out);
        else
          addWritten(O.Index, O.Arg, Out);
      }
    }
  }

  // Adds the result of call K to Out.
  void addResult(size_t K, Sym &Out) const {
    const Site &C = N.Sites[K];
    if (C.Source) {
      Out.Input = Out.Input || C.Source->Returns;
      return;
    }
    if (C.Targets.empty()) {
      // A library function (strtol, ntohl) or an unresolved pointer: its
      // result derives from its arguments.
      for (const Sym &A : Args[K])
        Out.merge(A);
      return;
    }
    for (size_t T : C.Targets) {
      Out.Input = Out.Input || S[T].RetInput;
      for (size_t J = 0; J < S[T].RetFrom.size() && J < Args[K].size(); ++J)
        if (S[T].RetFrom[J])
          Out.merge(Args[K][J]);
    }
  }

  // Adds the memory passed as argument M of call K, after the call, to Out.
  void addWritten(size_t K, size_t M, Sym &Out) const {
    const Site &C = N.Sites[K];
    if (C.Source) {
      Out.Input = Out.Input || static_cast<int>(M) == C.Source->Fills ||
                  (C.Source->FillsRest && static_cast<int>(M) > C.Source->Fills &&
                   C.Source->Fills >= 0);
      return;
    }
    if (C.Targets.empty()) {
      // memcpy(dst, src, n), sscanf(text, fmt, &v): the other arguments.
      for (size_t J = 0; J < Args[K].size(); ++J)
        if (J != M)
          Out.merge(Args[K][J]);
      return;
    }
    for (size_t T : C.Targets) {
      if (M < S[T].Fill.size())
        Out.Input = Out.Input || S[T].Fill[M];
      if (M < S[T].FillFrom.size())
        for (size_t J = 0; J < S[T].FillFrom[M].size() && J < Args[K].size(); ++J)
          if (S[T].FillFrom[M][J])
            Out.merge(Args[K][J]);
    }
  }

private:
  bool isCall(const ValueOrigin &O) const {
    return (O.K == ValueOrigin::Result || O.K == ValueOrigin::Written) &&
           O.Index < N.Sites.size();
  }
  void enqueue(unsigned K, unsigned J) {
    if (!Queued[K][J]) {
      Queued[K][J] = 1;
      Work.push_back({K, J});
    }
  }
  void enqueueReaders(size_t K) {
    for (auto [RK, RJ] : ReadsSite[K])
      enqueue(RK, RJ);
    for (unsigned V : SetsHolding[K])
      for (auto [RK, RJ] : SetReaders[V])
        enqueue(RK, RJ);
  }
  // A worklist over the arguments: when an argument of call K grows, only
  // what reads call K's result or what it wrote is evaluated again
  // (sweeping every argument until nothing changed, in every round of the
  // summaries, was most of a warm re-scan's time).
  bool run() {
    bool Grew = false;
    for (size_t Head = 0; Head < Work.size(); ++Head) {
      auto [K, J] = Work[Head];
      Queued[K][J] = 0;
      if (Args[K][J].merge(valueOf(N.Sites[K].Args[J], static_cast<long>(K)))) {
        Grew = true;
        enqueueReaders(K);
      }
    }
    // Drained: its memory goes (every function's flow is kept until the
    // fixpoint ends; an idle std::deque held 576 bytes each, 23 MB of a
    // million-line scan).
    std::vector<std::pair<unsigned, unsigned>>().swap(Work);
    return Grew;
  }

  const Node &N;
  const std::vector<Summary> &S;
  std::vector<std::vector<Sym>> Args;
  std::vector<std::vector<char>> Queued;
  std::vector<std::pair<unsigned, unsigned>> Work; ///< a FIFO: run() walks it in order
  std::vector<std::vector<std::pair<unsigned, unsigned>>> ReadsSite, SetReaders;
  std::vector<std::vector<unsigned>> SetsHolding;
  /// Per call: read by the function's result or its out-parameters.
  std::vector<char> ReadAtEnd;
};

} // namespace

bool isPeripheralPath(const std::string &File) {
  // contrib/ holds what a project ships but does not build into its
  // product (zlib's minizip, libpng's tools); tools/ holds its command-line
  // clients (c-ares' adig). Their readers outranked inflate and the PNG
  // chunk handlers in zlib and libpng.
  static const char *const Dirs[] = {"contrib", "tools"};
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(File).split(Parts, '/');
  for (size_t I = 0; I + 1 < Parts.size(); ++I)
    for (const char *D : Dirs)
      if (Parts[I].equals_insensitive(D))
        return true;
  return false;
}

bool isFuzzHarness(const FunctionFacts &F) {
  if (F.Name == "LLVMFuzzerTestOneInput")
    return true;
  llvm::StringRef Path = F.File;
  return Path.contains_insensitive("fuzz") && isHarnessCode(F);
}

bool isHarnessCode(const FunctionFacts &F) {
  return F.Name == "LLVMFuzzerTestOneInput" || isHarnessPath(F.File);
}

bool isHarnessPath(const std::string &File) {
  // Folders and file names that hold tests, fuzzers, benchmarks and
  // examples: seen feeding data to the real parsers in http-parser (test.c,
  // bench.c, fuzzers/) and cJSON (tests/, fuzzing/), where they outranked
  // the parsers as "input surfaces".
  static const char *const Dirs[] = {"test",     "tests",     "testing",  "unittest",
                                     "unittests", "fuzz",      "fuzzing",  "fuzzer",
                                     "fuzzers",  "bench",     "benchmark", "benchmarks",
                                     "example",  "examples",  "sample",   "samples"};
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(File).split(Parts, '/');
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

namespace {

// The whole analysis: who hands input back (summaries), who reads it, and
// how far it travels along the arguments that carry it.
class ExposureAnalysis {
public:
  ExposureAnalysis(const CallGraph &G, const BoundaryConfig &Boundaries,
                   const ExposureOptions &Options)
      : G(G), Options(Options), Harness(G.size()), Peripheral(G.size()) {
    for (const auto &R : builtinTables().rows("input-sources"))
      addSource(R.name(), R.get("kind", "file"), R.get("data", "return"));
    for (const auto &Src : Boundaries.Sources)
      addSource(Src.Name, Src.Kind, Src.Data);
    for (const auto &R : builtinTables().rows("scanf-family"))
      ScanfFamily.insert(R.name());
    for (const auto &R : builtinTables().rows("callback-sources"))
      if (int D = R.index("data"); D >= 0)
        Callbacks[R.name()] = {R.get("kind", "network"), R.get("callback"),
                               static_cast<unsigned>(D)};
    for (const auto &Cb : Boundaries.Callbacks)
      Callbacks[Cb.Name] = {Cb.Kind, Cb.Callback, Cb.Data};
    for (auto &[Name, Info] : Sources)
      if (ScanfFamily.count(Name) || ScanfFamily.count(plainName(Name)))
        Info.FillsRest = true;
    for (size_t I = 0; I < G.size(); ++I) {
      Harness[I] = isHarnessCode(G.function(I));
      Peripheral[I] = isPeripheralPath(G.function(I).File);
    }
    buildNodes();
    summarize();
  }

  std::vector<FunctionExposure> run(const BoundaryConfig &Boundaries);

private:
  void addSource(const std::string &Name, const std::string &Kind, const std::string &Data) {
    SourceInfo Info;
    Info.Name = plainName(Name);
    Info.Kind = Kind;
    Info.Returns = Data.empty() || Data == "return";
    int Index = -1;
    if (!Info.Returns && !llvm::StringRef(Data).getAsInteger(10, Index) && Index >= 0)
      Info.Fills = Index;
    Sources[Name] = Info;
  }

  const SourceInfo *sourceOf(const std::string &Name) const {
    auto It = Sources.find(Name);
    if (It == Sources.end())
      It = Sources.find(plainName(Name));
    return It == Sources.end() ? nullptr : &It->second;
  }

  void buildNodes() {
    Nodes.resize(G.size());
    for (size_t I = 0; I < G.size(); ++I) {
      const FunctionFacts &F = G.function(I);
      Node &N = Nodes[I];
      N.NParams = static_cast<unsigned>(
          std::max({F.ParamKinds.size(), F.ParamTypes.size(), F.OutFlow.size()}));
      std::vector<ValueOrigin> Parsed;
      for (const auto &V : F.Values) {
        N.Values.emplace_back();
        if (parseValueOrigins(V, Parsed))
          N.Values.back() = Parsed;
      }
      if (parseValueOrigins(F.ReturnFlow, Parsed))
        N.Return = Parsed;
      for (const auto &O : F.OutFlow) {
        N.Out.emplace_back();
        if (parseValueOrigins(O, Parsed))
          N.Out.back() = Parsed;
      }
      for (const auto &C : F.Callees) {
        Site Si;
        Si.Call = &C;
        if (C.Indirect) {
          if (!typeErased(C.Signature))
            for (size_t T : G.indirectTargets(C.Signature))
              if (!Harness[T] || Harness[I])
                Si.Targets.push_back(T);
        } else {
          Si.Source = sourceOf(C.CalleeName);
          if (Si.Source && Si.Source->Kind == "file" && readsRandomness(F))
            Si.Source = nullptr;
          long T = G.find(C.CalleeUsr);
          // A user source defined in the tree is a source, not a callee.
          if (!Si.Source && T >= 0)
            Si.Targets.push_back(static_cast<size_t>(T));
        }
        for (const auto &A : C.Args) {
          Si.Args.emplace_back();
          if (parseValueOrigins(A, Parsed))
            Si.Args.back() = Parsed;
        }
        N.Sites.push_back(std::move(Si));
      }
    }
  }

  // Which functions hand input back to their callers, through their result
  // or memory their parameters point to: the least fixpoint over the whole
  // program, computed in rounds from the previous round's summaries.
  void summarize() {
    S.assign(G.size(), Summary());
    for (size_t I = 0; I < G.size(); ++I) {
      S[I].RetFrom.assign(Nodes[I].NParams, 0);
      S[I].Fill.assign(Nodes[I].NParams, 0);
      S[I].FillFrom.assign(Nodes[I].NParams, Bits(Nodes[I].NParams, 0));
    }
    // Who must be looked at again when a summary changes: the functions
    // with a call (direct or through a pointer) that may reach it.
    std::vector<std::vector<size_t>> Dependents(G.size());
    for (size_t I = 0; I < G.size(); ++I)
      for (const Site &C : Nodes[I].Sites)
        for (size_t T : C.Targets)
          Dependents[T].push_back(I);
    std::vector<size_t> Dirty(G.size());
    for (size_t I = 0; I < G.size(); ++I)
      Dirty[I] = I;
    // Each function's flow is computed once and carried on as the summaries
    // of its callees grow.
    Flows.reserve(G.size());
    for (size_t I = 0; I < G.size(); ++I)
      Flows.emplace_back(Nodes[I], S);
    std::vector<char> Grew(G.size(), 0);
    // Rounds (each from the previous round's summaries) so that the round a
    // function becomes a wrapper is its distance from the source.
    for (unsigned Round = 0; !Dirty.empty(); ++Round) {
      std::vector<std::pair<size_t, Summary>> Next;
      for (size_t I : Dirty) {
        const Node &N = Nodes[I];
        const FunctionFacts &F = G.function(I);
        LocalFlow &L = Flows[I];
        if (Round > 0) {
          std::vector<size_t> Sites;
          for (size_t K = 0; K < N.Sites.size(); ++K)
            for (size_t T : N.Sites[K].Targets)
              if (Grew[T]) {
                Sites.push_back(K);
                break;
              }
          // Nothing the summary reads has changed: it stays as it is.
          if (!L.update(Sites))
            continue;
        }
        Summary X = S[I];
        Sym R = L.valueOf(N.Return);
        X.RetInput = X.RetInput || R.Input;
        orInto(X.RetFrom, R.Params);
        for (size_t M = 0; M < N.Out.size() && M < N.NParams; ++M) {
          Sym O = L.valueOf(N.Out[M]);
          char Kind = M < F.ParamKinds.size() ? F.ParamKinds[M] : 'p';
          // Input written where a pointer parameter points: the caller
          // gets it back (png_read_data fills 'data'; libyaml's reader fills
          // the parser's buffer). Data of other parameters copied into a
          // byte buffer is followed too (a memcpy of the tree); copied into
          // a struct, it is a state update (a CRC, a count), not followed:
          // following it made every libpng function that passes 'png_ptr'
          // look like a reader.
          if (Kind == 'b' || Kind == 'v' || Kind == 'p' || Kind == 's')
            X.Fill[M] = X.Fill[M] || O.Input;
          if (Kind == 'b' || Kind == 'v')
            orInto(X.FillFrom[M], O.Params);
        }
        if (!(X == S[I])) {
          if (X.wrapper() && !S[I].wrapper())
            WrapperRound[I] = Round;
          Next.emplace_back(I, std::move(X));
        }
      }
      std::fill(Grew.begin(), Grew.end(), 0);
      for (auto &[I, X] : Next) {
        S[I] = std::move(X);
        Grew[I] = 1;
      }
      std::vector<char> Mark(G.size(), 0);
      Dirty.clear();
      for (auto &[I, X] : Next)
        for (size_t D : Dependents[I])
          if (!Mark[D]) {
            Mark[D] = 1;
            Dirty.push_back(D);
          }
      std::sort(Dirty.begin(), Dirty.end());
    }
  }

  // The call through which \p I reads input: a source called directly
  // (first in source order), else the callee that became a wrapper in the
  // earliest round (the shortest path to the source); -1 if none.
  long readingSite(size_t I) const {
    const Node &N = Nodes[I];
    long Best = -1;
    unsigned BestRound = ~0u;
    // A direct source, attacker input before the environment (a function
    // that calls getenv and then recv reads the network).
    long Env = -1;
    for (size_t K = 0; K < N.Sites.size(); ++K)
      if (const auto *Src = N.Sites[K].Source) {
        if (Src->Kind != "env")
          return static_cast<long>(K);
        if (Env < 0)
          Env = static_cast<long>(K);
      }
    if (Env >= 0)
      return Env;
    for (size_t K = 0; K < N.Sites.size(); ++K) {
      const Site &C = N.Sites[K];
      for (size_t T : C.Targets)
        if (T != I && S[T].wrapper() && (Harness[I] || !Harness[T])) {
          unsigned R = rank(T);
          if (R < BestRound) {
            BestRound = R;
            Best = static_cast<long>(K);
          }
        }
    }
    return Best;
  }

  // The evidence of a reader: the source at the bottom, and the functions
  // the input came back up through.
  ExposureEvidence readerEvidence(size_t I) const {
    std::vector<size_t> Up = {I};
    long K = readingSite(I);
    const Site *C = K < 0 ? nullptr : &Nodes[I].Sites[K];
    while (C && !C->Source) {
      size_t Next = Up.back();
      unsigned NextRound = ~0u;
      for (size_t T : C->Targets)
        if (S[T].wrapper() && std::find(Up.begin(), Up.end(), T) == Up.end()) {
          unsigned R = rank(T);
          if (R < NextRound) {
            NextRound = R;
            Next = T;
          }
        }
      if (Next == Up.back())
        break;
      Up.push_back(Next);
      K = readingSite(Next);
      C = K < 0 ? nullptr : &Nodes[Next].Sites[K];
    }
    ExposureEvidence E;
    E.Kind = "source";
    E.Source = C && C->Source ? C->Source->Name : "?";
    E.SourceKind = C && C->Source ? C->Source->Kind : "file";
    E.Origin = G.function(Up.back()).Name;
    E.Line = C ? C->Call->Line : 0;
    for (auto It = Up.rbegin(); It != Up.rend(); ++It)
      E.Chain.push_back(G.function(*It).Name);
    E.ReturnHops = static_cast<unsigned>(Up.size() - 1);
    const FunctionFacts &R = G.function(Up.back());
    E.Environment = environmentRead(E.SourceKind, E.Source, R.Name, R.File);
    return E;
  }

  bool isReader(size_t I) const { return readingSite(I) >= 0; }

  // The byte buffers \p I writes into (input, or data of its parameters).
  std::vector<char> outputs(size_t I) const {
    std::vector<char> Out(Nodes[I].NParams, 0);
    for (size_t M = 0; M < Out.size(); ++M) {
      Out[M] = M < S[I].Fill.size() && S[I].Fill[M];
      if (M < S[I].FillFrom.size())
        for (char B : S[I].FillFrom[M])
          Out[M] = Out[M] || B;
    }
    return Out;
  }

  // Which wrapper to name as the way input comes back: the product's own
  // before peripheral code, then the nearest to the source.
  unsigned rank(size_t T) const {
    auto It = WrapperRound.find(T);
    unsigned R = It == WrapperRound.end() ? 1u << 20 : It->second;
    return R + (Peripheral[T] ? 1u << 21 : 0);
  }

  // The arguments of call K of \p I that carry data, given that the data of
  // \p I is its input (when it reads) and the parameters in \p Tainted.
  Bits carried(size_t I, size_t K, const Bits &Tainted) const {
    const Site &C = Nodes[I].Sites[K];
    Bits Out(C.Args.size(), 0);
    for (size_t J = 0; J < C.Args.size(); ++J) {
      const Sym &A = Flows[I].arg(K, J);
      bool Yes = A.Input;
      for (size_t P = 0; P < A.Params.size() && P < Tainted.size() && !Yes; ++P)
        Yes = A.Params[P] && Tainted[P];
      Out[J] = Yes;
    }
    return Out;
  }

  const CallGraph &G;
  const ExposureOptions &Options;
  std::map<std::string, SourceInfo> Sources;
  std::map<std::string, CallbackSource> Callbacks;
  std::set<std::string> ScanfFamily;
  std::vector<bool> Harness, Peripheral;
  std::vector<Node> Nodes;
  std::vector<Summary> S;
  std::map<size_t, unsigned> WrapperRound;
  std::vector<LocalFlow> Flows;
};

std::vector<FunctionExposure> ExposureAnalysis::run(const BoundaryConfig &Boundaries) {
  std::vector<FunctionExposure> Out(G.size());
  std::vector<Bits> Tainted(G.size());
  for (size_t I = 0; I < G.size(); ++I)
    Tainted[I].assign(Nodes[I].NParams, 0);
  std::deque<size_t> Queue;
  // A program has a `main` of its own (not a test's, not a contrib tool's).
  bool Program = false;
  for (size_t I = 0; I < G.size(); ++I)
    Program = Program || (G.function(I).Name == "main" && !Harness[I] && !Peripheral[I]);
  auto Names = [&](size_t I, const Bits &B) {
    std::vector<std::string> Out;
    const FunctionFacts &F = G.function(I);
    for (size_t P = 0; P < B.size(); ++P)
      if (B[P])
        Out.push_back(P < F.ParamNames.size() && !F.ParamNames[P].empty()
                          ? F.ParamNames[P]
                          : "#" + std::to_string(P + 1));
    return Out;
  };
  // A boundary that receives data in the parameters \p Into (a fuzz target,
  // a library callback): they are tainted, and the first evidence found is
  // kept, made by \p Make.
  auto Seed = [&](size_t T, const Bits &Into, llvm::function_ref<ExposureEvidence()> Make) {
    orInto(Tainted[T], Into);
    if (!Out[T].Evidence.Kind.empty())
      return;
    ExposureEvidence E = Make();
    E.Params = Names(T, Into);
    E.Peripheral = Peripheral[T];
    Out[T] = {Peripheral[T] ? Options.Peripheral : 1.0, std::move(E)};
  };

  // What a fuzz harness feeds bytes to is an input surface the maintainers
  // named themselves: the callees of a harness that receive its data (its
  // byte and length parameters, what it reads), outside the harness code,
  // are exposed as entry points, in the parameters that receive it. A
  // callee handed only the harness's own objects (a parser handle, a tree
  // it got back: cJSON_Print(json)) is not.
  for (size_t I = 0; I < G.size(); ++I) {
    const FunctionFacts &F = G.function(I);
    if (!isFuzzHarness(F))
      continue;
    Bits Data(Nodes[I].NParams, 0);
    for (unsigned P : dataParams(F, outputs(I)))
      if (P < Data.size())
        Data[P] = 1;
    for (size_t K = 0; K < Nodes[I].Sites.size(); ++K) {
      Bits A = carried(I, K, Data);
      if (std::find(A.begin(), A.end(), 1) == A.end())
        continue;
      for (size_t T : Nodes[I].Sites[K].Targets) {
        if (Harness[T])
          continue;
        Bits Into(Nodes[T].NParams, 0);
        orInto(Into, A);
        if (std::find(Into.begin(), Into.end(), 1) == Into.end())
          continue;
        Seed(T, Into, [&] {
          return evidence("fuzz-target", F.Name, "api", F.File, F.BeginLine, G.function(T).Name);
        });
      }
    }
  }

  // Library callbacks: where the tree calls pcap_loop, the functions of the
  // callback's type whose address the program takes receive the packets
  // (tcpdump's print_packet), in the parameter the table names.
  for (size_t I = 0; I < G.size(); ++I) {
    if (Harness[I])
      continue;
    for (const Site &C : Nodes[I].Sites) {
      if (C.Call->Indirect)
        continue;
      auto It = Callbacks.find(C.Call->CalleeName);
      if (It == Callbacks.end())
        It = Callbacks.find(plainName(C.Call->CalleeName));
      if (It == Callbacks.end())
        continue;
      for (size_t T : G.indirectTargets(It->second.Signature)) {
        if (Harness[T] || !addressTakenInProgram(G, T) || It->second.Data >= Nodes[T].NParams)
          continue;
        Bits Into(Nodes[T].NParams, 0);
        Into[It->second.Data] = 1;
        Seed(T, Into, [&] {
          return evidence("callback", It->first, It->second.Kind.c_str(), G.function(I).Name,
                          C.Call->Line, G.function(T).Name);
        });
      }
    }
  }

  for (size_t I = 0; I < G.size(); ++I) {
    const FunctionFacts &F = G.function(I);
    // Tests, fuzzers and benchmarks feed data in to exercise the code: they
    // are not where outside data arrives, and nothing flows into them.
    if (Harness[I])
      continue;
    ExposureEvidence E;
    bool Reader = isReader(I);
    if (Reader)
      E = readerEvidence(I);
    if (E.Kind.empty() && F.Name == "main" && F.ParamTypes.size() >= 2) {
      E = evidence("argv", "argv", "argv", F.Name, F.BeginLine, F.Name);
      std::fill(Tainted[I].begin(), Tainted[I].end(), 1);
    }
    bool Configured = false;
    for (const auto &Glob : Boundaries.EntryPoints)
      if (globMatchPlain(Glob, F.Name) || globMatchPlain(Glob, plainName(F.Name)))
        Configured = true;
    if (Configured) {
      // The user says the function receives caller data: all of it.
      std::fill(Tainted[I].begin(), Tainted[I].end(), 1);
      if (E.Kind.empty())
        E = evidence("entry-point", F.Name, "api", F.Name, F.BeginLine, F.Name);
    } else if (looksLikeEntryPoint(G, I, Harness, Peripheral, Program, outputs(I))) {
      for (unsigned P : dataParams(F, outputs(I)))
        if (P < Tainted[I].size())
          Tainted[I][P] = 1;
      if (E.Kind.empty())
        E = evidence("entry-point", F.Name, "api", F.Name, F.BeginLine, F.Name);
    }
    if (!Out[I].Evidence.Kind.empty()) {
      Queue.push_back(I); // a fuzz target
      continue;
    }
    if (!E.Kind.empty()) {
      E.Peripheral = Peripheral[I];
      double Score = (Peripheral[I] ? Options.Peripheral : 1.0) *
                     (E.Environment.empty() ? 1.0 : Options.Environment);
      Out[I] = {Score, std::move(E)};
      Queue.push_back(I);
    }
  }

  // Propagate down the calls whose arguments carry the data, decaying per
  // call; keep the strongest path. A callee learns which of its parameters
  // receive data (the union over its exposed callers) and passes on only
  // what derives from them. Converges: scores only grow and are < 1, the
  // tainted parameters only grow.
  while (!Queue.empty()) {
    size_t I = Queue.front();
    Queue.pop_front();
    // The command line is passed on in part, and usually by the user who
    // runs the program: it decays twice as fast as data from a socket/file.
    double Base = Out[I].Score * Options.Decay *
                  (Out[I].Evidence.SourceKind == "argv" ? Options.ArgvDecay : 1.0);
    for (size_t K = 0; K < Nodes[I].Sites.size(); ++K) {
      const Site &C = Nodes[I].Sites[K];
      if (C.Targets.empty())
        continue;
      Bits A = carried(I, K, Tainted[I]);
      if (std::find(A.begin(), A.end(), 1) == A.end())
        continue;
      for (size_t T : C.Targets) {
        if (T == I || Harness[T])
          continue;
        Bits Into(Nodes[T].NParams, 0);
        orInto(Into, A);
        if (std::find(Into.begin(), Into.end(), 1) == Into.end())
          continue;
        bool Enters = Peripheral[T] && !Peripheral[I];
        double Next = Base * (Enters ? Options.Peripheral : 1.0);
        if (Next < Options.Floor)
          continue;
        bool Grew = orInto(Tainted[T], Into);
        if (Next > Out[T].Score + 1e-12) {
          FunctionExposure X;
          X.Score = Next;
          X.Evidence = Out[I].Evidence;
          X.Evidence.Kind = "propagated";
          X.Evidence.Chain.push_back(G.function(T).Name);
          X.Evidence.Params = Names(T, Into);
          X.Evidence.Pointer = C.Call->Indirect ? C.Call->CalleeName : "";
          X.Evidence.Peripheral = Out[I].Evidence.Peripheral || Enters;
          Out[T] = std::move(X);
          Grew = true;
        }
        if (Grew)
          Queue.push_back(T);
      }
    }
  }
  return Out;
}

} // namespace

std::vector<FunctionExposure> computeExposure(const CallGraph &G, const BoundaryConfig &Boundaries,
                                              const ExposureOptions &Options) {
  ExposureAnalysis A(G, Boundaries, Options);
  return A.run(Boundaries);
}

std::string describeExposure(const ExposureEvidence &E) {
  if (E.Kind.empty())
    return "";
  auto Calls = [](size_t N) {
    return std::to_string(N) + (N == 1 ? " call away" : " calls away");
  };
  auto Quoted = [](const std::vector<std::string> &Names) {
    std::string Out;
    for (size_t I = 0; I < Names.size(); ++I)
      Out += (I ? ", '" : "'") + Names[I] + "'";
    return Out;
  };
  size_t Hops = E.Chain.empty() ? 0 : E.Chain.size() - 1 - std::min<size_t>(E.ReturnHops, E.Chain.size() - 1);
  // "in 'data', 'len'" and "through the function pointer 'settings->on_url'".
  std::string How;
  if (E.Kind == "propagated" || E.Kind == "fuzz-target" || E.Kind == "callback") {
    if (!E.Params.empty())
      How += " in " + Quoted(E.Params);
    if (!E.Pointer.empty())
      How += " through a function pointer of its type ('" + E.Pointer + "')";
  }
  std::string Contrib = E.Peripheral ? "; peripheral code (contrib/, tools/) counts half" : "";
  if (E.SourceKind == "argv")
    return E.Kind == "propagated"
               ? "receives the command line" + How + " from 'main', " + Calls(Hops) + Contrib
               : "receives the command line ('argv' of 'main')" + Contrib;
  if (E.Kind == "fuzz-target")
    return "is fed untrusted bytes" + How + " by the fuzz harness '" + E.Source + "' (" +
           E.Origin + ")" + Contrib;
  if (E.SourceKind == "api") {
    if (E.Kind != "propagated")
      return "is an input surface: exported and takes outside data (a buffer and length, a "
             "stream, a FILE * or a descriptor)" +
             Contrib;
    // The surface is the first of the chain (a fuzz target's Source is the
    // harness that feeds it).
    std::string Surface = E.Chain.empty() ? E.Source : E.Chain.front();
    return "receives outside data" + How + " from input surface '" + Surface + "', " +
           Calls(Hops) + Contrib;
  }
  std::string Input = (E.SourceKind == "custom" ? std::string("untrusted") : E.SourceKind) + " input";
  // The process's own environment is named as such: not attacker input.
  if (!E.Environment.empty()) {
    std::string What = E.Environment + " (not attacker input)";
    if (E.Kind == "propagated")
      return "receives data from " + What + How + " ('" + E.Source + "' in '" + E.Origin +
             "', " + Calls(Hops) + ")" + Contrib;
    return "reads " + What + " ('" + E.Source + "' in '" + E.Origin + "' at line " +
           std::to_string(E.Line) + ")" + Contrib;
  }
  // Network, file, IPC input: what an attacker sends or hands the program
  // to parse (the environment was said above).
  // The function that read the input, and the callee it came back from.
  std::string Reader = E.Chain.empty() ? E.Origin : E.Chain[std::min<size_t>(E.ReturnHops, E.Chain.size() - 1)];
  std::string Through = E.ReturnHops && E.Chain.size() > 1 ? E.Chain[E.ReturnHops - 1] : "";
  if (E.Kind == "callback")
    return "is called back with " + Input + How + " by '" + E.Source + "' (called in '" +
           E.Origin + "' at line " + std::to_string(E.Line) + ")" + Contrib;
  if (E.Kind == "propagated")
    return "receives " + Input + How + " ('" + E.Source + "' in '" + E.Origin + "'" +
           (Reader != E.Origin ? ", read by '" + Reader + "'" : std::string()) + ", " +
           Calls(Hops) + ")" + Contrib;
  if (!Through.empty())
    return "reads " + Input + " through '" + Through + "' ('" + E.Source + "' in '" + E.Origin +
           "' at line " + std::to_string(E.Line) + ")" + Contrib;
  return "reads " + Input + " ('" + E.Source + "' at line " + std::to_string(E.Line) + ")" +
         Contrib;
}

} // namespace carcinize
