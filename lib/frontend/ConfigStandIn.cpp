#include "frontend/ConfigStandIn.h"

#include "support/Paths.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>

#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <sys/types.h>

namespace carcinize {

namespace {

// C library functions that glibc, musl and the BSDs all have: autoconf and
// CMake templates ask HAVE_<NAME> for them. Data, not a guess per project:
// a function missing from the host is simply not in this list.
const char *const CommonFunctions[] = {
    "alarm",     "atexit",    "bcopy",     "bzero",    "calloc",     "clock_gettime",
    "close",     "dup2",      "fcntl",     "fork",     "fstat",      "fsync",
    "ftruncate", "getcwd",    "getenv",    "gethostname", "getopt",  "getpagesize",
    "getpid",    "gettimeofday", "gmtime_r", "isascii", "localtime_r", "lstat",
    "memchr",    "memcmp",    "memcpy",    "memmove",  "memset",     "mkdir",
    "mkstemp",   "mmap",      "munmap",    "open",     "pipe",       "poll",
    "popen",     "pthread",   "putenv",    "read",     "realloc",    "realpath",
    "rename",    "rmdir",     "select",    "setenv",   "setlocale",  "signal",
    "sigaction", "snprintf",  "socket",    "stat",     "strcasecmp", "strchr",
    "strdup",    "strerror",  "strftime",  "strncasecmp", "strndup", "strnlen",
    "strrchr",   "strstr",    "strtod",    "strtol",   "strtoll",    "strtoul",
    "strtoull",  "sysconf",   "time",      "uname",    "unlink",     "usleep",
    "vasprintf", "vsnprintf", "wait",      "waitpid",  "write",      "va_copy",
};

// Headers of the C standard that the compiler ships (Clang's resource
// folder) rather than the C library: not under /usr/include.
const char *const CompilerHeaders[] = {"stddef.h", "stdarg.h", "stdbool.h", "float.h",
                                       "limits.h", "stdint.h", "inttypes.h", "stdalign.h",
                                       "stdnoreturn.h", "iso646.h"};

std::string upper(llvm::StringRef S) {
  std::string Out;
  for (char C : S)
    Out += std::isalnum(static_cast<unsigned char>(C)) ? static_cast<char>(std::toupper(C)) : '_';
  return Out;
}

bool isIdentChar(char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; }

/// Replaces `@VAR@` and `${VAR}` in \p Line outside string literals by the
/// host's value, else by \p Unknown (kept as written when Unknown is null).
std::string substitute(llvm::StringRef Line, const HostFeatures &Host, const char *Unknown) {
  std::string Out;
  bool InString = false;
  for (size_t I = 0; I < Line.size(); ++I) {
    char C = Line[I];
    if (C == '"' && (I == 0 || Line[I - 1] != '\\'))
      InString = !InString;
    size_t NameBegin = 0, NameEnd = 0, After = 0;
    if (C == '@') {
      size_t J = I + 1;
      while (J < Line.size() && isIdentChar(Line[J]))
        ++J;
      if (J > I + 1 && J < Line.size() && Line[J] == '@')
        NameBegin = I + 1, NameEnd = J, After = J + 1;
    } else if (C == '$' && I + 1 < Line.size() && Line[I + 1] == '{') {
      size_t J = I + 2;
      while (J < Line.size() && isIdentChar(Line[J]))
        ++J;
      if (J > I + 2 && J < Line.size() && Line[J] == '}')
        NameBegin = I + 2, NameEnd = J, After = J + 1;
    }
    if (!After) {
      Out += C;
      continue;
    }
    std::string Value = Host.valueOf(Line.slice(NameBegin, NameEnd).str());
    if (InString)
      Out += Value; // a version or a name in a string: empty is harmless
    else if (!Value.empty())
      Out += Value;
    else if (Unknown)
      Out += Unknown;
    else
      Out += Line.slice(I, After).str();
    I = After - 1;
  }
  return Out;
}

} // namespace

HostFeatures HostFeatures::detect(std::vector<std::string> IncludeDirs) {
  HostFeatures H;
  H.Probe = true;
  if (IncludeDirs.empty()) {
    IncludeDirs = {"/usr/local/include", "/usr/include"};
#if defined(__x86_64__)
    IncludeDirs.push_back("/usr/include/x86_64-linux-gnu");
#elif defined(__aarch64__)
    IncludeDirs.push_back("/usr/include/aarch64-linux-gnu");
#endif
  }
  H.IncludeDirs = std::move(IncludeDirs);
  auto &F = H.Fixed;
  F["STDC_HEADERS"] = "1";
  F["HAVE_STDC_HEADERS"] = "1";
  for (const char *Name : CommonFunctions)
    F["HAVE_" + upper(Name)] = "1";
  for (const char *Header : CompilerHeaders)
    F["HAVE_" + upper(Header)] = "1";
  auto Size = [&](const char *Type, size_t N) { F["SIZEOF_" + upper(Type)] = std::to_string(N); };
  Size("char", sizeof(char));
  Size("short", sizeof(short));
  Size("int", sizeof(int));
  Size("long", sizeof(long));
  Size("long long", sizeof(long long));
  Size("float", sizeof(float));
  Size("double", sizeof(double));
  Size("long double", sizeof(long double));
  Size("size_t", sizeof(size_t));
  Size("void_p", sizeof(void *));
  Size("off_t", sizeof(off_t));
  Size("wchar_t", sizeof(wchar_t));
  Size("int64_t", sizeof(int64_t));
  Size("uint64_t", sizeof(uint64_t));
  Size("unsigned int", sizeof(unsigned));
  Size("unsigned long", sizeof(unsigned long));
  Size("unsigned long long", sizeof(unsigned long long));
  F["HAVE_LONG_LONG"] = F["HAVE_LONG_LONG_INT"] = F["HAVE_UNSIGNED_LONG_LONG_INT"] = "1";
  const uint16_t Probe = 1;
  bool Little = *reinterpret_cast<const unsigned char *>(&Probe) == 1;
  F["BYTEORDER"] = Little ? "1234" : "4321";
  if (!Little)
    F["WORDS_BIGENDIAN"] = "1";
  return H;
}

HostFeatures HostFeatures::forTests(std::map<std::string, std::string> Values) {
  HostFeatures H;
  H.Fixed = std::move(Values);
  return H;
}

std::string HostFeatures::valueOf(const std::string &Macro) const {
  auto It = Fixed.find(Macro);
  if (It != Fixed.end())
    return It->second;
  if (!Probe)
    return {};
  // HAVE_SYS_STAT_H -> sys/stat.h, HAVE_NETINET_IN_H -> netinet/in.h,
  // HAVE_STDIO_H -> stdio.h: the folder is the first word when it exists.
  llvm::StringRef M(Macro);
  if (!M.consume_front("HAVE_") || !M.consume_back("_H") || M.empty())
    return {};
  std::string Lower = M.lower();
  std::vector<std::string> Candidates = {Lower + ".h"};
  size_t Cut = Lower.find('_');
  if (Cut != std::string::npos)
    Candidates.push_back(Lower.substr(0, Cut) + "/" + Lower.substr(Cut + 1) + ".h");
  for (const auto &Dir : IncludeDirs)
    for (const auto &C : Candidates)
      if (llvm::sys::fs::is_regular_file(Dir + "/" + C))
        return "1";
  return {};
}

std::string generatedHeaderOf(const std::string &TemplatePath) {
  llvm::StringRef P(TemplatePath);
  for (llvm::StringRef Suffix : {".cmake.in", ".in", ".cmake", ".meson", ".cmakein"})
    if (P.ends_with(Suffix)) {
      llvm::StringRef Header = P.drop_back(Suffix.size());
      if (Header.ends_with(".h") && Header.size() > 2 && !Header.ends_with("/.h"))
        return Header.str();
    }
  return {};
}

std::string deriveStandIn(const std::string &Text, const HostFeatures &Host, unsigned &Defined,
                          unsigned &Undefined) {
  Defined = Undefined = 0;
  std::string Out = "/* Derived by carcinize from the template, for the analysis only:\n"
                    "   macros set for the host, the others left undefined. */\n";
  llvm::SmallVector<llvm::StringRef, 256> Lines;
  llvm::StringRef(Text).split(Lines, '\n');
  if (!Lines.empty() && Lines.back().empty())
    Lines.pop_back(); // the text's last newline
  // In autoconf's templates every `#undef X` asks whether X is set; in
  // CMake's and Meson's an `#undef` is meant as written.
  llvm::StringRef All(Text);
  bool Autoconf = !All.contains("#cmakedefine") && !All.contains("#mesondefine") &&
                  !All.contains("@") && !All.contains("${");
  for (llvm::StringRef Raw : Lines) {
    llvm::StringRef Line = Raw.rtrim("\r");
    llvm::StringRef T = Line.ltrim();
    if (!T.consume_front("#")) {
      Out += Line.str() + "\n";
      continue;
    }
    T = T.ltrim();
    llvm::StringRef Directive = T.take_while(isIdentChar);
    llvm::StringRef Rest = T.drop_front(Directive.size()).ltrim();
    llvm::StringRef Name = Rest.take_while(isIdentChar);
    llvm::StringRef Value = Rest.drop_front(Name.size()).trim();
    if (Directive == "cmakedefine01" && !Name.empty()) {
      bool On = !Host.valueOf(Name.str()).empty();
      Out += "#define " + Name.str() + (On ? " 1\n" : " 0\n");
      ++(On ? Defined : Undefined);
      continue;
    }
    bool Asks = (Directive == "cmakedefine" || Directive == "mesondefine") ||
                (Autoconf && Directive == "undef");
    if (Asks && !Name.empty()) {
      std::string HostValue = Host.valueOf(Name.str());
      bool IsString = Value.starts_with("\"");
      if (HostValue.empty() && !IsString) {
        Out += "/* #undef " + Name.str() + " */\n";
        ++Undefined;
        continue;
      }
      std::string V = Value.empty() ? (HostValue.empty() ? "1" : HostValue)
                                    : substitute(Value, Host, HostValue.empty() ? "1"
                                                                                : HostValue.c_str());
      Out += "#define " + Name.str() + " " + V + "\n";
      ++Defined;
      continue;
    }
    if (Directive == "if" || Directive == "elif")
      Out += substitute(Line, Host, "0") + "\n";
    else if (Directive == "define")
      Out += substitute(Line, Host, "1") + "\n";
    else
      Out += substitute(Line, Host, nullptr) + "\n";
  }
  return Out;
}

} // namespace carcinize
