// Inline suppressions, end to end through a rule: same line, line above,
// ranges, file-wide, globs, and the required reason.
#include "RuleTestSupport.h"

#include "suppress/Suppressions.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

const char *Rule = "mem.unbounded-string-copy";

unsigned countSuppressed(const std::vector<Finding> &Fs) {
  unsigned N = 0;
  for (const auto &F : Fs)
    N += F.Suppressed;
  return N;
}

TEST(SuppressionTest, LineAboveAndSameLine) {
  auto Fs = test::runRuleOnCode(Rule, R"(#include <string.h>
void f(char *d, const char *s) {
  // carcinize-ignore(mem.unbounded-string-copy): d is sized by the caller
  strcpy(d, s);
  strcpy(d, s); // carcinize-ignore(mem.*): glob form
  strcpy(d, s);
}
)");
  EXPECT_EQ(test::findingLines(Fs, Rule), std::vector<unsigned>{6});
  EXPECT_EQ(countSuppressed(Fs), 2u);
  for (const auto &F : Fs) {
    if (F.Suppressed && F.Line == 4) {
      EXPECT_EQ(F.SuppressionReason, "d is sized by the caller");
    }
  }
}

TEST(SuppressionTest, RangeAndFile) {
  auto Fs = test::runRuleOnCode(Rule, R"(#include <string.h>
void f(char *d, const char *s) {
  /* carcinize-ignore-begin(mem.unbounded-string-copy): audited block */
  strcpy(d, s);
  strcpy(d, s);
  /* carcinize-ignore-end */
  strcpy(d, s);
}
)");
  EXPECT_EQ(test::findingLines(Fs, Rule), std::vector<unsigned>{7});
  auto Fs2 = test::runRuleOnCode(Rule, R"(// carcinize-ignore-file(mem): generated code
#include <string.h>
void f(char *d, const char *s) { strcpy(d, s); }
)");
  EXPECT_TRUE(test::findingLines(Fs2, Rule).empty());
  EXPECT_EQ(countSuppressed(Fs2), 1u);
}

TEST(SuppressionTest, ReasonIsRequired) {
  auto Fs = test::runRuleOnCode(Rule, R"(#include <string.h>
void f(char *d, const char *s) {
  // carcinize-ignore(mem.unbounded-string-copy)
  strcpy(d, s);
}
)");
  EXPECT_EQ(test::findingLines(Fs, Rule), std::vector<unsigned>{4});
  EXPECT_EQ(countSuppressed(Fs), 0u);
}

TEST(SuppressionTest, OtherRulesAreNotSuppressed) {
  auto Fs = test::runRuleOnCode(Rule, R"(#include <string.h>
void f(char *d, const char *s) {
  strcpy(d, s); // carcinize-ignore(heap.*): wrong rule
}
)");
  EXPECT_EQ(test::findingLines(Fs, Rule), std::vector<unsigned>{3});
}

TEST(SuppressionParserTest, Forms) {
  auto D = parseSuppressionComment("// carcinize-ignore(a.b, c.*): because", 3, 3, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::Line);
  EXPECT_EQ(D->Patterns, (std::vector<std::string>{"a.b", "c.*"}));
  EXPECT_EQ(D->Reason, "because");
  EXPECT_TRUE(D->Error.empty());
  D = parseSuppressionComment("/* carcinize-ignore-begin(x.y): ok */", 1, 1, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::Begin);
  EXPECT_EQ(D->Reason, "ok");
  D = parseSuppressionComment("/* carcinize-ignore-end */", 1, 1, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::End);
  EXPECT_FALSE(parseSuppressionComment("// an ordinary comment", 1, 1, 1));
  D = parseSuppressionComment("// carcinize-ignore(): why", 1, 1, 1);
  ASSERT_TRUE(D);
  EXPECT_FALSE(D->Error.empty());
  D = parseSuppressionComment("// carcinize-ignore(x.y:", 1, 1, 1);
  ASSERT_TRUE(D);
  EXPECT_FALSE(D->Error.empty());
}

TEST(SuppressionTest, ClangTidyNolintForms) {
  auto Fs = test::runRuleOnCode(Rule, R"(#include <string.h>
void f(char *d, const char *s) {
  strcpy(d, s); // NOLINT(carcinize-mem.unbounded-string-copy)
  // NOLINTNEXTLINE(bugprone-*, carcinize-mem.*)
  strcpy(d, s);
  // NOLINTBEGIN(carcinize-mem)
  strcpy(d, s);
  strcpy(d, s);
  // NOLINTEND(carcinize-mem)
  strcpy(d, s);
  // NOLINT(carcinize-mem.*) covers its own line only, as clang-tidy's
  strcpy(d, s);
  strcpy(d, s); // NOLINT
  strcpy(d, s); // NOLINT(*)
  strcpy(d, s); // NOLINT(bugprone-not-null-terminated-result)
  // NOLINTNEXTLINE
  strcpy(d, s);
}
)");
  EXPECT_EQ(test::findingLines(Fs, Rule), (std::vector<unsigned>{10, 12, 13, 14, 15, 17}));
  EXPECT_EQ(countSuppressed(Fs), 4u);
}

TEST(SuppressionTest, MisspeltRuleIdIsReported) {
  std::vector<Finding> Fs(1);
  Fs[0].RuleId = Rule;
  Fs[0].File = "a.c";
  Fs[0].Line = 4;
  std::map<std::string, std::vector<SuppressionDirective>> ByFile;
  for (const char *Text : {"// carcinize-ignore(mem.unbounded-strng-copy, mem.*): why",
                           "// NOLINT(carcinize-memory.*)"})
    ByFile["a.c"].push_back(*parseSuppressionComment(Text, 3, 3, 1));
  std::vector<std::string> Known{Rule, "heap.double-free"};
  applySuppressions(Fs, ByFile, &Known);
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_TRUE(Fs[0].Suppressed); // mem.* still names a rule
  EXPECT_EQ(Fs[1].RuleId, InvalidSuppressionRuleId);
  EXPECT_NE(Fs[1].Message.find("'mem.unbounded-strng-copy'"), std::string::npos);
  EXPECT_NE(Fs[2].Message.find("'memory.*'"), std::string::npos);
}

TEST(SuppressionParserTest, NolintForms) {
  auto D = parseSuppressionComment("// NOLINTNEXTLINE(carcinize-mem.*, cert-err33-c)", 2, 2, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::NextLine);
  EXPECT_EQ(D->Patterns, std::vector<std::string>{"mem.*"});
  D = parseSuppressionComment("/* NOLINTBEGIN(carcinize-heap.*): arena */", 2, 2, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::Begin);
  EXPECT_EQ(D->Reason, "arena");
  D = parseSuppressionComment("// NOLINTEND(carcinize-heap.*)", 2, 2, 1);
  ASSERT_TRUE(D);
  EXPECT_EQ(D->Kind, SuppressionKind::End);
  EXPECT_FALSE(parseSuppressionComment("// NOLINT", 1, 1, 1));
  EXPECT_FALSE(parseSuppressionComment("// NOLINT(*)", 1, 1, 1));
  EXPECT_FALSE(parseSuppressionComment("// NOLINTNEXTLINE(readability-*)", 1, 1, 1));
  EXPECT_FALSE(parseSuppressionComment("// cppcheck-suppress bufferAccessOutOfBounds", 1, 1, 1));
  EXPECT_FALSE(parseSuppressionComment("// nosemgrep: c.lang.strcpy", 1, 1, 1));
  D = parseSuppressionComment("// NOLINT(carcinize-mem.*", 1, 1, 1);
  ASSERT_TRUE(D);
  EXPECT_FALSE(D->Error.empty());
}

} // namespace
