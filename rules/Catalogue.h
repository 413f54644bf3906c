#pragma once
/// \file The rule catalogue as the rest of carcinize sees it: metadata, and
/// a factory of per-TU analyzers that run the enabled rules. No Clang headers.

#include "config/Config.h"
#include "frontend/TUAnalyzer.h"
#include "rules/RuleInfo.h"

#include <map>
#include <string>
#include <vector>

namespace carcinize {

/// Every rule's metadata, sorted by id.
const std::vector<RuleInfo> &ruleCatalogue();

/// The rule metadata for \p Id, or null.
const RuleInfo *findRule(const std::string &Id);

/// The catalogue as config validation needs it (ids and option names).
RuleCatalogueView catalogueView();

/// Rule id -> (enabled by default, default severity).
std::map<std::string, std::pair<bool, Severity>> ruleDefaults();

/// A factory making one analyzer per TU that runs the rules enabled by
/// \p Cfg with their effective severities and options. When \p Only is not
/// empty, exactly the rules it names run (tests, `--rule`), enabled or not.
TUAnalyzerFactory makeRuleAnalyzerFactory(const Config &Cfg,
                                          const std::vector<std::string> &Only = {});

/// The ids of the rules \p Cfg enables (or \p Only), sorted.
std::vector<std::string> enabledRuleIds(const Config &Cfg,
                                        const std::vector<std::string> &Only = {});

} // namespace carcinize
