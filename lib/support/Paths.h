#pragma once
/// \file Path helpers shared by every unit: absolute, normalised paths and
/// paths relative to the scanned root, always with '/' separators.

#include <llvm/Support/MemoryBuffer.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace carcinize {

/// Makes \p Path absolute against \p Base (or the current directory when
/// Base is empty) and removes `.` and `..` components lexically.
std::string absolutePath(std::string_view Path, std::string_view Base = {});

/// True when \p Path is \p Dir or lies below it (both absolute, normalised).
bool isUnder(std::string_view Path, std::string_view Dir);

/// \p Path relative to \p Root when it lies below it, else \p Path unchanged.
std::string relativeTo(std::string_view Path, std::string_view Root);

/// The deepest directory that contains every path in \p Paths.
std::string commonAncestor(const std::vector<std::string> &Paths);

/// The parent directory of \p Path ("/" for "/x").
std::string parentDir(std::string_view Path);

/// The last component of \p Path.
std::string_view baseName(std::string_view Path);

/// The extension of \p Path with its dot ("" when none).
std::string_view extensionOf(std::string_view Path);

/// The contents of \p Path when it is a regular file (a device or a FIFO is
/// never read: it could block or never end), else null.
std::unique_ptr<llvm::MemoryBuffer> readRegularFile(const std::string &Path,
                                                    bool NullTerminated = false);

/// \p Path with every symbolic link resolved, or "" when it does not exist.
std::string realPath(const std::string &Path);

/// True when \p Path, links resolved, lies below \p Dir, links resolved:
/// a name inside the scanned tree may be a link to anywhere.
bool resolvesUnder(const std::string &Path, const std::string &Dir);

/// The contents of \p Path when it is a regular file that carcinize itself
/// could have written: not a symbolic link (it is opened with O_NOFOLLOW),
/// owned by this user. Else null. For the entries of its own cache, which a
/// cache restored from an untrusted branch could have replaced.
std::unique_ptr<llvm::MemoryBuffer> readOwnedFile(const std::string &Path);

} // namespace carcinize
