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

/// Removes every temporary file this process is still writing. Safe to call
/// from a signal handler's exit path (it only calls unlink).
void removePendingOutputs();

} // namespace carcinize
