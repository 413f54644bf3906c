// The whole-program analysis over real scans of fixtures/analysis/netcalc:
// a network reader, a parser with a length field, a pure utility, a hot
// numeric loop and main; and fixtures/analysis/imgread (an image library
// read through an I/O callback, see its test). The expected exposure order
// and hot function are asserted.
#include "analysis/ProgramAnalysis.h"
#include "frontend/ResourceDir.h"
#include "frontend/Scanner.h"

#include <gtest/gtest.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>

#include <set>

using namespace carcinize;

namespace {

struct Scanned {
  ScanFacts Facts;
  std::unique_ptr<ProgramAnalysis> A;
  double exposure(const std::string &Name) const {
    auto N = A->Graph.findByName(Name);
    EXPECT_EQ(N.size(), 1u) << Name;
    return N.empty() ? -1 : A->Exposure[N[0]].Score;
  }
  const FunctionFacts &function(const std::string &Name) const {
    return A->Graph.function(A->Graph.findByName(Name).at(0));
  }
};

Scanned scanFixture(const std::string &Name, const Profile *P = nullptr) {
  ScanRequest Req;
  Req.Paths = {std::string(CARCINIZE_SOURCE_DIR) + "/fixtures/analysis/" + Name};
  Req.Jobs = 2;
  CommandMangler M = CommandMangler::forTests(configuredResourceDir());
  ScanPlan Plan = planScan(Req, M);
  Scanned S;
  S.Facts = runScan(Plan, Req, TUSettings());
  S.A = std::make_unique<ProgramAnalysis>(analyzeProgram(S.Facts, BoundaryConfig(), P));
  return S;
}

Scanned scanNetcalc(const Profile *P = nullptr) { return scanFixture("netcalc", P); }

TEST(ProgramAnalysisTest, ExposureFollowsTheDataFromTheSocket) {
  Scanned S = scanNetcalc();
  ASSERT_EQ(S.Facts.TranslationUnits.size(), 5u);
  double Net = S.exposure("net_read"), Parse = S.exposure("proto_parse"),
         Values = S.exposure("parse_values"), Read = S.exposure("read_value"),
         Clamp = S.exposure("clamp"), Kernel = S.exposure("matrix_multiply");
  EXPECT_DOUBLE_EQ(Net, 1.0);
  // proto_parse is exported and takes (buffer, length), but the tree calls
  // it: its exposure comes from net_read, one call away.
  EXPECT_DOUBLE_EQ(Parse, 0.7);
  EXPECT_GT(Parse, Values);
  EXPECT_GT(Values, Read);
  EXPECT_GT(Read, Clamp);
  EXPECT_EQ(Clamp, 0.0);
  EXPECT_EQ(S.A->Exposure[S.A->Graph.findByName("net_read")[0]].Evidence.Source, "recv");
  EXPECT_LT(Kernel, Values);
}

TEST(ProgramAnalysisTest, TheNumericKernelIsTheHottestStatically) {
  Scanned S = scanNetcalc();
  size_t Best = 0;
  for (size_t I = 0; I < S.A->Graph.size(); ++I)
    if (S.A->Hotness[I].Score > S.A->Hotness[Best].Score)
      Best = I;
  EXPECT_EQ(S.A->Graph.function(Best).Name, "matrix_multiply");
  EXPECT_EQ(S.A->Hotness[Best].Source, "static");
}

TEST(ProgramAnalysisTest, ParserShapeOfTheParser) {
  Scanned S = scanNetcalc();
  const FunctionFacts &P = S.function("proto_parse");
  std::set<std::string> Kinds;
  for (const auto &Pat : P.ParserShape)
    Kinds.insert(Pat.Kind);
  EXPECT_TRUE(Kinds.count("byte-walk"));
  EXPECT_TRUE(Kinds.count("int-assembly"));
  EXPECT_TRUE(Kinds.count("tag-dispatch"));
  EXPECT_TRUE(S.function("clamp").ParserShape.empty());
  EXPECT_TRUE(S.function("matrix_multiply").ParserShape.empty());
}

TEST(ProgramAnalysisTest, CallsInsideLoopsCarryTheirDepth) {
  Scanned S = scanNetcalc();
  const FunctionFacts &Main = S.function("main");
  bool Found = false;
  for (const auto &C : Main.Callees)
    if (C.CalleeName == "matrix_multiply") {
      Found = true;
      EXPECT_EQ(C.LoopDepth, 1u);
    } else if (C.CalleeName == "clamp") {
      EXPECT_EQ(C.LoopDepth, 0u);
    }
  EXPECT_TRUE(Found);
}

TEST(ProgramAnalysisTest, AFoldedProfileOverridesTheEstimate) {
  Profile P = loadProfile(std::string(CARCINIZE_SOURCE_DIR) + "/fixtures/profile/sample.folded");
  Scanned S = scanNetcalc(&P);
  size_t Kernel = S.A->Graph.findByName("matrix_multiply")[0];
  EXPECT_DOUBLE_EQ(S.A->Hotness[Kernel].Score, 1.0);
  EXPECT_EQ(S.A->Hotness[Kernel].Source, "profile");
  EXPECT_EQ(S.A->ProfileWarnings.size(), 2u);
  EXPECT_EQ(S.A->UnmatchedProfile, std::vector<std::string>{"floor"});
}

// fixtures/analysis/imgread: a small image library whose reads go through
// an I/O callback (default_read freads into the buffer it is given,
// read_data calls it through r->read_fn, crc_read passes its buffer on), a
// chunk callback in a contrib tool, an output-buffer formatter and a fuzzed
// in-memory decoder. The chunk handlers that parse what was read are the
// most exposed, beside the I/O layer and the fuzzed decoder.
TEST(ProgramAnalysisTest, ExposureFindsTheParsersBehindAnIoCallback) {
  Scanned S = scanFixture("imgread");
  ASSERT_EQ(S.Facts.TranslationUnits.size(), 8u);
  for (const char *Reader : {"default_read", "read_data", "crc_read", "handle_header", "handle_chunk"})
    EXPECT_DOUBLE_EQ(S.exposure(Reader), 1.0) << Reader;
  const auto &Header = S.A->Exposure[S.A->Graph.findByName("handle_header")[0]].Evidence;
  EXPECT_EQ(describeExposure(Header),
            "reads file input through 'crc_read' ('fread' in 'default_read' at line 7)");
  EXPECT_EQ(Header.Chain,
            (std::vector<std::string>{"default_read", "read_data", "crc_read", "handle_header"}));
  // What the handlers parse out of their buffers, one call away.
  EXPECT_DOUBLE_EQ(S.exposure("get_u32"), 0.7);
  EXPECT_DOUBLE_EQ(S.exposure("check_size"), 0.7);
  EXPECT_DOUBLE_EQ(S.exposure("crc_update"), 0.7);
  // The contrib tool's chunk callback: reached through the pointer, halved
  // on entering contrib/, not an input surface although exported with
  // (bytes, length).
  EXPECT_DOUBLE_EQ(S.exposure("print_chunk"), 0.35);
  const auto &Cb = S.A->Exposure[S.A->Graph.findByName("print_chunk")[0]].Evidence;
  EXPECT_EQ(Cb.Pointer, "r->chunk_cb");
  EXPECT_EQ(Cb.Params, (std::vector<std::string>{"data", "length"}));
  // The fuzzed decoder.
  EXPECT_DOUBLE_EQ(S.exposure("img_decode"), 1.0);
  // Handing a reader to the handlers is not reading: nothing comes back.
  EXPECT_EQ(S.exposure("img_read_header"), 0.0);
  EXPECT_EQ(S.exposure("img_read_chunks"), 0.0);
  // A formatter writing into the caller's buffer is no input surface.
  EXPECT_EQ(S.exposure("img_format_size"), 0.0);
  EXPECT_EQ(S.exposure("img_create"), 0.0);
}

} // namespace

// The exposure cache: what is stored is read back for the same facts and
// salt, and only then; damage of any kind is a miss.
TEST(ProgramAnalysisTest, ExposureCacheRoundTripsAndRefusesDamage) {
  Scanned S = scanNetcalc();
  const std::vector<FunctionExposure> &E = S.A->Exposure;
  std::string Key = exposureKey(S.Facts, "salt");
  EXPECT_EQ(Key, exposureKey(S.Facts, "salt"));
  EXPECT_NE(Key, exposureKey(S.Facts, "another salt"));
  ScanFacts Changed = S.Facts;
  Changed.Functions.front().CodeLines += 1;
  EXPECT_NE(Key, exposureKey(Changed, "salt"));

  std::string Bytes = exposureToBinary(Key, E);
  auto Back = exposureFromBinary(Bytes, Key);
  ASSERT_TRUE(Back);
  ASSERT_EQ(Back->size(), E.size());
  for (size_t I = 0; I < E.size(); ++I) {
    EXPECT_EQ((*Back)[I].Score, E[I].Score);
    EXPECT_EQ((*Back)[I].Evidence.Chain, E[I].Evidence.Chain);
    EXPECT_EQ((*Back)[I].Evidence.Source, E[I].Evidence.Source);
    EXPECT_EQ((*Back)[I].Evidence.Params, E[I].Evidence.Params);
  }
  EXPECT_FALSE(exposureFromBinary(Bytes, exposureKey(Changed, "salt")));
  for (size_t Cut = 0; Cut < Bytes.size(); ++Cut)
    EXPECT_FALSE(exposureFromBinary(llvm::StringRef(Bytes).take_front(Cut), Key)) << Cut;
  EXPECT_FALSE(exposureFromBinary(Bytes + "x", Key));
}

// analyzeProgram reads a stored exposure back (a doctored score shows it was
// read, not recomputed) and computes, then stores, when there is none.
TEST(ProgramAnalysisTest, AnalysisReadsTheExposureCache) {
  Scanned S = scanNetcalc();
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("carcinize-exposure", Dir));
  ExposureCache C{std::string(Dir), "salt"};
  ProgramAnalysis First = analyzeProgram(S.Facts, BoundaryConfig(), nullptr, &C);
  ASSERT_EQ(First.Exposure.size(), S.A->Exposure.size());
  for (size_t I = 0; I < First.Exposure.size(); ++I)
    EXPECT_EQ(First.Exposure[I].Score, S.A->Exposure[I].Score);
  std::string Key = exposureKey(S.Facts, "salt");
  auto Stored = loadExposure(C, Key, First.Graph.size());
  ASSERT_TRUE(Stored);
  EXPECT_FALSE(loadExposure(C, Key, First.Graph.size() + 1));

  std::vector<FunctionExposure> Doctored = *Stored;
  Doctored.front().Score = 0.123;
  storeExposure(C, Key, Doctored);
  ProgramAnalysis Second = analyzeProgram(S.Facts, BoundaryConfig(), nullptr, &C);
  EXPECT_EQ(Second.Exposure.front().Score, 0.123);
  // Another salt (other boundaries): computed again, and stored in its place.
  ExposureCache Other{std::string(Dir), "other salt"};
  ProgramAnalysis Third = analyzeProgram(S.Facts, BoundaryConfig(), nullptr, &Other);
  EXPECT_EQ(Third.Exposure.front().Score, S.A->Exposure.front().Score);
  EXPECT_FALSE(loadExposure(C, Key, First.Graph.size()));
  llvm::sys::fs::remove_directories(Dir);
}
