// The call graph joined across TUs by USR; recursion; indirect calls.
#include "analysis/CallGraph.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace carcinize;

namespace {

FunctionFacts fn(const std::string &Usr, const std::string &Name,
                 std::vector<CallSite> Callees = {}) {
  FunctionFacts F;
  F.Usr = Usr;
  F.Name = Name;
  F.File = Name + ".c";
  F.BeginLine = 1;
  F.Callees = std::move(Callees);
  return F;
}

TEST(CallGraphTest, JoinsTranslationUnitsByUsr) {
  // parse() is declared in main.c's TU and defined in parse.c's: one node.
  ScanFacts A, B;
  A.Functions.push_back(fn("c:@F@main", "main", {{"c:@F@parse", "parse", 3}}));
  B.Functions.push_back(fn("c:@F@parse", "parse", {{"c:@F@memcpy", "memcpy", 7}}));
  ScanFacts All;
  All.append(B);
  All.append(A);
  All.normalize();
  CallGraph G = CallGraph::build(All);
  ASSERT_EQ(G.size(), 2u);
  long Main = G.find("c:@F@main"), Parse = G.find("c:@F@parse");
  ASSERT_GE(Main, 0);
  ASSERT_GE(Parse, 0);
  ASSERT_EQ(G.callees(Main).size(), 1u);
  EXPECT_EQ(G.callees(Main)[0].To, static_cast<size_t>(Parse));
  EXPECT_EQ(G.callees(Main)[0].Line, 3u);
  ASSERT_EQ(G.callers(Parse).size(), 1u);
  EXPECT_EQ(G.callers(Parse)[0].To, static_cast<size_t>(Main));
  ASSERT_EQ(G.externalCalls(Parse).size(), 1u);
  EXPECT_EQ(G.externalCalls(Parse)[0]->CalleeName, "memcpy");
  EXPECT_FALSE(G.recursive(Main));
}

TEST(CallGraphTest, DetectsDirectAndMutualRecursion) {
  ScanFacts F;
  F.Functions.push_back(fn("a", "a", {{"b", "b", 1}}));
  F.Functions.push_back(fn("b", "b", {{"a", "a", 2}}));
  F.Functions.push_back(fn("c", "c", {{"c", "c", 3}}));
  F.Functions.push_back(fn("d", "d", {{"a", "a", 4}}));
  CallGraph G = CallGraph::build(F);
  EXPECT_TRUE(G.recursive(G.find("a")));
  EXPECT_TRUE(G.recursive(G.find("b")));
  EXPECT_TRUE(G.recursive(G.find("c")));
  EXPECT_FALSE(G.recursive(G.find("d")));
  EXPECT_EQ(G.component(G.find("a")), G.component(G.find("b")));
  EXPECT_NE(G.component(G.find("a")), G.component(G.find("d")));
}

TEST(CallGraphTest, CountsIndirectAndVirtualCalls) {
  ScanFacts F;
  F.Functions.push_back(fn("x", "x", {{"m", "Base::m", 1, /*Virtual=*/true}}));
  F.Functions.back().IndirectCalls = 2;
  CallGraph G = CallGraph::build(F);
  EXPECT_EQ(G.indirectCalls(0), 3u);
}

TEST(CallGraphTest, FindsByQualifiedAndPlainName) {
  ScanFacts F;
  F.Functions.push_back(fn("u1", "ns::Parser::parse"));
  CallGraph G = CallGraph::build(F);
  EXPECT_EQ(G.findByName("ns::Parser::parse").size(), 1u);
  EXPECT_EQ(G.findByName("parse").size(), 1u);
  EXPECT_TRUE(G.findByName("other").empty());
  EXPECT_EQ(plainName("a::b::c"), "c");
}

TEST(CallGraphTest, DeepChainsDoNotOverflow) {
  ScanFacts F;
  const int N = 200000;
  for (int I = 0; I < N; ++I) {
    std::vector<CallSite> Calls;
    if (I + 1 < N)
      Calls.push_back({"f" + std::to_string(I + 1), "f", 1});
    F.Functions.push_back(fn("f" + std::to_string(I), "f" + std::to_string(I), Calls));
  }
  CallGraph G = CallGraph::build(F);
  EXPECT_EQ(G.size(), static_cast<size_t>(N));
  EXPECT_FALSE(G.recursive(0));
}

TEST(CallGraphTest, ResolvesIndirectCallsToAddressTakenFunctionsOfTheirType) {
  const std::string Cb = "int (void *, const char *, unsigned long)";
  ScanFacts F;
  CallSite Ind;
  Ind.CalleeName = "settings->on_url";
  Ind.Line = 4;
  Ind.Indirect = true;
  Ind.Signature = Cb;
  F.Functions.push_back(fn("exec", "exec", {Ind}));
  F.Functions.back().IndirectCalls = 1;
  F.Functions.push_back(fn("on_url", "on_url"));
  F.Functions.push_back(fn("on_body", "on_body"));
  F.Functions.push_back(fn("on_other", "on_other"));
  F.Functions.push_back(fn("unused", "unused"));
  F.AddressTaken = {{"on_url", "on_url", Cb, "trace.c", 9},
                    {"on_url", "on_url", Cb, "a.c", 3},
                    {"on_body", "on_body", Cb, "trace.c", 10},
                    {"on_other", "on_other", "int (void)", "trace.c", 11},
                    {"c:@F@free", "free", Cb, "x.c", 1}}; // not defined in the tree
  CallGraph G = CallGraph::build(F);
  // The indirect call is no edge and no external call; the pointer is
  // counted once.
  EXPECT_TRUE(G.callees(G.find("exec")).empty());
  EXPECT_TRUE(G.externalCalls(G.find("exec")).empty());
  EXPECT_EQ(G.indirectCalls(G.find("exec")), 1u);
  std::vector<size_t> Want = {static_cast<size_t>(G.find("on_url")),
                              static_cast<size_t>(G.find("on_body"))};
  std::sort(Want.begin(), Want.end());
  EXPECT_EQ(G.indirectTargets(Cb), Want);
  EXPECT_TRUE(G.indirectTargets("void (int)").empty());
  ASSERT_EQ(G.addressTaken(G.find("on_url")).size(), 2u);
  EXPECT_EQ(G.addressTaken(G.find("on_url"))[0]->File, "a.c"); // sorted by file
  EXPECT_TRUE(G.addressTaken(G.find("unused")).empty());
}

} // namespace
