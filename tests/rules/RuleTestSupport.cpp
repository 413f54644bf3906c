#include "RuleTestSupport.h"

#include "config/Config.h"
#include "frontend/CommandMangler.h"
#include "frontend/ResourceDir.h"
#include "frontend/TranslationUnitAnalysis.h"
#include "rules/Catalogue.h"
#include "support/Paths.h"

#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/CrashRecoveryContext.h>

#include <algorithm>

namespace carcinize::test {

std::string sourceDir() { return CARCINIZE_SOURCE_DIR; }

static std::vector<std::string> flagsFor(const std::string &Path) {
  std::string_view Ext = extensionOf(Path);
  if (Ext == ".c" || Ext == ".h")
    return {"-x", "c", "-std=gnu17"};
  return {"-x", "c++", "-std=gnu++17"};
}

static ScanFacts run(const std::string &RuleId, const std::string &Path,
                     llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                     const std::string &ConfigYaml = "") {
  llvm::CrashRecoveryContext::Enable();
  TUSettings Settings;
  Settings.Root = parentDir(Path);
  Config Cfg = ConfigYaml.empty() ? Config() : parseConfig(ConfigYaml, "test.yaml");
  validateRuleSettings(Cfg, catalogueView());
  Settings.MakeAnalyzer = makeRuleAnalyzerFactory(Cfg, {RuleId});
  Settings.FS = FS;
  TUJob Job;
  Job.File = Path;
  Job.Directory = parentDir(Path);
  Job.Argv = CommandMangler::forTests(configuredResourceDir()).forInferred(Path, flagsFor(Path));
  ScanFacts Facts = analyzeTranslationUnit(Job, Settings);
  Facts.normalize();
  return Facts;
}

ScanFacts runRuleOnFile(const std::string &RuleId, const std::string &Path) {
  return run(RuleId, Path, nullptr);
}

std::vector<Finding> runRuleOnCode(const std::string &RuleId, const std::string &Code,
                                   const std::string &FileName, const std::string &ConfigYaml) {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  std::string Path = "/carcinize-test/" + FileName;
  Memory->addFile(Path, 0, llvm::MemoryBuffer::getMemBufferCopy(Code));
  Overlay->pushOverlay(Memory);
  return run(RuleId, Path, Overlay, ConfigYaml).Findings;
}

std::vector<unsigned> findingLines(const std::vector<Finding> &Findings, const std::string &RuleId) {
  std::vector<unsigned> Lines;
  for (const auto &F : Findings)
    if (F.RuleId == RuleId && !F.Suppressed)
      Lines.push_back(F.Line);
  std::sort(Lines.begin(), Lines.end());
  return Lines;
}

} // namespace carcinize::test
