#pragma once
/// \file Writing reports so that no reader ever sees half a file.

#include <llvm/ADT/STLFunctionalExtras.h>

#include <string>
#include <string_view>

namespace llvm {
class raw_ostream;
}

namespace carcinize {

/// Writes \p Contents to \p Path atomically: to a temporary file in the same
/// folder, then renamed over \p Path. On failure nothing is left behind and
/// an InputError names the path and the reason.
void writeFileAtomically(const std::string &Path, std::string_view Contents);

/// The same for what \p Write streams: a report of a million-line scan is
/// written without ever being held in memory whole. When \p Write throws,
/// the temporary file is removed and the exception passes on.
void writeFileAtomically(const std::string &Path,
                         llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Streams \p Write to standard output and checks that every byte got
/// there: a report lost to a full disk (`> /dev/full`), a closed standard
/// output (`>&-`) or a broken pipe is an InputError, never a silent exit 0.
void writeStandardOutput(llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Opens /dev/null on whichever of the descriptors 0, 1 and 2 is closed,
/// before anything else is opened: else the first file carcinize opens (a
/// cache entry, the compilation database) would get number 1, and the
/// report would be written into it. A closed standard output is remembered,
/// and writeStandardOutput() refuses it. Call once, first.
void guardStandardStreams();

/// Writes a file of carcinize's own store (a cache entry) at \p Path in
/// folder \p Dir, which ensureOwnedDirectory() checked: a new file is
/// written and renamed over the name, so whatever is there (a symbolic link
/// to another file, a FIFO, a device planted in a restored cache) is
/// replaced, never followed or written through. Throws InputError.
void writeOwnedFile(const std::string &Path, std::string_view Contents);

/// Creates folder \p Dir (mode 0700) when missing, and checks that it is
/// what carcinize would have made: a real folder (not a symbolic link to
/// one), owned by this user. Throws InputError naming it otherwise: a
/// cache restored from an untrusted branch may hold a link to any folder.
/// Its parents are not checked (the user's own ~/.cache may be a link).
void ensureOwnedDirectory(const std::string &Dir);

/// Removes every temporary file this process is still writing. Safe to call
/// from a signal handler's exit path (it only calls unlink).
void removePendingOutputs();

} // namespace carcinize
