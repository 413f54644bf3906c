#include "support/JsonError.h"

#include <algorithm>
#include <cstdlib>

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

std::string jsonErrorText(llvm::Error E, const std::string &Text, std::string &LineCol) {
  std::string Msg = llvm::toString(std::move(E));
  if (!Msg.empty() && Msg[0] == '[') {
    size_t Byte = Msg.find("byte=");
    size_t Close = Msg.find("]: ");
    if (Byte != std::string::npos && Close != std::string::npos) {
      std::string What = Msg.substr(Close + 3);
      LineCol = jsonErrorPosition(Text, std::strtoull(Msg.c_str() + Byte + 5, nullptr, 10), What);
      return What;
    }
  }
  return Msg;
}

} // namespace carcinize
