// Fuzz target: `carcinize-ignore` comments. The input is parsed as one
// comment, and each of its lines as a comment of its own on that line (odd
// lines trailing code), as the front end hands them over; the directives
// are then applied to findings of a few rules on every line.
#include "FuzzSupport.h"

#include "suppress/Suppressions.h"

#include <map>

using namespace carcinize;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text = fuzz::input(Data, Size);
  unsigned Lines = 1;
  for (char C : Text)
    Lines += C == '\n';
  std::map<std::string, std::vector<SuppressionDirective>> ByFile;
  if (auto D = parseSuppressionComment(Text, 1, Lines, 1))
    ByFile["whole.c"].push_back(*D);

  std::string_view Rest = Text;
  for (unsigned Line = 1; Line <= Lines && Line <= 64; ++Line) {
    size_t Nl = Rest.find('\n');
    std::string_view L = Rest.substr(0, Nl);
    if (auto D = parseSuppressionComment(L, Line, Line, 1 + Line % 7)) {
      D->Trailing = Line % 2;
      // Every valid directive but an `-end` names rules and gives a reason.
      if (D->Error.empty() && D->Kind != SuppressionKind::End)
        fuzz::check(!D->Patterns.empty() && !D->Reason.empty(),
                    "a valid directive without rule ids or reason", std::string(L));
      ByFile["lines.c"].push_back(*D);
    }
    if (Nl == std::string_view::npos)
      break;
    Rest.remove_prefix(Nl + 1);
  }

  std::vector<Finding> Findings;
  for (const char *File : {"whole.c", "lines.c", "other.c"})
    for (const char *Rule : {"mem.unbounded-string-copy", "heap.double-free", "type.c-style-cast"})
      for (unsigned Line = 1; Line <= std::min(Lines, 66u) + 1; ++Line) {
        Finding F;
        F.RuleId = Rule;
        F.File = File;
        F.Line = Line;
        Findings.push_back(std::move(F));
      }
  size_t Before = Findings.size();
  size_t Invalid = 0;
  for (const auto &[File, Ds] : ByFile)
    for (const auto &D : Ds)
      Invalid += !D.Error.empty();
  applySuppressions(Findings, ByFile);
  fuzz::check(Findings.size() == Before + Invalid,
              "not one meta.invalid-suppression finding per invalid directive");
  for (const Finding &F : Findings)
    fuzz::check(!F.Suppressed || (F.File != "other.c" && !F.SuppressionReason.empty()),
                "a finding suppressed without a reason, or in a file without comments");
  return 0;
}
