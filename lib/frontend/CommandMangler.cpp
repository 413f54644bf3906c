#include "frontend/CommandMangler.h"

#include "support/Glob.h"
#include "support/Paths.h"

#include <clang/Driver/Options.h>
#include <clang/Driver/ToolChain.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Option/Arg.h>
#include <llvm/Option/ArgList.h>
#include <llvm/Option/OptTable.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Program.h>

namespace carcinize {

namespace opts = clang::driver::options;

CommandMangler CommandMangler::detect(std::string ResourceDir,
                                      std::vector<std::string> QueryDriverGlobs) {
  CommandMangler M;
  M.ResourceDir = std::move(ResourceDir);
  M.QueryDriverGlobs = std::move(QueryDriverGlobs);
  return M;
}

CommandMangler CommandMangler::forTests(std::string ResourceDir) {
  CommandMangler M;
  M.ResourceDir = std::move(ResourceDir);
  return M;
}

namespace {

// Wrappers that run the real compiler given as their first argument.
bool isCompilerWrapper(llvm::StringRef Argv0) {
  llvm::StringRef Name = llvm::StringRef(Argv0).rsplit('/').second;
  if (Name.empty())
    Name = Argv0;
  return Name == "ccache" || Name == "sccache" || Name == "distcc" || Name == "icecc" ||
         Name == "buildcache" || Name == "colorgcc";
}

// Options that would write files, load code into the parser, or change what
// a syntax-only parse does. Everything else the option table knows is kept.
bool isDroppedOption(const llvm::opt::Arg &A) {
  const llvm::opt::Option &O = A.getOption();
  switch (O.getID()) {
  case opts::OPT_o:
  case opts::OPT_c:
  case opts::OPT_S:
  case opts::OPT_E:
  case opts::OPT_fsyntax_only:
  case opts::OPT_Xclang:         // may carry -load/-plugin: never load code
  case opts::OPT_fplugin_EQ:
  case opts::OPT_fpass_plugin_EQ:
  case opts::OPT_Xlinker:
  case opts::OPT_Xassembler:
  case opts::OPT_Xpreprocessor:
  case opts::OPT_save_temps:
  case opts::OPT_save_temps_EQ:
  case opts::OPT_ftime_trace:
  case opts::OPT_ftime_trace_EQ:
  case opts::OPT_fcolor_diagnostics:
  case opts::OPT_fdiagnostics_color_EQ:
  case opts::OPT_pipe:
  case opts::OPT_v:
  case opts::OPT__HASH_HASH_HASH:
  case opts::OPT__serialize_diags: // writes a .dia file
  // Modules: -fmodules builds .pcm files and a modules.idx into a cache
  // (~/.cache/clang/ModuleCache by default, whatever --no-cache says); the
  // others load prebuilt modules or module maps named by the database.
  case opts::OPT_fmodules:
  case opts::OPT_fcxx_modules:
  case opts::OPT_fimplicit_modules:
  case opts::OPT_fimplicit_module_maps:
  case opts::OPT_fbuiltin_module_map:
  case opts::OPT_fmodules_cache_path:
  case opts::OPT_fmodules_user_build_path:
  case opts::OPT_fmodule_file:
  case opts::OPT_fmodule_map_file:
  case opts::OPT_fmodule_output:
  case opts::OPT_fmodule_output_EQ:
  case opts::OPT_fmodule_header:
  case opts::OPT_fmodule_header_EQ:
  case opts::OPT_fprebuilt_module_path:
  case opts::OPT_fprebuilt_implicit_modules:
  case opts::OPT_fmodules_embed_all_files:
  case opts::OPT_fmodules_embed_file_EQ:
  case opts::OPT_fmodules_validate_once_per_build_session:
  case opts::OPT_fbuild_session_file:
  case opts::OPT_fapinotes_modules:
  // Files read into the parse: a precompiled header (an AST deserialized
  // from the tree's bytes), a file-system overlay that remaps any path.
  case opts::OPT_include_pch:
  case opts::OPT_ivfsoverlay:
  // More flags read from elsewhere than the command: a driver
  // configuration file, options for LLVM's own registry, and the
  // per-architecture or per-offload-target pass-throughs, which would
  // carry any flag past this filter.
  case opts::OPT_config:
  case opts::OPT_config_system_dir_EQ:
  case opts::OPT_mllvm:
  case opts::OPT_Xarch__:
  case opts::OPT_Xarch_device:
  case opts::OPT_Xarch_host:
  case opts::OPT_Xopenmp_target:
  case opts::OPT_Xopenmp_target_EQ:
  case opts::OPT_Xcuda_fatbinary:
  case opts::OPT_Xcuda_ptxas:
  case opts::OPT_Xanalyzer:
  case opts::OPT_Xflang:
  case opts::OPT_Xoffload_linker:
  // Profiles, sanitizer and XRay lists: files the front end or the driver
  // opens (the instrumented profile's header is read to learn its kind).
  case opts::OPT_fprofile_instr_use:
  case opts::OPT_fprofile_instr_use_EQ:
  case opts::OPT_fprofile_use_EQ:
  case opts::OPT_fprofile_sample_use_EQ:
  case opts::OPT_fprofile_sample_use:
  case opts::OPT_fauto_profile_EQ:
  case opts::OPT_fprofile_list_EQ:
  case opts::OPT_fprofile_remapping_file_EQ:
  case opts::OPT_fsanitize_ignorelist_EQ:
  case opts::OPT_fsanitize_system_ignorelist_EQ:
  case opts::OPT_fsanitize_coverage_allowlist:
  case opts::OPT_fsanitize_coverage_ignorelist:
  case opts::OPT_fxray_always_instrument:
  case opts::OPT_fxray_never_instrument:
  case opts::OPT_fxray_attr_list:
  // Other files written: crash reproducers, statistics, process reports,
  // optimisation records, stack usage, compilation database fragments.
  case opts::OPT_fcrash_diagnostics_dir:
  case opts::OPT_fcrash_diagnostics_EQ:
  case opts::OPT_fcrash_diagnostics:
  case opts::OPT_gen_reproducer_eq:
  case opts::OPT_save_stats:
  case opts::OPT_save_stats_EQ:
  case opts::OPT_fproc_stat_report:
  case opts::OPT_fproc_stat_report_EQ:
  case opts::OPT_fsave_optimization_record:
  case opts::OPT_fsave_optimization_record_EQ:
  case opts::OPT_foptimization_record_file_EQ:
  case opts::OPT_fstack_usage:
    return true;
  default:
    break;
  }
  // Actions (-emit-pch, -emit-module, --precompile write their product) and
  // the driver's debugging flags (-gen-reproducer, -gen-cdb-fragment-path
  // write files): the parse is always -fsyntax-only, added at the end.
  if (O.matches(opts::OPT_Action_Group) || O.matches(opts::OPT_internal_debug_Group))
    return true;
  // -M, -MD, -MF file, -MT ...: dependency files are outputs.
  if (O.matches(opts::OPT_M_Group))
    return true;
  // -Wp,-MD,dep.d and -Wp,-MMD,dep.d (Kbuild) too: the driver rewrites them
  // to -MD -MF dep.d. Other -Wp, flags (-Wp,-D_FORTIFY_SOURCE=2) are kept.
  if (O.matches(opts::OPT_Wp_COMMA))
    for (const char *V : A.getValues())
      if (llvm::StringRef(V).starts_with("-M"))
        return true;
  // -Werror and -pedantic-errors turn warnings (which we ignore) into errors
  // (which we count).
  std::string Full = A.getSpelling().str();
  if (A.getNumValues())
    Full += A.getValue();
  if (llvm::StringRef(Full).starts_with("-Werror") || Full == "-pedantic-errors")
    return true;
  if (O.matches(opts::OPT_Link_Group))
    return true;
  return false;
}

} // namespace

void CommandMangler::appendCommonFlags(std::vector<std::string> &Argv) const {
  Argv.push_back("-fsyntax-only");
  Argv.push_back("-resource-dir=" + ResourceDir);
  // No driver configuration file from beside the compiler the database
  // names (a clang.cfg in the tree's bin/ folder would add any flag), and
  // no crash reproducer written when Clang crashes on the tree's code.
  Argv.push_back("--no-default-config");
  Argv.push_back("-fno-crash-diagnostics");
  // Keep parsing past any number of errors: a recovered AST is still worth
  // analysing, and Clang's default limit of 20 is a fatal error.
  Argv.push_back("-ferror-limit=0");
  Argv.push_back("-Wno-unknown-warning-option");
  Argv.push_back("-fno-color-diagnostics");
  // No "N errors generated." lines on our stderr: errors are reported per TU.
  Argv.push_back("-fno-caret-diagnostics");
  // GCC (and Clang before 15/16) accept these in C as warnings; Clang 19
  // makes them errors. Older C code, and commands recorded by GCC, rely on
  // the lenient defaults.
  for (const char *W : {"-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
                        "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types",
                        "-Wno-error=incompatible-function-pointer-types",
                        "-Wno-error=return-type"})
    Argv.push_back(W);
}

std::vector<std::string> CommandMangler::adjust(const CompileCommand &Cmd,
                                                std::vector<std::string> *Dropped) const {
  std::vector<std::string> In = Cmd.Arguments;
  while (!In.empty() && isCompilerWrapper(In.front()))
    In.erase(In.begin());
  std::vector<std::string> Out;
  if (In.empty()) {
    Out = {"clang"};
  } else {
    // Keep the compiler's name: the driver picks its mode from it (g++ means
    // C++), and a target prefix (arm-none-eabi-gcc) names the target.
    Out.push_back(In.front());
    auto Parsed = clang::driver::ToolChain::getTargetAndModeFromProgramName(In.front());
    if (Parsed.DriverMode)
      Out.push_back(Parsed.DriverMode);
    if (Parsed.TargetIsValid && !Parsed.TargetPrefix.empty())
      Out.push_back("--target=" + Parsed.TargetPrefix);
  }

  std::vector<const char *> Raw;
  for (size_t I = 1; I < In.size(); ++I)
    Raw.push_back(In[I].c_str());
  const llvm::opt::OptTable &Table = clang::driver::getDriverOptTable();
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Args = Table.ParseArgs(
      Raw, MissingIndex, MissingCount, llvm::opt::Visibility(opts::ClangOption));
  bool Cxx = false;
  for (const llvm::opt::Arg *A : Args) {
    const llvm::opt::Option &O = A->getOption();
    if (O.getKind() == llvm::opt::Option::InputClass) {
      continue; // the file is added once, at the end
    }
    if (O.getKind() == llvm::opt::Option::UnknownClass || isDroppedOption(*A)) {
      if (Dropped) {
        llvm::opt::ArgStringList Rendered;
        A->render(Args, Rendered);
        for (const char *R : Rendered)
          Dropped->push_back(R);
      }
      continue;
    }
    if (O.matches(opts::OPT_x) && A->getNumValues() && llvm::StringRef(A->getValue()).contains("++"))
      Cxx = true;
    llvm::opt::ArgStringList Rendered;
    A->render(Args, Rendered);
    for (const char *R : Rendered)
      Out.emplace_back(R);
  }
  if (MissingCount && Dropped)
    Dropped->push_back(In[MissingIndex + 1]);

  if (!QueryDriverGlobs.empty() && !In.empty()) {
    std::string Compiler = In.front();
    if (Compiler.find('/') != std::string::npos)
      Compiler = absolutePath(Compiler, Cmd.Directory);
    else if (auto Found = llvm::sys::findProgramByName(Compiler))
      Compiler = *Found;
    for (const auto &G : QueryDriverGlobs)
      if (globMatchPlain(G, Compiler)) {
        bool IsCxx = Cxx || llvm::StringRef(Compiler).contains("++");
        for (const auto &Dir : queryDriver(Compiler, IsCxx)) {
          Out.push_back("-isystem");
          Out.push_back(Dir);
        }
        break;
      }
  }
  appendCommonFlags(Out);
  Out.push_back(Cmd.File);
  return Out;
}

std::vector<std::string> CommandMangler::forInferred(const std::string &File,
                                                     const std::vector<std::string> &Flags) const {
  std::vector<std::string> Out = {"clang"};
  Out.insert(Out.end(), Flags.begin(), Flags.end());
  appendCommonFlags(Out);
  Out.push_back(File);
  return Out;
}

// Runs an allowed compiler once per (compiler, language) to read the folders
// it searches for <...> includes, as clangd's --query-driver does.
std::vector<std::string> CommandMangler::queryDriver(const std::string &Driver, bool Cxx) const {
  std::string Key = Driver + (Cxx ? "\x01++" : "\x01");
  {
    std::lock_guard<std::mutex> Lock(Cache->Mu);
    auto It = Cache->Includes.find(Key);
    if (It != Cache->Includes.end())
      return It->second;
  }
  std::vector<std::string> Dirs;
  llvm::SmallString<128> ErrFile;
  if (!llvm::sys::fs::createTemporaryFile("carcinize-driver", "txt", ErrFile)) {
    std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"),
                                                  llvm::StringRef("/dev/null"),
                                                  llvm::StringRef(ErrFile)};
    llvm::SmallVector<llvm::StringRef, 8> Argv = {Driver, "-E", "-x", Cxx ? "c++" : "c", "-v",
                                                  "/dev/null"};
    int RC = llvm::sys::ExecuteAndWait(Driver, Argv, std::nullopt, Redirects,
                                       /*SecondsToWait=*/30);
    if (RC == 0)
      if (auto Buf = llvm::MemoryBuffer::getFile(ErrFile)) {
        bool In = false;
        llvm::SmallVector<llvm::StringRef, 64> Lines;
        (*Buf)->getBuffer().split(Lines, '\n');
        for (llvm::StringRef L : Lines) {
          if (L.starts_with("#include <...> search starts here:")) {
            In = true;
            continue;
          }
          if (L.starts_with("End of search list."))
            break;
          if (In) {
            L = L.trim();
            L.consume_back(" (framework directory)");
            if (!L.empty())
              Dirs.push_back(L.str());
          }
        }
      }
    llvm::sys::fs::remove(ErrFile);
  }
  std::lock_guard<std::mutex> Lock(Cache->Mu);
  Cache->Includes[Key] = Dirs;
  return Dirs;
}

} // namespace carcinize
