// Messages of the `conc` rules: the variable and where threads start; the
// jump function as written.
#include "RuleTestSupport.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

TEST(ConcRulesTest, ThreadSharedMutableStateMessageNamesCreator) {
  auto Fs = test::runRuleOnCode("conc.thread-shared-mutable-state", R"(#include <pthread.h>
static int counter;
static void *work(void *a) {
  counter++;
  return a;
}
void start(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
}
)");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'counter' (global variable) is written without a visible lock; this "
                           "translation unit starts threads ('pthread_create' at line 9)");
  EXPECT_EQ(Fs[0].FunctionName, "work");
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].Cwe, (std::vector<unsigned>{362, 366}));
  EXPECT_EQ(Fs[0].Sev, Severity::Medium);
}

TEST(ConcRulesTest, ThreadSharedMutableStateOptions) {
  const char *Code = R"(int spawn(void (*fn)(void));
void grab(void);
static int counter;
static void work(void) { grab(); counter = counter + 1; }
int start(void) { return spawn(work); }
)";
  EXPECT_TRUE(test::runRuleOnCode("conc.thread-shared-mutable-state", Code).empty());
  auto Fs = test::runRuleOnCode("conc.thread-shared-mutable-state", Code, "input.c",
                                "rules:\n  conc.thread-shared-mutable-state:\n    options:\n"
                                "      thread-creators: [spawn]\n");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Line, 4u);
  EXPECT_EQ(Fs[0].Message, "'counter' (global variable) is written without a visible lock; this "
                           "translation unit starts threads ('spawn' at line 5)");
  EXPECT_TRUE(test::runRuleOnCode("conc.thread-shared-mutable-state", Code, "input.c",
                                  "rules:\n  conc.thread-shared-mutable-state:\n    options:\n"
                                  "      thread-creators: [spawn]\n      lock-functions: [grab]\n")
                  .empty());
}

TEST(ConcRulesTest, ThreadSharedMutableStateStaticLocalAndStdThread) {
  auto Fs = test::runRuleOnCode("conc.thread-shared-mutable-state", R"(#include <thread>
int next() {
  static int id;
  return ++id;
}
void run() {
  std::thread t(next);
  t.join();
}
)",
                                "input.cpp");
  ASSERT_EQ(Fs.size(), 1u);
  EXPECT_EQ(Fs[0].Message, "'id' (static local variable) is written without a visible lock; "
                           "this translation unit starts threads ('std::thread' at line 7)");
}

TEST(ConcRulesTest, SetjmpLongjmpMessagesUseTheWrittenName) {
  auto Fs = test::runRuleOnCode("conc.setjmp-longjmp", R"(#include <setjmp.h>
jmp_buf env;
void fail(void) { longjmp(env, 1); }
int guard(void) {
  if (setjmp(env))
    return -1;
  return 0;
}
)");
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Message, "'longjmp' jumps back to a 'setjmp' context, skipping the cleanup of "
                           "every frame in between");
  EXPECT_EQ(Fs[0].FunctionName, "fail");
  EXPECT_EQ(Fs[1].Message, "'setjmp' saves a context that a later 'longjmp' returns to, across "
                           "the frames in between");
  EXPECT_EQ(Fs[1].Line, 5u);
  EXPECT_EQ(Fs[1].Cwe, (std::vector<unsigned>{691}));
}

} // namespace
