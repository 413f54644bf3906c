// Messages of the `life` rules: specific to the site (variables, lines,
// the function they are in).
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(LifeRulesTest, ReturnLocalAddressNamesTheLocal) {
  auto Fs = test::runRuleOnCode("life.return-local-address", R"(
char *name(void) {
  char buf[16];
  buf[0] = 0;
  return buf;
}
int *counter(void) {
  int n = 0;
  return &n;
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "returns local array 'buf', which dies when 'name' returns");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].FunctionName, "name");
  EXPECT_EQ(Fs[1].Message,
            "returns the address of local variable 'n', which dies when 'counter' returns");
  EXPECT_EQ(Fs[1].Line, 9u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{562, 825}));
  EXPECT_EQ(Fs[0].Sev, Severity::High);
}

TEST(LifeRulesTest, ReturnLocalAddressStoresAndRestores) {
  auto Fs = test::runRuleOnCode("life.return-local-address", R"(
struct ctx { int *slot; };
static int *g_slot;
void keep(struct ctx *c) {
  int v = 1;
  c->slot = &v;
}
void scoped(void) {
  int v = 1;
  int *saved = g_slot;
  g_slot = &v;
  g_slot = saved;
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "stores the address of local variable 'v' in 'c->slot', which outlives 'keep'");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].FunctionName, "keep");
}

TEST(LifeRulesTest, ReturnLocalAddressReference) {
  auto Fs = test::runRuleOnCode("life.return-local-address", R"(#include <string>
const std::string &f() {
  std::string s = "x";
  return s;
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "returns a reference to local variable 's', which dies when 'f' returns");
}

TEST(LifeRulesTest, DanglingCStrMessages) {
  auto Fs = test::runRuleOnCode("life.dangling-c-str", R"(#include <string>
#include <cstdio>
std::string make();
void f() {
  const char *p = make().c_str();
  std::puts(p);
}
const char *g() {
  std::string local = make();
  return local.c_str();
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'p' keeps the result of 'c_str()' on a temporary std::string that "
                           "is destroyed at the end of the statement");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[1].Message, "returns 'local.c_str()', a pointer into local 'local' that is "
                           "destroyed when 'g' returns");
  EXPECT_EQ(Fs[1].Line, 10u);
  EXPECT_EQ(Fs[1].Cwe, (std::vector<unsigned>{416, 562}));
}

TEST(LifeRulesTest, DanglingCStrViewAndCallArgument) {
  auto Fs = test::runRuleOnCode("life.dangling-c-str", R"(#include <string>
#include <string_view>
#include <cstdio>
std::string make();
std::size_t f() {
  std::puts(make().c_str());
  std::string_view v = make();
  return v.size();
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "'v' views a temporary std::string that is destroyed at the end of the statement");
  EXPECT_EQ(Fs[0].Line, 7u);
}

TEST(LifeRulesTest, UninitializedReadAlwaysAndSometimes) {
  auto Fs = test::runRuleOnCode("life.uninitialized-read", R"(
int always(void) {
  int x;
  return x;
}
int sometimes(int c) {
  int y;
  if (c)
    y = 1;
  return y;
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'x' is read before it is assigned");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "always");
  EXPECT_EQ(Fs[1].Message, "'y' is read uninitialized when the 'if' condition at line 8 is false");
  EXPECT_EQ(Fs[1].Line, 10u);
  EXPECT_EQ(Fs[1].FunctionName, "sometimes");
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{457, 908}));
}

TEST(LifeRulesTest, UninitializedReadSelfInitIdiomIsNotReported) {
  auto Fs = test::runRuleOnCode("life.uninitialized-read", R"(
int f(void) {
  int x = x;
  x = 2;
  return x;
}
)");
  EXPECT_TRUE(Fs.empty());
}

TEST(LifeRulesTest, UninitializedReadMaybeUsesAreOptIn) {
  const char *Code = R"(
int parse(const char *s, int *out);
int f(const char *a, const char *b) {
  int x, y;
  if (parse(a, &x) && parse(b, &y))
    return x + y;
  return 0;
}
int g(int n) {
  int v;
  for (int i = 0; i < n; i++)
    if (i == 3)
      v = i;
  return n > 3 ? v : 0;
}
)";
  EXPECT_TRUE(test::runRuleOnCode("life.uninitialized-read", Code).empty());
  auto Fs = test::runRuleOnCode("life.uninitialized-read", Code, "input.c",
                                "rules:\n  life.uninitialized-read:\n    options:\n"
                                "      conditional: [true]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'v' may be read before it is assigned");
  EXPECT_EQ(Fs[0].Line, 14u);
}

TEST(LifeRulesTest, UseAfterMoveMessages) {
  auto Fs = test::runRuleOnCode("life.use-after-move", R"(#include <string>
#include <utility>
#include <vector>
void f(std::vector<std::string> &out, std::string s) {
  out.push_back(std::move(s));
  out.push_back(s);
}
void g(std::vector<std::string> &out, std::string s) {
  for (int i = 0; i < 2; ++i)
    out.push_back(std::move(s));
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'s' is used after it was moved from at line 5");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[1].Message, "'s' is moved from again on the next iteration of the loop");
  EXPECT_EQ(Fs[1].Line, 10u);
  EXPECT_EQ(Fs[1].FunctionName, "g");
  EXPECT_EQ(Fs[0].Sev, Severity::Medium);
}

TEST(LifeRulesTest, UseAfterMoveReinitializersFromOptions) {
  const char *Code = R"(#include <string>
#include <utility>
#include <vector>
struct Buf { std::string s; void rewind() { s.clear(); } };
void f(std::vector<Buf> &out, Buf b) {
  out.push_back(std::move(b));
  b.rewind();
}
)";
  EXPECT_EQ(test::runRuleOnCode("life.use-after-move", Code, "input.cpp").size(), 1u);
  EXPECT_TRUE(test::runRuleOnCode("life.use-after-move", Code, "input.cpp",
                                  "rules:\n  life.use-after-move:\n    options:\n"
                                  "      reinitializers: [rewind]\n")
                  .empty());
}

TEST(LifeRulesTest, ContainerModifiedWhileIteratingMessages) {
  auto Fs = test::runRuleOnCode("life.container-modified-while-iterating", R"(#include <vector>
void f(std::vector<int> &v) {
  for (int x : v)
    v.push_back(x);
  for (auto it = v.begin(); it != v.end(); ++it)
    v.erase(it);
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'push_back' modifies 'v' while the range-for at line 3 iterates over it");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[1].Message, "'erase' modifies 'v' while iterator 'it' walks it (loop at line 5)");
  EXPECT_EQ(Fs[1].Line, 6u);
  EXPECT_EQ(Fs[1].Cwe, (std::vector<unsigned>{825, 416}));
}

} // namespace

namespace {

// When the translation unit has errors (here its configuration header is
// missing), the text of a function can name a variable where the AST does
// not: a statement dropped for an error, or a branch of #if decided by what
// the missing header defines. The assignment may be there in the real build:
// nothing is reported. The near miss: the same function in a translation
// unit without errors is reported.
TEST(LifeRulesTest, UninitializedReadNotReportedWhenTheTextAssignsWhatTheAstLost) {
  const char *Body = R"(
int parse(const char *p) {
  int rc;
#if HAVE_FAST_PARSE
  rc = *p;
#endif
  return rc;
}
)";
  EXPECT_TRUE(test::runRuleOnCode("life.uninitialized-read",
                                  std::string("#include \"missing_config_for_this_test.h\"\n") +
                                      Body)
                  .empty());
  auto Fs = test::runRuleOnCode("life.uninitialized-read", Body);
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 7u);
}

} // namespace
