#include "support/OutputFile.h"

#include "support/Error.h"

#include "TempDir.h"

#include <gtest/gtest.h>
#include <llvm/Support/raw_ostream.h>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace carcinize;
using carcinize::test::TempDir;

TEST(OutputFileTest, WritesContent) {
  TempDir T;
  std::string P = T / "report.json";
  writeFileAtomically(P, "{\"a\": 1}\n");
  EXPECT_EQ(test::readFile(P), "{\"a\": 1}\n");
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"report.json"});
}

TEST(OutputFileTest, ReplacesExistingFile) {
  TempDir T;
  std::string P = T.write("out.txt", "old contents that are longer\n");
  writeFileAtomically(P, "new\n");
  EXPECT_EQ(test::readFile(P), "new\n");
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"out.txt"});
}

TEST(OutputFileTest, WritesEmptyAndBinaryContent) {
  TempDir T;
  std::string P = T / "empty";
  writeFileAtomically(P, "");
  EXPECT_EQ(test::readFile(P), "");
  std::string Bin("a\0b\n", 4);
  writeFileAtomically(P, Bin);
  EXPECT_EQ(test::readFile(P), Bin);
}

TEST(OutputFileTest, MissingDirectoryThrowsNamingPath) {
  TempDir T;
  std::string P = T / "missing/dir/out.txt";
  try {
    writeFileAtomically(P, "x");
    FAIL() << "expected InputError";
  } catch (const InputError &E) {
    std::string Msg = E.what();
    EXPECT_NE(Msg.find("'" + P + "'"), std::string::npos) << Msg;
    EXPECT_NE(Msg.find("No such file or directory"), std::string::npos) << Msg;
  }
  EXPECT_TRUE(test::listDir(T.path()).empty());
}

TEST(OutputFileTest, FailedRenameLeavesNoTemporaryFile) {
  TempDir T;
  // The target is a non-empty folder: the temporary file is written, then
  // the rename fails.
  T.write("target/keep", "k");
  std::string P = T / "target";
  try {
    writeFileAtomically(P, "contents");
    FAIL() << "expected InputError";
  } catch (const InputError &E) {
    EXPECT_NE(std::string(E.what()).find("'" + P + "'"), std::string::npos) << E.what();
  }
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"target"});
  EXPECT_EQ(test::listDir(P), std::vector<std::string>{"keep"});
}

TEST(OutputFileTest, RemovePendingOutputsIsHarmlessWhenIdle) {
  TempDir T;
  std::string P = T / "a";
  writeFileAtomically(P, "1");
  removePendingOutputs();
  EXPECT_EQ(test::readFile(P), "1");
}

TEST(OutputFileTest, StreamsLargeContent) {
  TempDir T;
  std::string P = T / "big.json";
  std::string Expected;
  writeFileAtomically(P, [&](llvm::raw_ostream &OS) {
    for (int I = 0; I < 200000; ++I) {
      std::string Line = "line " + std::to_string(I) + "\n";
      OS << Line;
      Expected += Line;
    }
  });
  EXPECT_EQ(test::readFile(P), Expected);
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"big.json"});
}

TEST(OutputFileTest, ThrowingWriterLeavesTargetAndNoTemporary) {
  TempDir T;
  std::string P = T.write("report.json", "previous\n");
  EXPECT_THROW(writeFileAtomically(P,
                                   [](llvm::raw_ostream &OS) {
                                     OS << std::string(100000, 'x');
                                     throw InputError("renderer failed");
                                   }),
               InputError);
  EXPECT_EQ(test::readFile(P), "previous\n");
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"report.json"});
}

TEST(OutputFileTest, WriteErrorMidStreamIsReportedAndCleanedUp) {
  // A file-size limit makes write() fail with EFBIG part way, as a full disk
  // would with ENOSPC.
  TempDir T;
  std::string P = T / "out.json";
  struct rlimit Old;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &Old), 0);
  auto OldHandler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit Small = Old;
  Small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &Small), 0);
  std::string Msg;
  try {
    writeFileAtomically(P, [](llvm::raw_ostream &OS) { OS << std::string(1 << 20, 'y'); });
  } catch (const InputError &E) {
    Msg = E.what();
  }
  setrlimit(RLIMIT_FSIZE, &Old);
  std::signal(SIGXFSZ, OldHandler);
  EXPECT_NE(Msg.find("cannot write '" + P + "'"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("too large"), std::string::npos) << Msg;
  EXPECT_TRUE(test::listDir(T.path()).empty());
}

TEST(OutputFileTest, DeviceIsWrittenInPlaceNotReplaced) {
  // Through a link, so that a regression replaces the link, never /dev/null.
  TempDir T;
  std::string Link = T / "null";
  ASSERT_EQ(::symlink("/dev/null", Link.c_str()), 0);
  writeFileAtomically(Link, [](llvm::raw_ostream &OS) { OS << "report\n"; });
  struct stat St;
  ASSERT_EQ(::lstat(Link.c_str(), &St), 0);
  EXPECT_TRUE(S_ISLNK(St.st_mode)) << "the link to /dev/null was replaced";
  ASSERT_EQ(::stat("/dev/null", &St), 0);
  EXPECT_TRUE(S_ISCHR(St.st_mode));
  EXPECT_EQ(test::listDir(T.path()), std::vector<std::string>{"null"});
}

TEST(OutputFileTest, SymlinkToFileKeepsTheLink) {
  TempDir T;
  std::string Target = T.write("real.json", "old\n");
  std::string Link = T / "latest.json";
  ASSERT_EQ(::symlink("real.json", Link.c_str()), 0);
  writeFileAtomically(Link, "new\n");
  struct stat St;
  ASSERT_EQ(::lstat(Link.c_str(), &St), 0);
  EXPECT_TRUE(S_ISLNK(St.st_mode));
  EXPECT_EQ(test::readFile(Target), "new\n");
}
