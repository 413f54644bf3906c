#include "frontend/Scanner.h"

#include "facts/FactsBinary.h"
#include "facts/FactsJson.h"
#include "frontend/SourceDiscovery.h"
#include "frontend/TUCache.h"
#include "support/Error.h"
#include "support/Interrupt.h"
#include "support/Paths.h"
#include "support/ProcessPool.h"

#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/thread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

namespace carcinize {

unsigned effectiveJobs(unsigned Requested, size_t Work) {
  unsigned N = Requested ? Requested : std::max(1u, std::thread::hardware_concurrency());
  N = std::min<unsigned>(N, 256);
  if (Work < N)
    N = static_cast<unsigned>(std::max<size_t>(1, Work));
  return N;
}

namespace {

/// "src/frame.h" -> "frame".
std::string stemOf(const std::string &Path) {
  std::string Base(baseName(Path));
  return Base.substr(0, Base.rfind('.'));
}

// \p Path as reports name it: relative to the scanned root, with "../" steps
// when it lies above the root (never an absolute, machine-specific path).
std::string reportPath(const std::string &Path, const std::string &Root) {
  std::string Up, Dir = Root;
  while (!isUnder(Path, Dir)) {
    Dir = parentDir(Dir);
    Up += "../";
  }
  std::string Rel = relativeTo(Path, Dir);
  return Up.empty() ? Rel : Up + (Rel == "." ? "" : Rel);
}

} // namespace

ScanPlan planScan(const ScanRequest &Request, const CommandMangler &Mangler) {
  ScanPlan Plan;
  std::vector<std::string> Given = Request.Paths;
  if (Given.empty())
    Given.push_back(".");
  std::vector<std::string> Dirs;
  for (const auto &P : Given) {
    std::string Abs = absolutePath(P);
    llvm::sys::fs::file_status St;
    if (std::error_code EC = llvm::sys::fs::status(Abs, St))
      throw InputError(P + ": " + EC.message());
    if (!llvm::sys::fs::is_directory(St) && !llvm::sys::fs::is_regular_file(St))
      throw InputError(P + ": not a regular file or folder");
    Plan.Paths.push_back(Abs);
    Dirs.push_back(llvm::sys::fs::is_directory(St) ? Abs : parentDir(Abs));
  }
  Plan.Root = commonAncestor(Dirs);
  if (!Request.Root.empty()) {
    std::string Root = absolutePath(Request.Root);
    if (!llvm::sys::fs::is_directory(Root))
      throw InputError(Request.Root + ": the root must be a folder");
    for (const auto &P : Plan.Paths)
      if (!isUnder(P, Root))
        throw InputError(relativeTo(P, absolutePath(".")) + ": not under the root " +
                         Request.Root);
    Plan.Root = Root;
  }

  // Headers given by name are analysed through their source (same stem).
  std::vector<std::string> GivenHeaders;
  for (const auto &P : Plan.Paths)
    if (!llvm::sys::fs::is_directory(P) && classifySource(P) == SourceKind::Header)
      GivenHeaders.push_back(P);
  auto PairedWithGivenHeader = [&](const std::string &File) {
    for (const auto &H : GivenHeaders)
      if (stemOf(H) == stemOf(File))
        return true;
    return false;
  };
  auto Wanted = [&](const std::string &File) {
    for (const auto &P : Plan.Paths)
      if (isUnder(File, P) || (P == File))
        return !isExcludedPath(File, Plan.Root, Request.Exclude);
    return PairedWithGivenHeader(File) && !isExcludedPath(File, Plan.Root, Request.Exclude);
  };

  std::string DbPath;
  if (!Request.CompileDbPath.empty()) {
    DbPath = Request.CompileDbPath;
    if (llvm::sys::fs::is_directory(DbPath))
      DbPath += "/compile_commands.json";
    if (!llvm::sys::fs::exists(DbPath))
      throw InputError(DbPath + ": no compilation database here (from -p)");
  } else if (auto Found = findCompilationDatabase(Plan.Paths.front())) {
    DbPath = *Found;
  }

  if (!DbPath.empty()) {
    CompilationDatabase Db =
        loadCompilationDatabase(DbPath, reportPath(absolutePath(DbPath), Plan.Root));
    Plan.Warnings = Db.Warnings;
    for (const auto &C : Db.Commands)
      if (Wanted(C.File) && classifySource(C.File) != SourceKind::None)
        Plan.Jobs.push_back({C.File, C.Directory, Mangler.adjust(C), false});
    if (!Plan.Jobs.empty() || !Request.CompileDbPath.empty()) {
      Plan.DatabasePath = Db.Path;
      Plan.Notes.push_back("using compilation database " + reportPath(Db.Path, Plan.Root));
    } else {
      Plan.Notes.push_back("compilation database " + reportPath(Db.Path, Plan.Root) +
                           " names none of the scanned files; inferring flags");
    }
  }

  if (Plan.DatabasePath.empty()) {
    // Folders are walked as given. Files given alone (a pre-commit hook's
    // staged files) say nothing of where the headers live: then the root's
    // tree is walked, for its header folders and the sources of given
    // headers.
    bool OnlyFolders = true;
    for (const auto &P : Plan.Paths)
      OnlyFolders = OnlyFolders && llvm::sys::fs::is_directory(P);
    DiscoveredTree Tree = discoverSources(
        OnlyFolders ? Plan.Paths : std::vector<std::string>{Plan.Root}, Plan.Root,
        Request.Exclude);
    Plan.Warnings.insert(Plan.Warnings.end(), Tree.Warnings.begin(), Tree.Warnings.end());
    // A unity build (Lua's onelua.c, a file that #includes other sources of
    // the tree) parses them all a second time: with inferred flags nothing
    // says it is built at all, its findings are the included files' own,
    // and on two cores it alone held the critical path of the scan.
    std::set<std::string> Planned;
    for (const auto &File : Tree.Sources)
      if (Wanted(File))
        Planned.insert(File);
    std::vector<std::string> Unity;
    for (const auto &File : Tree.Sources) {
      if (!Planned.count(File))
        continue;
      unsigned Others = 0;
      for (const auto &Inc : includedSources(File))
        Others += Inc != File && Planned.count(Inc);
      if (Others >= 2) {
        Unity.push_back(reportPath(File, Plan.Root) + " (" + std::to_string(Others) + ")");
        continue;
      }
      Plan.Jobs.push_back({File, parentDir(File), Mangler.forInferred(File, inferFlags(File, Tree)),
                           true});
    }
    if (!Unity.empty()) {
      std::string List;
      for (const auto &U : Unity)
        List += (List.empty() ? "" : ", ") + U;
      Plan.Notes.push_back("skipped " + std::to_string(Unity.size()) + " unity build" +
                           (Unity.size() == 1 ? "" : "s") +
                           " that #include other sources of the scan, which are analysed on "
                           "their own: " + List);
    }
    Plan.Notes.push_back(
        "no compilation database: flags were inferred (C as gnu17, C++ as gnu++17, -I for " +
        std::to_string(Tree.HeaderDirs.size()) +
        " header folders); missing headers are skipped. Pass -p DIR for exact flags");
  }
  // A given header no source pairs with is parsed on its own.
  std::vector<std::string> Alone;
  for (const auto &H : GivenHeaders) {
    bool Paired = false;
    for (const auto &J : Plan.Jobs)
      Paired = Paired || stemOf(J.File) == stemOf(H);
    if (!Paired && !isExcludedPath(H, Plan.Root, Request.Exclude))
      Alone.push_back(H);
  }
  if (!Alone.empty()) {
    DiscoveredTree Tree = discoverSources({Plan.Root}, Plan.Root, Request.Exclude);
    for (const auto &H : Alone)
      Plan.Jobs.push_back({H, parentDir(H), Mangler.forInferred(H, inferFlags(H, Tree)), true});
  }
  // A file the database names twice is parsed once, with its first entry
  // (stable sort: the database's order decides, not chance).
  std::stable_sort(Plan.Jobs.begin(), Plan.Jobs.end(),
                   [](const TUJob &A, const TUJob &B) { return A.File < B.File; });
  for (size_t I = 1; I < Plan.Jobs.size(); ++I)
    if (Plan.Jobs[I].File == Plan.Jobs[I - 1].File &&
        (I == 1 || Plan.Jobs[I - 2].File != Plan.Jobs[I].File))
      Plan.Warnings.push_back(reportPath(Plan.Jobs[I].File, Plan.Root) +
                              ": named more than once in the compilation database; the first "
                              "entry is used");
  Plan.Jobs.erase(std::unique(Plan.Jobs.begin(), Plan.Jobs.end(),
                              [](const TUJob &A, const TUJob &B) { return A.File == B.File; }),
                  Plan.Jobs.end());
  return Plan;
}

void keepShard(ScanPlan &Plan, unsigned K, unsigned N) {
  if (N <= 1)
    return;
  std::vector<std::pair<uint64_t, size_t>> BySize;
  for (size_t I = 0; I < Plan.Jobs.size(); ++I) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Plan.Jobs[I].File, Size);
    BySize.emplace_back(Size, I);
  }
  // Largest first; equal sizes in path order (the jobs are sorted by path).
  std::stable_sort(BySize.begin(), BySize.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });
  std::vector<uint64_t> Load(N, 0);
  std::vector<bool> Keep(Plan.Jobs.size(), false);
  for (const auto &[Size, I] : BySize) {
    unsigned Least = 0;
    for (unsigned S = 1; S < N; ++S)
      if (Load[S] < Load[Least])
        Least = S;
    // Empty files still cost a parse: count at least one byte.
    Load[Least] += std::max<uint64_t>(Size, 1);
    Keep[I] = Least == K - 1;
  }
  std::vector<TUJob> Mine;
  for (size_t I = 0; I < Plan.Jobs.size(); ++I)
    if (Keep[I])
      Mine.push_back(std::move(Plan.Jobs[I]));
  Plan.Jobs = std::move(Mine);
}

double estimateSecondsLeft(double Elapsed, uint64_t DoneBytes, uint64_t TotalBytes) {
  if (DoneBytes == 0 || DoneBytes >= TotalBytes || Elapsed <= 0)
    return -1;
  return Elapsed * double(TotalBytes - DoneBytes) / double(DoneBytes);
}

std::string describeTimeLeft(double Seconds) {
  if (Seconds < 0)
    return "";
  if (Seconds < 10)
    return "a few seconds left";
  if (Seconds < 90)
    return "about " + std::to_string(unsigned(Seconds / 10 + 0.5) * 10) + " s left";
  if (Seconds < 90 * 60)
    return "about " + std::to_string(unsigned(Seconds / 60 + 0.5)) + " min left";
  return "about " + std::to_string(unsigned(Seconds / 3600 + 0.5)) + " h left";
}

namespace {

// One line on a terminal, redrawn in place; nothing when not a terminal.
class Progress {
public:
  Progress(bool Enabled, size_t Total, std::string Root)
      : Enabled(Enabled && ::isatty(2)), Total(Total), Root(std::move(Root)),
        Start(std::chrono::steady_clock::now()) {}
  /// Translation unit \p I, of \p Bytes, will be parsed (not a cache hit).
  void willParse(size_t I, uint64_t Bytes) {
    if (Sizes.size() <= I)
      Sizes.resize(I + 1, 0);
    Sizes[I] = Bytes;
    TotalBytes += Bytes;
  }
  /// \p File is done: read from the cache, or (\p Parsed) translation
  /// unit number \p Parsed was parsed, which the estimate learns from.
  void done(const std::string &File, std::optional<size_t> Parsed = std::nullopt) {
    std::lock_guard<std::mutex> Lock(Mu);
    ++Done;
    auto Now = std::chrono::steady_clock::now();
    if (Parsed && *Parsed < Sizes.size())
      DoneBytes += Sizes[*Parsed];
    if (!Enabled)
      return;
    double Secs = std::chrono::duration<double>(Now - Start).count();
    std::string Left;
    if (ParseStart)
      Left = describeTimeLeft(estimateSecondsLeft(
          std::chrono::duration<double>(Now - *ParseStart).count(), DoneBytes, TotalBytes));
    std::string Rel = relativeTo(File, Root);
    if (Rel.size() > 40)
      Rel = "..." + Rel.substr(Rel.size() - 37);
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1fs%s%s %s", Done, Total, Secs,
                 Left.empty() ? "" : ", ", Left.c_str(), Rel.c_str());
    std::fflush(stderr);
  }
  /// Parsing starts now (cache hits, before it, are not part of the rate).
  void startParsing() {
    std::lock_guard<std::mutex> Lock(Mu);
    ParseStart = std::chrono::steady_clock::now();
  }
  ~Progress() {
    if (Enabled && Done) {
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    }
  }

private:
  bool Enabled;
  size_t Total, Done = 0;
  std::string Root;
  std::chrono::steady_clock::time_point Start;
  std::optional<std::chrono::steady_clock::time_point> ParseStart;
  std::vector<uint64_t> Sizes; ///< bytes of each translation unit to parse
  uint64_t TotalBytes = 0, DoneBytes = 0;
  std::mutex Mu;
};

} // namespace

namespace {
void runInThreads(const ScanPlan &Plan, const ScanRequest &Request, const TUSettings &Settings,
                  const std::vector<std::pair<uint64_t, size_t>> &Order,
                  std::vector<ScanFacts> &Results, std::vector<std::vector<std::string>> *Deps,
                  Progress &Bar);
} // namespace

ScanFacts runScan(const ScanPlan &Plan, const ScanRequest &Request, TUSettings Settings,
                  ScanRunStats *Stats) {
  llvm::CrashRecoveryContext::Enable();
  Settings.Root = Plan.Root;
  Settings.Exclude = Request.Exclude;
  size_t N = Plan.Jobs.size();
  std::vector<ScanFacts> Results(N);
  std::vector<std::vector<std::string>> Deps(N);

  // The cache, unless off or faults are being injected (tests).
  std::unique_ptr<TUCache> Cache;
  if (!Request.CacheDir.empty() && Settings.InjectCrashSuffix.empty() &&
      Settings.InjectHangSuffix.empty()) {
    // Facts name files relative to the root and depend on what is excluded.
    std::string Salt = Request.CacheSalt + '\0' + Plan.Root;
    for (const auto &E : Request.Exclude)
      Salt += '\0' + E;
    Cache = std::make_unique<TUCache>(Request.CacheDir, Salt);
  }
  std::vector<std::string> Keys(N);
  Progress Bar(Request.Progress, N, Plan.Root);

  // Largest files first, so that one big TU does not finish last alone.
  std::vector<std::pair<uint64_t, size_t>> Order;
  unsigned Reused = 0;
  for (size_t I = 0; I < N; ++I) {
    if (Cache) {
      Keys[I] = Cache->keyOf(Plan.Jobs[I]);
      if (auto Hit = Cache->lookup(Keys[I])) {
        Results[I] = std::move(*Hit);
        ++Reused;
        Bar.done(Plan.Jobs[I].File);
        continue;
      }
    }
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Plan.Jobs[I].File, Size);
    Order.emplace_back(Size, I);
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });
  for (const auto &[Size, I] : Order)
    Bar.willParse(I, std::max<uint64_t>(Size, 1));
  Bar.startParsing();

  if (Request.Isolate) {
    std::vector<size_t> Jobs;
    for (const auto &O : Order)
      Jobs.push_back(O.second);
    ProcessPoolOptions Pool;
    Pool.Jobs = effectiveJobs(Request.Jobs, Jobs.size());
    Pool.TimeoutSeconds = Request.TimeoutSeconds;
    // The child sends its dependencies (one per line), a NUL, the facts.
    int Sig = runIsolated(
        Jobs, Pool,
        [&](size_t I) {
          std::vector<std::string> D;
          ScanFacts F = analyzeTranslationUnit(Plan.Jobs[I], Settings, Cache ? &D : nullptr);
          std::string Out;
          for (const auto &P : D)
            Out += P + "\n";
          return Out + '\0' + factsToBinary(F);
        },
        [&](size_t I, IsolatedResult R) {
          const TUJob &Job = Plan.Jobs[I];
          if (R.Ok) {
            try {
              size_t Nul = R.Output.find('\0');
              if (Nul == std::string::npos)
                throw InputError("the worker's result for " + Job.File + " is malformed");
              llvm::SmallVector<llvm::StringRef, 64> Lines;
              llvm::StringRef(R.Output).take_front(Nul).split(Lines, '\n', -1, false);
              for (llvm::StringRef L : Lines)
                Deps[I].push_back(L.str());
              auto Decoded = factsFromBinary(llvm::StringRef(R.Output).drop_front(Nul + 1));
              if (!Decoded)
                throw InputError("the worker's result for " + Job.File + " is malformed");
              Results[I] = std::move(*Decoded);
            } catch (const InputError &E) {
              R.Ok = false;
              R.Failure = E.what();
            }
          }
          if (!R.Ok) {
            TranslationUnitFacts TU;
            TU.File = relativeTo(Job.File, Plan.Root);
            TU.InferredFlags = Job.Inferred;
            TU.Status = ParseStatus::Failed;
            TU.FailureReason = "the parser " + R.Failure +
                               " on this file (the rest of the scan is complete)";
            Results[I] = ScanFacts();
            Results[I].TranslationUnits.push_back(std::move(TU));
          } else if (Cache) {
            Cache->store(Keys[I], Job, Results[I], Deps[I]);
          }
          Bar.done(Job.File, I);
        });
    if (Sig)
      throw Interrupted{Sig};
  } else {
    runInThreads(Plan, Request, Settings, Order, Results, Cache ? &Deps : nullptr, Bar);
    // Stored here, one at a time: atomic writes go through one temporary.
    if (Cache)
      for (const auto &O : Order)
        Cache->store(Keys[O.second], Plan.Jobs[O.second], Results[O.second], Deps[O.second]);
  }
  if (Stats) {
    Stats->Parsed = static_cast<unsigned>(Order.size());
    Stats->Reused = Reused;
    if (Cache) {
      Stats->Warnings = Cache->warnings();
      Stats->NotCached = Cache->notStored();
    }
  }

  ScanFacts All;
  All.reserveFor(Results);
  for (auto &R : Results)
    All.append(std::move(R));
  All.normalize();
  return All;
}

namespace {

void runInThreads(const ScanPlan &Plan, const ScanRequest &Request, const TUSettings &Settings,
                  const std::vector<std::pair<uint64_t, size_t>> &Order,
                  std::vector<ScanFacts> &Results, std::vector<std::vector<std::string>> *Deps,
                  Progress &Bar) {
  size_t N = Order.size();
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    while (true) {
      size_t K = Next.fetch_add(1);
      if (K >= N || interruptSignal())
        return;
      size_t I = Order[K].second;
      Results[I] = analyzeTranslationUnit(Plan.Jobs[I], Settings, Deps ? &(*Deps)[I] : nullptr);
      Bar.done(Plan.Jobs[I].File, I);
    }
  };
  unsigned Threads = effectiveJobs(Request.Jobs, N);
  // Clang recurses deeply on deeply nested code; give workers room.
  constexpr unsigned StackSize = 64u << 20;
  std::vector<llvm::thread> Pool;
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(std::optional<unsigned>(StackSize), Worker);
  for (auto &T : Pool)
    T.join();
  if (int Sig = interruptSignal())
    throw Interrupted{Sig};
}

} // namespace

} // namespace carcinize
