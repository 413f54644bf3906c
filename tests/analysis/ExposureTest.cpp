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

CallSite call(const std::string &Name, unsigned Line = 5, std::vector<std::string> Args = {}) {
  CallSite C;
  C.CalleeUsr = "c:@F@" + Name;
  C.CalleeName = Name;
  C.Line = Line;
  C.Args = std::move(Args);
  return C;
}

// A call with the origins of its arguments (see ValueOrigins).
CallSite with(const std::string &Name, std::vector<std::string> Args, unsigned Line = 5) {
  return call(Name, Line, std::move(Args));
}

// A call through a function pointer of type \p Signature.
CallSite through(const std::string &Pointer, const std::string &Signature,
                 std::vector<std::string> Args, unsigned Line = 5) {
  CallSite C;
  C.CalleeName = Pointer;
  C.Line = Line;
  C.Indirect = true;
  C.Signature = Signature;
  C.Args = std::move(Args);
  return C;
}

AddressTakenSite taken(const std::string &Name, const std::string &Signature,
                       const std::string &File = "a.c", unsigned Line = 90) {
  return {"c:@F@" + Name, Name, Signature, File, Line};
}

double score(const CallGraph &G, const std::vector<FunctionExposure> &E, const std::string &Name) {
  long N = G.find("c:@F@" + Name);
  EXPECT_GE(N, 0) << Name;
  return N < 0 ? -1 : E[N].Score;
}

const ExposureEvidence &evidence(const CallGraph &G, const std::vector<FunctionExposure> &E,
                                 const std::string &Name) {
  return E.at(G.find("c:@F@" + Name)).Evidence;
}

TEST(ExposureTest, SourceReaderIsOneAndCalleesDecay) {
  ScanFacts F;
  // recv fills its argument 1; parse receives that buffer, field what
  // parse got.
  F.Functions.push_back(fn("net_poll", {call("recv", 12), with("parse", {"c0.1"})}));
  F.Functions.push_back(fn("parse", {with("field", {"p0"})}));
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
  EXPECT_EQ(describeExposure(Ev),
            "receives network input in 'p0' ('recv' in 'net_poll', 2 calls away)");
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
  F.Functions.push_back(fn("a", {call("getenv"), with("b", {"c0"})}));
  F.Functions.push_back(fn("b", {with("c", {"p0"})}));
  F.Functions.push_back(fn("c", {}));
  F.Functions.push_back(fn("d", {call("read"), with("c", {"c0.1"})}));
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
  F.Functions.push_back(in(fn("LLVMFuzzerTestOneInput", {with("json_parse", {"p0", "p1"})}, "bi", true),
                           "fuzzing/fuzz_json.c"));
  F.Functions.back().ParamNames = {"data", "size"};
  F.Functions.push_back(in(fn("read_fixture", {call("fread"), with("json_parse", {"c0.0"})}),
                           "tests/common.c"));
  F.Functions.push_back(in(fn("on_body_cb", {}, "pbi", true), "test.c"));
  F.Functions.push_back(in(fn("json_parse", {with("parse_value", {"p0"})}, "bi", true), "json.c"));
  F.Functions.push_back(in(fn("parse_value", {with("check_helper", {"p0"})}), "json.c"));
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
            "is fed untrusted bytes in 'p0', 'p1' by the fuzz harness 'LLVMFuzzerTestOneInput' "
            "(fuzzing/fuzz_json.c)");
  const auto &V = E[G.find("c:@F@parse_value")];
  EXPECT_DOUBLE_EQ(V.Score, 0.7);
  EXPECT_EQ(V.Evidence.Chain, (std::vector<std::string>{"json_parse", "parse_value"}));
}


// http-parser: the settings callbacks of contrib/parsertrace.c are exported
// and take (parser, bytes, length), but their address is taken: they are
// not entry points, they receive the data through the function pointers
// http_parser_execute calls.
TEST(ExposureTest, CallbacksAreReachedThroughFunctionPointers) {
  const std::string DataCb = "int (struct parser *, const char *, unsigned long)";
  ScanFacts F;
  FunctionFacts Execute = fn("execute", {through("settings->on_url", DataCb, {"p0", "p2", "p3"}, 40),
                                         through("settings->on_done", "int (struct parser *)",
                                                 {"p0"}, 41)},
                             "ppbi", true);
  Execute.ParamNames = {"parser", "settings", "data", "len"};
  F.Functions.push_back(in(Execute, "parser.c"));
  FunctionFacts OnUrl = fn("on_url", {}, "pbi", true);
  OnUrl.ParamNames = {"p", "at", "length"};
  F.Functions.push_back(in(OnUrl, "trace.c"));
  // Same shape, another type: a pointer of type DataCb never calls it.
  FunctionFacts OnOther = fn("on_other", {}, "pbi", true);
  OnOther.ParamNames = {"p", "at", "length"};
  F.Functions.push_back(in(OnOther, "trace.c"));
  F.AddressTaken.push_back(taken("on_url", DataCb, "trace.c"));
  F.AddressTaken.push_back(taken("on_other", "int (struct other *, const char *, unsigned long)",
                                 "trace.c"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "execute"), 1.0);
  EXPECT_EQ(evidence(G, E, "execute").Kind, "entry-point");
  EXPECT_DOUBLE_EQ(score(G, E, "on_url"), 0.7);
  const ExposureEvidence &Url = evidence(G, E, "on_url");
  EXPECT_EQ(Url.Kind, "propagated");
  EXPECT_EQ(Url.Pointer, "settings->on_url");
  // The parser handle carries nothing the caller was given: only the bytes.
  EXPECT_EQ(Url.Params, (std::vector<std::string>{"at", "length"}));
  EXPECT_EQ(describeExposure(Url),
            "receives outside data in 'at', 'length' through a function pointer of its "
            "type ('settings->on_url') from input surface 'execute', 1 call away");
  EXPECT_EQ(score(G, E, "on_other"), 0.0);
}

// What a caller passes on decides what a callee receives: a handle that
// carries nothing read does not expose what it is passed to.
TEST(ExposureTest, DataFlowsOnlyAlongTheArgumentsThatCarryIt) {
  ScanFacts F;
  FunctionFacts Decode =
      fn("decode", {with("reset", {"p0"}), with("body", {"p0", "p1", "p2"}), with("log_count", {""})},
         "pbi", true);
  Decode.ParamNames = {"ctx", "data", "len"};
  F.Functions.push_back(Decode);
  F.Functions.push_back(fn("reset", {}, "p"));
  FunctionFacts Body = fn("body", {with("field", {"p1"}), with("finish", {"p0"})}, "pbi");
  Body.ParamNames = {"ctx", "data", "len"};
  F.Functions.push_back(Body);
  F.Functions.push_back(fn("field", {}, "b"));
  F.Functions.push_back(fn("finish", {}, "p"));
  F.Functions.push_back(fn("log_count", {}, "i"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "decode"), 1.0);
  // reset(ctx) and finish(ctx): ctx is not the data.
  EXPECT_EQ(score(G, E, "reset"), 0.0);
  EXPECT_EQ(score(G, E, "finish"), 0.0);
  EXPECT_EQ(score(G, E, "log_count"), 0.0);
  EXPECT_DOUBLE_EQ(score(G, E, "body"), 0.7);
  // body received ctx too (it was passed the data beside it), but ctx
  // carries nothing it did not receive: only 'data' and 'len' are tainted.
  EXPECT_EQ(evidence(G, E, "body").Params, (std::vector<std::string>{"data", "len"}));
  EXPECT_NEAR(score(G, E, "field"), 0.49, 1e-9);
}

// libpcap: pcap_next_ex fills its third argument with a captured packet;
// what prints it receives network input, what gets the handle alone does not.
TEST(ExposureTest, CapturedPacketsAreNetworkInput) {
  ScanFacts F;
  F.Functions.push_back(fn("capture",
                           {with("pcap_next_ex", {"p0", "", ""}, 7),
                            with("print_packet", {"", "c0.2"}), with("stats", {"p0"})},
                           "p"));
  F.Functions.push_back(fn("print_packet", {}, "pb"));
  F.Functions.push_back(fn("stats", {}, "p"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "capture"), 1.0);
  EXPECT_EQ(evidence(G, E, "capture").Source, "pcap_next_ex");
  EXPECT_EQ(evidence(G, E, "capture").SourceKind, "network");
  EXPECT_DOUBLE_EQ(score(G, E, "print_packet"), 0.7);
  EXPECT_EQ(score(G, E, "stats"), 0.0);
}

// libpcap calls the program back with each packet (pcap_loop): the function
// of the handler's type whose address the program takes receives it in its
// third parameter, and passes it on; a function of another type does not,
// and without a call of pcap_loop nothing is a callback.
TEST(ExposureTest, LibraryCallbacksReceiveTheirInput) {
  const std::string Handler =
      "void (unsigned char *, const struct pcap_pkthdr *, const unsigned char *)";
  ScanFacts F;
  F.Functions.push_back(fn("capture", {with("pcap_loop", {"p0", "", "", ""}, 40)}, "p"));
  F.Functions.push_back(fn("print_packet", {with("ether_print", {"p0", "p2"})}, "ppb"));
  F.Functions.push_back(fn("ether_print", {}, "pb"));
  F.Functions.push_back(fn("on_signal", {with("ether_print", {"", "p0"})}, "i"));
  F.AddressTaken = {taken("print_packet", Handler), taken("on_signal", "void (int)")};
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "print_packet"), 1.0);
  const ExposureEvidence &Ev = evidence(G, E, "print_packet");
  EXPECT_EQ(Ev.Kind, "callback");
  EXPECT_EQ(Ev.Source, "pcap_loop");
  EXPECT_EQ(Ev.SourceKind, "network");
  EXPECT_EQ(Ev.Params, (std::vector<std::string>{"p2"}));
  EXPECT_EQ(describeExposure(Ev),
            "is called back with network input in 'p2' by 'pcap_loop' (called in 'capture' at "
            "line 40)");
  EXPECT_DOUBLE_EQ(score(G, E, "ether_print"), 0.7);
  EXPECT_EQ(evidence(G, E, "ether_print").Params, (std::vector<std::string>{"p1"}));
  EXPECT_EQ(score(G, E, "on_signal"), 0.0);
  EXPECT_EQ(score(G, E, "capture"), 0.0);

  F.Functions.front().Callees.clear();
  CallGraph G2 = CallGraph::build(F);
  auto E2 = computeExposure(G2, {});
  EXPECT_EQ(score(G2, E2, "print_packet"), 0.0);
}

// A callback source from the configuration (`boundaries: callbacks:`) works
// as the built-in ones do.
TEST(ExposureTest, ConfiguredCallbackSources) {
  const std::string OnRead = "void (struct uv_stream_s *, long, const struct uv_buf_t *)";
  ScanFacts F;
  F.Functions.push_back(fn("start", {with("uv_read_start", {"p0", "", ""}, 12)}, "p"));
  F.Functions.push_back(fn("on_read", {with("parse_request", {"p2"})}, "pip"));
  F.Functions.push_back(fn("parse_request", {}, "p"));
  F.AddressTaken = {taken("on_read", OnRead)};
  CallGraph G = CallGraph::build(F);
  EXPECT_EQ(score(G, computeExposure(G, {}), "on_read"), 0.0);
  BoundaryConfig B;
  B.Callbacks.push_back({"uv_read_start", "network", OnRead, 2});
  auto E = computeExposure(G, B);
  EXPECT_EQ(score(G, E, "on_read"), 1.0);
  EXPECT_EQ(describeExposure(evidence(G, E, "on_read")),
            "is called back with network input in 'p2' by 'uv_read_start' (called in 'start' at "
            "line 12)");
  EXPECT_DOUBLE_EQ(score(G, E, "parse_request"), 0.7);
}

// What a call returns or fills reaches only the calls after it, or in the
// same loop.
TEST(ExposureTest, InputReachesOnlyTheCallsAfterTheRead) {
  ScanFacts F;
  CallSite Before = with("wipe", {"c1.1"});
  Before.Order = 0;
  CallSite Read = call("read");
  Read.Order = 1;
  CallSite After = with("parse", {"c1.1"});
  After.Order = 2;
  F.Functions.push_back(fn("handler", {Before, Read, After}, "i"));
  F.Functions.push_back(fn("wipe", {}, "b"));
  F.Functions.push_back(fn("parse", {}, "b"));
  // In a loop, the next iteration sees what the read left.
  CallSite LoopUse = with("consume", {"c1.1"});
  LoopUse.Order = 0;
  LoopUse.Loop = 1;
  CallSite LoopRead = call("read");
  LoopRead.Order = 1;
  LoopRead.Loop = 1;
  F.Functions.push_back(fn("pump", {LoopUse, LoopRead}, "i"));
  F.Functions.push_back(fn("consume", {}, "b"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "wipe"), 0.0);
  EXPECT_DOUBLE_EQ(score(G, E, "parse"), 0.7);
  EXPECT_DOUBLE_EQ(score(G, E, "consume"), 0.7);
}

// cJSON: a fuzz harness parses its bytes, then prints and frees the tree it
// got back. The parser is fed the bytes; the printer is handed the
// harness's own object, built by the parser: not an input surface.
TEST(ExposureTest, FuzzHarnessFeedsOnlyWhatCarriesItsBytes) {
  ScanFacts F;
  FunctionFacts Harness =
      fn("LLVMFuzzerTestOneInput",
         {with("json_parse", {"p0"}), with("json_print", {"c0"}), with("json_delete", {"c0"})},
         "bi", true);
  Harness.ParamNames = {"data", "size"};
  F.Functions.push_back(in(Harness, "fuzzing/fuzz_json.c"));
  // json_parse returns the item that parse_value filled from the text: a
  // struct built from the data is the parser's product, not the data.
  FunctionFacts Parse = fn("json_parse", {call("new_item"), with("parse_value", {"c0", "p0"})}, "b", true);
  Parse.ReturnFlow = "c0 c1.0";
  F.Functions.push_back(in(Parse, "json.c"));
  FunctionFacts Value = fn("parse_value", {}, "pb");
  Value.OutFlow = {"p1", ""};
  F.Functions.push_back(in(Value, "json.c"));
  F.Functions.push_back(in(fn("new_item", {}, ""), "json.c"));
  F.Functions.push_back(in(fn("json_print", {}, "p", true), "json.c"));
  F.Functions.push_back(in(fn("json_delete", {}, "p", true), "json.c"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "json_parse"), 1.0);
  EXPECT_EQ(evidence(G, E, "json_parse").Kind, "fuzz-target");
  EXPECT_EQ(score(G, E, "json_print"), 0.0);
  EXPECT_EQ(score(G, E, "json_delete"), 0.0);
  EXPECT_DOUBLE_EQ(score(G, E, "parse_value"), 0.7);
}

// libpng: png_default_read_data freads into the buffer it is given;
// png_read_data calls it through read_data_fn; png_crc_read passes its
// buffer on; png_handle_IHDR reads 13 bytes into a local buffer and parses
// them. The chunk handler is the reader, not only the function calling
// fread; a handler that reads into its own buffer makes nobody above it a
// reader.
TEST(ExposureTest, SourceWrappersMakeTheFunctionsThatParseWhatWasReadReaders) {
  const std::string ReadFn = "void (struct png *, unsigned char *, unsigned long)";
  ScanFacts F;
  FunctionFacts Default =
      fn("default_read", {with("fread", {"p1", "", "p2", "c1"}, 59), call("io_file", 58)}, "pbi");
  Default.OutFlow = {"c1.0", "c0.0", ""};
  F.Functions.push_back(in(Default, "pngrio.c"));
  FunctionFacts ReadData = fn("read_data", {through("png_ptr->read_data_fn", ReadFn, {"p0", "p1", "p2"}, 33)}, "pbi");
  ReadData.OutFlow = {"c0.0", "c0.1", ""};
  F.Functions.push_back(in(ReadData, "pngrio.c"));
  FunctionFacts Crc = fn("crc_read", {with("read_data", {"p0", "p1", "p2"}, 20),
                                      with("calculate_crc", {"p0", "c0.1", "p2"}, 21)},
                         "pbi");
  Crc.OutFlow = {"c0.0 c1.0", "c0.1", ""};
  F.Functions.push_back(in(Crc, "pngrutil.c"));
  FunctionFacts Calc = fn("calculate_crc", {}, "pbi");
  Calc.OutFlow = {"p1 p2", "", ""}; // the CRC of the data, stored in png_ptr: state
  F.Functions.push_back(in(Calc, "pngrutil.c"));
  FunctionFacts Ihdr = fn("handle_IHDR", {with("crc_read", {"p0", "", ""}, 1041),
                                          with("get_uint_31", {"p0", "c0.1"}, 1043),
                                          with("set_IHDR", {"p0", "p1", "c1"}, 1050)},
                          "ppi");
  F.Functions.push_back(in(Ihdr, "pngrutil.c"));
  FunctionFacts Uint = fn("get_uint_31", {}, "pb");
  Uint.ReturnFlow = "p1";
  F.Functions.push_back(in(Uint, "pngrutil.c"));
  F.Functions.push_back(in(fn("set_IHDR", {}, "ppi"), "pngset.c"));
  F.Functions.push_back(in(fn("io_file", {}, "p"), "pngrio.c"));
  // Reads into a buffer of its own: a reader, but hands nothing back.
  FunctionFacts Finish = fn("crc_finish", {with("crc_read", {"p0", "", ""})}, "pi");
  F.Functions.push_back(in(Finish, "pngrutil.c"));
  F.Functions.push_back(in(fn("read_end", {with("crc_finish", {"p0", ""})}, "pp"), "pngread.c"));
  F.AddressTaken.push_back(taken("default_read", ReadFn, "pngrio.c", 90));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  for (const char *Reader : {"default_read", "read_data", "crc_read", "handle_IHDR", "crc_finish"})
    EXPECT_EQ(score(G, E, Reader), 1.0) << Reader;
  const ExposureEvidence &I = evidence(G, E, "handle_IHDR");
  EXPECT_EQ(I.Kind, "source");
  EXPECT_EQ(I.Source, "fread");
  EXPECT_EQ(I.SourceKind, "file");
  EXPECT_EQ(I.Origin, "default_read");
  EXPECT_EQ(I.Line, 59u);
  EXPECT_EQ(I.ReturnHops, 3u);
  EXPECT_EQ(I.Chain,
            (std::vector<std::string>{"default_read", "read_data", "crc_read", "handle_IHDR"}));
  EXPECT_EQ(describeExposure(I),
            "reads file input through 'crc_read' ('fread' in 'default_read' at line 59)");
  // What handle_IHDR parses out of its buffer is exposed, one call away.
  EXPECT_DOUBLE_EQ(score(G, E, "get_uint_31"), 0.7);
  EXPECT_EQ(describeExposure(evidence(G, E, "get_uint_31")),
            "receives file input in 'p1' ('fread' in 'default_read', read by 'handle_IHDR', 1 "
            "call away)");
  // The width it returned is passed on: set_IHDR receives it.
  EXPECT_DOUBLE_EQ(score(G, E, "set_IHDR"), 0.7);
  EXPECT_EQ(evidence(G, E, "set_IHDR").Params, (std::vector<std::string>{"p2"}));
  // A CRC stored into png_ptr is state: png_ptr does not carry input back
  // up, so the caller of crc_finish is no reader.
  EXPECT_EQ(score(G, E, "read_end"), 0.0);
  EXPECT_DOUBLE_EQ(score(G, E, "calculate_crc"), 0.7);
}

TEST(ExposureTest, AFunctionReturningWhatItReadIsASource) {
  ScanFacts F;
  FunctionFacts Byte = fn("read_byte", {with("getc", {"p0"}, 7)}, "f");
  Byte.ReturnFlow = "c0";
  F.Functions.push_back(Byte);
  F.Functions.push_back(fn("read_header", {with("read_byte", {"p0"}, 20), with("check_tag", {"c0"}, 21)}, "f"));
  F.Functions.push_back(fn("check_tag", {}, "i"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "read_header"), 1.0);
  EXPECT_EQ(evidence(G, E, "read_header").Chain,
            (std::vector<std::string>{"read_byte", "read_header"}));
  EXPECT_DOUBLE_EQ(score(G, E, "check_tag"), 0.7);
}

// libpng's png_safe_execute(image, function, arg) calls `int (*)(void *)`:
// such a pointer could be any function; resolving it made the image writers
// "readers" because the image readers share the type.
TEST(ExposureTest, TypeErasedPointersAreNotResolved) {
  const std::string Erased = "int (void *)";
  ScanFacts F;
  FunctionFacts Reader = fn("read_image", {with("fread", {"p0", "", "", ""})}, "b");
  Reader.OutFlow = {"c0.0"};
  F.Functions.push_back(Reader);
  F.Functions.push_back(fn("safe_execute", {through("function", Erased, {"p1"})}, "pbb"));
  F.Functions.push_back(fn("write_image", {with("safe_execute", {"p0", "", "p0"})}, "p"));
  F.AddressTaken.push_back(taken("read_image", Erased));
  CallGraph G = CallGraph::build(F);
  ASSERT_EQ(G.indirectTargets(Erased).size(), 1u);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "read_image"), 1.0);
  EXPECT_EQ(score(G, E, "safe_execute"), 0.0);
  EXPECT_EQ(score(G, E, "write_image"), 0.0);
}

// zlib's contrib/minizip: its readers outranked inflate. Boundaries in
// contrib/ and tools/ count half, and so does data passed into them.
TEST(ExposureTest, PeripheralCodeCountsHalf) {
  ScanFacts F;
  F.Functions.push_back(in(fn("unz_read", {call("fread"), with("inflate", {"c0.0"})}), "contrib/minizip/unzip.c"));
  F.Functions.push_back(in(fn("inflate", {}, "b"), "inflate.c"));
  F.Functions.push_back(in(fn("gz_load", {call("read"), with("tool_hook", {"c0.1"})}), "gzread.c"));
  F.Functions.push_back(in(fn("tool_hook", {}, "b"), "tools/hook.c"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "unz_read"), 0.5);
  EXPECT_TRUE(evidence(G, E, "unz_read").Peripheral);
  EXPECT_EQ(describeExposure(evidence(G, E, "unz_read")),
            "reads file input ('fread' at line 5); peripheral code (contrib/, tools/) counts half");
  EXPECT_DOUBLE_EQ(score(G, E, "inflate"), 0.35);
  EXPECT_EQ(score(G, E, "gz_load"), 1.0);
  EXPECT_DOUBLE_EQ(score(G, E, "tool_hook"), 0.35);
  EXPECT_TRUE(isPeripheralPath("contrib/minizip/unzip.c"));
  EXPECT_TRUE(isPeripheralPath("src/tools/adig.c"));
  EXPECT_FALSE(isPeripheralPath("contrib.c"));
  EXPECT_FALSE(isPeripheralPath("src/toolsy/x.c"));
}

// In a library (no main of its own), the API stays an entry point when the
// library calls it too (zlib's gzread calls inflate): its clients in the
// tree (tests, examples, contrib) call it. An internal function the
// library alone calls is not one. In a program, any call from the tree
// makes a function internal.
TEST(ExposureTest, LibraryApiCalledByTheLibraryIsStillAnEntryPoint) {
  auto Facts = [](bool WithMain) {
    ScanFacts F;
    F.Functions.push_back(in(fn("inflate", {with("inflate_fast", {"p0"})}, "si", true), "inflate.c"));
    F.Functions.push_back(in(fn("inflate_fast", {}, "si", true), "inffast.c"));
    F.Functions.push_back(in(fn("gz_decomp", {with("inflate", {"", ""})}, "p"), "gzread.c"));
    F.Functions.push_back(in(fn("test_inflate", {with("inflate", {"", ""})}, ""), "test/example.c"));
    if (WithMain)
      F.Functions.push_back(in(fn("main", {}, "ip", true), "app.c"));
    return F;
  };
  ScanFacts Lib = Facts(false);
  CallGraph G = CallGraph::build(Lib);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "inflate"), 1.0);
  EXPECT_EQ(evidence(G, E, "inflate").Kind, "entry-point");
  EXPECT_EQ(describeExposure(evidence(G, E, "inflate")),
            "is an input surface: exported and takes outside data (a buffer and length, a "
            "stream, a FILE * or a descriptor)");
  EXPECT_DOUBLE_EQ(score(G, E, "inflate_fast"), 0.7);
  ScanFacts Program = Facts(true);
  CallGraph P = CallGraph::build(Program);
  auto EP = computeExposure(P, {});
  EXPECT_EQ(score(P, EP, "inflate"), 0.0);
}

// A byte buffer the function writes into is its result, not its input:
// libpng's png_ascii_from_fp(png_ptr, ascii, size, fp, precision).
TEST(ExposureTest, OutputBuffersAreNotData) {
  ScanFacts F;
  FunctionFacts Format = fn("format_number", {}, "bii", true);
  Format.ParamNames = {"out", "size", "value"};
  Format.OutFlow = {"p2", "", ""};
  F.Functions.push_back(Format);
  FunctionFacts Sum = fn("checksum", {}, "bi", true);
  Sum.ParamNames = {"data", "len"};
  F.Functions.push_back(Sum);
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "format_number"), 0.0);
  EXPECT_EQ(score(G, E, "checksum"), 1.0);
}

// c-ares reads /dev/urandom with fread: randomness, not outside data. Its
// query ids made every function sending a query a "reader".
TEST(ExposureTest, ReadingRandomnessIsNotInput) {
  ScanFacts F;
  FunctionFacts Fetch = fn("ares_rand_bytes_fetch", {with("fread", {"p1", "", "p2", ""})}, "pbi");
  Fetch.OutFlow = {"", "c0.0", ""};
  F.Functions.push_back(Fetch);
  FunctionFacts Id = fn("generate_id", {with("ares_rand_bytes_fetch", {"p0", "", ""})}, "p");
  Id.ReturnFlow = "c0.1";
  F.Functions.push_back(Id);
  F.Functions.push_back(fn("writeRandomBytes_dev_urandom", {with("read", {"", "p0", "p1"})}, "bi"));
  F.Functions.push_back(fn("load_file", {with("fread", {"", "", "", "p0"})}, "f"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "ares_rand_bytes_fetch"), 0.0);
  EXPECT_EQ(score(G, E, "generate_id"), 0.0);
  EXPECT_EQ(score(G, E, "writeRandomBytes_dev_urandom"), 0.0);
  EXPECT_EQ(score(G, E, "load_file"), 1.0);
}

// expat's fuzzers install handlers taking (void *userData, const XML_Char
// *s, int len): the bytes are 's' and 'len'; userData is the parser the
// handler stops. A `void *` is a buffer only with no characters beside it
// (gzread(file, voidp buf, len)).
TEST(ExposureTest, VoidPointerBesideCharactersIsUserData) {
  ScanFacts F;
  FunctionFacts Handler =
      fn("stop_handler", {with("stop_parser", {"p0"}), with("count_chars", {"p1", "p2"})}, "vbi");
  Handler.ParamNames = {"userData", "s", "len"};
  F.Functions.push_back(in(Handler, "fuzz/xml_fuzzer.c"));
  F.Functions.push_back(in(fn("stop_parser", {}, "p", true), "xmlparse.c"));
  F.Functions.push_back(in(fn("count_chars", {}, "bi", true), "xmlparse.c"));
  FunctionFacts Copy = fn("buffer_copy", {}, "vi", true);
  Copy.ParamNames = {"buf", "len"};
  F.Functions.push_back(in(Copy, "buf.c"));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_EQ(score(G, E, "stop_parser"), 0.0);
  EXPECT_EQ(score(G, E, "count_chars"), 1.0);
  EXPECT_EQ(evidence(G, E, "count_chars").Kind, "fuzz-target");
  EXPECT_EQ(score(G, E, "buffer_copy"), 1.0); // (void *buf, size_t len)
}

} // namespace

namespace {

// The process's own environment is not attacker input: getenv, an
// allocator's mmap, a configuration file read at start-up each made their
// whole call tree "read file input" at exposure 1.
TEST(ExposureTest, TheProcessEnvironmentIsNotAttackerInput) {
  ScanFacts F;
  FunctionFacts Env = fn("init_locale", {call("getenv", 7), with("set_locale", {"c0"})});
  F.Functions.push_back(Env);
  F.Functions.push_back(fn("set_locale", {}, "b"));
  FunctionFacts Map = fn("pages_map", {call("mmap", 8)}, "i");
  Map.ReturnFlow = "c0";
  Map.File = "src/arena.c";
  F.Functions.push_back(Map);
  F.Functions.push_back(fn("load_config", {with("fread", {"", "", "", "p0"}, 9)}, "f"));
  F.Functions.push_back(fn("read_packet", {with("fread", {"", "", "", "p0"}, 10)}, "f"));
  // A function reading the environment and the network reads the network.
  F.Functions.push_back(fn("serve", {call("getenv", 3), call("recv", 4)}));
  CallGraph G = CallGraph::build(F);
  auto E = computeExposure(G, {});
  EXPECT_DOUBLE_EQ(score(G, E, "init_locale"), 0.2);
  EXPECT_NEAR(score(G, E, "set_locale"), 0.14, 1e-9);
  EXPECT_DOUBLE_EQ(score(G, E, "pages_map"), 0.2);
  EXPECT_DOUBLE_EQ(score(G, E, "load_config"), 0.2);
  EXPECT_DOUBLE_EQ(score(G, E, "read_packet"), 1.0);
  EXPECT_DOUBLE_EQ(score(G, E, "serve"), 1.0);
  EXPECT_EQ(evidence(G, E, "init_locale").Environment, "the process environment");
  EXPECT_EQ(evidence(G, E, "pages_map").Environment, "memory mapped by an allocator");
  EXPECT_EQ(evidence(G, E, "load_config").Environment, "its configuration file");
  EXPECT_EQ(evidence(G, E, "read_packet").Environment, "");
  EXPECT_EQ(evidence(G, E, "serve").Source, "recv");
  EXPECT_EQ(describeExposure(evidence(G, E, "init_locale")),
            "reads the process environment (not attacker input) ('getenv' in 'init_locale' at "
            "line 7)");
  EXPECT_EQ(describeExposure(evidence(G, E, "set_locale")),
            "receives data from the process environment (not attacker input) in 'p0' ('getenv' "
            "in 'init_locale', 1 call away)");
  EXPECT_EQ(describeExposure(evidence(G, E, "read_packet")),
            "reads file input ('fread' at line 10)");
}

TEST(ExposureTest, EnvironmentReadsByKindSourceAndName) {
  EXPECT_EQ(environmentRead("env", "getenv", "f", "a.c"), "the process environment");
  EXPECT_EQ(environmentRead("file", "mmap", "je_pages_map", "src/pages.c"),
            "memory mapped by an allocator");
  EXPECT_EQ(environmentRead("file", "mmap", "map_file", "src/zmalloc.c"),
            "memory mapped by an allocator");
  // mmap of a file the program parses is input.
  EXPECT_EQ(environmentRead("file", "mmap", "map_document", "src/doc.c"), "");
  EXPECT_EQ(environmentRead("file", "fgets", "readConfFile", "src/x.c"),
            "its configuration file");
  EXPECT_EQ(environmentRead("file", "fgets", "read_header", "src/x.c"), "");
  EXPECT_EQ(environmentRead("network", "recv", "load_config", "src/x.c"), "");
}

} // namespace
