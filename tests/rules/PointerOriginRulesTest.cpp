// Messages and options of the rules on rules/heap/PointerOrigin.h:
// heap.mismatched-deallocation, heap.free-non-heap, heap.free-offset-pointer
// and heap.use-after-delete.
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(PointerOriginRulesTest, MismatchNamesTheAllocatorAndItsLine) {
  auto Fs = test::runRuleOnCode("heap.mismatched-deallocation", R"(#include <stdlib.h>
#include <string.h>
struct W { int x; };
void f(const char *s, unsigned n) {
  char *c = strdup(s);
  delete c;
  W *w = new W[n];
  delete w;
  W *o = new W;
  free(o);
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Message, "'delete' releases 'c', allocated by 'strdup' at line 5");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].Sev, Severity::High);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{762}));
  EXPECT_EQ(Fs[1].Message, "'delete' releases 'w', allocated by 'new[]' at line 7");
  EXPECT_EQ(Fs[2].Message, "'free' releases 'o', allocated by 'new' at line 9");
  EXPECT_EQ(Fs[2].FunctionName, "f");
}

TEST(PointerOriginRulesTest, ProjectDeallocatorsFromOptions) {
  const char *Code = R"(
void pool_release(void *p);
struct W { int x; };
void f(void) {
  W *w = new W;
  pool_release(w);
}
)";
  EXPECT_TRUE(test::runRuleOnCode("heap.mismatched-deallocation", Code, "input.cpp").empty());
  auto Fs = test::runRuleOnCode("heap.mismatched-deallocation", Code, "input.cpp",
                                "rules:\n  heap.mismatched-deallocation:\n    options:\n"
                                "      deallocator-functions: [pool_release]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'pool_release' releases 'w', allocated by 'new' at line 5");
}

TEST(PointerOriginRulesTest, FreeNonHeapNamesTheStorage) {
  auto Fs = test::runRuleOnCode("heap.free-non-heap", R"(#include <stdlib.h>
static char table[8];
void f(size_t n, int k) {
  char buf[16];
  char *p = buf;
  if (n > 16)
    p = malloc(n);
  free(p);
  free(&k);
  char *s = k ? table : "none";
  free(s);
}
)");
  ASSERT_EQ(Fs.size(), 3u);
  EXPECT_EQ(Fs[0].Message, "'free' releases 'p', which can hold the local 'buf' (line 4), not "
                           "heap memory");
  EXPECT_EQ(Fs[0].Line, 8u);
  EXPECT_EQ(Fs[1].Message, "'free' releases '&k', which can hold the local 'k' (line 3), not "
                           "heap memory");
  EXPECT_EQ(Fs[2].Message, "'free' releases 's', which can hold the static 'table' (line 2), "
                           "not heap memory");
}

TEST(PointerOriginRulesTest, FreeNonHeapTrustsAComparisonWithTheBuffer) {
  // `p != buf` and `p == buf` (in the else branch) tell the two apart; a
  // test against NULL does not.
  auto Fs = test::runRuleOnCode("heap.free-non-heap", R"(#include <stdlib.h>
void f(size_t n) {
  char buf[16];
  char *p = n > 16 ? malloc(n) : buf;
  if (p != buf)
    free(p);
  if (p == buf) {
  } else {
    free(p);
  }
  if (p)
    free(p);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 12u);
}

TEST(PointerOriginRulesTest, OffsetNamesTheAdvanceAndTheAllocation) {
  auto Fs = test::runRuleOnCode("heap.free-offset-pointer", R"(#include <stdlib.h>
void f(size_t n) {
  char *p = malloc(n);
  while (*p == ' ')
    ++p;
  free(p);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'free' releases 'p', advanced by '++p' at line 5 past the start of "
                           "the block allocated by 'malloc' at line 3");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{761}));
}

TEST(PointerOriginRulesTest, UseAfterDeleteNamesTheDelete) {
  auto Fs = test::runRuleOnCode("heap.use-after-delete", R"(
struct N { int v; N *next; };
int f(N *head, bool again) {
  delete head;
  if (again)
    delete head;
  return head->v;
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'delete' releases 'head' already released by 'delete' at line 4");
  EXPECT_EQ(Fs[0].Line, 6u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{415, 416}));
  EXPECT_EQ(Fs[1].Message, "'head' is accessed with '->' after 'delete' at line 4");
  EXPECT_EQ(Fs[1].Line, 7u);
}

TEST(PointerOriginRulesTest, CallsThatCanReassignForgetTheState) {
  // A reference parameter, the address of the pointer, the object passed to
  // a function (its members), a member function of this object.
  auto Fs = test::runRuleOnCode("heap.use-after-delete", R"(
struct B { char *data; };
void renew(char *&p);
void fill(char **p);
void reinit(B *b);
struct C {
  char *cur;
  void next();
  void f(char *p, char *q, B *b) {
    delete[] p;
    renew(p);
    delete[] p;
    delete[] q;
    fill(&q);
    delete[] q;
    delete[] b->data;
    reinit(b);
    delete[] b->data;
    delete[] cur;
    next();
    delete[] cur;
  }
};
)",
                                "input.cpp");
  EXPECT_TRUE(Fs.empty()) << Fs.front().Line << ": " << Fs.front().Message;
}

} // namespace
