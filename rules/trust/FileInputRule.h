#pragma once
#include "rules/trust/InputSourceRuleBase.h"

namespace carcinize {

/// trust.file-input: calls that read file or stream input.
class FileInputRule : public InputSourceRuleBase {
public:
  FileInputRule(const RuleInfo &I, RuleContext &C, Severity S, RuleOptions O)
      : InputSourceRuleBase(I, C, S, std::move(O), "file") {}
  static RuleInfo info();

protected:
  std::string inputName() const override { return "file or stream input"; }
};

} // namespace carcinize
