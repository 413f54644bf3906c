#pragma once
/// \file The typed configuration, loaded from `.carcinize.yaml` (or
/// `--config FILE`). Every field has a documented default; `carcinize config
/// dump` prints the effective values.

#include "facts/Facts.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace carcinize {

/// Where a YAML value was written, for error messages.
struct ConfigMark {
  unsigned Line = 0;   ///< 1-based; 0 when the value is a default
  unsigned Column = 0; ///< 1-based
};

/// Settings for one rule, or for every rule whose id matches a glob
/// (`mem.*` configures the whole `mem` category).
struct RuleSettings {
  std::optional<bool> Enabled;          ///< default: the rule's own default
  std::optional<Severity> SeverityOverride; ///< default: the rule's severity
  /// Per-rule options, each a list of strings (e.g. extra copy functions).
  std::map<std::string, std::vector<std::string>> Options;
  ConfigMark Mark;                      ///< where the entry was written
  std::map<std::string, ConfigMark> OptionMarks;
};

/// A function through which untrusted data enters (`boundaries: sources:`).
struct BoundarySource {
  std::string Name;            ///< function name (qualified or plain)
  std::string Kind = "custom"; ///< network, file, ipc, env or custom
  std::string Data = "return"; ///< the argument index receiving data, or "return"
};

/// A library function that calls a function of the program back with input
/// (`boundaries: callbacks:`, like the built-in pcap_loop).
struct BoundaryCallback {
  std::string Name;            ///< the library function (qualified or plain)
  std::string Kind = "custom"; ///< network, file, ipc, env or custom
  std::string Callback;        ///< the callback's type, as Clang prints it canonically
  unsigned Data = 0;           ///< the callback's parameter receiving the data (0-based)
};

/// Trust boundaries added by the user.
struct BoundaryConfig {
  std::vector<BoundarySource> Sources;
  /// Globs of function names that receive caller data (library APIs).
  std::vector<std::string> EntryPoints;
  std::vector<BoundaryCallback> Callbacks;
};

/// A module named in the configuration (`modules:`), for --group-by config.
struct ModuleSpec {
  std::string Name;
  std::vector<std::string> Paths; ///< globs relative to the scanned root
};

/// Weights of the ranking (`scoring:`); docs/scoring.md explains each.
/// The defaults were chosen on the CVE history of eleven projects
/// (docs/evaluation.md, tests/eval/tune.py).
struct ScoringWeights {
  double Critical = 10, High = 5, Medium = 2, Low = 0.5; ///< per finding severity
  double RiskScale = 25;   ///< severity-weighted findings at which risk reaches 63%
  double EffortScale = 1;  ///< divides the effort estimate's raw sum
  double Risk = 0.15;      ///< weight of risk alone in the danger
  double RiskOnBoundary = 0.5; ///< weight of risk scaled by exposure
  double Exposure = 0.2;   ///< weight of exposure alone
  double Hotness = 0.30;   ///< weight of hotness
  double Size = 1.0;       ///< weight of size alone: value = size * (Size + danger)
  double SizeScale = 3;    ///< medians of module code lines at which size reaches 63%
  /// With the git history: value *= 1 + History * the module's history
  /// score (0..1, rank/History.h); `churn` is its former name.
  double History = 0.5;
};

/// What the ranking leaves out (`ranking:`). By default it leaves out the
/// code that is not the product (vendored, generated, data tables, tests,
/// fuzz harnesses, examples, tools: rank/Product.h) and lists it.
struct RankingConfig {
  /// Globs of files ranked whatever their class ("deps/mylib/**").
  std::vector<std::string> Include;
  /// Globs of files left out of the ranking whatever their class.
  std::vector<std::string> Exclude;
};

/// The whole configuration.
struct Config {
  /// File the configuration came from; empty when only defaults apply.
  std::string SourcePath;
  /// Globs of paths (relative to the scanned root) left out of the scan.
  /// Default: none; build and VCS folders are always skipped.
  std::vector<std::string> Exclude;
  /// Per-rule and per-category settings, keyed by rule id or id glob, in the
  /// order written (later entries win).
  std::vector<std::pair<std::string, RuleSettings>> Rules;
  /// Sources and entry points beyond the built-in ones. Default: none.
  BoundaryConfig Boundaries;
  /// Modules for --group-by config. Default: none.
  std::vector<ModuleSpec> Modules;
  /// Ranking weights. Defaults as in ScoringWeights.
  ScoringWeights Scoring;
  /// Files taken back into, or left out of, the ranking. Default: none.
  RankingConfig Ranking;
  /// `check: allow_unanalysed:` — files asked about that were not analysed
  /// are warnings, not exit code 3. Default: false (check fails closed).
  bool AllowUnanalysed = false;
};

/// Loads \p Path. Throws InputError "file:line:col: message" for invalid
/// YAML, unknown keys and values of the wrong type.
Config loadConfigFile(const std::string &Path);

/// Parses configuration text; \p SourceName names it in errors.
Config parseConfig(const std::string &Text, const std::string &SourceName);

/// What the rule catalogue offers, for validating `rules:` entries.
struct RuleCatalogueView {
  /// Rule id -> the option names it accepts.
  std::map<std::string, std::set<std::string>> Rules;
};

/// Checks every `rules:` key against the catalogue: an id that names no rule
/// or an unknown option is an InputError with the YAML line and column. A
/// glob that matches no rule (`style.*: off`) is accepted, as clang-tidy
/// accepts such checks globs, and returned as a warning "file:line:col: ...".
std::vector<std::string> validateRuleSettings(const Config &C,
                                              const RuleCatalogueView &Catalogue);

/// The effective settings of \p RuleId: the entries matching it, applied in order.
RuleSettings effectiveRuleSettings(const Config &C, const std::string &RuleId);

/// The configuration as YAML, with every default written out and commented.
std::string dumpConfig(const Config &C, const RuleCatalogueView &Catalogue,
                       const std::map<std::string, std::pair<bool, Severity>> &RuleDefaults);

/// A commented starter `.carcinize.yaml`, written by `carcinize init`.
std::string starterConfig();

} // namespace carcinize
