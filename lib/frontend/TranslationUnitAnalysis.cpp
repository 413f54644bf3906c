#include "frontend/TranslationUnitAnalysis.h"
#include "frontend/RegularFilesOnly.h"

#include "frontend/ByteFlow.h"
#include "frontend/FlowSummary.h"
#include "frontend/SourceDiscovery.h"
#include "frontend/SourceScope.h"
#include "support/Paths.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Basic/Stack.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Index/USRGeneration.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/FileSystem.h>

#include <chrono>
#include <thread>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <set>

using namespace clang;

namespace carcinize {

const SourceScope::Entry &SourceScope::entry(FileID FID) {
  auto It = Cache.find(FID);
  if (It != Cache.end())
    return It->second;
  Entry E;
  if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
    E.Absolute = carcinize::absolutePath(FE->getName().str(), WorkingDir);
    E.Path = relativeTo(E.Absolute, Root);
    SourceLocation Start = SM.getLocForStartOfFile(FID);
    E.InTree = isUnder(E.Absolute, Root) && !SM.isInSystemHeader(Start) &&
               !isExcludedPath(E.Absolute, Root, Exclude);
  }
  return Cache.try_emplace(FID, std::move(E)).first->second;
}

namespace {

// Lines that hold at least one token: code lines, without blanks and
// comments. Preprocessor directives count as code.
std::vector<unsigned> tokenLines(const SourceManager &SM, FileID FID, const LangOptions &LO) {
  std::vector<unsigned> Lines;
  llvm::StringRef Buf = SM.getBufferData(FID);
  Lexer Lex(SM.getLocForStartOfFile(FID), LO, Buf.begin(), Buf.begin(), Buf.end());
  Lex.SetCommentRetentionState(false);
  Token Tok;
  unsigned Last = 0;
  while (true) {
    Lex.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof))
      break;
    unsigned Offset = SM.getFileOffset(Tok.getLocation());
    unsigned Begin = SM.getLineNumber(FID, Offset);
    unsigned End = Tok.getLength() ? SM.getLineNumber(FID, Offset + Tok.getLength() - 1) : Begin;
    for (unsigned L = std::max(Begin, Last + 1); L <= End; ++L)
      Lines.push_back(L);
    Last = std::max(Last, End);
  }
  return Lines;
}

// Everything collected from one TU while it is parsed.
struct TUState {
  TUState(const TUJob &Job, const TUSettings &Settings) : Job(Job), Settings(Settings) {}
  const TUJob &Job;
  const TUSettings &Settings;
  ScanFacts Result;
  std::unique_ptr<SourceScope> Scope;
  bool AstProduced = false;
  std::vector<FileID> Files; // in-tree files, in order of first entry
  std::map<FileID, std::vector<std::string>> Includes;
  std::map<FileID, std::vector<unsigned>> Lines;
  // Lines the preprocessor skipped (inactive #if branches), per in-tree file,
  // as [first, last] ranges of lines.
  std::map<FileID, std::vector<std::pair<unsigned, unsigned>>> Skipped;
  std::vector<std::string> MissingIncludes;
  ByteFlowCache ByteFlows;
  std::unique_ptr<TUAnalyzer> Analyzer;
  std::unique_ptr<TUContext> Context;

  const std::vector<unsigned> &linesOf(const SourceManager &SM, FileID FID,
                                       const LangOptions &LO) {
    auto It = Lines.find(FID);
    if (It == Lines.end())
      It = Lines.emplace(FID, tokenLines(SM, FID, LO)).first;
    return It->second;
  }
};

class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(TUState &S, const SourceManager &SM) : S(S), SM(SM) {}

  void LexedFileChanged(FileID FID, LexedFileChangeReason Reason,
                        SrcMgr::CharacteristicKind, FileID, SourceLocation) override {
    if (Reason != LexedFileChangeReason::EnterFile || !FID.isValid())
      return;
    if (S.Scope->inTree(FID) && Seen.insert(FID).second)
      S.Files.push_back(FID);
  }

  // The range runs from the '#' of the conditional to the '#' of the
  // #else/#elif/#endif that ends it: the directives themselves were read,
  // the lines between were not.
  void SourceRangeSkipped(SourceRange Range, SourceLocation) override {
    SourceLocation B = SM.getExpansionLoc(Range.getBegin());
    SourceLocation E = SM.getExpansionLoc(Range.getEnd());
    FileID FID = SM.getFileID(B);
    if (!S.Scope->inTree(FID) || SM.getFileID(E) != FID)
      return;
    unsigned First = SM.getExpansionLineNumber(B) + 1, Last = SM.getExpansionLineNumber(E);
    if (Last > First)
      S.Skipped[FID].emplace_back(First, Last - 1);
  }

  void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef FileName,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef File,
                          llvm::StringRef, llvm::StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    FileID From = SM.getFileID(SM.getExpansionLoc(HashLoc));
    if (!S.Scope->inTree(From))
      return;
    std::string Name;
    if (File) {
      std::string Abs = absolutePath(File->getName().str(), S.Job.Directory);
      if (isUnder(Abs, S.Settings.Root))
        Name = relativeTo(Abs, S.Settings.Root);
    }
    if (Name.empty())
      Name = (IsAngled ? "<" : "\"") + FileName.str() + (IsAngled ? ">" : "\"");
    S.Includes[From].push_back(std::move(Name));
  }

  // Without a database, a missing header (often a generated config.h) must
  // not end the parse: skip it, remember it, and let Clang recover.
  bool FileNotFound(llvm::StringRef FileName) override {
    if (!S.Job.Inferred)
      return false;
    if (std::find(S.MissingIncludes.begin(), S.MissingIncludes.end(), FileName) ==
        S.MissingIncludes.end())
      S.MissingIncludes.push_back(FileName.str());
    return true;
  }

private:
  TUState &S;
  const SourceManager &SM;
  std::set<FileID> Seen;
};

// The USR of \p Canon (a canonical declaration), computed once per TU;
// empty when Clang cannot give one.
const std::string &cachedUsr(const Decl *Canon,
                             llvm::DenseMap<const Decl *, std::string> &UsrCache) {
  auto It = UsrCache.find(Canon);
  if (It == UsrCache.end()) {
    llvm::SmallString<128> Buf;
    std::string Usr;
    if (!index::generateUSRForDecl(Canon, Buf))
      Usr = Buf.str().str();
    It = UsrCache.try_emplace(Canon, std::move(Usr)).first;
  }
  return It->second;
}

// Complexity, loop depth and calls of one function body.
class BodyMetrics : public RecursiveASTVisitor<BodyMetrics> {
  using Base = RecursiveASTVisitor<BodyMetrics>;

public:
  BodyMetrics(const SourceManager &SM, const PrintingPolicy &Policy,
              llvm::DenseMap<const Decl *, std::string> &UsrCache)
      : SM(SM), Policy(Policy), UsrCache(UsrCache) {}

  unsigned Complexity = 1;
  unsigned MaxDepth = 0;
  unsigned Indirect = 0;
  std::vector<CallSite> Calls;
  /// The expression of each of Calls (a CallExpr or a CXXConstructExpr),
  /// and the outermost loop around it (null outside loops).
  std::vector<const Expr *> CallExprs;
  std::vector<const Stmt *> CallLoops;

  bool shouldVisitTemplateInstantiations() const { return false; }

#define CARCINIZE_LOOP(Type)                                                   \
  bool Traverse##Type(Type *S) {                                               \
    ++Complexity;                                                              \
    if (Depth++ == 0)                                                          \
      Outermost = S;                                                           \
    MaxDepth = std::max(MaxDepth, Depth);                                      \
    bool R = Base::Traverse##Type(S);                                          \
    if (--Depth == 0)                                                          \
      Outermost = nullptr;                                                     \
    return R;                                                                  \
  }
  CARCINIZE_LOOP(ForStmt)
  CARCINIZE_LOOP(WhileStmt)
  CARCINIZE_LOOP(DoStmt)
  CARCINIZE_LOOP(CXXForRangeStmt)
#undef CARCINIZE_LOOP

  bool VisitIfStmt(IfStmt *) { return ++Complexity; }
  bool VisitCaseStmt(CaseStmt *) { return ++Complexity; }
  bool VisitCXXCatchStmt(CXXCatchStmt *) { return ++Complexity; }
  bool VisitConditionalOperator(ConditionalOperator *) { return ++Complexity; }
  bool VisitBinaryConditionalOperator(BinaryConditionalOperator *) { return ++Complexity; }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_LAnd || B->getOpcode() == BO_LOr)
      ++Complexity;
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (isa<CUDAKernelCallExpr>(CE))
      return true;
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee) {
      // Calls in templates whose target depends on a template argument are
      // not indirect: they are resolved at instantiation.
      if (CE->isTypeDependent() || CE->isValueDependent())
        return true;
      const Expr *E = CE->getCallee()->IgnoreParenImpCasts();
      if (isa<UnresolvedLookupExpr>(E) || isa<CXXDependentScopeMemberExpr>(E) ||
          isa<UnresolvedMemberExpr>(E))
        return true;
      if (!isa<CXXPseudoDestructorExpr>(E)) {
        ++Indirect;
        addIndirect(CE);
      }
      return true;
    }
    if (isa<CXXOperatorCallExpr>(CE) && SM.isInSystemHeader(Callee->getLocation()))
      return true; // std::string::operator[] and friends: noise
    bool Virtual = false;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const auto *MD = MC->getMethodDecl())
        if (MD->isVirtual()) {
          const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
          Virtual = !(ME && ME->hasQualifier()); // Base::f() is direct
        }
    add(Callee, CE, CE->getExprLoc(), Virtual);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && Ctor->isUserProvided() && !SM.isInSystemHeader(Ctor->getLocation()))
      add(Ctor, CE, CE->getExprLoc(), false);
    return true;
  }

private:
  // A call through a function pointer: its target is any function of the
  // same type whose address is taken (resolved over the whole program).
  // Calls through member pointers have no plain function type: counted only.
  void addIndirect(const CallExpr *CE) {
    QualType T = CE->getCallee()->getType();
    if (const auto *P = T->getAs<PointerType>())
      T = P->getPointeeType();
    if (!T->isFunctionType())
      return;
    CallSite C;
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    CE->getCallee()->IgnoreImpCasts()->printPretty(OS, nullptr, Policy);
    OS.flush();
    if (Name.size() > 60)
      Name = Name.substr(0, 57) + "...";
    C.CalleeName = std::move(Name);
    C.Line = SM.getExpansionLineNumber(CE->getExprLoc());
    C.LoopDepth = Depth;
    C.Indirect = true;
    C.Signature = T.getCanonicalType().getAsString();
    Calls.push_back(std::move(C));
    CallExprs.push_back(CE);
    CallLoops.push_back(Outermost);
  }

  void add(const FunctionDecl *Callee, const Expr *E, SourceLocation Loc, bool Virtual) {
    const std::string &Usr = cachedUsr(Callee->getCanonicalDecl(), UsrCache);
    if (Usr.empty())
      return;
    CallSite C;
    C.CalleeUsr = Usr;
    C.CalleeName = Callee->getQualifiedNameAsString();
    C.Line = SM.getExpansionLineNumber(Loc);
    C.Virtual = Virtual;
    C.LoopDepth = Depth;
    Calls.push_back(std::move(C));
    CallExprs.push_back(E);
    CallLoops.push_back(Outermost);
  }

  const SourceManager &SM;
  const PrintingPolicy &Policy;
  llvm::DenseMap<const Decl *, std::string> &UsrCache;
  unsigned Depth = 0;
  const Stmt *Outermost = nullptr;
};

// char, signed char or unsigned char (Clang's isCharType covers all three).
bool isByte(QualType T) { return T.getCanonicalType()->isCharType(); }

// A stream: a struct that begins with a pointer to bytes and has an integer
// field named as that buffer's length: zlib's z_stream (`next_in`,
// `avail_in`), c-ares' ares_buf_t (`data`, `data_len`). The names must pair
// (one contains the other, or they end alike after '_'), and the buffer
// must come first: any struct with a string and a count somewhere in it
// made every context object of expat, libyaml and libpng (png_struct holds
// `read_buffer` and `read_buffer_size` among hundreds of fields) a stream.
// Pointers to `void` do not count: they are the user data of callbacks far
// more often than buffers.
bool holdsBuffer(const RecordDecl *RD) {
  if (!RD || !(RD = RD->getDefinition()) || RD->field_empty())
    return false;
  std::vector<std::string> Buffers, Lengths;
  for (const FieldDecl *F : RD->fields()) {
    QualType T = F->getType().getCanonicalType();
    std::string Name = llvm::StringRef(F->getNameAsString()).lower();
    if (Name.empty())
      continue;
    if (const auto *P = T->getAs<PointerType>()) {
      if (isByte(P->getPointeeType()) && F == *RD->field_begin())
        Buffers.push_back(Name);
    } else if (T->isIntegerType() && !T->isBooleanType() && !T->isEnumeralType() &&
               looksLikeLengthName(Name)) {
      Lengths.push_back(Name);
    }
  }
  auto Suffix = [](llvm::StringRef N) {
    size_t U = N.rfind('_');
    return U == llvm::StringRef::npos ? llvm::StringRef() : N.drop_front(U + 1);
  };
  for (llvm::StringRef B : Buffers)
    for (llvm::StringRef L : Lengths)
      if ((B.size() >= 3 && L.contains(B)) || (!Suffix(B).empty() && Suffix(B) == Suffix(L)))
        return true;
  return false;
}

// The kind of a parameter, for finding input surfaces without Clang types:
// 'b' bytes, 'v' void *, 'i' integer, 'f' FILE *, 's' stream (a struct
// holding bytes and their length), 'p' other pointer, 'o' other.
char paramKind(QualType T) {
  T = T.getCanonicalType();
  // A length or a descriptor: integers of 16 bits or more (not char, bool).
  if (T->isIntegerType())
    return T->isBooleanType() || T->isEnumeralType() || isByte(T) ? 'o' : 'i';
  QualType Pointee;
  if (const auto *PT = T->getAs<PointerType>())
    Pointee = PT->getPointeeType();
  else if (const auto *RT = T->getAs<ReferenceType>())
    Pointee = RT->getPointeeType();
  else
    return 'o';
  QualType U = Pointee.getCanonicalType().getUnqualifiedType();
  if (U->isVoidType())
    return 'v';
  if (isByte(U))
    return 'b';
  if (const auto *RD = U->getAsRecordDecl())
    if (RD->getName() == "_IO_FILE" || RD->getName() == "__sFILE" || RD->getName() == "_iobuf")
      return 'f';
  if (holdsBuffer(U->getAsRecordDecl()))
    return 's';
  return 'p';
}

class FactsVisitor : public RecursiveASTVisitor<FactsVisitor> {
  using Base = RecursiveASTVisitor<FactsVisitor>;

public:
  FactsVisitor(TUState &S, ASTContext &Ctx)
      : S(S), Ctx(Ctx), SM(Ctx.getSourceManager()), Policy(Ctx.getLangOpts()) {
    Policy.SuppressUnwrittenScope = true;
  }

  bool shouldVisitTemplateInstantiations() const { return false; }
  bool shouldVisitImplicitCode() const { return false; }

  // System headers and files outside the tree are skipped whole: most of a
  // C++ TU's declarations are the standard library's.
  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) && !S.Scope->inTree(D->getLocation()))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isImplicit() || FD->isDefaulted() ||
        FD->isDeleted() || FD->isLateTemplateParsed())
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda())
        return true;
    Stmt *Body = FD->getBody();
    if (!Body)
      return true;
    FileID FID = S.Scope->fileOf(FD->getLocation());
    if (!S.Scope->inTree(FID))
      return true;

    FunctionFacts F;
    llvm::SmallString<128> Usr;
    if (index::generateUSRForDecl(FD, Usr))
      return true;
    F.Usr = Usr.str().str();
    F.Name = FD->getQualifiedNameAsString();
    F.File = S.Scope->path(FID);
    SourceLocation Begin = SM.getExpansionLoc(FD->getBeginLoc());
    SourceLocation End = SM.getExpansionRange(FD->getEndLoc()).getEnd();
    F.BeginLine = SM.getExpansionLineNumber(Begin);
    F.EndLine = std::max(F.BeginLine, SM.getExpansionLineNumber(End));
    const auto &Lines = S.linesOf(SM, FID, Ctx.getLangOpts());
    F.CodeLines = static_cast<unsigned>(
        std::upper_bound(Lines.begin(), Lines.end(), F.EndLine) -
        std::lower_bound(Lines.begin(), Lines.end(), F.BeginLine));
    F.ReturnType = FD->getReturnType().getAsString(Policy);
    for (const ParmVarDecl *P : FD->parameters()) {
      F.ParamTypes.push_back(P->getType().getAsString(Policy));
      F.ParamNames.push_back(P->getNameAsString());
      F.ParamKinds += paramKind(P->getType());
    }
    F.ExternalLinkage = FD->isExternallyVisible();
    F.Lang = Ctx.getLangOpts().CPlusPlus ? Language::CXX : Language::C;

    BodyMetrics M(SM, Policy, UsrCache);
    M.TraverseStmt(Body);
    // Constructor initialisers are part of the body's work.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          M.TraverseStmt(Init->getInit());
    F.Complexity = M.Complexity;
    F.MaxLoopDepth = M.MaxDepth;
    FlowSummary Flow = summarizeFlow(*FD, Ctx, M.CallExprs, M.CallLoops);
    for (size_t K = 0; K < M.Calls.size() && K < Flow.Args.size(); ++K) {
      M.Calls[K].Args = std::move(Flow.Args[K]);
      M.Calls[K].Order = Flow.Order[K];
      M.Calls[K].Loop = Flow.Loop[K];
    }
    F.Values = std::move(Flow.Values);
    F.ReturnFlow = std::move(Flow.Return);
    F.OutFlow = std::move(Flow.Out);
    F.Callees = std::move(M.Calls);
    F.IndirectCalls = M.Indirect;
    F.ParserShape = S.ByteFlows.get(*FD, Ctx).Patterns;
    S.Result.Functions.push_back(std::move(F));
    return true;
  }

  // A function used as a value, not called: stored in a function pointer
  // or a table, passed as a callback. Its callers are the indirect calls of
  // its type. The callee of a call is seen (pre-order) before its name.
  bool VisitCallExpr(CallExpr *CE) {
    const Expr *E = CE->getCallee()->IgnoreParenImpCasts();
    while (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref && U->getOpcode() != UO_AddrOf)
        break;
      E = U->getSubExpr()->IgnoreParenImpCasts();
    }
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      CalleeRefs.insert(D);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *FD = dyn_cast<FunctionDecl>(E->getDecl());
    if (!FD || CalleeRefs.count(E) || !S.Scope->inTree(E->getExprLoc()))
      return true;
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    if (SM.isInSystemHeader(Canon->getLocation()))
      return true;
    const std::string &Usr = cachedUsr(Canon, UsrCache);
    if (Usr.empty())
      return true;
    AddressTakenSite A;
    A.Usr = Usr;
    A.Name = FD->getQualifiedNameAsString();
    A.Signature = FD->getType().getCanonicalType().getAsString();
    A.File = S.Scope->path(S.Scope->fileOf(E->getExprLoc()));
    A.Line = SM.getExpansionLineNumber(E->getExprLoc());
    S.Result.AddressTaken.push_back(std::move(A));
    return true;
  }

private:
  TUState &S;
  ASTContext &Ctx;
  const SourceManager &SM;
  PrintingPolicy Policy;
  llvm::DenseMap<const Decl *, std::string> UsrCache;
  llvm::DenseSet<const DeclRefExpr *> CalleeRefs;
};

class CollectConsumer : public ASTConsumer {
public:
  /// A file-scope variable initialised by a huge braced list: an embedded
  /// resource or a generated table (a font, a CRC table, a firmware blob).
  /// Rules find nothing in millions of literals, but every matcher would
  /// visit each of them and the parent map would index them all (seen: a
  /// 20 MB table took six times as long as parsing it). Left out of matching.
  static bool isDataTable(const Decl *D) {
    const auto *V = llvm::dyn_cast<VarDecl>(D);
    const auto *Init = V && V->hasInit() ? llvm::dyn_cast<InitListExpr>(V->getInit()) : nullptr;
    return Init && Init->getNumInits() > 4096;
  }

  bool shouldSkipFunctionBody(Decl *D) override {
    return S.Scope && !S.Scope->inTree(D->getLocation());
  }

  CollectConsumer(TUState &S) : S(S) {
    if (S.Analyzer)
      S.Analyzer->registerMatchers(Finder, *S.Context);
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    S.AstProduced = true;
    if (!S.Settings.InjectCrashSuffix.empty() &&
        llvm::StringRef(S.Job.File).ends_with(S.Settings.InjectCrashSuffix))
      std::raise(SIGSEGV); // fault injection: proves crash isolation in tests
    if (!S.Settings.InjectHangSuffix.empty() &&
        llvm::StringRef(S.Job.File).ends_with(S.Settings.InjectHangSuffix))
      for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1)); // proves --tu-timeout
    FactsVisitor V(S, Ctx);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
    if (S.Analyzer) {
      // Matchers see only the in-tree top-level declarations.
      std::vector<Decl *> Scope;
      for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
        if (D->getLocation().isValid() && S.Scope->inTree(D->getLocation()) &&
            !isDataTable(D))
          Scope.push_back(D);
      Ctx.setTraversalScope(Scope);
      Finder.matchAST(Ctx);
      S.Analyzer->endTranslationUnit(Ctx, *S.Context);
    }
    // File facts for every in-tree file the TU entered.
    const SourceManager &SM = Ctx.getSourceManager();
    // Stand-ins for generated headers are not the tree's code: their
    // lines are neither counted nor ranked.
    std::set<std::string> StandIns;
    if (S.Job.StandIns)
      for (const auto &SI : *S.Job.StandIns)
        StandIns.insert(relativeTo(SI.first, S.Settings.Root));
    for (FileID FID : S.Files) {
      FileFacts F;
      F.Path = S.Scope->path(FID);
      if (StandIns.count(F.Path))
        continue;
      const auto &Lines = S.linesOf(SM, FID, Ctx.getLangOpts());
      F.CodeLines = static_cast<unsigned>(Lines.size());
      auto Skipped = S.Skipped.find(FID);
      if (Skipped != S.Skipped.end())
        for (const auto &[First, Last] : Skipped->second)
          F.UnanalysedLines += static_cast<unsigned>(
              std::upper_bound(Lines.begin(), Lines.end(), Last) -
              std::lower_bound(Lines.begin(), Lines.end(), First));
      F.UnanalysedLines = std::min(F.UnanalysedLines, F.CodeLines);
      F.Lang = Ctx.getLangOpts().CPlusPlus ? Language::CXX : Language::C;
      auto It = S.Includes.find(FID);
      if (It != S.Includes.end())
        F.Includes = It->second;
      S.Result.Files.push_back(std::move(F));
    }
  }

private:
  TUState &S;
  ast_matchers::MatchFinder Finder;
};

class CollectAction : public ASTFrontendAction {
public:
  explicit CollectAction(TUState &S) : S(S) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    SourceManager &SM = CI.getSourceManager();
    S.Scope = std::make_unique<SourceScope>(SM, S.Settings.Root, S.Settings.Exclude,
                                            S.Job.Directory);
    CI.getPreprocessor().addPPCallbacks(std::make_unique<IncludeRecorder>(S, SM));
    // Bodies outside the scanned tree (the standard library's templates,
    // third-party headers) are not parsed: nothing is reported there, and
    // template-heavy C++ parses faster than with -fsyntax-only. The consumer
    // decides per function (shouldSkipFunctionBody); Sema still keeps the
    // bodies it must have (constexpr, deduced return types).
    CI.getFrontendOpts().SkipFunctionBodies = !S.Settings.ParseAllBodies;
    if (S.Settings.MakeAnalyzer) {
      S.Analyzer = S.Settings.MakeAnalyzer();
      S.Context.reset(new TUContext{*S.Scope, S.Result.Findings, S.ByteFlows});
      if (S.Analyzer)
        S.Analyzer->beginSourceFile(CI.getPreprocessor(), *S.Context);
    }
    return std::make_unique<CollectConsumer>(S);
  }

private:
  TUState &S;
};

// Counts errors and keeps the first few, with their locations.
class ErrorCollector : public DiagnosticConsumer {
public:
  explicit ErrorCollector(TUState &S) : S(S) {}
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    ++Errors;
    if (S.Result.TranslationUnits.front().Errors.size() >= 5)
      return;
    ParseDiagnostic D;
    llvm::SmallString<256> Msg;
    Info.FormatDiagnostic(Msg);
    D.Message = Msg.str().str();
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const SourceManager &SM = Info.getSourceManager();
      SourceLocation Loc = SM.getExpansionLoc(Info.getLocation());
      FileID FID = SM.getFileID(Loc);
      if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID))
        D.File = relativeTo(absolutePath(FE->getName().str(), S.Job.Directory), S.Settings.Root);
      D.Line = SM.getExpansionLineNumber(Loc);
      D.Column = SM.getExpansionColumnNumber(Loc);
    }
    S.Result.TranslationUnits.front().Errors.push_back(std::move(D));
  }
  unsigned Errors = 0;

private:
  TUState &S;
};

} // namespace

std::optional<FileFacts> unanalysedFile(const TUJob &Job, const TUSettings &Settings) {
  FileFacts F;
  F.Path = relativeTo(Job.File, Settings.Root);
  F.Lang = classifySource(Job.File) == SourceKind::CxxSource ? Language::CXX : Language::C;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base =
      Settings.FS ? Settings.FS : llvm::vfs::createPhysicalFileSystem();
  // Bounded: a TU's main file larger than this is not counted line by line.
  constexpr uint64_t MaxBytes = 64u << 20;
  // A main file that does not exist (or is not a file) has no lines to
  // count and no place in the facts: the TU's failure says what happened.
  auto St = Base->status(Job.File);
  if (!St || St->getType() != llvm::sys::fs::file_type::regular_file)
    return std::nullopt;
  if (St->getSize() > MaxBytes)
    return F;
  auto Buf = Base->getBufferForFile(Job.File);
  if (!Buf)
    return F;
  SourceManagerForFile Counted(Job.File, (*Buf)->getBuffer());
  SourceManager &SM = Counted.get();
  LangOptions LO;
  LO.CPlusPlus = F.Lang == Language::CXX;
  F.CodeLines = static_cast<unsigned>(tokenLines(SM, SM.getMainFileID(), LO).size());
  F.UnanalysedLines = F.CodeLines;
  return F;
}

ScanFacts analyzeTranslationUnit(const TUJob &Job, const TUSettings &Settings,
                                 std::vector<std::string> *Dependencies) {
  TUState S(Job, Settings);
  S.Result.TranslationUnits.emplace_back();
  TranslationUnitFacts &TU = S.Result.TranslationUnits.front();
  TU.File = relativeTo(Job.File, Settings.Root);
  TU.InferredFlags = Job.Inferred;

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base =
      Settings.FS ? Settings.FS : llvm::vfs::createPhysicalFileSystem();
  if (Job.StandIns && !Job.StandIns->empty()) {
    // Stand-ins over the tree, in memory only: nothing is written.
    auto Mem = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    for (const auto &[Path, Content] : *Job.StandIns)
      Mem->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Content, Path));
    auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Base);
    Overlay->pushOverlay(Mem);
    Base = Overlay;
  }
  auto FS = llvm::makeIntrusiveRefCnt<RegularFilesOnly>(Base);
  FS->setCurrentWorkingDirectory(Job.Directory);
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);

  ErrorCollector Diags(S);
  bool Ran = false;
  llvm::CrashRecoveryContext CRC;
  bool Survived = CRC.RunSafely([&] {
    clang::noteBottomOfStack();
    tooling::ToolInvocation Inv(Job.Argv, std::make_unique<CollectAction>(S), Files.get());
    Inv.setDiagnosticConsumer(&Diags);
    Ran = Inv.run();
  });
  // Facts and findings are kept only from a parse that finished: a crash may
  // leave them half-collected.
  ScanFacts Out;
  Out.TranslationUnits.push_back(std::move(S.Result.TranslationUnits.front()));
  TranslationUnitFacts &R = Out.TranslationUnits.front();
  R.ErrorCount = Diags.Errors;
  R.MissingIncludes = std::move(S.MissingIncludes);
  if (!Survived) {
    R.Status = ParseStatus::Failed;
    R.FailureReason = "the parser crashed on this file (the rest of the scan is complete)";
    if (auto F = unanalysedFile(Job, Settings))
      Out.Files.push_back(std::move(*F));
    return Out;
  }
  if (!S.AstProduced) {
    R.Status = ParseStatus::Failed;
    R.FailureReason = R.Errors.empty() ? "the file could not be parsed"
                                       : R.Errors.front().Message;
    if (auto F = unanalysedFile(Job, Settings))
      Out.Files.push_back(std::move(*F));
    return Out;
  }
  R.Status = (Diags.Errors || !R.MissingIncludes.empty() || !Ran) ? ParseStatus::Recovered
                                                                  : ParseStatus::Clean;
  if (Dependencies) {
    // Every file the parse opened: the main file, its includes, system and
    // builtin headers (and files header search found on the way: a few
    // more than needed, never fewer).
    // Resolved through the file system, not lexically: the driver reaches
    // the C++ library through paths such as /lib/gcc/x86_64-linux-gnu/12/
    // ../../../../include/c++/12, where /lib is a symbolic link to usr/lib,
    // and dropping the '..' by hand names /include/c++/12, which does not
    // exist: such a TU could never be cached.
    llvm::SmallVector<OptionalFileEntryRef> Refs;
    Files->GetUniqueIDMapping(Refs);
    for (OptionalFileEntryRef FE : Refs) {
      if (!FE)
        continue;
      llvm::SmallString<256> Name(FE->getName()), Real;
      llvm::sys::fs::make_absolute(Job.Directory, Name);
      if (llvm::sys::fs::real_path(Name, Real))
        Dependencies->push_back(absolutePath(FE->getName().str(), Job.Directory));
      else
        Dependencies->push_back(std::string(Real.str()));
    }
    std::sort(Dependencies->begin(), Dependencies->end());
    Dependencies->erase(std::unique(Dependencies->begin(), Dependencies->end()),
                        Dependencies->end());
  }
  Out.Files = std::move(S.Result.Files);
  Out.Functions = std::move(S.Result.Functions);
  Out.Findings = std::move(S.Result.Findings);
  // Sorted, one site per function and file, as ScanFacts::normalize keeps them.
  auto &Taken = Out.AddressTaken = std::move(S.Result.AddressTaken);
  std::sort(Taken.begin(), Taken.end());
  Taken.erase(std::unique(Taken.begin(), Taken.end(),
                          [](const AddressTakenSite &A, const AddressTakenSite &B) {
                            return A.Usr == B.Usr && A.File == B.File;
                          }),
              Taken.end());
  return Out;
}

} // namespace carcinize
