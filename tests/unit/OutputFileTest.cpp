#include "support/OutputFile.h"

#include "support/Error.h"

#include "TempDir.h"

#include <gtest/gtest.h>

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
