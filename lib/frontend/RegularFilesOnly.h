#pragma once
/// \file The file system every parse reads through (the scan's and pilot's
/// interface extraction alike).

#include <llvm/Support/VirtualFileSystem.h>

#include <memory>
#include <system_error>

namespace carcinize {

/// Refuses to open devices, FIFOs and sockets, so that `#include "/dev/zero"`
/// or a FIFO in the scanned tree cannot hang or flood a parse. They look
/// missing to Clang, so header search goes on (folders pass through: opening
/// one fails as usual and the search continues).
class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto St = getUnderlyingFS().status(Path);
    if (St && St->getType() != llvm::sys::fs::file_type::regular_file &&
        St->getType() != llvm::sys::fs::file_type::directory_file)
      return std::make_error_code(std::errc::no_such_file_or_directory);
    return ProxyFileSystem::openFileForRead(Path);
  }
};

} // namespace carcinize
