#pragma once
/// \file The GNU build ID of the running executable: a digest the linker
/// computes over the output, so it changes with every change of the code.
/// The caches key on it beside the version, so that a rebuilt carcinize of
/// the same version (a development build) never reads what another build
/// stored.

#include <string>

namespace carcinize {

/// The build ID in hex; empty when the executable has none (linked with
/// --build-id=none).
std::string executableBuildId();

} // namespace carcinize
