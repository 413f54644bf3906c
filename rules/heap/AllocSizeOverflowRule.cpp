#include "rules/heap/AllocSizeOverflowRule.h"

#include "rules/RuleUtils.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/ExprCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <cctype>
#include <map>
#include <clang/AST/RecursiveASTVisitor.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {

// ---- Can the arithmetic overflow? -----------------------------------------
//
// We bound the number of significant bits each operand can have. A product
// of an a-bit and a b-bit value has at most a+b bits, a sum at most
// max(a,b)+1; the operation overflows only when that exceeds the capacity of
// the type it is computed in (its width, minus the sign bit when signed).
// An operand's bits come from its narrowest visible type: `(size_t)u16 * u16`
// has 32 bits and cannot wrap a 64-bit size_t, nor can `uchar * sizeof(T)`.
// A signed operand counts for its magnitude (a negative one makes the size
// huge, so malloc fails; it does not wrap to a small block), but an `int *
// int` computed in int overflows int itself and is flagged. The widths are
// those of the target being analysed: a product of two 32-bit unsigned
// values cannot wrap a 64-bit size_t, but does on a 32-bit target.

unsigned capacity(QualType T, ASTContext &AST) {
  unsigned W = AST.getIntWidth(T);
  return T->isSignedIntegerType() ? W - 1 : W;
}

unsigned activeBits(uint64_t V) {
  unsigned B = 0;
  while (V) {
    ++B;
    V >>= 1;
  }
  return B;
}

unsigned bitsOf(const Expr *E, ASTContext &AST) {
  E = E->IgnoreParens();
  if (auto V = constantValue(E, AST))
    return activeBits(*V);
  QualType T = E->getType();
  if (!T->isIntegerType())
    return 64;
  if (const auto *C = dyn_cast<CastExpr>(E)) {
    QualType From = C->getSubExpr()->getType();
    if (!From->isIntegerType())
      return capacity(T, AST);
    unsigned Inner = bitsOf(C->getSubExpr(), AST);
    // A negative value converted to size_t is huge, and so is its product
    // with a positive one: malloc fails rather than returning a short
    // block. That is a sign bug, not a wrap to a small size, so a signed
    // operand counts for its magnitude bits only.
    return std::min(Inner, capacity(T, AST));
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    unsigned L = bitsOf(B->getLHS(), AST), R = bitsOf(B->getRHS(), AST);
    unsigned Cap = capacity(T, AST);
    switch (B->getOpcode()) {
    case BO_Mul:
      return std::min(L + R, Cap);
    case BO_Add:
      return std::min(std::max(L, R) + 1, Cap);
    case BO_Div:
      return L;
    case BO_Rem:
    case BO_And:
      return std::min(L, R);
    case BO_Shr:
      if (auto K = constantValue(B->getRHS(), AST))
        return L > *K ? L - static_cast<unsigned>(*K) : 0;
      return L;
    default:
      return Cap;
    }
  }
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return std::max(bitsOf(C->getTrueExpr(), AST), bitsOf(C->getFalseExpr(), AST));
  return capacity(T, AST);
}

// The length of an object already in memory (`strlen(s)`, `sizeof x`): the
// sum of two such lengths cannot exceed the address space, so additions of
// them are not overflow risks.
bool isObjectLength(const Expr *E) {
  E = heap::stripCasts(E);
  if (isa<UnaryExprOrTypeTraitExpr>(E))
    return true;
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const auto *FD = C->getDirectCallee())
      return FD->getName() == "strlen" || FD->getName() == "wcslen" ||
             FD->getName() == "strnlen";
  return false;
}

/// The first multiplication or addition in \p E (through casts, parentheses
/// and other arithmetic) that can overflow, or null.
const BinaryOperator *riskyOperation(const Expr *E, ASTContext &AST) {
  E = heap::stripCasts(E);
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B || constantValue(B, AST))
    return nullptr;
  if (const BinaryOperator *Inner = riskyOperation(B->getLHS(), AST))
    return Inner;
  if (const BinaryOperator *Inner = riskyOperation(B->getRHS(), AST))
    return Inner;
  bool LConst = constantValue(B->getLHS(), AST).has_value();
  bool RConst = constantValue(B->getRHS(), AST).has_value();
  unsigned L = bitsOf(B->getLHS(), AST), R = bitsOf(B->getRHS(), AST);
  unsigned Cap = capacity(B->getType(), AST);
  // `size *= 2` in the argument (expat's `REALLOC(p, m_groupSize *= 2)`)
  // computes in the type of 'size' as `size * 2` does.
  BinaryOperatorKind Op = B->getOpcode();
  if (Op == BO_MulAssign)
    Op = BO_Mul;
  else if (Op == BO_AddAssign)
    Op = BO_Add;
  if (Op == BO_Mul)
    return L + R > Cap ? B : nullptr;
  if (Op == BO_Add) {
    // `len + 1` wraps only when 'len' is within a constant of the maximum,
    // which no length of an object in memory is: only sums of two run-time
    // values are risks (`hdr_len + body_len`). Likewise a narrow operand (at
    // most half the width, minizip's `(uInt)hdr_size + extra`) needs the
    // other to be within 2^32 of SIZE_MAX: treated as `len + small`.
    if (LConst || RConst || (isObjectLength(B->getLHS()) && isObjectLength(B->getRHS())))
      return nullptr;
    if (std::min(L, R) <= Cap / 2)
      return nullptr;
    return std::max(L, R) + 1 > Cap ? B : nullptr;
  }
  return nullptr;
}

// ---- Is an operand bounded before the allocation? -------------------------

/// Does \p Cond compare \p V: `v < k`, `v > SIZE_MAX / m`, or `total / m != n`
/// (a division check after the multiplication)?
bool comparesVariable(const Expr *Cond, const VarDecl *V) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *V;
    bool Found = false;
    static bool refersTo(const Expr *E, const VarDecl *V) {
      const auto *D = dyn_cast<DeclRefExpr>(heap::stripCasts(E));
      return D && D->getDecl() == V;
    }
    static bool dividesVar(const Expr *E, const VarDecl *V) {
      const auto *B = dyn_cast<BinaryOperator>(heap::stripCasts(E));
      return B && B->getOpcode() == BO_Div && (refersTo(B->getLHS(), V) || refersTo(B->getRHS(), V));
    }
    bool VisitBinaryOperator(BinaryOperator *B) {
      if (B->isRelationalOp() && (refersTo(B->getLHS(), V) || refersTo(B->getRHS(), V)))
        Found = true;
      if (B->isComparisonOp() && (dividesVar(B->getLHS(), V) || dividesVar(B->getRHS(), V)))
        Found = true;
      return !Found;
    }
  } F;
  F.V = V;
  F.TraverseStmt(const_cast<Expr *>(Cond));
  return F.Found;
}

/// Does \p S leave the enclosing code (return, goto, break, abort())?
bool exits(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *C = dyn_cast<CompoundStmt>(S))
    return !C->body_empty() && exits(C->body_back());
  if (isa<ReturnStmt, GotoStmt, BreakStmt, ContinueStmt>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S))
    if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
      if (const auto *FD = Call->getDirectCallee())
        return FD->isNoReturn();
  return false;
}

/// Is \p V bounded at \p Loc in \p Body: compared in the condition of an
/// `if` that encloses \p Loc, or of an earlier `if` with an exiting branch
/// (`if (n > SIZE_MAX / sizeof *p) return NULL;`, assert()).
bool isGuarded(const VarDecl *V, SourceLocation Loc, const Stmt *Body, ASTContext &AST) {
  const SourceManager &SM = AST.getSourceManager();
  auto Before = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A), SM.getExpansionLoc(B));
  };
  auto Ifs = match(findAll(ifStmt().bind("if")), *Body, AST);
  for (const auto &N : Ifs) {
    const auto *If = N.getNodeAs<IfStmt>("if");
    if (!If->getCond() || !comparesVariable(If->getCond(), V))
      continue;
    bool Encloses = Before(If->getBeginLoc(), Loc) && Before(Loc, If->getEndLoc());
    bool Earlier = Before(If->getEndLoc(), Loc) && (exits(If->getThen()) || exits(If->getElse()));
    if (Encloses || Earlier)
      return true;
  }
  return false;
}

void collectVars(const Expr *E, std::vector<const VarDecl *> &Out) {
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      Out.push_back(V);
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      collectVars(CE, Out);
}

/// The name of a called function pointer (`parser->m_mem.realloc_fcn(p, n)`,
/// `session->alloc(n, &abstract)`, `(*alloc)(n)`), or "".
std::string calleePointerName(const CallExpr *Call) {
  const Expr *C = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(C); U && U->getOpcode() == UO_Deref)
    C = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *M = dyn_cast<MemberExpr>(C))
    return M->getMemberDecl()->getName().str();
  if (const auto *D = dyn_cast<DeclRefExpr>(C))
    if (isa<VarDecl>(D->getDecl()))
      return D->getDecl()->getName().str();
  return "";
}

/// For a call through a function pointer that is a project allocator, the
/// argument that is the byte size, or null. An allocator hook is named for
/// allocation ("malloc_fcn", "realloc_fcn", "alloc"; not "free"/"dealloc")
/// and returns a pointer; its size is its first parameter of type size_t (a
/// hook that takes a count and a size, zlib's `zalloc(opaque, items,
/// size)`, multiplies them itself, as calloc does, and has none).
const Expr *hookSizeArgument(const CallExpr *Call, ASTContext &AST) {
  std::string Name = calleePointerName(Call);
  if (Name.empty())
    return nullptr;
  std::string Lower;
  for (char Ch : Name)
    Lower += static_cast<char>(std::tolower(static_cast<unsigned char>(Ch)));
  if (Lower.find("alloc") == std::string::npos || Lower.find("free") != std::string::npos ||
      Lower.find("dealloc") != std::string::npos || Lower.find("calloc") != std::string::npos)
    return nullptr;
  if (!Call->getType()->isPointerType())
    return nullptr;
  QualType Callee = Call->getCallee()->getType();
  if (const auto *P = Callee->getAs<PointerType>())
    Callee = P->getPointeeType();
  const auto *Proto = Callee->getAs<FunctionProtoType>();
  if (!Proto)
    return nullptr;
  unsigned Ints = 0;
  int SizeIndex = -1;
  for (unsigned I = 0; I < Proto->getNumParams(); ++I) {
    QualType T = Proto->getParamType(I).getCanonicalType();
    if (!T->isIntegerType())
      continue;
    ++Ints;
    if (SizeIndex < 0 && T->isUnsignedIntegerType() &&
        AST.getTypeSize(T) == AST.getTypeSize(AST.getSizeType()))
      SizeIndex = static_cast<int>(I);
  }
  if (SizeIndex < 0 || Ints > 1 || static_cast<unsigned>(SizeIndex) >= Call->getNumArgs())
    return nullptr;
  return Call->getArg(SizeIndex);
}

} // namespace

AllocSizeOverflowRule::AllocSizeOverflowRule(const RuleInfo &I, RuleContext &C, Severity S,
                                             RuleOptions O)
    : Rule(I, C, S, std::move(O)) {
  // Allocators that take one byte size; calloc and reallocarray multiply
  // their count and size themselves, with a check.
  std::vector<std::string> Sized;
  for (const TableRow &R : builtinTables().rows("allocators"))
    if (R.index("size") >= 0 && R.index("count") < 0)
      Sized.push_back(R.name());
  Allocators = namesFrom(Sized, "allocator-functions");
}

RuleInfo AllocSizeOverflowRule::info() {
  RuleInfo I;
  I.Id = "heap.alloc-size-overflow";
  I.Title = "Allocation size computed with arithmetic that can overflow";
  I.Cwe = {190, 131, 680};
  I.DefaultSeverity = Severity::High;
  I.Rationale = "When `count * size` or `a + b` wraps around, malloc returns a block much "
                "smaller than the code believes, and the writes that follow overflow the heap. "
                "Counts that come from input (image dimensions, element counts in a file "
                "header) make this a classic exploitable bug. The rule flags sizes whose "
                "operands are wide enough to wrap and are not bounded by an earlier check.";
  I.RustAlternative = "`Vec::with_capacity(n)` and `vec![x; n]` check the size computation "
                      "and panic on overflow; compute explicit sizes with "
                      "`n.checked_mul(size_of::<T>())` (or `checked_add`) and handle `None`.";
  I.Precision = "high";
  I.Options = {{"allocator-functions",
                "Extra allocators whose first argument is the size in bytes."}};
  return I;
}

void AllocSizeOverflowRule::registerMatchers(MatchFinder &Finder) {
  // A call to an allocator that takes one size in bytes.
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Allocators))).bind("fn")),
                             unless(isInTemplateInstantiation()))
                        .bind("call"),
                    this);
  // new T[count].
  Finder.addMatcher(cxxNewExpr(isArray(), unless(isInTemplateInstantiation())).bind("new"), this);
  // The project's own allocators: hooks called through a pointer
  // (expat's MALLOC/REALLOC, libssh2's LIBSSH2_ALLOC), and functions of this
  // translation unit that return malloc/realloc of a parameter.
  Finder.addMatcher(callExpr(unless(callee(functionDecl())), unless(isInTemplateInstantiation()))
                        .bind("indirect"),
                    this);
  Finder.addMatcher(callExpr(callee(functionDecl(hasBody(compoundStmt()), returns(pointerType()),
                                                 unless(hasAnyName(refsOf(Allocators))))
                                        .bind("local")),
                             unless(isInTemplateInstantiation()))
                        .bind("localcall"),
                    this);
}

void AllocSizeOverflowRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
    const TableRow *Row = builtinTables().find("allocators", Fn->getName().str());
    int Idx = Row ? Row->index("size") : 0;
    if (Idx >= 0 && static_cast<unsigned>(Idx) < Call->getNumArgs())
      checkSize("'" + Fn->getName().str() + "' size", Call->getArg(Idx), Call->getBeginLoc(), AST);
  }
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new"))
    if (auto Size = New->getArraySize(); Size && *Size)
      checkSize("'new[]' count", *Size, New->getBeginLoc(), AST);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("indirect"))
    if (const Expr *Size = hookSizeArgument(Call, AST))
      checkSize("the allocator hook '" + calleePointerName(Call) + "' size", Size,
                Call->getBeginLoc(), AST);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("localcall"))
    LocalCalls.push_back({Call, Result.Nodes.getNodeAs<FunctionDecl>("local")});
}

int AllocSizeOverflowRule::wrapperSizeParam(const FunctionDecl *FD, ASTContext &AST) {
  FD = FD->getDefinition();
  if (!FD || !FD->getBody())
    return -1;
  auto [It, New] = WrapperCache.emplace(FD, -1);
  if (!New)
    return It->second;
  if (!FD->getReturnType()->isPointerType())
    return -1;
  // The allocator calls whose size is a parameter as it came in, and the
  // variables their results are stored in.
  auto Calls =
      match(findAll(callExpr(callee(functionDecl(hasAnyName(refsOf(Allocators))).bind("fn")))
                        .bind("alloc")),
            *FD->getBody(), AST);
  std::map<const CallExpr *, int> ParamOf;
  for (const auto &N : Calls) {
    const auto *Call = N.getNodeAs<CallExpr>("alloc");
    const auto *Fn = N.getNodeAs<FunctionDecl>("fn");
    const TableRow *Row = builtinTables().find("allocators", Fn->getName().str());
    int Idx = Row ? Row->index("size") : 0;
    if (Idx < 0 || static_cast<unsigned>(Idx) >= Call->getNumArgs())
      continue;
    const auto *D = dyn_cast<DeclRefExpr>(heap::stripCasts(Call->getArg(Idx)));
    const auto *P = D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
    if (P && P->getFunctionScopeIndex() < FD->getNumParams() &&
        FD->getParamDecl(P->getFunctionScopeIndex()) == P)
      ParamOf[Call] = static_cast<int>(P->getFunctionScopeIndex());
  }
  if (ParamOf.empty())
    return -1;
  // The result returned: the call itself, or a local it was stored in.
  auto IsAllocCall = [&](const Expr *E) -> int {
    if (const auto *C = dyn_cast<CallExpr>(heap::stripCasts(E))) {
      auto F = ParamOf.find(C);
      if (F != ParamOf.end())
        return F->second;
    }
    return -1;
  };
  std::map<const VarDecl *, int> StoredIn;
  for (const auto &N : match(findAll(declStmt().bind("ds")), *FD->getBody(), AST))
    for (const Decl *D : N.getNodeAs<DeclStmt>("ds")->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
        if (int P = IsAllocCall(V->getInit()); P >= 0)
          StoredIn[V] = P;
  for (const auto &N : match(findAll(binaryOperator(isAssignmentOperator(),
                                                    hasLHS(declRefExpr(to(varDecl().bind("v")))),
                                                    hasRHS(expr().bind("rhs")))),
                             *FD->getBody(), AST))
    if (int P = IsAllocCall(N.getNodeAs<Expr>("rhs")); P >= 0)
      StoredIn[N.getNodeAs<VarDecl>("v")] = P;
  int Found = -1;
  for (const auto &N : match(findAll(returnStmt(hasReturnValue(expr().bind("ret")))),
                             *FD->getBody(), AST)) {
    const Expr *R = N.getNodeAs<Expr>("ret");
    int P = IsAllocCall(R);
    if (P < 0)
      if (const auto *D = dyn_cast<DeclRefExpr>(heap::stripCasts(R)))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()); V && StoredIn.count(V))
          P = StoredIn[V];
    if (P >= 0) {
      Found = P;
      break;
    }
  }
  WrapperCache[FD] = Found;
  return Found;
}

void AllocSizeOverflowRule::onEndOfTranslationUnit(ASTContext &AST) {
  for (const auto &[Call, Fn] : LocalCalls) {
    int P = wrapperSizeParam(Fn, AST);
    if (P >= 0 && static_cast<unsigned>(P) < Call->getNumArgs())
      checkSize("'" + Fn->getName().str() + "' size (it passes it to an allocator)",
                Call->getArg(P), Call->getBeginLoc(), AST);
  }
}

void AllocSizeOverflowRule::checkSize(const std::string &What, const Expr *Size,
                                      SourceLocation Loc, ASTContext &AST) {
  const FunctionDecl *FD = context().enclosingFunction(AST, Loc);
  std::string Shown = "'" + text(AST, Size) + "'";
  // Follow a local size variable to its initialiser once:
  // `size_t total = w * h; buf = malloc(total);`.
  const Expr *Computed = Size;
  const VarDecl *Through = nullptr;
  if (const auto *D = dyn_cast<DeclRefExpr>(heap::stripCasts(Size)))
    if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
      if (V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit()) {
        Computed = V->getInit();
        Through = V;
        Shown += " (= '" + text(AST, Computed) + "')";
      }
  const BinaryOperator *Op = riskyOperation(Computed, AST);
  if (!Op)
    return;
  if (FD && FD->getBody()) {
    std::vector<const VarDecl *> Vars;
    collectVars(Op, Vars);
    if (Through)
      Vars.push_back(Through);
    // Any bounded operand counts: guards like `if (n > MAX_ITEMS) return`
    // bound the product enough in practice, and precision matters more here.
    for (const VarDecl *V : Vars)
      if (isGuarded(V, Loc, FD->getBody(), AST))
        return;
  }
  std::string Kind = Op->getOpcode() == BO_Mul || Op->getOpcode() == BO_MulAssign
                         ? "multiplication"
                         : "addition";
  report(AST, Loc,
         What + " " + Shown + " is computed with an unchecked " + Kind + " that can overflow '" +
             Op->getType().getAsString(AST.getPrintingPolicy()) + "'");
}

} // namespace carcinize
