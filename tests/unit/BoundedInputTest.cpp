#include "support/BoundedInput.h"

#include "support/Error.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace carcinize;
using carcinize::test::TempDir;

namespace {

/// \p N opening brackets, alternating arrays and objects' values, then the
/// closing ones: a document nested exactly \p N levels deep.
std::string nested(unsigned N) {
  std::string Open, Close;
  for (unsigned I = 0; I < N; ++I) {
    Open += (I % 2) ? "{\"k\":" : "[";
    Close.insert(0, (I % 2) ? "}" : "]");
  }
  return Open + "1" + Close;
}

/// The message of the InputError \p F throws, or "" when it throws none.
template <typename Fn> std::string inputErrorOf(Fn F) {
  try {
    F();
  } catch (const InputError &E) {
    return E.what();
  }
  return "";
}

} // namespace

TEST(BoundedInputTest, DepthAtTheLimitIsAccepted) {
  EXPECT_EQ(jsonTooDeepAt(nested(MaxJsonDepth)), "");
  auto V = parseJsonBounded(nested(MaxJsonDepth), "db.json");
  ASSERT_TRUE(bool(V)) << llvm::toString(V.takeError());
}

TEST(BoundedInputTest, OneLevelDeeperIsRefusedAtItsBracket) {
  std::string Deep = nested(MaxJsonDepth + 1);
  // 128 '[' and 128 '{"k":' open levels 1..256 in 768 characters; the
  // '[' of level 257 is at column 769.
  EXPECT_EQ(jsonTooDeepAt(Deep), "1:769");
  std::string Msg = inputErrorOf([&] { (void)parseJsonBounded(Deep, "db.json"); });
  EXPECT_NE(Msg.find("db.json:1:"), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("nested deeper than 256 levels"), std::string::npos) << Msg;
}

TEST(BoundedInputTest, FiftyThousandLevelsAreRefusedWithoutRecursing) {
  std::string Deep(50000, '[');
  Deep += std::string(50000, ']');
  EXPECT_EQ(jsonTooDeepAt(Deep), "1:257");
  EXPECT_NE(inputErrorOf([&] { (void)parseJsonBounded(Deep, "facts.jsonl"); }), "");
}

TEST(BoundedInputTest, BracketsInsideStringsDoNotCount) {
  // 300 brackets inside a string, with escaped quotes and backslashes that
  // must not end it early.
  std::string Text = "{\"a\": \"\\\"\\\\" + std::string(300, '[') + "\"}";
  EXPECT_EQ(jsonTooDeepAt(Text), "");
  auto V = parseJsonBounded(Text, "x.json");
  ASSERT_TRUE(bool(V)) << llvm::toString(V.takeError());
}

TEST(BoundedInputTest, PositionCountsLinesAndColumns) {
  std::string Text = "{\n  \"a\":\n" + std::string(MaxJsonDepth, '[') + "\n";
  // Level 1 is the '{' of line 1; line 3 opens levels 2..257, and level 257
  // is its 256th character.
  EXPECT_EQ(jsonTooDeepAt(Text), "3:256");
}

TEST(BoundedInputTest, ANamedLineGetsOnlyTheColumn) {
  std::string Deep(300, '[');
  std::string Msg =
      inputErrorOf([&] { (void)parseJsonBounded(Deep, "facts.jsonl:7", /*NameHasLine=*/true); });
  EXPECT_NE(Msg.find("facts.jsonl:7:257: JSON nested"), std::string::npos) << Msg;
}

TEST(BoundedInputTest, SyntaxErrorsComeBackAsErrors) {
  auto V = parseJsonBounded("{\"a\": ", "x.json");
  ASSERT_FALSE(bool(V));
  llvm::consumeError(V.takeError());
}

TEST(BoundedInputTest, ReadsARegularFile) {
  TempDir T;
  std::string P = T.write("c.yaml", "checks: {}\n");
  auto Buf = readInputFile(P, "configuration file", 1024);
  ASSERT_TRUE(Buf);
  EXPECT_EQ(Buf->getBuffer(), "checks: {}\n");
}

TEST(BoundedInputTest, RefusesAFileOverTheLimitNamingItsSize) {
  TempDir T;
  std::string P = T.write("big.json", std::string(2048, ' '));
  std::string Msg = inputErrorOf([&] { (void)readInputFile(P, "baseline", 1024); });
  EXPECT_NE(Msg.find(P), std::string::npos) << Msg;
  EXPECT_NE(Msg.find("2048 bytes; at most 1024"), std::string::npos) << Msg;
}

TEST(BoundedInputTest, RefusesFoldersDevicesAndPipes) {
  TempDir T;
  std::string Dir = T.mkdir("folder");
  EXPECT_NE(inputErrorOf([&] { (void)readInputFile(Dir, "facts file", 1024); })
                .find("must be a regular file, not a folder"),
            std::string::npos);
  EXPECT_NE(inputErrorOf([&] { (void)readInputFile("/dev/zero", "profile", 1024); })
                .find("not a character device"),
            std::string::npos);
  // A FIFO without a writer: opening it must not block.
  std::string Fifo = T / "fifo";
  ASSERT_EQ(::mkfifo(Fifo.c_str(), 0600), 0);
  EXPECT_NE(inputErrorOf([&] { (void)readInputFile(Fifo, "baseline", 1024); }).find("not a pipe"),
            std::string::npos);
}

TEST(BoundedInputTest, AMissingFileNamesThePathAndWhat) {
  TempDir T;
  std::string Msg =
      inputErrorOf([&] { (void)readInputFile(T / "absent.yaml", "configuration file", 1024); });
  EXPECT_NE(Msg.find("absent.yaml: cannot read the configuration file"), std::string::npos) << Msg;
}
