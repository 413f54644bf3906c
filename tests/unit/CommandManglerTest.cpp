#include "frontend/CommandMangler.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace carcinize;

namespace {

// What every adjusted or inferred command ends with, before the file.
const std::vector<std::string> Common = {
    "-fsyntax-only",
    "-resource-dir=/rd",
    "--no-default-config",
    "-fno-crash-diagnostics",
    "-ferror-limit=0",
    "-Wno-unknown-warning-option",
    "-fno-color-diagnostics",
    "-fno-caret-diagnostics",
    "-Wno-error=implicit-function-declaration",
    "-Wno-error=implicit-int",
    "-Wno-error=int-conversion",
    "-Wno-error=incompatible-pointer-types",
    "-Wno-error=incompatible-function-pointer-types",
    "-Wno-error=return-type",
};

std::vector<std::string> concat(std::vector<std::string> A, const std::vector<std::string> &B) {
  A.insert(A.end(), B.begin(), B.end());
  return A;
}

CompileCommand command(std::vector<std::string> Args, std::string File = "/p/src/a.c") {
  CompileCommand C;
  C.Directory = "/p/build";
  C.File = std::move(File);
  C.Arguments = std::move(Args);
  return C;
}

size_t count(const std::vector<std::string> &V, const std::string &S) {
  return static_cast<size_t>(std::count(V.begin(), V.end(), S));
}

} // namespace

TEST(CommandManglerTest, RemovesOutputsDependenciesPluginsAndWerror) {
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"ccache", "gcc", "-o", "out.o", "-c", "-MD", "-MF", "x.d", "-Werror",
               "-Werror=foo", "-pedantic-errors", "-Xclang", "-load", "-Xclang", "x.so",
               "-fplugin=x.so", "-Iinc", "-I", "inc2", "-DA=1", "-D", "B", "-std=c11", "-include", "pre.h",
               "../src/a.c", "other.c", "-Wall"}),
      &Dropped);
  EXPECT_EQ(Out, concat({"gcc", "-I", "inc", "-I", "inc2", "-D", "A=1", "-D", "B", "-std=c11",
                         "-include", "pre.h", "-Wall"},
                        concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(Dropped, (std::vector<std::string>{"-o", "out.o", "-c", "-MD", "-MF", "x.d",
                                               "-Werror", "-Werror=foo", "-pedantic-errors",
                                               "-Xclang", "-load", "-Xclang", "x.so",
                                               "-fplugin=x.so"}));
}

TEST(CommandManglerTest, StripsCompilerWrappers) {
  auto M = CommandMangler::forTests("/rd");
  EXPECT_EQ(M.adjust(command({"/usr/bin/ccache", "cc", "-c", "a.c"})),
            concat({"cc"}, concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(M.adjust(command({"sccache", "distcc", "clang", "-O2", "a.c"})),
            concat({"clang", "-O2"}, concat(Common, {"/p/src/a.c"})));
}

TEST(CommandManglerTest, DropsGccOnlyFlagsAndReportsThem) {
  // Flags GCC accepts that Clang 19's driver does not know.
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"gcc", "-fconserve-stack", "-O2", "-fno-tree-loop-distribute-patterns",
               "-fno-allow-store-data-races", "-DKEEP", "-mindirect-branch=thunk-extern",
               "-fno-var-tracking-assignments", "-mpreferred-stack-boundary=3",
               "-fno-ipa-sra", "a.c"}),
      &Dropped);
  EXPECT_EQ(Out, concat({"gcc", "-O2", "-D", "KEEP"}, concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(Dropped,
            (std::vector<std::string>{"-fconserve-stack", "-fno-tree-loop-distribute-patterns",
                                      "-fno-allow-store-data-races",
                                      "-mindirect-branch=thunk-extern",
                                      "-fno-var-tracking-assignments",
                                      "-mpreferred-stack-boundary=3", "-fno-ipa-sra"}));
}

// Joined-or-separate options (-DX, -UX, -Iinc) are rendered as two arguments.
TEST(CommandManglerTest, KeepsFlagsClangKnowsInOrder) {
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"cc", "-std=gnu11", "-isystem", "/opt/inc", "-UX", "-fno-strict-aliasing",
               "-Wno-format-truncation", "-iquote", "q", "-m64", "-fPIC", "a.c"}),
      &Dropped);
  EXPECT_EQ(Out, concat({"cc", "-std=gnu11", "-isystem", "/opt/inc", "-U", "X",
                         "-fno-strict-aliasing", "-Wno-format-truncation", "-iquote", "q", "-m64",
                         "-fPIC"},
                        concat(Common, {"/p/src/a.c"})));
  EXPECT_TRUE(Dropped.empty());
}

// Known bug (see the report): Kbuild's -Wp,-MMD,dep.d (which the driver
// rewrites to -MD -MF dep.d) and --serialize-diagnostics FILE are kept, so
// a scan writes dependency and .dia files into the process's current folder,
// and counts an error for every TU whose dependency file folder is missing.
TEST(CommandManglerTest, DropsPreprocessorDependencyOutputsAndSerializedDiagnostics) {
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"gcc", "-Wp,-MMD,arch/x86/.a.o.d", "-Wp,-D_FORTIFY_SOURCE=2",
               "--serialize-diagnostics", "a.dia", "-c", "a.c"}),
      &Dropped);
  EXPECT_EQ(Out, concat({"gcc", "-Wp,-D_FORTIFY_SOURCE=2"}, concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(Dropped, (std::vector<std::string>{"-Wp,-MMD,arch/x86/.a.o.d",
                                               "--serialize-diagnostics", "a.dia", "-c"}));
}

TEST(CommandManglerTest, DropsAllDependencyFileOptions) {
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"cc", "-MMD", "-MT", "foo", "-MQ", "bar", "-MP", "-M", "-c", "a.c"}), &Dropped);
  EXPECT_EQ(Out, concat({"cc"}, concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(Dropped, (std::vector<std::string>{"-MMD", "-MT", "foo", "-MQ", "bar", "-MP", "-M",
                                               "-c"}));
}

TEST(CommandManglerTest, TrailingOptionMissingItsValueIsDropped) {
  std::vector<std::string> Dropped;
  auto Out = CommandMangler::forTests("/rd").adjust(command({"cc", "-DX", "a.c", "-I"}), &Dropped);
  EXPECT_EQ(Out, concat({"cc", "-D", "X"}, concat(Common, {"/p/src/a.c"})));
  EXPECT_EQ(Dropped, std::vector<std::string>{"-I"});
}

TEST(CommandManglerTest, FileIsLastAndAppearsOnce) {
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"cc", "/p/src/a.c", "-c", "a.c", "b.c", "/p/src/a.c", "-O1"}));
  ASSERT_FALSE(Out.empty());
  EXPECT_EQ(Out.back(), "/p/src/a.c");
  EXPECT_EQ(count(Out, "/p/src/a.c"), 1u);
  EXPECT_EQ(count(Out, "a.c"), 0u);
  EXPECT_EQ(count(Out, "b.c"), 0u);
  EXPECT_EQ(Out, concat({"cc", "-O1"}, concat(Common, {"/p/src/a.c"})));
}

TEST(CommandManglerTest, CommonFlagsAddedOnce) {
  auto Out = CommandMangler::forTests("/rd").adjust(
      command({"cc", "-fsyntax-only", "-c", "a.c"}));
  EXPECT_EQ(count(Out, "-fsyntax-only"), 1u);
  EXPECT_EQ(count(Out, "-resource-dir=/rd"), 1u);
  EXPECT_EQ(count(Out, "-ferror-limit=0"), 1u);
}

TEST(CommandManglerTest, DriverModeFromCompilerName) {
  auto M = CommandMangler::forTests("/rd");
  auto Gxx = M.adjust(command({"g++", "-c", "x.cc"}, "/p/x.cc"));
  EXPECT_EQ(Gxx, concat({"g++", "--driver-mode=g++"}, concat(Common, {"/p/x.cc"})));
  auto ClangXX = M.adjust(command({"/usr/bin/clang++-19", "-c", "x.cc"}, "/p/x.cc"));
  ASSERT_GE(ClangXX.size(), 2u);
  EXPECT_EQ(ClangXX[0], "/usr/bin/clang++-19");
  EXPECT_EQ(ClangXX[1], "--driver-mode=g++");
  auto Gcc = M.adjust(command({"/usr/bin/gcc", "-c", "x.c"}, "/p/x.c"));
  EXPECT_EQ(Gcc, concat({"/usr/bin/gcc"}, concat(Common, {"/p/x.c"})));
}

TEST(CommandManglerTest, EmptyCommandGetsClang) {
  auto Out = CommandMangler::forTests("/rd").adjust(command({"ccache"}));
  EXPECT_EQ(Out, concat({"clang"}, concat(Common, {"/p/src/a.c"})));
}

TEST(CommandManglerTest, ForInferredPutsFlagsThenFile) {
  auto M = CommandMangler::forTests("/rd");
  EXPECT_EQ(M.resourceDir(), "/rd");
  auto Out = M.forInferred("/p/a.c", {"-x", "c", "-std=gnu17", "-I/p"});
  EXPECT_EQ(Out, concat({"clang", "-x", "c", "-std=gnu17", "-I/p"}, concat(Common, {"/p/a.c"})));
}

TEST(CommandManglerTest, DefaultTestResourceDir) {
  auto Out = CommandMangler::forTests().forInferred("/p/a.c", {});
  EXPECT_EQ(count(Out, "-resource-dir=/resource-dir"), 1u);
}

TEST(CommandManglerTest, DetectWithoutQueryDriverRunsNothing) {
  // No allowed compilers: the command is only rewritten.
  auto M = CommandMangler::detect("/rd", {});
  auto Out = M.adjust(command({"/nonexistent/bin/gcc", "-c", "a.c"}));
  EXPECT_EQ(Out, concat({"/nonexistent/bin/gcc"}, concat(Common, {"/p/src/a.c"})));
}
