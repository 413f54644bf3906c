#include "config/Config.h"

#include "support/Error.h"
#include "support/Glob.h"

#include <fstream>
#include <sstream>
#include <yaml-cpp/yaml.h>

namespace carcinize {
namespace {

class ConfigParser {
public:
  explicit ConfigParser(std::string Source) : Source(std::move(Source)) {}

  [[noreturn]] void fail(const YAML::Node &N, const std::string &What) const {
    const YAML::Mark M = N.Mark();
    std::string Where = Source;
    if (!M.is_null())
      Where += ":" + std::to_string(M.line + 1) + ":" + std::to_string(M.column + 1);
    throw InputError(Where + ": " + What);
  }

  static ConfigMark mark(const YAML::Node &N) {
    const YAML::Mark M = N.Mark();
    if (M.is_null())
      return {};
    return {static_cast<unsigned>(M.line + 1), static_cast<unsigned>(M.column + 1)};
  }

  std::string scalar(const YAML::Node &N, const std::string &Key) const {
    if (!N.IsScalar())
      fail(N, "'" + Key + "' must be a string");
    return N.Scalar();
  }

  std::vector<std::string> stringList(const YAML::Node &N, const std::string &Key) const {
    std::vector<std::string> Out;
    if (N.IsScalar()) {
      Out.push_back(N.Scalar());
      return Out;
    }
    if (!N.IsSequence())
      fail(N, "'" + Key + "' must be a list of strings");
    for (const auto &E : N) {
      if (!E.IsScalar())
        fail(E, "'" + Key + "' must be a list of strings");
      Out.push_back(E.Scalar());
    }
    return Out;
  }

  bool boolean(const YAML::Node &N, const std::string &Key) const {
    if (N.IsScalar()) {
      const std::string &S = N.Scalar();
      if (S == "true" || S == "yes" || S == "on")
        return true;
      if (S == "false" || S == "no" || S == "off")
        return false;
    }
    fail(N, "'" + Key + "' must be true or false");
  }

  RuleSettings ruleSettings(const YAML::Node &KeyNode, const YAML::Node &N) const {
    RuleSettings S;
    S.Mark = mark(KeyNode);
    if (N.IsScalar()) {
      // Shorthand: `mem.*: off` or `some.rule: high`.
      Severity Sev;
      if (parseSeverity(N.Scalar(), Sev))
        S.SeverityOverride = Sev;
      else
        S.Enabled = boolean(N, KeyNode.Scalar());
      return S;
    }
    if (!N.IsMap())
      fail(N, "rule settings for '" + KeyNode.Scalar() + "' must be a map");
    for (const auto &KV : N) {
      std::string K = scalar(KV.first, "key");
      if (K == "enabled") {
        S.Enabled = boolean(KV.second, K);
      } else if (K == "severity") {
        Severity Sev;
        std::string V = scalar(KV.second, K);
        if (!parseSeverity(V, Sev))
          fail(KV.second, "unknown severity '" + V + "' (low, medium, high, critical)");
        S.SeverityOverride = Sev;
      } else if (K == "options") {
        if (!KV.second.IsMap())
          fail(KV.second, "'options' must be a map");
        for (const auto &O : KV.second) {
          std::string Name = scalar(O.first, "option");
          S.Options[Name] = stringList(O.second, Name);
          S.OptionMarks[Name] = mark(O.first);
        }
      } else {
        fail(KV.first, "unknown key '" + K + "' in rule settings (enabled, severity, options)");
      }
    }
    return S;
  }

  Config parse(const std::string &Text) const {
    YAML::Node Root;
    try {
      Root = YAML::Load(Text);
    } catch (const YAML::ParserException &E) {
      std::string Where = Source;
      if (!E.mark.is_null())
        Where += ":" + std::to_string(E.mark.line + 1) + ":" + std::to_string(E.mark.column + 1);
      throw InputError(Where + ": invalid YAML: " + E.msg);
    }
    Config C;
    C.SourcePath = Source;
    if (Root.IsNull())
      return C;
    if (!Root.IsMap())
      fail(Root, "the configuration must be a map of settings");
    for (const auto &KV : Root) {
      std::string Key = scalar(KV.first, "key");
      if (Key == "exclude") {
        C.Exclude = stringList(KV.second, Key);
      } else if (Key == "rules") {
        if (KV.second.IsNull())
          continue;
        if (!KV.second.IsMap())
          fail(KV.second, "'rules' must be a map from rule id (or glob) to settings");
        for (const auto &R : KV.second) {
          std::string Id = scalar(R.first, "rule id");
          C.Rules.emplace_back(Id, ruleSettings(R.first, R.second));
        }
      } else if (Key == "version") {
        std::string V = scalar(KV.second, Key);
        if (V != "1")
          fail(KV.second, "unsupported configuration version '" + V + "' (expected 1)");
      } else {
        fail(KV.first, "unknown key '" + Key + "' (expected version, exclude, rules)");
      }
    }
    return C;
  }

private:
  std::string Source;
};

std::string yamlQuote(const std::string &S) {
  YAML::Emitter E;
  E << YAML::DoubleQuoted << S;
  return E.c_str();
}

} // namespace

Config parseConfig(const std::string &Text, const std::string &SourceName) {
  return ConfigParser(SourceName).parse(Text);
}

Config loadConfigFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    throw InputError(Path + ": cannot read configuration file");
  std::stringstream SS;
  SS << In.rdbuf();
  if (In.bad())
    throw InputError(Path + ": cannot read configuration file");
  return parseConfig(SS.str(), Path);
}

void validateRuleSettings(const Config &C, const RuleCatalogueView &Catalogue) {
  auto Fail = [&](const RuleSettings &S, const std::string &What) {
    std::string Where = C.SourcePath.empty() ? "configuration" : C.SourcePath;
    if (S.Mark.Line)
      Where += ":" + std::to_string(S.Mark.Line) + ":" + std::to_string(S.Mark.Column);
    throw InputError(Where + ": " + What);
  };
  for (const auto &[Pattern, S] : C.Rules) {
    std::set<std::string> Options;
    bool Any = false;
    for (const auto &[Id, Opts] : Catalogue.Rules)
      if (globMatchPlain(Pattern, Id) || Id.rfind(Pattern + ".", 0) == 0) {
        Any = true;
        Options.insert(Opts.begin(), Opts.end());
      }
    if (!Any)
      Fail(S, "unknown rule id '" + Pattern + "' (see 'carcinize rules')");
    for (const auto &[Name, Values] : S.Options)
      if (!Options.count(Name)) {
        RuleSettings At = S;
        auto M = S.OptionMarks.find(Name);
        if (M != S.OptionMarks.end())
          At.Mark = M->second;
        Fail(At, "unknown option '" + Name + "' for '" + Pattern + "'");
      }
  }
}

RuleSettings effectiveRuleSettings(const Config &C, const std::string &RuleId) {
  RuleSettings Out;
  for (const auto &[Pattern, S] : C.Rules) {
    // A bare category name ("mem") covers the category, like "mem.*".
    if (!globMatchPlain(Pattern, RuleId) && RuleId.rfind(Pattern + ".", 0) != 0)
      continue;
    if (S.Enabled)
      Out.Enabled = S.Enabled;
    if (S.SeverityOverride)
      Out.SeverityOverride = S.SeverityOverride;
    for (const auto &[K, V] : S.Options)
      Out.Options[K] = V;
  }
  return Out;
}

std::string dumpConfig(const Config &C, const RuleCatalogueView &Catalogue,
                       const std::map<std::string, std::pair<bool, Severity>> &RuleDefaults) {
  std::ostringstream OS;
  OS << "# Effective carcinize configuration";
  if (!C.SourcePath.empty())
    OS << " (from " << C.SourcePath << ")";
  OS << "\nversion: 1\n";
  OS << "# Paths left out of the scan (globs relative to the scanned root).\n";
  OS << "# Build and VCS folders are always skipped.\n";
  if (C.Exclude.empty())
    OS << "exclude: []\n";
  else {
    OS << "exclude:\n";
    for (const auto &E : C.Exclude)
      OS << "  - " << yamlQuote(E) << "\n";
  }
  OS << "# Every rule with its effective state and severity.\n";
  OS << "rules:\n";
  if (Catalogue.Rules.empty())
    OS << "  {}\n";
  for (const auto &[Id, Opts] : Catalogue.Rules) {
    RuleSettings S = effectiveRuleSettings(C, Id);
    auto D = RuleDefaults.find(Id);
    bool Enabled = S.Enabled.value_or(D != RuleDefaults.end() ? D->second.first : true);
    Severity Sev = S.SeverityOverride.value_or(
        D != RuleDefaults.end() ? D->second.second : Severity::Medium);
    OS << "  " << Id << ":\n";
    OS << "    enabled: " << (Enabled ? "true" : "false") << "\n";
    OS << "    severity: " << toString(Sev) << "\n";
    if (!Opts.empty()) {
      OS << "    options:\n";
      for (const auto &O : Opts) {
        auto It = S.Options.find(O);
        OS << "      " << O << ": [";
        if (It != S.Options.end())
          for (size_t I = 0; I < It->second.size(); ++I)
            OS << (I ? ", " : "") << yamlQuote(It->second[I]);
        OS << "]\n";
      }
    }
  }
  return OS.str();
}

std::string starterConfig() {
  return R"(# carcinize configuration. Every key is optional; `carcinize config dump`
# prints the effective values with their defaults.
version: 1

# Paths to leave out of the scan, as globs relative to this file's folder.
# A bare name matches a folder or file anywhere (like .gitignore).
# Build and VCS folders (.git, build, cmake-build-*, node_modules) are always skipped.
exclude:
  - third_party/**
  # - "*.pb.c"

# Rules and categories, by id or glob (`carcinize rules` lists them).
# A value of `off`/`on` or a severity is a shorthand.
rules:
  # style.*: off
  # mem.unbounded-string-copy:
  #   severity: critical
  #   options:
  #     copy-functions: [my_strcpy]
)";
}

} // namespace carcinize
