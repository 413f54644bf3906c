#pragma once
#include "rules/trust/InputSourceRuleBase.h"

namespace carcinize {

/// trust.environment-input: calls that read the environment.
class EnvironmentInputRule : public InputSourceRuleBase {
public:
  EnvironmentInputRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
      : InputSourceRuleBase(I, C, S, std::move(O), "env") {}
  static RuleInfo info();

protected:
  std::string inputName() const override { return "the environment"; }
};

} // namespace carcinize
