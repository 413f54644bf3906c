#pragma once
// Running rules in tests: on a fixture file from disk, or on code held in
// memory (runRuleOnCode), always with only the named rule enabled.

#include "facts/Facts.h"

#include <string>
#include <vector>

namespace carcinize::test {

/// The source tree, for fixtures (set by CMake).
std::string sourceDir();

/// Runs rule \p RuleId alone over the file \p Path (absolute), parsed as C
/// or C++ by extension, with the file's folder as the scanned root.
ScanFacts runRuleOnFile(const std::string &RuleId, const std::string &Path);

/// Runs rule \p RuleId alone over \p Code, held in memory as \p FileName.
/// System headers come from the real file system.
/// \p ConfigYaml, when given, is parsed as `.carcinize.yaml` (rule options).
std::vector<Finding> runRuleOnCode(const std::string &RuleId, const std::string &Code,
                                   const std::string &FileName = "input.c",
                                   const std::string &ConfigYaml = "");

/// The lines of the unsuppressed findings of \p RuleId, sorted.
std::vector<unsigned> findingLines(const std::vector<Finding> &Findings, const std::string &RuleId);

} // namespace carcinize::test
