#include "rules/mem/UnboundedFormatRule.h"

#include "rules/RuleUtils.h"
#include "rules/mem/MemUtils.h"

#include <clang/AST/FormatString.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

namespace afs = clang::analyze_format_string;
using afs::ConversionSpecifier;
using afs::LengthModifier;
using afs::OptionalAmount;

/// Bits of the integer a conversion reads, from its length modifier.
unsigned integerBits(const LengthModifier &LM) {
  switch (LM.getKind()) {
  case LengthModifier::AsChar:
    return 8;
  case LengthModifier::AsShort:
    return 16;
  case LengthModifier::None:
    return 32;
  default:
    return 64;
  }
}

/// Computes the longest output of a literal printf format, given what is
/// known of the arguments. Stops at the first conversion with no maximum
/// (`%s` of a pointer, a `*` width, an unknown conversion).
class MaxLengthHandler : public afs::FormatStringHandler {
public:
  MaxLengthHandler(const CallExpr *Call, unsigned FirstArg, bool ArgsKnown,
                   ASTContext &AST)
      : Call(Call), FirstArg(FirstArg), ArgsKnown(ArgsKnown), AST(AST) {}

  bool HandlePrintfSpecifier(const analyze_printf::PrintfSpecifier &FS,
                             const char *Start, unsigned Len,
                             const TargetInfo &) override {
    SpecifierBytes += Len;
    std::optional<uint64_t> N = conversionMax(FS);
    if (!N) {
      Unbounded = std::string(Start, Len);
      return false;
    }
    uint64_t Width = 0;
    const OptionalAmount &W = FS.getFieldWidth();
    if (W.getHowSpecified() == OptionalAmount::Arg) {
      Unbounded = std::string(Start, Len);
      return false;
    }
    if (W.getHowSpecified() == OptionalAmount::Constant)
      Width = W.getConstantAmount();
    Max += std::max(*N, Width);
    return true;
  }
  bool HandleInvalidPrintfConversionSpecifier(
      const analyze_printf::PrintfSpecifier &, const char *Start,
      unsigned Len) override {
    Unbounded = std::string(Start, Len);
    return false;
  }
  void HandleIncompleteSpecifier(const char *Start, unsigned Len) override {
    Unbounded = std::string(Start, Len);
  }

  uint64_t Max = 0;            ///< bytes of the conversions
  uint64_t SpecifierBytes = 0; ///< bytes of the format taken by specifiers
  std::optional<std::string>
      Unbounded;                      ///< the first conversion with no maximum
  const Expr *UnboundedArg = nullptr; ///< its argument, when known

private:
  std::optional<uint64_t> precision(const analyze_printf::PrintfSpecifier &FS) {
    const OptionalAmount &P = FS.getPrecision();
    if (P.getHowSpecified() == OptionalAmount::Constant)
      return P.getConstantAmount();
    return std::nullopt;
  }

  const Expr *dataArg(const analyze_printf::PrintfSpecifier &FS) {
    if (!ArgsKnown)
      return nullptr;
    return mem::argAt(Call, static_cast<int>(FirstArg + FS.getArgIndex()));
  }

  std::optional<uint64_t>
  conversionMax(const analyze_printf::PrintfSpecifier &FS) {
    const ConversionSpecifier &CS = FS.getConversionSpecifier();
    if (FS.getPrecision().getHowSpecified() == OptionalAmount::Arg)
      return std::nullopt;
    uint64_t Prec = precision(FS).value_or(0);
    unsigned Bits = integerBits(FS.getLengthModifier());
    // A narrower argument, promoted to int, has as many digits as its own
    // type: "%02x" of an unsigned char is at most two.
    if (const Expr *Arg = dataArg(FS)) {
      QualType T = Arg->IgnoreParenImpCasts()->getType();
      if (T->isIntegerType() && !T->isDependentType())
        Bits = std::min<unsigned>(Bits, AST.getTypeSize(T));
    }
    switch (CS.getKind()) {
    case ConversionSpecifier::PercentArg:
      return 1;
    case ConversionSpecifier::nArg:
      return 0;
    case ConversionSpecifier::cArg:
      return FS.getLengthModifier().getKind() == LengthModifier::AsLong ? 16
                                                                        : 1;
    case ConversionSpecifier::dArg:
    case ConversionSpecifier::iArg:
      return std::max<uint64_t>(Prec + 1, Bits == 8    ? 4
                                          : Bits == 16 ? 6
                                          : Bits == 32 ? 11
                                                       : 20);
    case ConversionSpecifier::uArg:
      return std::max<uint64_t>(Prec, Bits == 8    ? 3
                                      : Bits == 16 ? 5
                                      : Bits == 32 ? 10
                                                   : 20);
    case ConversionSpecifier::xArg:
    case ConversionSpecifier::XArg:
      return std::max<uint64_t>(Prec, Bits / 4) +
             (FS.hasAlternativeForm() ? 2 : 0);
    case ConversionSpecifier::oArg:
      return std::max<uint64_t>(Prec, (Bits + 2) / 3) + 1;
    case ConversionSpecifier::pArg:
      return 18;
    case ConversionSpecifier::eArg:
    case ConversionSpecifier::EArg:
    case ConversionSpecifier::gArg:
    case ConversionSpecifier::GArg:
    case ConversionSpecifier::aArg:
    case ConversionSpecifier::AArg:
      // sign, digit, point, digits, exponent (long double reaches e+4932).
      return precision(FS).value_or(6) + 32;
    case ConversionSpecifier::fArg:
    case ConversionSpecifier::FArg:
      // DBL_MAX has 309 integral digits; long double's has 4933.
      return precision(FS).value_or(6) +
             (FS.getLengthModifier().getKind() == LengthModifier::AsLongDouble
                  ? 4935
                  : 311);
    case ConversionSpecifier::sArg: {
      if (auto P = precision(FS))
        return *P;
      const Expr *Arg = dataArg(FS);
      if (!Arg)
        return std::nullopt;
      UnboundedArg = Arg;
      if (FS.getLengthModifier().getKind() != LengthModifier::None)
        return std::nullopt;
      if (const StringLiteral *Lit = asStringLiteral(Arg))
        return Lit->getByteLength();
      // A fixed char array holds at most its size minus the terminator.
      if (auto Bytes = destinationArrayBytes(Arg, AST); Bytes && *Bytes > 0)
        return *Bytes - 1;
      return std::nullopt;
    }
    default:
      return std::nullopt;
    }
  }

  const CallExpr *Call;
  unsigned FirstArg;
  bool ArgsKnown;
  ASTContext &AST;
};

} // namespace

UnboundedFormatRule::UnboundedFormatRule(const RuleInfo &I, RuleContext &C,
                                         Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Functions(namesFrom(builtinTables().names("unbounded-format"),
                          "format-functions")) {}

RuleInfo UnboundedFormatRule::info() {
  RuleInfo I;
  I.Id = "mem.unbounded-format";
  I.Title = "Formatted output written into a buffer with no bound";
  I.Cwe = {120, 787};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "sprintf and vsprintf write as many bytes as the format "
                "produces, whatever "
                "the size of the destination. A '%s' of outside data, a large "
                "number or a long "
                "float is enough to run past the end of the buffer and "
                "overwrite the stack or "
                "the heap.";
  I.RustAlternative =
      "`format!` returns a `String` sized to its output; `write!` into a "
      "`String` or a `Vec<u8>` grows it, and writing into a fixed `&mut [u8]` "
      "through `std::io::Write` fails cleanly when it is full.";
  I.Options = {{"format-functions",
                "Extra functions that format with no bound; the "
                "destination is their first argument, the format their "
                "second."}};
  return I;
}

void UnboundedFormatRule::registerMatchers(MatchFinder &Finder) {
  // A call to sprintf or a relative, declared anywhere.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(refsOf(Functions))).bind("fn")))
          .bind("call"),
      this);
}

void UnboundedFormatRule::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &AST = *Result.Context;
  std::string Name = Fn->getName().str();
  const TableRow *Row = builtinTables().find("unbounded-format", Name);
  int DestIdx = Row ? Row->index("dest") : 0,
      FormatIdx = Row ? Row->index("format") : 1;
  const Expr *Dst = mem::argAt(Call, DestIdx),
             *Format = mem::argAt(Call, FormatIdx);
  if (!Dst || !Format)
    return;
  std::optional<uint64_t> DstBytes = destinationArrayBytes(Dst, AST);
  std::string Msg = "'" + Name + "' formats into '" +
                    text(AST, Dst) +
                    "'";
  if (!DstBytes) {
    report(AST, Call->getBeginLoc(),
           Msg + " with no bound on the output length");
    return;
  }
  Msg += " (" + std::to_string(*DstBytes) + " bytes) with no bound";
  const StringLiteral *Lit = asStringLiteral(Format);
  if (!Lit || !Lit->isOrdinary()) {
    report(AST, Call->getBeginLoc(),
           Msg + "; the format '" +
               text(AST, Format) +
               "' is not a literal");
    return;
  }
  // vsprintf and relatives take a va_list: the arguments are not visible.
  bool ArgsKnown = !Fn->getName().starts_with("v");
  MaxLengthHandler H(Call, FormatIdx + 1, ArgsKnown, AST);
  StringRef S = Lit->getString();
  afs::ParsePrintfString(H, S.begin(), S.end(), AST.getLangOpts(),
                         AST.getTargetInfo(), false);
  if (H.Unbounded) {
    Msg += "; '" + *H.Unbounded + "'";
    if (H.UnboundedArg)
      Msg += " of '" +
             text(AST, H.UnboundedArg) +
             "'";
    report(AST, Call->getBeginLoc(), Msg + " has no maximum length");
    return;
  }
  // The literal text, the conversions and the terminator.
  uint64_t Max = S.size() - H.SpecifierBytes + H.Max + 1;
  if (Max <= *DstBytes)
    return; // near miss: the longest output fits
  report(AST, Call->getBeginLoc(),
         "'" + Name + "' formats up to " + std::to_string(Max) +
             " bytes into '" +
             text(AST, Dst) + "' (" +
             std::to_string(*DstBytes) + " bytes)");
}

} // namespace carcinize
