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

// ---- mem.gets ------------------------------------------------------------

TEST(MemRulesTest, GetsNamesTheBuffer) {
  auto Fs = test::runRuleOnCode("mem.gets", R"(char *gets(char *s);
void f(void) {
  char line[80];
  gets(line);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'gets' reads a line into 'line' (80 bytes) with no bound on its length");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[0].Sev, Severity::Critical);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{242, 120}));
}

// ---- mem.unbounded-format ----------------------------------------------

TEST(MemRulesTest, UnboundedFormatNamesTheUnboundedConversion) {
  auto Fs = test::runRuleOnCode("mem.unbounded-format", R"(#include <stdio.h>
void f(const char *name, int id) {
  char buf[32];
  sprintf(buf, "%s=%d", name, id);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "'sprintf' formats into 'buf' (32 bytes) with no bound; '%s' of 'name' has no maximum length");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
}

TEST(MemRulesTest, UnboundedFormatComputesTheLongestOutput) {
  auto Fs = test::runRuleOnCode("mem.unbounded-format", R"(#include <stdio.h>
void f(long v, int small) {
  char a[8], b[16];
  sprintf(a, "v=%ld", v);
  sprintf(b, "%d", small);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'sprintf' formats up to 23 bytes into 'a' (8 bytes)");
  EXPECT_EQ(Fs[0].Line, 4u);
}

TEST(MemRulesTest, UnboundedFormatUnknownDestination) {
  auto Fs = test::runRuleOnCode("mem.unbounded-format", R"(#include <stdio.h>
void f(char *out, int v) { sprintf(out, "%d", v); }
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'sprintf' formats into 'out' with no bound on the output length");
}

// ---- mem.scanf-unbounded-string ------------------------------------------

TEST(MemRulesTest, ScanfUnboundedStringNamesConversionAndBuffer) {
  auto Fs = test::runRuleOnCode("mem.scanf-unbounded-string", R"(#include <stdio.h>
int f(const char *line) {
  int n;
  char word[32];
  return sscanf(line, "%d %s", &n, word) + sscanf(line, "%31s", word);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'sscanf' reads a string with '%s' into 'word' (32 bytes) and no field width");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].Column, 10u);
}

// ---- mem.truncating-string-copy -------------------------------------------

TEST(MemRulesTest, TruncatingStringCopyMessages) {
  auto Fs = test::runRuleOnCode("mem.truncating-string-copy", R"(#include <string.h>
void f(const char *s) {
  char d[16];
  strncpy(d, s, sizeof d);
  strncat(d, s, sizeof d);
  strncat(d, s, 4);
}
)");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Message, "'strncpy' leaves 'd' unterminated when 's' has 'sizeof d' or more "
                           "characters, and no terminator is written after it");
  EXPECT_EQ(Fs[1].Message,
            "'strncat' is bounded by 'sizeof d', the whole size of 'd', not the room left after its contents");
  EXPECT_EQ(Fs[2].Message,
            "'strncat' appends up to '4' characters to 'd' without subtracting its current length");
  EXPECT_EQ(Fs[2].Line, 6u);
}

// ---- mem.unchecked-memcpy-size ------------------------------------------

TEST(MemRulesTest, UncheckedMemcpySizeNamesSizeAndDestination) {
  auto Fs = test::runRuleOnCode("mem.unchecked-memcpy-size", R"(#include <string.h>
struct msg { char hdr[64]; };
void f(struct msg *m, const char *src, size_t len) {
  memcpy(m->hdr, src, len);
}
void g(char *dst, const char *src) {
  unsigned n = (unsigned char)src[0];
  memcpy(dst, src + 1, n);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'memcpy' copies 'len' bytes into 'm->hdr' (64 bytes); 'len' is not "
                           "checked against it; 'len' is a parameter of 'f'");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[1].Message, "'memcpy' copies 'n' bytes into 'dst', whose size is not known here; "
                           "'n' is initialized from '(unsigned char)src[0]'");
  EXPECT_EQ(Fs[1].FunctionName, "g");
}

// Operands inside a macro's expansion are named as written where they are a
// macro argument (lighttpd's 'MD5_memcpy((output), (input), (len))'), and
// printed where the macro's body wrote them (zlib's CLEAR_HASH): never the
// whole invocation for every operand.
TEST(MemRulesTest, UncheckedMemcpySizeNamesMacroOperands) {
  auto Fs = test::runRuleOnCode("mem.unchecked-memcpy-size", R"(#include <string.h>
#define COPY(out, in, n) memcpy((out), (in), (n))
#define CLEAR(s) memset((char *)(s)->head, 0, (unsigned)((s)->size - 1))
struct ctx { char *buf; char *head; unsigned size; };
void f(struct ctx *c, const char *src, size_t len, unsigned k) {
  COPY(&c->buf[k], src, len);
}
void g(struct ctx *s) {
  CLEAR(s);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'memcpy' copies 'len' bytes into '&c->buf[k]', whose size is not "
                           "known here; 'len' is a parameter of 'f'");
  EXPECT_EQ(Fs[1].Message.find("CLEAR(s)"), std::string::npos) << Fs[1].Message;
  EXPECT_NE(Fs[1].Message.find("(char *)(s)->head"), std::string::npos) << Fs[1].Message;
}

TEST(MemRulesTest, UncheckedMemcpySizeConstantTooLarge) {
  auto Fs = test::runRuleOnCode("mem.unchecked-memcpy-size", R"(#include <string.h>
void f(void) {
  char small[4];
  memset(small, 0, 8);
  memset(small, 0, sizeof small);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'memset' fills 8 bytes of 'small' (4 bytes)");
}

TEST(MemRulesTest, UncheckedMemcpySizeExtraFunctionsFromOptions) {
  const char *Code = R"(
void zcopy(void *dst, const void *src, unsigned len);
void my_copy(unsigned len, void *dst, const void *src);
void f(char *d, const char *s, unsigned n) { zcopy(d, s, n); my_copy(n, d, s); }
)";
  EXPECT_TRUE(test::runRuleOnCode("mem.unchecked-memcpy-size", Code).empty());
  auto Fs = test::runRuleOnCode("mem.unchecked-memcpy-size", Code, "input.c",
                                "rules:\n  mem.unchecked-memcpy-size:\n    options:\n"
                                "      copy-functions: [zcopy, 'my_copy:1:0']\n");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'zcopy' copies 'n' bytes into 'd', whose size is not known here; "
                           "'n' is a parameter of 'f'");
  EXPECT_EQ(Fs[1].Message, "'my_copy' copies 'n' bytes into 'd', whose size is not known here; "
                           "'n' is a parameter of 'f'");
}

// ---- mem.sizeof-pointer ----------------------------------------------------

TEST(MemRulesTest, SizeofPointerMessages) {
  auto Fs = test::runRuleOnCode("mem.sizeof-pointer", R"(#include <string.h>
void f(char *p, char name[32]) {
  memset(p, 0, sizeof(p));
  memset(name, 0, sizeof name);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message,
            "'sizeof(p)' in the size of 'memset' is the size of the pointer 'p' (8 bytes), not of what it points to");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Column, 16u);
  EXPECT_EQ(Fs[1].Message,
            "'sizeof name' is the size of a pointer (8 bytes): the array parameter 'name' is a 'char *'");
}

// ---- mem.pointer-arithmetic ------------------------------------------------

TEST(MemRulesTest, PointerArithmeticOneFindingPerStatement) {
  auto Fs = test::runRuleOnCode("mem.pointer-arithmetic", R"(
void copy(char *d, const char *s) {
  while (*s)
    *d++ = *s++;
  d += 1;
}
)");
  // One finding per function and pointer: 'd += 1' moves 'd' again and is
  // listed on the first finding.
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'d++' moves the raw pointer 'd' with no bound (and 1 more in this "
                           "statement) (the same at line 5 of this function)");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].Sev, Severity::Low);
}

TEST(MemRulesTest, PointerArithmeticInCxxUsesUnsafeBufferUsage) {
  auto Fs = test::runRuleOnCode("mem.pointer-arithmetic", R"(
int sum(const int *p, int n) {
  const int *e = p + n;
  int s = 0;
  for (; p != e; ++p)
    s += *p;
  return s;
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "'p + n' moves the raw pointer 'p' with no bound (the same at line 5 of this function)");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].FunctionName, "sum");
}

// ---- mem.unchecked-index ---------------------------------------------------

TEST(MemRulesTest, UncheckedIndexMessages) {
  auto Fs = test::runRuleOnCode("mem.unchecked-index", R"(
int t[8];
int f(int *p, int i) {
  if (i >= 8)
    return p[i];
  return t[i] + t[9] + t[7];
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "index 'i' into the pointer 'p' is not checked against a bound");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[1].Message, "index 9 is outside 't' (8 elements)");
  EXPECT_EQ(Fs[1].Line, 6u);
}

TEST(MemRulesTest, UncheckedIndexFixedArray) {
  auto Fs = test::runRuleOnCode("mem.unchecked-index", R"(
int f(int k) {
  int t[8] = {0};
  return t[k];
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "index 'k' into 't' (8 elements) is not checked against its size");
}

// ---- mem.non-literal-format -----------------------------------------------

TEST(MemRulesTest, NonLiteralFormatMessages) {
  auto Fs = test::runRuleOnCode("mem.non-literal-format", R"(#include <stdio.h>
void say(const char *what) { printf(what); }
char *msg;
void shout(void) { fprintf(stderr, msg); }
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message,
            "'printf' is called with the format 'what', a parameter of 'say', which has no format attribute");
  EXPECT_EQ(Fs[1].Message, "'fprintf' is called with the format 'msg', which is not a string literal");
  EXPECT_EQ(Fs[1].FunctionName, "shout");
}

// ---- mem.variable-length-array, mem.alloca -----------------------------------

TEST(MemRulesTest, VariableLengthArrayMessage) {
  auto Fs = test::runRuleOnCode("mem.variable-length-array", R"(
void f(int n) {
  int v[n * 2];
  v[0] = 0;
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'v' is a variable-length array of 'n * 2' elements on the stack");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Column, 7u);
}

TEST(MemRulesTest, AllocaMessages) {
  auto Fs = test::runRuleOnCode("mem.alloca", R"(#include <alloca.h>
void f(unsigned n) {
  char *a = alloca(n);
  char *b = alloca(16);
  for (unsigned i = 0; i < n; i++) {
    char *c = alloca(16);
    c[0] = a[0] + b[0];
  }
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'alloca' allocates 'n' bytes on the stack with no check that they fit");
  EXPECT_EQ(Fs[1].Message,
            "'alloca' allocates 16 bytes on the stack in a loop, which frees nothing until the function returns");
  EXPECT_EQ(Fs[1].Line, 6u);
}

TEST(MemRulesTest, AllocaExtraFunctionsFromOptions) {
  const char *Code = R"(
void *stack_alloc(unsigned n);
void f(unsigned n) { char *p = stack_alloc(n); (void)p; }
)";
  EXPECT_TRUE(test::runRuleOnCode("mem.alloca", Code).empty());
  auto Fs = test::runRuleOnCode("mem.alloca", Code, "input.c",
                                "rules:\n  mem.alloca:\n    options:\n"
                                "      stack-allocators: [stack_alloc]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message,
            "'stack_alloc' allocates 'n' bytes on the stack with no check that they fit");
}

} // namespace

namespace {

// A literal copied into a destination of unknown size writes a constant
// number of bytes: a low note with the count. The near misses: a variable
// source, and a literal appended (the destination's current length is not
// known), stay high.
TEST(MemRulesTest, UnboundedStringCopyOfALiteralIntoAnUnknownDestinationIsANote) {
  auto Fs = test::runRuleOnCode("mem.unbounded-string-copy", R"(#include <string.h>
void mode(char *c_mode, const char *name) {
  strcpy(c_mode, "w");
  strcat(c_mode, "b");
  strcpy(c_mode, name);
}
)");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Sev, Severity::Low);
  EXPECT_EQ(Fs[0].Message,
            "'strcpy' copies the literal '\"w\"' (2 bytes) into 'c_mode', whose size is not "
            "known here");
  EXPECT_EQ(Fs[1].Line, 4u);
  EXPECT_EQ(Fs[1].Sev, Severity::High);
  EXPECT_EQ(Fs[2].Line, 5u);
  EXPECT_EQ(Fs[2].Sev, Severity::High);
}

} // namespace
