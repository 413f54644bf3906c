// Fitting the scan's text report to a terminal: wrapping at blanks with a
// hanging indent, clipping paths on the left, nothing lost otherwise.
#include "report/TextWrap.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace carcinize;

namespace {

unsigned widest(const std::string &Text) {
  std::istringstream In(Text);
  std::string Line;
  unsigned Max = 0;
  while (std::getline(In, Line))
    Max = std::max<unsigned>(Max, Line.size());
  return Max;
}

TEST(TextWrapTest, ShortLinesAndZeroWidthAreKept) {
  EXPECT_EQ(fitToWidth("a b\n\n  c\n", 20), "a b\n\n  c\n");
  std::string Long(300, 'x');
  EXPECT_EQ(fitToWidth(Long + "\n", 0), Long + "\n");
  EXPECT_EQ(fitToWidth("no newline", 40), "no newline");
}

TEST(TextWrapTest, WrapsAtBlanksUnderTheText) {
  std::string Out = fitToWidth("          - called from 'inflate' with network input read by "
                               "'recv' at src/net.c:41\n",
                               40);
  EXPECT_EQ(Out, "          - called from 'inflate' with\n"
                 "            network input read by 'recv'\n"
                 "            at src/net.c:41\n");
  Out = fitToWidth("  src/a.c:3:1: high: 'strcpy' copies 'name' into 'out' with no bound\n", 40);
  EXPECT_EQ(Out, "  src/a.c:3:1: high: 'strcpy' copies\n"
                 "      'name' into 'out' with no bound\n");
}

TEST(TextWrapTest, ClipsPathsOnTheLeftAndCutsOtherTokens) {
  std::string Path = "very/deep/folder/of/a/project/that/goes/on/and/on/file.c:12";
  std::string Out = fitToWidth("  " + Path + " rest\n", 40);
  EXPECT_EQ(Out, "  ...oject/that/goes/on/and/on/file.c:12\n      rest\n");
  std::string Word(50, 'w');
  Out = fitToWidth(Word + "\n", 40);
  EXPECT_EQ(Out, std::string(40, 'w') + "\n    " + std::string(10, 'w') + "\n");
}

TEST(TextWrapTest, EveryLineFitsWhateverTheInput) {
  std::string Text;
  for (int I = 0; I < 50; ++I)
    Text += std::string(I % 7, ' ') + std::string(I * 3 % 41, 'a') + " " +
            std::string(I * 5 % 97, 'b') + "/x " + std::string(I % 13, 'c') + "\n";
  for (unsigned W : {40u, 61u, 80u})
    EXPECT_LE(widest(fitToWidth(Text, W)), W);
}

TEST(TextWrapTest, CountsCodePointsNotBytes) {
  // Eight two-byte characters fit in 10 columns.
  std::string Text = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n";
  EXPECT_EQ(fitToWidth(Text, 10), Text);
}

} // namespace
