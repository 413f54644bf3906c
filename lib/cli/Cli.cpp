#include "cli/Cli.h"

#include "config/Config.h"
#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"
#include "frontend/Scanner.h"
#include "report/ScanReport.h"
#include "report/RuleCatalogueReport.h"
#include "rules/Catalogue.h"
#include "support/Error.h"
#include "support/OutputFile.h"
#include "support/Paths.h"

#include <CLI/CLI.hpp>
#include <llvm/Support/FileSystem.h>

#include <cstdlib>
#include <iostream>

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
};

std::string version() { return CARCINIZE_VERSION; }

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

  ScanContext Ctx;
  Ctx.RootLabel = O.Paths.size() == 1 ? O.Paths.front() : relativeTo(Plan.Root, absolutePath("."));
  Ctx.Notes = Plan.Notes;
  Ctx.Warnings = Plan.Warnings;
  Ctx.Top = O.Top;
  if (O.Format == "json")
    emit(renderScanJson(Facts, Ctx), O.Output);
  else
    emit(renderScanText(Facts, Ctx), O.Output);
  return ExitClean;
}

} // namespace

int runCli(int Argc, char **Argv) {
  CLI::App App{"carcinize: find the C and C++ modules to rewrite in Rust first, and why."};
  App.set_version_flag("--version", "carcinize " + version());
  App.require_subcommand(1);
  App.footer("Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.");

  ScanOptions Scan;
  CLI::App *ScanCmd = App.add_subcommand("scan", "Parse a codebase and report its facts");
  ScanCmd->add_option("paths", Scan.Paths, "Files or folders to scan (default: .)");
  ScanCmd->add_option("-p,--compile-commands", Scan.CompileDb,
                      "Folder holding compile_commands.json (or the file itself); "
                      "default: searched from the scanned path upwards, also in build/");
  ScanCmd->add_option("-j,--jobs", Scan.Jobs, "Translation units parsed in parallel (0: one per core)")
      ->default_val(0);
  ScanCmd->add_option("--config", Scan.ConfigFile,
                      "Configuration file (default: .carcinize.yaml in the scanned root)");
  ScanCmd->add_option("--format", Scan.Format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
  ScanCmd->add_option("-o,--output", Scan.Output, "Write the report to FILE (atomically)");
  ScanCmd->add_flag("-q,--quiet", Scan.Quiet, "No progress line");
  ScanCmd->add_flag("--no-progress", Scan.NoProgress, "No progress line");
  ScanCmd->add_option("--resource-dir", Scan.ResourceDir,
                      "Clang resource directory (builtin headers); default: found at build time");
  ScanCmd->add_option("--query-driver", Scan.QueryDriver,
                      "Glob of compilers from the database that may be run to learn their "
                      "system include folders (default: none is ever run)");
  ScanCmd->add_option("--exclude", Scan.Exclude, "Glob of paths to leave out (repeatable)");
  ScanCmd->add_option("--top", Scan.Top, "Rows in the text report's tables")->default_val(10);
  ScanCmd->add_option("--rule", Scan.OnlyRules,
                      "Run only this rule (repeatable; overrides the configuration)");

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
