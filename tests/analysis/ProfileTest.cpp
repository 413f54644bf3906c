// Profiles: folded stacks and callgrind, with malformed lines reported by
// line number and never fatal.
#include "analysis/Profile.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(ProfileTest, FoldedStacksSelfAndInclusive) {
  Profile P = parseFoldedStacks("main;parse;field 10\nmain;parse 5\nmain 1\n", "p.folded");
  EXPECT_EQ(P.Format, "folded");
  EXPECT_DOUBLE_EQ(P.Total, 16);
  EXPECT_DOUBLE_EQ(P.Self["field"], 10);
  EXPECT_DOUBLE_EQ(P.Self["parse"], 5);
  EXPECT_DOUBLE_EQ(P.Inclusive["parse"], 15);
  EXPECT_DOUBLE_EQ(P.Inclusive["main"], 16);
  EXPECT_TRUE(P.Warnings.empty());
}

TEST(ProfileTest, FoldedStacksMalformedLinesAreReportedWithTheirLine) {
  Profile P = parseFoldedStacks("main;f 3\nno count here\nmain;g x\n;; 4\nmain;f 2\n", "p.folded");
  EXPECT_DOUBLE_EQ(P.Self["f"], 5);
  ASSERT_EQ(P.Warnings.size(), 3u);
  EXPECT_NE(P.Warnings[0].find("p.folded:2:"), std::string::npos);
  EXPECT_NE(P.Warnings[1].find("p.folded:3:"), std::string::npos);
  EXPECT_NE(P.Warnings[2].find("p.folded:4:"), std::string::npos);
}

TEST(ProfileTest, RecursiveStacksCountOncePerFunctionInclusive) {
  Profile P = parseFoldedStacks("main;walk;walk;walk 7\n", "p");
  EXPECT_DOUBLE_EQ(P.Inclusive["walk"], 7);
  EXPECT_DOUBLE_EQ(P.Self["walk"], 7);
}

TEST(ProfileTest, FrameNamesAreNormalised) {
  EXPECT_EQ(normalizeFrameName("libc.so.6`memcpy"), "memcpy");
  EXPECT_EQ(normalizeFrameName("ns::Parser::parse(char const*, unsigned long)"), "ns::Parser::parse");
  EXPECT_EQ(normalizeFrameName("walk'2"), "walk");
  EXPECT_EQ(normalizeFrameName("do_syscall_64_[k]"), "do_syscall_64");
  EXPECT_EQ(normalizeFrameName("f+0x1c"), "f");
}

TEST(ProfileTest, CallgrindWithNameCompressionAndCalls) {
  const char *Text = R"(# callgrind format
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
summary: 1230

fl=(1) /src/work.c
fn=(1) main
20 10
cfl=(1)
cfn=(2) crunch
calls=1 4
21 1200
fn=(2)
5 1000
6 200
fn=(3) setup
12 20
totals: 1230
)";
  Profile P = parseCallgrind(Text, "callgrind.out.1");
  EXPECT_EQ(P.Format, "callgrind");
  EXPECT_EQ(P.Event, "Ir");
  EXPECT_DOUBLE_EQ(P.Self["main"], 10);
  EXPECT_DOUBLE_EQ(P.Inclusive["main"], 1210);
  EXPECT_DOUBLE_EQ(P.Self["crunch"], 1200);
  EXPECT_DOUBLE_EQ(P.Self["setup"], 20);
  EXPECT_DOUBLE_EQ(P.Total, 1230);
  EXPECT_TRUE(P.Warnings.empty()) << P.Warnings.front();
}

TEST(ProfileTest, CallgrindWithTwoPositionColumnsAndBadLines) {
  const char *Text = "events: Ir Dr\npositions: instr line\nfn=f\n0x10 3 7 1\n0x14 4 x\n"
                     "garbage line\nfn=(9)\n";
  Profile P = parseCallgrind(Text, "cg");
  EXPECT_DOUBLE_EQ(P.Self["f"], 7);
  ASSERT_EQ(P.Warnings.size(), 3u);
  EXPECT_NE(P.Warnings[0].find("cg:5:"), std::string::npos);
  EXPECT_NE(P.Warnings[1].find("cg:6:"), std::string::npos);
  EXPECT_NE(P.Warnings[2].find("cg:7:"), std::string::npos);
}

// Regressions found by fuzz_folded_stacks and fuzz_callgrind
// (docs/reliability.md): strtod reads "inf" and "1e999" as infinity, and an
// infinite cost (read, or summed) made every hotness score NaN. Such lines
// are now skipped with a warning, like any other malformed line.
TEST(ProfileTest, InfiniteOrOverflowingCountsAreSkipped) {
  Profile P = parseFoldedStacks("main;f 3\nmain;g inf\nmain;g .2e522\nmain;h nan\n"
                                "main;big 1e308\nmain;big 1e308\n",
                                "p.folded");
  EXPECT_DOUBLE_EQ(P.Total, 3 + 1e308);
  EXPECT_DOUBLE_EQ(P.Self["big"], 1e308);
  EXPECT_EQ(P.Self.count("g"), 0u);
  ASSERT_EQ(P.Warnings.size(), 4u);
  EXPECT_NE(P.Warnings[0].find("p.folded:2:"), std::string::npos);
  EXPECT_NE(P.Warnings[3].find("p.folded:6: count overflows"), std::string::npos)
      << P.Warnings[3];

  Profile C = parseCallgrind("events: Ir\nfn=f\n1 021e1200\n2 5\n3 1e308\n4 1e308\n"
                             "cfn=g\ncalls=1 9\n5 1e308\n",
                             "cg");
  EXPECT_DOUBLE_EQ(C.Total, 5 + 1e308);
  EXPECT_DOUBLE_EQ(C.Self["f"], 5 + 1e308);
  EXPECT_DOUBLE_EQ(C.Inclusive["f"], 5 + 1e308);
  ASSERT_EQ(C.Warnings.size(), 3u);
  EXPECT_NE(C.Warnings[0].find("cg:3: cost '021e1200' is not a number"), std::string::npos)
      << C.Warnings[0];
  EXPECT_NE(C.Warnings[1].find("cg:6:"), std::string::npos) << C.Warnings[1];
  EXPECT_NE(C.Warnings[2].find("cg:9:"), std::string::npos) << C.Warnings[2];
}

} // namespace
