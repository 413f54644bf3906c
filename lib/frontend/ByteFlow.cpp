#include "frontend/ByteFlow.h"

#include "rules/Tables.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace carcinize {

namespace {

bool isByteType(QualType T) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isVoidType())
    return true;
  if (const auto *BT = T->getAs<BuiltinType>())
    return BT->isCharType() || BT->getKind() == BuiltinType::UChar ||
           BT->getKind() == BuiltinType::SChar || BT->getKind() == BuiltinType::Char8;
  return false;
}

bool isBytePointer(QualType T) {
  if (const auto *PT = T->getAs<PointerType>())
    return isByteType(PT->getPointeeType());
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return isByteType(AT->getElementType());
  return false;
}

// The functions that turn wire bytes into host integers.
bool isByteOrderFunction(llvm::StringRef Name) {
  static const std::set<std::string> Names = {
      "ntohs",   "ntohl",   "htons",   "htonl",   "be16toh", "be32toh", "be64toh",
      "le16toh", "le32toh", "le64toh", "bswap_16", "bswap_32", "bswap_64",
      "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64"};
  return Names.count(Name.str()) > 0;
}

// A variable or a field reached from a variable ('out->length').
struct Key {
  const ValueDecl *Base = nullptr;
  const FieldDecl *Field = nullptr;
  bool operator<(const Key &O) const { return std::tie(Base, Field) < std::tie(O.Base, O.Field); }
};

std::optional<Key> keyOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (isa<VarDecl>(D->getDecl()))
      return Key{D->getDecl(), nullptr};
  if (const auto *M = dyn_cast<MemberExpr>(E))
    if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()))
      if (const auto *B = dyn_cast<DeclRefExpr>(M->getBase()->IgnoreParenImpCasts()))
        return Key{B->getDecl(), F};
  return std::nullopt;
}

/// What the form of an expression says about its value: masked (`x & m`,
/// `x % m`) by something the input does not choose, and the largest value
/// when that is a constant.
struct Bound {
  bool Masked = false;
  std::optional<uint64_t> Max;
};

struct Taint {
  unsigned Line;
  std::string From;
  Bound Form; ///< the bound of the value as it was read (`ncode = BITS(4) + 4`)
};

/// The element count of the array \p Base designates, when its type says.
std::optional<uint64_t> elementCount(const Expr *Base, ASTContext &Ctx) {
  const Expr *E = Base->IgnoreParenImpCasts();
  if (!isa<DeclRefExpr, MemberExpr>(E))
    return std::nullopt;
  if (const auto *D = dyn_cast<DeclRefExpr>(E); D && isa<ParmVarDecl>(D->getDecl()))
    return std::nullopt; // an array parameter is a pointer
  if (const auto *CAT = Ctx.getAsConstantArrayType(E->getType()))
    if (CAT->getSize().getZExtValue() > 1) // a one-element tail is variable-length
      return CAT->getSize().getZExtValue();
  return std::nullopt;
}

class ByteFlowVisitor : public RecursiveASTVisitor<ByteFlowVisitor> {
public:
  ByteFlowVisitor(ASTContext &Ctx, ByteFlowResult &R, bool Record)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), R(R), Record(Record) {
    for (const auto &Row : builtinTables().rows("memory-copy"))
      CopySize[Row.name()] = Row.index("size");
    for (const auto &Row : builtinTables().rows("allocators")) {
      int Size = Row.index("size");
      if (Size >= 0)
        AllocSize[Row.name()] = Size;
      int Count = Row.index("count");
      if (Count >= 0)
        AllocCount[Row.name()] = Count;
    }
  }

  std::map<Key, Taint> Tainted;
  std::set<Key> Checked;
  /// First pass: the loops around each key's definition. The second pass
  /// treats a key as tainted from the top of such a loop (the value of the
  /// previous iteration), and elsewhere only after its definition.
  std::map<Key, std::vector<const Stmt *>> DefinedInLoops;
  const std::map<Key, std::vector<const Stmt *>> *LoopCarried = nullptr;
  std::vector<const Stmt *> Loops;

  void define(const Key &K, const Taint &T) {
    if (Tainted.emplace(K, T).second && !Loops.empty())
      DefinedInLoops[K] = Loops;
  }

  void enterLoop(const Stmt *S) {
    Loops.push_back(S);
    if (!LoopCarried)
      return;
    for (const auto &[K, Around] : *LoopCarried)
      if (std::find(Around.begin(), Around.end(), S) != Around.end() && !Tainted.count(K)) {
        auto It = FirstTaint->find(K);
        if (It != FirstTaint->end())
          Tainted.emplace(K, It->second);
      }
  }
  const std::map<Key, Taint> *FirstTaint = nullptr;

  bool shouldVisitLambdaBody() const { return true; }

  // --- reads from a buffer -------------------------------------------
  /// The buffer \p E reads a byte from ('data' in data[i], *p, p[2]), or null.
  const Expr *byteRead(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      if (isBytePointer(A->getBase()->IgnoreParenImpCasts()->getType()) &&
          !isConstantTable(A->getBase()))
        return A->getBase();
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref && isBytePointer(U->getSubExpr()->IgnoreParenImpCasts()->getType()))
        return U->getSubExpr();
    if (const auto *C = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *F = C->getDirectCallee())
        if (isByteOrderFunction(F->getName()) && C->getNumArgs() == 1)
          return C->getArg(0);
    return nullptr;
  }

  /// True when \p Base is an array the program defines read-only (`static
  /// const uch _length_code[256] = {...}`): looking a value up in it reads
  /// the program's own table, not input.
  bool isConstantTable(const Expr *Base) const {
    const auto *D = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    return V && !isa<ParmVarDecl>(V) && V->getType()->isArrayType() &&
           V->getType().isConstant(Ctx);
  }

  /// The bound \p E has by its form: a mask or a remainder by a value that no
  /// byte read reaches (`(crc ^ *p++) & 0xff`, `hold & ((1U << n) - 1)`,
  /// `h % size`), a tainted value read so, plus or shifted by constants or
  /// added to a value the input does not choose; and the largest value of
  /// an unsigned byte (a byte read: no mask, but a table of 256 fits it).
  Bound boundOf(const Expr *E) const {
    E = E->IgnoreParenImpCasts();
    if (auto K = keyOf(E)) {
      auto It = Tainted.find(*K);
      return It == Tainted.end() ? Bound{} : It->second.Form;
    }
    if (byteRead(E) && E->getType()->isUnsignedIntegerType() &&
        Ctx.getTypeSize(E->getType()) == 8)
      return {false, 255};
    auto Clean = [&](const Expr *Side) {
      Taint Unused;
      return !taintSource(Side, Unused);
    };
    auto Constant = [&](const Expr *Side) -> std::optional<uint64_t> {
      if (Side->isValueDependent())
        return std::nullopt;
      if (auto V = Side->getIntegerConstantExpr(Ctx); V && !V->isNegative())
        return V->getZExtValue();
      return std::nullopt;
    };
    const auto *B = dyn_cast<BinaryOperator>(E);
    if (!B)
      return {};
    const Expr *L = B->getLHS(), *R = B->getRHS();
    switch (B->getOpcode()) {
    case BO_And:
      for (const Expr *Mask : {R, L})
        if (Clean(Mask))
          return {true, Constant(Mask)};
      return {};
    case BO_Rem:
      if (B->getType()->isUnsignedIntegerType() && Clean(R)) {
        auto N = Constant(R);
        return {true, N && *N > 0 ? std::optional<uint64_t>(*N - 1) : std::nullopt};
      }
      return {};
    case BO_Add:
      // `base + (bits & mask)`: an offset the input does not choose plus a
      // masked one.
      for (auto [Part, Other] : {std::pair{L, R}, std::pair{R, L}})
        if (Bound Inner = boundOf(Part); Inner.Masked && Clean(Other)) {
          auto C = Constant(Other);
          if (!Inner.Max || !C || *C >= (uint64_t(1) << 32))
            return {true, std::nullopt};
          return {true, *Inner.Max + *C};
        }
      return {};
    case BO_Shr: {
      // Shifting right only lowers a masked value.
      Bound Inner = boundOf(L);
      auto C = Constant(R);
      if (!Inner.Masked || !Clean(R))
        return {};
      if (!C)
        return Inner;
      if (Inner.Max && (B->getOpcode() == BO_Shr || *C < (uint64_t(1) << 32)))
        Inner.Max = B->getOpcode() == BO_Add ? *Inner.Max + *C
                                             : (*C < 64 ? *Inner.Max >> *C : 0);
      return Inner;
    }
    default:
      return {};
    }
  }

  /// Where \p E gets data from the buffer: a byte read or a tainted value.
  bool taintSource(const Expr *E, Taint &Out) const {
    if (!E)
      return false;
    if (const Expr *Buf = byteRead(E)) {
      Out = {SM.getExpansionLineNumber(E->getBeginLoc()), bufferName(Buf), {}};
      return true;
    }
    // `&buf[i]` points into the buffer: it is not a value read from it.
    if (const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
        U && U->getOpcode() == UO_AddrOf)
      return false;
    // `head[h]` with a tainted `h` loads the table's element, which the
    // input selects but does not write (a hash chain, a code table).
    if (isa<ArraySubscriptExpr>(E->IgnoreParenImpCasts()))
      return false;
    if (auto K = keyOf(E)) {
      auto It = Tainted.find(*K);
      if (It != Tainted.end()) {
        Out = It->second;
        return true;
      }
    }
    // Not through comparisons or sizeof: their results are not the data.
    if (const auto *B = dyn_cast<BinaryOperator>(E->IgnoreParenImpCasts()))
      if (B->isComparisonOp() || B->isLogicalOp())
        return false;
    if (isa<UnaryExprOrTypeTraitExpr>(E->IgnoreParenImpCasts()))
      return false;
    for (const Stmt *Child : E->IgnoreParenImpCasts()->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        if (taintSource(CE, Out))
          return true;
    return false;
  }

  /// A tainted, unchecked-or-checked key used in \p E, with its name.
  bool taintedKeyIn(const Expr *E, Key &K, std::string &Name) const {
    if (!E)
      return false;
    if (auto Found = keyOf(E))
      if (Tainted.count(*Found)) {
        K = *Found;
        Name = text(E);
        return true;
      }
    if (isa<UnaryExprOrTypeTraitExpr>(E->IgnoreParenImpCasts()))
      return false;
    for (const Stmt *Child : E->IgnoreParenImpCasts()->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        if (taintedKeyIn(CE, K, Name))
          return true;
    return false;
  }

  std::string text(const Expr *E) const {
    CharSourceRange Range = Lexer::makeFileCharRange(
        CharSourceRange::getTokenRange(E->getSourceRange()), SM, Ctx.getLangOpts());
    // Inside a macro, the invocation as written ('BITS(4)', 'PULLBYTE()'):
    // a message never names an empty expression.
    if (Range.isInvalid())
      Range = Lexer::makeFileCharRange(SM.getExpansionRange(E->getSourceRange()), SM,
                                       Ctx.getLangOpts());
    std::string T = Range.isValid() ? Lexer::getSourceText(Range, SM, Ctx.getLangOpts()).str() : "";
    if (T.size() > 40)
      T = T.substr(0, 37) + "...";
    return T;
  }
  std::string bufferName(const Expr *Buf) const {
    const Expr *E = Buf->IgnoreParenImpCasts();
    while (true) {
      if (const auto *B = dyn_cast<BinaryOperator>(E)) {
        E = B->getLHS()->IgnoreParenImpCasts();
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(E)) {
        E = U->getSubExpr()->IgnoreParenImpCasts();
        continue;
      }
      break;
    }
    return text(E);
  }

  void pattern(const char *Kind, SourceLocation Loc, const std::string &Detail) {
    if (Record)
      R.Patterns.push_back({Kind, SM.getExpansionLineNumber(Loc), Detail});
  }

  // --- definitions ---------------------------------------------------------
  void taint(const Expr *LHS, const Expr *RHS, bool Plain) {
    auto K = keyOf(LHS);
    Taint T;
    if (K && taintSource(RHS, T)) {
      // `x |= b << 8` and `x += b` grow what was there: no bound by form.
      T.Form = Plain ? boundOf(RHS) : Bound{};
      define(*K, T);
      // A later definition keeps the first read's line and buffer (the
      // message names them) and takes the new value's bound.
      Tainted.at(*K).Form = T.Form;
    } else if (K && Plain && Conditional == 0 && Tainted.count(*K)) {
      // Overwritten with a value the input does not choose (`len = 0`, a
      // loop counter reusing the variable) on every path: no longer read.
      // Under a condition the old value may survive, so it stays.
      Tainted.erase(*K);
      Checked.erase(*K);
    }
  }
  /// How many conditions enclose the statement being visited.
  unsigned Conditional = 0;
  bool TraverseIfStmt(IfStmt *S) {
    for (Stmt *Part : {S->getInit(), static_cast<Stmt *>(S->getConditionVariableDeclStmt()),
                       static_cast<Stmt *>(S->getCond())})
      if (Part)
        TraverseStmt(Part);
    ++Conditional;
    for (Stmt *Branch : {S->getThen(), S->getElse()})
      if (Branch)
        TraverseStmt(Branch);
    --Conditional;
    return true;
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    ++Conditional;
    bool R = RecursiveASTVisitor::TraverseSwitchStmt(S);
    --Conditional;
    return R;
  }
  bool TraverseConditionalOperator(ConditionalOperator *C) {
    ++Conditional;
    bool R = RecursiveASTVisitor::TraverseConditionalOperator(C);
    --Conditional;
    return R;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->hasInit() && V->getType()->isIntegerType()) {
      Taint T;
      if (taintSource(V->getInit(), T)) {
        T.Form = boundOf(V->getInit());
        define(Key{V, nullptr}, T);
      }
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if ((B->getOpcode() == BO_Assign || B->getOpcode() == BO_OrAssign ||
         B->getOpcode() == BO_AddAssign) &&
        B->getLHS()->getType()->isIntegerType())
      taint(B->getLHS(), B->getRHS(), B->getOpcode() == BO_Assign);
    // `len &= 15`: the value read is masked from here on.
    if (B->getOpcode() == BO_AndAssign || B->getOpcode() == BO_RemAssign)
      if (auto K = keyOf(B->getLHS()); K && Tainted.count(*K)) {
        Taint Unused;
        if (!taintSource(B->getRHS(), Unused)) {
          std::optional<uint64_t> N;
          if (!B->getRHS()->isValueDependent())
            if (auto V = B->getRHS()->getIntegerConstantExpr(Ctx); V && !V->isNegative())
              N = V->getZExtValue();
          if (N && B->getOpcode() == BO_RemAssign)
            N = *N > 0 ? std::optional<uint64_t>(*N - 1) : std::nullopt;
          Tainted[*K].Form = {true, N};
        }
      }
    // Integers assembled from bytes: (b[0] << 8) | b[1].
    if ((B->getOpcode() == BO_Or || B->getOpcode() == BO_Add) && !B->getType()->isPointerType()) {
      for (const Expr *Side : {B->getLHS(), B->getRHS()})
        if (const auto *Shift = dyn_cast<BinaryOperator>(Side->IgnoreParenImpCasts()))
          if (Shift->getOpcode() == BO_Shl) {
            Taint T;
            if (taintSource(Shift->getLHS(), T)) {
              pattern("int-assembly", B->getExprLoc(), "'" + text(B) + "'");
              break;
            }
          }
    }
    // p += n on a byte pointer: walking the buffer.
    if ((B->getOpcode() == BO_AddAssign || B->getOpcode() == BO_SubAssign) &&
        isBytePointer(B->getLHS()->getType()))
      pattern("byte-walk", B->getExprLoc(), "'" + text(B) + "'");
    // A comparison is a check of the values it mentions.
    if (B->isRelationalOp()) {
      Key K;
      std::string Name;
      for (const Expr *Side : {B->getLHS(), B->getRHS()})
        if (taintedKeyIn(Side, K, Name))
          Checked.insert(K);
    }
    return true;
  }

  // --- buffer walks and byte-order conversions ------------------------------
  bool VisitArraySubscriptExpr(ArraySubscriptExpr *A) {
    if (!isBytePointer(A->getBase()->IgnoreParenImpCasts()->getType()))
      return true;
    const Expr *Idx = A->getIdx()->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Idx))
      if (U->isIncrementDecrementOp())
        pattern("byte-walk", A->getExprLoc(), "'" + text(A) + "'");
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_Deref)
      if (const auto *Inc = dyn_cast<UnaryOperator>(U->getSubExpr()->IgnoreParens()))
        if (Inc->isIncrementDecrementOp() && isBytePointer(Inc->getSubExpr()->getType()))
          pattern("byte-walk", U->getExprLoc(), "'" + text(U) + "'");
    return true;
  }
  bool VisitSwitchStmt(SwitchStmt *S) {
    Taint T;
    if (S->getCond() && taintSource(S->getCond(), T))
      pattern("tag-dispatch", S->getSwitchLoc(), "'switch (" + text(S->getCond()) + ")'");
    return true;
  }

  // --- sensitive uses ---------------------------------------------------------
  /// Records that the tainted value in \p E reaches a use of \p Kind. \p
  /// Capacity is the element count of the indexed array or the bytes of the
  /// copy's destination, when known: a value bounded by its form below it is
  /// checked by that form.
  void use(const Expr *E, SourceLocation Loc, const char *Kind, const std::string &Callee,
           std::optional<uint64_t> Capacity = std::nullopt) {
    Key K;
    std::string Name;
    if (!taintedKeyIn(E, K, Name))
      return;
    const Taint &T = Tainted.at(K);
    pattern("length-field", Loc, "'" + Name + "' read from '" + T.From + "' is a " + Kind);
    if (!Record)
      return;
    bool IsCheckedByForm = false;
    bool Copy = std::string(Kind) == "copy size";
    Bound B = boundOf(E);
    if (B.Max && Capacity)
      IsCheckedByForm = *B.Max < *Capacity + (Copy ? 1 : 0);
    else if (B.Masked)
      // A mask by a value the input does not choose bounds an index, a
      // loop or an allocation; a copy needs the destination's size.
      IsCheckedByForm = !Copy;
    R.Uses.push_back(
        {Loc, Kind, Callee, Name, T.From, T.Line, Checked.count(K) > 0 || IsCheckedByForm});
  }
  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *F = C->getDirectCallee();
    if (!F || !F->getIdentifier())
      return true;
    std::string Name = F->getName().str();
    if (isByteOrderFunction(Name))
      pattern("int-assembly", C->getExprLoc(), "'" + Name + "'");
    auto Copy = CopySize.find(Name);
    if (Copy != CopySize.end() && Copy->second >= 0 &&
        static_cast<unsigned>(Copy->second) < C->getNumArgs()) {
      int Dest = 0;
      for (const auto &Row : builtinTables().rows("memory-copy"))
        if (Row.name() == Name)
          Dest = std::max(Row.index("dest"), 0);
      std::optional<uint64_t> DestBytes;
      if (static_cast<unsigned>(Dest) < C->getNumArgs())
        if (auto N = elementCount(C->getArg(Dest), Ctx))
          DestBytes = *N * Ctx.getTypeSizeInChars(Ctx.getAsArrayType(
                               C->getArg(Dest)->IgnoreParenImpCasts()->getType())
                                                      ->getElementType())
                               .getQuantity();
      use(C->getArg(Copy->second), C->getExprLoc(), "copy size", Name, DestBytes);
      // memcpy(&value, buf, sizeof value): an integer read from the buffer.
      if (C->getNumArgs() >= 2)
        if (const auto *U = dyn_cast<UnaryOperator>(C->getArg(0)->IgnoreParenImpCasts()))
          if (U->getOpcode() == UO_AddrOf && U->getSubExpr()->getType()->isIntegerType() &&
              isBytePointer(C->getArg(1)->IgnoreParenImpCasts()->getType())) {
            pattern("int-assembly", C->getExprLoc(), "'" + text(C) + "'");
            if (auto K = keyOf(U->getSubExpr()))
              define(*K, Taint{SM.getExpansionLineNumber(C->getExprLoc()),
                                        bufferName(C->getArg(1)), {}});
          }
    }
    for (const auto &Map : {&AllocSize, &AllocCount}) {
      auto A = Map->find(Name);
      if (A != Map->end() && static_cast<unsigned>(A->second) < C->getNumArgs())
        use(C->getArg(A->second), C->getExprLoc(), "allocation size", Name);
    }
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *N) {
    if (N->isArray() && N->getArraySize())
      use(*N->getArraySize(), N->getBeginLoc(), "allocation size", "new[]");
    return true;
  }
  bool TraverseArraySubscriptExpr(ArraySubscriptExpr *A) {
    // Subscripts spelled in system headers' macros (the ctype tables of
    // 'isspace(c)') are the C library's, indexed as it documents.
    if (!SM.isInSystemHeader(SM.getSpellingLoc(A->getExprLoc())))
      use(A->getIdx(), A->getExprLoc(), "index", "", elementCount(A->getBase(), Ctx));
    return RecursiveASTVisitor::TraverseArraySubscriptExpr(A);
  }
  void loopBound(const Expr *Cond, SourceLocation Loc) {
    if (!Cond)
      return;
    if (const auto *B = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts()))
      if (B->isRelationalOp())
        for (const Expr *Side : {B->getLHS(), B->getRHS()}) {
          // Only the large side bounds the loop: `len <= MAXBITS` checks
          // `len` (and the comparison marked it so); `i < count` is bounded
          // by `count`.
          bool Large = (Side == B->getRHS()) == (B->getOpcode() == BO_LT || B->getOpcode() == BO_LE);
          Key K;
          std::string Name;
          if (!Large) {
            // Compared before every iteration: a list walked through an
            // array of indexes (`for (; id < LAST; id = next[id])`).
            if (taintedKeyIn(Side, K, Name))
              Checked.insert(K);
            continue;
          }
          if (taintedKeyIn(Side, K, Name)) {
            // A loop bound is itself no check of the bound.
            bool Was = Checked.count(K);
            use(Side, Loc, "loop bound", "");
            if (!Was)
              Checked.erase(K);
            return;
          }
        }
  }
  bool TraverseForStmt(ForStmt *S) {
    if (S->getInit())
      TraverseStmt(S->getInit());
    enterLoop(S);
    loopBound(S->getCond(), S->getForLoc());
    ++Conditional; // the body may not run
    for (Stmt *Part : {S->getBody(), static_cast<Stmt *>(S->getInc())})
      if (Part)
        TraverseStmt(Part);
    --Conditional;
    Loops.pop_back();
    return true;
  }
  bool TraverseWhileStmt(WhileStmt *S) {
    enterLoop(S);
    loopBound(S->getCond(), S->getWhileLoc());
    ++Conditional; // the body may not run
    if (S->getBody())
      TraverseStmt(S->getBody());
    --Conditional;
    Loops.pop_back();
    return true;
  }
  bool TraverseDoStmt(DoStmt *S) {
    enterLoop(S);
    if (S->getBody())
      TraverseStmt(S->getBody());
    loopBound(S->getCond(), S->getWhileLoc());
    Loops.pop_back();
    return true;
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *S) {
    enterLoop(S);
    ++Conditional; // the body may not run
    bool R = RecursiveASTVisitor::TraverseCXXForRangeStmt(S);
    --Conditional;
    Loops.pop_back();
    return R;
  }

private:
  ASTContext &Ctx;
  const SourceManager &SM;
  ByteFlowResult &R;
  bool Record;
  std::map<std::string, int> CopySize, AllocSize, AllocCount;
};

} // namespace

const ByteFlowResult &ByteFlowCache::get(const FunctionDecl &FD, ASTContext &Ctx) {
  auto It = Results.find(&FD);
  if (It == Results.end())
    It = Results.emplace(&FD, analyzeByteFlow(FD, Ctx)).first;
  return It->second;
}

ByteFlowResult analyzeByteFlow(const FunctionDecl &FD, ASTContext &Ctx) {
  ByteFlowResult R;
  Stmt *Body = FD.getBody();
  if (!Body)
    return R;
  // Two passes in source order: the first learns which values are read from
  // buffers and in which loops they are defined (a value defined late in a
  // loop body reaches uses at its top on the next iteration); the second
  // records patterns and uses, a value counting as tainted after its
  // definition, or anywhere inside a loop that defines it. Straight-line
  // code never sees a later definition.
  ByteFlowVisitor First(Ctx, R, /*Record=*/false);
  First.TraverseStmt(Body);
  ByteFlowVisitor Second(Ctx, R, /*Record=*/true);
  Second.FirstTaint = &First.Tainted;
  Second.LoopCarried = &First.DefinedInLoops;
  Second.TraverseStmt(Body);
  std::sort(R.Patterns.begin(), R.Patterns.end(), [](const ParserPattern &A, const ParserPattern &B) {
    return std::tie(A.Line, A.Kind, A.Detail) < std::tie(B.Line, B.Kind, B.Detail);
  });
  R.Patterns.erase(std::unique(R.Patterns.begin(), R.Patterns.end(),
                               [](const ParserPattern &A, const ParserPattern &B) {
                                 return A.Line == B.Line && A.Kind == B.Kind;
                               }),
                   R.Patterns.end());
  return R;
}

} // namespace carcinize
