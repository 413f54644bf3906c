#include "support/BuildId.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

using namespace carcinize;

// The build ID read from memory is the one the linker wrote into the file
// (as readelf shows it), when readelf is there to ask.
TEST(BuildIdTest, IsTheLinkersNoteOfThisExecutable) {
  std::string Id = executableBuildId();
  ASSERT_FALSE(Id.empty()) << "the test binary has no GNU build ID";
  EXPECT_EQ(Id.find_first_not_of("0123456789abcdef"), std::string::npos) << Id;
  EXPECT_GE(Id.size(), 16u);
  EXPECT_EQ(Id, executableBuildId());

  char Exe[4096];
  ssize_t N = ::readlink("/proc/self/exe", Exe, sizeof Exe - 1);
  ASSERT_GT(N, 0);
  Exe[N] = 0;
  std::string Cmd = "readelf -n '" + std::string(Exe) + "' 2>/dev/null";
  FILE *P = ::popen(Cmd.c_str(), "r");
  if (!P)
    GTEST_SKIP() << "cannot run readelf";
  std::string Out;
  char Buf[512];
  while (size_t Got = std::fread(Buf, 1, sizeof Buf, P))
    Out.append(Buf, Got);
  ::pclose(P);
  if (Out.find("Build ID:") == std::string::npos)
    GTEST_SKIP() << "readelf not found or silent";
  EXPECT_NE(Out.find("Build ID: " + Id), std::string::npos) << Out;
}
