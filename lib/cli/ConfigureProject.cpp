#include "cli/ConfigureProject.h"

#include "support/Error.h"
#include "support/Paths.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

#include <optional>
#include <ostream>

namespace carcinize {

ConfiguredBuild::~ConfiguredBuild() {
  if (!Dir.empty())
    llvm::sys::fs::remove_directories(Dir, /*IgnoreErrors=*/true);
}

std::vector<std::string> configureCommand(const std::string &Root, const std::string &BuildDir) {
  if (llvm::sys::fs::is_regular_file(Root + "/CMakeLists.txt"))
    return {"cmake", "-S", Root, "-B", BuildDir, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"};
  if (llvm::sys::fs::is_regular_file(Root + "/meson.build"))
    return {"meson", "setup", BuildDir, Root};
  return {};
}

void configureProject(const std::string &Root, ConfiguredBuild &Out, std::ostream &Log) {
  llvm::SmallString<128> Dir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("carcinize-configure", Dir))
    throw InputError("--configure: cannot create a temporary folder: " + EC.message());
  Out.Dir = std::string(Dir.str());
  std::string Build = Out.Dir + "/build";
  Out.Command = configureCommand(Root, Build);
  if (Out.Command.empty())
    throw InputError("--configure: " + Root +
                     " has no CMakeLists.txt or meson.build; generate a compilation database "
                     "with the project's build (`bear -- make` for Make) and pass -p DIR");
  auto Program = llvm::sys::findProgramByName(Out.Command.front());
  if (!Program)
    throw InputError("--configure: '" + Out.Command.front() + "' is not installed");
  std::string Shown;
  for (const auto &A : Out.Command)
    Shown += (Shown.empty() ? "" : " ") + A;
  Log << "carcinize: --configure runs the project's build scripts: " << Shown << "\n";
  Log.flush();
  std::string LogFile = Out.Dir + "/configure.log";
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"),
                                                llvm::StringRef(LogFile), llvm::StringRef(LogFile)};
  std::vector<llvm::StringRef> Argv(Out.Command.begin(), Out.Command.end());
  std::string Error;
  int RC = llvm::sys::ExecuteAndWait(*Program, Argv, std::nullopt, Redirects,
                                     /*SecondsToWait=*/900, /*MemoryLimit=*/0, &Error);
  Out.Database = Build + "/compile_commands.json";
  if (RC != 0 || !llvm::sys::fs::is_regular_file(Out.Database)) {
    std::string Tail;
    if (auto Buf = llvm::MemoryBuffer::getFile(LogFile)) {
      llvm::StringRef Text = (*Buf)->getBuffer();
      Tail = Text.take_back(800).str();
    }
    throw InputError("--configure: '" + Shown + "' " +
                     (RC != 0 ? "failed (exit " + std::to_string(RC) + (Error.empty() ? "" : ", " + Error) + ")"
                              : std::string("wrote no compile_commands.json")) +
                     (Tail.empty() ? "" : "; its output ends with:\n" + Tail));
  }
}

} // namespace carcinize
