#include "check/Fingerprint.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/SHA256.h>

#include <map>

namespace carcinize {

std::vector<std::string> fingerprintFindings(const std::vector<const Finding *> &Findings,
                                             SourceLines &Sources) {
  std::vector<std::string> Out;
  Out.reserve(Findings.size());
  // The n-th finding with the same key in canonical order gets n: two
  // strcpy calls on identical lines of one function stay distinct, and
  // inserting code above both keeps their numbers.
  std::map<std::string, unsigned> Seen;
  for (const Finding *F : Findings) {
    std::string Code = Sources.readable(F->File) ? normalizeCode(Sources.line(F->File, F->Line))
                                                 : "message:" + F->Message;
    std::string Key;
    for (const std::string *Part : std::initializer_list<const std::string *>{
             &F->RuleId, &F->File, &F->FunctionName, &Code}) {
      Key += *Part;
      Key += '\0';
    }
    unsigned N = Seen[Key]++;
    Key += std::to_string(N);
    auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
    Out.push_back(llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(16), /*LowerCase=*/true));
  }
  return Out;
}

} // namespace carcinize
