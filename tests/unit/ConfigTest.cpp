#include "config/Config.h"

#include "support/Error.h"

#include "TempDir.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

std::string parseError(const std::string &Text, const std::string &Name = "cfg.yaml") {
  try {
    parseConfig(Text, Name);
  } catch (const InputError &E) {
    return E.what();
  }
  ADD_FAILURE() << "no InputError for:\n" << Text;
  return {};
}

std::string validateError(const Config &C, const RuleCatalogueView &Cat) {
  try {
    validateRuleSettings(C, Cat);
  } catch (const InputError &E) {
    return E.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

RuleCatalogueView catalogue() {
  RuleCatalogueView V;
  V.Rules["mem.unbounded-string-copy"] = {"copy-functions"};
  V.Rules["mem.format-string"] = {};
  V.Rules["heap.double-free"] = {"free-functions", "alloc-functions"};
  V.Rules["type.narrowing"] = {};
  return V;
}

} // namespace

TEST(ConfigTest, ParsesValidConfig) {
  Config C = parseConfig(R"(version: 1
exclude:
  - third_party/**
  - "*.pb.c"
rules:
  mem.*: off
  heap.double-free:
    enabled: true
    severity: critical
    options:
      free-functions: [my_free, xfree]
      alloc-functions: my_alloc
  x.y: high
  type: on
)",
                         "proj/.carcinize.yaml");
  EXPECT_EQ(C.SourcePath, "proj/.carcinize.yaml");
  EXPECT_EQ(C.Exclude, (std::vector<std::string>{"third_party/**", "*.pb.c"}));
  ASSERT_EQ(C.Rules.size(), 4u);

  EXPECT_EQ(C.Rules[0].first, "mem.*");
  EXPECT_EQ(C.Rules[0].second.Enabled, std::optional<bool>(false));
  EXPECT_FALSE(C.Rules[0].second.SeverityOverride.has_value());
  EXPECT_EQ(C.Rules[0].second.Mark.Line, 6u);
  EXPECT_EQ(C.Rules[0].second.Mark.Column, 3u);

  const RuleSettings &H = C.Rules[1].second;
  EXPECT_EQ(C.Rules[1].first, "heap.double-free");
  EXPECT_EQ(H.Enabled, std::optional<bool>(true));
  EXPECT_EQ(H.SeverityOverride, std::optional<Severity>(Severity::Critical));
  ASSERT_EQ(H.Options.size(), 2u);
  EXPECT_EQ(H.Options.at("free-functions"), (std::vector<std::string>{"my_free", "xfree"}));
  EXPECT_EQ(H.Options.at("alloc-functions"), (std::vector<std::string>{"my_alloc"}));
  EXPECT_EQ(H.Mark.Line, 7u);
  EXPECT_EQ(H.OptionMarks.at("free-functions").Line, 11u);
  EXPECT_EQ(H.OptionMarks.at("free-functions").Column, 7u);

  EXPECT_EQ(C.Rules[2].first, "x.y");
  EXPECT_FALSE(C.Rules[2].second.Enabled.has_value());
  EXPECT_EQ(C.Rules[2].second.SeverityOverride, std::optional<Severity>(Severity::High));

  EXPECT_EQ(C.Rules[3].first, "type");
  EXPECT_EQ(C.Rules[3].second.Enabled, std::optional<bool>(true));
}

TEST(ConfigTest, EmptyTextGivesDefaults) {
  Config C = parseConfig("", "empty.yaml");
  EXPECT_EQ(C.SourcePath, "empty.yaml");
  EXPECT_TRUE(C.Exclude.empty());
  EXPECT_TRUE(C.Rules.empty());
  Config D = parseConfig("# only a comment\nrules:\n", "c.yaml");
  EXPECT_TRUE(D.Rules.empty());
}

TEST(ConfigTest, InvalidYamlNamesLineAndColumn) {
  std::string Msg = parseError("exclude:\n  - a\n  b: [\n", "bad.yaml");
  EXPECT_EQ(Msg.rfind("bad.yaml:3:", 0), 0u) << Msg;
  EXPECT_NE(Msg.find("invalid YAML"), std::string::npos) << Msg;
  Msg = parseError("rules: {a: 1\n", "unclosed.yaml");
  EXPECT_NE(Msg.find("unclosed.yaml:"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("invalid YAML"), std::string::npos) << Msg;
}

// Known bug (see the report): a list or map whose entries are all commented
// out is YAML null. `rules:` accepts that, but `exclude:`, `options:` and a
// rule id with no settings are errors, reported at the *next* key's line.
TEST(ConfigTest, EmptyValuesAreEmptyListsAndMaps) {
  Config C = parseConfig(R"(exclude:
  # - third_party/**
rules:
  mem.unbounded-string-copy:
    options:
      # copy-functions: [my_strcpy]
  heap.double-free:
    # severity: critical
)",
                         "c.yaml");
  EXPECT_TRUE(C.Exclude.empty());
  ASSERT_EQ(C.Rules.size(), 2u);
  EXPECT_TRUE(C.Rules[0].second.Options.empty());
  EXPECT_FALSE(C.Rules[1].second.Enabled.has_value());
  EXPECT_FALSE(C.Rules[1].second.SeverityOverride.has_value());
}

TEST(ConfigTest, UnknownTopLevelKey) {
  std::string Msg = parseError("version: 1\nexlude: [a]\n");
  EXPECT_EQ(Msg.rfind("cfg.yaml:2:1: unknown key 'exlude' (expected version, exclude, rules", 0),
            0u)
      << Msg;
}

TEST(ConfigTest, WrongTypes) {
  EXPECT_EQ(parseError("exclude:\n  a: 3\n"), "cfg.yaml:2:3: 'exclude' must be a list of strings");
  EXPECT_EQ(parseError("exclude: [a, [b]]\n"),
            "cfg.yaml:1:14: 'exclude' must be a list of strings");
  EXPECT_EQ(parseError("rules:\n  heap.double-free:\n    severity: bogus\n"),
            "cfg.yaml:3:15: unknown severity 'bogus' (low, medium, high, critical)");
  EXPECT_EQ(parseError("rules:\n  heap.double-free:\n    enabled: maybe\n"),
            "cfg.yaml:3:14: 'enabled' must be true or false");
  // The shorthand's message lists what it accepts (a typo of 'off').
  EXPECT_EQ(parseError("rules:\n  mem.pointer-arithmetic: of\n"),
            "cfg.yaml:2:27: 'mem.pointer-arithmetic': 'of' is not a rule setting: write off, "
            "on, a severity (low, medium, high, critical) or a map of enabled, severity and "
            "options");
  EXPECT_EQ(parseError("rules: [a, b]\n"),
            "cfg.yaml:1:8: 'rules' must be a map from rule id (or glob) to settings");
  EXPECT_EQ(parseError("rules:\n  a.b:\n    colour: red\n"),
            "cfg.yaml:3:5: unknown key 'colour' in rule settings (enabled, severity, options)");
  EXPECT_EQ(parseError("rules:\n  a.b:\n    options: [x]\n"), "cfg.yaml:3:14: 'options' must be a map");
  EXPECT_EQ(parseError("version: 2\n"),
            "cfg.yaml:1:10: unsupported configuration version '2' (expected 1)");
  EXPECT_EQ(parseError("- a\n- b\n"), "cfg.yaml:1:1: the configuration must be a map of settings");
}

// Regression found by fuzz_config (docs/reliability.md): yaml-cpp passes
// invalid UTF-8 through, and `config dump` then wrote U+FFFD in its place,
// so the dumped configuration said something else. Such strings are errors.
TEST(ConfigTest, StringsMustBeValidUtf8) {
  EXPECT_EQ(parseError("exclude:\n  - \"gen/\x9a\x8c\"\n"),
            "cfg.yaml:2:5: 'exclude' is not valid UTF-8");
  EXPECT_EQ(parseError("modules:\n  - name: m\xc3\n    paths: [a]\n"),
            "cfg.yaml:2:11: 'name' is not valid UTF-8");
  EXPECT_EQ(parseError("boundaries:\n  sources: [\"\xed\xa0\x80\"]\n"), // a surrogate
            "cfg.yaml:2:13: 'sources' is not valid UTF-8");
  EXPECT_EQ(parseError("exclude: \xc0\xaf\n"), // an overlong '/'
            "cfg.yaml:1:10: 'exclude' is not valid UTF-8");
  Config C = parseConfig("exclude: [\"caf\xc3\xa9/**\", \"\xf0\x9f\xa6\x80\"]\n", "u.yaml");
  EXPECT_EQ(C.Exclude, (std::vector<std::string>{"caf\xc3\xa9/**", "\xf0\x9f\xa6\x80"}));
  RuleCatalogueView Empty;
  Config Back = parseConfig(dumpConfig(C, Empty, {}), "dump.yaml");
  EXPECT_EQ(Back.Exclude, C.Exclude);
}

TEST(ConfigTest, LoadConfigFileReadsAndNamesTheFile) {
  test::TempDir T;
  std::string P = T.write(".carcinize.yaml", "exclude: [gen]\nbogus: 1\n");
  try {
    loadConfigFile(P);
    FAIL() << "expected InputError";
  } catch (const InputError &E) {
    std::string Msg = E.what();
    EXPECT_EQ(Msg.rfind(P + ":2:1: unknown key 'bogus' (expected version, exclude, rules", 0), 0u)
        << Msg;
  }
  T.write("ok.yaml", "exclude: [gen]\n");
  Config C = loadConfigFile(T / "ok.yaml");
  EXPECT_EQ(C.SourcePath, T / "ok.yaml");
  EXPECT_EQ(C.Exclude, std::vector<std::string>{"gen"});
  EXPECT_THROW(loadConfigFile(T / "missing.yaml"), InputError);
}

TEST(ConfigTest, ValidateRejectsUnknownRuleIdWithPosition) {
  Config C = parseConfig("rules:\n  mem.*: off\n  mem.nonexistent: high\n", "v.yaml");
  EXPECT_EQ(validateError(C, catalogue()),
            "v.yaml:3:3: unknown rule id 'mem.nonexistent' (see 'carcinize rules')");
  // A glob that matches nothing is a warning; with options it is an error
  // (they cannot be checked against any rule).
  Config G = parseConfig("rules:\n  net.*: off\n", "v.yaml");
  EXPECT_EQ(validateRuleSettings(G, catalogue()),
            std::vector<std::string>{
                "v.yaml:2:3: 'net.*' matches no rule (see 'carcinize rules'); it has no effect"});
  Config O = parseConfig("rules:\n  net.*:\n    options:\n      x: [y]\n", "v.yaml");
  EXPECT_EQ(validateError(O, catalogue()),
            "v.yaml:2:3: unknown rule id 'net.*' (see 'carcinize rules')");
  // A category prefix is not a rule id by itself: "me" does not cover "mem".
  Config P = parseConfig("rules:\n  me: off\n", "v.yaml");
  EXPECT_EQ(validateError(P, catalogue()), "v.yaml:2:3: unknown rule id 'me' (see 'carcinize rules')");
}

TEST(ConfigTest, ValidateRejectsUnknownOptionWithItsPosition) {
  Config C = parseConfig(R"(rules:
  heap.double-free:
    options:
      free-functions: [f]
      copy-functions: [g]
)",
                         "v.yaml");
  EXPECT_EQ(validateError(C, catalogue()),
            "v.yaml:5:7: unknown option 'copy-functions' for 'heap.double-free'");
  // Through a glob, the options of every matched rule are accepted.
  Config G = parseConfig(R"(rules:
  "*":
    options:
      copy-functions: [g]
      alloc-functions: [h]
)",
                         "v.yaml");
  EXPECT_NO_THROW(validateRuleSettings(G, catalogue()));
}

TEST(ConfigTest, ValidateAcceptsIdsGlobsAndCategories) {
  Config C = parseConfig(R"(rules:
  mem.*: off
  mem: on
  heap.double-free: high
  "*.narrowing": low
  type:
    severity: medium
  mem.unbounded-string-copy:
    options:
      copy-functions: my_strcpy
)",
                         "v.yaml");
  EXPECT_NO_THROW(validateRuleSettings(C, catalogue()));
  EXPECT_NO_THROW(validateRuleSettings(Config{}, catalogue()));
}

TEST(ConfigTest, ValidateWithoutSourceNamesConfiguration) {
  Config C;
  RuleSettings S;
  C.Rules.emplace_back("nope", S);
  EXPECT_EQ(validateError(C, catalogue()),
            "configuration: unknown rule id 'nope' (see 'carcinize rules')");
}

TEST(ConfigTest, EffectiveSettingsApplyEntriesInOrder) {
  Config C = parseConfig(R"(rules:
  mem.*: off
  mem.unbounded-string-copy:
    enabled: true
    options:
      copy-functions: [a]
  mem: high
  "*":
    options:
      copy-functions: [b, c]
  heap.*: off
  heap.double-free: on
)",
                         "e.yaml");
  RuleSettings Copy = effectiveRuleSettings(C, "mem.unbounded-string-copy");
  EXPECT_EQ(Copy.Enabled, std::optional<bool>(true));
  EXPECT_EQ(Copy.SeverityOverride, std::optional<Severity>(Severity::High));
  EXPECT_EQ(Copy.Options.at("copy-functions"), (std::vector<std::string>{"b", "c"}));

  RuleSettings Fmt = effectiveRuleSettings(C, "mem.format-string");
  EXPECT_EQ(Fmt.Enabled, std::optional<bool>(false));
  EXPECT_EQ(Fmt.SeverityOverride, std::optional<Severity>(Severity::High));

  RuleSettings Heap = effectiveRuleSettings(C, "heap.double-free");
  EXPECT_EQ(Heap.Enabled, std::optional<bool>(true));
  EXPECT_FALSE(Heap.SeverityOverride.has_value());

  RuleSettings Type = effectiveRuleSettings(C, "type.narrowing");
  EXPECT_FALSE(Type.Enabled.has_value());
  EXPECT_FALSE(Type.SeverityOverride.has_value());
  EXPECT_EQ(Type.Options.at("copy-functions"), (std::vector<std::string>{"b", "c"}));

  RuleSettings None = effectiveRuleSettings(Config{}, "mem.format-string");
  EXPECT_FALSE(None.Enabled.has_value());
  EXPECT_TRUE(None.Options.empty());
}

TEST(ConfigTest, StarterConfigParsesAndValidates) {
  Config C = parseConfig(starterConfig(), ".carcinize.yaml");
  EXPECT_EQ(C.Exclude, std::vector<std::string>{"third_party/**"});
  EXPECT_TRUE(C.Rules.empty());
  EXPECT_NO_THROW(validateRuleSettings(C, catalogue()));
}

TEST(ConfigTest, DumpConfigRoundTrips) {
  Config C = parseConfig("exclude: [gen, \"*.pb.c\"]\nrules:\n  mem.*: off\n  heap: critical\n",
                         "d.yaml");
  std::map<std::string, std::pair<bool, Severity>> Defaults = {
      {"mem.unbounded-string-copy", {true, Severity::High}},
      {"heap.double-free", {true, Severity::High}},
      {"type.narrowing", {false, Severity::Low}}};
  std::string Dump = dumpConfig(C, catalogue(), Defaults);
  Config Back = parseConfig(Dump, "dump.yaml");
  EXPECT_EQ(Back.Exclude, C.Exclude);
  RuleSettings Copy = effectiveRuleSettings(Back, "mem.unbounded-string-copy");
  EXPECT_EQ(Copy.Enabled, std::optional<bool>(false));
  EXPECT_EQ(Copy.SeverityOverride, std::optional<Severity>(Severity::High));
  RuleSettings Heap = effectiveRuleSettings(Back, "heap.double-free");
  EXPECT_EQ(Heap.Enabled, std::optional<bool>(true));
  EXPECT_EQ(Heap.SeverityOverride, std::optional<Severity>(Severity::Critical));
  RuleSettings Type = effectiveRuleSettings(Back, "type.narrowing");
  EXPECT_EQ(Type.Enabled, std::optional<bool>(false));
  EXPECT_EQ(Type.SeverityOverride, std::optional<Severity>(Severity::Low));
  EXPECT_NO_THROW(validateRuleSettings(Back, catalogue()));
}

// Library callback sources: parsed, validated with the entry's position,
// and written back by `config dump`.
TEST(ConfigTest, CallbackSources) {
  Config C = parseConfig(
      "boundaries:\n  callbacks:\n"
      "    - {name: uv_read_start, kind: network, data: 2,\n"
      "       callback: \"void (struct uv_stream_s *, long, const struct uv_buf_t *)\"}\n"
      "    - {name: on_line, callback: \"void (char *)\", data: 0}\n",
      "cb.yaml");
  ASSERT_EQ(C.Boundaries.Callbacks.size(), 2u);
  EXPECT_EQ(C.Boundaries.Callbacks[0].Name, "uv_read_start");
  EXPECT_EQ(C.Boundaries.Callbacks[0].Kind, "network");
  EXPECT_EQ(C.Boundaries.Callbacks[0].Callback,
            "void (struct uv_stream_s *, long, const struct uv_buf_t *)");
  EXPECT_EQ(C.Boundaries.Callbacks[0].Data, 2u);
  EXPECT_EQ(C.Boundaries.Callbacks[1].Kind, "custom");
  EXPECT_EQ(C.Boundaries.Callbacks[1].Data, 0u);

  Config Back = parseConfig(dumpConfig(C, catalogue(), {}), "dump.yaml");
  ASSERT_EQ(Back.Boundaries.Callbacks.size(), 2u);
  for (size_t I = 0; I < 2; ++I) {
    EXPECT_EQ(Back.Boundaries.Callbacks[I].Name, C.Boundaries.Callbacks[I].Name);
    EXPECT_EQ(Back.Boundaries.Callbacks[I].Kind, C.Boundaries.Callbacks[I].Kind);
    EXPECT_EQ(Back.Boundaries.Callbacks[I].Callback, C.Boundaries.Callbacks[I].Callback);
    EXPECT_EQ(Back.Boundaries.Callbacks[I].Data, C.Boundaries.Callbacks[I].Data);
  }
  EXPECT_TRUE(parseConfig("boundaries:\n  callbacks:\n", "e.yaml").Boundaries.Callbacks.empty());

  EXPECT_EQ(parseError("boundaries:\n  callbacks: uv_read_start\n"),
            "cfg.yaml:2:14: 'callbacks' must be a list of maps with 'name', 'callback' and 'data'");
  EXPECT_EQ(parseError("boundaries:\n  callbacks: [uv_read_start]\n"),
            "cfg.yaml:2:15: a callback source is a map with 'name', 'callback' and 'data'");
  EXPECT_EQ(parseError("boundaries:\n  callbacks:\n    - {name: f, data: 1}\n"),
            "cfg.yaml:3:7: a callback source needs 'name', 'callback' (the callback's type) and "
            "'data'");
  EXPECT_EQ(parseError("boundaries:\n  callbacks:\n    - {name: f, callback: \"void (int)\", data: x}\n"),
            "cfg.yaml:3:47: 'data' is the callback's parameter that receives the data (0-based)");
  EXPECT_EQ(parseError("boundaries:\n  callbacks:\n    - {name: f, callback: \"void (int)\", data: 0, "
                       "kind: radio}\n"),
            "cfg.yaml:3:56: unknown source kind 'radio' (network, file, ipc, env, custom)");
  EXPECT_EQ(parseError("boundaries:\n  callbacks:\n    - {name: f, callback: \"void (int)\", data: 0, "
                       "colour: red}\n"),
            "cfg.yaml:3:50: unknown key 'colour' in a callback source (name, kind, callback, data)");
  EXPECT_EQ(parseError("boundaries:\n  sinks: []\n"),
            "cfg.yaml:2:3: unknown key 'sinks' in 'boundaries' (sources, entry_points, callbacks)");
}

TEST(ConfigTest, ScoringWeights) {
  Config D = parseConfig("", "d.yaml");
  EXPECT_EQ(D.Scoring.Size, 1.0);
  EXPECT_EQ(D.Scoring.SizeScale, 3.0);
  Config C = parseConfig("scoring:\n  size: 0.5\n  size_scale: 2\n  hotness: 0.2\n", "s.yaml");
  EXPECT_EQ(C.Scoring.Size, 0.5);
  EXPECT_EQ(C.Scoring.SizeScale, 2.0);
  EXPECT_EQ(C.Scoring.Hotness, 0.2);
  EXPECT_EQ(C.Scoring.Risk, D.Scoring.Risk);
  EXPECT_EQ(parseError("scoring:\n  size_scale: 0\n"),
            "cfg.yaml:2:3: 'risk_scale', 'effort_scale' and 'size_scale' must be greater than 0");
  EXPECT_EQ(parseError("scoring:\n  size: -1\n"), "cfg.yaml:2:9: 'size' must be a non-negative number");
  EXPECT_EQ(parseError("scoring:\n  sizes: 1\n"), "cfg.yaml:2:3: unknown weight 'sizes' in 'scoring'");
  Config Back = parseConfig(dumpConfig(C, catalogue(), {}), "dump.yaml");
  EXPECT_EQ(Back.Scoring.Size, 0.5);
  EXPECT_EQ(Back.Scoring.SizeScale, 2.0);
  EXPECT_EQ(Back.Scoring.Hotness, 0.2);
}
