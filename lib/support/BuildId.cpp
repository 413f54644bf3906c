#include "support/BuildId.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringRef.h>

#include <cstring>
#include <elf.h>
#include <link.h>

namespace carcinize {

namespace {

int fromMainProgram(dl_phdr_info *Info, size_t, void *Data) {
  auto &Out = *static_cast<std::string *>(Data);
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &P = Info->dlpi_phdr[I];
    if (P.p_type != PT_NOTE)
      continue;
    const char *Base = reinterpret_cast<const char *>(Info->dlpi_addr + P.p_vaddr);
    size_t Off = 0;
    while (Off + sizeof(ElfW(Nhdr)) <= P.p_memsz) {
      const auto *N = reinterpret_cast<const ElfW(Nhdr) *>(Base + Off);
      size_t NameSize = (N->n_namesz + 3) & ~size_t(3), DescSize = (N->n_descsz + 3) & ~size_t(3);
      const char *Name = Base + Off + sizeof(ElfW(Nhdr));
      if (Off + sizeof(ElfW(Nhdr)) + NameSize + N->n_descsz > P.p_memsz)
        break;
      if (N->n_type == NT_GNU_BUILD_ID && N->n_namesz == 4 && std::memcmp(Name, "GNU", 4) == 0) {
        Out = llvm::toHex(llvm::StringRef(Name + NameSize, N->n_descsz), /*LowerCase=*/true);
        return 1;
      }
      Off += sizeof(ElfW(Nhdr)) + NameSize + DescSize;
    }
  }
  return 1; // the first object is the executable: the rest are libraries
}

} // namespace

std::string executableBuildId() {
  static const std::string Id = [] {
    std::string S;
    dl_iterate_phdr(fromMainProgram, &S);
    return S;
  }();
  return Id;
}

} // namespace carcinize
