// Flags for files the compilation database does not list: the nearest entry.
#include "frontend/InterpolateCommand.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

CompileCommand entry(const std::string &File, std::vector<std::string> Args) {
  CompileCommand C;
  C.Directory = "/p/build";
  C.File = File;
  C.Arguments = std::move(Args);
  C.Arguments.push_back(File);
  return C;
}

const std::vector<CompileCommand> Db = {
    entry("/p/lib/zip/inflate.c", {"cc", "-I/p/lib/zip", "-DZIP", "-std=c99"}),
    entry("/p/lib/net/frame.c", {"cc", "-I/p/lib/net", "-DNET", "-std=c11"}),
    entry("/p/lib/net/socket.c", {"cc", "-I/p/lib/net", "-DSOCK", "-std=c11"}),
    entry("/p/tools/gui/main.cpp", {"c++", "-I/p/tools/gui", "-std=c++17"}),
};

TEST(InterpolateCommandTest, SameFolderThenSameNameThenDatabaseOrder) {
  // Same folder, and the longest common name: frame_v2.c borrows frame.c's.
  EXPECT_EQ(nearestCommand("/p/lib/net/frame_v2.c", Db)->File, "/p/lib/net/frame.c");
  EXPECT_EQ(nearestCommand("/p/lib/net/sock_opts.c", Db)->File, "/p/lib/net/socket.c");
  // No name in common: the first entry of the folder.
  EXPECT_EQ(nearestCommand("/p/lib/net/x.c", Db)->File, "/p/lib/net/frame.c");
  // A new folder under lib/ takes a sibling's flags, not the C++ tool's.
  EXPECT_EQ(nearestCommand("/p/lib/crc/crc32.c", Db)->File, "/p/lib/zip/inflate.c");
}

TEST(InterpolateCommandTest, SameLanguageBeforeNearerFolder) {
  // A C++ file in lib/net/ takes the C++ entry, far as it is.
  EXPECT_EQ(nearestCommand("/p/lib/net/wrap.cpp", Db)->File, "/p/tools/gui/main.cpp");
  // A header takes the nearest entry whatever its language.
  EXPECT_EQ(nearestCommand("/p/lib/net/frame.h", Db)->File, "/p/lib/net/frame.c");
}

TEST(InterpolateCommandTest, NoSourceEntryNoDonor) {
  EXPECT_EQ(nearestCommand("/p/a.c", {}), nullptr);
  EXPECT_EQ(nearestCommand("/p/a.c", {entry("/p/a.h", {"cc"})}), nullptr);
}

TEST(InterpolateCommandTest, KeepsFlagsAndDropsTheOtherLanguagesStandard) {
  CompileCommand Same = interpolateCommand(Db[1], "/p/lib/net/new.c");
  EXPECT_EQ(Same.File, "/p/lib/net/new.c");
  EXPECT_EQ(Same.Directory, "/p/build");
  EXPECT_EQ(Same.Arguments, Db[1].Arguments); // the donor's input is dropped by the mangler
  CompileCommand Other = interpolateCommand(
      entry("/p/a.c", {"cc", "-Iinc", "-std=c99", "-x", "c", "-xc", "-DX"}), "/p/b.cpp");
  EXPECT_EQ(Other.Arguments, (std::vector<std::string>{"cc", "-Iinc", "-DX", "/p/a.c"}));
}

// A C++ driver compiles a .c input as C++ whatever -std says: a C file that
// borrows a C++ entry's flags takes the C driver of the same family.
TEST(InterpolateCommandTest, ACFileTakesTheCDriver) {
  CompileCommand C = interpolateCommand(
      entry("/p/gui/main.cpp", {"/usr/bin/clang++-19", "-Iinc", "-std=c++17"}), "/p/gui/util.c");
  EXPECT_EQ(C.Arguments,
            (std::vector<std::string>{"/usr/bin/clang-19", "-Iinc", "/p/gui/main.cpp"}));
  EXPECT_EQ(cDriverFor("g++"), "gcc");
  EXPECT_EQ(cDriverFor("x86_64-linux-gnu-g++-12"), "x86_64-linux-gnu-gcc-12");
  EXPECT_EQ(cDriverFor("c++"), "cc");
  EXPECT_EQ(cDriverFor("/opt/cc/bin/icpx"), "/opt/cc/bin/icpx");
  // A C++ file keeps its driver, whatever the donor's.
  CompileCommand Cxx = interpolateCommand(Db[0], "/p/lib/zip/wrap.cpp");
  EXPECT_EQ(Cxx.Arguments.front(), "cc");
}

} // namespace
