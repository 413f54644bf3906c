#include "rules/mem/ScanfUnboundedStringRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/AST/FormatString.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

namespace afs = clang::analyze_format_string;

/// Finds the first string conversion (%s, %ls, %[...]) with no field width
/// that assigns (not `%*s`) and does not allocate (not `%ms`).
class WidthlessStringHandler : public afs::FormatStringHandler {
public:
  bool HandleScanfSpecifier(const analyze_scanf::ScanfSpecifier &FS,
                            const char *Start, unsigned Len) override {
    auto Kind = FS.getConversionSpecifier().getKind();
    bool IsString = Kind == afs::ConversionSpecifier::sArg ||
                    Kind == afs::ConversionSpecifier::ScanListArg ||
                    Kind == afs::ConversionSpecifier::SArg;
    if (IsString && !FS.getSuppressAssignment() &&
        FS.getFieldWidth().getHowSpecified() ==
            afs::OptionalAmount::NotSpecified &&
        FS.getLengthModifier().getKind() != afs::LengthModifier::AsAllocate &&
        FS.getLengthModifier().getKind() != afs::LengthModifier::AsMAllocate) {
      Specifier = std::string(Start, Len);
      ArgIndex = FS.getArgIndex();
      return false;
    }
    return true;
  }
  std::optional<std::string> Specifier;
  unsigned ArgIndex = 0;
};

} // namespace

ScanfUnboundedStringRule::ScanfUnboundedStringRule(const RuleInfo &I,
                                                   RuleContext &C, Severity S,
                                                   RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("scanf-family"),
                          "scanf-functions")) {}

RuleInfo ScanfUnboundedStringRule::info() {
  RuleInfo I;
  I.Id = "mem.scanf-unbounded-string";
  I.Title = "scanf reads a string with no field width";
  I.Cwe = {120, 787};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "A '%s' or '%[...]' conversion without a field width stores as "
                "many characters "
                "as the input holds, whatever the size of the buffer it is "
                "given. A long word in "
                "the input overflows the buffer; '%31s' into a 32-byte buffer "
                "is the bounded "
                "form.";
  I.RustAlternative =
      "Read a line into a `String` (`BufRead::read_line`) and split it with "
      "`split_whitespace()` or parse it with `str::parse`; every piece is a "
      "`&str` slice of the line, so nothing is copied into a fixed buffer.";
  I.Options = {{"scanf-functions",
                "Extra functions of the scanf family; their format is their "
                "first argument."}};
  return I;
}

void ScanfUnboundedStringRule::registerMatchers(MatchFinder &Finder) {
  // A call to scanf or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")))
          .bind("call"),
      this);
}

void ScanfUnboundedStringRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  const TableRow *Row = builtinTables().find("scanf-family", Name);
  int FormatIdx = Row ? Row->index("format") : 0;
  const Expr *Format = mem::argAt(Call, FormatIdx);
  // Non-literal formats are mem.non-literal-format's business.
  const StringLiteral *Lit = Format ? asStringLiteral(Format) : nullptr;
  if (!Lit || !Lit->isOrdinary())
    return;
  WidthlessStringHandler H;
  StringRef S = Lit->getString();
  afs::ParseScanfString(H, S.begin(), S.end(), AST.getLangOpts(),
                        AST.getTargetInfo());
  if (!H.Specifier)
    return;
  std::string Msg = "'" + Name + "' reads a string with '" + *H.Specifier + "'";
  // The v-forms take a va_list: the destination is not visible.
  if (!Fn->getName().starts_with("v"))
    if (const Expr *Dst =
            mem::argAt(Call, FormatIdx + 1 + static_cast<int>(H.ArgIndex))) {
      Msg += " into '" +
             text(AST, Dst) + "'";
      if (auto Bytes = destinationArrayBytes(Dst, AST))
        Msg += " (" + std::to_string(*Bytes) + " bytes)";
    }
  report(AST, Call->getBeginLoc(), Msg + " and no field width");
}

} // namespace carcinize
