#include "cli/Cli.h"

#include "analysis/ProgramAnalysis.h"
#include "check/Baseline.h"
#include "cli/ConfigureProject.h"
#include "cli/SafeCodeCount.h"
#include "check/Fingerprint.h"
#include "check/Git.h"
#include "check/GitDiff.h"
#include "check/GitHistory.h"
#include "check/Ratchet.h"
#include "check/Unanalysed.h"
#include "config/Config.h"
#include "facts/FactsFile.h"
#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"
#include "frontend/SourceDiscovery.h"
#include "frontend/Scanner.h"
#include "frontend/TUCache.h"
#include "rank/Ranker.h"
#include "report/CheckReport.h"
#include "report/HtmlReport.h"
#include "report/MachineReports.h"
#include "report/PlanReport.h"
#include "frontend/InterfaceExtractor.h"
#include "pilot/PilotKit.h"
#include "report/ScanReport.h"
#include "report/SourceLines.h"
#include "report/SummaryReport.h"
#include "report/TextWrap.h"
#include "report/RuleCatalogueReport.h"
#include "rules/Catalogue.h"
#include "support/Error.h"
#include "support/Glob.h"
#include "support/Interrupt.h"
#include "support/BuildId.h"
#include "support/OutputFile.h"
#include "support/Paths.h"
#include "support/Text.h"
#include "suppress/Suppressions.h"

#include <CLI/CLI.hpp>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sys/ioctl.h>
#include <unistd.h>

namespace carcinize {

namespace {

/// Options of `carcinize scan`, with their defaults.
struct ScanOptions {
  std::vector<std::string> Paths;
  std::string CompileDb;
  int Jobs = 0;
  std::string ConfigFile;
  std::string Format = "text";
  std::string Output;
  bool Quiet = false;
  bool NoProgress = false;
  std::string ResourceDir;
  std::vector<std::string> QueryDriver;
  std::vector<std::string> Exclude;
  unsigned Top = 10;
  std::vector<std::string> OnlyRules;    ///< --rule: ids and globs, '-' to remove
  std::vector<std::string> ExcludeRules; ///< --exclude-rule: ids and globs to remove
  std::string MinSeverity;               ///< --min-severity: findings shown
  int Width = -1; ///< --width of the scan's text report; -1: the terminal's, 0: no limit
  std::string ProfileFile;
  std::string GroupBy = "file";
  std::string RankBy = "priority";
  bool NoHistory = false; ///< --no-history: the ranking ignores the git history
  bool History = false;   ///< --history: accepted, the default since 0.x
  std::string PlanModule; ///< `carcinize plan MODULE`: the module to brief
  std::string PilotModule; ///< `carcinize pilot MODULE -o DIR`: the module of the kit
  std::string Root;       ///< --root (check, baseline): paths are named from it
  // check and baseline
  std::string FailOn = "high";
  std::string BaselineFile;
  std::string DiffRev;
  unsigned RatchetTop = 0;
  std::string Color = "auto";
  unsigned TuTimeout = 300;
  std::string Shard;                   ///< --shard K/N
  std::string SaveFacts;               ///< --save-facts FILE
  std::vector<std::string> FactsFiles; ///< --facts FILE...
  std::string CacheDir;                ///< --cache-dir
  bool NoCache = false;                ///< --no-cache
  bool Verbose = false;                ///< -v: what was parsed and reused, on stderr
  bool AllowUnanalysed = false;        ///< check --allow-unanalysed
  bool NoConfigStandIns = false;       ///< --no-config-stand-ins
  bool Configure = false;              ///< --configure: run the project's CMake/Meson
  /// check --diff: changed files (absolute) the scan must analyse even when
  /// the database does not list them.
  std::vector<std::string> AlsoFiles;
};

/// "K/N" with 1 <= K <= N -> (K, N).
std::pair<unsigned, unsigned> parseShard(const std::string &Text) {
  unsigned K = 0, N = 0;
  llvm::StringRef A, B;
  std::tie(A, B) = llvm::StringRef(Text).split('/');
  if (A.getAsInteger(10, K) || B.getAsInteger(10, N) || N == 0 || K == 0 || K > N ||
      N > 100000)
    throw InputError("--shard: '" + Text + "' is not K/N with 1 <= K <= N (e.g. 2/4)");
  return {K, N};
}

std::string version() { return CARCINIZE_VERSION; }

/// The note that says what the history is, or why there is none: the
/// ranking is sound without it, and a reader of the report knows which.
std::string historyNote(const RepoHistory &H) {
  if (!H.Available)
    return "history: not used (" + H.WhyNot +
           "): the ranking is of the code alone (docs/scoring.md, History)";
  std::string N = "history: " + std::to_string(H.Commits.size()) + " commits of the " +
                  std::to_string(H.Options.FixMonths) + " months before HEAD (" +
                  yearMonth(H.Reference) + ") touch the scanned files";
  if (H.TreeWideCommits)
    N += "; " + std::to_string(H.TreeWideCommits) + " touching more than " +
         std::to_string(H.Options.MaxFilesPerCommit) + " files not counted";
  if (H.Truncated)
    N += "; only the newest " + std::to_string(H.CommitsRead) + " were read";
  return N + " (--no-history: the code alone)";
}

/// The configuration for a scan: --config FILE, else .carcinize.yaml in the
/// scanned root, else the defaults.
Config loadConfig(const std::string &Explicit, const std::vector<std::string> &Paths,
                  const std::string &Root = "") {
  if (!Explicit.empty())
    return loadConfigFile(Explicit);
  // The tree's own file stays in the tree: a link to a file outside would
  // have its first lines quoted in the error messages of a CI log.
  auto FromTree = [](const std::string &Candidate, const std::string &Dir) {
    if (!llvm::sys::fs::exists(Candidate))
      return Config();
    if (!resolvesUnder(Candidate, Dir))
      throw InputError(Candidate + ": a symbolic link to a file outside the scanned root");
    return loadConfigFile(Candidate);
  };
  if (!Root.empty())
    return FromTree(absolutePath(Root) + "/.carcinize.yaml", absolutePath(Root));
  std::vector<std::string> Dirs;
  for (const auto &P : Paths.empty() ? std::vector<std::string>{"."} : Paths) {
    std::string Abs = absolutePath(P);
    Dirs.push_back(llvm::sys::fs::is_directory(Abs) ? Abs : parentDir(Abs));
  }
  return FromTree(commonAncestor(Dirs) + "/.carcinize.yaml", commonAncestor(Dirs));
}

/// The rules `--rule` and `--exclude-rule` select, read as clang-tidy reads
/// `-checks`: entries apply in order and a leading '-' removes what its glob
/// matches; a selection that starts with a removal starts from the rules the
/// configuration enables, one that starts with a rule from none. Empty when
/// neither option is given: the configuration decides.
std::vector<std::string> selectRules(const Config &Cfg, const std::vector<std::string> &Rules,
                                     const std::vector<std::string> &Excluded) {
  std::vector<std::pair<std::string, std::string>> Entries; // option, entry
  for (const auto &R : Rules)
    Entries.emplace_back("--rule", R);
  for (const auto &E : Excluded)
    Entries.emplace_back("--exclude-rule", "-" + E);
  if (Entries.empty())
    return {};
  std::set<std::string> Selected;
  if (Entries.front().second.rfind('-', 0) == 0)
    for (const auto &Id : enabledRuleIds(Cfg))
      Selected.insert(Id);
  for (const auto &[Option, Entry] : Entries) {
    bool Remove = Entry.rfind('-', 0) == 0;
    std::string Pattern(trimView(Remove ? std::string_view(Entry).substr(1) : Entry));
    if (Pattern.empty())
      throw InputError(Option + ": an empty rule id");
    bool Any = false;
    for (const auto &R : ruleCatalogue())
      if (rulePatternMatches(Pattern, R.Id)) {
        Any = true;
        if (Remove)
          Selected.erase(R.Id);
        else
          Selected.insert(R.Id);
      }
    if (!Any)
      throw InputError(Option + ": '" + Pattern +
                       "' matches no rule id (see 'carcinize rules')");
  }
  if (Selected.empty())
    throw InputError("--rule: the selection leaves no rule to run");
  return {Selected.begin(), Selected.end()};
}

/// Streams a report to \p Output (a file, written atomically) or stdout.
void emitStream(const std::string &Output, llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  if (Output.empty() || Output == "-") {
    std::cout.flush();
    writeStandardOutput(Write);
    return;
  }
  writeFileAtomically(Output, Write);
}

void emit(const std::string &Text, const std::string &Output) {
  if (Output.empty() || Output == "-") {
    std::cout.flush();
    writeStandardOutput([&](llvm::raw_ostream &OS) { OS << Text; });
    return;
  }
  writeFileAtomically(Output, Text);
}

/// A scan carried through analysis and ranking: what every command
/// reports from. Built in place (the analysis points into the facts).
struct ScanOutcome {
  Config Cfg;
  ScanPlan Plan;
  ScanFacts Facts;
  ProgramAnalysis Analysis;
  RankOptions Rank;
  ProductMap Product; ///< what is the product (Rank.Product points here)
  RepoHistory History; ///< the git history (Rank.History points here when available)
  std::vector<ModuleScore> Modules;
  ScanCoverage Coverage;
  std::unique_ptr<ConfiguredBuild> Configured; ///< --configure's folder, removed at the end
  ScanContext Ctx;
  bool SavedOnly = false; ///< --save-facts: the facts were written, no report
};

void performScan(const ScanOptions &O, const char *Argv0, ScanOutcome &Out) {
  if (O.Jobs < 0)
    throw InputError("-j: the number of jobs must be 0 (one per core) or more");
  Out.Cfg = loadConfig(O.ConfigFile, O.Paths, O.Root);
  const Config &Cfg = Out.Cfg;
  for (const auto &W : validateRuleSettings(Cfg, catalogueView()))
    std::cerr << "carcinize: warning: " << W << "\n";
  ScanRequest Req;
  Req.Paths = O.Paths;
  Req.CompileDbPath = O.CompileDb;
  Req.Jobs = static_cast<unsigned>(O.Jobs);
  Req.Exclude = Cfg.Exclude;
  for (const auto &G : O.Exclude)
    if (std::string Why = globProblem(G); !Why.empty())
      throw InputError("--exclude '" + G.substr(0, 64) + (G.size() > 64 ? "...'" : "'") + ": " + Why);
  Req.Exclude.insert(Req.Exclude.end(), O.Exclude.begin(), O.Exclude.end());
  Req.Progress = !O.Quiet && !O.NoProgress;
  Req.Root = O.Root;
  Req.AlsoFiles = O.AlsoFiles;
  Req.ConfigStandIns = !O.NoConfigStandIns;
  Req.Isolate = true;
  Req.TimeoutSeconds = O.TuTimeout;
  CommandMangler Mangler =
      CommandMangler::detect(findResourceDir(O.ResourceDir, Argv0), O.QueryDriver);
  const std::vector<std::string> Selected = selectRules(Cfg, O.OnlyRules, O.ExcludeRules);
  ScanPlan &Plan = Out.Plan;
  if (!O.FactsFiles.empty()) {
    // Analysis and reports from saved facts: nothing is parsed. Sources are
    // still read from the root (the paths, default .) for snippets.
    if (!O.Shard.empty() || !O.SaveFacts.empty())
      throw InputError("--facts reads saved facts: it cannot be combined with --shard or "
                       "--save-facts");
    std::vector<SavedFacts> Parts;
    for (const auto &F : O.FactsFiles)
      Parts.push_back(loadFactsFile(F));
    SavedFacts All = mergeFactsFiles(std::move(Parts), O.FactsFiles);
    std::string Root = absolutePath(O.Root.empty() ? (O.Paths.empty() ? "." : O.Paths.front())
                                                   : O.Root);
    if (!llvm::sys::fs::is_directory(Root))
      throw InputError(relativeTo(Root, absolutePath(".")) +
                       ": with --facts, the path names the scanned root (a folder)");
    Plan.Root = Root;
    Plan.Paths = {Root};
    Plan.Notes = std::move(All.Notes);
    Plan.Warnings = std::move(All.Warnings);
    Out.Facts = std::move(All.Facts);
  } else {
    if (O.Configure) {
      if (!O.CompileDb.empty())
        throw InputError("--configure makes a compilation database: it cannot be combined with -p");
      std::string Root;
      if (!O.Root.empty()) {
        Root = absolutePath(O.Root);
      } else {
        std::vector<std::string> Dirs;
        for (const auto &P : O.Paths.empty() ? std::vector<std::string>{"."} : O.Paths) {
          std::string Abs = absolutePath(P);
          Dirs.push_back(llvm::sys::fs::is_directory(Abs) ? Abs : parentDir(Abs));
        }
        Root = commonAncestor(Dirs);
      }
      Out.Configured = std::make_unique<ConfiguredBuild>();
      configureProject(Root, *Out.Configured, std::cerr);
      Req.CompileDbPath = Out.Configured->Database;
    }
    Out.Plan = planScan(Req, Mangler);
    if (Plan.Jobs.empty())
      Plan.Notes.push_back("no C or C++ translation units found under the scanned paths");
    if (!O.Shard.empty()) {
      auto [K, N] = parseShard(O.Shard);
      keepShard(Plan, K, N);
    }
    TUSettings Settings;
    Settings.MakeAnalyzer = makeRuleAnalyzerFactory(Cfg, Selected);
    if (const char *Crash = std::getenv("CARCINIZE_INJECT_CRASH"))
      Settings.InjectCrashSuffix = Crash;
    if (const char *Hang = std::getenv("CARCINIZE_INJECT_HANG"))
      Settings.InjectHangSuffix = Hang;
    if (const char *All = std::getenv("CARCINIZE_PARSE_ALL_BODIES"); All && *All && *All != '0')
      Settings.ParseAllBodies = true;
    if (!O.NoCache) {
      Req.CacheDir = !O.CacheDir.empty() ? absolutePath(O.CacheDir)
                                         : TUCache::defaultDir(Plan.Root);
      Req.CacheSalt = version() + '\0' + executableBuildId() + '\0' + Mangler.resourceDir() +
                      '\0' + dumpConfig(Cfg, catalogueView(), ruleDefaults());
      for (const auto &R : Selected)
        Req.CacheSalt += '\0' + R;
      if (Settings.ParseAllBodies)
        Req.CacheSalt += std::string(1, '\0') + "all-bodies";
    }
    ScanRunStats Run;
    Out.Facts = runScan(Plan, Req, Settings, &Run);
    Out.Facts.Tool.Version = version();
    for (const auto &W : Run.Warnings)
      std::cerr << "carcinize: warning: " << W << "\n";
    if (O.Verbose)
      std::cerr << "carcinize: " << Run.Parsed << " translation units parsed, " << Run.Reused
                << " reused from the cache"
                << (Req.CacheDir.empty() ? " (no cache)" : " (" + Req.CacheDir + ")") << "\n";
    if (O.Verbose)
      for (const auto &N : Run.NotCached)
        std::cerr << "carcinize: not cached: " << N << "\n";
    if (!O.SaveFacts.empty()) {
      // Moved, not copied: nothing but the count below needs them again.
      SavedFacts Saved{std::move(Out.Facts), Plan.Notes, Plan.Warnings};
      writeFileAtomically(O.SaveFacts,
                          [&](llvm::raw_ostream &OS) { writeFactsFile(OS, Saved); });
      Out.Facts.TranslationUnits = std::move(Saved.Facts.TranslationUnits);
      Out.SavedOnly = true;
      return;
    }
  }

  std::optional<Profile> Prof;
  if (!O.ProfileFile.empty())
    Prof = loadProfile(O.ProfileFile);
  // Beside the TU cache, the exposure of the last scan: an unchanged tree's
  // re-scan reads it back (the salt holds the version and the boundaries).
  std::optional<ExposureCache> Exposed;
  if (!Req.CacheDir.empty())
    Exposed = ExposureCache{Req.CacheDir, Req.CacheSalt};
  Out.Analysis = analyzeProgram(Out.Facts, Cfg.Boundaries, Prof ? &*Prof : nullptr,
                                Exposed ? &*Exposed : nullptr);
  const ProgramAnalysis &Analysis = Out.Analysis;

  RankOptions &Rank = Out.Rank;
  parseGroupBy(O.GroupBy, Rank.Group);
  parseRankBy(O.RankBy, Rank.Order);
  Rank.Modules = Cfg.Modules;
  Rank.Weights = Cfg.Scoring;
  if (Rank.Group == GroupBy::Config && Cfg.Modules.empty())
    throw InputError("--group-by config: the configuration names no 'modules'");
  std::vector<std::string> HistoryNotes;
  if (!O.NoHistory) {
    // By default, inside a git work tree: git run read-only (check/Git.h).
    Out.History = readGitHistory(Plan.Root);
    if (Out.History.Available)
      Rank.History = &Out.History;
    HistoryNotes.push_back(historyNote(Out.History));
  }
  // What is not the product (vendored, generated, data tables, tests...)
  // is left out of the ranking and listed in the notes.
  {
    std::vector<std::string> Files;
    for (const auto &F : Out.Facts.Files)
      Files.push_back(F.Path);
    Out.Product = classifyProduct(Plan.Root, Files, Cfg.Ranking.Include, Cfg.Ranking.Exclude);
    Rank.Product = &Out.Product;
  }
  Out.Modules = rankModules(Out.Facts, Analysis, Rank);
  // Coverage after the ranking: it qualifies the scores, it does not change
  // them; a module whose code was mostly unseen says so in its reasons.
  Out.Coverage = measureCoverage(Out.Facts, Out.Modules);
  explainCoverage(Out.Modules, Out.Coverage);

  ScanContext &Ctx = Out.Ctx;
  Ctx.Modules = &Out.Modules;
  Ctx.Coverage = &Out.Coverage;
  Ctx.HasDatabase = !Plan.DatabasePath.empty();
  Ctx.Verbose = O.Verbose;
  Ctx.Order = Rank.Order;
  Ctx.Root = Plan.Root;
  Ctx.RootLabel = !O.Root.empty() ? O.Root
                  : O.Paths.size() == 1 ? O.Paths.front()
                                        : relativeTo(Plan.Root, absolutePath("."));
  Ctx.Notes = Plan.Notes;
  Ctx.Notes.insert(Ctx.Notes.end(), HistoryNotes.begin(), HistoryNotes.end());
  for (auto &N : describeLeftOut(leftOutFiles(Out.Facts, Out.Product)))
    Ctx.Notes.push_back(std::move(N));
  Ctx.Warnings = Plan.Warnings;
  Ctx.Top = O.Top;
  for (const auto &W : Analysis.ProfileWarnings)
    Ctx.Warnings.push_back(W);
  if (Prof && !Analysis.UnmatchedProfile.empty()) {
    std::string Names;
    for (size_t I = 0; I < Analysis.UnmatchedProfile.size() && I < 5; ++I)
      Names += (I ? ", " : "") + Analysis.UnmatchedProfile[I];
    Ctx.Notes.push_back(std::to_string(Analysis.UnmatchedProfile.size()) +
                        " profile functions match no function of the tree (libraries, or code "
                        "outside the scan): " + Names +
                        (Analysis.UnmatchedProfile.size() > 5 ? ", ..." : ""));
  }
}

/// `--min-severity`: leaves the findings below it out of every report. The
/// ranking, made before, counted them (a module's danger does not depend on
/// what a reader chose to see); a note says how many were left out.
void hideFindingsBelow(ScanOutcome &S, const std::string &Min) {
  Severity Floor;
  if (Min.empty() || !parseSeverity(Min, Floor))
    return;
  constexpr size_t Gone = static_cast<size_t>(-1);
  std::vector<size_t> NewIndex(S.Facts.Findings.size(), Gone);
  std::vector<Finding> Kept;
  size_t Hidden = 0;
  for (size_t I = 0; I < S.Facts.Findings.size(); ++I) {
    Finding &F = S.Facts.Findings[I];
    if (F.Sev >= Floor) {
      NewIndex[I] = Kept.size();
      Kept.push_back(std::move(F));
    } else if (!F.Suppressed) {
      ++Hidden;
    }
  }
  S.Facts.Findings = std::move(Kept);
  for (auto &M : S.Modules) {
    std::vector<size_t> Indexes;
    for (size_t K : M.FindingIndexes)
      if (K < NewIndex.size() && NewIndex[K] != Gone)
        Indexes.push_back(NewIndex[K]);
    M.FindingIndexes = std::move(Indexes);
  }
  if (Hidden)
    S.Ctx.Notes.push_back(std::to_string(Hidden) + (Hidden == 1 ? " finding" : " findings") +
                          " below '" + Min +
                          "' not shown (--min-severity); the ranking counts them");
}

/// The findings of \p S a finding report starts from: not suppressed inline
/// and, when files were named on the command line, in those files only (a
/// pre-commit hook passes the staged files; their includes are not its
/// business).
std::vector<const Finding *> findingsInScope(const ScanOutcome &S, unsigned &Suppressed) {
  std::vector<std::string> Dirs;
  std::set<std::string> Files;
  for (const auto &P : S.Plan.Paths)
    if (llvm::sys::fs::is_directory(P))
      Dirs.push_back(relativeTo(P, S.Plan.Root));
    else
      Files.insert(relativeTo(P, S.Plan.Root));
  auto InScope = [&](const std::string &File) {
    if (Files.count(File))
      return true;
    for (const auto &D : Dirs)
      if (D == "." || isUnder(File, D))
        return true;
    return false;
  };
  std::vector<const Finding *> Out;
  Suppressed = 0;
  for (const auto &F : S.Facts.Findings) {
    if (!InScope(F.File))
      continue;
    if (F.Suppressed)
      ++Suppressed;
    else
      Out.push_back(&F);
  }
  return Out;
}

/// The report input for the finding formats, before baseline and diff.
FindingsReport findingsReport(const ScanOutcome &S) {
  FindingsReport R;
  R.Facts = &S.Facts;
  R.Findings = findingsInScope(S, R.Suppressed);
  SourceLines Sources(S.Plan.Root);
  R.Fingerprints = fingerprintFindings(R.Findings, Sources);
  R.Rules = &ruleCatalogue();
  R.Version = version();
  R.Root = S.Plan.Root;
  R.Scan = &S.Ctx;
  return R;
}

/// True when colours go to the terminal: --color always, or auto on a
/// terminal (not with NO_COLOR set, not on a dumb terminal, not into -o).
bool useColor(const ScanOptions &O) {
  if (O.Color == "always")
    return true;
  if (O.Color == "never" || !(O.Output.empty() || O.Output == "-"))
    return false;
  const char *NoColor = std::getenv("NO_COLOR");
  const char *Term = std::getenv("TERM");
  return ::isatty(1) && !(NoColor && *NoColor) && !(Term && std::string(Term) == "dumb");
}

/// Writes \p R in \p Format (a finding format).
void emitFindings(const FindingsReport &R, const ScanOptions &O) {
  if (O.Format == "sarif")
    emit(renderSarif(R), O.Output);
  else if (O.Format == "github")
    emit(renderGitHubAnnotations(R), O.Output);
  else if (O.Format == "markdown")
    emit(renderMarkdownSummary(R), O.Output);
  else if (O.Format == "codequality")
    emit(renderCodeQuality(R), O.Output);
  else if (O.Format == "json")
    emit(renderCheckJson(R), O.Output);
  else
    emit(renderCheckText(R, useColor(O)), O.Output);
}

/// The width the scan's text report is fitted to: --width, else, when stdout
/// is a terminal, COLUMNS (as the shell sets it) or the terminal's own size;
/// 0, lines kept whole, into a file or a pipe, where grep wants an entry on
/// one line. Narrower than 40 columns, wrapping would only shred the text.
unsigned reportWidth(const ScanOptions &O) {
  constexpr unsigned Narrowest = 40;
  if (O.Width >= 0)
    return O.Width == 0 ? 0 : std::max<unsigned>(O.Width, Narrowest);
  if (!(O.Output.empty() || O.Output == "-") || !::isatty(1))
    return 0;
  unsigned Columns = 0;
  if (const char *Env = std::getenv("COLUMNS"))
    llvm::StringRef(Env).getAsInteger(10, Columns);
  struct winsize Size {};
  if (Columns == 0 && ::ioctl(1, TIOCGWINSZ, &Size) == 0)
    Columns = Size.ws_col;
  return Columns == 0 ? 80 : std::max(Columns, Narrowest);
}

/// `--save-facts`: one line on stderr instead of a report.
int reportSaved(const ScanOutcome &S, const ScanOptions &O) {
  std::cerr << "carcinize: saved the facts of " << S.Facts.TranslationUnits.size()
            << " translation units" << (O.Shard.empty() ? "" : " (shard " + O.Shard + ")")
            << " to " << O.SaveFacts << "\n";
  return ExitClean;
}

/// `carcinize pilot MODULE -o DIR`: the module's sources parsed again for
/// its FFI surface (the scan's facts hold no type definitions), then the kit.
int writePilot(const ScanOutcome &S, const ModuleScore &M, const ScanOptions &O) {
  if (O.Output.empty() || O.Output == "-")
    throw InputError("pilot: -o DIR names the new folder of the kit");
  InterfaceRequest Req;
  Req.Root = S.Plan.Root;
  Req.ModuleFiles = M.Files;
  std::set<std::string> Files(M.Files.begin(), M.Files.end());
  for (const TUJob &J : S.Plan.Jobs)
    if (Files.count(relativeTo(J.File, S.Plan.Root)))
      Req.Jobs.push_back(J);
  if (Req.Jobs.empty())
    throw InputError("pilot: no source of '" + M.Name + "' to parse" +
                     (O.FactsFiles.empty() ? std::string(" (a module of headers only?)")
                                           : " (with --facts nothing is parsed: run pilot on "
                                             "the tree)"));
  const CallGraph &G = S.Analysis.Graph;
  std::set<size_t> Mine(M.Functions.begin(), M.Functions.end());
  for (size_t I : M.Functions)
    for (const auto &E : G.callers(I))
      if (!Mine.count(E.To))
        Req.Called.insert(G.function(I).Name);
  PilotInput In;
  In.Module = &M;
  In.Modules = &S.Modules;
  In.Facts = &S.Facts;
  In.Analysis = &S.Analysis;
  In.Root = S.Plan.Root;
  In.Interface = extractInterface(Req);
  In.Seeds = findSeeds(S.Plan.Root, In.SeedSource);
  PilotKit Kit = renderPilotKit(In);
  writePilotKit(Kit, O.Output);
  if (!O.Quiet)
    std::cerr << "carcinize: wrote the pilot kit of " << M.Name << " (" << In.Interface.Functions.size()
              << " functions, " << In.Interface.Types.size() << " types) to " << O.Output
              << "; next: make -C " << O.Output << " layout-check ab\n";
  for (const auto &N : In.Interface.Notes)
    std::cerr << "carcinize: warning: " << N << "\n";
  return ExitClean;
}

int runScan(const ScanOptions &O, const char *Argv0) {
  ScanOutcome S;
  performScan(O, Argv0, S);
  if (S.SavedOnly)
    return reportSaved(S, O);
  hideFindingsBelow(S, O.MinSeverity);
  const std::vector<ModuleScore> &Modules = S.Modules;
  // By module name, or by any of its files.
  auto FindModule = [&](const std::string &Wanted, const char *Cmd) {
    const ModuleScore *Found = nullptr;
    for (const auto &M : Modules)
      if (M.Name == Wanted || std::find(M.Files.begin(), M.Files.end(), Wanted) != M.Files.end())
        Found = &M;
    if (!Found) {
      std::string Names;
      for (size_t I = 0; I < Modules.size() && I < 5; ++I)
        Names += (I ? ", " : "") + Modules[I].Name;
      throw InputError(std::string(Cmd) + ": no module '" + Wanted +
                       "' (the top modules are: " + Names + ")");
    }
    return Found;
  };
  if (!O.PlanModule.empty()) {
    emit(renderPlan(*FindModule(O.PlanModule, "plan"), Modules, S.Facts, S.Analysis), O.Output);
    return ExitClean;
  }
  if (!O.PilotModule.empty())
    return writePilot(S, *FindModule(O.PilotModule, "pilot"), O);
  if (O.Format == "json")
    emitStream(O.Output,
               [&](llvm::raw_ostream &OS) { writeScanJson(OS, S.Facts, S.Ctx, &S.Analysis); });
  else if (O.Format == "html")
    emit(renderScanHtml(S.Facts, S.Ctx, &S.Analysis), O.Output);
  else if (O.Format == "sarif" || O.Format == "markdown")
    emitFindings(findingsReport(S), O);
  else
    emit(fitToWidth(renderScanText(S.Facts, S.Ctx, &S.Analysis), reportWidth(O)), O.Output);
  return ExitClean;
}

/// `carcinize summary`: the one page for a lead.
int runSummary(const ScanOptions &O, const char *Argv0) {
  ScanOutcome S;
  performScan(O, Argv0, S);
  std::vector<std::string> Exclude = S.Cfg.Exclude;
  Exclude.insert(Exclude.end(), O.Exclude.begin(), O.Exclude.end());
  SafeCode Safe = countRustCode(S.Plan.Root, Exclude);
  emit(renderSummary(S.Facts, S.Ctx, S.Analysis, Safe), O.Output);
  return ExitClean;
}

/// `check` and `baseline create` name files from the current folder when
/// every scanned path lies under it (as CI annotations and pre-commit want).
/// They read no git history: their module ranks (--ratchet-top, the
/// baseline's) must not move because a commit was made between the baseline
/// and the check.
ScanOptions withCheckRoot(ScanOptions O) {
  O.NoHistory = true;
  if (!O.Root.empty())
    return O;
  std::string Cwd = absolutePath(".");
  bool AllUnder = true;
  for (const auto &P : O.Paths)
    AllUnder = AllUnder && isUnder(absolutePath(P), Cwd);
  if (AllUnder)
    O.Root = ".";
  return O;
}

/// The unsafe debt per module of \p Findings, modules formed by \p Rank.
std::vector<std::pair<std::string, double>>
debtPerModule(const ScanOutcome &S, const std::vector<const Finding *> &Findings,
              const RankOptions &Rank, const std::vector<std::string> &AllFiles) {
  std::vector<std::pair<std::string, double>> Out;
  ModuleMap Map(AllFiles, Rank);
  for (const Finding *F : Findings)
    Out.emplace_back(Map.of(F->File), debtOf(*F, S.Cfg.Scoring));
  return Out;
}

std::vector<std::string> allFiles(const ScanOutcome &S) {
  std::vector<std::string> Files;
  for (const auto &F : S.Facts.Files)
    Files.push_back(F.Path);
  return Files;
}

/// The root `check` names files from, before the scan plans it (as
/// planScan computes it): --root, else the common folder of the paths.
std::string checkRootOf(const ScanOptions &O) {
  if (!O.Root.empty())
    return absolutePath(O.Root);
  std::vector<std::string> Dirs;
  for (const auto &P : O.Paths.empty() ? std::vector<std::string>{"."} : O.Paths) {
    std::string Abs = absolutePath(P);
    Dirs.push_back(llvm::sys::fs::is_directory(Abs) ? Abs : parentDir(Abs));
  }
  return commonAncestor(Dirs);
}

/// What `check` was asked about: the files and folders named, and the
/// sources changed since --diff REV under them, less what is excluded.
CheckScope checkScope(const ScanOutcome &S, const ScanOptions &O, const ChangedLines *Changed) {
  CheckScope Scope;
  const std::string &Root = S.Plan.Root;
  if (!S.Plan.DatabasePath.empty())
    Scope.Database = relativeTo(S.Plan.DatabasePath, Root);
  std::vector<std::string> Exclude = S.Cfg.Exclude;
  Exclude.insert(Exclude.end(), O.Exclude.begin(), O.Exclude.end());
  std::vector<std::string> Dirs;
  auto AddFile = [&](const std::string &Abs) {
    SourceKind Kind = classifySource(Abs);
    if (Kind == SourceKind::None || isExcludedPath(Abs, Root, Exclude))
      return;
    std::string Rel = relativeTo(Abs, Root);
    Scope.Files.push_back(Rel);
    if (Kind != SourceKind::Header)
      return;
    std::string Stem(baseName(Abs));
    Stem = Stem.substr(0, Stem.rfind('.'));
    auto &Via = Scope.HeaderTUs[Rel];
    for (const auto &TU : S.Facts.TranslationUnits) {
      std::string Name(baseName(TU.File));
      if (TU.File == Rel || Name.substr(0, Name.rfind('.')) == Stem)
        Via.push_back(TU.File);
    }
  };
  for (const auto &P : S.Plan.Paths) {
    if (llvm::sys::fs::is_directory(P)) {
      Scope.Folders.push_back(relativeTo(P, Root));
      Dirs.push_back(P);
    } else {
      AddFile(P);
    }
  }
  // A changed header is analysed through whichever TU includes it: only
  // changed sources are asked about by name. Deleted files are not changed
  // lines; files outside the scanned folders are not the scan's business.
  std::vector<std::string> ChangedFiles;
  if (Changed) {
    for (const auto &[File, Ranges] : Changed->Ranges)
      ChangedFiles.push_back(File);
    ChangedFiles.insert(ChangedFiles.end(), Changed->WholeFiles.begin(),
                        Changed->WholeFiles.end());
  }
  for (const auto &File : ChangedFiles) {
    std::string Abs = absolutePath(File, Root);
    SourceKind Kind = classifySource(Abs);
    bool Under = false;
    for (const auto &D : Dirs)
      Under = Under || isUnder(Abs, D);
    if (Under && (Kind == SourceKind::CSource || Kind == SourceKind::CxxSource) &&
        llvm::sys::fs::is_regular_file(Abs))
      AddFile(Abs);
  }
  std::sort(Scope.Files.begin(), Scope.Files.end());
  Scope.Files.erase(std::unique(Scope.Files.begin(), Scope.Files.end()), Scope.Files.end());
  // A shard analyses its share of the files only: the others are not missing.
  if (!O.Shard.empty()) {
    std::set<std::string> Mine;
    for (const auto &TU : S.Facts.TranslationUnits)
      Mine.insert(TU.File);
    std::vector<std::string> Kept;
    for (const auto &F : Scope.Files)
      if (Mine.count(F) || Scope.HeaderTUs.count(F))
        Kept.push_back(F);
    Scope.Files = std::move(Kept);
  }
  return Scope;
}

int runCheck(const ScanOptions &Given, const char *Argv0) {
  ScanOptions O = withCheckRoot(Given);
  Severity FailOn = Severity::High;
  bool NeverFail = O.FailOn == "none";
  if (!NeverFail && !parseSeverity(O.FailOn, FailOn))
    throw InputError("--fail-on: '" + O.FailOn + "' is not low, medium, high, critical or none");
  if (O.RatchetTop && O.BaselineFile.empty())
    throw InputError("--ratchet-top needs --baseline FILE (the debt it compares with)");
  std::optional<Baseline> Base;
  if (!O.BaselineFile.empty())
    Base = loadBaseline(O.BaselineFile);

  // The changed files are known before the scan: those the database does
  // not list get interpolated flags rather than no analysis.
  std::optional<ChangedLines> Changed;
  if (!O.DiffRev.empty() && O.FactsFiles.empty()) {
    std::string Root = checkRootOf(O);
    Changed = changedSince(Root, O.DiffRev);
    for (const auto &[File, Ranges] : Changed->Ranges)
      O.AlsoFiles.push_back(absolutePath(File, Root));
    for (const auto &File : Changed->WholeFiles)
      O.AlsoFiles.push_back(absolutePath(File, Root));
  }

  ScanOutcome S;
  performScan(O, Argv0, S);
  if (S.SavedOnly)
    return reportSaved(S, O);
  hideFindingsBelow(S, O.MinSeverity);
  FindingsReport R = findingsReport(S);
  R.Unanalysed = findUnanalysed(S.Facts, checkScope(S, O, Changed ? &*Changed : nullptr));
  R.UnanalysedAllowed = O.AllowUnanalysed || S.Cfg.AllowUnanalysed;

  if (Base) {
    // The ratchet sees every unsuppressed finding of the scanned modules,
    // old and new, grouped as the baseline grouped them.
    RankOptions Rank = S.Rank;
    if (!parseGroupBy(Base->GroupBy, Rank.Group))
      throw InputError(O.BaselineFile + ": unknown group_by '" + Base->GroupBy + "'");
    std::vector<std::string> Files = allFiles(S);
    for (const auto &F : Base->Findings)
      Files.push_back(F.File);
    std::sort(Files.begin(), Files.end());
    Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
    std::vector<std::string> Scanned;
    std::set<std::string> FilesInScope;
    for (const auto &P : S.Plan.Paths)
      if (!llvm::sys::fs::is_directory(P))
        FilesInScope.insert(relativeTo(P, S.Plan.Root));
    ModuleMap Map(Files, Rank);
    for (const auto &F : S.Facts.Files)
      if (FilesInScope.empty() || FilesInScope.count(F.Path))
        Scanned.push_back(Map.of(F.Path));
    for (const auto &C :
         compareDebt(*Base, debtPerModule(S, R.Findings, Rank, Files), Scanned, O.RatchetTop))
      R.Debt.push_back({C.Module, C.Before, C.After, describeDebtChange(C), C.Violation});

    std::vector<bool> Known = matchBaseline(*Base, R.Fingerprints);
    std::vector<const Finding *> Kept;
    std::vector<std::string> KeptFp;
    for (size_t I = 0; I < R.Findings.size(); ++I)
      if (Known[I]) {
        ++R.Baselined;
      } else {
        Kept.push_back(R.Findings[I]);
        KeptFp.push_back(R.Fingerprints[I]);
      }
    R.Findings = std::move(Kept);
    R.Fingerprints = std::move(KeptFp);
  }
  if (!O.DiffRev.empty()) {
    if (!Changed)
      Changed = changedSince(S.Plan.Root, O.DiffRev);
    std::vector<const Finding *> Kept;
    std::vector<std::string> KeptFp;
    for (size_t I = 0; I < R.Findings.size(); ++I)
      if (Changed->contains(R.Findings[I]->File, R.Findings[I]->Line)) {
        Kept.push_back(R.Findings[I]);
        KeptFp.push_back(R.Fingerprints[I]);
      } else {
        ++R.OutsideDiff;
      }
    R.Findings = std::move(Kept);
    R.Fingerprints = std::move(KeptFp);
  }

  emitFindings(R, O);
  bool Fail = false;
  if (!NeverFail)
    for (const Finding *F : R.Findings)
      Fail = Fail || F->Sev >= FailOn;
  for (const auto &D : R.Debt)
    Fail = Fail || D.Violation;
  if (!R.Unanalysed.empty() && !R.UnanalysedAllowed)
    return ExitUnanalysed; // the findings above are incomplete
  return Fail ? ExitFindings : ExitClean;
}

int runBaselineCreate(const ScanOptions &Given, const char *Argv0) {
  ScanOptions O = withCheckRoot(Given);
  if (O.Output.empty() || O.Output == "-")
    throw InputError("baseline create: name the file to write with -o FILE");
  ScanOutcome S;
  performScan(O, Argv0, S);
  FindingsReport R = findingsReport(S);
  std::vector<std::string> Files = allFiles(S);
  Baseline B;
  B.ToolVersion = version();
  B.GroupBy = O.GroupBy;
  std::map<std::string, double> Debt;
  ModuleMap Map(Files, S.Rank);
  for (size_t I = 0; I < R.Findings.size(); ++I) {
    const Finding &F = *R.Findings[I];
    BaselineFinding BF;
    BF.Fingerprint = R.Fingerprints[I];
    BF.RuleId = F.RuleId;
    BF.Sev = F.Sev;
    BF.File = F.File;
    BF.Line = F.Line;
    BF.Function = F.FunctionName;
    BF.Module = Map.of(F.File);
    Debt[BF.Module] += debtOf(F, S.Cfg.Scoring);
    B.Findings.push_back(std::move(BF));
  }
  for (const auto &M : S.Modules)
    B.Modules.push_back({M.Name, M.Rank, Debt.count(M.Name) ? Debt[M.Name] : 0.0});
  emit(renderBaseline(B), O.Output);
  std::cerr << "carcinize: recorded " << B.Findings.size() << " findings of "
            << B.Modules.size() << " modules in " << O.Output << "\n";
  return ExitClean;
}

/// The options every command that scans shares; \p Shards adds the options
/// of sharded scans (`plan` briefs one module of a whole scan: it has none).
void addScanOptions(CLI::App *Cmd, ScanOptions &Scan, bool Shards = true) {
  Cmd->add_option("paths", Scan.Paths, "Files or folders to scan (default: .)");
  Cmd->add_option("-p,--compile-commands", Scan.CompileDb,
                  "Folder holding compile_commands.json (or the file itself); "
                  "default: searched from the scanned path upwards, also in build/");
  Cmd->add_option("-j,--jobs", Scan.Jobs, "Translation units parsed in parallel (0: one per core)")
      ->default_val(0);
  Cmd->add_option("--config", Scan.ConfigFile,
                  "Configuration file (default: .carcinize.yaml in the scanned root)");
  Cmd->add_option("-o,--output", Scan.Output, "Write the report to FILE (atomically)");
  Cmd->add_flag("-q,--quiet", Scan.Quiet, "No progress line");
  Cmd->add_flag("--no-progress", Scan.NoProgress, "No progress line");
  Cmd->add_option("--resource-dir", Scan.ResourceDir,
                  "Clang resource directory (builtin headers); default: found at build time");
  Cmd->add_option("--query-driver", Scan.QueryDriver,
                  "Glob of compilers from the database that may be run to learn their "
                  "system include folders (default: none is ever run)");
  Cmd->add_option("--exclude", Scan.Exclude, "Glob of paths to leave out (repeatable)");
  Cmd->add_option("--group-by", Scan.GroupBy,
                  "Modules: a source with its header, a folder, or the configuration's modules")
      ->check(CLI::IsMember({"file", "dir", "config"}))
      ->default_val("file");
  Cmd->add_option("--rank-by", Scan.RankBy,
                  "Order: priority (danger / effort) or value (size and danger)")
      ->check(CLI::IsMember({"priority", "value"}))
      ->default_val("priority");
  Cmd->add_flag("--no-history", Scan.NoHistory,
                "Do not read the git history (by default, inside a git work tree, files changed "
                "often and recently and files whose commits fixed memory-safety bugs rank higher)");
  Cmd->add_flag("--history", Scan.History, "Read the git history (the default)");
  Cmd->add_option("--profile", Scan.ProfileFile,
                  "A real profile (folded stacks or callgrind.out.*): hotness comes from it");
  Cmd->add_option("--rule", Scan.OnlyRules,
                  "Rules to run, by id or glob ('mem.*'), comma-separated or repeated; "
                  "'-GLOB' removes (as clang-tidy -checks): '-*,mem.*' runs mem only, "
                  "'--rule=-type.*' all the configuration enables but type")
      ->delimiter(',')
      ->allow_extra_args(false);
  Cmd->add_option("--exclude-rule", Scan.ExcludeRules,
                  "Rule id or glob not to run (repeatable), after --rule and the configuration")
      ->delimiter(',')
      ->allow_extra_args(false);
  if (Shards) {
    Cmd->add_option("--shard", Scan.Shard,
                    "Parse only shard K of N (K/N): a deterministic, size-balanced part of the "
                    "translation units; use with --save-facts");
    Cmd->add_option("--save-facts", Scan.SaveFacts,
                    "Write the facts to FILE (for 'carcinize merge' and --facts) instead of a "
                    "report");
  }
  Cmd->add_option("--facts", Scan.FactsFiles,
                  "Analyse and report from saved facts files (merged) without parsing; the "
                  "path is the scanned root, for source snippets");
  Cmd->add_option("--cache-dir", Scan.CacheDir,
                  "Folder of the incremental cache (default: $XDG_CACHE_HOME/carcinize/<project>)");
  Cmd->add_flag("--no-cache", Scan.NoCache, "Parse every translation unit; read and write no cache");
  Cmd->add_flag("--configure", Scan.Configure,
                "Run the project's own configure step (cmake -S ROOT -B TMP "
                "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or meson setup) into a temporary folder for a "
                "compilation database. It executes the project's build scripts: never a default");
  Cmd->add_flag("--no-config-stand-ins", Scan.NoConfigStandIns,
                "Without a compilation database, do not derive stand-ins for missing generated "
                "headers (config.h from config.h.in...)");
  Cmd->add_flag("-v,--verbose", Scan.Verbose,
                "Say on stderr how many translation units were parsed and reused");
  Cmd->add_option("--tu-timeout", Scan.TuTimeout,
                  "Seconds a translation unit may take to parse and analyse; it is then "
                  "stopped and reported as failed (0: no limit)")
      ->default_val(300);
}

/// The options `check` and `baseline create` add.
void addCheckOptions(CLI::App *Cmd, ScanOptions &O) {
  Cmd->add_option("--root", O.Root,
                  "Folder that reports name files from and that holds .carcinize.yaml "
                  "(default: the current folder, when the paths lie under it)");
}

/// `--min-severity`, for the commands that report findings.
void addMinSeverity(CLI::App *Cmd, ScanOptions &O) {
  Cmd->add_option("--min-severity", O.MinSeverity,
                  "Report only findings of this severity or higher (the ranking still counts "
                  "every finding)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
}

} // namespace

int runCli(int Argc, char **Argv) {
  guardStandardStreams();
  CLI::App App{"carcinize: find the C and C++ modules to rewrite in Rust first, and why."};
  App.set_version_flag("--version", "carcinize " + version());
  App.require_subcommand(1);
  App.footer("Exit codes: 0 success, 1 (check) findings at or above --fail-on, 2 usage or "
             "input error, 3 (check) a file asked about was not analysed.");

  ScanOptions Scan;
  CLI::App *ScanCmd =
      App.add_subcommand("scan", "Parse a codebase, find unsafe code, rank the modules");
  addScanOptions(ScanCmd, Scan);
  addMinSeverity(ScanCmd, Scan);
  // scan reports; it never fails on findings (that is check's --fail-on).
  ScanCmd->footer("Exit codes: 0 the report was written, 2 usage or input error.");
  ScanCmd->add_option("--format", Scan.Format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html", "sarif", "markdown"}))
      ->default_val("text");
  ScanCmd->add_option("--top", Scan.Top, "Rows in the text report's tables")->default_val(10);
  ScanCmd->add_option("--width", Scan.Width,
                      "Columns the text report fits in (0: no limit; default: the terminal's "
                      "width on a terminal, no limit into a file or a pipe)")
      ->check(CLI::NonNegativeNumber);

  ScanOptions Check;
  CLI::App *CheckCmd = App.add_subcommand(
      "check", "Report findings as a linter does, for CI and pre-commit (exit 1 on findings)");
  addScanOptions(CheckCmd, Check);
  addCheckOptions(CheckCmd, Check);
  addMinSeverity(CheckCmd, Check);
  CheckCmd->footer("Exit codes: 0 clean, 1 findings at or above --fail-on remain, 2 usage or "
                   "input error, 3 a file asked about was not analysed (not in the compilation "
                   "database and no flags to interpolate, does not compile, parse crashed or "
                   "timed out: its findings would be missing; wins over 1; "
                   "--allow-unanalysed makes these warnings).");
  CheckCmd->add_flag("--allow-unanalysed", Check.AllowUnanalysed,
                     "Report files that were not analysed as warnings instead of failing with "
                     "exit code 3 (config: check: allow_unanalysed: true)");
  CheckCmd->add_option("--format", Check.Format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "github", "codequality", "markdown"}))
      ->default_val("text");
  CheckCmd->add_option("--fail-on", Check.FailOn,
                       "Exit 1 when a finding at or above this severity remains")
      ->check(CLI::IsMember({"low", "medium", "high", "critical", "none"}))
      ->default_val("high");
  CheckCmd->add_option("--baseline", Check.BaselineFile,
                       "Report only findings that are not in this baseline file");
  CheckCmd->add_option("--diff", Check.DiffRev,
                       "Report only findings on lines added or changed since git revision REV");
  CheckCmd->add_option("--ratchet-top", Check.RatchetTop,
                       "With --baseline: fail when the unsafe debt of a module ranked in the "
                       "baseline's top N grows")
      ->default_val(0);
  CheckCmd->add_option("--color", Check.Color, "Colours in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_val("auto");

  ScanOptions BaselineOpts;
  CLI::App *BaselineCmd = App.add_subcommand("baseline", "Baseline commands");
  BaselineCmd->require_subcommand(1);
  CLI::App *BaselineCreateCmd = BaselineCmd->add_subcommand(
      "create", "Record today's findings (and module ranking) for --baseline and the ratchet");
  addScanOptions(BaselineCreateCmd, BaselineOpts);
  addCheckOptions(BaselineCreateCmd, BaselineOpts);

  std::vector<std::string> MergeInputs;
  std::string MergeOutput;
  CLI::App *MergeCmd =
      App.add_subcommand("merge", "Join facts files saved by sharded scans (--save-facts)");
  MergeCmd->add_option("files", MergeInputs, "Facts files")->required();
  MergeCmd->add_option("-o,--output", MergeOutput, "The merged facts file (atomically)")
      ->required();

  ScanOptions Plan;
  CLI::App *PlanCmd =
      App.add_subcommand("plan", "Write a Markdown pilot brief for rewriting one module");
  PlanCmd->add_option("module", Plan.PlanModule, "The module (as the ranking names it) or one of its files")
      ->required();
  addScanOptions(PlanCmd, Plan, /*Shards=*/false);
  PlanCmd->footer("Exit codes: 0 the brief was written, 2 usage or input error.");

  ScanOptions Pilot;
  CLI::App *PilotCmd = App.add_subcommand(
      "pilot", "Write a pilot kit for one module: its FFI surface, a Rust crate with the same "
               "C ABI, a layout test, an A/B build switch and a differential harness");
  PilotCmd->add_option("module", Pilot.PilotModule,
                       "The module (as the ranking names it) or one of its files")
      ->required();
  addScanOptions(PilotCmd, Pilot, /*Shards=*/false);
  PilotCmd->get_option("-o")->required()->description(
      "The kit's folder: created new (it must not exist, or be empty)");
  PilotCmd->footer("Exit codes: 0 the kit was written, 2 usage or input error.");

  ScanOptions Summary;
  CLI::App *SummaryCmd = App.add_subcommand(
      "summary", "Write a one-page Markdown summary for a lead: what was scanned and seen, the "
                 "three modules to start with and why, effort, the code already in Rust, what "
                 "to measure in the pilot");
  addScanOptions(SummaryCmd, Summary, /*Shards=*/false);
  SummaryCmd->footer("Exit codes: 0 the summary was written, 2 usage or input error.");

  std::string RulesFormat = "text";
  CLI::App *RulesCmd = App.add_subcommand("rules", "Print the rule catalogue");
  RulesCmd->add_option("--format", RulesFormat, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_val("text");
  std::string WriteDocs, DocFixtures = "fixtures/rules";
  RulesCmd->add_option("--write-docs", WriteDocs,
                       "Write docs/rules/<id>.md for every rule into this folder");
  RulesCmd->add_option("--fixtures", DocFixtures,
                       "Folder of rule fixtures the docs take their examples from")
      ->default_val("fixtures/rules");

  std::string ConfigFile;
  std::vector<std::string> ConfigPaths;
  CLI::App *ConfigCmd = App.add_subcommand("config", "Configuration commands");
  ConfigCmd->require_subcommand(1);
  CLI::App *DumpCmd = ConfigCmd->add_subcommand("dump", "Print the effective configuration");
  DumpCmd->add_option("--config", ConfigFile, "Configuration file");
  DumpCmd->add_option("paths", ConfigPaths, "Scanned paths (to find .carcinize.yaml)");

  std::string InitDir = ".";
  bool InitForce = false;
  CLI::App *InitCmd = App.add_subcommand("init", "Write a commented starter .carcinize.yaml");
  InitCmd->add_option("dir", InitDir, "Folder to write it in")->default_val(".");
  InitCmd->add_flag("--force", InitForce, "Overwrite an existing file");

  // CLI11 checks "a subcommand is required" before it rejects an unknown
  // word, so `carcinize scna .` would not name the typo.
  if (Argc > 1 && Argv[1][0] != '-') {
    bool Known = false;
    for (const CLI::App *Sub : App.get_subcommands([](CLI::App *) { return true; }))
      Known = Known || Sub->check_name(Argv[1]);
    if (!Known) {
      std::cerr << "carcinize: error: unknown command '" << Argv[1] << "'\n";
      std::cerr << "Run 'carcinize --help' for usage.\n";
      return ExitUsage;
    }
  }

  try {
    App.parse(Argc, Argv);
  } catch (const CLI::CallForHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForAllHelp &E) {
    return App.exit(E);
  } catch (const CLI::CallForVersion &E) {
    return App.exit(E);
  } catch (const CLI::ParseError &E) {
    std::cerr << "carcinize: error: " << E.what() << "\n";
    std::cerr << "Run 'carcinize --help' for usage.\n";
    return ExitUsage;
  }

  installInterruptHandlers();
  try {
    if (*ScanCmd)
      return runScan(Scan, Argv[0]);
    if (*PlanCmd)
      return runScan(Plan, Argv[0]);
    if (*PilotCmd)
      return runScan(Pilot, Argv[0]);
    if (*SummaryCmd)
      return runSummary(Summary, Argv[0]);
    if (*CheckCmd)
      return runCheck(Check, Argv[0]);
    if (*MergeCmd) {
      std::vector<SavedFacts> Parts;
      for (const auto &F : MergeInputs)
        Parts.push_back(loadFactsFile(F));
      SavedFacts All = mergeFactsFiles(std::move(Parts), MergeInputs);
      writeFileAtomically(MergeOutput,
                          [&](llvm::raw_ostream &OS) { writeFactsFile(OS, All); });
      std::cerr << "carcinize: merged " << MergeInputs.size() << " facts files ("
                << All.Facts.TranslationUnits.size() << " translation units) into "
                << MergeOutput << "\n";
      return ExitClean;
    }
    if (*BaselineCreateCmd)
      return runBaselineCreate(BaselineOpts, Argv[0]);
    if (*DumpCmd) {
      Config C = loadConfig(ConfigFile, ConfigPaths);
      for (const auto &W : validateRuleSettings(C, catalogueView()))
        std::cerr << "carcinize: warning: " << W << "\n";
      emit(dumpConfig(C, catalogueView(), ruleDefaults()), "");
      return ExitClean;
    }
    if (*RulesCmd) {
      if (!WriteDocs.empty()) {
        for (const auto &R : ruleCatalogue()) {
          std::vector<RuleExample> Bad, Good;
          loadRuleExamples(DocFixtures + "/" + R.Id, Bad, Good);
          writeFileAtomically(WriteDocs + "/" + R.Id + ".md", renderRuleDoc(R, Bad, Good));
        }
        writeFileAtomically(WriteDocs + "/README.md", renderRuleCatalogueMarkdown(ruleCatalogue()));
        std::cout << "wrote " << ruleCatalogue().size() << " rule pages to " << WriteDocs << "\n";
        return ExitClean;
      }
      if (RulesFormat == "json")
        emit(renderRuleCatalogueJson(ruleCatalogue(), version()), "");
      else if (RulesFormat == "markdown")
        emit(renderRuleCatalogueMarkdown(ruleCatalogue()), "");
      else
        emit(renderRuleCatalogueText(ruleCatalogue()), "");
      return ExitClean;
    }
    if (*InitCmd) {
      std::string Path = InitDir + "/.carcinize.yaml";
      if (llvm::sys::fs::exists(Path) && !InitForce)
        throw InputError(Path + ": already exists (use --force to overwrite)");
      writeFileAtomically(Path, starterConfig());
      std::cout << "wrote " << Path << "\n";
      return ExitClean;
    }
  } catch (const InputError &E) {
    std::cerr << "carcinize: error: " << E.what() << "\n";
    return ExitUsage;
  } catch (const Interrupted &I) {
    removePendingOutputs();
    std::cerr << "carcinize: interrupted by " << interruptName(I.Signal)
              << "; no report was written\n";
    return 128 + I.Signal;
  }
  return ExitUsage;
}

} // namespace carcinize
