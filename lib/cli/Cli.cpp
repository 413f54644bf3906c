#include "cli/Cli.h"

#include "analysis/ProgramAnalysis.h"
#include "config/Config.h"
#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"
#include "frontend/Scanner.h"
#include "rank/Ranker.h"
#include "report/PlanReport.h"
#include "report/ScanReport.h"
#include "report/RuleCatalogueReport.h"
#include "rules/Catalogue.h"
#include "support/Error.h"
#include "support/OutputFile.h"
#include "support/Paths.h"

#include <CLI/CLI.hpp>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <iostream>
#include <map>

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
  std::vector<std::string> OnlyRules;
  std::string ProfileFile;
  std::string GroupBy = "file";
  std::string RankBy = "priority";
  bool History = false;
  std::string PlanModule; ///< `carcinize plan MODULE`: the module to brief
};

std::string version() { return CARCINIZE_VERSION; }

/// Commits of the last year per file (relative to \p Root), from `git log`.
/// Runs git (the user asked for --history), never a compiler.
std::map<std::string, unsigned> gitCommitsPerFile(const std::string &Root,
                                                  std::vector<std::string> &Notes) {
  std::map<std::string, unsigned> Commits;
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Notes.push_back("--history: git is not installed; churn is 0");
    return Commits;
  }
  llvm::SmallString<128> Out;
  if (llvm::sys::fs::createTemporaryFile("carcinize-git", "txt", Out)) {
    Notes.push_back("--history: cannot create a temporary file; churn is 0");
    return Commits;
  }
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"), llvm::StringRef(Out),
                                                llvm::StringRef("/dev/null")};
  llvm::SmallVector<llvm::StringRef, 12> Args = {
      *Git, "-C", Root, "log", "--since=1.year", "--format=", "--name-only", "--relative", "--", "."};
  int RC = llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects, 120);
  if (RC != 0) {
    Notes.push_back("--history: " + Root + " is not a git repository (or git failed); churn is 0");
  } else if (auto Buf = llvm::MemoryBuffer::getFile(Out)) {
    llvm::SmallVector<llvm::StringRef, 256> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, false);
    for (llvm::StringRef L : Lines)
      ++Commits[L.trim().str()];
  }
  llvm::sys::fs::remove(Out);
  return Commits;
}

/// The configuration for a scan: --config FILE, else .carcinize.yaml in the
/// scanned root, else the defaults.
Config loadConfig(const std::string &Explicit, const std::vector<std::string> &Paths) {
  if (!Explicit.empty())
    return loadConfigFile(Explicit);
  std::vector<std::string> Dirs;
  for (const auto &P : Paths.empty() ? std::vector<std::string>{"."} : Paths) {
    std::string Abs = absolutePath(P);
    Dirs.push_back(llvm::sys::fs::is_directory(Abs) ? Abs : parentDir(Abs));
  }
  std::string Candidate = commonAncestor(Dirs) + "/.carcinize.yaml";
  if (llvm::sys::fs::is_regular_file(Candidate))
    return loadConfigFile(Candidate);
  return Config();
}

void emit(const std::string &Text, const std::string &Output) {
  if (Output.empty() || Output == "-") {
    std::cout << Text;
    std::cout.flush();
    return;
  }
  writeFileAtomically(Output, Text);
}

int runScan(const ScanOptions &O, const char *Argv0) {
  if (O.Jobs < 0)
    throw InputError("-j: the number of jobs must be 0 (one per core) or more");
  Config Cfg = loadConfig(O.ConfigFile, O.Paths);
  validateRuleSettings(Cfg, catalogueView());
  ScanRequest Req;
  Req.Paths = O.Paths;
  Req.CompileDbPath = O.CompileDb;
  Req.Jobs = static_cast<unsigned>(O.Jobs);
  Req.Exclude = Cfg.Exclude;
  Req.Exclude.insert(Req.Exclude.end(), O.Exclude.begin(), O.Exclude.end());
  Req.Progress = !O.Quiet && !O.NoProgress;
  CommandMangler Mangler =
      CommandMangler::detect(findResourceDir(O.ResourceDir, Argv0), O.QueryDriver);
  for (const auto &Id : O.OnlyRules)
    if (!findRule(Id))
      throw InputError("--rule: unknown rule id '" + Id + "' (see 'carcinize rules')");
  ScanPlan Plan = planScan(Req, Mangler);
  if (Plan.Jobs.empty())
    Plan.Notes.push_back("no C or C++ translation units found under the scanned paths");

  TUSettings Settings;
  Settings.MakeAnalyzer = makeRuleAnalyzerFactory(Cfg, O.OnlyRules);
  if (const char *Crash = std::getenv("CARCINIZE_INJECT_CRASH"))
    Settings.InjectCrashSuffix = Crash;
  ScanFacts Facts = runScan(Plan, Req, Settings);
  Facts.Tool.Version = version();

  std::optional<Profile> Prof;
  if (!O.ProfileFile.empty())
    Prof = loadProfile(O.ProfileFile);
  ProgramAnalysis Analysis = analyzeProgram(Facts, Cfg.Boundaries, Prof ? &*Prof : nullptr);

  RankOptions Rank;
  parseGroupBy(O.GroupBy, Rank.Group);
  parseRankBy(O.RankBy, Rank.Order);
  Rank.Modules = Cfg.Modules;
  Rank.Weights = Cfg.Scoring;
  if (Rank.Group == GroupBy::Config && Cfg.Modules.empty())
    throw InputError("--group-by config: the configuration names no 'modules'");
  std::vector<std::string> HistoryNotes;
  if (O.History) {
    Rank.History = true;
    Rank.Commits = gitCommitsPerFile(Plan.Root, HistoryNotes);
  }
  std::vector<ModuleScore> Modules = rankModules(Facts, Analysis, Rank);

  ScanContext Ctx;
  Ctx.Modules = &Modules;
  Ctx.Order = Rank.Order;
  Ctx.RootLabel = O.Paths.size() == 1 ? O.Paths.front() : relativeTo(Plan.Root, absolutePath("."));
  Ctx.Notes = Plan.Notes;
  Ctx.Notes.insert(Ctx.Notes.end(), HistoryNotes.begin(), HistoryNotes.end());
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
  if (!O.PlanModule.empty()) {
    // By module name, or by any of its files.
    const ModuleScore *Found = nullptr;
    for (const auto &M : Modules)
      if (M.Name == O.PlanModule ||
          std::find(M.Files.begin(), M.Files.end(), O.PlanModule) != M.Files.end())
        Found = &M;
    if (!Found) {
      std::string Names;
      for (size_t I = 0; I < Modules.size() && I < 5; ++I)
        Names += (I ? ", " : "") + Modules[I].Name;
      throw InputError("plan: no module '" + O.PlanModule + "' (the top modules are: " + Names +
                       ")");
    }
    emit(renderPlan(*Found, Modules, Facts, Analysis), O.Output);
    return ExitClean;
  }
  if (O.Format == "json")
    emit(renderScanJson(Facts, Ctx, &Analysis), O.Output);
  else
    emit(renderScanText(Facts, Ctx, &Analysis), O.Output);
  return ExitClean;
}

/// The options `scan` and `plan` share.
void addScanOptions(CLI::App *Cmd, ScanOptions &Scan) {
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
  Cmd->add_option("--rank-by", Scan.RankBy, "Order: priority (value / effort) or value")
      ->check(CLI::IsMember({"priority", "value"}))
      ->default_val("priority");
  Cmd->add_flag("--history", Scan.History, "Add churn (recent git commits per file) to the value");
  Cmd->add_option("--profile", Scan.ProfileFile,
                  "A real profile (folded stacks or callgrind.out.*): hotness comes from it");
  Cmd->add_option("--rule", Scan.OnlyRules,
                  "Run only this rule (repeatable; overrides the configuration)");
}

} // namespace

int runCli(int Argc, char **Argv) {
  CLI::App App{"carcinize: find the C and C++ modules to rewrite in Rust first, and why."};
  App.set_version_flag("--version", "carcinize " + version());
  App.require_subcommand(1);
  App.footer("Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.");

  ScanOptions Scan;
  CLI::App *ScanCmd =
      App.add_subcommand("scan", "Parse a codebase, find unsafe code, rank the modules");
  addScanOptions(ScanCmd, Scan);
  ScanCmd->add_option("--format", Scan.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  ScanCmd->add_option("--top", Scan.Top, "Rows in the text report's tables")->default_val(10);

  ScanOptions Plan;
  CLI::App *PlanCmd =
      App.add_subcommand("plan", "Write a Markdown pilot brief for rewriting one module");
  PlanCmd->add_option("module", Plan.PlanModule, "The module (as the ranking names it) or one of its files")
      ->required();
  addScanOptions(PlanCmd, Plan);

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

  try {
    if (*ScanCmd)
      return runScan(Scan, Argv[0]);
    if (*PlanCmd)
      return runScan(Plan, Argv[0]);
    if (*DumpCmd) {
      Config C = loadConfig(ConfigFile, ConfigPaths);
      validateRuleSettings(C, catalogueView());
      std::cout << dumpConfig(C, catalogueView(), ruleDefaults());
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
        std::cout << renderRuleCatalogueJson(ruleCatalogue(), version());
      else if (RulesFormat == "markdown")
        std::cout << renderRuleCatalogueMarkdown(ruleCatalogue());
      else
        std::cout << renderRuleCatalogueText(ruleCatalogue());
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
  }
  return ExitUsage;
}

} // namespace carcinize
