#pragma once
/// \file Errors that end a command with a documented exit code.

#include <stdexcept>
#include <string>

namespace carcinize {

/// Exit codes, as documented in README.md and `carcinize --help`.
enum ExitCode : int {
  ExitClean = 0,     ///< no finding at or above --fail-on
  ExitFindings = 1,  ///< findings at or above --fail-on remain
  ExitUsage = 2,     ///< usage or input error
  /// (check) a file asked about was not analysed (not in the database and
  /// no flags to interpolate, failed to parse, crashed, timed out); wins
  /// over ExitFindings, since the findings are then incomplete. Relaxed by
  /// --allow-unanalysed or `check: allow_unanalysed: true`.
  ExitUnanalysed = 3,
  ExitSighup = 129,  ///< hung up (SIGHUP: the terminal was closed)
  ExitSigint = 130,  ///< interrupted by SIGINT
  ExitSigterm = 143, ///< terminated by SIGTERM
};

/// An error in what the user gave us (arguments, config, database, paths).
/// Its message is one line and names the file (and line) where there is one.
class InputError : public std::runtime_error {
public:
  explicit InputError(const std::string &Message)
      : std::runtime_error(Message) {}
};

} // namespace carcinize
