#include "support/Paths.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>

#include <gtest/gtest.h>

using namespace carcinize;

TEST(PathsTest, AbsolutePathRemovesDotAndDotDot) {
  EXPECT_EQ(absolutePath("/a/./b/../c"), "/a/c");
  EXPECT_EQ(absolutePath("/a/b/c/../../d"), "/a/d");
  EXPECT_EQ(absolutePath("/a/b/"), "/a/b");
  EXPECT_EQ(absolutePath("/a//b"), "/a/b");
  EXPECT_EQ(absolutePath("/"), "/");
  EXPECT_EQ(absolutePath("/a/.."), "/");
}

TEST(PathsTest, AbsolutePathResolvesAgainstBase) {
  EXPECT_EQ(absolutePath("x/../y.c", "/base/dir"), "/base/dir/y.c");
  EXPECT_EQ(absolutePath("../y.c", "/base/dir"), "/base/y.c");
  EXPECT_EQ(absolutePath(".", "/base/dir"), "/base/dir");
  EXPECT_EQ(absolutePath("/abs/z.c", "/base/dir"), "/abs/z.c");
}

TEST(PathsTest, AbsolutePathDefaultsToCurrentDirectory) {
  llvm::SmallString<256> Cwd;
  ASSERT_FALSE(llvm::sys::fs::current_path(Cwd));
  EXPECT_EQ(absolutePath("rel/f.c"), absolutePath(std::string(Cwd.str()) + "/rel/f.c"));
  EXPECT_EQ(absolutePath("."), absolutePath(std::string(Cwd.str())));
}

TEST(PathsTest, IsUnderRespectsComponentBoundaries) {
  EXPECT_TRUE(isUnder("/a/b", "/a/b"));
  EXPECT_TRUE(isUnder("/a/b/c", "/a/b"));
  EXPECT_TRUE(isUnder("/a/b/c/d.c", "/a/b"));
  EXPECT_FALSE(isUnder("/a/bc", "/a/b"));
  EXPECT_FALSE(isUnder("/a/bc/d.c", "/a/b"));
  EXPECT_FALSE(isUnder("/a", "/a/b"));
  EXPECT_TRUE(isUnder("/x", "/"));
  EXPECT_TRUE(isUnder("/", "/"));
}

TEST(PathsTest, RelativeTo) {
  EXPECT_EQ(relativeTo("/r/src/a.c", "/r"), "src/a.c");
  EXPECT_EQ(relativeTo("/r", "/r"), ".");
  EXPECT_EQ(relativeTo("/other/a.c", "/r"), "/other/a.c");
  EXPECT_EQ(relativeTo("/rx/a.c", "/r"), "/rx/a.c");
  EXPECT_EQ(relativeTo("/a.c", "/"), "a.c");
}

TEST(PathsTest, CommonAncestor) {
  EXPECT_EQ(commonAncestor({"/a/b/c", "/a/b/d"}), "/a/b");
  EXPECT_EQ(commonAncestor({"/a/b", "/a/bc"}), "/a");
  EXPECT_EQ(commonAncestor({"/a/b/c", "/a/b"}), "/a/b");
  EXPECT_EQ(commonAncestor({"/x/y", "/z"}), "/");
  EXPECT_EQ(commonAncestor({"/a/b"}), "/a/b");
  EXPECT_EQ(commonAncestor({"/p/q/r/s", "/p/q/t", "/p/q/r"}), "/p/q");
}

TEST(PathsTest, ParentDirAndBaseName) {
  EXPECT_EQ(parentDir("/x"), "/");
  EXPECT_EQ(parentDir("/a/b/c.c"), "/a/b");
  EXPECT_EQ(baseName("/a/b/c.c"), "c.c");
  EXPECT_EQ(baseName("c.c"), "c.c");
}

TEST(PathsTest, ExtensionOf) {
  EXPECT_EQ(extensionOf("a/b.c"), ".c");
  EXPECT_EQ(extensionOf("/x/y.cpp"), ".cpp");
  EXPECT_EQ(extensionOf("x.tar.gz"), ".gz");
  EXPECT_EQ(extensionOf("Makefile"), "");
  EXPECT_EQ(extensionOf(".gitignore"), "");
  EXPECT_EQ(extensionOf("dir.d/file"), "");
  EXPECT_EQ(extensionOf("/a/B.C"), ".C");
}
