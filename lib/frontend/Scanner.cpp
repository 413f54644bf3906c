#include "frontend/Scanner.h"

#include "frontend/SourceDiscovery.h"
#include "support/Error.h"
#include "support/Paths.h"

#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/thread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
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

  auto Wanted = [&](const std::string &File) {
    for (const auto &P : Plan.Paths)
      if (isUnder(File, P))
        return !isExcludedPath(File, Plan.Root, Request.Exclude);
    return false;
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
    DiscoveredTree Tree = discoverSources(Plan.Paths, Plan.Root, Request.Exclude);
    Plan.Warnings.insert(Plan.Warnings.end(), Tree.Warnings.begin(), Tree.Warnings.end());
    for (const auto &File : Tree.Sources)
      if (Wanted(File))
        Plan.Jobs.push_back({File, parentDir(File), Mangler.forInferred(File, inferFlags(File, Tree)),
                             true});
    Plan.Notes.push_back(
        "no compilation database: flags were inferred (C as gnu17, C++ as gnu++17, -I for " +
        std::to_string(Tree.HeaderDirs.size()) +
        " header folders); missing headers are skipped. Pass -p DIR for exact flags");
  }
  std::sort(Plan.Jobs.begin(), Plan.Jobs.end(),
            [](const TUJob &A, const TUJob &B) { return A.File < B.File; });
  return Plan;
}

namespace {

// One line on a terminal, redrawn in place; nothing when not a terminal.
class Progress {
public:
  Progress(bool Enabled, size_t Total, std::string Root)
      : Enabled(Enabled && ::isatty(2)), Total(Total), Root(std::move(Root)),
        Start(std::chrono::steady_clock::now()) {}
  void done(const std::string &File) {
    std::lock_guard<std::mutex> Lock(Mu);
    ++Done;
    if (!Enabled)
      return;
    double Secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    std::string Rel = relativeTo(File, Root);
    if (Rel.size() > 60)
      Rel = "..." + Rel.substr(Rel.size() - 57);
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1fs %s", Done, Total, Secs, Rel.c_str());
    std::fflush(stderr);
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
  std::mutex Mu;
};

} // namespace

ScanFacts runScan(const ScanPlan &Plan, const ScanRequest &Request, TUSettings Settings) {
  llvm::CrashRecoveryContext::Enable();
  Settings.Root = Plan.Root;
  Settings.Exclude = Request.Exclude;
  size_t N = Plan.Jobs.size();
  std::vector<ScanFacts> Results(N);

  // Largest files first, so that one big TU does not finish last alone.
  std::vector<std::pair<uint64_t, size_t>> Order;
  for (size_t I = 0; I < N; ++I) {
    uint64_t Size = 0;
    llvm::sys::fs::file_size(Plan.Jobs[I].File, Size);
    Order.emplace_back(Size, I);
  }
  std::stable_sort(Order.begin(), Order.end(),
                   [](const auto &A, const auto &B) { return A.first > B.first; });

  Progress Bar(Request.Progress, N, Plan.Root);
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    while (true) {
      size_t K = Next.fetch_add(1);
      if (K >= N)
        return;
      size_t I = Order[K].second;
      Results[I] = analyzeTranslationUnit(Plan.Jobs[I], Settings);
      Bar.done(Plan.Jobs[I].File);
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

  ScanFacts All;
  for (auto &R : Results)
    All.append(std::move(R));
  All.normalize();
  return All;
}

} // namespace carcinize
