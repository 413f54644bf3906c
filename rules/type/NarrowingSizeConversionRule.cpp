#include "rules/type/NarrowingSizeConversionRule.h"

#include "rules/RuleUtils.h"
#include "rules/type/TypeUtils.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMapContext.h>

#include <algorithm>

#include <sstream>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {
// Member functions that return a container's or a string's length.
const std::vector<std::string> LengthMembers = {"size", "length"};
// Typedefs that name sizes, lengths and differences of pointers.
const std::vector<std::string> SizeTypedefs = {"size_t",   "ssize_t",   "ptrdiff_t", "rsize_t",
                                               "__size_t", "__ssize_t", "size_type", "difference_type"};

/// Whether \p T names one of the size typedefs through its sugar
/// (`std::vector<int>::size_type` is a typedef of a typedef of `size_t`).
bool isSizeTypedef(QualType T) {
  for (int Depth = 0; Depth < 16; ++Depth) {
    const auto *TT = T->getAs<TypedefType>();
    if (!TT)
      return false;
    std::string Name = TT->getDecl()->getName().str();
    if (std::find(SizeTypedefs.begin(), SizeTypedefs.end(), Name) != SizeTypedefs.end())
      return true;
    T = TT->desugar();
  }
  return false;
}

std::string quoted(const std::string &S) { return "'" + S + "'"; }

/// The arguments whose product bounds the result of length function \p Name
/// (table `length-functions`, field `bound`), or none.
std::vector<unsigned> boundArguments(llvm::StringRef Name) {
  std::vector<unsigned> Out;
  if (const TableRow *R = builtinTables().find("length-functions", Name.str())) {
    std::istringstream In(R->get("bound"));
    unsigned I;
    while (In >> I)
      Out.push_back(I);
  }
  return Out;
}

/// Whether \p V fits in integer type \p To.
bool fits(const llvm::APSInt &V, QualType To, ASTContext &Ctx) {
  llvm::APSInt Converted = V.extOrTrunc(Ctx.getIntWidth(To));
  Converted.setIsSigned(To->isSignedIntegerType());
  return llvm::APSInt::isSameValue(V, Converted);
}

/// Whether \p E is a call whose result is bounded by constant arguments that
/// fit \p To: `fread(buf, 1, CHUNK, in)` stored in an 'unsigned'.
bool boundedByConstants(const Expr *E, QualType To, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier())
    return false;
  std::vector<unsigned> Bounds = boundArguments(FD->getName());
  if (Bounds.empty())
    return false;
  llvm::APInt Bound(128, 1);
  for (unsigned I : Bounds) {
    Expr::EvalResult R;
    if (I >= Call->getNumArgs() || !Call->getArg(I)->EvaluateAsInt(R, Ctx) ||
        R.Val.getInt().isNegative())
      return false;
    Bound *= R.Val.getInt().zextOrTrunc(128);
  }
  return fits(llvm::APSInt(Bound, true), To, Ctx);
}

/// Whether the comparison \p Cond (or one of its `&&` operands) bounds the
/// expression spelled \p Text by a constant that fits \p To (`x < 255`).
bool boundsText(const Expr *Cond, const std::string &Text, QualType To, ASTContext &Ctx,
                std::string (*TextOf)(ASTContext &, SourceRange)) {
  const auto *B = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!B)
    return false;
  if (B->getOpcode() == BO_LAnd)
    return boundsText(B->getLHS(), Text, To, Ctx, TextOf) ||
           boundsText(B->getRHS(), Text, To, Ctx, TextOf);
  const Expr *Var = nullptr, *Limit = nullptr;
  if (B->getOpcode() == BO_LT || B->getOpcode() == BO_LE)
    Var = B->getLHS(), Limit = B->getRHS();
  else if (B->getOpcode() == BO_GT || B->getOpcode() == BO_GE)
    Var = B->getRHS(), Limit = B->getLHS();
  else
    return false;
  Expr::EvalResult R;
  return TextOf(Ctx, Var->getSourceRange()) == Text && Limit->EvaluateAsInt(R, Ctx) &&
         fits(R.Val.getInt(), To, Ctx);
}
} // namespace

NarrowingSizeConversionRule::NarrowingSizeConversionRule(const RuleInfo &I, RuleContext &C,
                                                         Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      LengthFunctions(namesFrom(builtinTables().names("length-functions"), "length-functions")) {
  const Tables &T = builtinTables();
  for (const char *Table : {"memory-copy", "truncating-string-copy", "allocators"})
    for (const TableRow &Row : T.rows(Table))
      for (const char *Field : {"size", "count"})
        if (Row.index(Field) >= 0)
          SizeArguments[Row.name()].push_back(Row.index(Field));
}

RuleInfo NarrowingSizeConversionRule::info() {
  RuleInfo I;
  I.Id = "type.narrowing-size-conversion";
  I.Title = "Size narrowed or made signed implicitly, or a signed value used as a size";
  I.Cwe = {681, 195, 197};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "A 'size_t' length stored in an 'int' or 'unsigned' loses its high bits, and one stored "
      "in a signed type of the same width turns large values negative: the bound later "
      "checked is not the real size, and buffers are allocated too small or copied too far. "
      "Conversely a signed length passed to 'memcpy' or 'malloc' becomes a huge 'size_t' when "
      "it is negative. Not flagged: constants that fit, explicit casts (the author decided), "
      "comparisons (they widen).";
  I.RustAlternative =
      "Lengths are `usize` everywhere (`len()`, slice indexing); conversions are explicit and "
      "checked with `u32::try_from(len)?` or `i32::try_from(n)`, and `as` casts are visible "
      "and linted by Clippy (`cast_possible_truncation`).";
  I.Precision = "medium";
  I.Options = {{"length-functions", "Extra functions whose result is a length, as 'strlen'."}};
  return I;
}

void NarrowingSizeConversionRule::registerMatchers(MatchFinder &Finder) {
  // An implicit integer conversion, filtered in check() by its source and width.
  // (In C++ an explicit cast wraps an implicit one: that is the author's.)
  Finder.addMatcher(implicitCastExpr(hasCastKind(CK_IntegralCast),
                                     unless(hasParent(explicitCastExpr())))
                        .bind("cast"),
                    this);
  // A call to a function with size arguments (memcpy, malloc, strncpy...).
  std::vector<std::string> Names;
  for (const auto &[Name, Indexes] : SizeArguments)
    Names.push_back(Name);
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Names))).bind("fn"))).bind("call"),
                    this);
}

bool NarrowingSizeConversionRule::isSizeExpr(const Expr *E, ASTContext &Ctx) const {
  if (isSizeTypedef(E->getType()))
    return true;
  E = E->IgnoreParens();
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E))
    return IC->getCastKind() != CK_IntegralCast && isSizeExpr(IC->getSubExpr(), Ctx);
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E))
    return U->getKind() == UETT_SizeOf;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = MC->getMethodDecl())
      return M->getIdentifier() && std::find(LengthMembers.begin(), LengthMembers.end(),
                                             M->getName().str()) != LengthMembers.end();
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = C->getDirectCallee())
      return FD->getIdentifier() && std::find(LengthFunctions.begin(), LengthFunctions.end(),
                                              FD->getName().str()) != LengthFunctions.end();
  // `strlen(s) + 1`, `n * sizeof(T)`: arithmetic on a size is a size.
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isAdditiveOp() || B->isMultiplicativeOp() || B->isShiftOp() || B->isBitwiseOp())
      return isSizeExpr(B->getLHS(), Ctx) || isSizeExpr(B->getRHS(), Ctx);
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return isSizeExpr(C->getTrueExpr(), Ctx) && isSizeExpr(C->getFalseExpr(), Ctx);
  return false;
}

void NarrowingSizeConversionRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *Cast = Result.Nodes.getNodeAs<ImplicitCastExpr>("cast"))
    checkNarrowing(Cast, AST);
  else
    checkSizeArgument(Result.Nodes.getNodeAs<CallExpr>("call"),
                      Result.Nodes.getNodeAs<FunctionDecl>("fn"), AST);
}

void NarrowingSizeConversionRule::checkNarrowing(const ImplicitCastExpr *Cast, ASTContext &AST) {
  const Expr *Src = Cast->getSubExpr();
  QualType From = Src->getType(), To = Cast->getType();
  if (Src->isValueDependent() || Src->isTypeDependent() || !From->isIntegerType() ||
      !To->isIntegerType() || To->isBooleanType())
    return;
  uint64_t FromBits = AST.getIntWidth(From), ToBits = AST.getIntWidth(To);
  bool Narrows = ToBits < FromBits;
  bool BecomesSigned = ToBits == FromBits && From->isUnsignedIntegerType() &&
                       To->isSignedIntegerType();
  if (!(Narrows || BecomesSigned) || !isSizeExpr(Src, AST))
    return;
  // A constant that fits the target: `int n = sizeof(hdr);`.
  Expr::EvalResult R;
  if (Src->EvaluateAsInt(R, AST)) {
    if (fits(R.Val.getInt(), To, AST))
      return;
  }
  if (boundedByConstants(Src, To, AST) || isGuarded(Cast, AST))
    return;
  SourceManager &SM = AST.getSourceManager();
  if (!Reported.insert(SM.getFileOffset(SM.getExpansionLoc(Src->getBeginLoc()))).second)
    return;
  std::string What = quoted(text(AST, Src->getSourceRange())) + " (" + quoted(typeName(From, AST)) + ")";
  if (Narrows)
    report(AST, Src->getBeginLoc(),
           What + " is implicitly narrowed to " + quoted(typeName(To, AST)) + " (" +
               std::to_string(FromBits) + " to " + std::to_string(ToBits) + " bits)");
  else
    report(AST, Src->getBeginLoc(),
           What + " is implicitly converted to signed " + quoted(typeName(To, AST)) +
               " of the same width");
}

bool NarrowingSizeConversionRule::isGuarded(const ImplicitCastExpr *Cast, ASTContext &AST) {
  std::string Text = text(AST, Cast->getSubExpr()->getSourceRange());
  if (Text.empty())
    return false;
  // Up the parents to the function: `if (len < 255) byte = len;` and
  // `len < 255 ? len : 255` check the value before it is narrowed.
  DynTypedNode Node = DynTypedNode::create(*static_cast<const Stmt *>(Cast));
  for (int Depth = 0; Depth < 32; ++Depth) {
    auto Parents = AST.getParents(Node);
    if (Parents.empty())
      return false;
    const Stmt *Child = Node.get<Stmt>();
    Node = Parents[0];
    if (const auto *If = Node.get<IfStmt>()) {
      if (If->getThen() == Child && boundsText(If->getCond(), Text, Cast->getType(), AST, &Rule::text))
        return true;
    } else if (const auto *C = Node.get<ConditionalOperator>()) {
      if (C->getTrueExpr() == Child &&
          boundsText(C->getCond(), Text, Cast->getType(), AST, &Rule::text))
        return true;
    } else if (Node.get<FunctionDecl>()) {
      return false;
    }
  }
  return false;
}

void NarrowingSizeConversionRule::checkSizeArgument(const CallExpr *Call, const FunctionDecl *Fn,
                                                    ASTContext &AST) {
  auto It = SizeArguments.find(Fn->getName().str());
  if (It == SizeArguments.end())
    return;
  for (int Index : It->second) {
    if (Index < 0 || static_cast<unsigned>(Index) >= Call->getNumArgs())
      continue;
    const auto *Cast = dyn_cast<ImplicitCastExpr>(Call->getArg(Index)->IgnoreParens());
    if (!Cast || Cast->getCastKind() != CK_IntegralCast)
      continue;
    const Expr *Src = Cast->getSubExpr();
    if (!Src->getType()->isSignedIntegerType() || !Cast->getType()->isUnsignedIntegerType())
      continue;
    // The parameter's type as declared ('size_t'), else the converted type.
    QualType SizeType = static_cast<unsigned>(Index) < Fn->getNumParams()
                            ? Fn->getParamDecl(Index)->getType()
                            : Cast->getType();
    // A constant is visibly non-negative (or a different bug).
    Expr::EvalResult R;
    if (Src->EvaluateAsInt(R, AST) && !R.Val.getInt().isNegative())
      continue;
    report(AST, Src->getBeginLoc(),
           quoted(text(AST, Src->getSourceRange())) + " (" + quoted(typeName(Src->getType(), AST)) +
               ") is implicitly converted to " + quoted(typeName(SizeType, AST)) +
               " as the size argument of " + quoted(Fn->getName().str()) +
               "; a negative value becomes a huge size");
  }
}

} // namespace carcinize
