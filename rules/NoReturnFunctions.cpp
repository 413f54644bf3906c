#include "rules/NoReturnFunctions.h"

#include <clang/AST/Expr.h>
#include <clang/Analysis/CFG.h>

#include <vector>

using namespace clang;

namespace carcinize {

bool NoReturnFunctions::neverReturns(const CallExpr *Call, ASTContext &Ctx) {
  return Call && neverReturns(Call->getDirectCallee(), Ctx);
}

bool NoReturnFunctions::neverReturns(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD)
    return false;
  if (FD->isNoReturn())
    return true;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || Def->isDependentContext())
    return false;
  const FunctionDecl *Key = Def->getCanonicalDecl();
  auto It = Known.find(Key);
  if (It != Known.end())
    return It->second;
  // Beyond the depth bound the answer is not stored: a shallower question
  // about the same function may still follow it.
  if (Depth >= MaxDepth)
    return false;
  // While its body is examined, a (mutually) recursive call returns.
  Known[Key] = false;
  ++Depth;
  bool Result = bodyNeverReturns(Def, Ctx);
  --Depth;
  Known[Key] = Result;
  return Result;
}

bool NoReturnFunctions::bodyNeverReturns(const FunctionDecl *Def, ASTContext &Ctx) {
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd(); // calls nested in expressions are elements too
  std::unique_ptr<CFG> G = CFG::buildCFG(Def, Def->getBody(), &Ctx, Opts);
  if (!G)
    return false;
  // Reachability from the entry, stopping at blocks that call a function
  // that never returns; the function returns when the exit is reached.
  std::vector<bool> Seen(G->getNumBlockIDs(), false);
  std::vector<const CFGBlock *> Work{&G->getEntry()};
  Seen[G->getEntry().getBlockID()] = true;
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    if (B == &G->getExit())
      return false;
    bool Stops = false;
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt());
            Call && Call->getDirectCallee() &&
            Call->getDirectCallee()->getCanonicalDecl() != Def->getCanonicalDecl() &&
            neverReturns(Call, Ctx)) {
          Stops = true;
          break;
        }
    if (Stops)
      continue;
    for (const auto &Succ : B->succs())
      if (const CFGBlock *SB = Succ.getReachableBlock(); SB && !Seen[SB->getBlockID()]) {
        Seen[SB->getBlockID()] = true;
        Work.push_back(SB);
      }
  }
  return true;
}

} // namespace carcinize
