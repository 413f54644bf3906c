// Fuzz target: compile_commands.json text (parseCompilationDatabase). The
// database is read as if it lay in a scratch folder holding two sources, so
// entries naming them ("directory": ".", "file": "a.c") are kept and the
// rest is exercised too. Nothing is written after start-up.
#include "FuzzSupport.h"

#include "frontend/CompilationDatabase.h"
#include "support/Error.h"

#include <cstdio>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace carcinize;

namespace {

std::string Folder; // holds a.c and src/b.c

void removeFolder() {
  for (const char *F : {"/src/b.c", "/src", "/a.c", ""}) {
    std::string P = Folder + F;
    if (std::remove(P.c_str()) != 0)
      return;
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  char Template[] = "/tmp/carcinize-fuzz-cdb-XXXXXX";
  const char *Dir = mkdtemp(Template);
  if (!Dir)
    std::abort();
  Folder = Dir;
  std::ofstream(Folder + "/a.c") << "int a;\n";
  std::string Src = Folder + "/src";
  if (mkdir(Src.c_str(), 0700) != 0)
    std::abort();
  std::ofstream(Src + "/b.c") << "int b;\n";
  std::atexit(removeFolder); // libFuzzer exits through exit() when done
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  CompilationDatabase Db;
  try {
    Db = parseCompilationDatabase(fuzz::input(Data, Size), Folder + "/compile_commands.json",
                                  "compile_commands.json");
  } catch (const InputError &) {
    return 0;
  }
  for (const CompileCommand &C : Db.Commands) {
    fuzz::check(!C.Directory.empty() && C.Directory[0] == '/', "directory is not absolute",
                C.Directory);
    fuzz::check(!C.File.empty() && C.File[0] == '/', "file is not absolute", C.File);
    fuzz::check(!C.Arguments.empty(), "a kept command has no arguments", C.File);
    fuzz::check(C.EntryLine > 0, "a kept command has no line", C.File);
  }
  return 0;
}
