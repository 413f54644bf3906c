#pragma once
/// \file Writing reports so that no reader ever sees half a file.

#include <string>
#include <string_view>

namespace carcinize {

/// Writes \p Contents to \p Path atomically: to a temporary file in the same
/// folder, then renamed over \p Path. On failure nothing is left behind and
/// an InputError names the path and the reason.
void writeFileAtomically(const std::string &Path, std::string_view Contents);

/// Removes every temporary file this process is still writing. Safe to call
/// from a signal handler's exit path (it only calls unlink).
void removePendingOutputs();

} // namespace carcinize
