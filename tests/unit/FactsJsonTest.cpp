#include "facts/Facts.h"
#include "facts/FactsBinary.h"
#include "facts/FactsFile.h"
#include "facts/FactsJson.h"

#include "support/Error.h"

#include <gtest/gtest.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

using namespace carcinize;

namespace {

CallSite call(std::string Usr, std::string Name, unsigned Line, bool Virtual, unsigned Depth) {
  CallSite C;
  C.CalleeUsr = std::move(Usr);
  C.CalleeName = std::move(Name);
  C.Line = Line;
  C.Virtual = Virtual;
  C.LoopDepth = Depth;
  return C;
}

// Every field set to a value other than its default.
ScanFacts sampleFacts() {
  ScanFacts F;
  F.Tool.Name = "carcinize";
  F.Tool.Version = "9.8.7";

  TranslationUnitFacts Clean;
  Clean.File = "src/a.c";
  Clean.Status = ParseStatus::Clean;
  Clean.InferredFlags = false;
  F.TranslationUnits.push_back(Clean);

  TranslationUnitFacts Rec;
  Rec.File = "src/b.cpp";
  Rec.Status = ParseStatus::Recovered;
  Rec.InferredFlags = true;
  Rec.ErrorCount = 7;
  Rec.Errors = {{"src/b.cpp", 12, 5, "expected ';' after expression"},
                {"include/x.h", 3, 1, "unknown type name \"Foo\""}};
  Rec.MissingIncludes = {"config.h", "gen/version.h"};
  F.TranslationUnits.push_back(Rec);

  TranslationUnitFacts Fail;
  Fail.File = "src/c.c";
  Fail.Status = ParseStatus::Failed;
  Fail.InferredFlags = true;
  Fail.ErrorCount = 1;
  Fail.Errors = {{"", 0, 0, "no such file or directory: 'src/c.c'"}};
  Fail.FailureReason = "the parser crashed on this file (the rest of the scan is complete)";
  F.TranslationUnits.push_back(Fail);

  FileFacts A;
  A.Path = "src/a.c";
  A.CodeLines = 120;
  A.Lang = Language::C;
  A.Includes = {"include/x.h", "<stdio.h>", "\"missing.h\""};
  F.Files.push_back(A);
  FileFacts B;
  B.Path = "src/b.cpp";
  B.CodeLines = 33;
  B.Lang = Language::CXX;
  F.Files.push_back(B);

  FunctionFacts Fn;
  Fn.Usr = "c:@F@main";
  Fn.Name = "main";
  Fn.File = "src/a.c";
  Fn.BeginLine = 10;
  Fn.EndLine = 42;
  Fn.CodeLines = 25;
  Fn.Complexity = 6;
  Fn.MaxLoopDepth = 2;
  Fn.ReturnType = "int";
  Fn.ParamTypes = {"int", "char **"};
  Fn.ParamNames = {"argc", "argv"};
  Fn.ParamKinds = "ip";
  Fn.ExternalLinkage = true;
  Fn.Lang = Language::C;
  Fn.Callees = {call("c:@F@helper", "helper", 12, false, 2), call("c:@F@other", "other", 30, false, 0)};
  Fn.IndirectCalls = 3;
  Fn.ParserShape = {{"byte-walk", 14, "'data[pos++]'"}, {"length-field", 20, ""}};
  // Data flow: helper gets argv and what 'other' filled; a call through
  // settings->on_url in a loop.
  Fn.Callees[0].Args = {"p1 c1.0", ""};
  Fn.Callees[0].Order = 1;
  Fn.Callees[1].Order = 1;
  CallSite Through;
  Through.CalleeName = "settings->on_url";
  Through.Line = 31;
  Through.Indirect = true;
  Through.Signature = "int (struct parser *, const char *, unsigned long)";
  Through.Args = {"v0", "p0"};
  Through.Order = 2;
  Through.Loop = 1;
  Fn.Callees.push_back(Through);
  Fn.Values = {"p0 p1 c1.0"};
  Fn.ReturnFlow = "c0";
  Fn.OutFlow = {"", "c2.1"};
  F.Functions.push_back(Fn);

  FunctionFacts M;
  M.Usr = "c:@N@ns@S@Widget@F@draw#";
  M.Name = "ns::Widget::draw";
  M.File = "src/b.cpp";
  M.BeginLine = 5;
  M.EndLine = 9;
  M.CodeLines = 4;
  M.Complexity = 2;
  M.MaxLoopDepth = 0;
  M.ReturnType = "void";
  M.ExternalLinkage = false;
  M.Lang = Language::CXX;
  M.Callees = {call("c:@N@ns@S@Shape@F@area#1", "ns::Shape::area", 7, true, 1),
               call("c:@N@ns@S@Shape@F@name#1", "ns::Shape::name", 8, false, 0)};
  F.Functions.push_back(M);

  Finding Open;
  Open.RuleId = "mem.unbounded-string-copy";
  Open.Cwe = {120, 676};
  Open.Sev = Severity::High;
  Open.File = "src/a.c";
  Open.Line = 20;
  Open.Column = 7;
  Open.FunctionUsr = "c:@F@main";
  Open.FunctionName = "main";
  Open.Message = "strcpy into a fixed-size buffer";
  F.Findings.push_back(Open);

  Finding Quiet;
  Quiet.RuleId = "heap.double-free";
  Quiet.Cwe = {415};
  Quiet.Sev = Severity::Critical;
  Quiet.File = "src/b.cpp";
  Quiet.Line = 8;
  Quiet.Column = 3;
  Quiet.Message = "pointer freed twice";
  Quiet.Suppressed = true;
  Quiet.SuppressionReason = "freed by a custom allocator";
  F.Findings.push_back(Quiet);

  Finding Low;
  Low.RuleId = "type.narrowing";
  Low.Sev = Severity::Low;
  Low.File = "src/b.cpp";
  Low.Line = 9;
  Low.Column = 1;
  Low.Message = "file-scope \"quoted\" message\nwith a newline";
  F.Findings.push_back(Low);
  F.AddressTaken.push_back({"c:@F@on_url", "on_url",
                            "int (struct parser *, const char *, unsigned long)", "src/a.c", 50});
  return F;
}

std::string errorOf(const std::string &Text, const std::string &Name = "facts.json") {
  try {
    factsFromJson(Text, Name);
  } catch (const InputError &E) {
    return E.what();
  }
  ADD_FAILURE() << "no InputError for: " << Text;
  return {};
}

const char *MinimalPrefix = R"({"tool": {"name": "carcinize", "version": "1"},)";

} // namespace

TEST(FactsJsonTest, RoundTripGivesEqualFacts) {
  ScanFacts F = sampleFacts();
  std::string Text = factsToJson(F);
  ScanFacts Back = factsFromJson(Text, "facts.json");
  EXPECT_TRUE(Back == F);
  // Field by field, so that a failure says which part differs.
  EXPECT_EQ(Back.Tool.Name, "carcinize");
  EXPECT_EQ(Back.Tool.Version, "9.8.7");
  ASSERT_EQ(Back.TranslationUnits.size(), 3u);
  EXPECT_TRUE(Back.TranslationUnits[0] == F.TranslationUnits[0]);
  EXPECT_TRUE(Back.TranslationUnits[1] == F.TranslationUnits[1]);
  EXPECT_TRUE(Back.TranslationUnits[2] == F.TranslationUnits[2]);
  EXPECT_EQ(Back.TranslationUnits[1].MissingIncludes,
            (std::vector<std::string>{"config.h", "gen/version.h"}));
  EXPECT_EQ(Back.TranslationUnits[2].FailureReason, F.TranslationUnits[2].FailureReason);
  ASSERT_EQ(Back.Files.size(), 2u);
  EXPECT_TRUE(Back.Files[0] == F.Files[0]);
  EXPECT_TRUE(Back.Files[1] == F.Files[1]);
  ASSERT_EQ(Back.Functions.size(), 2u);
  EXPECT_TRUE(Back.Functions[0] == F.Functions[0]);
  EXPECT_TRUE(Back.Functions[1] == F.Functions[1]);
  EXPECT_EQ(Back.Functions[0].ParamKinds, "ip");
  EXPECT_EQ(Back.Functions[0].Callees[0].LoopDepth, 2u);
  ASSERT_EQ(Back.Functions[0].ParserShape.size(), 2u);
  EXPECT_EQ(Back.Functions[0].ParserShape[0].Detail, "'data[pos++]'");
  EXPECT_TRUE(Back.Functions[1].Callees[0].Virtual);
  EXPECT_FALSE(Back.Functions[1].Callees[1].Virtual);
  const CallSite &Ind = Back.Functions[0].Callees.at(2);
  EXPECT_TRUE(Ind.Indirect);
  EXPECT_EQ(Ind.Signature, "int (struct parser *, const char *, unsigned long)");
  EXPECT_EQ(Ind.Args, (std::vector<std::string>{"v0", "p0"}));
  EXPECT_EQ(Ind.Loop, 1u);
  EXPECT_EQ(Ind.Order, 2u);
  EXPECT_EQ(Back.Functions[0].Callees[1].Order, 1u); // its index: not written
  EXPECT_EQ(Back.Functions[0].Values, (std::vector<std::string>{"p0 p1 c1.0"}));
  EXPECT_EQ(Back.Functions[0].ReturnFlow, "c0");
  EXPECT_EQ(Back.Functions[0].OutFlow, (std::vector<std::string>{"", "c2.1"}));
  ASSERT_EQ(Back.AddressTaken.size(), 1u);
  EXPECT_TRUE(Back.AddressTaken[0] == F.AddressTaken[0]);
  ASSERT_EQ(Back.Findings.size(), 3u);
  EXPECT_TRUE(Back.Findings[0] == F.Findings[0]);
  EXPECT_TRUE(Back.Findings[1] == F.Findings[1]);
  EXPECT_TRUE(Back.Findings[2] == F.Findings[2]);
  EXPECT_TRUE(Back.Findings[1].Suppressed);
  EXPECT_EQ(Back.Findings[1].SuppressionReason, "freed by a custom allocator");
}

TEST(FactsJsonTest, EqualityNoticesDifferences) {
  ScanFacts F = sampleFacts();
  ScanFacts G = F;
  EXPECT_TRUE(F == G);
  G.Functions[1].Callees[0].Virtual = false;
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].Callees[0].LoopDepth = 0;
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].ParserShape[1].Line = 21;
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].ParamKinds = "ib";
  EXPECT_FALSE(F == G);
  G = F;
  G.Findings[1].Suppressed = false;
  EXPECT_FALSE(F == G);
  G = F;
  G.TranslationUnits[1].MissingIncludes.pop_back();
  EXPECT_FALSE(F == G);
  G = F;
  G.Tool.Version = "0";
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].Callees[0].Args[0] = "p1";
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].Callees[2].Loop = 0;
  EXPECT_FALSE(F == G);
  G = F;
  G.Functions[0].OutFlow[1] = "";
  EXPECT_FALSE(F == G);
  G = F;
  G.AddressTaken[0].Line = 51;
  EXPECT_FALSE(F == G);
}

TEST(FactsJsonTest, ValueOriginsParseAndFormat) {
  std::vector<ValueOrigin> O;
  ASSERT_TRUE(parseValueOrigins("c3.1 p0  v2 c1", O));
  ASSERT_EQ(O.size(), 4u);
  EXPECT_EQ(O[0].K, ValueOrigin::Written);
  EXPECT_EQ(O[0].Index, 3u);
  EXPECT_EQ(O[0].Arg, 1u);
  EXPECT_EQ(O[1].K, ValueOrigin::Param);
  EXPECT_EQ(O[2].K, ValueOrigin::Value);
  EXPECT_EQ(O[3].K, ValueOrigin::Result);
  EXPECT_EQ(formatValueOrigins(O), "p0 c1 c3.1 v2");
  EXPECT_EQ(formatValueOrigins({}), "");
  EXPECT_TRUE(parseValueOrigins("", O));
  EXPECT_TRUE(O.empty());
  for (const char *Bad : {"x1", "p", "c1.", "p1.2", "c-1", "p1x", "c99999999999", "v1.0", "p1,p2"})
    EXPECT_FALSE(parseValueOrigins(Bad, O)) << Bad;
  std::string P = std::string(MinimalPrefix) + R"("translation_units": [], "files": [], )";
  EXPECT_EQ(errorOf(P + R"("functions": [{"usr": "u", "name": "f", "file": "a.c",
      "begin_line": 1, "end_line": 2, "code_lines": 1, "complexity": 1, "max_loop_depth": 0,
      "language": "c", "callees": [{"usr": "g", "name": "g", "line": 1, "args": ["p0 q1"]}]}]})"),
            "facts.json: not a carcinize facts file: functions[0].callees[0].args[0]: expected "
            "value origins like 'p0 c2 c3.1'");
  EXPECT_EQ(errorOf(P + R"("functions": [{"usr": "u", "name": "f", "file": "a.c",
      "begin_line": 1, "end_line": 2, "code_lines": 1, "complexity": 1, "max_loop_depth": 0,
      "language": "c", "return_flow": 3}]})"),
            "facts.json: not a carcinize facts file: functions[0].return_flow: expected a string");
}

TEST(FactsJsonTest, NormalizeKeepsOneAddressTakenSitePerFunctionAndFile) {
  ScanFacts A, B;
  A.AddressTaken = {{"u", "cb", "void (int)", "t.c", 30}, {"u", "cb", "void (int)", "a.c", 9}};
  B.AddressTaken = {{"u", "cb", "void (int)", "t.c", 12}, {"v", "cb2", "void (int)", "t.c", 1}};
  ScanFacts X, Y;
  X.append(A);
  X.append(B);
  X.normalize();
  Y.append(B);
  Y.append(A);
  Y.normalize();
  EXPECT_TRUE(X == Y);
  ASSERT_EQ(X.AddressTaken.size(), 3u);
  EXPECT_EQ(X.AddressTaken[0].File, "a.c");
  EXPECT_EQ(X.AddressTaken[1].Line, 12u); // the first site in t.c
  EXPECT_EQ(X.AddressTaken[2].Usr, "v");
}

TEST(FactsJsonTest, SerialisingTwiceGivesIdenticalText) {
  ScanFacts F = sampleFacts();
  std::string First = factsToJson(F);
  EXPECT_EQ(factsToJson(F), First);
  EXPECT_EQ(factsToJson(factsFromJson(First, "facts.json")), First);
  // Compact output also round-trips.
  std::string Compact = factsToJson(F, 0);
  EXPECT_EQ(Compact.find("\n  "), std::string::npos);
  EXPECT_TRUE(factsFromJson(Compact, "c.json") == F);
}

TEST(FactsJsonTest, WritesStatsAndNamedMembers) {
  std::string Text = factsToJson(sampleFacts());
  EXPECT_NE(Text.find("\"translation_units\": 3"), std::string::npos) << Text;
  EXPECT_NE(Text.find("\"parsed_clean\": 1"), std::string::npos);
  EXPECT_NE(Text.find("\"parsed_with_errors\": 1"), std::string::npos);
  EXPECT_NE(Text.find("\"failed\": 1"), std::string::npos);
  EXPECT_NE(Text.find("\"inferred_flags\": 2"), std::string::npos);
  EXPECT_NE(Text.find("\"virtual\": true"), std::string::npos);
  EXPECT_NE(Text.find("\"suppressed\": true"), std::string::npos);
  EXPECT_NE(Text.find("\"status\": \"recovered\""), std::string::npos);
  EXPECT_NE(Text.find("\"language\": \"c++\""), std::string::npos);
  EXPECT_NE(Text.find("\"severity\": \"critical\""), std::string::npos);
  EXPECT_EQ(Text.back(), '\n');
}

// Reports leave the data-flow origins out (the exposure and its evidence
// say what they concluded); facts files keep them.
TEST(FactsJsonTest, ReportsLeaveTheDataFlowOut) {
  auto Render = [](bool WithFlow) {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    {
      llvm::json::OStream J(OS, 1);
      J.object([&] { writeFactsMembers(J, sampleFacts(), nullptr, WithFlow); });
    }
    return Out;
  };
  std::string Full = Render(true), Report = Render(false);
  for (const char *Key : {"\"args\"", "\"values\"", "\"return_flow\"", "\"out_flow\"",
                          "\"order\"", "\"loop\""}) {
    EXPECT_NE(Full.find(Key), std::string::npos) << Key;
    EXPECT_EQ(Report.find(Key), std::string::npos) << Key;
  }
  // The rest of each call is still there.
  EXPECT_NE(Report.find("\"signature\": \"int (struct parser *, const char *, unsigned long)\""),
            std::string::npos);
  EXPECT_NE(Report.find("\"loop_depth\": 2"), std::string::npos);
}

TEST(FactsJsonTest, EmptyFactsRoundTrip) {
  ScanFacts Empty;
  ScanFacts Back = factsFromJson(factsToJson(Empty), "e.json");
  EXPECT_TRUE(Back == Empty);
  EXPECT_EQ(Back.Tool.Name, "carcinize");
  EXPECT_EQ(Back.Tool.Version, "");
}

TEST(FactsJsonTest, InvalidJsonNamesLineAndColumn) {
  std::string Msg = errorOf("{\n  \"tool\": {},\n  \"files\": [1,,2]\n}\n", "shard.json");
  EXPECT_EQ(Msg, "shard.json:3:15: invalid JSON: Invalid JSON value");
  Msg = errorOf("{\"tool\": {\"name\": \"x\", }}", "comma.json");
  EXPECT_EQ(Msg.rfind("comma.json:1:", 0), 0u) << Msg;
  EXPECT_NE(Msg.find(": invalid JSON: "), std::string::npos) << Msg;
  Msg = errorOf("", "empty.json");
  EXPECT_EQ(Msg.rfind("empty.json:1:", 0), 0u) << Msg;
  EXPECT_NE(Msg.find(": invalid JSON: Unexpected EOF"), std::string::npos) << Msg;
}

// Known bug (see the report): llvm::json::ParseError's column is the offset
// of the parser's position, which is past the offending character; at the
// start of a line (after consuming a newline, or in an empty text) this
// gives column 0 and sometimes the next line. Compiler-style columns are
// 1-based and name the offending line.
TEST(FactsJsonTest, InvalidJsonColumnIsNeverZero) {
  EXPECT_EQ(errorOf("{\n  \"tool\": nul\n}", "typo.json"),
            "typo.json:2:14: invalid JSON: Invalid JSON value (null?)");
  EXPECT_EQ(errorOf("", "empty.json"), "empty.json:1:1: invalid JSON: Unexpected EOF");
}

TEST(FactsJsonTest, NotAnObject) {
  std::string Msg = errorOf("[1, 2]", "arr.json");
  EXPECT_EQ(Msg, "arr.json: not a carcinize facts file: document: expected an object");
}

TEST(FactsJsonTest, MissingMembersAreNamedByPath) {
  EXPECT_EQ(errorOf("{}"), "facts.json: not a carcinize facts file: tool: missing");
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) + R"("files": [], "functions": []})"),
            "facts.json: not a carcinize facts file: document.translation_units: missing");
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) +
                    R"("translation_units": [], "files": [], "functions": [{}]})"),
            "facts.json: not a carcinize facts file: functions[0].usr: missing");
  std::string Fn = R"({"usr": "u", "name": "f", "file": "a.c", "begin_line": 1,
      "end_line": 2, "code_lines": 2, "complexity": 1, "max_loop_depth": 0,
      "language": "c", "callees": [{"usr": "v", "line": 1}]})";
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) +
                    R"("translation_units": [], "files": [], "functions": [)" + Fn + "," +
                    Fn + "]}"),
            "facts.json: not a carcinize facts file: functions[0].callees[0].name: missing");
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) +
                    R"("translation_units": [{"file": "a.c", "status": "clean",
                        "errors": [{"file": "a.c", "line": 1, "column": 2}]}],
                       "files": [], "functions": []})"),
            "facts.json: not a carcinize facts file: translation_units[0].errors[0].message: "
            "missing");
}

TEST(FactsJsonTest, WrongTypesAndValuesAreNamed) {
  std::string P = std::string(MinimalPrefix) + R"("files": [], "functions": [], )";
  EXPECT_EQ(errorOf(P + R"("translation_units": [{"file": "a.c", "status": "fine"}]})"),
            "facts.json: not a carcinize facts file: translation_units[0].status: unknown "
            "status 'fine'");
  EXPECT_EQ(errorOf(P + R"("translation_units": [{"file": 3, "status": "clean"}]})"),
            "facts.json: not a carcinize facts file: translation_units[0].file: expected a "
            "string");
  EXPECT_EQ(errorOf(P + R"("translation_units": [{"file": "a", "status": "clean",
                                                   "error_count": -1}]})"),
            "facts.json: not a carcinize facts file: translation_units[0].error_count: "
            "expected a non-negative integer");
  EXPECT_EQ(errorOf(P + R"("translation_units": {}})"),
            "facts.json: not a carcinize facts file: document.translation_units: expected an "
            "array");
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) +
                    R"("translation_units": [], "functions": [],
                       "files": [{"path": "a.c", "language": "rust", "code_lines": 1}]})"),
            "facts.json: not a carcinize facts file: files[0].language: unknown language "
            "'rust'");
  EXPECT_EQ(errorOf(std::string(MinimalPrefix) +
                    R"("translation_units": [], "functions": [], "files": [],
                       "findings": [{"rule": "r", "severity": "urgent", "file": "a.c",
                                     "line": 1, "column": 1, "message": "m"}]})"),
            "facts.json: not a carcinize facts file: findings[0].severity: unknown severity "
            "'urgent'");
}

TEST(FactsJsonTest, NormalizeDedupesHeaderFunctionFirstTuWins) {
  // Two TUs, appended in path order as runScan does; both saw the inline
  // function of util.h, with different facts (different macros).
  auto tuFacts = [](const std::string &Tu, unsigned HeaderComplexity, unsigned MainLine) {
    ScanFacts F;
    TranslationUnitFacts T;
    T.File = Tu;
    F.TranslationUnits.push_back(T);
    FileFacts H;
    H.Path = "util.h";
    H.CodeLines = HeaderComplexity;
    F.Files.push_back(H);
    FileFacts S;
    S.Path = Tu;
    F.Files.push_back(S);
    FunctionFacts Inl;
    Inl.Usr = "c:util.h@F@clamp";
    Inl.Name = "clamp";
    Inl.File = "util.h";
    Inl.BeginLine = 3;
    Inl.Complexity = HeaderComplexity;
    F.Functions.push_back(Inl);
    FunctionFacts Main;
    Main.Usr = "c:@F@main_" + Tu;
    Main.Name = "main_" + Tu;
    Main.File = Tu;
    Main.BeginLine = MainLine;
    F.Functions.push_back(Main);
    return F;
  };
  ScanFacts All;
  All.append(tuFacts("a.c", 2, 9));
  All.append(tuFacts("b.c", 5, 4));
  All.normalize();

  ASSERT_EQ(All.TranslationUnits.size(), 2u);
  EXPECT_EQ(All.TranslationUnits[0].File, "a.c");
  EXPECT_EQ(All.TranslationUnits[1].File, "b.c");

  ASSERT_EQ(All.Files.size(), 3u);
  EXPECT_EQ(All.Files[0].Path, "a.c");
  EXPECT_EQ(All.Files[1].Path, "b.c");
  EXPECT_EQ(All.Files[2].Path, "util.h");
  EXPECT_EQ(All.Files[2].CodeLines, 2u); // a.c's copy

  ASSERT_EQ(All.Functions.size(), 3u);
  EXPECT_EQ(All.Functions[0].Name, "main_a.c");
  EXPECT_EQ(All.Functions[1].Name, "main_b.c");
  EXPECT_EQ(All.Functions[2].Name, "clamp");
  EXPECT_EQ(All.Functions[2].Complexity, 2u); // a.c's copy
}

// Known bug (see the report): Facts.h promises that merging facts "in any
// order gives the same result", but when two TUs saw different facts for
// the same header function or file (different macros), normalize() keeps
// whichever copy was appended first.
TEST(FactsJsonTest, NormalizeIsIndependentOfAppendOrder) {
  auto tuFacts = [](const std::string &Tu, unsigned Complexity) {
    ScanFacts F;
    TranslationUnitFacts T;
    T.File = Tu;
    F.TranslationUnits.push_back(T);
    FileFacts H;
    H.Path = "util.h";
    H.CodeLines = Complexity;
    F.Files.push_back(H);
    FunctionFacts Inl;
    Inl.Usr = "c:util.h@F@clamp";
    Inl.Name = "clamp";
    Inl.File = "util.h";
    Inl.BeginLine = 3;
    Inl.Complexity = Complexity;
    F.Functions.push_back(Inl);
    return F;
  };
  ScanFacts AB, BA;
  AB.append(tuFacts("a.c", 2));
  AB.append(tuFacts("b.c", 5));
  AB.normalize();
  BA.append(tuFacts("b.c", 5));
  BA.append(tuFacts("a.c", 2));
  BA.normalize();
  EXPECT_EQ(factsToJson(AB), factsToJson(BA));
}

TEST(FactsJsonTest, NormalizeSortsFunctionsByFileLineUsr) {
  ScanFacts F;
  auto fn = [](std::string Usr, std::string File, unsigned Line) {
    FunctionFacts X;
    X.Usr = std::move(Usr);
    X.Name = X.Usr;
    X.File = std::move(File);
    X.BeginLine = Line;
    return X;
  };
  F.Functions = {fn("z", "b.c", 1), fn("y", "a.c", 30), fn("x", "a.c", 4), fn("w", "a.c", 4)};
  F.normalize();
  ASSERT_EQ(F.Functions.size(), 4u);
  EXPECT_EQ(F.Functions[0].Usr, "w");
  EXPECT_EQ(F.Functions[1].Usr, "x");
  EXPECT_EQ(F.Functions[2].Usr, "y");
  EXPECT_EQ(F.Functions[3].Usr, "z");
}

TEST(FactsJsonTest, NormalizeDedupesSameSiteWithTwoUsrs) {
  // An amalgamation includes a.c into all.c, where a macro makes f static.
  ScanFacts F;
  FunctionFacts Ext;
  Ext.Usr = "c:@F@f";
  Ext.Name = "f";
  Ext.File = "a.c";
  Ext.BeginLine = 7;
  FunctionFacts Stat = Ext;
  Stat.Usr = "c:a.c@F@f";
  F.Functions = {Ext, Stat};
  F.normalize();
  ASSERT_EQ(F.Functions.size(), 1u);
}

TEST(FactsJsonTest, NormalizeSortsAndDedupesFindings) {
  ScanFacts F;
  Finding A;
  A.RuleId = "r.one";
  A.File = "b.c";
  A.Line = 1;
  A.Message = "m";
  Finding B = A;
  B.File = "a.c";
  B.Line = 9;
  Finding C = A;
  C.File = "a.c";
  C.Line = 2;
  F.Findings = {A, B, C, A};
  F.normalize();
  ASSERT_EQ(F.Findings.size(), 3u);
  EXPECT_EQ(F.Findings[0].Line, 2u);
  EXPECT_EQ(F.Findings[1].Line, 9u);
  EXPECT_EQ(F.Findings[2].File, "b.c");
}

TEST(FactsJsonTest, NormalizeIsIndependentOfAppendOrderForIdenticalCopies) {
  ScanFacts F = sampleFacts();
  ScanFacts Split1, Split2;
  Split1.TranslationUnits = {F.TranslationUnits[2], F.TranslationUnits[0]};
  Split1.Functions = {F.Functions[1]};
  Split1.Files = {F.Files[1]};
  Split1.Findings = {F.Findings[2], F.Findings[0]};
  Split2.TranslationUnits = {F.TranslationUnits[1], F.TranslationUnits[0]};
  Split2.Functions = {F.Functions[0], F.Functions[1]};
  Split2.Files = {F.Files[0], F.Files[1]};
  Split2.Findings = {F.Findings[1]};
  ScanFacts X, Y;
  X.append(Split1);
  X.append(Split2);
  X.normalize();
  Y.append(Split2);
  Y.append(Split1);
  Y.normalize();
  EXPECT_EQ(factsToJson(X), factsToJson(Y));
  EXPECT_EQ(X.TranslationUnits.size(), 3u);
  EXPECT_EQ(X.Functions.size(), 2u);
  EXPECT_EQ(X.Files.size(), 2u);
  EXPECT_EQ(X.Findings.size(), 3u);
}

TEST(FactsJsonTest, ComputeStatsCounts) {
  ScanFacts F = sampleFacts();
  TranslationUnitFacts Extra;
  Extra.File = "z.c";
  Extra.Status = ParseStatus::Recovered;
  F.TranslationUnits.push_back(Extra);
  ScanStats S = computeStats(F);
  EXPECT_EQ(S.TranslationUnits, 4u);
  EXPECT_EQ(S.ParsedClean, 1u);
  EXPECT_EQ(S.ParsedWithErrors, 2u);
  EXPECT_EQ(S.Failed, 1u);
  EXPECT_EQ(S.InferredFlags, 2u);
  ScanStats Zero = computeStats(ScanFacts{});
  EXPECT_EQ(Zero.TranslationUnits, 0u);
  EXPECT_EQ(Zero.InferredFlags, 0u);
}

TEST(FactsJsonTest, EnumNamesRoundTrip) {
  for (Severity S : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
    Severity Out = Severity::Medium;
    EXPECT_TRUE(parseSeverity(toString(S), Out));
    EXPECT_EQ(Out, S);
  }
  Severity Out;
  EXPECT_FALSE(parseSeverity("High", Out));
  EXPECT_STREQ(toString(ParseStatus::Recovered), "recovered");
  EXPECT_STREQ(toString(Language::CXX), "c++");
  Language L;
  EXPECT_FALSE(parseLanguage("cpp", L));
}

// --- JSON Lines records and facts files ------------------------------------

TEST(FactsJsonTest, RecordsRoundTripOneLineEach) {
  ScanFacts F = sampleFacts();
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeFactsRecords(OS, F);
  OS.flush();
  ScanFacts Back;
  Back.Tool = F.Tool; // records carry no tool: the file's header does
  unsigned Lines = 0;
  for (llvm::StringRef Rest = Text; !Rest.empty();) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    readFactsRecord(Line, Back, "records:" + std::to_string(++Lines));
  }
  EXPECT_EQ(Lines, F.TranslationUnits.size() + F.Files.size() + F.Functions.size() +
                       F.Findings.size() + F.AddressTaken.size());
  EXPECT_TRUE(Back == F);
}

TEST(FactsJsonTest, RecordErrorsNameTheRecordAndWhere) {
  ScanFacts Into;
  auto Message = [&](llvm::StringRef Line) {
    try {
      readFactsRecord(Line, Into, "shard.json:7");
    } catch (const InputError &E) {
      return std::string(E.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(Message(R"({"function": {"usr": "c:@F@f"}})"),
            "shard.json:7: not a carcinize facts file: function.name: missing");
  EXPECT_EQ(Message(R"({"gadget": {}})"),
            "shard.json:7: not a carcinize facts file: record: unknown kind 'gadget'");
  EXPECT_EQ(Message(R"({"file": {}, "finding": {}})"),
            "shard.json:7: not a carcinize facts file: record: expected one member naming the "
            "kind of record");
  EXPECT_NE(Message("{\"file\": ").find("shard.json:7: invalid JSON"), std::string::npos);
  EXPECT_TRUE(Into.Functions.empty() && Into.Files.empty());
}

TEST(FactsFileTest, RoundTripWithNotesAndWarnings) {
  SavedFacts S{sampleFacts(), {"using compilation database build/compile_commands.json"},
               {"compile_commands.json:4: entry 3: 'gone.c' does not exist"}};
  std::string Text = renderFactsFile(S);
  // A header line, then one line a record: no line holds the whole facts.
  size_t Lines = 0;
  for (char C : Text)
    Lines += C == '\n';
  const ScanFacts &F = S.Facts;
  EXPECT_EQ(Lines, 1 + F.TranslationUnits.size() + F.Files.size() + F.Functions.size() +
                       F.Findings.size() + F.AddressTaken.size());
  EXPECT_EQ(Text.rfind("{\"carcinize_facts\":2,", 0), 0u) << Text.substr(0, 80);
  SavedFacts Back = parseFactsFile(Text, "shard-1.json");
  EXPECT_TRUE(Back.Facts == F);
  EXPECT_EQ(Back.Notes, S.Notes);
  EXPECT_EQ(Back.Warnings, S.Warnings);
  EXPECT_EQ(renderFactsFile(Back), Text);
}

TEST(FactsFileTest, ErrorsNameFileLineAndFormat) {
  auto Message = [](const std::string &Text) {
    try {
      parseFactsFile(Text, "shard.json");
    } catch (const InputError &E) {
      return std::string(E.what());
    }
    return std::string("no error");
  };
  std::string Good = renderFactsFile({sampleFacts(), {}, {}});
  // The third line damaged: named by its line number.
  size_t Second = Good.find('\n', Good.find('\n') + 1);
  std::string Bad = Good.substr(0, Second + 1) + "{\"file\": {\"path\": 3}}\n" +
                    Good.substr(Good.find('\n', Second + 1) + 1);
  EXPECT_EQ(Message(Bad), "shard.json:3: not a carcinize facts file: file.path: expected a string");
  EXPECT_EQ(Message("{\"tool\": {}}\n"),
            "shard.json: not a facts file (write one with 'carcinize scan --save-facts')");
  EXPECT_EQ(Message(""), "shard.json: not a facts file (write one with 'carcinize scan --save-facts')");
  // Version 1 was one JSON document.
  EXPECT_EQ(Message("{\n \"carcinize_facts\": 1,\n \"tool\": {}\n}\n"),
            "shard.json: not a facts file (write one with 'carcinize scan --save-facts')");
  EXPECT_EQ(Message("{\"carcinize_facts\": 1, \"tool\": {}}\n"),
            "shard.json: a facts file of another format (version 1, this carcinize reads 2); "
            "save the facts again");
  EXPECT_EQ(Message("{\"carcinize_facts\": 2}\n"),
            "shard.json:1: not a carcinize facts file: tool: expected its name and version");
}

// --- The binary form (cache entries, results sent by the TUs' children) ----

// The encoding in pieces is the same bytes as the one in a string.
TEST(FactsBinaryTest, PiecesMakeTheSameBytes) {
  ScanFacts F = sampleFacts();
  // Enough functions for several 64 KiB pieces.
  for (int I = 0; I < 2000; ++I) {
    FunctionFacts Fn = F.Functions.front();
    Fn.Usr += std::to_string(I);
    F.Functions.push_back(Fn);
  }
  std::string Joined;
  unsigned Pieces = 0;
  factsToBinary(F, [&](llvm::StringRef P) {
    Joined += P.str();
    ++Pieces;
  });
  EXPECT_EQ(Joined, factsToBinary(F));
  EXPECT_GT(Pieces, 2u);
  std::string Empty;
  factsToBinary(ScanFacts(), [&](llvm::StringRef P) { Empty += P.str(); });
  EXPECT_EQ(Empty, factsToBinary(ScanFacts()));
}

TEST(FactsBinaryTest, RoundTripGivesEqualFacts) {
  ScanFacts F = sampleFacts();
  std::string Bin = factsToBinary(F);
  std::optional<ScanFacts> Back = factsFromBinary(Bin);
  ASSERT_TRUE(Back.has_value());
  EXPECT_TRUE(*Back == F);
  EXPECT_EQ(Back->Tool.Version, "9.8.7");
  EXPECT_EQ(factsToBinary(*Back), Bin);
  // Smaller than the compact JSON it replaces.
  EXPECT_LT(Bin.size(), factsToJson(F, 0).size());
  std::optional<ScanFacts> Empty = factsFromBinary(factsToBinary(ScanFacts()));
  ASSERT_TRUE(Empty.has_value());
  EXPECT_TRUE(*Empty == ScanFacts());
}

TEST(FactsBinaryTest, DamageIsRefusedNeverTrusted) {
  std::string Bin = factsToBinary(sampleFacts());
  // Every truncation, and trailing bytes.
  for (size_t N = 0; N < Bin.size(); ++N)
    EXPECT_FALSE(factsFromBinary(llvm::StringRef(Bin).take_front(N)).has_value()) << N;
  EXPECT_FALSE(factsFromBinary(Bin + "x").has_value());
  // Another magic, and text.
  std::string Other = Bin;
  Other[3] = '9';
  EXPECT_FALSE(factsFromBinary(Other).has_value());
  EXPECT_FALSE(factsFromBinary(factsToJson(sampleFacts())).has_value());
  // A count far beyond the data is refused without allocating for it.
  std::string Huge = "CZF2";
  Huge += std::string("\x01" "c" "\x01" "1", 4);            // the tool
  Huge += std::string("\xff\xff\xff\xff\x0f", 5);          // 2^32 - 1 TUs
  EXPECT_FALSE(factsFromBinary(Huge).has_value());
  // Every single byte flipped: decodes to something or nothing, never crashes.
  for (size_t I = 4; I < Bin.size(); ++I) {
    std::string D = Bin;
    D[I] = static_cast<char>(D[I] ^ 0x5a);
    (void)factsFromBinary(D);
  }
}
