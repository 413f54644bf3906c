// Messages of the `mem` rules: specific to the site (callee, variables, sizes).
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(MemRulesTest, UnboundedStringCopyMessageNamesTheSite) {
  auto Fs = test::runRuleOnCode("mem.unbounded-string-copy", R"(#include <string.h>
void f(const char *name) {
  char buf[64];
  strcpy(buf, name);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'strcpy' copies 'name' into 'buf' (64 bytes) with no bound on the length");
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].Column, 3u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{120, 787}));
  EXPECT_EQ(Fs[0].Sev, Severity::High);
}

TEST(MemRulesTest, UnboundedStringCopyExtraFunctionsFromOptions) {
  const char *Code = R"(
char *my_strcpy(char *d, const char *s);
void f(char *d, const char *s) { my_strcpy(d, s); }
)";
  EXPECT_TRUE(test::runRuleOnCode("mem.unbounded-string-copy", Code).empty());
  auto Fs = test::runRuleOnCode("mem.unbounded-string-copy", Code, "input.c",
                                "rules:\n  mem.unbounded-string-copy:\n    options:\n"
                                "      copy-functions: [my_strcpy]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'my_strcpy' copies 's' into 'd' with no bound on the length");
}

} // namespace
