#pragma once
/// \file The dataflow shared by heap.use-after-free and heap.double-free: a
/// forward "may be freed" analysis over the CFG of one function.
///
/// A tracked pointer is a variable or a member path on a variable (`p`,
/// `s->buf`, `ctx.out.data`). The state at each point maps the tracked
/// pointers that some path has passed to a deallocator, with no reassignment
/// since, to the location of that call. States meet by union (a free on one
/// path is enough). Killed by: assignment (`p = NULL`, `p = q`, `p =
/// malloc(n)`), a new declaration, taking the address (`&p`, the callee may
/// reassign it), passing the base of a member path to a call (`reinit(s)`
/// may reassign `s->buf`), and any call for globals.
///
/// A call that never returns ends the path (rules/NoReturnFunctions.h): a
/// `free` before `usage()` or `Fatal()` reaches nothing after it, even when
/// neither is declared noreturn.
///
/// A statement Clang dropped for an error ends what is known: after a fatal
/// error (a header not found, the error limit reached) Sema leaves out of
/// the AST every statement with an error, so `free(p); return
/// MACRO_FROM_MISSING_HEADER;` reads as a free that falls through. An event
/// is not reported when such text lies between the free and the event, in a
/// block that holds the free, and names a jump or the pointer's variable.
///
/// `p++` (and `--`) ends what is known of the member paths under `p`
/// (`free(p->buf); p++` in a loop frees another element's buffer each
/// time); `p` itself still points into the block.
///
/// Path-insensitive: `if (e) free(p); ... if (!e) use(p);` is reported.
/// Aliases are not followed (`q = p; free(p); *q` is missed).
///
/// Header-only: written when the rules CMake glob compiled only *Rule.cpp
/// and *Rules.cpp; it now takes every .cpp of the folder, so the class can
/// move to a FreedPointerAnalysis.cpp.

#include "rules/NoReturnFunctions.h"
#include "rules/Tables.h"
#include "rules/heap/HeapUtils.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/AST/Stmt.h>
#include <clang/Analysis/CFG.h>
#include <clang/Lex/Lexer.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace carcinize::heap {

/// One finding of the analysis.
struct FreedPointerEvent {
  enum Kind { DoubleFree, UseAfterFree };
  Kind K;
  clang::SourceLocation Loc;     ///< the use or the second free
  const clang::Expr *Pointer;    ///< as in the source: 'p', 's->buf' (rules name it with Rule::text)
  std::string How;               ///< "dereferenced", "passed to 'puts'", the deallocator
  clang::SourceLocation FreedAt; ///< the earlier free
};

namespace detail {

/// A variable and a path of fields on it.
struct PointerKey {
  const clang::VarDecl *Base = nullptr;
  std::vector<const clang::ValueDecl *> Fields;
  bool operator<(const PointerKey &O) const {
    return std::tie(Base, Fields) < std::tie(O.Base, O.Fields);
  }
  bool operator==(const PointerKey &O) const { return Base == O.Base && Fields == O.Fields; }
  /// Is this key \p O or a member path under it?
  bool within(const PointerKey &O) const {
    return Base == O.Base && Fields.size() >= O.Fields.size() &&
           std::equal(O.Fields.begin(), O.Fields.end(), Fields.begin());
  }
};

inline std::optional<PointerKey> keyOf(const clang::Expr *E) {
  E = stripCasts(E);
  if (const auto *D = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
    if (const auto *V = llvm::dyn_cast<clang::VarDecl>(D->getDecl()))
      return PointerKey{V, {}};
    return std::nullopt;
  }
  if (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E)) {
    auto K = keyOf(M->getBase());
    if (K)
      K->Fields.push_back(M->getMemberDecl());
    return K;
  }
  return std::nullopt;
}

/// Key -> location of the free (raw encoding, so that joins are ordered).
using FreedState = std::map<PointerKey, unsigned>;

class Analysis {
public:
  Analysis(clang::ASTContext &AST, const std::vector<std::string> &Deallocators,
           NoReturnFunctions &NoReturn)
      : AST(AST), Deallocators(Deallocators), NoReturn(NoReturn) {}

  std::vector<FreedPointerEvent> run(const clang::FunctionDecl *FD) {
    std::vector<FreedPointerEvent> Events;
    if (!FD->getBody() || FD->isDependentContext())
      return Events;
    clang::CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    std::unique_ptr<clang::CFG> G =
        clang::CFG::buildCFG(FD, FD->getBody(), &AST, Opts);
    if (!G)
      return Events;
    // Forward may-analysis to a fixed point; blocks never processed are
    // unreachable.
    size_t N = G->getNumBlockIDs();
    std::vector<FreedState> In(N), Out(N);
    std::vector<bool> Processed(N, false);
    std::vector<const clang::CFGBlock *> Work{&G->getEntry()};
    while (!Work.empty()) {
      const clang::CFGBlock *B = Work.back();
      Work.pop_back();
      FreedState S = In[B->getBlockID()];
      transfer(*B, S, nullptr);
      if (Processed[B->getBlockID()] && S == Out[B->getBlockID()])
        continue;
      Processed[B->getBlockID()] = true;
      Out[B->getBlockID()] = S;
      for (const auto &Succ : B->succs()) {
        const clang::CFGBlock *SB = Succ.getReachableBlock();
        if (!SB)
          continue;
        FreedState &SIn = In[SB->getBlockID()];
        bool Changed = !Processed[SB->getBlockID()];
        for (const auto &[K, L] : S) {
          auto It = SIn.find(K);
          if (It == SIn.end()) {
            SIn.emplace(K, L);
            Changed = true;
          } else if (L < It->second) {
            It->second = L;
            Changed = true;
          }
        }
        if (Changed)
          Work.push_back(SB);
      }
    }
    // Report from the fixed point.
    for (const clang::CFGBlock *B : *G)
      if (Processed[B->getBlockID()]) {
        FreedState S = In[B->getBlockID()];
        transfer(*B, S, &Events);
      }
    if (!Events.empty()) {
      std::vector<DroppedStatement> Dropped = droppedStatements(FD->getBody());
      Events.erase(std::remove_if(Events.begin(), Events.end(),
                                  [&](const FreedPointerEvent &E) {
                                    return endedByDroppedStatement(E, Dropped);
                                  }),
                   Events.end());
    }
    return Events;
  }

private:
  /// Source text inside a compound statement that is no statement of the
  /// AST: after a fatal error (a header not found, or the error limit
  /// reached) Sema drops every statement with an error, `return
  /// LDAP_NO_MEMORY;` included when the macro came from the missing
  /// header, and the CFG then runs on past where the code returns.
  struct DroppedStatement {
    clang::FileID File;
    unsigned Begin = 0, End = 0;         ///< file offsets of the gap
    unsigned BlockBegin = 0;             ///< offset of the enclosing '{'
    bool Jumps = false;                  ///< holds return, goto, break or continue
    std::vector<std::string> Identifiers;
  };

  /// Scans the gaps between the children of every compound statement of
  /// \p Body (and between them and the braces) for text that is not a
  /// comment, a preprocessor line or a ';'.
  std::vector<DroppedStatement> droppedStatements(const clang::Stmt *Body) const {
    std::vector<DroppedStatement> Out;
    const clang::SourceManager &SM = AST.getSourceManager();
    std::vector<const clang::Stmt *> Stack{Body};
    auto FileOffset = [&](clang::SourceLocation L, bool End, clang::FileID &F) -> std::optional<unsigned> {
      if (L.isInvalid())
        return std::nullopt;
      L = End ? SM.getExpansionRange(L).getEnd() : SM.getExpansionLoc(L);
      if (End)
        L = clang::Lexer::getLocForEndOfToken(L, 0, SM, AST.getLangOpts());
      if (L.isInvalid())
        return std::nullopt;
      auto [FID, Off] = SM.getDecomposedLoc(L);
      if (F.isInvalid())
        F = FID;
      else if (F != FID)
        return std::nullopt;
      return Off;
    };
    while (!Stack.empty()) {
      const clang::Stmt *St = Stack.back();
      Stack.pop_back();
      if (!St)
        continue;
      for (const clang::Stmt *Child : St->children())
        Stack.push_back(Child);
      const auto *C = llvm::dyn_cast<clang::CompoundStmt>(St);
      if (!C)
        continue;
      clang::FileID F;
      auto Open = FileOffset(C->getLBracLoc(), true, F);
      if (!Open)
        continue;
      std::vector<std::pair<clang::SourceLocation, clang::SourceLocation>> Kids;
      for (const clang::Stmt *Child : C->body())
        Kids.push_back({Child->getBeginLoc(), Child->getEndLoc()});
      unsigned Prev = *Open;
      bool Ok = true;
      auto Gap = [&](unsigned To) {
        if (To <= Prev)
          return;
        bool Invalid = false;
        llvm::StringRef Buf = SM.getBufferData(F, &Invalid);
        if (Invalid || To > Buf.size())
          return;
        DroppedStatement D;
        D.File = F;
        D.Begin = Prev;
        D.End = To;
        D.BlockBegin = *Open;
        if (scanGap(Buf.slice(Prev, To), D))
          Out.push_back(std::move(D));
      };
      for (const auto &[B, E] : Kids) {
        auto BO = FileOffset(B, false, F);
        auto EO = FileOffset(E, true, F);
        if (!BO || !EO) {
          Ok = false;
          break;
        }
        Gap(*BO);
        Prev = std::max(Prev, *EO);
      }
      if (!Ok)
        continue;
      if (auto Close = FileOffset(C->getRBracLoc(), false, F))
        Gap(*Close);
    }
    return Out;
  }

  /// True when \p Text holds code (not only blanks, comments, ';' and
  /// preprocessor lines); fills the jump flag and the identifiers.
  static bool scanGap(llvm::StringRef Text, DroppedStatement &D) {
    bool Code = false;
    bool LineStart = true;
    for (size_t I = 0; I < Text.size();) {
      char Ch = Text[I];
      if (Ch == '\n') {
        LineStart = true;
        ++I;
        continue;
      }
      if (Ch == ' ' || Ch == '\t' || Ch == '\r' || Ch == '\f' || Ch == '\v') {
        ++I;
        continue;
      }
      if (LineStart && Ch == '#') { // a directive, with its continuations
        while (I < Text.size() && !(Text[I] == '\n' && (I == 0 || Text[I - 1] != '\\')))
          ++I;
        continue;
      }
      LineStart = false;
      if (Text.substr(I).starts_with("//")) {
        while (I < Text.size() && Text[I] != '\n')
          ++I;
        continue;
      }
      if (Text.substr(I).starts_with("/*")) {
        size_t E = Text.find("*/", I + 2);
        I = E == llvm::StringRef::npos ? Text.size() : E + 2;
        continue;
      }
      if (Ch == ';') {
        ++I;
        continue;
      }
      Code = true;
      if (Ch == '"' || Ch == '\'') {
        for (++I; I < Text.size() && Text[I] != Ch && Text[I] != '\n'; ++I)
          if (Text[I] == '\\')
            ++I;
        ++I;
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(Ch)) || Ch == '_') {
        size_t B = I;
        while (I < Text.size() &&
               (std::isalnum(static_cast<unsigned char>(Text[I])) || Text[I] == '_'))
          ++I;
        std::string Word = Text.slice(B, I).str();
        if (Word == "return" || Word == "goto" || Word == "break" || Word == "continue")
          D.Jumps = true;
        D.Identifiers.push_back(std::move(Word));
        continue;
      }
      ++I;
    }
    return Code;
  }

  /// An event is not reported when a dropped statement lies between the
  /// free and the event, in a block that holds the free, and may have ended
  /// the path (a jump) or reassigned the pointer (it names its variable):
  /// what the code does there is unknown.
  bool endedByDroppedStatement(const FreedPointerEvent &E,
                               const std::vector<DroppedStatement> &Dropped) const {
    if (Dropped.empty())
      return false;
    const clang::SourceManager &SM = AST.getSourceManager();
    auto [FF, FOff] = SM.getDecomposedLoc(SM.getExpansionLoc(E.FreedAt));
    auto [LF, LOff] = SM.getDecomposedLoc(SM.getExpansionLoc(E.Loc));
    std::string Name;
    if (auto K = keyOf(E.Pointer))
      Name = K->Base->getName().str();
    for (const auto &D : Dropped) {
      if (D.File != FF || D.BlockBegin > FOff || D.Begin < FOff)
        continue;
      // Between the free and the event in the text, or the event comes
      // back round a loop to before the free.
      if (LF == FF && LOff > FOff && D.End > LOff)
        continue;
      if (D.Jumps || (!Name.empty() && std::find(D.Identifiers.begin(), D.Identifiers.end(),
                                                 Name) != D.Identifiers.end()))
        return true;
    }
    return false;
  }

  bool isDeallocator(const clang::CallExpr *C, unsigned &PtrArg) const {
    const clang::FunctionDecl *FD = C->getDirectCallee();
    if (!FD || !FD->getIdentifier())
      return false;
    std::string Name = FD->getName().str();
    if (std::find(Deallocators.begin(), Deallocators.end(), Name) == Deallocators.end())
      return false;
    const TableRow *Row = builtinTables().find("deallocators", Name);
    int Idx = Row ? std::max(Row->index("ptr"), 0) : 0;
    PtrArg = static_cast<unsigned>(Idx);
    return PtrArg < C->getNumArgs();
  }

  static void kill(FreedState &S, const PointerKey &K) {
    for (auto It = S.begin(); It != S.end();)
      It = It->first.within(K) ? S.erase(It) : std::next(It);
  }

  void use(FreedState &S, const clang::Expr *E, const std::string &How, clang::SourceLocation Loc,
           std::vector<FreedPointerEvent> *Events) {
    auto K = keyOf(E);
    if (!K || !Events)
      return;
    auto It = S.find(*K);
    if (It == S.end())
      return;
    Events->push_back({FreedPointerEvent::UseAfterFree, Loc, stripCasts(E), How,
                       clang::SourceLocation::getFromRawEncoding(It->second)});
    // One report per free: the first use after it.
    S.erase(It);
  }

  void transfer(const clang::CFGBlock &B, FreedState &S, std::vector<FreedPointerEvent> *Events) {
    using namespace clang;
    for (const CFGElement &El : B) {
      auto CS = El.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *St = CS->getStmt();
      if (const auto *C = dyn_cast<CallExpr>(St)) {
        unsigned Ptr = 0;
        if (isDeallocator(C, Ptr)) {
          auto K = keyOf(C->getArg(Ptr));
          if (!K)
            continue;
          std::string Name = C->getDirectCallee()->getName().str();
          auto It = S.find(*K);
          if (It != S.end() && Events)
            Events->push_back({FreedPointerEvent::DoubleFree, C->getBeginLoc(),
                               stripCasts(C->getArg(Ptr)), Name,
                               SourceLocation::getFromRawEncoding(It->second)});
          S[*K] = C->getBeginLoc().getRawEncoding();
          continue;
        }
        const FunctionDecl *FD = C->getDirectCallee();
        std::string How = FD && FD->getIdentifier()
                              ? "passed to '" + FD->getName().str() + "'"
                              : "passed to a call";
        for (const Expr *A : C->arguments()) {
          if (!A->getType()->isPointerType())
            continue;
          use(S, A, How, A->getBeginLoc(), Events);
          // The callee may reassign members of what it receives.
          if (auto K = keyOf(A))
            for (auto It = S.begin(); It != S.end();)
              It = It->first.within(*K) && !(It->first == *K) ? S.erase(It) : std::next(It);
        }
        // Any call may reassign a global.
        for (auto It = S.begin(); It != S.end();)
          It = It->first.Base->hasGlobalStorage() ? S.erase(It) : std::next(It);
        // Nothing follows a call that never returns. Asked only while some
        // pointer is freed: the answer may build the callee's CFG.
        if (!S.empty() && NoReturn.neverReturns(C, AST))
          S.clear();
        continue;
      }
      if (const auto *U = dyn_cast<UnaryOperator>(St)) {
        if (U->getOpcode() == UO_Deref)
          use(S, U->getSubExpr(), "dereferenced", U->getBeginLoc(), Events);
        else if (U->getOpcode() == UO_AddrOf) {
          if (auto K = keyOf(U->getSubExpr()))
            kill(S, *K);
        } else if (U->isIncrementDecrementOp()) {
          // `free(p->buf); p++`: the member paths under `p` now name another
          // element (each iteration of a loop frees its own). `p` itself
          // still points into what was freed.
          if (auto K = keyOf(U->getSubExpr()))
            for (auto It = S.begin(); It != S.end();)
              It = It->first.within(*K) && !(It->first == *K) ? S.erase(It) : std::next(It);
        }
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(St)) {
        use(S, A->getBase(), "subscripted", A->getBeginLoc(), Events);
        continue;
      }
      if (const auto *M = dyn_cast<MemberExpr>(St)) {
        if (M->isArrow())
          use(S, M->getBase(), "accessed with '->'", M->getBeginLoc(), Events);
        continue;
      }
      if (const auto *R = dyn_cast<ReturnStmt>(St)) {
        if (R->getRetValue() && R->getRetValue()->getType()->isPointerType())
          use(S, R->getRetValue(), "returned", R->getBeginLoc(), Events);
        continue;
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
        if (BO->isAssignmentOp())
          if (auto K = keyOf(BO->getLHS()))
            kill(S, *K);
        continue;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(St))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            kill(S, PointerKey{V, {}});
    }
  }

  clang::ASTContext &AST;
  const std::vector<std::string> &Deallocators;
  NoReturnFunctions &NoReturn;
};

} // namespace detail

/// Runs the analysis over \p FD's body; \p Deallocators are function names,
/// \p NoReturn the translation unit's answers about calls that end a path.
inline std::vector<FreedPointerEvent>
analyzeFreedPointers(const clang::FunctionDecl *FD, clang::ASTContext &AST,
                     const std::vector<std::string> &Deallocators,
                     NoReturnFunctions &NoReturn) {
  return detail::Analysis(AST, Deallocators, NoReturn).run(FD);
}

} // namespace carcinize::heap
