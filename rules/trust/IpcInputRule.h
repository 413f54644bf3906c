#pragma once
#include "rules/trust/InputSourceRuleBase.h"

namespace carcinize {

/// trust.ipc-input: calls that read an IPC message.
class IpcInputRule : public InputSourceRuleBase {
public:
  IpcInputRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
      : InputSourceRuleBase(I, C, S, std::move(O), "ipc") {}
  static RuleInfo info();

protected:
  std::string inputName() const override { return "an IPC message"; }
};

} // namespace carcinize
