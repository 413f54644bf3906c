#include "frontend/CompilationDatabase.h"

#include "support/Error.h"
#include "support/Paths.h"

#include "TempDir.h"

#include <gtest/gtest.h>

using namespace carcinize;
using carcinize::test::TempDir;

namespace {

std::string dbError(const std::string &Text, const std::string &Path) {
  try {
    parseCompilationDatabase(Text, Path);
  } catch (const InputError &E) {
    return E.what();
  }
  ADD_FAILURE() << "no InputError for:\n" << Text;
  return {};
}

// A tree with two sources and a build folder for the database.
struct Tree {
  TempDir T;
  std::string A, B, Db;
  Tree() {
    A = T.write("src/a.c", "int a;\n");
    B = T.write("src/b.c", "int b;\n");
    T.mkdir("build");
    Db = T / "build/compile_commands.json";
  }
};

} // namespace

TEST(CompilationDatabaseTest, ParsesArgumentsForm) {
  Tree X;
  std::string Text = R"([
  {
    "directory": ")" + X.T.path() + R"(/build",
    "file": "../src/a.c",
    "arguments": ["gcc", "-Iinc", "-DX=1", "-c", "../src/a.c", "-o", "a.o"]
  }
])";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  EXPECT_EQ(Db.Path, X.Db);
  EXPECT_TRUE(Db.Warnings.empty());
  ASSERT_EQ(Db.Commands.size(), 1u);
  const CompileCommand &C = Db.Commands[0];
  EXPECT_EQ(C.Directory, X.T / "build");
  EXPECT_EQ(C.File, X.A);
  EXPECT_EQ(C.Arguments, (std::vector<std::string>{"gcc", "-Iinc", "-DX=1", "-c", "../src/a.c",
                                                   "-o", "a.o"}));
  EXPECT_EQ(C.EntryLine, 2u);
}

TEST(CompilationDatabaseTest, ParsesCommandFormWithShellQuoting) {
  Tree X;
  // In the JSON text: gcc "-DNAME=\"a b\"" -DY='c d' -I"my dir" -c src/a.c
  std::string Text = R"([{"directory": ")" + X.T.path() +
                     R"(", "file": "src/a.c", "command": "gcc \"-DNAME=\\\"a b\\\"\" -DY='c d' -I\"my dir\" -DZ=a\\ b -c src/a.c"}])";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  ASSERT_EQ(Db.Commands.size(), 1u);
  EXPECT_EQ(Db.Commands[0].Arguments,
            (std::vector<std::string>{"gcc", "-DNAME=\"a b\"", "-DY=c d", "-Imy dir", "-DZ=a b",
                                      "-c", "src/a.c"}));
  EXPECT_EQ(Db.Commands[0].File, X.A);
  EXPECT_EQ(Db.Commands[0].EntryLine, 1u);
}

TEST(CompilationDatabaseTest, SplitCommandLine) {
  EXPECT_EQ(splitCommandLine("cc  -c\ta.c"), (std::vector<std::string>{"cc", "-c", "a.c"}));
  EXPECT_EQ(splitCommandLine(R"(cc "-DS=\"x y\"" 'q r' a\ b.c)"),
            (std::vector<std::string>{"cc", "-DS=\"x y\"", "q r", "a b.c"}));
  EXPECT_TRUE(splitCommandLine("").empty());
}

TEST(CompilationDatabaseTest, RelativeDirectoryIsResolvedAgainstTheDatabaseFolder) {
  Tree X;
  std::string Text = R"([
  {"directory": "..", "file": "src/b.c", "arguments": ["cc", "-c", "src/b.c"]},
  {"directory": "../src", "file": "a.c", "arguments": ["cc", "-c", "a.c"]}
])";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  ASSERT_EQ(Db.Commands.size(), 2u) << (Db.Warnings.empty() ? "" : Db.Warnings[0]);
  EXPECT_EQ(Db.Commands[0].Directory, X.T.path());
  EXPECT_EQ(Db.Commands[0].File, X.B);
  EXPECT_EQ(Db.Commands[0].EntryLine, 2u);
  EXPECT_EQ(Db.Commands[1].Directory, X.T / "src");
  EXPECT_EQ(Db.Commands[1].File, X.A);
  EXPECT_EQ(Db.Commands[1].EntryLine, 3u);
}

TEST(CompilationDatabaseTest, AbsoluteFileIsKept) {
  Tree X;
  std::string Text = R"([{"directory": "/nonexistent/dir", "file": ")" + X.A +
                     R"(", "arguments": ["cc", "-c", "x.c"]}])";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  ASSERT_EQ(Db.Commands.size(), 1u);
  EXPECT_EQ(Db.Commands[0].Directory, "/nonexistent/dir");
  EXPECT_EQ(Db.Commands[0].File, X.A);
}

TEST(CompilationDatabaseTest, MissingMembersNameFileAndEntryLine) {
  Tree X;
  std::string Dir = X.T.path();
  std::string Good = R"({"directory": ")" + Dir + R"(", "file": "src/a.c", "arguments": ["cc"]})";
  EXPECT_EQ(dbError("[\n  " + Good + ",\n  {\"directory\": \"" + Dir +
                        "\", \"arguments\": [\"cc\"]}\n]",
                    X.Db),
            X.Db + ":3: entry 2: missing 'file'");
  EXPECT_EQ(dbError("[\n  {\"file\": \"a.c\",\n   \"arguments\": [\"cc\"]}\n]", X.Db),
            X.Db + ":2: entry 1: missing 'directory'");
  EXPECT_EQ(dbError("[\n" + Good + ",\n" + Good + ",\n\n  {\"directory\": \"" + Dir +
                        "\", \"file\": \"src/b.c\"}]",
                    X.Db),
            X.Db + ":5: entry 3: missing 'arguments' or 'command'");
  EXPECT_EQ(dbError("[{\"directory\": \"" + Dir + "\", \"file\": \"src/a.c\", \"arguments\": []}]",
                    X.Db),
            X.Db + ":1: entry 1: empty command line");
  EXPECT_EQ(dbError("[{\"directory\": \"" + Dir + "\", \"file\": 7, \"arguments\": [\"cc\"]}]",
                    X.Db),
            X.Db + ":1: entry 1: 'file' must be a string");
  EXPECT_EQ(dbError("[{\"directory\": \"" + Dir +
                        "\", \"file\": \"src/a.c\", \"arguments\": \"cc -c\"}]",
                    X.Db),
            X.Db + ":1: entry 1: 'arguments' must be an array of strings");
  EXPECT_EQ(dbError("[\n  \"not an object\"\n]", X.Db),
            X.Db + ":2: entry 1: expected an object with 'directory', 'file' and 'arguments' or "
                   "'command'");
}

TEST(CompilationDatabaseTest, StringsContainingBracketsDoNotConfuseLineNumbers) {
  Tree X;
  std::string Dir = X.T.path();
  std::string Text = "[\n  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/a.c\", \"command\": \"cc -D'X=[{,}]' \\\"q\\\"\"},\n"
                     "  {\"directory\": \"" +
                     Dir + "\",\n   \"arguments\": [\"cc\"]}\n]";
  EXPECT_EQ(dbError(Text, X.Db), X.Db + ":3: entry 2: missing 'file'");
}

TEST(CompilationDatabaseTest, NotAnArray) {
  EXPECT_EQ(dbError("{\"directory\": \"/\"}", "/x/compile_commands.json"),
            "/x/compile_commands.json:1: a compilation database must be a JSON array of entries");
}

TEST(CompilationDatabaseTest, InvalidJsonNamesLineAndColumn) {
  std::string Msg = dbError("[\n  {\"directory\": \"/\",}\n]", "/x/cc.json");
  EXPECT_EQ(Msg.rfind("/x/cc.json:2:", 0), 0u) << Msg;
  EXPECT_NE(Msg.find(": invalid JSON: "), std::string::npos) << Msg;
}

TEST(CompilationDatabaseTest, RepeatedEntryIsSkippedWithWarning) {
  Tree X;
  std::string Dir = X.T.path();
  std::string Text = "[\n  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/a.c\", \"arguments\": [\"cc\", \"-DFIRST\"]},\n"
                     "  {\"directory\": \"" + Dir +
                     "/src\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DSECOND\"]},\n"
                     "  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/b.c\", \"arguments\": [\"cc\"]}\n]";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  ASSERT_EQ(Db.Commands.size(), 2u);
  EXPECT_EQ(Db.Commands[0].File, X.A);
  EXPECT_EQ(Db.Commands[0].Arguments, (std::vector<std::string>{"cc", "-DFIRST"}));
  EXPECT_EQ(Db.Commands[1].File, X.B);
  ASSERT_EQ(Db.Warnings.size(), 1u);
  EXPECT_EQ(Db.Warnings[0],
            X.Db + ":3: entry 2: repeated entry for 'a.c' ignored (the first is used)");
}

TEST(CompilationDatabaseTest, NonexistentFileIsSkippedWithWarning) {
  Tree X;
  std::string Dir = X.T.path();
  X.T.mkdir("src/folder.c");
  std::string Text = "[\n  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/gone.c\", \"arguments\": [\"cc\"]},\n"
                     "  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/folder.c\", \"arguments\": [\"cc\"]},\n"
                     "  {\"directory\": \"" + Dir +
                     "\", \"file\": \"src/a.c\", \"arguments\": [\"cc\"]}\n]";
  CompilationDatabase Db = parseCompilationDatabase(Text, X.Db);
  ASSERT_EQ(Db.Commands.size(), 1u);
  EXPECT_EQ(Db.Commands[0].File, X.A);
  EXPECT_EQ(Db.Commands[0].EntryLine, 4u);
  ASSERT_EQ(Db.Warnings.size(), 2u);
  // The entry is named as the database spells it, beside the database's line.
  EXPECT_EQ(Db.Warnings[0],
            X.Db + ":2: entry 1: 'src/gone.c' does not exist or is not a regular file; skipped");
  EXPECT_EQ(Db.Warnings[1],
            X.Db + ":3: entry 2: 'src/folder.c' does not exist or is not a regular file; skipped");
}

TEST(CompilationDatabaseTest, EmptyArrayIsValid) {
  CompilationDatabase Db = parseCompilationDatabase("[]", "/x/compile_commands.json");
  EXPECT_TRUE(Db.Commands.empty());
  EXPECT_TRUE(Db.Warnings.empty());
}

TEST(CompilationDatabaseTest, LoadReadsFileAndRejectsFoldersAndMissingFiles) {
  Tree X;
  X.T.write("build/compile_commands.json",
            "[{\"directory\": \"..\", \"file\": \"src/a.c\", \"command\": \"cc -c src/a.c\"}]");
  CompilationDatabase Db = loadCompilationDatabase(X.Db);
  ASSERT_EQ(Db.Commands.size(), 1u);
  EXPECT_EQ(Db.Commands[0].File, X.A);
  EXPECT_EQ(Db.Commands[0].Directory, X.T.path());
  try {
    loadCompilationDatabase(X.T / "build");
    FAIL() << "expected InputError";
  } catch (const InputError &E) {
    EXPECT_EQ(std::string(E.what()),
              X.T / "build" + ": is a directory, not a compilation database");
  }
  try {
    loadCompilationDatabase(X.T / "nope.json");
    FAIL() << "expected InputError";
  } catch (const InputError &E) {
    EXPECT_EQ(std::string(E.what()).rfind(X.T / "nope.json" + ": cannot read the compilation database",
                                          0),
              0u)
        << E.what();
  }
}

TEST(CompilationDatabaseTest, FindInTheFolderItself) {
  TempDir T;
  std::string Db = T.write("proj/compile_commands.json", "[]");
  std::string Src = T.write("proj/main.c", "int x;\n");
  EXPECT_EQ(findCompilationDatabase(T / "proj"), std::optional<std::string>(Db));
  EXPECT_EQ(findCompilationDatabase(Src), std::optional<std::string>(Db));
}

TEST(CompilationDatabaseTest, FindInAParent) {
  TempDir T;
  std::string Db = T.write("proj/compile_commands.json", "[]");
  std::string Deep = T.mkdir("proj/a/b/c");
  EXPECT_EQ(findCompilationDatabase(Deep), std::optional<std::string>(Db));
  // Nearest wins.
  std::string Near = T.write("proj/a/compile_commands.json", "[]");
  EXPECT_EQ(findCompilationDatabase(Deep), std::optional<std::string>(Near));
}

TEST(CompilationDatabaseTest, FindInBuildSubfolderOfAParent) {
  TempDir T;
  std::string Db = T.write("proj/build/compile_commands.json", "[]");
  std::string Deep = T.mkdir("proj/src/x");
  EXPECT_EQ(findCompilationDatabase(Deep), std::optional<std::string>(Db));
  EXPECT_EQ(findCompilationDatabase(T / "proj"), std::optional<std::string>(Db));
  // The folder's own database is preferred over its build/ one.
  std::string Own = T.write("proj/compile_commands.json", "[]");
  EXPECT_EQ(findCompilationDatabase(Deep), std::optional<std::string>(Own));
}

TEST(CompilationDatabaseTest, FindReturnsNothingWhenNoneExists) {
  TempDir T;
  std::string Deep = T.mkdir("a/b/c/d");
  // Whatever lies above the temporary folder (normally nothing).
  std::optional<std::string> Outside = findCompilationDatabase(parentDir(T.path()));
  if (Outside) {
    EXPECT_FALSE(isUnder(*Outside, T.path())) << *Outside;
  }
  EXPECT_EQ(findCompilationDatabase(Deep), Outside);
  // A folder named compile_commands.json is not a database.
  T.mkdir("a/b/compile_commands.json");
  EXPECT_EQ(findCompilationDatabase(Deep), Outside);
}
