#include "rules/trust/FileInputRule.h"

namespace carcinize {

RuleInfo FileInputRule::info() {
  return inputSourceInfo("trust.file-input", "Reads data from a file or stream", "Data read from a file, pipe or standard input");
}

} // namespace carcinize
