#pragma once
/// \file The shared half of the input-source rules: a call to a function of
/// the `input-sources` table (or of `boundaries: sources:` in the
/// configuration) whose kind is the rule's. Each kind is its own rule, so
/// that users can turn one off and reports can say which boundary it is.

#include "rules/Rule.h"

namespace carcinize {

/// Finds calls to the input sources of one kind.
class InputSourceRuleBase : public Rule {
public:
  InputSourceRuleBase(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O,
                      std::string Kind);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  /// What the message calls the input ("network input").
  virtual std::string inputName() const = 0;

private:
  std::string Kind;
  std::vector<std::string> Functions;
};

/// Metadata shared by the input-source rules.
RuleInfo inputSourceInfo(const std::string &Id, const std::string &Title,
                         const std::string &What);

} // namespace carcinize
