// Messages and options of the `heap` rules: specific to the site (callee,
// variable, lines of the earlier free or allocation).
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(HeapRulesTest, ManualAllocationNamesTheAllocatorAndTheVariable) {
  auto Fs = test::runRuleOnCode("heap.manual-allocation", R"(#include <stdlib.h>
struct s { char *name; };
void f(struct s *o, size_t n) {
  char *buf = malloc(n);
  o->name = (char *)calloc(n, 1);
  free(buf);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'malloc' allocates heap memory stored in 'buf' that must be freed by hand");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{401, 762}));
  EXPECT_EQ(Fs[0].Sev, Severity::Low);
  EXPECT_EQ(Fs[1].Message,
            "'calloc' allocates heap memory stored in 'o->name' that must be freed by hand");
  EXPECT_EQ(Fs[1].Line, 5u);
}

TEST(HeapRulesTest, ManualAllocationProjectAllocatorsFromOptions) {
  const char *Code = R"(
void *pool_alloc(unsigned long n);
void f(void) { pool_alloc(8); }
)";
  EXPECT_TRUE(test::runRuleOnCode("heap.manual-allocation", Code).empty());
  auto Fs = test::runRuleOnCode("heap.manual-allocation", Code, "input.c",
                                "rules:\n  heap.manual-allocation:\n    options:\n"
                                "      allocator-functions: [pool_alloc]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'pool_alloc' allocates heap memory that must be freed by hand");
}

TEST(HeapRulesTest, ManualFreeNamesThePointerAndReadsOptions) {
  const char *Code = R"(#include <stdlib.h>
void pool_release(void *p);
void f(char *p, char *q) {
  free(p);
  pool_release(q);
}
)";
  auto Fs = test::runRuleOnCode("heap.manual-free", Code);
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'free' releases 'p' by hand");
  EXPECT_EQ(Fs[0].Line, 4u);
  Fs = test::runRuleOnCode("heap.manual-free", Code, "input.c",
                           "rules:\n  heap.manual-free:\n    options:\n"
                           "      deallocator-functions: [pool_release]\n");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[1].Message, "'pool_release' releases 'q' by hand");
}

TEST(HeapRulesTest, RawNewDeleteMessagesAndMismatch) {
  auto Fs = test::runRuleOnCode("heap.raw-new-delete", R"(#include <memory>
struct W { int x; };
int f(unsigned n) {
  int *a = new int[n];
  W *w = new W();
  std::unique_ptr<W> u(new W());
  int r = a[0] + w->x + u->x;
  delete a;
  delete w;
  return r;
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 4u);
  EXPECT_EQ(Fs[0].Message, "'new[]' allocates an array of 'int' owned by raw pointer 'a'");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[1].Message, "'new' allocates 'W' owned by raw pointer 'w'");
  EXPECT_EQ(Fs[2].Message, "'delete' releases 'a', allocated with 'new[]' at line 4");
  EXPECT_EQ(Fs[2].Line, 8u);
  EXPECT_EQ(Fs[3].Message, "'delete' releases 'w' by hand");
}

TEST(HeapRulesTest, RawNewDeleteSmartPointerClassesFromOptions) {
  const char *Code = R"(
template <class T> struct Owned { explicit Owned(T *p) : p(p) {} T *p; };
struct W { int x; };
Owned<W> make() { return Owned<W>(new W()); }
)";
  EXPECT_EQ(test::runRuleOnCode("heap.raw-new-delete", Code, "input.cpp").size(), 1u);
  EXPECT_TRUE(test::runRuleOnCode("heap.raw-new-delete", Code, "input.cpp",
                                  "rules:\n  heap.raw-new-delete:\n    options:\n"
                                  "      smart-pointer-classes: [Owned]\n")
                  .empty());
}

TEST(HeapRulesTest, AllocSizeOverflowMessages) {
  auto Fs = test::runRuleOnCode("heap.alloc-size-overflow", R"(#include <stdlib.h>
void *f(size_t n, size_t a, size_t b) {
  void *p = malloc(n * 8);
  size_t total = a + b;
  free(p);
  return malloc(total);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'malloc' size 'n * 8' is computed with an unchecked multiplication "
                           "that can overflow 'size_t'");
  EXPECT_EQ(Fs[0].Line, 3u);
  EXPECT_EQ(Fs[0].Sev, Severity::High);
  EXPECT_EQ(Fs[1].Message, "'malloc' size 'total' (= 'a + b') is computed with an unchecked "
                           "addition that can overflow 'size_t'");
  EXPECT_EQ(Fs[1].Line, 6u);
}

TEST(HeapRulesTest, AllocSizeOverflowWidthReasoning) {
  // 32-bit operands widened to a 64-bit size_t cannot wrap it, signed or not;
  // a product computed in 32-bit int or unsigned can; so can a sum of two
  // full-width values, but not a sum with a 32-bit one.
  auto Fs = test::runRuleOnCode("heap.alloc-size-overflow", R"(#include <stdlib.h>
void f(unsigned w, unsigned h, int x, int y, size_t a, size_t b) {
  free(malloc((size_t)w * h));
  free(malloc((size_t)x * y));
  free(malloc(w * h));
  free(malloc(x * y));
  free(malloc(a + b));
  free(malloc(a + w));
}
)");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].Message, "'malloc' size 'w * h' is computed with an unchecked "
                           "multiplication that can overflow 'unsigned int'");
  EXPECT_EQ(Fs[1].Line, 6u);
  EXPECT_EQ(Fs[1].Message, "'malloc' size 'x * y' is computed with an unchecked "
                           "multiplication that can overflow 'int'");
  EXPECT_EQ(Fs[2].Line, 7u);
}

TEST(HeapRulesTest, AllocSizeOverflowExtraAllocatorsFromOptions) {
  const char *Code = R"(
void *arena_alloc(unsigned long size);
void *f(unsigned long n) { return arena_alloc(n * 16); }
)";
  EXPECT_TRUE(test::runRuleOnCode("heap.alloc-size-overflow", Code).empty());
  auto Fs = test::runRuleOnCode("heap.alloc-size-overflow", Code, "input.c",
                                "rules:\n  heap.alloc-size-overflow:\n    options:\n"
                                "      allocator-functions: [arena_alloc]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'arena_alloc' size 'n * 16' is computed with an unchecked "
                           "multiplication that can overflow 'unsigned long'");
}

TEST(HeapRulesTest, UncheckedAllocationNamesTheUseAndTheAllocation) {
  auto Fs = test::runRuleOnCode("heap.unchecked-allocation", R"(#include <stdlib.h>
#include <string.h>
struct s { char *buf; };
void f(struct s *o, const char *src, size_t n) {
  char *p = malloc(n);
  memcpy(p, src, n);
  o->buf = malloc(n);
  o->buf[0] = 0;
  free(p);
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'p' from 'malloc' at line 5 is passed to 'memcpy' before any null check");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].Column, 10u);
  EXPECT_EQ(Fs[1].Message, "'o->buf' from 'malloc' at line 7 is subscripted before any null check");
  EXPECT_EQ(Fs[1].Line, 8u);
}

TEST(HeapRulesTest, UncheckedAllocationCheckedWrappersFromOptions) {
  const char *Code = R"(#include <stdlib.h>
void *must_alloc(size_t n);
void f(size_t n) { char *p = must_alloc(n); p[0] = 0; }
)";
  const char *AsAllocator = "rules:\n  heap.unchecked-allocation:\n    options:\n"
                            "      allocator-functions: [must_alloc]\n";
  EXPECT_EQ(test::runRuleOnCode("heap.unchecked-allocation", Code, "input.c", AsAllocator).size(),
            1u);
  const char *AsChecked = "rules:\n  heap.unchecked-allocation:\n    options:\n"
                          "      allocator-functions: [must_alloc]\n"
                          "      checked-allocator-functions: [must_alloc]\n";
  EXPECT_TRUE(
      test::runRuleOnCode("heap.unchecked-allocation", Code, "input.c", AsChecked).empty());
}

TEST(HeapRulesTest, ReallocSelfAssignMessage) {
  auto Fs = test::runRuleOnCode("heap.realloc-self-assign", R"(#include <stdlib.h>
struct v { int *items; };
void grow(struct v *v, size_t n) {
  v->items = realloc(v->items, n);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'realloc' result is assigned to 'v->items', the pointer it resizes");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].FunctionName, "grow");
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{401}));
}

TEST(HeapRulesTest, UseAfterFreeMessageNamesTheFree) {
  auto Fs = test::runRuleOnCode("heap.use-after-free", R"(#include <stdlib.h>
struct s { int id; };
int f(struct s *p) {
  free(p);
  return p->id;
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'p' is accessed with '->' after it was freed at line 4");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].FunctionName, "f");
  EXPECT_EQ(Fs[0].Sev, Severity::Critical);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{416}));
}

TEST(HeapRulesTest, UseAfterFreeProjectDeallocatorsFromOptions) {
  const char *Code = R"(
void buf_release(char *p);
char f(char *p) { buf_release(p); return p[0]; }
)";
  EXPECT_TRUE(test::runRuleOnCode("heap.use-after-free", Code).empty());
  auto Fs = test::runRuleOnCode("heap.use-after-free", Code, "input.c",
                                "rules:\n  heap.use-after-free:\n    options:\n"
                                "      deallocator-functions: [buf_release]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'p' is subscripted after it was freed at line 3");
}

TEST(HeapRulesTest, DoubleFreeMessageNamesTheFirstFree) {
  auto Fs = test::runRuleOnCode("heap.double-free", R"(#include <stdlib.h>
void f(char *p, int again) {
  free(p);
  if (again)
    free(p);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'free' releases 'p', already freed at line 3");
  EXPECT_EQ(Fs[0].Line, 5u);
  EXPECT_EQ(Fs[0].Sev, Severity::Critical);
}

TEST(HeapRulesTest, DoubleFreeInTemplateReportedOnce) {
  auto Fs = test::runRuleOnCode("heap.double-free", R"(#include <cstdlib>
template <class T> void twice(T *p) { std::free(p); std::free(p); }
void f(int *a, char *b) { twice(a); twice(b); }
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 2u);
}

} // namespace

namespace {

// A pointer spelled inside a macro is named, never '' (a whole-expansion
// operand by its invocation as written, 'BITS(4)'; one the macro's body
// writes, printed).
TEST(HeapRulesTest, DoubleFreeNamesAMacroOperandAsWritten) {
  auto Fs = test::runRuleOnCode("heap.double-free", R"(#include <stdlib.h>
struct s { char *buf; };
#define RELEASE(p) free((p)->buf)
void f(struct s *o) {
  RELEASE(o);
  RELEASE(o);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  // The operand is part of the macro's body: printed as the compiler sees
  // it, which names what is freed (the invocation would not).
  EXPECT_EQ(Fs[0].Message, "'free' releases '(o)->buf', already freed at line 5");
}

} // namespace

namespace {

// After a fatal error (here a header not found) Clang drops every statement
// with an error from the AST: `return NO_MEMORY;`, whose macro came from the
// missing header, is gone, and the CFG runs on from the first free to the
// second. The dropped return ends the path: no double free.
TEST(HeapRulesTest, DoubleFreeNotReportedAcrossADroppedReturn) {
  const char *Code = R"(#include "missing_header_for_this_test.h"
#include <stdlib.h>
#include <string.h>
int parse(const char *s, const char *t) {
  char *path = strdup(s);
  char *query = NULL;
  if (t) {
    query = strdup(t);
    if (!query) {
      free(path);
      return NO_MEMORY;
    }
  }
  free(path);
  free(query);
  return 0;
}
)";
  EXPECT_TRUE(test::runRuleOnCode("heap.double-free", Code).empty());
  // The near miss: the dropped statement is a log call naming neither a
  // jump nor the pointer: the path goes on to the second free.
  std::string Logged = Code;
  Logged.replace(Logged.find("return NO_MEMORY;"), 17, "log_failure(NO_MEMORY);");
  auto Fs = test::runRuleOnCode("heap.double-free", Logged);
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 14u);
}

// A dropped assignment to the pointer (`path = NO_PATH;`) may have
// reassigned it: nothing is known after it.
TEST(HeapRulesTest, DoubleFreeNotReportedAfterADroppedAssignment) {
  auto Fs = test::runRuleOnCode("heap.double-free", R"(#include "missing_header_for_this_test.h"
#include <stdlib.h>
void f(char *path) {
  free(path);
  path = NO_PATH;
  free(path);
}
)");
  EXPECT_TRUE(Fs.empty());
}

} // namespace
