#pragma once
/// \file A rule's metadata: plain data, printed by `carcinize rules`, carried
/// into SARIF, and checked by the catalogue test. No Clang headers.

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace carcinize {

/// A per-rule option (a list of strings) with its documentation.
struct RuleOptionInfo {
  std::string Name;
  std::string Description;
};

/// Everything a user or a report needs to know about a rule.
struct RuleInfo {
  std::string Id;              ///< `category.kebab-name`, stable
  std::string Title;           ///< one line
  std::vector<unsigned> Cwe;   ///< CWE ids
  Severity DefaultSeverity = Severity::Medium;
  std::string Rationale;       ///< why the pattern is dangerous
  std::string RustAlternative; ///< what replaces it in Rust
  std::string Precision = "high"; ///< "high", "medium" or "low": how often a finding is real
  std::string BuildsOn;        ///< the Clang analysis it uses, if any
  bool EnabledByDefault = true;
  std::vector<RuleOptionInfo> Options;

  /// The category: the id up to the first '.'.
  std::string category() const { return Id.substr(0, Id.find('.')); }
};

} // namespace carcinize
