// The machine-readable finding formats (SARIF, GitHub annotations, Markdown
// summary, GitLab Code Quality) on hand-made findings: each output is parsed
// back (JSON, workflow commands, table rows) and checked field by field.
#include "report/MachineReports.h"

#include <llvm/Support/JSON.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {
namespace {

/// A FindingsReport with the storage it points into.
struct Report {
  ScanFacts Facts;
  std::vector<RuleInfo> Rules;
  ScanContext Scan;
  std::vector<ModuleScore> Modules;
  FindingsReport R;

  Report() {
    Rules.push_back(rule("conc.setjmp-longjmp", Severity::Low, {}, "low"));
    Rules.push_back(rule("heap.double-free", Severity::High, {415}, "high"));
    Rules.push_back(rule("mem.unbounded-string-copy", Severity::Critical, {120, 787}, "high"));
    Rules.push_back(rule("type.unchecked-cast", Severity::Medium, {704}, "medium"));
  }

  static RuleInfo rule(const std::string &Id, Severity S, std::vector<unsigned> Cwe,
                       const std::string &Precision) {
    RuleInfo I;
    I.Id = Id;
    I.Title = "Title of " + Id;
    I.Cwe = std::move(Cwe);
    I.DefaultSeverity = S;
    I.Rationale = "Why " + Id + " is dangerous";
    I.RustAlternative = "Use safe Rust instead of " + Id;
    I.Precision = Precision;
    return I;
  }

  void add(const std::string &Rule, Severity S, const std::string &File, unsigned Line,
           unsigned Column, const std::string &Message) {
    Finding F;
    F.RuleId = Rule;
    F.Sev = S;
    F.File = File;
    F.Line = Line;
    F.Column = Column;
    F.Message = Message;
    F.FunctionName = "fn";
    Facts.Findings.push_back(F);
  }

  /// Points R at the storage; call after the last add().
  const FindingsReport &finish() {
    R.Facts = &Facts;
    R.Rules = &Rules;
    R.Version = "1.2.3";
    R.Root = "/abs/root dir";
    R.Findings.clear();
    R.Fingerprints.clear();
    for (size_t I = 0; I < Facts.Findings.size(); ++I) {
      R.Findings.push_back(&Facts.Findings[I]);
      R.Fingerprints.push_back("fp" + std::to_string(I));
    }
    return R;
  }
};

llvm::json::Value parse(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  if (!V) {
    ADD_FAILURE() << "not JSON: " << llvm::toString(V.takeError()) << "\n" << Text;
    return nullptr;
  }
  return std::move(*V);
}

std::string str(const llvm::json::Value *V) {
  if (!V || !V->getAsString())
    return "<missing>";
  return V->getAsString()->str();
}

std::vector<std::string> lines(const std::string &Text) {
  std::vector<std::string> Out;
  std::istringstream In(Text);
  for (std::string L; std::getline(In, L);)
    Out.push_back(L);
  return Out;
}

// ---------------------------------------------------------------------------
// SARIF
// ---------------------------------------------------------------------------

/// The one run of a SARIF log, checked for the envelope.
const llvm::json::Object *sarifRun(const llvm::json::Value &Log) {
  const llvm::json::Object *O = Log.getAsObject();
  if (!O) {
    ADD_FAILURE() << "SARIF is not an object";
    return nullptr;
  }
  EXPECT_EQ(str(O->get("$schema")), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(str(O->get("version")), "2.1.0");
  const llvm::json::Array *Runs = O->getArray("runs");
  if (!Runs || Runs->size() != 1) {
    ADD_FAILURE() << "SARIF must have exactly one run";
    return nullptr;
  }
  return (*Runs)[0].getAsObject();
}

TEST(MachineReportsSarifTest, DriverListsTheWholeCatalogue) {
  Report T;
  T.add("heap.double-free", Severity::High, "src/a.c", 3, 5, "'p' is freed twice");
  const FindingsReport &R = T.finish();
  llvm::json::Value Log = parse(renderSarif(R));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  const llvm::json::Object *Driver = Run->getObject("tool")->getObject("driver");
  ASSERT_TRUE(Driver);
  EXPECT_EQ(str(Driver->get("name")), "carcinize");
  EXPECT_EQ(str(Driver->get("version")), "1.2.3");
  EXPECT_EQ(str(Driver->get("semanticVersion")), "1.2.3");
  EXPECT_EQ(str(Driver->get("informationUri")), "https://github.com/carcinize/carcinize");
  const llvm::json::Array *Rules = Driver->getArray("rules");
  ASSERT_TRUE(Rules);
  // Every rule, including those without a finding, in catalogue order.
  ASSERT_EQ(Rules->size(), T.Rules.size());
  for (size_t I = 0; I < T.Rules.size(); ++I)
    EXPECT_EQ(str((*Rules)[I].getAsObject()->get("id")), T.Rules[I].Id);

  const llvm::json::Object *Mem = (*Rules)[2].getAsObject();
  EXPECT_EQ(str(Mem->get("name")), "MemUnboundedStringCopy");
  EXPECT_EQ(str(Mem->getObject("shortDescription")->get("text")),
            "Title of mem.unbounded-string-copy.");
  EXPECT_EQ(str(Mem->getObject("fullDescription")->get("text")),
            "Why mem.unbounded-string-copy is dangerous.");
  EXPECT_NE(str(Mem->getObject("help")->get("text")).find("Use safe Rust instead of mem."),
            std::string::npos);
  EXPECT_NE(str(Mem->getObject("help")->get("markdown")).find("**In Rust:** Use safe Rust"),
            std::string::npos);
  EXPECT_EQ(str(Mem->get("helpUri")),
            "https://github.com/carcinize/carcinize/blob/main/docs/rules/"
            "mem.unbounded-string-copy.md");
  EXPECT_EQ(str(Mem->getObject("defaultConfiguration")->get("level")), "error");
  const llvm::json::Object *Props = Mem->getObject("properties");
  ASSERT_TRUE(Props);
  std::vector<std::string> Tags;
  for (const auto &V : *Props->getArray("tags"))
    Tags.push_back(str(&V));
  EXPECT_EQ(Tags, (std::vector<std::string>{"security", "mem", "external/cwe/cwe-120",
                                            "external/cwe/cwe-787"}));
  EXPECT_EQ(str(Props->get("precision")), "high");
  EXPECT_EQ(str(Props->get("security-severity")), "9.0");

  // Severity -> level and security-severity, from the default severity.
  const std::map<std::string, std::pair<std::string, std::string>> Expected = {
      {"conc.setjmp-longjmp", {"note", "2.0"}},
      {"heap.double-free", {"error", "7.5"}},
      {"mem.unbounded-string-copy", {"error", "9.0"}},
      {"type.unchecked-cast", {"warning", "5.0"}}};
  for (const auto &V : *Rules) {
    const llvm::json::Object *O = V.getAsObject();
    auto E = Expected.at(str(O->get("id")));
    EXPECT_EQ(str(O->getObject("defaultConfiguration")->get("level")), E.first);
    EXPECT_EQ(str(O->getObject("properties")->get("security-severity")), E.second);
  }
}

TEST(MachineReportsSarifTest, ResultsPointAtTheirRulesAndLocations) {
  Report T;
  T.add("conc.setjmp-longjmp", Severity::Low, "a.c", 1, 1, "low one");
  T.add("mem.unbounded-string-copy", Severity::Critical, "src/b.c", 10, 3,
        "'strcpy' copies 'name' into 'buf' (16 bytes)");
  T.add("type.unchecked-cast", Severity::Medium, "src/c.c", 7, 0, "cast.");
  T.add("heap.double-free", Severity::High, "src/d.c", 2, 9, "twice");
  const FindingsReport &R = T.finish();
  llvm::json::Value Log = parse(renderSarif(R));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  const llvm::json::Array &Rules = *Run->getObject("tool")->getObject("driver")->getArray("rules");
  const llvm::json::Array *Results = Run->getArray("results");
  ASSERT_TRUE(Results);
  ASSERT_EQ(Results->size(), 4u);
  const char *Levels[] = {"note", "error", "warning", "error"};
  for (size_t I = 0; I < Results->size(); ++I) {
    const llvm::json::Object &Res = *(*Results)[I].getAsObject();
    const Finding &F = *R.Findings[I];
    EXPECT_EQ(str(Res.get("ruleId")), F.RuleId);
    auto Index = Res.getInteger("ruleIndex");
    ASSERT_TRUE(Index);
    ASSERT_LT(static_cast<size_t>(*Index), Rules.size());
    EXPECT_EQ(str(Rules[*Index].getAsObject()->get("id")), F.RuleId);
    EXPECT_EQ(str(Res.get("level")), Levels[I]);
    EXPECT_EQ(str(Res.getObject("properties")->get("severity")), toString(F.Sev));
    EXPECT_EQ(str(Res.getObject("partialFingerprints")->get("carcinizeFingerprint/v1")),
              "fp" + std::to_string(I));
    const llvm::json::Object &Phys =
        *(*Res.getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
    EXPECT_EQ(str(Phys.getObject("artifactLocation")->get("uri")), F.File);
    EXPECT_EQ(str(Phys.getObject("artifactLocation")->get("uriBaseId")), "%SRCROOT%");
    EXPECT_EQ(Phys.getObject("region")->getInteger("startLine"), F.Line);
    if (F.Column)
      EXPECT_EQ(Phys.getObject("region")->getInteger("startColumn"), F.Column);
    else
      EXPECT_FALSE(Phys.getObject("region")->get("startColumn"));
  }
  // Messages become sentences, once.
  EXPECT_EQ(str((*Results)[1].getAsObject()->getObject("message")->get("text")),
            "'strcpy' copies 'name' into 'buf' (16 bytes).");
  EXPECT_EQ(str((*Results)[2].getAsObject()->getObject("message")->get("text")), "cast.");
  // The root, as an absolute file URI ending with '/', percent-encoded.
  EXPECT_EQ(str(Run->getObject("originalUriBaseIds")->getObject("%SRCROOT%")->get("uri")),
            "file:///abs/root%20dir/");
  const llvm::json::Object &Inv = *(*Run->getArray("invocations"))[0].getAsObject();
  EXPECT_EQ(Inv.getBoolean("executionSuccessful"), true);
  EXPECT_EQ(Inv.getObject("properties")->getInteger("resultsCut"), 0);
  EXPECT_TRUE(Inv.getArray("toolExecutionNotifications")->empty());
}

TEST(MachineReportsSarifTest, HostileFileNamesArePercentEncodedAndMessagesSurvive) {
  Report T;
  const std::string Hostile = "a.c::error::x%0A.c";
  T.add("heap.double-free", Severity::High, Hostile, 1, 1, "line one\nline \"two\"\t<b>");
  T.add("heap.double-free", Severity::High, "dir with space/\xC3\xBC,x#y?.c", 2, 1, "m");
  T.add("heap.double-free", Severity::High, "bad\xFF" "byte.c", 3, 1, "bad \xFE byte");
  T.add("heap.double-free", Severity::High, "pipe|back\\slash[1].c", 4, 1, "m");
  const FindingsReport &R = T.finish();
  llvm::json::Value Log = parse(renderSarif(R));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  const llvm::json::Array &Results = *Run->getArray("results");
  ASSERT_EQ(Results.size(), 4u);
  auto Uri = [&](size_t I) {
    return str((*Results[I].getAsObject()->getArray("locations"))[0]
                   .getAsObject()
                   ->getObject("physicalLocation")
                   ->getObject("artifactLocation")
                   ->get("uri"));
  };
  EXPECT_EQ(Uri(0), "a.c%3A%3Aerror%3A%3Ax%250A.c");
  EXPECT_EQ(Uri(1), "dir%20with%20space/%C3%BC%2Cx%23y%3F.c");
  EXPECT_EQ(Uri(2), "bad%FFbyte.c");
  EXPECT_EQ(Uri(3), "pipe%7Cback%5Cslash%5B1%5D.c");
  EXPECT_EQ(str(Results[0].getAsObject()->getObject("message")->get("text")),
            "line one\nline \"two\"\t<b>.");
  // Invalid UTF-8 is repaired rather than written into the JSON.
  EXPECT_TRUE(llvm::json::isUTF8(str(Results[2].getAsObject()->getObject("message")->get("text"))));
}

TEST(MachineReportsSarifTest, AbsolutePathsAreMadeRelativeToTheRoot) {
  Report T;
  T.add("heap.double-free", Severity::High, "/abs/root dir/src/x.c", 1, 1, "inside");
  T.add("heap.double-free", Severity::High, "/abs/root dirty/y.c", 2, 1, "beside");
  T.add("heap.double-free", Severity::High, "/usr/include/string.h", 3, 1, "outside");
  T.finish();
  llvm::json::Value Log = parse(renderSarif(T.R));
  const llvm::json::Array &Results = *sarifRun(Log)->getArray("results");
  ASSERT_EQ(Results.size(), 3u);
  auto Artifact = [&](size_t I) {
    return (*Results[I].getAsObject()->getArray("locations"))[0]
        .getAsObject()
        ->getObject("physicalLocation")
        ->getObject("artifactLocation");
  };
  EXPECT_EQ(str(Artifact(0)->get("uri")), "src/x.c");
  EXPECT_EQ(str(Artifact(0)->get("uriBaseId")), "%SRCROOT%");
  EXPECT_EQ(str(Artifact(1)->get("uri")), "file:///abs/root%20dirty/y.c");
  EXPECT_FALSE(Artifact(1)->get("uriBaseId"));
  EXPECT_EQ(str(Artifact(2)->get("uri")), "file:///usr/include/string.h");
}

TEST(MachineReportsSarifTest, CutKeepsTheMostSevereAndSaysSo) {
  Report T;
  T.add("conc.setjmp-longjmp", Severity::Low, "a.c", 1, 1, "low a");          // 0
  T.add("heap.double-free", Severity::High, "b.c", 1, 1, "high b");           // 1
  T.add("type.unchecked-cast", Severity::Medium, "c.c", 1, 1, "medium c");    // 2
  T.add("mem.unbounded-string-copy", Severity::Critical, "d.c", 1, 1, "crit"); // 3
  T.add("heap.double-free", Severity::High, "e.c", 1, 1, "high e");           // 4
  T.add("conc.setjmp-longjmp", Severity::Low, "f.c", 1, 1, "low f");          // 5
  const FindingsReport &R = T.finish();

  llvm::json::Value Log = parse(renderSarif(R, 2));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  const llvm::json::Array &Results = *Run->getArray("results");
  ASSERT_EQ(Results.size(), 2u);
  // The critical one and the first high one (canonical order breaks the
  // tie), written in canonical order.
  EXPECT_EQ(str(Results[0].getAsObject()->get("ruleId")), "heap.double-free");
  EXPECT_EQ(str(Results[0].getAsObject()->getObject("message")->get("text")), "high b.");
  EXPECT_EQ(str(Results[1].getAsObject()->get("ruleId")), "mem.unbounded-string-copy");

  const llvm::json::Object &Inv = *(*Run->getArray("invocations"))[0].getAsObject();
  EXPECT_EQ(Inv.getBoolean("executionSuccessful"), true);
  EXPECT_EQ(Inv.getObject("properties")->getInteger("resultsCut"), 4);
  EXPECT_EQ(Inv.getObject("properties")->getInteger("findings"), 6);
  const llvm::json::Array &Notes = *Inv.getArray("toolExecutionNotifications");
  ASSERT_EQ(Notes.size(), 1u);
  std::string Text = str(Notes[0].getAsObject()->getObject("message")->get("text"));
  EXPECT_NE(Text.find("4 results were cut"), std::string::npos) << Text;
  EXPECT_NE(Text.find("0 critical, 1 high, 1 medium, 2 low"), std::string::npos) << Text;
  EXPECT_EQ(str(Notes[0].getAsObject()->get("level")), "warning");

  // With room for four: critical, both highs, the medium.
  llvm::json::Value Log4 = parse(renderSarif(R, 4));
  const llvm::json::Array &R4 = *sarifRun(Log4)->getArray("results");
  std::vector<std::string> Kept;
  for (const auto &V : R4)
    Kept.push_back(str(V.getAsObject()->getObject("message")->get("text")));
  EXPECT_EQ(Kept, (std::vector<std::string>{"high b.", "medium c.", "crit.", "high e."}));

  // No cut when everything fits.
  llvm::json::Value All = parse(renderSarif(R, 6));
  EXPECT_EQ(sarifRun(All)->getArray("results")->size(), 6u);
  EXPECT_TRUE((*sarifRun(All)->getArray("invocations"))[0]
                  .getAsObject()
                  ->getArray("toolExecutionNotifications")
                  ->empty());
}

TEST(MachineReportsSarifTest, UnknownRulesGetADescriptor) {
  Report T;
  T.add("zzz.meta", Severity::Medium, "a.c", 1, 1, "meta");
  T.add("aaa.other", Severity::Low, "a.c", 2, 1, "other");
  T.add("heap.double-free", Severity::High, "a.c", 3, 1, "known");
  const FindingsReport &R = T.finish();
  llvm::json::Value Log = parse(renderSarif(R));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  const llvm::json::Array &Rules = *Run->getObject("tool")->getObject("driver")->getArray("rules");
  ASSERT_EQ(Rules.size(), T.Rules.size() + 2);
  EXPECT_EQ(str(Rules[T.Rules.size()].getAsObject()->get("id")), "aaa.other");
  EXPECT_EQ(str(Rules[T.Rules.size() + 1].getAsObject()->get("id")), "zzz.meta");
  for (const auto &V : *Run->getArray("results")) {
    const llvm::json::Object &Res = *V.getAsObject();
    EXPECT_EQ(str(Rules[*Res.getInteger("ruleIndex")].getAsObject()->get("id")),
              str(Res.get("ruleId")));
  }
}

TEST(MachineReportsSarifTest, NotesWarningsAndFailedUnitsAreNotifications) {
  Report T;
  TranslationUnitFacts TU;
  TU.File = "src/broken.c";
  TU.Status = ParseStatus::Failed;
  TU.FailureReason = "crashed";
  T.Facts.TranslationUnits.push_back(TU);
  T.Scan.Notes.push_back("flags were inferred");
  T.Scan.Warnings.push_back("skipped an entry");
  T.finish();
  T.R.Scan = &T.Scan;
  T.R.Suppressed = 4;
  llvm::json::Value Log = parse(renderSarif(T.R));
  const llvm::json::Object &Inv =
      *(*sarifRun(Log)->getArray("invocations"))[0].getAsObject();
  EXPECT_EQ(Inv.getBoolean("executionSuccessful"), true);
  EXPECT_EQ(Inv.getObject("properties")->getInteger("suppressed"), 4);
  std::vector<std::string> Texts;
  for (const auto &N : *Inv.getArray("toolExecutionNotifications"))
    Texts.push_back(str(N.getAsObject()->get("level")) + " " +
                    str(N.getAsObject()->getObject("message")->get("text")));
  EXPECT_EQ(Texts, (std::vector<std::string>{"warning src/broken.c: not analysed: crashed.",
                                             "warning skipped an entry.",
                                             "note flags were inferred."}));
}

TEST(MachineReportsSarifTest, ColumnsAreUtf16CodeUnits) {
  char Dir[] = "/tmp/carcinize-sarif-XXXXXX";
  ASSERT_TRUE(mkdtemp(Dir));
  std::string Root = Dir;
  // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
  std::ofstream(Root + "/u.c") << "/* \xC3\xA9 */ strcpy(a, b);\n\xF0\x9F\x98\x80 x;\n";
  Report T;
  T.add("mem.unbounded-string-copy", Severity::Critical, "u.c", 1, 11, "m"); // byte 11 -> 10
  T.add("mem.unbounded-string-copy", Severity::Critical, "u.c", 2, 6, "m");  // byte 6 -> 4
  T.add("mem.unbounded-string-copy", Severity::Critical, "gone.c", 2, 6, "m");
  T.finish();
  T.R.Root = Root;
  llvm::json::Value Log = parse(renderSarif(T.R));
  const llvm::json::Object *Run = sarifRun(Log);
  ASSERT_TRUE(Run);
  EXPECT_EQ(str(Run->get("columnKind")), "utf16CodeUnits");
  std::vector<int64_t> Columns;
  for (const auto &V : *Run->getArray("results"))
    Columns.push_back(*(*V.getAsObject()->getArray("locations"))[0]
                           .getAsObject()
                           ->getObject("physicalLocation")
                           ->getObject("region")
                           ->getInteger("startColumn"));
  EXPECT_EQ(Columns, (std::vector<int64_t>{10, 4, 6}));
  std::remove((Root + "/u.c").c_str());
  rmdir(Dir);
}

TEST(MachineReportsSarifTest, IsDeterministic) {
  Report T;
  for (unsigned I = 0; I < 50; ++I)
    T.add(I % 2 ? "heap.double-free" : "type.unchecked-cast",
          static_cast<Severity>(I % 4), "f" + std::to_string(I) + ".c", I + 1, 1, "m");
  const FindingsReport &R = T.finish();
  EXPECT_EQ(renderSarif(R, 10), renderSarif(R, 10));
  EXPECT_EQ(renderSarif(R), renderSarif(R));
}

// ---------------------------------------------------------------------------
// GitHub annotations
// ---------------------------------------------------------------------------

/// A workflow command as the runner reads it (actions/runner
/// ActionCommand.TryParseV2): `::name k=v,k=v::message`, values unescaped.
struct Command {
  std::string Name;
  std::map<std::string, std::string> Props;
  std::string Message;
};

std::string unescape(std::string S, bool Property) {
  std::vector<std::pair<std::string, std::string>> Map = {{"%0D", "\r"}, {"%0A", "\n"}};
  if (Property) {
    Map.push_back({"%3A", ":"});
    Map.push_back({"%2C", ","});
  }
  Map.push_back({"%25", "%"}); // last, as the runner does
  for (const auto &[From, To] : Map) {
    for (size_t At = 0; (At = S.find(From, At)) != std::string::npos; At += To.size())
      S.replace(At, From.size(), To);
  }
  return S;
}

bool parseCommand(const std::string &Line, Command &Out) {
  if (Line.rfind("::", 0) != 0)
    return false;
  size_t End = Line.find("::", 2);
  if (End == std::string::npos)
    return false;
  std::string Head = Line.substr(2, End - 2);
  Out.Message = unescape(Line.substr(End + 2), false);
  size_t Space = Head.find(' ');
  Out.Name = Head.substr(0, Space);
  Out.Props.clear();
  if (Space != std::string::npos) {
    std::stringstream In(Head.substr(Space + 1));
    for (std::string KV; std::getline(In, KV, ',');) {
      size_t Eq = KV.find('=');
      if (Eq == std::string::npos)
        return false;
      Out.Props[KV.substr(0, Eq)] = unescape(KV.substr(Eq + 1), true);
    }
  }
  return true;
}

TEST(MachineReportsGitHubAnnotationsTest, OneCommandPerFinding) {
  Report T;
  T.add("type.unchecked-cast", Severity::Medium, "src/a.c", 3, 5, "a cast");
  T.add("heap.double-free", Severity::High, "src/b.c", 7, 2, "freed twice");
  T.add("conc.setjmp-longjmp", Severity::Low, "src/c.c", 9, 0, "setjmp");
  const FindingsReport &R = T.finish();
  EXPECT_EQ(renderGitHubAnnotations(R),
            "::error file=src/b.c,line=7,col=2,endLine=7,title=carcinize%3A "
            "heap.double-free::high: freed twice\n"
            "::warning file=src/a.c,line=3,col=5,endLine=3,title=carcinize%3A "
            "type.unchecked-cast::medium: a cast\n"
            "::warning file=src/c.c,line=9,endLine=9,title=carcinize%3A "
            "conc.setjmp-longjmp::low: setjmp\n");
  Report Empty;
  EXPECT_EQ(renderGitHubAnnotations(Empty.finish()), "");
}

TEST(MachineReportsGitHubAnnotationsTest, HostileNamesAndMessagesRoundTrip) {
  Report T;
  std::vector<std::string> Files = {"a.c::error::x%0A.c", "comma,colon:.c", "new\nline\r.c",
                                    "sp ace/\xC3\xBC|pipe.c", "%25%3A.c"};
  for (const auto &F : Files)
    T.add("heap.double-free", Severity::High, F, 4, 2,
          "msg\n::error file=evil.c::pwned %0A 100% done, a:b");
  const FindingsReport &R = T.finish();
  std::string Out = renderGitHubAnnotations(R);
  std::vector<std::string> L = lines(Out);
  ASSERT_EQ(L.size(), Files.size()) << Out;
  for (size_t I = 0; I < L.size(); ++I) {
    Command C;
    ASSERT_TRUE(parseCommand(L[I], C)) << L[I];
    EXPECT_EQ(C.Name, "error");
    EXPECT_EQ(C.Props["file"], Files[I]) << L[I];
    EXPECT_EQ(C.Props["line"], "4");
    EXPECT_EQ(C.Props["col"], "2");
    EXPECT_EQ(C.Props["endLine"], "4");
    EXPECT_EQ(C.Props["title"], "carcinize: heap.double-free");
    EXPECT_EQ(C.Props.size(), 5u);
    EXPECT_EQ(C.Message, "high: msg\n::error file=evil.c::pwned %0A 100% done, a:b");
  }
  EXPECT_NE(Out.find("file=a.c%3A%3Aerror%3A%3Ax%250A.c,"), std::string::npos) << Out;
  EXPECT_NE(Out.find("file=comma%2Ccolon%3A.c,"), std::string::npos) << Out;
  EXPECT_NE(Out.find("file=new%0Aline%0D.c,"), std::string::npos) << Out;
}

TEST(MachineReportsGitHubAnnotationsTest, TenOfEachKindThenAMoreLine) {
  Report T;
  // In canonical order: lows first, so the order of the output is the sort's.
  for (unsigned I = 0; I < 6; ++I)
    T.add("conc.setjmp-longjmp", Severity::Low, "low" + std::to_string(I) + ".c", 1, 1, "l");
  for (unsigned I = 0; I < 12; ++I)
    T.add("type.unchecked-cast", Severity::Medium, "med" + std::to_string(I) + ".c", 1, 1, "m");
  for (unsigned I = 0; I < 13; ++I)
    T.add("heap.double-free", Severity::High, "high" + std::to_string(I) + ".c", 1, 1, "h");
  T.add("mem.unbounded-string-copy", Severity::Critical, "zcrit.c", 1, 1, "c");
  const FindingsReport &R = T.finish();
  std::vector<std::string> L = lines(renderGitHubAnnotations(R));
  ASSERT_EQ(L.size(), 21u);
  std::vector<std::string> ErrorFiles, WarningFiles;
  for (size_t I = 0; I < 20; ++I) {
    Command C;
    ASSERT_TRUE(parseCommand(L[I], C)) << L[I];
    (C.Name == "error" ? ErrorFiles : WarningFiles).push_back(C.Props["file"]);
  }
  ASSERT_EQ(ErrorFiles.size(), 10u);
  ASSERT_EQ(WarningFiles.size(), 10u);
  // Most severe first: the critical, then the first nine highs; the mediums
  // fill the warnings and no low is shown.
  EXPECT_EQ(ErrorFiles[0], "zcrit.c");
  for (unsigned I = 0; I < 9; ++I)
    EXPECT_EQ(ErrorFiles[I + 1], "high" + std::to_string(I) + ".c");
  for (unsigned I = 0; I < 10; ++I)
    EXPECT_EQ(WarningFiles[I], "med" + std::to_string(I) + ".c");
  // The errors come before the warnings.
  EXPECT_EQ(L[0].rfind("::error ", 0), 0u);
  EXPECT_EQ(L[19].rfind("::warning ", 0), 0u);
  // 4 highs, 2 mediums, 6 lows are left for the summary.
  Command More;
  ASSERT_TRUE(parseCommand(L[20], More)) << L[20];
  EXPECT_EQ(More.Name, "notice");
  EXPECT_NE(More.Message.find("12 more findings"), std::string::npos) << More.Message;
  EXPECT_NE(More.Message.find("--format markdown"), std::string::npos) << More.Message;

  // Exactly ten of each: no "more" line.
  Report Ten;
  for (unsigned I = 0; I < 10; ++I) {
    Ten.add("heap.double-free", Severity::High, "h.c", I + 1, 1, "h");
    Ten.add("type.unchecked-cast", Severity::Low, "l.c", I + 1, 1, "l");
  }
  std::string Out = renderGitHubAnnotations(Ten.finish());
  EXPECT_EQ(lines(Out).size(), 20u);
  EXPECT_EQ(Out.find("::notice"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Markdown summary
// ---------------------------------------------------------------------------

/// The cells of a table row: split on '|' not escaped by a backslash.
std::vector<std::string> cells(const std::string &Row) {
  std::vector<std::string> Out;
  std::string Cur;
  for (size_t I = 0; I < Row.size(); ++I) {
    if (Row[I] == '\\' && I + 1 < Row.size()) {
      Cur += Row[I];
      Cur += Row[++I];
    } else if (Row[I] == '|') {
      Out.push_back(Cur);
      Cur.clear();
    } else {
      Cur += Row[I];
    }
  }
  Out.push_back(Cur);
  // "| a | b |" -> "", " a ", " b ", "": drop the outer two.
  if (Out.size() >= 2) {
    Out.erase(Out.begin());
    Out.pop_back();
  }
  for (auto &C : Out) {
    size_t B = C.find_first_not_of(' '), E = C.find_last_not_of(' ');
    C = B == std::string::npos ? "" : C.substr(B, E - B + 1);
  }
  return Out;
}

/// The rows of the table whose header starts with \p Header.
std::vector<std::vector<std::string>> table(const std::string &Md, const std::string &Header) {
  std::vector<std::vector<std::string>> Rows;
  std::vector<std::string> L = lines(Md);
  for (size_t I = 0; I < L.size(); ++I) {
    if (L[I].rfind(Header, 0) != 0)
      continue;
    for (size_t J = I + 2; J < L.size() && !L[J].empty() && L[J][0] == '|'; ++J)
      Rows.push_back(cells(L[J]));
    break;
  }
  return Rows;
}

TEST(MachineReportsMarkdownSummaryTest, CountsRankingAndFindings) {
  Report T;
  T.add("type.unchecked-cast", Severity::Medium, "src/a.c", 3, 5, "a cast");
  T.add("heap.double-free", Severity::High, "src/b.c", 7, 2, "freed twice");
  T.add("heap.double-free", Severity::High, "src/c.c", 8, 1, "freed again");
  T.finish();
  ModuleScore M;
  M.Name = "src/net";
  M.Rank = 1;
  M.Priority = 2.5;
  M.Value = 1.25;
  M.Risk = 0.5;
  M.Exposure = 0.75;
  M.Hotness = 0.1;
  M.Effort = 0.5;
  M.PersonDays = 6.5; // the table shows person-days, not the 0..1 effort
  M.CodeLines = 420;
  M.Reasons = {"3 high findings", "second reason"};
  T.Modules.push_back(M);
  T.Scan.Modules = &T.Modules;
  T.R.Scan = &T.Scan;
  T.R.Suppressed = 2;
  T.R.Baselined = 5;
  T.R.OutsideDiff = 1;
  std::string Md = renderMarkdownSummary(T.R);
  EXPECT_EQ(Md.rfind("## carcinize: 3 findings\n", 0), 0u) << Md;
  auto Counts = table(Md, "| severity | findings |");
  ASSERT_EQ(Counts.size(), 4u) << Md;
  EXPECT_EQ(Counts[0], (std::vector<std::string>{"critical", "0"}));
  EXPECT_EQ(Counts[1], (std::vector<std::string>{"high", "2"}));
  EXPECT_EQ(Counts[2], (std::vector<std::string>{"medium", "1"}));
  EXPECT_EQ(Counts[3], (std::vector<std::string>{"low", "0"}));
  EXPECT_NE(Md.find("2 suppressed inline, 5 in the baseline, 1 on unchanged lines"),
            std::string::npos)
      << Md;
  auto Modules = table(Md, "| rank | module |");
  ASSERT_EQ(Modules.size(), 1u) << Md;
  EXPECT_EQ(Modules[0], (std::vector<std::string>{"1", "src/net", "2.50", "1.25", "0.50", "0.75",
                                                  "0.10", "6.5", "420", "3 high findings"}));
  auto Findings = table(Md, "| severity | location |");
  ASSERT_EQ(Findings.size(), 3u) << Md;
  EXPECT_EQ(Findings[0], (std::vector<std::string>{"high", "src/b.c:7:2", "heap.double-free",
                                                   "freed twice"}));
  EXPECT_EQ(Findings[2][0], "medium");
  EXPECT_EQ(Md.find("more"), std::string::npos) << Md;

  // Without a ranking, no module table.
  T.R.Scan = nullptr;
  EXPECT_EQ(renderMarkdownSummary(T.R).find("| rank |"), std::string::npos);
}

TEST(MachineReportsMarkdownSummaryTest, CellsAreEscaped) {
  Report T;
  T.add("heap.double-free", Severity::High, "a|b<script>&amp;`x`.c", 1, 1,
        "line1\nline2 | [link](http://x) *em* <img src=x> \x1b[31m $x$");
  T.add("heap.double-free", Severity::High, "a.c::error::x%0A.c", 2, 1, "ok");
  T.finish();
  std::string Md = renderMarkdownSummary(T.R);
  auto Rows = table(Md, "| severity | location |");
  ASSERT_EQ(Rows.size(), 2u) << Md;
  for (const auto &Row : Rows)
    EXPECT_EQ(Row.size(), 4u) << Md;
  EXPECT_EQ(Rows[0][1], "a\\|b&lt;script&gt;&amp;amp;\\`x\\`.c:1:1");
  const std::string &Msg = Rows[0][3];
  for (const char *Raw : {"\n", "<img", "[link]", "*em*", "\x1b", "`", "$x$"})
    EXPECT_EQ(Msg.find(Raw), std::string::npos) << Raw << " in " << Msg;
  EXPECT_NE(Msg.find("line1<br>line2 \\| \\[link\\](http://x) \\*em\\* &lt;img src=x&gt;"),
            std::string::npos)
      << Msg;
  EXPECT_EQ(Rows[1][1], "a.c::error::x%0A.c:2:1");
}

TEST(MachineReportsMarkdownSummaryTest, FindingsTableIsCapped) {
  Report T;
  std::string Long(20000, 'x');
  for (unsigned I = 0; I < 5000; ++I)
    T.add("type.unchecked-cast", I == 4999 ? Severity::Critical : Severity::Medium,
          "f" + std::to_string(I) + ".c", 1, 1, Long);
  T.finish();
  std::string Md = renderMarkdownSummary(T.R);
  EXPECT_LT(Md.size(), 512u * 1024);
  auto Rows = table(Md, "| severity | location |");
  ASSERT_FALSE(Rows.empty());
  ASSERT_LE(Rows.size(), 200u);
  EXPECT_EQ(Rows[0][0], "critical"); // the most severe survive the cap
  EXPECT_NE(Md.find("... and " + std::to_string(5000 - Rows.size()) + " more"),
            std::string::npos);
  for (const auto &Row : Rows)
    EXPECT_LT(Row[3].size(), 600u);
}

// ---------------------------------------------------------------------------
// GitLab Code Quality
// ---------------------------------------------------------------------------

TEST(MachineReportsCodeQualityTest, IssuesWithGitLabSeverities) {
  Report T;
  T.add("conc.setjmp-longjmp", Severity::Low, "a.c", 1, 1, "low");
  T.add("type.unchecked-cast", Severity::Medium, "b,c:|.c", 2, 1, "medium\n\"quoted\"");
  T.add("heap.double-free", Severity::High, "c.c", 3, 1, "high");
  T.add("mem.unbounded-string-copy", Severity::Critical, "d.c", 0, 0, "critical");
  const FindingsReport &R = T.finish();
  llvm::json::Value V = parse(renderCodeQuality(R));
  const llvm::json::Array *Issues = V.getAsArray();
  ASSERT_TRUE(Issues);
  ASSERT_EQ(Issues->size(), 4u);
  const char *Sev[] = {"minor", "major", "critical", "blocker"};
  std::set<std::string> Fingerprints;
  for (size_t I = 0; I < 4; ++I) {
    const llvm::json::Object &O = *(*Issues)[I].getAsObject();
    const Finding &F = *R.Findings[I];
    EXPECT_EQ(str(O.get("type")), "issue");
    EXPECT_EQ(str(O.get("engine_name")), "carcinize");
    EXPECT_EQ(str(O.get("check_name")), F.RuleId);
    EXPECT_EQ(str(O.get("description")), F.Message);
    EXPECT_EQ(str(O.get("severity")), Sev[I]);
    EXPECT_EQ(str(O.get("fingerprint")), "fp" + std::to_string(I));
    ASSERT_TRUE(O.getArray("categories"));
    EXPECT_EQ(str(&(*O.getArray("categories"))[0]), "Security");
    EXPECT_EQ(str(O.getObject("location")->get("path")), F.File);
    EXPECT_EQ(O.getObject("location")->getObject("lines")->getInteger("begin"),
              std::max(F.Line, 1u));
    Fingerprints.insert(str(O.get("fingerprint")));
  }
  EXPECT_EQ(Fingerprints.size(), 4u);
  Report Empty;
  EXPECT_EQ(renderCodeQuality(Empty.finish()), "[]\n");
}

TEST(MachineReportsCodeQualityTest, FingerprintsStayUnique) {
  Report T;
  T.add("heap.double-free", Severity::High, "a.c", 1, 1, "x");
  T.add("heap.double-free", Severity::High, "a.c", 2, 1, "x");
  T.add("heap.double-free", Severity::High, "a.c", 3, 1, "x");
  T.finish();
  T.R.Fingerprints = {"same", "same", ""}; // a caller's bug, and a missing one
  llvm::json::Value V = parse(renderCodeQuality(T.R));
  std::set<std::string> Seen;
  for (const auto &I : *V.getAsArray()) {
    std::string Fp = str(I.getAsObject()->get("fingerprint"));
    EXPECT_FALSE(Fp.empty());
    EXPECT_TRUE(Seen.insert(Fp).second) << Fp;
  }
}

} // namespace
} // namespace carcinize
