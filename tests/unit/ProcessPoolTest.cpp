#include "support/ProcessPool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <map>
#include <thread>
#include <unistd.h>

namespace carcinize {
namespace {

std::map<size_t, IsolatedResult> runAll(const std::vector<size_t> &Order, ProcessPoolOptions O,
                                        const std::function<std::string(size_t)> &Work) {
  std::map<size_t, IsolatedResult> Out;
  EXPECT_EQ(runIsolated(Order, O, Work, [&](size_t I, IsolatedResult R) {
              EXPECT_EQ(Out.count(I), 0u) << "job " << I << " reported twice";
              Out[I] = std::move(R);
            }),
            0);
  return Out;
}

TEST(ProcessPoolTest, ResultsComeBackFromChildren) {
  ProcessPoolOptions O;
  O.Jobs = 3;
  pid_t Parent = ::getpid();
  auto R = runAll({0, 1, 2, 3, 4, 5, 6}, O, [&](size_t I) {
    // Each job runs in a process of its own.
    return std::to_string(I * I) + (::getpid() == Parent ? " in the parent" : "");
  });
  ASSERT_EQ(R.size(), 7u);
  for (size_t I = 0; I < 7; ++I) {
    EXPECT_TRUE(R[I].Ok) << R[I].Failure;
    EXPECT_EQ(R[I].Output, std::to_string(I * I));
  }
}

TEST(ProcessPoolTest, LargeResultsAreNotTruncated) {
  ProcessPoolOptions O;
  O.Jobs = 2;
  auto R = runAll({0, 1}, O, [](size_t I) { return std::string(3u << 20, char('a' + I)); });
  EXPECT_EQ(R[0].Output, std::string(3u << 20, 'a'));
  EXPECT_EQ(R[1].Output, std::string(3u << 20, 'b'));
}

TEST(ProcessPoolTest, ACrashCostsItsJobOnly) {
  ProcessPoolOptions O;
  O.Jobs = 2;
  auto R = runAll({0, 1, 2}, O, [](size_t I) -> std::string {
    if (I == 1) {
      // A death by the signal itself: whatever handler the process has
      // (AddressSanitizer's reports the SEGV and exits with code 1) is put
      // aside, so the child dies as an uninstrumented crash would.
      std::signal(SIGSEGV, SIG_DFL);
      std::raise(SIGSEGV);
    }
    if (I == 2)
      ::_exit(3);
    return "fine";
  });
  EXPECT_TRUE(R[0].Ok);
  EXPECT_FALSE(R[1].Ok);
  EXPECT_NE(R[1].Failure.find("crashed (signal 11"), std::string::npos) << R[1].Failure;
  EXPECT_FALSE(R[2].Ok);
  EXPECT_EQ(R[2].Failure, "exited with code 3 without a result");
}

TEST(ProcessPoolTest, AHangIsStoppedAtTheTimeout) {
  ProcessPoolOptions O;
  O.Jobs = 2;
  O.TimeoutSeconds = 1;
  auto Start = std::chrono::steady_clock::now();
  auto R = runAll({0, 1}, O, [](size_t I) -> std::string {
    if (I == 0)
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    return "quick";
  });
  double Secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  EXPECT_FALSE(R[0].Ok);
  EXPECT_TRUE(R[0].TimedOut);
  EXPECT_EQ(R[0].Failure, "timed out after 1 s (--tu-timeout)");
  EXPECT_TRUE(R[1].Ok);
  EXPECT_LT(Secs, 30.0); // the hang did not hold the pool
}

TEST(ProcessPoolTest, DeepRecursionHasTheBigStack) {
  ProcessPoolOptions O;
  // 16 MiB of frames: more than the default 8 MiB main-thread stack.
  std::function<size_t(size_t)> Deep = [&](size_t N) -> size_t {
    volatile char Pad[1024];
    Pad[0] = static_cast<char>(N);
    return N == 0 ? Pad[0] : Deep(N - 1) + 1;
  };
  auto R = runAll({0}, O, [&](size_t) { return std::to_string(Deep(16 * 1024)); });
  EXPECT_TRUE(R[0].Ok) << R[0].Failure;
  EXPECT_EQ(R[0].Output, "16384");
}

TEST(ProcessPoolTest, NoJobsIsNothing) {
  ProcessPoolOptions O;
  EXPECT_TRUE(runAll({}, O, [](size_t) { return std::string(); }).empty());
}

} // namespace
} // namespace carcinize
