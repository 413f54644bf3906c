#include "frontend/SourceDiscovery.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace carcinize;
using carcinize::test::TempDir;

namespace {

using Strings = std::vector<std::string>;

// A tree with sources in the usual places and everything discovery must skip.
struct SampleTree {
  TempDir T;
  SampleTree() {
    T.write("src/a.c", "int a;\n");
    T.write("src/b.cpp", "int b;\n");
    T.write("src/util.h", "int u;\n");
    T.write("src/sub/c.cc", "int c;\n");
    T.write("src/sub/notes.txt", "text\n");
    T.write("include/lib/x.hpp", "int x;\n");
    T.write(".git/hooks/h.c", "int h;\n");
    T.write(".cache/k.c", "int k;\n");
    T.write("build/gen.c", "int g;\n");
    T.write("build/gen.h", "int g;\n");
    T.write("_build/g2.c", "int g;\n");
    T.write("out/CMakeFiles/probe.c", "int p;\n");
    T.write("cmake-build-debug/d.c", "int d;\n");
    T.write("node_modules/pkg/n.c", "int n;\n");
    T.write("third_party/zlib/z.c", "int z;\n");
    T.write("third_party/zlib/z.h", "int z;\n");
    T.write("gen/msg.pb.c", "int m;\n");
    T.write("gen/keep.c", "int k;\n");
  }
};

} // namespace

TEST(SourceDiscoveryTest, ClassifySource) {
  EXPECT_EQ(classifySource("/p/a.c"), SourceKind::CSource);
  for (const char *P : {"a.cc", "a.cpp", "a.cxx", "a.c++", "a.C", "a.cp", "a.CPP"})
    EXPECT_EQ(classifySource(P), SourceKind::CxxSource) << P;
  for (const char *P : {"a.h", "a.hh", "a.hpp", "a.hxx", "a.h++", "a.H", "a.inl", "a.ipp",
                        "a.tcc"})
    EXPECT_EQ(classifySource(P), SourceKind::Header) << P;
  for (const char *P : {"Makefile", "a.txt", "a.c.orig", ".c", "dir.c/file", "a.cu", "a.m", ""})
    EXPECT_EQ(classifySource(P), SourceKind::None) << P;
}

TEST(SourceDiscoveryTest, FindsSourcesAndSkipsBuildAndVcsFolders) {
  SampleTree S;
  const std::string &R = S.T.path();
  DiscoveredTree Tree = discoverSources({R}, R, {});
  EXPECT_EQ(Tree.Root, R);
  EXPECT_EQ(Tree.Sources, (Strings{R + "/gen/keep.c", R + "/gen/msg.pb.c", R + "/src/a.c",
                                   R + "/src/b.cpp", R + "/src/sub/c.cc",
                                   R + "/third_party/zlib/z.c"}));
  EXPECT_EQ(Tree.HeaderDirs, (Strings{R + "/include/lib", R + "/src", R + "/third_party/zlib"}));
  EXPECT_TRUE(Tree.Warnings.empty());
}

TEST(SourceDiscoveryTest, HonoursExcludeGlobs) {
  SampleTree S;
  const std::string &R = S.T.path();
  DiscoveredTree Tree = discoverSources({R}, R, {"third_party", "*.pb.c", "src/sub"});
  EXPECT_EQ(Tree.Sources, (Strings{R + "/gen/keep.c", R + "/src/a.c", R + "/src/b.cpp"}));
  EXPECT_EQ(Tree.HeaderDirs, (Strings{R + "/include/lib", R + "/src"}));
  DiscoveredTree Only = discoverSources({R}, R, {"src/**/*.cc", "gen/*"});
  EXPECT_EQ(Only.Sources, (Strings{R + "/src/a.c", R + "/src/b.cpp", R + "/third_party/zlib/z.c"}));
}

TEST(SourceDiscoveryTest, WalksOnlyTheGivenPaths) {
  SampleTree S;
  const std::string &R = S.T.path();
  DiscoveredTree Tree = discoverSources({R + "/src/sub", R + "/gen/keep.c"}, R, {});
  EXPECT_EQ(Tree.Sources, (Strings{R + "/gen/keep.c", R + "/src/sub/c.cc"}));
  EXPECT_TRUE(Tree.HeaderDirs.empty());
}

TEST(SourceDiscoveryTest, MissingPathGivesWarning) {
  TempDir T;
  DiscoveredTree Tree = discoverSources({T / "nope"}, T.path(), {});
  EXPECT_TRUE(Tree.Sources.empty());
  EXPECT_EQ(Tree.Warnings, Strings{T / "nope" + ": cannot read"});
}

TEST(SourceDiscoveryTest, RootInsideAFolderNamedBuildIsScanned) {
  TempDir T;
  std::string Root = T.mkdir("build/proj");
  T.write("build/proj/main.c", "int m;\n");
  DiscoveredTree Tree = discoverSources({Root}, Root, {});
  EXPECT_EQ(Tree.Sources, Strings{Root + "/main.c"});
}

TEST(SourceDiscoveryTest, DoesNotLoopOnSymlinkToParentAndIgnoresFifo) {
  TempDir T;
  const std::string &R = T.path();
  T.write("src/a.c", "int a;\n");
  ASSERT_EQ(::symlink(R.c_str(), (R + "/src/loop").c_str()), 0);
  ASSERT_EQ(::symlink("..", (R + "/src/up").c_str()), 0);
  ASSERT_EQ(::symlink("src/a.c", (R + "/alias.c").c_str()), 0);
  ASSERT_EQ(::symlink("missing.c", (R + "/dangling.c").c_str()), 0);
  ASSERT_EQ(::mkfifo((R + "/x.c").c_str(), 0600), 0);
  DiscoveredTree Tree = discoverSources({R}, R, {});
  // A link to a regular file is a source; links to folders, dangling links
  // and the FIFO are not.
  EXPECT_EQ(Tree.Sources, (Strings{R + "/alias.c", R + "/src/a.c"}));
}

TEST(SourceDiscoveryTest, IsExcludedPath) {
  std::string R = "/r";
  EXPECT_FALSE(isExcludedPath("/r/src/a.c", R, {}));
  EXPECT_TRUE(isExcludedPath("/r/build/a.c", R, {}));
  EXPECT_TRUE(isExcludedPath("/r/src/.git/a.c", R, {}));
  EXPECT_TRUE(isExcludedPath("/r/cmake-build-release/a.c", R, {}));
  EXPECT_TRUE(isExcludedPath("/r/x/node_modules/a.c", R, {}));
  // The last component is the file, never a skipped folder.
  EXPECT_FALSE(isExcludedPath("/r/src/build", R, {}));
  // Only components below the root count.
  EXPECT_FALSE(isExcludedPath("/home/build/proj/a.c", "/home/build/proj", {}));
  EXPECT_TRUE(isExcludedPath("/r/src/m.pb.c", R, {"*.pb.c"}));
  EXPECT_TRUE(isExcludedPath("/r/vendor/z/z.c", R, {"vendor"}));
  EXPECT_FALSE(isExcludedPath("/r/src/vendored.c", R, {"vendor"}));
}

TEST(SourceDiscoveryTest, InferFlagsForC) {
  SampleTree S;
  const std::string &R = S.T.path();
  DiscoveredTree Tree = discoverSources({R}, R, {"third_party"});
  ASSERT_EQ(Tree.HeaderDirs, (Strings{R + "/include/lib", R + "/src"}));
  EXPECT_EQ(inferFlags(R + "/src/a.c", Tree),
            (Strings{"-x", "c", "-std=gnu17", "-I" + R + "/src", "-I" + R + "/include/lib",
                     "-I" + R + "/include", "-I" + R}));
}

TEST(SourceDiscoveryTest, InferFlagsForCxx) {
  SampleTree S;
  const std::string &R = S.T.path();
  DiscoveredTree Tree = discoverSources({R}, R, {"third_party"});
  EXPECT_EQ(inferFlags(R + "/src/sub/c.cc", Tree),
            (Strings{"-x", "c++", "-std=gnu++17", "-I" + R + "/src/sub", "-I" + R + "/include/lib",
                     "-I" + R + "/include", "-I" + R + "/src", "-I" + R}));
  EXPECT_EQ(inferFlags(R + "/src/b.cpp", Tree),
            (Strings{"-x", "c++", "-std=gnu++17", "-I" + R + "/src", "-I" + R + "/include/lib",
                     "-I" + R + "/include", "-I" + R}));
}

TEST(SourceDiscoveryTest, InferFlagsWithoutHeaders) {
  DiscoveredTree Empty;
  EXPECT_EQ(inferFlags("/p/q/m.c", Empty), (Strings{"-x", "c", "-std=gnu17", "-I/p/q"}));
  EXPECT_EQ(inferFlags("/p/q/m.cpp", Empty), (Strings{"-x", "c++", "-std=gnu++17", "-I/p/q"}));
}
