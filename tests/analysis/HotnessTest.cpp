// Hotness: the static estimate, and a profile overriding it.
#include "analysis/Hotness.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

FunctionFacts fn(const std::string &Name, unsigned LoopDepth, std::vector<CallSite> Calls = {}) {
  FunctionFacts F;
  F.Usr = Name;
  F.Name = Name;
  F.MaxLoopDepth = LoopDepth;
  F.Callees = std::move(Calls);
  return F;
}

TEST(HotnessTest, StaticEstimateRanksNestedLoopsAndCallsInLoops) {
  ScanFacts F;
  F.Functions.push_back(fn("main", 1, {{"kernel", "kernel", 3, false, 1}, {"init", "init", 2}}));
  F.Functions.push_back(fn("kernel", 3, {{"helper", "helper", 5, false, 3}}));
  F.Functions.push_back(fn("helper", 0));
  F.Functions.push_back(fn("init", 0));
  CallGraph G = CallGraph::build(F);
  auto H = computeHotness(G, nullptr);
  EXPECT_DOUBLE_EQ(H[G.find("kernel")].Score, 1.0);
  EXPECT_GT(H[G.find("helper")].Score, H[G.find("init")].Score);
  EXPECT_GT(H[G.find("kernel")].Score, H[G.find("main")].Score);
  EXPECT_EQ(H[G.find("kernel")].Source, "static");
  EXPECT_EQ(H[G.find("helper")].Detail, "loop depth 0, called from 1 loop, 1 caller");
}

TEST(HotnessTest, ProfileOverridesAndReportsUnmatchedNames) {
  ScanFacts F;
  F.Functions.push_back(fn("main", 0));
  F.Functions.push_back(fn("kernel", 3));
  F.Functions.push_back(fn("cold", 0));
  CallGraph G = CallGraph::build(F);
  Profile P = parseFoldedStacks("main;cold 900\nmain;kernel 100\nmain;memcpy 50\n", "p");
  std::vector<std::string> Unmatched;
  auto H = computeHotness(G, &P, &Unmatched);
  EXPECT_DOUBLE_EQ(H[G.find("cold")].Score, 1.0);
  EXPECT_NEAR(H[G.find("kernel")].Score, 100.0 / 900.0, 1e-9);
  EXPECT_EQ(H[G.find("main")].Score, 0.0);
  EXPECT_EQ(H[G.find("kernel")].Source, "profile");
  EXPECT_EQ(Unmatched, std::vector<std::string>{"memcpy"});
}

} // namespace
