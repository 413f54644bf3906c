#include "support/JsonError.h"

#include <algorithm>

namespace carcinize {

std::string jsonErrorPosition(const std::string &Text, size_t Byte, const std::string &What) {
  size_t At = std::min(Byte, Text.size());
  if (At > 0 && What != "Text after end of document")
    --At;
  unsigned Line = 1;
  size_t LineStart = 0;
  for (size_t I = 0; I < At; ++I)
    if (Text[I] == '\n') {
      ++Line;
      LineStart = I + 1;
    }
  return std::to_string(Line) + ":" + std::to_string(At - LineStart + 1);
}

} // namespace carcinize
