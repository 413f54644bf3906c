#pragma once
/// \file `--configure`: obtaining a compilation database by running the
/// project's own configure step (CMake or Meson) into a temporary folder.
/// It executes the project's build scripts, so it is opt-in only, never a
/// default, and says exactly what it runs.

#include <iosfwd>
#include <string>
#include <vector>

namespace carcinize {

/// A configured build folder, removed when this goes out of scope.
class ConfiguredBuild {
public:
  ConfiguredBuild() = default;
  ConfiguredBuild(const ConfiguredBuild &) = delete;
  ConfiguredBuild &operator=(const ConfiguredBuild &) = delete;
  ~ConfiguredBuild();

  std::string Dir;      ///< the temporary build folder
  std::string Database; ///< Dir/compile_commands.json
  std::vector<std::string> Command; ///< what was run
};

/// The configure command for \p Root into \p BuildDir: CMake when Root has a
/// CMakeLists.txt (`cmake -S Root -B BuildDir -DCMAKE_EXPORT_COMPILE_COMMANDS=ON`),
/// else Meson when it has a meson.build (`meson setup BuildDir Root`, which
/// writes a database); empty when neither.
std::vector<std::string> configureCommand(const std::string &Root, const std::string &BuildDir);

/// Runs the configure step of \p Root into a new temporary folder, saying on
/// \p Log (stderr) what it runs. Throws InputError when the project has no
/// CMake or Meson build, the tool is not installed, or the step fails (with
/// the end of its output) or writes no database.
void configureProject(const std::string &Root, ConfiguredBuild &Out, std::ostream &Log);

} // namespace carcinize
