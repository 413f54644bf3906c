#pragma once
/// \file The whole-program call graph, joined across translation units (and
/// shards) by USR. Plain C++ over the facts.

#include "facts/Facts.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// Calls between the functions defined in the scanned tree.
class CallGraph {
public:
  /// One call from a node to a node.
  struct Edge {
    size_t To = 0;
    unsigned Line = 0;      ///< line of the call in the caller
    bool Virtual = false;   ///< dispatched at run time: counted as indirect
    unsigned LoopDepth = 0; ///< loops around the call in the caller
  };

  /// Builds the graph of \p Facts: a function declared in one TU and defined
  /// in another is one node (same USR).
  static CallGraph build(const ScanFacts &Facts);

  size_t size() const { return Functions.size(); }
  const FunctionFacts &function(size_t I) const { return *Functions[I]; }
  /// The node of \p Usr, or -1.
  long find(const std::string &Usr) const;
  /// Nodes whose name (qualified or plain) is \p Name.
  std::vector<size_t> findByName(const std::string &Name) const;

  const std::vector<Edge> &callees(size_t I) const { return Out[I]; }
  const std::vector<Edge> &callers(size_t I) const { return In[I]; }
  /// Calls of \p I to functions not defined in the tree (libc, libraries).
  const std::vector<const CallSite *> &externalCalls(size_t I) const { return External[I]; }
  /// Indirect calls of \p I: through function pointers, plus virtual calls.
  unsigned indirectCalls(size_t I) const;
  /// True when \p I is part of a cycle of calls (including calling itself).
  bool recursive(size_t I) const { return Recursive[I]; }
  /// The strongly connected component of \p I (equal for mutually recursive nodes).
  size_t component(size_t I) const { return Component[I]; }

  /// Where the address of \p I is taken (sorted by file and line; empty
  /// when it is only ever called directly).
  const std::vector<const AddressTakenSite *> &addressTaken(size_t I) const {
    return Taken[I];
  }
  /// The possible targets of an indirect call of type \p Signature: the
  /// functions of that type whose address is taken, in node order. Virtual
  /// calls are not resolved here.
  const std::vector<size_t> &indirectTargets(const std::string &Signature) const;

private:
  std::vector<const FunctionFacts *> Functions;
  std::map<std::string, size_t> ByUsr;
  std::multimap<std::string, size_t> ByName;
  std::vector<std::vector<Edge>> Out, In;
  std::vector<std::vector<const CallSite *>> External;
  std::vector<bool> Recursive;
  std::vector<size_t> Component;
  std::vector<std::vector<const AddressTakenSite *>> Taken;
  std::map<std::string, std::vector<size_t>> BySignature;
};

/// The plain name of a qualified name ("ns::Class::f" -> "f").
std::string plainName(const std::string &Qualified);

} // namespace carcinize
