// The HTML report on hand-made facts: hostile names and messages are
// escaped (in markup and in the embedded JSON), modules come in rank order
// with their drill-downs, findings carry source snippets, nothing refers to
// the network, and the missing ranking or analysis only removes sections.
#include "report/HtmlReport.h"

#include "rank/Ranker.h"

#include <gtest/gtest.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/Support/Base64.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/SHA256.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {
namespace {

struct Call {
  std::string Usr, Name;
  unsigned Line;
};

FunctionFacts fn(const std::string &Name, const std::string &File, unsigned Begin, unsigned Lines,
                 std::vector<Call> Calls = {}) {
  FunctionFacts F;
  F.Usr = "c:@F@" + Name;
  F.Name = Name;
  F.File = File;
  F.BeginLine = Begin;
  F.EndLine = Begin + Lines;
  F.CodeLines = Lines;
  F.Complexity = 1 + Lines / 10;
  for (const Call &C : Calls) {
    CallSite S;
    S.CalleeUsr = C.Usr;
    S.CalleeName = C.Name;
    S.Line = C.Line;
    F.Callees.push_back(S);
  }
  F.ParamKinds = "p";
  F.ParamTypes = {"char *"};
  F.ParamNames = {"p"};
  return F;
}

TranslationUnitFacts tu(const std::string &File) {
  TranslationUnitFacts T;
  T.File = File;
  return T;
}

Finding finding(const std::string &Rule, const std::string &File, Severity S, unsigned Line,
                unsigned Column, const std::string &Fn, const std::string &Message) {
  Finding F;
  F.RuleId = Rule;
  F.File = File;
  F.Sev = S;
  F.Line = Line;
  F.Column = Column;
  F.FunctionUsr = "c:@F@" + Fn;
  F.FunctionName = Fn;
  F.Message = Message;
  return F;
}

// An exposed parser with unsafe copies (ranked first: the default order is
// the value order, and at the same size the parser holds more danger) and an
// internal utility of the same size with many low findings.
ScanFacts twoModules() {
  ScanFacts S;
  S.Tool.Version = "9.8.7";
  S.TranslationUnits = {tu("parser.c"), tu("util.c")};
  S.Files = {{"parser.c", 60, Language::C, {}}, {"util.c", 60, Language::C, {}}};
  S.Functions.push_back(
      fn("read_packet", "parser.c", 3, 20, {{"c:@F@recv", "recv", 4}, {"c:@F@parse", "parse", 5}}));
  S.Functions.push_back(fn("parse", "parser.c", 8, 40, {{"c:@F@util_sum", "util_sum", 9}}));
  S.Functions.push_back(fn("util_sum", "util.c", 1, 60));
  for (unsigned I = 0; I < 3; ++I)
    S.Findings.push_back(finding("mem.unbounded-string-copy", "parser.c", Severity::High, 10 + I, 5,
                                 "parse", "'strcpy' copies into 'buf'"));
  for (unsigned I = 0; I < 12; ++I)
    S.Findings.push_back(finding("mem.pointer-arithmetic", "util.c", Severity::Low, 10 + I, 3,
                                 "util_sum", "pointer moved"));
  S.Findings.push_back(finding("trust.network-input", "parser.c", Severity::Low, 4, 3,
                               "read_packet", "'recv' reads network input"));
  S.normalize();
  return S;
}

/// Everything the report needs, kept alive together (the analysis points
/// into the facts).
struct Fixture {
  ScanFacts Facts;
  ProgramAnalysis Analysis;
  std::vector<ModuleScore> Modules;
  ScanContext Ctx;
  explicit Fixture(ScanFacts F, std::string Root = "/nonexistent-carcinize-root")
      : Facts(std::move(F)), Analysis(analyzeProgram(Facts, BoundaryConfig())),
        Modules(rankModules(Facts, Analysis, RankOptions())) {
    Ctx.RootLabel = "project";
    Ctx.Root = std::move(Root);
    Ctx.Modules = &Modules;
  }
  std::string render() { return renderScanHtml(Facts, Ctx, &Analysis); }
};

size_t count(const std::string &Text, const std::string &Sub) {
  size_t N = 0;
  for (size_t At = Text.find(Sub); At != std::string::npos; At = Text.find(Sub, At + 1))
    ++N;
  return N;
}

/// The content of the first element opening with \p Open, up to \p Close.
std::string between(const std::string &Text, const std::string &Open, const std::string &Close) {
  size_t B = Text.find(Open);
  if (B == std::string::npos)
    return "";
  B = Text.find('>', B) + 1;
  size_t E = Text.find(Close, B);
  return E == std::string::npos ? "" : Text.substr(B, E - B);
}

std::string jsonBlock(const std::string &Html) {
  return between(Html, "<script type=\"application/json\" id=\"carcinize-data\"", "</script>");
}

/// The names of the tags of the page outside <script> and <style> blocks
/// (whose content is not markup).
std::set<std::string> tagNames(std::string Html) {
  for (const char *Block : {"script", "style"}) {
    std::string Open = std::string("<") + Block, Close = std::string("</") + Block + ">";
    for (size_t B = Html.find(Open); B != std::string::npos; B = Html.find(Open, B + 1)) {
      size_t Start = Html.find('>', B) + 1, End = Html.find(Close, Start);
      if (End == std::string::npos)
        break;
      Html.erase(Start, End - Start);
    }
  }
  std::set<std::string> Names;
  for (size_t At = Html.find('<'); At != std::string::npos; At = Html.find('<', At + 1)) {
    size_t E = At + 1;
    while (E < Html.size() &&
           (isalnum(static_cast<unsigned char>(Html[E])) || Html[E] == '/' || Html[E] == '!'))
      ++E;
    Names.insert(Html.substr(At + 1, E - At - 1));
  }
  return Names;
}

/// \p Text as the page shows it (the escaping is written out here rather
/// than shared with the code under test).
std::string escaped(const std::string &Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

std::string makeTempDir() {
  char Dir[] = "/tmp/carcinize-html-XXXXXX";
  return mkdtemp(Dir) ? Dir : "";
}

TEST(HtmlReportTest, EscapesHostileNamesAndMessages) {
  const std::string Evil = "<script>alert(1)</script>.c";
  ScanFacts S;
  S.Tool.Version = "\"><script>alert(4)</script>";
  S.TranslationUnits = {tu(Evil)};
  S.Files = {{Evil, 10, Language::C, {}}};
  S.Functions.push_back(
      fn("</script><script>alert(2)</script>", Evil, 1, 8, {{"c:@F@recv", "recv", 2}}));
  S.Findings.push_back(finding("mem.unbounded-string-copy", Evil, Severity::Critical, 3, 1,
                               "</script><script>alert(2)</script>",
                               "</script><img src=x onerror=alert(3)> & \"quoted\" 'single'"));
  S.normalize();
  Fixture F(std::move(S));
  F.Ctx.RootLabel = "<b>root</b>";
  F.Ctx.Notes = {"note <iframe src=x></iframe>"};
  F.Ctx.Warnings = {"warning </style><script>alert(5)</script>"};
  ASSERT_EQ(F.Modules.size(), 1u);
  std::string Html = F.render();

  // Nothing from the data became markup.
  EXPECT_EQ(Html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(Html.find("<img"), std::string::npos);
  EXPECT_EQ(Html.find("<iframe"), std::string::npos);
  EXPECT_EQ(Html.find("<b>root"), std::string::npos);
  EXPECT_EQ(Html.find("\"><script"), std::string::npos);
  // Exactly the page's own two script blocks (data and code), one style.
  EXPECT_EQ(count(Html, "<script"), 2u);
  EXPECT_EQ(count(Html, "</script"), 2u);
  EXPECT_EQ(count(Html, "</style"), 1u);
  std::set<std::string> Allowed = {
      "!DOCTYPE", "html",     "/html",   "head",     "/head",    "meta",      "title",  "/title",
      "style",    "/style",   "body",    "/body",    "header",   "/header",   "h1",     "/h1",
      "h2",       "/h2",      "h3",      "/h3",      "span",     "/span",     "div",    "/div",
      "code",     "/code",    "nav",     "/nav",     "a",        "/a",        "main",   "/main",
      "section",  "/section", "ul",      "/ul",      "li",       "/li",       "b",      "/b",
      "p",        "/p",       "svg",     "/svg",     "noscript", "/noscript", "table",  "/table",
      "thead",    "/thead",   "tbody",   "/tbody",   "tr",       "/tr",       "th",     "/th",
      "td",       "/td",      "details", "/details", "summary",  "/summary",  "pre",    "/pre",
      "br",       "button",   "/button", "footer",   "/footer",  "script",    "/script",
      // The search box and filters.
      "label",    "/label",   "input",   "select",   "/select",  "option",    "/option",
      "output",   "/output"};
  for (const auto &Tag : tagNames(Html))
    EXPECT_TRUE(Allowed.count(Tag)) << "unexpected tag <" << Tag << "> in the page";
  // "/b" is allowed for the page's own <b>note</b>; the root label's must be text.
  EXPECT_NE(Html.find("&lt;b&gt;root&lt;/b&gt;"), std::string::npos);

  // ...and is shown as text.
  EXPECT_NE(Html.find("&lt;script&gt;alert(1)&lt;/script&gt;.c"), std::string::npos);
  EXPECT_NE(Html.find("&lt;/script&gt;&lt;img src=x onerror=alert(3)&gt; &amp; &quot;quoted&quot; "
                      "&#39;single&#39;"),
            std::string::npos);
  EXPECT_NE(Html.find("note &lt;iframe src=x&gt;&lt;/iframe&gt;"), std::string::npos);
  EXPECT_NE(Html.find("&lt;/style&gt;&lt;script&gt;alert(5)"), std::string::npos);
  EXPECT_NE(Html.find("&quot;&gt;&lt;script&gt;alert(4)"), std::string::npos);

  // The embedded JSON cannot close its block, and still says the same.
  std::string Json = jsonBlock(Html);
  ASSERT_FALSE(Json.empty());
  EXPECT_EQ(Json.find_first_of("<>&"), std::string::npos) << Json;
  EXPECT_NE(Json.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e.c"), std::string::npos);
  auto Parsed = llvm::json::parse(Json);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  const auto *Mods = Parsed->getAsObject()->getArray("modules");
  ASSERT_TRUE(Mods && Mods->size() == 1);
  EXPECT_EQ((*Mods)[0].getAsObject()->getString("name"), llvm::StringRef(Evil));
}

TEST(HtmlReportTest, EmbeddedJsonEscapesLineSeparatorsAndInvalidUtf8) {
  // U+2028, U+2029 and a stray byte in a file name.
  const std::string Odd = "a\xE2\x80\xA8"
                          "b\xE2\x80\xA9"
                          "c\xFF.c";
  ScanFacts S;
  S.Files = {{Odd, 3, Language::C, {}}};
  S.Functions.push_back(fn("f", Odd, 1, 3));
  S.normalize();
  Fixture F(std::move(S));
  std::string Html = F.render();
  std::string Json = jsonBlock(Html);
  EXPECT_NE(Json.find("a\\u2028b\\u2029c"), std::string::npos) << Json;
  EXPECT_EQ(Json.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_EQ(Json.find("\xE2\x80\xA9"), std::string::npos);
  EXPECT_TRUE(bool(llvm::json::parse(Json)));
  // The page is valid UTF-8 throughout: the stray byte became U+FFFD.
  EXPECT_TRUE(llvm::json::isUTF8(Html));
  EXPECT_EQ(Html.find('\xFF'), std::string::npos);
}

TEST(HtmlReportTest, ModulesInRankOrderWithDrillDowns) {
  Fixture F(twoModules());
  ASSERT_EQ(F.Modules.size(), 2u);
  ASSERT_EQ(F.Modules[0].Name, "parser.c");
  std::string Html = F.render();

  // The ranking table, then one drill-down per module, both in rank order.
  std::string Table = between(Html, "<table class=\"sortable\" data-table=\"modules\"", "</table>");
  size_t Parser = Table.find("<tr data-module=\"parser.c\" data-files=\"");
  size_t Util = Table.find("<tr data-module=\"util.c\" data-files=\"");
  ASSERT_NE(Parser, std::string::npos);
  ASSERT_NE(Util, std::string::npos);
  EXPECT_LT(Parser, Util);
  // The first drill-down open; each names its module and files (filters).
  auto Tag = [&](const std::string &Start) {
    size_t At = Html.find(Start);
    return At == std::string::npos ? std::string() : Html.substr(At, Html.find('>', At) - At + 1);
  };
  std::string Open1 = Tag("<details class=\"module\" id=\"m1\" data-module=\"parser.c\"");
  std::string Open2 = Tag("<details class=\"module\" id=\"m2\" data-module=\"util.c\"");
  EXPECT_NE(Open1.find(" open>"), std::string::npos) << Open1;
  EXPECT_NE(Open1.find("data-files=\"parser.c"), std::string::npos) << Open1;
  EXPECT_EQ(Open2.find(" open"), std::string::npos) << Open2;
  EXPECT_NE(Open2.find("data-files=\"util.c"), std::string::npos) << Open2;
  EXPECT_LT(Html.find("id=\"m1\""), Html.find("id=\"m2\""));
  // The chart's data is in the same order, with the facets.
  auto Parsed = llvm::json::parse(jsonBlock(Html));
  ASSERT_TRUE(bool(Parsed));
  const auto *Mods = Parsed->getAsObject()->getArray("modules");
  ASSERT_TRUE(Mods && Mods->size() == 2);
  const auto *First = (*Mods)[0].getAsObject();
  EXPECT_EQ(First->getString("name"), llvm::StringRef("parser.c"));
  EXPECT_EQ(First->getString("id"), llvm::StringRef("m1"));
  for (const char *Facet : {"priority", "value", "risk", "exposure", "hotness", "effort"})
    EXPECT_TRUE(First->getNumber(Facet).has_value()) << Facet;
  EXPECT_EQ((*Mods)[1].getAsObject()->getString("name"), llvm::StringRef("util.c"));

  // The drill-down of parser.c: its reasons, its functions with exposure.
  std::string M1 = between(Html, "<details class=\"module\" id=\"m1\"", "</details>");
  ASSERT_FALSE(F.Modules[0].Reasons.empty());
  for (const auto &Reason : F.Modules[0].Reasons)
    EXPECT_NE(M1.find("<li>" + escaped(Reason) + "</li>"), std::string::npos) << Reason;
  EXPECT_NE(M1.find("data-table=\"m1-functions\""), std::string::npos);
  EXPECT_NE(M1.find("<code>read_packet</code>"), std::string::npos);
  EXPECT_NE(M1.find("<code>parse</code>"), std::string::npos);
  EXPECT_EQ(M1.find("<code>util_sum</code>"), std::string::npos);
  EXPECT_NE(M1.find("reads network input"), std::string::npos);
  EXPECT_EQ(count(M1, "<div class=\"finding\">"), 3u);
  // Sortable headers, with numeric columns marked so.
  EXPECT_NE(Table.find("<th data-key=\"lines\" data-type=\"num\" class=\"num\">Lines</th>"),
            std::string::npos);
}

// Issue 16: coverage beside the score, and low coverage said first.
TEST(HtmlReportTest, CoverageColumnAndLowCoverageWarning) {
  Fixture F(twoModules());
  // Without a measured coverage: no column, no warning.
  std::string Plain = F.render();
  EXPECT_EQ(count(Plain, "data-key=\"seen\""), 0u);
  ScanCoverage C;
  C.Measured = true;
  C.Scan.CodeLines = 200;
  C.Scan.Inactive = 150;
  C.Modules["parser.c"].CodeLines = 100;
  C.Modules["parser.c"].Inactive = 75;
  C.Modules["util.c"].CodeLines = 100;
  F.Ctx.Coverage = &C;
  std::string Html = F.render();
  std::string Table = between(Html, "<table class=\"sortable\" data-table=\"modules\"", "</table>");
  EXPECT_EQ(count(Table, "<th data-key=\"seen\" data-type=\"num\" class=\"num\">Seen</th>"), 1u);
  size_t Row = Table.find("<tr data-module=\"parser.c\"");
  ASSERT_NE(Row, std::string::npos);
  EXPECT_NE(Table.find("<td class=\"num\" data-v=\"0.250\">25%</td>", Row), std::string::npos)
      << Table;
  EXPECT_NE(Table.find("<td class=\"num\" data-v=\"1.000\">100%</td>"), std::string::npos);
  // The warning and its remedy open the summary, before the notes.
  size_t Warning = Html.find("<p class=\"warning coverage-warning\" role=\"alert\">");
  ASSERT_NE(Warning, std::string::npos);
  EXPECT_NE(Html.find("only 25% of the 200 code lines were analysed", Warning), std::string::npos);
  EXPECT_NE(Html.find("CMAKE_EXPORT_COMPILE_COMMANDS=ON", Warning), std::string::npos);
  EXPECT_NE(Html.find("25% analysed"), std::string::npos);
  // At 90% and above, no warning.
  C.Scan.Inactive = 10;
  EXPECT_EQ(F.render().find("coverage-warning"), std::string::npos);
}

TEST(HtmlReportTest, FindingsHaveSourceSnippets) {
  std::string Root = makeTempDir();
  ASSERT_FALSE(Root.empty());
  {
    std::ofstream Out(Root + "/parser.c");
    for (unsigned L = 1; L <= 20; ++L) {
      if (L == 10)
        Out << "\tstrcpy(buf, \"<b>\");\n";
      else
        Out << "int line" << L << ";\n";
    }
  }
  ScanFacts S = twoModules(); // util.c does not exist under Root
  Fixture F(std::move(S), Root);
  std::string Html = F.render();
  std::remove((Root + "/parser.c").c_str());
  rmdir(Root.c_str());

  std::string M1 = between(Html, "<details class=\"module\" id=\"m1\"", "</details>");
  // Two lines either side of line 10, the finding's line marked, escaped.
  EXPECT_NE(M1.find("<span class=\"l\"><span class=\"ln\">8</span>int line8;</span>"),
            std::string::npos);
  EXPECT_NE(M1.find("<span class=\"l hit\"><span class=\"ln\">10</span>\tstrcpy(buf, "
                    "&quot;&lt;b&gt;&quot;);</span>"),
            std::string::npos)
      << M1;
  EXPECT_NE(M1.find("<span class=\"ln\">12</span>int line12;"), std::string::npos);
  EXPECT_EQ(M1.find("<span class=\"ln\">7</span>"), std::string::npos);
  // The caret under column 5 keeps the tab: "\t" + 3 spaces.
  EXPECT_NE(M1.find("<span class=\"l caret\"><span class=\"ln\"></span>\t   ^</span>"),
            std::string::npos);
  // A file that cannot be read says so.
  std::string M2 = between(Html, "<details class=\"module\" id=\"m2\"", "</details>");
  EXPECT_NE(M2.find("source not available"), std::string::npos);
}

TEST(HtmlReportTest, RefersToNothingOnTheNetwork) {
  Fixture F(twoModules());
  F.Ctx.Notes = {"flags were inferred"};
  std::string Html = F.render();
  EXPECT_EQ(Html.find("http:"), std::string::npos);
  EXPECT_EQ(Html.find("https:"), std::string::npos);
  EXPECT_EQ(Html.find("src="), std::string::npos);
  EXPECT_EQ(Html.find("<link"), std::string::npos);
  EXPECT_EQ(Html.find("<img"), std::string::npos);
  EXPECT_EQ(Html.find("<iframe"), std::string::npos);
  EXPECT_EQ(Html.find("url("), std::string::npos);
  EXPECT_EQ(Html.find("@import"), std::string::npos);
  EXPECT_EQ(Html.find("fetch("), std::string::npos);
  EXPECT_EQ(Html.find("XMLHttpRequest"), std::string::npos);
  // Every href is a fragment of the page itself.
  for (size_t At = Html.find("href="); At != std::string::npos; At = Html.find("href=", At + 1))
    if (Html.compare(At, 7, "href=\"#") != 0)
      ADD_FAILURE() << "non-local link: " << Html.substr(At, 60);
  // And the page forbids the network anyway.
  EXPECT_NE(Html.find("Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
}

TEST(HtmlReportTest, PolicyAllowsExactlyThePageScript) {
  Fixture F(twoModules());
  std::string Html = F.render();
  size_t Open = Html.find("<script>");
  ASSERT_NE(Open, std::string::npos);
  size_t Begin = Open + 8, End = Html.find("</script>", Begin);
  std::string Script = Html.substr(Begin, End - Begin);
  auto Digest = llvm::SHA256::hash(
      llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Script.data()), Script.size()));
  std::string Hash = "script-src 'sha256-" + llvm::encodeBase64(Digest) + "'";
  EXPECT_NE(Html.find(Hash), std::string::npos) << "the CSP would block the page's script";
  EXPECT_EQ(Html.find("unsafe-eval"), std::string::npos);
  EXPECT_EQ(Html.find("script-src 'unsafe-inline'"), std::string::npos);
  // The script supports the #sort= fragment and sortable tables.
  EXPECT_NE(Script.find("sort="), std::string::npos);
  EXPECT_NE(Script.find("table.sortable"), std::string::npos);
}

TEST(HtmlReportTest, SummaryFindingsAndFunctions) {
  ScanFacts S = twoModules();
  S.Findings.push_back(finding("mem.unbounded-string-copy", "parser.c", Severity::High, 40, 1,
                               "parse", "reviewed copy"));
  S.Findings.back().Suppressed = true;
  S.TranslationUnits[1].Status = ParseStatus::Recovered;
  S.TranslationUnits[1].ErrorCount = 2;
  S.normalize();
  Fixture F(std::move(S));
  F.Ctx.Notes = {"flags were inferred"};
  F.Ctx.Warnings = {"skipped 1 database entry"};
  std::string Html = F.render();

  EXPECT_NE(Html.find("<span class=\"version\">9.8.7</span>"), std::string::npos);
  EXPECT_NE(Html.find("1 clean &middot; 1 recovered &middot; 0 failed"), std::string::npos);
  EXPECT_NE(Html.find("<li class=\"note\"><b>note</b>flags were inferred</li>"), std::string::npos);
  EXPECT_NE(Html.find("<li class=\"warning\"><b>warning</b>skipped 1 database entry</li>"),
            std::string::npos);
  EXPECT_NE(Html.find("id=\"problems\""), std::string::npos);

  // Every unsuppressed finding once in the findings table, the most severe
  // first; the suppressed one only counted.
  std::string Findings = between(Html, "data-table=\"findings\"", "</table>");
  EXPECT_EQ(count(Findings, "<tr data-sev="), 16u);
  // Each row carries what the filters read; the filter bar lists the rules,
  // modules and files, and four severities.
  EXPECT_NE(Findings.find("<tr data-sev=\"2\" data-rule=\""), std::string::npos);
  std::string Bar = between(Html, "<div class=\"filters js-only\"", "</div>");
  EXPECT_NE(Bar.find("<input type=\"search\" id=\"filter-q\""), std::string::npos);
  for (const char *Id : {"filter-module", "filter-rule", "filter-sev", "filter-file"})
    EXPECT_NE(Bar.find(std::string("<select id=\"") + Id + "\">"), std::string::npos) << Id;
  std::set<std::string> Rules, Files;
  for (const auto &Fd : F.Facts.Findings)
    if (!Fd.Suppressed)
      Rules.insert(Fd.RuleId);
  for (const auto &Fl : F.Facts.Files)
    Files.insert(Fl.Path);
  // "all" in each of the four, the modules, the rules, four severities, the files.
  EXPECT_EQ(count(Bar, "<option value=\""),
            4 + F.Modules.size() + Rules.size() + 4 + Files.size());
  EXPECT_EQ(Findings.find("reviewed copy"), std::string::npos);
  EXPECT_LT(Findings.find("sev-high"), Findings.find("sev-low"));
  EXPECT_NE(Html.find("1 finding is suppressed"), std::string::npos);
  EXPECT_NE(Findings.find("&#39;recv&#39; reads network input"), std::string::npos);
  // With the analysis, functions carry exposure, the most exposed first.
  std::string Fns = between(Html, "data-table=\"functions\"", "</table>");
  EXPECT_NE(Fns.find("data-key=\"exposure\""), std::string::npos);
  EXPECT_LT(Fns.find("<code>read_packet</code>"), Fns.find("<code>util_sum</code>"));
}

TEST(HtmlReportTest, WithoutRankingOrAnalysisSectionsAreOmitted) {
  Fixture F(twoModules());
  // Neither.
  ScanContext Bare;
  std::string Html = renderScanHtml(F.Facts, Bare, nullptr);
  EXPECT_EQ(Html.find("id=\"modules\""), std::string::npos);
  EXPECT_EQ(Html.find("id=\"details\""), std::string::npos);
  EXPECT_EQ(Html.find("data-key=\"exposure\""), std::string::npos);
  EXPECT_NE(Html.find("data-table=\"findings\""), std::string::npos);
  EXPECT_NE(Html.find("data-table=\"functions\""), std::string::npos);
  EXPECT_NE(Html.find("\"modules\":[]"), std::string::npos);
  EXPECT_NE(Html.find("</html>"), std::string::npos);
  // A ranking but no analysis: modules without their functions.
  Html = renderScanHtml(F.Facts, F.Ctx, nullptr);
  EXPECT_NE(Html.find("id=\"modules\""), std::string::npos);
  EXPECT_NE(Html.find("id=\"m1\""), std::string::npos);
  EXPECT_EQ(Html.find("m1-functions"), std::string::npos);
  // An empty scan.
  ScanFacts Empty;
  Html = renderScanHtml(Empty, Bare, nullptr);
  EXPECT_NE(Html.find("No findings."), std::string::npos);
}

TEST(HtmlReportTest, Deterministic) {
  Fixture F(twoModules());
  std::string First = F.render();
  Fixture G(twoModules());
  EXPECT_EQ(First, G.render());
  EXPECT_EQ(First, F.render());
}

} // namespace
} // namespace carcinize
