#pragma once
/// \file The command line: `carcinize scan`, `config dump`, `init`.

namespace carcinize {

/// Runs the command line and returns the process exit code (see ExitCode).
int runCli(int Argc, char **Argv);

} // namespace carcinize
