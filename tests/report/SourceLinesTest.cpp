#include "report/SourceLines.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {
namespace {

std::string makeTempDir() {
  char Dir[] = "/tmp/carcinize-report-XXXXXX";
  return mkdtemp(Dir) ? Dir : "";
}

TEST(SourceLinesTest, ReadsLinesRelativeToRoot) {
  std::string Root = makeTempDir();
  ASSERT_FALSE(Root.empty());
  std::ofstream(Root + "/a.c") << "int x;\r\n  char *p;\nlast";
  SourceLines S(Root);
  EXPECT_TRUE(S.readable("a.c"));
  EXPECT_EQ(S.line("a.c", 1), "int x;");
  EXPECT_EQ(S.line("a.c", 2), "  char *p;");
  EXPECT_EQ(S.line("a.c", 3), "last");
  EXPECT_EQ(S.line("a.c", 4), "");
  EXPECT_EQ(S.line("a.c", 0), "");
  EXPECT_EQ(S.line(Root + "/a.c", 1), "int x;");
  std::remove((Root + "/a.c").c_str());
  rmdir(Root.c_str());
}

TEST(SourceLinesTest, MissingFilesAndFifosHaveNoLines) {
  std::string Root = makeTempDir();
  ASSERT_EQ(mkfifo((Root + "/pipe.c").c_str(), 0600), 0);
  SourceLines S(Root);
  EXPECT_FALSE(S.readable("gone.c"));
  EXPECT_EQ(S.line("gone.c", 1), "");
  EXPECT_FALSE(S.readable("pipe.c")); // must not block
  std::remove((Root + "/pipe.c").c_str());
  rmdir(Root.c_str());
}

TEST(SourceLinesTest, NormalizeCollapsesBlanks) {
  EXPECT_EQ(normalizeCode("  \tstrcpy( buf,\t src );  "), "strcpy( buf, src );");
  EXPECT_EQ(normalizeCode(""), "");
  EXPECT_EQ(normalizeCode(" \t "), "");
}

} // namespace
} // namespace carcinize
