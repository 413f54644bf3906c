#include "rules/conc/ThreadSharedMutableStateRule.h"

#include "rules/RuleUtils.h"

#include <clang/AST/ExprCXX.h>

#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {

namespace {
/// The variable a write to \p LHS stores into, when it is the variable itself
/// or part of it (a member, an element of an array variable). A write through
/// a pointer the variable holds (`g_ptr->x`, `g_ptr[i]`) is not a write to it.
const VarDecl *writtenVariable(const Expr *LHS) {
  const Expr *E = LHS->IgnoreParenImpCasts();
  while (true) {
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (M->isArrow())
        return nullptr;
      E = M->getBase()->IgnoreParenImpCasts();
    } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = A->getBase()->IgnoreParens();
      const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
      if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay)
        return nullptr;
      E = Decay->getSubExpr()->IgnoreParenImpCasts();
    } else {
      break;
    }
  }
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(D->getDecl());
  return nullptr;
}

/// Whether \p T is safe to share by construction: atomic, or a lock itself.
bool isSynchronizedType(QualType T) {
  T = T.getCanonicalType();
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType().getCanonicalType();
  if (T->isAtomicType())
    return true;
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    std::string Name = RD->getQualifiedNameAsString();
    if (Name == "std::atomic" || Name == "std::atomic_flag" || Name == "std::atomic_ref")
      return true;
  }
  std::string Spelled = T.getAsString();
  for (const char *Lock : {"pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t",
                           "pthread_once_t", "pthread_cond_t", "mtx_t", "cnd_t", "once_flag",
                           "mutex"})
    if (llvm::StringRef(Spelled).contains(Lock))
      return true;
  return false;
}

} // namespace

ThreadSharedMutableStateRule::ThreadSharedMutableStateRule(const RuleInfo &I, RuleContext &C,
                                                           Severity S, RuleOptions O)
    : Rule(I, C, S, std::move(O)),
      Creators(namesFrom(builtinTables().names("thread-creators"), "thread-creators")),
      Locks(namesFrom(builtinTables().names("lock-functions"), "lock-functions")),
      Joins(builtinTables().names("thread-joiners")),
      LockGuards(builtinTables().names("lock-guards")) {}

RuleInfo ThreadSharedMutableStateRule::info() {
  RuleInfo I;
  I.Id = "conc.thread-shared-mutable-state";
  I.Title = "Global or static variable written without a lock in code that starts threads";
  I.Cwe = {362, 366};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale =
      "When a translation unit starts threads, a mutable global or static variable written "
      "with no lock is a data race as soon as two threads reach the write, or one writes "
      "while another reads: updates are lost, readers see torn values, and the compiler may "
      "reorder or cache the accesses (undefined behaviour in C11 and C++11). A write is "
      "considered locked when its function calls a lock function or builds a lock guard "
      "before it in the source; writes before the function starts its threads, or after it "
      "joins one, are not flagged. Atomic, thread-local, const and lock variables are not "
      "flagged, nor are translation units that start no thread.";
  I.RustAlternative =
      "Rust rejects unsynchronized shared mutation at compile time: a `static mut` needs "
      "`unsafe`; shared state is an `AtomicUsize`, a `Mutex<T>`/`RwLock<T>` (the data lives "
      "inside the lock, so it cannot be touched without it), a `OnceLock` for one-time "
      "initialization, or a `thread_local!`; threads receive owned data or an `Arc`.";
  I.Precision = "medium";
  I.Options = {{"thread-creators", "Extra functions that start a thread."},
               {"lock-functions", "Extra functions that take a lock."}};
  return I;
}

void ThreadSharedMutableStateRule::registerMatchers(MatchFinder &Finder) {
  auto SharedVar = varDecl(hasGlobalStorage(), unless(hasType(isConstQualified())));
  auto Target = expr().bind("lhs");
  // `pthread_create(...)`, `std::async(...)`: the TU starts threads.
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Creators))).bind("creator")))
                        .bind("start"),
                    this);
  // `std::thread t(worker);`: a thread object's construction starts it.
  Finder.addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(hasAnyName(refsOf(Creators))).bind("creator")))
          .bind("start"),
      this);
  // `pthread_mutex_lock(&m)`: a lock taken in the function.
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Locks))))).bind("lock"), this);
  // `m.lock()`: a lock member function of a mutex.
  Finder.addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("lock")))).bind("lock"), this);
  // `std::lock_guard<std::mutex> g(m);`: a lock guard.
  Finder.addMatcher(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasAnyName(refsOf(LockGuards))))))
          .bind("lock"),
      this);
  // `pthread_join(t, NULL)`, `t.join()`: a thread waited for.
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(refsOf(Joins))))).bind("join"), this);
  Finder.addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasName("join")))).bind("join"), this);
  // `counter = x`, `stats.hits += 1`, `table[i] = v`: assignments to a global.
  Finder.addMatcher(binaryOperator(isAssignmentOperator(), hasLHS(Target),
                                   hasDescendant(declRefExpr(to(SharedVar))))
                        .bind("write"),
                    this);
  // `++counter`, `stats.hits--`.
  Finder.addMatcher(unaryOperator(hasAnyOperatorName("++", "--"), hasUnaryOperand(Target),
                                  hasDescendant(declRefExpr(to(SharedVar))))
                        .bind("write"),
                    this);
}

ThreadSharedMutableStateRule::Site ThreadSharedMutableStateRule::siteOf(ASTContext &AST,
                                                                        SourceLocation Loc) {
  const SourceManager &SM = AST.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  return {context().enclosingFunction(AST, E), SM.getFileID(E), SM.getFileOffset(E)};
}

void ThreadSharedMutableStateRule::check(const MatchFinder::MatchResult &Result) {
  ASTContext &AST = *Result.Context;
  const auto &N = Result.Nodes;
  if (const auto *Start = N.getNodeAs<Expr>("start")) {
    if (CreatorName.empty()) {
      const auto *Fn = N.getNodeAs<FunctionDecl>("creator");
      // Name a constructor by its class: 'std::thread'.
      CreatorName = isa<CXXConstructorDecl>(Fn)
                        ? cast<CXXConstructorDecl>(Fn)->getParent()->getQualifiedNameAsString()
                        : Fn->getQualifiedNameAsString();
      CreatorLoc = Start->getBeginLoc();
    }
    CreationSites.push_back(siteOf(AST, Start->getBeginLoc()));
  } else if (const auto *Lock = N.getNodeAs<Expr>("lock")) {
    LockSites.push_back(siteOf(AST, Lock->getBeginLoc()));
  } else if (const auto *Join = N.getNodeAs<Expr>("join")) {
    JoinSites.push_back(siteOf(AST, Join->getBeginLoc()));
  } else if (const auto *W = N.getNodeAs<Expr>("write")) {
    const VarDecl *V = writtenVariable(N.getNodeAs<Expr>("lhs"));
    if (V && V->hasGlobalStorage() && !V->getType().isConstQualified() &&
        V->getTLSKind() == VarDecl::TLS_None && !isSynchronizedType(V->getType()))
      Writes.push_back({V, W->getBeginLoc()});
  }
}

void ThreadSharedMutableStateRule::onEndOfTranslationUnit(ASTContext &AST) {
  if (CreationSites.empty())
    return;
  // Whether one of \p Sites is in the function of \p W, before it.
  auto AnyBefore = [](const std::vector<Site> &Sites, const Site &W) {
    return std::any_of(Sites.begin(), Sites.end(), [&](const Site &S) {
      return S.Fn == W.Fn && S.File == W.File && S.Offset < W.Offset;
    });
  };
  auto AnyAfter = [](const std::vector<Site> &Sites, const Site &W) {
    return std::any_of(Sites.begin(), Sites.end(), [&](const Site &S) {
      return S.Fn == W.Fn && S.File == W.File && S.Offset > W.Offset;
    });
  };
  std::string Where = "'" + CreatorName + "' at line " +
                      std::to_string(AST.getSourceManager().getExpansionLineNumber(CreatorLoc));
  for (const Write &W : Writes) {
    Site S = siteOf(AST, W.Loc);
    // File-scope initializers, and writes before this function starts its
    // threads (set-up in main) or after it joined them, are not concurrent.
    if (!S.Fn || AnyBefore(LockSites, S) || AnyAfter(CreationSites, S) || AnyBefore(JoinSites, S))
      continue;
    std::string Kind = W.Var->isStaticLocal()       ? "static local variable"
                       : W.Var->isStaticDataMember() ? "static member"
                                                     : "global variable";
    report(AST, W.Loc,
           "'" + W.Var->getNameAsString() + "' (" + Kind +
               ") is written without a visible lock; this translation unit starts threads (" +
               Where + ")");
  }
}

} // namespace carcinize
