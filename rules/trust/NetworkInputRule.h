#pragma once
#include "rules/trust/InputSourceRuleBase.h"

namespace carcinize {

/// trust.network-input: calls that read network input.
class NetworkInputRule : public InputSourceRuleBase {
public:
  NetworkInputRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
      : InputSourceRuleBase(I, C, S, std::move(O), "network") {}
  static RuleInfo info();

protected:
  std::string inputName() const override { return "network input"; }
};

} // namespace carcinize
