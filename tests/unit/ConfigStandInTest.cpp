// Stand-ins for generated configuration headers, derived from templates.
#include "frontend/ConfigStandIn.h"

#include <gtest/gtest.h>

using namespace carcinize;

namespace {

const HostFeatures Host = HostFeatures::forTests(
    {{"HAVE_STRING_H", "1"}, {"SIZEOF_LONG", "8"}, {"BYTEORDER", "1234"}});

std::string derive(const std::string &Text, unsigned &D, unsigned &U) {
  std::string Out = deriveStandIn(Text, Host, D, U);
  return Out.substr(Out.find("*/\n") + 3); // without the banner
}

TEST(ConfigStandInTest, GeneratedHeaderNames) {
  EXPECT_EQ(generatedHeaderOf("/t/config.h.in"), "/t/config.h");
  EXPECT_EQ(generatedHeaderOf("/t/expat_config.h.cmake"), "/t/expat_config.h");
  EXPECT_EQ(generatedHeaderOf("/t/config.h.cmake.in"), "/t/config.h");
  EXPECT_EQ(generatedHeaderOf("/t/config.h.meson"), "/t/config.h");
  EXPECT_EQ(generatedHeaderOf("/t/Makefile.in"), "");
  EXPECT_EQ(generatedHeaderOf("/t/foo.pc.in"), "");
  EXPECT_EQ(generatedHeaderOf("/t/.h.in"), "");
}

TEST(ConfigStandInTest, AutoconfUndefsAreQuestions) {
  unsigned D, U;
  EXPECT_EQ(derive("/* x */\n#undef HAVE_STRING_H\n#undef HAVE_FROB\n#undef SIZEOF_LONG\n", D, U),
            "/* x */\n#define HAVE_STRING_H 1\n/* #undef HAVE_FROB */\n#define SIZEOF_LONG 8\n");
  EXPECT_EQ(D, 2u);
  EXPECT_EQ(U, 1u);
}

TEST(ConfigStandInTest, CMakeAndMesonDefines) {
  unsigned D, U;
  EXPECT_EQ(derive("#cmakedefine HAVE_STRING_H 1\n"
                   "#cmakedefine BYTEORDER @BYTEORDER@\n"
                   "#cmakedefine HAVE_FROB\n"
                   "#cmakedefine01 HAVE_FROB\n"
                   "#cmakedefine01 HAVE_STRING_H\n"
                   "#cmakedefine PACKAGE \"@PACKAGE_NAME@\"\n"
                   "#mesondefine HAVE_STRING_H\n"
                   "#undef KEPT\n",
                   D, U),
            "#define HAVE_STRING_H 1\n"
            "#define BYTEORDER 1234\n"
            "/* #undef HAVE_FROB */\n"
            "#define HAVE_FROB 0\n"
            "#define HAVE_STRING_H 1\n"
            "#define PACKAGE \"\"\n"
            "#define HAVE_STRING_H 1\n"
            "#undef KEPT\n");
  EXPECT_EQ(D, 5u);
  EXPECT_EQ(U, 2u);
}

TEST(ConfigStandInTest, UnknownVariablesNeverLeaveAnEmptyIf) {
  // libexpat's lesson: `#if @VAR@` must not become `#if ` (an error that
  // hides the block); a `#define X @VAR@` takes the common default 1.
  unsigned D, U;
  EXPECT_EQ(derive("#if @WITH_THREADS@\n#elif ${OTHER}\n#endif\n#  define XML_GE @XML_GE@\n"
                   "#define V \"@VERSION@\"\n#define S @SIZEOF_LONG@\nint x = @NOT_PP@;\n",
                   D, U),
            "#if 0\n#elif 0\n#endif\n#  define XML_GE 1\n#define V \"\"\n#define S 8\n"
            "int x = @NOT_PP@;\n");
}

TEST(ConfigStandInTest, TheHostAnswersHeadersItHas) {
  HostFeatures H = HostFeatures::detect({CARCINIZE_SOURCE_DIR "/fixtures/projects/cdb_c"});
  EXPECT_EQ(H.valueOf("HAVE_INCLUDE_CFG_H"), "1"); // include/cfg.h
  EXPECT_EQ(H.valueOf("HAVE_NO_SUCH_HEADER_H"), "");
  EXPECT_EQ(H.valueOf("STDC_HEADERS"), "1");
  EXPECT_EQ(H.valueOf("HAVE_MEMMOVE"), "1");
  EXPECT_EQ(H.valueOf("SIZEOF_INT"), std::to_string(sizeof(int)));
}

} // namespace
