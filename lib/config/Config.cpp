#include "config/Config.h"

#include "support/BoundedInput.h"
#include "support/Error.h"
#include "support/Glob.h"

#include <cstdint>
#include <cstdlib>
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
    return text(N, Key);
  }

  // YAML text is Unicode, but yaml-cpp passes invalid UTF-8 through as
  // bytes; `config dump` would then write U+FFFD in their place and the
  // dumped file would say something else. Found by fuzzing (fuzz_config).
  std::string text(const YAML::Node &N, const std::string &Key) const {
    const std::string &S = N.Scalar();
    if (!validUtf8(S))
      fail(N, "'" + Key + "' is not valid UTF-8");
    return S;
  }

  static bool validUtf8(const std::string &S) {
    for (size_t I = 0; I < S.size();) {
      unsigned char C = static_cast<unsigned char>(S[I]);
      size_t Len = C < 0x80           ? 1
                   : (C >> 5) == 0x06 ? 2
                   : (C >> 4) == 0x0E ? 3
                   : (C >> 3) == 0x1E ? 4
                                      : 0;
      if (!Len || I + Len > S.size())
        return false;
      uint32_t Cp = Len == 1 ? C : C & (0x7F >> Len);
      for (size_t K = 1; K < Len; ++K) {
        unsigned char T = static_cast<unsigned char>(S[I + K]);
        if ((T & 0xC0) != 0x80)
          return false;
        Cp = (Cp << 6) | (T & 0x3F);
      }
      // No overlong forms, surrogates or code points past U+10FFFF.
      static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
      if (Cp < Min[Len] || (Cp >= 0xD800 && Cp <= 0xDFFF) || Cp > 0x10FFFF)
        return false;
      I += Len;
    }
    return true;
  }

  std::vector<std::string> stringList(const YAML::Node &N, const std::string &Key) const {
    std::vector<std::string> Out;
    if (N.IsNull())
      return Out; // `exclude:` with every entry commented out
    if (N.IsScalar()) {
      Out.push_back(text(N, Key));
      return Out;
    }
    if (!N.IsSequence())
      fail(N, "'" + Key + "' must be a list of strings");
    for (const auto &E : N) {
      if (!E.IsScalar())
        fail(E, "'" + Key + "' must be a list of strings");
      Out.push_back(text(E, Key));
    }
    return Out;
  }

  // Globs are matched against every path of the tree: one whose cost has
  // no bound (`*` 20,000 times) is refused where it is written.
  std::vector<std::string> globList(const YAML::Node &N, const std::string &Key) const {
    std::vector<std::string> Out = stringList(N, Key);
    for (size_t I = 0; I < Out.size(); ++I)
      if (std::string Why = globProblem(Out[I]); !Why.empty())
        fail(N.IsSequence() ? N[I] : N, "'" + Key + "': " + Why);
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
    if (N.IsNull())
      return S; // `some.rule:` with every setting commented out
    if (N.IsScalar()) {
      // Shorthand: `mem.*: off` or `some.rule: high`.
      Severity Sev;
      if (parseSeverity(N.Scalar(), Sev)) {
        S.SeverityOverride = Sev;
        return S;
      }
      const std::string &V = N.Scalar();
      if (V == "true" || V == "yes" || V == "on")
        S.Enabled = true;
      else if (V == "false" || V == "no" || V == "off")
        S.Enabled = false;
      else
        fail(N, "'" + KeyNode.Scalar() + "': '" + V +
                    "' is not a rule setting: write off, on, a severity (low, medium, high, "
                    "critical) or a map of enabled, severity and options");
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
        if (KV.second.IsNull())
          continue; // every option commented out
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

  double number(const YAML::Node &N, const std::string &Key) const {
    if (N.IsScalar()) {
      char *End = nullptr;
      double V = std::strtod(N.Scalar().c_str(), &End);
      if (End && *End == '\0' && !N.Scalar().empty() && V >= 0)
        return V;
    }
    fail(N, "'" + Key + "' must be a non-negative number");
  }

  void scoring(const YAML::Node &N, ScoringWeights &W) const {
    if (N.IsNull())
      return;
    if (!N.IsMap())
      fail(N, "'scoring' must be a map of weights");
    std::map<std::string, double *> Fields = {
        {"critical", &W.Critical},       {"high", &W.High},
        {"medium", &W.Medium},           {"low", &W.Low},
        {"risk_scale", &W.RiskScale},    {"effort_scale", &W.EffortScale},
        {"risk", &W.Risk},               {"risk_on_boundary", &W.RiskOnBoundary},
        {"exposure", &W.Exposure},       {"hotness", &W.Hotness},
        {"size", &W.Size},               {"size_scale", &W.SizeScale},
        {"history", &W.History},         {"churn", &W.History}};
    for (const auto &KV : N) {
      std::string K = scalar(KV.first, "key");
      auto It = Fields.find(K);
      if (It == Fields.end())
        fail(KV.first, "unknown weight '" + K + "' in 'scoring'");
      *It->second = number(KV.second, K);
    }
    if (W.RiskScale <= 0 || W.EffortScale <= 0 || W.SizeScale <= 0)
      fail(N, "'risk_scale', 'effort_scale' and 'size_scale' must be greater than 0");
  }

  std::vector<ModuleSpec> modules(const YAML::Node &N) const {
    std::vector<ModuleSpec> Out;
    if (N.IsNull())
      return Out;
    if (!N.IsSequence())
      fail(N, "'modules' must be a list of {name, paths}");
    for (const auto &M : N) {
      if (!M.IsMap())
        fail(M, "a module is a map with 'name' and 'paths'");
      ModuleSpec S;
      for (const auto &KV : M) {
        std::string K = scalar(KV.first, "key");
        if (K == "name")
          S.Name = scalar(KV.second, K);
        else if (K == "paths")
          S.Paths = globList(KV.second, K);
        else
          fail(KV.first, "unknown key '" + K + "' in a module (name, paths)");
      }
      if (S.Name.empty() || S.Paths.empty())
        fail(M, "a module needs a 'name' and at least one glob in 'paths'");
      Out.push_back(std::move(S));
    }
    return Out;
  }

  /// The kind of an input source (`kind:` of a source or a callback source).
  std::string sourceKind(const YAML::Node &Node, const std::string &V) const {
    if (V != "network" && V != "file" && V != "ipc" && V != "env" && V != "custom")
      fail(Node, "unknown source kind '" + V + "' (network, file, ipc, env, custom)");
    return V;
  }

  /// One entry of `boundaries: sources:`: a function name, or a map.
  BoundarySource source(const YAML::Node &S) const {
    BoundarySource Src;
    if (S.IsScalar()) {
      Src.Name = text(S, "sources");
    } else if (S.IsMap()) {
      for (const auto &F : S) {
        std::string FK = scalar(F.first, "key");
        std::string V = scalar(F.second, FK);
        if (FK == "name") {
          Src.Name = V;
        } else if (FK == "kind") {
          Src.Kind = sourceKind(F.second, V);
        } else if (FK == "data") {
          bool Digits = !V.empty() && V.find_first_not_of("0123456789") == std::string::npos;
          if (V != "return" && !Digits)
            fail(F.second, "'data' is an argument index (0-based) or 'return'");
          Src.Data = V;
        } else {
          fail(F.first, "unknown key '" + FK + "' in a source (name, kind, data)");
        }
      }
    } else {
      fail(S, "a source is a function name or a map with 'name'");
    }
    if (Src.Name.empty())
      fail(S, "a source needs a 'name'");
    return Src;
  }

  /// One entry of `boundaries: callbacks:`.
  BoundaryCallback callbackSource(const YAML::Node &S) const {
    if (!S.IsMap())
      fail(S, "a callback source is a map with 'name', 'callback' and 'data'");
    BoundaryCallback Cb;
    bool HasData = false;
    for (const auto &F : S) {
      std::string FK = scalar(F.first, "key");
      std::string V = scalar(F.second, FK);
      if (FK == "name") {
        Cb.Name = V;
      } else if (FK == "kind") {
        Cb.Kind = sourceKind(F.second, V);
      } else if (FK == "callback") {
        Cb.Callback = V;
      } else if (FK == "data") {
        if (V.empty() || V.size() > 3 || V.find_first_not_of("0123456789") != std::string::npos)
          fail(F.second, "'data' is the callback's parameter that receives the data (0-based)");
        Cb.Data = static_cast<unsigned>(std::stoul(V));
        HasData = true;
      } else {
        fail(F.first, "unknown key '" + FK + "' in a callback source (name, kind, callback, data)");
      }
    }
    if (Cb.Name.empty() || Cb.Callback.empty() || !HasData)
      fail(S, "a callback source needs 'name', 'callback' (the callback's type) and 'data'");
    return Cb;
  }

  BoundaryConfig boundaries(const YAML::Node &N) const {
    BoundaryConfig B;
    if (N.IsNull())
      return B;
    if (!N.IsMap())
      fail(N, "'boundaries' must be a map with 'sources', 'entry_points' and 'callbacks'");
    for (const auto &KV : N) {
      std::string K = scalar(KV.first, "key");
      if (KV.second.IsNull() && (K == "entry_points" || K == "sources" || K == "callbacks"))
        continue;
      if (K == "entry_points") {
        B.EntryPoints = stringList(KV.second, K);
      } else if (K == "sources") {
        if (!KV.second.IsSequence())
          fail(KV.second, "'sources' must be a list of function names or maps");
        for (const auto &S : KV.second)
          B.Sources.push_back(source(S));
      } else if (K == "callbacks") {
        if (!KV.second.IsSequence())
          fail(KV.second, "'callbacks' must be a list of maps with 'name', 'callback' and 'data'");
        for (const auto &S : KV.second)
          B.Callbacks.push_back(callbackSource(S));
      } else {
        fail(KV.first, "unknown key '" + K + "' in 'boundaries' (sources, entry_points, callbacks)");
      }
    }
    return B;
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
        C.Exclude = globList(KV.second, Key);
      } else if (Key == "rules") {
        if (KV.second.IsNull())
          continue;
        if (!KV.second.IsMap())
          fail(KV.second, "'rules' must be a map from rule id (or glob) to settings");
        for (const auto &R : KV.second) {
          std::string Id = scalar(R.first, "rule id");
          C.Rules.emplace_back(Id, ruleSettings(R.first, R.second));
        }
      } else if (Key == "modules") {
        C.Modules = modules(KV.second);
      } else if (Key == "ranking") {
        if (KV.second.IsNull())
          continue;
        if (!KV.second.IsMap())
          fail(KV.second, "'ranking' must be a map with 'include' and 'exclude'");
        for (const auto &R : KV.second) {
          std::string K = scalar(R.first, "key");
          if (K == "include")
            C.Ranking.Include = globList(R.second, K);
          else if (K == "exclude")
            C.Ranking.Exclude = globList(R.second, K);
          else
            fail(R.first, "unknown key '" + K + "' in 'ranking' (expected include, exclude)");
        }
      } else if (Key == "scoring") {
        scoring(KV.second, C.Scoring);
      } else if (Key == "boundaries") {
        C.Boundaries = boundaries(KV.second);
      } else if (Key == "check") {
        if (KV.second.IsNull())
          continue;
        if (!KV.second.IsMap())
          fail(KV.second, "'check' must be a map (allow_unanalysed)");
        for (const auto &CK : KV.second) {
          std::string K = scalar(CK.first, "key");
          if (K == "allow_unanalysed")
            C.AllowUnanalysed = boolean(CK.second, K);
          else
            fail(CK.first, "unknown key '" + K + "' in 'check' (allow_unanalysed)");
        }
      } else if (Key == "version") {
        std::string V = scalar(KV.second, Key);
        if (V != "1")
          fail(KV.second, "unsupported configuration version '" + V + "' (expected 1)");
      } else {
        fail(KV.first, "unknown key '" + Key + "' (expected version, exclude, rules, boundaries, modules, ranking, scoring, check)");
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
  auto Buf = readInputFile(Path, "configuration file", input_limits::Config);
  return parseConfig(Buf->getBuffer().str(), Path);
}

std::vector<std::string> validateRuleSettings(const Config &C,
                                              const RuleCatalogueView &Catalogue) {
  std::vector<std::string> Warnings;
  auto Where = [&](const RuleSettings &S) {
    std::string W = C.SourcePath.empty() ? "configuration" : C.SourcePath;
    if (S.Mark.Line)
      W += ":" + std::to_string(S.Mark.Line) + ":" + std::to_string(S.Mark.Column);
    return W;
  };
  auto Fail = [&](const RuleSettings &S, const std::string &What) {
    throw InputError(Where(S) + ": " + What);
  };
  for (const auto &[Pattern, S] : C.Rules) {
    std::set<std::string> Options;
    bool Any = false;
    for (const auto &[Id, Opts] : Catalogue.Rules)
      if (globMatchPlain(Pattern, Id) || Id.rfind(Pattern + ".", 0) == 0) {
        Any = true;
        Options.insert(Opts.begin(), Opts.end());
      }
    // An exact id claims a rule exists: naming none is a typo. A glob selects
    // (as clang-tidy's checks do) and may match nothing in this version.
    bool Glob = Pattern.find_first_of("*?[") != std::string::npos;
    if (!Any && (!Glob || !S.Options.empty()))
      Fail(S, "unknown rule id '" + Pattern + "' (see 'carcinize rules')");
    if (!Any)
      Warnings.push_back(Where(S) + ": '" + Pattern +
                         "' matches no rule (see 'carcinize rules'); it has no effect");
    for (const auto &[Name, Values] : S.Options)
      if (!Options.count(Name)) {
        RuleSettings At = S;
        auto M = S.OptionMarks.find(Name);
        if (M != S.OptionMarks.end())
          At.Mark = M->second;
        Fail(At, "unknown option '" + Name + "' for '" + Pattern + "'");
      }
  }
  return Warnings;
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
  OS << "# Trust boundaries beyond the built-in input sources.\n";
  OS << "boundaries:\n  sources:";
  if (C.Boundaries.Sources.empty())
    OS << " []";
  OS << "\n";
  for (const auto &S : C.Boundaries.Sources)
    OS << "    - {name: " << yamlQuote(S.Name) << ", kind: " << S.Kind << ", data: " << S.Data
       << "}\n";
  OS << "  entry_points: [";
  for (size_t I = 0; I < C.Boundaries.EntryPoints.size(); ++I)
    OS << (I ? ", " : "") << yamlQuote(C.Boundaries.EntryPoints[I]);
  OS << "]\n";
  OS << "  callbacks:";
  if (C.Boundaries.Callbacks.empty())
    OS << " []";
  OS << "\n";
  for (const auto &Cb : C.Boundaries.Callbacks)
    OS << "    - {name: " << yamlQuote(Cb.Name) << ", kind: " << Cb.Kind
       << ", callback: " << yamlQuote(Cb.Callback) << ", data: " << Cb.Data << "}\n";
  OS << "# Modules for --group-by config.\nmodules:";
  if (C.Modules.empty())
    OS << " []";
  OS << "\n";
  for (const auto &M : C.Modules) {
    OS << "  - name: " << yamlQuote(M.Name) << "\n    paths: [";
    for (size_t I = 0; I < M.Paths.size(); ++I)
      OS << (I ? ", " : "") << yamlQuote(M.Paths[I]);
    OS << "]\n";
  }
  OS << "# Files ranked although not the product (vendored, generated, data,\n"
        "# tests, fuzz harnesses, examples, tools), and files left out.\nranking:\n";
  for (const auto *L : {&C.Ranking.Include, &C.Ranking.Exclude}) {
    OS << (L == &C.Ranking.Include ? "  include: [" : "  exclude: [");
    for (size_t I = 0; I < L->size(); ++I)
      OS << (I ? ", " : "") << yamlQuote((*L)[I]);
    OS << "]\n";
  }
  const ScoringWeights &W = C.Scoring;
  OS << "# Ranking weights (docs/scoring.md).\nscoring:\n"
     << "  critical: " << W.Critical << "\n  high: " << W.High << "\n  medium: " << W.Medium
     << "\n  low: " << W.Low << "\n  risk_scale: " << W.RiskScale
     << "\n  effort_scale: " << W.EffortScale << "\n  risk: " << W.Risk
     << "\n  risk_on_boundary: " << W.RiskOnBoundary << "\n  exposure: " << W.Exposure
     << "\n  hotness: " << W.Hotness << "\n  size: " << W.Size
     << "\n  size_scale: " << W.SizeScale << "\n  history: " << W.History << "\n";
  OS << "# check: files asked about that were not analysed fail it (exit 3) unless allowed.\n"
     << "check:\n  allow_unanalysed: " << (C.AllowUnanalysed ? "true" : "false") << "\n";
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

# Trust boundaries: functions through which untrusted data enters, beyond
# the built-in ones (recv, read, fread, getenv, ...), and library APIs that
# receive caller data.
boundaries:
  sources:
    # - {name: my_read_packet, kind: network, data: 1}
  entry_points:
    # - "png_read_*"
  # Library functions that call the program back with input (beside
  # libpcap's, built in): the callback's type as Clang prints it, and the
  # callback's parameter that receives the data.
  callbacks:
    # - {name: uv_read_start, kind: network, data: 2,
    #    callback: 'void (struct uv_stream_s *, long, const struct uv_buf_t *)'}

# Rules and categories, by id or glob (`carcinize rules` lists them).
# A value of off, on or a severity (low, medium, high, critical) is a shorthand.
rules:
  # type.*: off
  # mem.pointer-arithmetic: low
  # mem.unbounded-string-copy:
  #   severity: critical
  #   options:
  #     copy-functions: [my_strcpy]
)";
}

} // namespace carcinize
