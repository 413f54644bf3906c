// Messages of the `type` rules: the cast, its operand and both types; the
// union and its members; the size expression and the widths.
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(TypeRulesTest, CStyleCastNamesOperandAndTypes) {
  auto Fs = test::runRuleOnCode("type.c-style-cast", R"(struct a { int x; };
struct b { float y; };
float f(struct a *pa) {
  return ((struct b *)pa)->y;
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "C-style cast reinterprets 'pa' ('struct a *') as 'struct b *'");
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].Column, 11u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{704, 843}));
  EXPECT_EQ(Fs[0].Sev, Severity::Low);
}

TEST(TypeRulesTest, CStyleCastToBytesIsNotFlagged) {
  EXPECT_TRUE(test::runRuleOnCode("type.c-style-cast", R"(struct a { int x; };
unsigned char first(struct a *p) { return *(unsigned char *)p; }
char *chars(double *d) { return (char *)d; }
)")
                  .empty());
}

TEST(TypeRulesTest, ReinterpretCastMessage) {
  auto Fs = test::runRuleOnCode("type.reinterpret-cast", R"(struct W { int id; };
long handle(W *w) {
  return reinterpret_cast<long>(w);
}
const unsigned char *bytes(W *w) { return reinterpret_cast<const unsigned char *>(w); }
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'reinterpret_cast' reinterprets 'w' ('W *') as 'long'");
  EXPECT_EQ(Fs[0].FunctionName, "handle");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Sev, Severity::Medium);
}

TEST(TypeRulesTest, ConstCastMessages) {
  auto Fs = test::runRuleOnCode("type.const-cast", R"(struct C { int n; };
int bump(const C &c) {
  return ++const_cast<C &>(c).n;
}
char *strip(const char *s) { return (char *)s; }
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'const_cast' removes 'const' from 'c' ('const C' to 'C &')");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[1].Message,
            "C-style cast removes 'const' from 's' ('const char *' to 'char *')");
  EXPECT_EQ(Fs[1].FunctionName, "strip");
}

TEST(TypeRulesTest, VoidPointerCastSkipsAllocatorsFromOptions) {
  const char *Code = R"(void *arena_get(unsigned n);
struct job { int id; };
struct job *make(void) { return (struct job *)arena_get(64); }
int id_of(void *arg) { return ((struct job *)arg)->id; }
)";
  auto Fs = test::runRuleOnCode("type.void-pointer-cast", Code);
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "C-style cast converts 'arena_get(64)' ('void *') to 'struct job *'");
  EXPECT_EQ(Fs[1].Message, "C-style cast converts 'arg' ('void *') to 'struct job *'");
  EXPECT_EQ(Fs[1].FunctionName, "id_of");
  Fs = test::runRuleOnCode("type.void-pointer-cast", Code, "input.c",
                           "rules:\n  type.void-pointer-cast:\n    options:\n"
                           "      allocator-functions: [arena_get]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 4u);
}

TEST(TypeRulesTest, UnionTypePunningMessage) {
  auto Fs = test::runRuleOnCode("type.union-type-punning", R"(union num { float f; unsigned bits; };
unsigned bits_of(float x) {
  union num u;
  u.f = x;
  return u.bits;
}
unsigned via_ptr(union num *p) {
  p->bits = 1;
  float f = p->f;
  return (unsigned)f;
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'u.bits' ('unsigned int') is read after 'u.f' ('float') was written");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].FunctionName, "bits_of");
  EXPECT_EQ(Fs[1].Message, "'p->f' ('float') is read after 'p->bits' ('unsigned int') was written");
  EXPECT_EQ(Fs[1].Line, 9u);
  EXPECT_EQ(Fs[1].Cwe, (std::vector<unsigned>{843, 188}));
}

TEST(TypeRulesTest, UnionTypePunningFollowsLoops) {
  // The loop's back edge carries 'f' as last written; the read is of 'f'.
  EXPECT_TRUE(test::runRuleOnCode("type.union-type-punning", R"(union num { float f; unsigned bits; };
float sum(const float *v, int n) {
  union num u;
  u.f = 0;
  for (int i = 0; i < n; i++)
    u.f = u.f + v[i];
  return u.f;
}
)")
                  .empty());
}

TEST(TypeRulesTest, NarrowingSizeConversionMessages) {
  auto Fs = test::runRuleOnCode("type.narrowing-size-conversion", R"(#include <string.h>
int len(const char *s) {
  int n = strlen(s);
  return n;
}
long slen(size_t n) { return n; }
void cp(char *d, const char *s, int n) { memcpy(d, s, n); }
)");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Message,
            "'strlen(s)' ('unsigned long') is implicitly narrowed to 'int' (64 to 32 bits)");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Column, 11u);
  EXPECT_EQ(Fs[1].Message,
            "'n' ('size_t') is implicitly converted to signed 'long' of the same width");
  EXPECT_EQ(Fs[2].Message, "'n' ('int') is implicitly converted to 'size_t' as the size argument "
                           "of 'memcpy'; a negative value becomes a huge size");
  EXPECT_EQ(Fs[2].FunctionName, "cp");
}

TEST(TypeRulesTest, NarrowingSizeConversionLengthFunctionsFromOptions) {
  const char *Code = R"(unsigned long my_len(const char *s);
int f(const char *s) { int n = my_len(s); return n; }
)";
  EXPECT_TRUE(test::runRuleOnCode("type.narrowing-size-conversion", Code).empty());
  auto Fs = test::runRuleOnCode("type.narrowing-size-conversion", Code, "input.c",
                                "rules:\n  type.narrowing-size-conversion:\n    options:\n"
                                "      length-functions: [my_len]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 2u);
}

TEST(TypeRulesTest, VariadicFunctionMentionsFormatAttribute) {
  auto Fs = test::runRuleOnCode("type.variadic-function", R"(#include <stdarg.h>
int sum(int n, ...) { return n; }
void logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void logf(const char *fmt, ...) { (void)fmt; }
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message,
            "'sum' takes a variable argument list ('...') whose types and count are not checked");
  EXPECT_EQ(Fs[0].Line, 2u);
  EXPECT_EQ(Fs[0].Column, 5u);
  EXPECT_EQ(Fs[1].Message, "'logf' takes a variable argument list ('...') whose types and count "
                           "are not checked; its 'format(printf)' attribute lets the compiler "
                           "check the call sites");
  EXPECT_EQ(Fs[1].Line, 4u);
  EXPECT_EQ(Fs[1].Cwe, (std::vector<unsigned>{628}));
}

} // namespace
