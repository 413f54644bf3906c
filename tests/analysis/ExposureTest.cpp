// Exposure: sources, entry points, propagation with decay, evidence.
#include "analysis/Exposure.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

FunctionFacts fn(const std::string &Name, std::vector<CallSite> Callees, std::string Kinds = "p",
                 bool External = false) {
  FunctionFacts F;
  F.Usr = "c:@F@" + Name;
  F.Name = Name;
  F.File = "a.c";
  F.BeginLine = 10;
  F.Callees = std::move(Callees);
  F.ParamKinds = Kinds;
  for (size_t I = 0; I < F.ParamKinds.size(); ++I) {
    F.ParamTypes.push_back("T");
    F.ParamNames.push_back("p" + std::to_string(I));
  }
  F.ExternalLinkage = External;
  return F;
}

CallSite call(const std::string &Name, unsigned Line = 5) { return {"c:@F@" + Name, Name, Line}; }

TEST(ExposureTest, SourceReaderIsOneAndCalleesDecay) {
  ScanFacts F;
  F.Functions.push_back(fn("net_poll", {call("recv", 12), call("parse")}));
  F.Functions.push_back(fn("parse", {call("field")}));
  F.Functions.push_back(fn("field", {}));
  F.Functions.push_back(fn("unrelated", {}));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_DOUBLE_EQ(E[G.find("c:@F@net_poll")].Score, 1.0);
  EXPECT_DOUBLE_EQ(E[G.find("c:@F@parse")].Score, 0.7);
  EXPECT_NEAR(E[G.find("c:@F@field")].Score, 0.49, 1e-9);
  EXPECT_EQ(E[G.find("c:@F@unrelated")].Score, 0.0);
  const auto &Ev = E[G.find("c:@F@field")].Evidence;
  EXPECT_EQ(Ev.Kind, "propagated");
  EXPECT_EQ(Ev.Source, "recv");
  EXPECT_EQ(Ev.SourceKind, "network");
  EXPECT_EQ(Ev.Origin, "net_poll");
  EXPECT_EQ(Ev.Line, 12u);
  EXPECT_EQ(Ev.Chain, (std::vector<std::string>{"net_poll", "parse", "field"}));
  EXPECT_EQ(describeExposure(Ev), "receives network input ('recv' in 'net_poll', 2 calls away)");
  EXPECT_EQ(describeExposure(E[G.find("c:@F@net_poll")].Evidence),
            "reads network input ('recv' at line 12)");
}

TEST(ExposureTest, CalleesWithoutParametersReceiveNothing) {
  ScanFacts F;
  F.Functions.push_back(fn("reader", {call("fread"), call("log_stats")}));
  F.Functions.push_back(fn("log_stats", {}, ""));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(E[G.find("c:@F@log_stats")].Score, 0.0);
}

TEST(ExposureTest, StrongestPathWins) {
  ScanFacts F;
  F.Functions.push_back(fn("a", {call("getenv"), call("b")}));
  F.Functions.push_back(fn("b", {call("c")}));
  F.Functions.push_back(fn("c", {}));
  F.Functions.push_back(fn("d", {call("read"), call("c")}));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_DOUBLE_EQ(E[G.find("c:@F@c")].Score, 0.7);
  EXPECT_EQ(E[G.find("c:@F@c")].Evidence.Origin, "d");
}

TEST(ExposureTest, LibraryEntryPointsAndMain) {
  ScanFacts F;
  F.Functions.push_back(fn("lib_decode", {}, "bip", /*External=*/true));
  F.Functions.back().ParamNames[1] = "inLen";
  FunctionFacts Sized = fn("lib_sized", {}, "bi", true);
  Sized.ParamTypes[1] = "size_t";
  F.Functions.push_back(Sized);
  // A string with a flag is not a buffer with its length.
  FunctionFacts Flag = fn("lib_set_flag", {}, "bi", true);
  Flag.ParamNames[1] = "enabled";
  F.Functions.push_back(Flag);
  F.Functions.push_back(fn("static_helper", {}, "bi", /*External=*/false));
  F.Functions.back().ParamNames[1] = "len";
  F.Functions.push_back(fn("lib_load", {}, "f", true));
  F.Functions.push_back(fn("lib_add", {}, "ii", true));
  FunctionFacts Main = fn("main", {}, "ip", true);
  F.Functions.push_back(Main);
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(E[G.find("c:@F@lib_decode")].Score, 1.0);
  EXPECT_EQ(E[G.find("c:@F@lib_decode")].Evidence.Kind, "entry-point");
  EXPECT_EQ(E[G.find("c:@F@lib_sized")].Score, 1.0);
  EXPECT_EQ(E[G.find("c:@F@lib_set_flag")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@static_helper")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@lib_load")].Score, 1.0);
  EXPECT_EQ(E[G.find("c:@F@lib_add")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@main")].Evidence.Kind, "argv");
}

TEST(ExposureTest, ConfiguredSourcesAndEntryPoints) {
  ScanFacts F;
  F.Functions.push_back(fn("handler", {call("my_read_packet")}));
  F.Functions.push_back(fn("png_read_info", {}, "pp", true));
  F.Functions.push_back(fn("other", {}, "pp", true));
  CallGraph G = CallGraph::build(F);
  BoundaryConfig B;
  B.Sources.push_back({"my_read_packet", "network", "1"});
  B.EntryPoints.push_back("png_read_*");
  auto E = computeExposure(G, B);
  EXPECT_EQ(E[G.find("c:@F@handler")].Score, 1.0);
  EXPECT_EQ(E[G.find("c:@F@handler")].Evidence.Source, "my_read_packet");
  EXPECT_EQ(E[G.find("c:@F@png_read_info")].Score, 1.0);
  EXPECT_EQ(E[G.find("c:@F@other")].Score, 0.0);
}

} // namespace

namespace {

FunctionFacts in(FunctionFacts F, const std::string &File) {
  F.File = File;
  return F;
}

TEST(ExposureTest, HarnessCodeIsRecognisedByFolderFileAndName) {
  auto Is = [](const std::string &File, const std::string &Name = "f") {
    return isHarnessCode(in(fn(Name, {}), File));
  };
  EXPECT_TRUE(Is("tests/common.h"));
  EXPECT_TRUE(Is("src/Test/x.c"));
  EXPECT_TRUE(Is("fuzzing/afl.c"));
  EXPECT_TRUE(Is("bench/run.c"));
  EXPECT_TRUE(Is("examples/demo.c"));
  EXPECT_TRUE(Is("test.c"));
  EXPECT_TRUE(Is("parser_test.cc"));
  EXPECT_TRUE(Is("test_parser.c"));
  EXPECT_TRUE(Is("fuzz_parser.c"));
  EXPECT_TRUE(Is("json_fuzzer.cpp"));
  EXPECT_TRUE(Is("bench.c"));
  EXPECT_TRUE(Is("src/x.c", "LLVMFuzzerTestOneInput"));
  EXPECT_FALSE(Is("src/parser.c"));
  EXPECT_FALSE(Is("contest.c"));
  EXPECT_FALSE(Is("latest/attest.c"));
  EXPECT_FALSE(Is("http_parser.c"));
  EXPECT_FALSE(Is("testing.c")); // a file, not a folder
}

TEST(ExposureTest, TestsAreNotSurfacesAndFuzzTargetsAre) {
  ScanFacts F;
  // A fuzz harness calls the parser; a test reads a file and calls it too;
  // a test callback looks like an entry point.
  F.Functions.push_back(in(fn("LLVMFuzzerTestOneInput", {call("json_parse")}, "bi", true),
                           "fuzzing/fuzz_json.c"));
  F.Functions.push_back(in(fn("read_fixture", {call("fread"), call("json_parse")}),
                           "tests/common.c"));
  F.Functions.push_back(in(fn("on_body_cb", {}, "pbi", true), "test.c"));
  F.Functions.push_back(in(fn("json_parse", {call("parse_value")}, "bi", true), "json.c"));
  F.Functions.push_back(in(fn("parse_value", {call("check_helper")}), "json.c"));
  F.Functions.push_back(in(fn("check_helper", {}), "tests/helpers.c"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(E[G.find("c:@F@LLVMFuzzerTestOneInput")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@read_fixture")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@on_body_cb")].Score, 0.0);
  EXPECT_EQ(E[G.find("c:@F@check_helper")].Score, 0.0);
  const auto &P = E[G.find("c:@F@json_parse")];
  EXPECT_DOUBLE_EQ(P.Score, 1.0);
  EXPECT_EQ(P.Evidence.Kind, "fuzz-target");
  EXPECT_EQ(describeExposure(P.Evidence),
            "is fed untrusted bytes by the fuzz harness 'LLVMFuzzerTestOneInput' "
            "(fuzzing/fuzz_json.c)");
  const auto &V = E[G.find("c:@F@parse_value")];
  EXPECT_DOUBLE_EQ(V.Score, 0.7);
  EXPECT_EQ(V.Evidence.Chain, (std::vector<std::string>{"json_parse", "parse_value"}));
}

} // namespace
