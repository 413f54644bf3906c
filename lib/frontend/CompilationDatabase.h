#pragma once
/// \file Loading `compile_commands.json` and finding it the way clang-tidy
/// does. Plain C++: the commands are returned as recorded; CommandMangler
/// turns them into what we parse with.

#include <optional>
#include <string>
#include <vector>

namespace carcinize {

/// One entry of a compilation database, with paths made absolute.
struct CompileCommand {
  std::string Directory;              ///< absolute working directory
  std::string File;                   ///< absolute, normalised source path
  std::vector<std::string> Arguments; ///< argv as recorded (argv[0] = compiler)
  unsigned EntryLine = 0;             ///< line of the entry in the JSON file
};

/// A loaded compilation database.
struct CompilationDatabase {
  std::string Path;                   ///< absolute path of the JSON file
  std::vector<CompileCommand> Commands; ///< first entry per file, in file order
  std::vector<std::string> Warnings;  ///< skipped entries, one line each
};

/// Loads \p JsonPath. Malformed JSON, entries that are not objects or miss
/// `file`/`directory`/`arguments|command` are an InputError naming the file
/// and the entry's line. Entries for files that do not exist and repeated
/// entries are skipped with a warning. Warnings name the JSON file
/// \p ReportName when given (reports name files relative to the scanned
/// root), else \p JsonPath; errors always name \p JsonPath.
CompilationDatabase loadCompilationDatabase(const std::string &JsonPath,
                                            const std::string &ReportName = {});

/// Parses database text as if read from \p JsonPath (for tests and fuzzing).
CompilationDatabase parseCompilationDatabase(const std::string &Text,
                                             const std::string &JsonPath,
                                             const std::string &ReportName = {});

/// Finds `compile_commands.json` for \p Path as clang-tidy does: in the
/// folder (or the file's folder) and each of its parents, also looking in a
/// `build/` subfolder at each level. Returns the JSON file's path.
std::optional<std::string> findCompilationDatabase(const std::string &Path);

/// Splits a shell command line as recorded in a database's `command`.
std::vector<std::string> splitCommandLine(const std::string &Command);

} // namespace carcinize
