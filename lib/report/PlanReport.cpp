#include "report/PlanReport.h"

#include "analysis/Exposure.h"
#include "support/Text.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

namespace carcinize {

namespace {

std::string camel(const std::string &Name) {
  std::string Out;
  bool Up = true;
  for (char C : Name) {
    if (C == '_') {
      Up = true;
      continue;
    }
    Out += Up ? static_cast<char>(std::toupper(static_cast<unsigned char>(C))) : C;
    Up = false;
  }
  return Out;
}

/// What the brief knows of a type its Rust signatures name.
struct NamedType {
  std::string CSpelling; ///< as the C declaration writes it
  bool ByValue = false;  ///< passed or returned by value (else behind a pointer)
  char Kind = 0;         ///< the parameter's kind letter (FunctionFacts::ParamKinds), 0 unknown
  bool PointeeIsByte = false; ///< behind one pointer, in a byte-pointer parameter
};

const std::set<std::string> &ffiBuiltins() {
  static const std::set<std::string> Names = {
      "()",         "c_void",      "c_char",  "c_short", "c_ushort", "c_int", "c_uint",
      "c_long",     "c_ulong",     "c_longlong", "c_ulonglong", "f32", "f64", "bool",
      "usize",      "isize",       "i8",      "u8",      "i16",      "u16",   "i32",
      "u32",        "i64",         "u64"};
  return Names;
}

/// The named (non-builtin) type at the bottom of Rust type \p Rust, with
/// the number of pointers above it; empty for builtins and kept comments.
std::pair<std::string, unsigned> namedTypeOf(std::string_view Rust) {
  unsigned Pointers = 0;
  for (bool More = true; More;) {
    More = false;
    for (std::string_view P : {std::string_view("*const "), std::string_view("*mut ")})
      if (Rust.substr(0, P.size()) == P) {
        Rust.remove_prefix(P.size());
        ++Pointers;
        More = true;
      }
  }
  if (Rust.empty() || Rust.substr(0, 2) == "/*" || ffiBuiltins().count(std::string(Rust)))
    return {"", Pointers};
  return {std::string(Rust), Pointers};
}

/// Records what a signature's type \p CType (kind letter \p Kind) says
/// about the named type under it.
void noteType(std::map<std::string, NamedType> &Types, std::set<std::string> &Std,
              const std::string &CType, char Kind) {
  std::string Rust = rustFfiType(CType);
  auto [Name, Pointers] = namedTypeOf(Rust);
  size_t Base = Rust.rfind(' ');
  std::string Bottom = Base == std::string::npos ? Rust : Rust.substr(Base + 1);
  if (Bottom.rfind("c_", 0) == 0)
    Std.insert(Bottom);
  if (Name.empty())
    return;
  NamedType &T = Types[Name];
  bool Known = !T.CSpelling.empty();
  if (Pointers == 0) {
    // By value says the most: a pointer typedef, an integer, an enum.
    if (!T.ByValue || !T.Kind) {
      T.ByValue = true;
      T.Kind = Kind;
      T.CSpelling = trim(CType);
    }
    return;
  }
  if (!Known) {
    std::string Spelled = trim(CType);
    while (!Spelled.empty() && (Spelled.back() == '*' || Spelled.back() == ' '))
      Spelled.pop_back();
    if (Spelled.rfind("const ", 0) == 0)
      Spelled = trim(Spelled.substr(6));
    T.CSpelling = Spelled;
  }
  if (Pointers == 1 && Kind == 'b' && !T.ByValue)
    T.PointeeIsByte = true;
}

/// A Rust definition of \p Name for the brief's signatures to compile:
/// exact where the scan knows the type's shape, an opaque type where only
/// pointers to it cross the boundary (the Rustonomicon's pattern), and a
/// marked placeholder where C knows more than the scan.
std::string rustDefinition(const std::string &Name, const NamedType &T) {
  std::string C = "`" + T.CSpelling + "`";
  auto Opaque = [&](const std::string &Doc) {
    return "/// " + Doc + "\n#[repr(C)]\npub struct " + Name +
           " {\n    _private: [u8; 0],\n    _marker: core::marker::PhantomData<(*mut u8, "
           "core::marker::PhantomPinned)>,\n}\n";
  };
  if (!T.ByValue)
    return T.PointeeIsByte
               ? "/// " + C + " in C: a byte (it is passed as a byte pointer).\npub type " +
                     Name + " = u8;\n"
               : Opaque(C + " in C, only behind pointers here: opaque to Rust. Give it its "
                            "fields, in C's order, if Rust code reads them.");
  if (T.CSpelling.rfind("enum ", 0) == 0 || T.CSpelling.rfind("const enum ", 0) == 0)
    return "/// " + C + " in C: an enumeration, int-sized on the targets Clang supports; "
                        "its constants become `pub const`s.\npub type " +
           Name + " = c_int;\n";
  switch (T.Kind) {
  case 'b':
    return "/// " + C + " in C names a pointer to bytes.\npub type " + Name + " = *mut u8;\n";
  case 'v':
  case 'p':
  case 's':
    return "/// " + C + " in C names a pointer; what it points to is opaque here.\npub type " +
           Name + " = *mut c_void;\n";
  case 'f':
    return "/// " + C + " in C names a `FILE *`.\npub type " + Name + " = *mut FILE;\n";
  case 'i':
    return "/// " + C + " in C names an integer type. CHECK its width and sign in the C "
                        "headers: the scan knows it is an integer, not which.\npub type " +
           Name + " = c_long;\n";
  default:
    return Opaque(C + " in C, passed by value. CHECK: replace `_private` with its fields, in "
                      "C's order, before calling across the boundary (by value, the layout "
                      "must match).");
  }
}

} // namespace

std::string rustFfiType(const std::string &CTypeIn) {
  std::string T = trim(CTypeIn);
  // Pointers: the pointee's constness decides *const or *mut.
  if (!T.empty() && T.back() == '*') {
    std::string Pointee = trim(T.substr(0, T.size() - 1));
    bool Const = false;
    if (Pointee.rfind("const ", 0) == 0) {
      Const = true;
      Pointee = trim(Pointee.substr(6));
    } else if (Pointee.size() > 6 && Pointee.compare(Pointee.size() - 6, 6, " const") == 0) {
      Const = true;
      Pointee = trim(Pointee.substr(0, Pointee.size() - 6));
    }
    std::string Inner = Pointee == "void" ? "c_void" : rustFfiType(Pointee);
    return std::string(Const ? "*const " : "*mut ") + Inner;
  }
  static const std::map<std::string, std::string> Scalars = {
      {"void", "()"},           {"char", "c_char"},         {"signed char", "i8"},
      {"unsigned char", "u8"},  {"short", "c_short"},       {"unsigned short", "c_ushort"},
      {"int", "c_int"},         {"unsigned int", "c_uint"}, {"unsigned", "c_uint"},
      {"long", "c_long"},       {"unsigned long", "c_ulong"}, {"long long", "c_longlong"},
      {"unsigned long long", "c_ulonglong"}, {"float", "f32"}, {"double", "f64"},
      {"_Bool", "bool"},        {"bool", "bool"},           {"size_t", "usize"},
      {"ssize_t", "isize"},     {"ptrdiff_t", "isize"},     {"intptr_t", "isize"},
      {"uintptr_t", "usize"},   {"int8_t", "i8"},           {"uint8_t", "u8"},
      {"int16_t", "i16"},       {"uint16_t", "u16"},        {"int32_t", "i32"},
      {"uint32_t", "u32"},      {"int64_t", "i64"},         {"uint64_t", "u64"},
      {"FILE", "FILE"}};
  std::string Plain = T;
  if (Plain.rfind("const ", 0) == 0)
    Plain = trim(Plain.substr(6));
  auto It = Scalars.find(Plain);
  if (It != Scalars.end())
    return It->second;
  for (const char *Tag : {"struct ", "union ", "enum "})
    if (Plain.rfind(Tag, 0) == 0)
      return camel(Plain.substr(std::string(Tag).size()));
  if (Plain.find_first_of("[](<>:&") == std::string::npos && !Plain.empty())
    return camel(Plain);
  return "/* " + T + " */ c_void";
}

std::string renderPlan(const ModuleScore &M, const std::vector<ModuleScore> &Modules,
                       const ScanFacts &Facts, const ProgramAnalysis &A) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  const CallGraph &G = A.Graph;
  std::set<size_t> Mine(M.Functions.begin(), M.Functions.end());

  OS << "# Pilot brief: rewrite `" << M.Name << "` in Rust\n\n";
  OS << "Start small, where the risk is highest, and prove it: this brief lists what the "
        "rewrite must keep (its interface), what it removes (its findings), and what to "
        "measure before and after.\n\n";

  OS << "## Why this module\n\n";
  OS << "Rank " << M.Rank << " of " << Modules.size() << " modules by priority "
     << llvm::format("%.2f", M.Priority) << " (value " << llvm::format("%.2f", M.Value)
     << ": risk " << llvm::format("%.2f", M.Risk) << ", exposure "
     << llvm::format("%.2f", M.Exposure) << ", hotness " << llvm::format("%.2f", M.Hotness)
     << "; effort " << llvm::format("%.1f", M.PersonDays) << " person-days: "
     << M.PersonDaysBasis << ").\n\n";
  for (const auto &R : M.Reasons)
    OS << "- " << R << "\n";
  OS << "\nFiles: ";
  for (size_t I = 0; I < M.Files.size(); ++I)
    OS << (I ? ", " : "") << "`" << M.Files[I] << "`";
  OS << "\n\n";

  // The interface: functions of the module that other modules call.
  std::vector<size_t> Interface;
  for (size_t I : M.Functions)
    for (const auto &E : G.callers(I))
      if (!Mine.count(E.To)) {
        Interface.push_back(I);
        break;
      }
  std::sort(Interface.begin(), Interface.end(), [&](size_t X, size_t Y) {
    return G.function(X).Name < G.function(Y).Name;
  });
  std::map<std::string, NamedType> Types;
  std::set<std::string> Std; ///< the std::ffi names the signatures use
  OS << "## The interface to keep\n\n";
  if (Interface.empty()) {
    OS << "No other module calls into this one: it can be replaced whole.\n\n";
  } else {
    OS << "Other modules call these " << Interface.size()
       << " functions; the Rust version exports them with the same C ABI until the callers "
          "move too.\n\n";
    for (size_t I : Interface) {
      const FunctionFacts &F = G.function(I);
      for (size_t P = 0; P < F.ParamTypes.size(); ++P)
        noteType(Types, Std, F.ParamTypes[P], P < F.ParamKinds.size() ? F.ParamKinds[P] : 0);
      noteType(Types, Std, F.ReturnType, 0);
      std::string Plain = F.Name.substr(F.Name.rfind(':') == std::string::npos ? 0 : F.Name.rfind(':') + 1);
      OS << "```c\n" << F.ReturnType << " " << F.Name << "(";
      for (size_t P = 0; P < F.ParamTypes.size(); ++P)
        OS << (P ? ", " : "") << F.ParamTypes[P]
           << (P < F.ParamNames.size() && !F.ParamNames[P].empty() ? " " + F.ParamNames[P] : "");
      OS << ");\n```\n\n```rust\n#[no_mangle]\npub unsafe extern \"C\" fn " << Plain << "(";
      for (size_t P = 0; P < F.ParamTypes.size(); ++P) {
        std::string N = P < F.ParamNames.size() && !F.ParamNames[P].empty()
                            ? F.ParamNames[P]
                            : "arg" + std::to_string(P);
        OS << (P ? ", " : "") << N << ": " << rustFfiType(F.ParamTypes[P]);
      }
      OS << ")";
      std::string Ret = rustFfiType(F.ReturnType);
      if (Ret != "()")
        OS << " -> " << Ret;
      OS << " {\n    todo!()\n}\n```\n\n";
    }
  }
  if (!Interface.empty()) {
    // Every type the signatures name is defined, so that they compile.
    for (const auto &[Name, T] : Types) {
      std::string Def = rustDefinition(Name, T);
      for (const char *Used : {"c_int", "c_long", "c_void"})
        if (Def.find(std::string(" = ") + Used) != std::string::npos ||
            Def.find(std::string("*mut ") + Used) != std::string::npos)
          Std.insert(Used);
    }
    if (!Std.empty() || !Types.empty())
      OS << "The types these signatures use:\n\n```rust\n";
    if (!Std.empty()) {
      OS << "use std::os::raw::{"; // std::ffi::c_int needs Rust 1.64
      for (auto It = Std.begin(); It != Std.end(); ++It)
        OS << (It == Std.begin() ? "" : ", ") << *It;
      OS << "};\n";
    }
    // A `FILE *` behind a typedef names FILE: defined too (opaque, as the
    // libc crate does), so that every name the brief uses is defined here.
    bool NamesFile = false;
    for (const auto &[Name, T] : Types)
      NamesFile = NamesFile || rustDefinition(Name, T).find("*mut FILE;") != std::string::npos;
    if (NamesFile && !Types.count("FILE"))
      Types["FILE"] = NamedType{"FILE", false, 0, false};
    for (const auto &[Name, T] : Types)
      OS << "\n" << rustDefinition(Name, T);
    if (!Std.empty() || !Types.empty())
      OS << "```\n\n";
  }

  // Product code first: the callers the rewrite must keep working. Tests,
  // examples, fuzzers and benchmarks come apart (they move with it).
  struct Caller {
    std::string File;
    unsigned Line;
    std::string Name, Callee;
    bool operator<(const Caller &O) const {
      return std::tie(File, Line, Name, Callee) < std::tie(O.File, O.Line, O.Name, O.Callee);
    }
  };
  std::vector<Caller> Product, Harness;
  for (size_t I : Interface)
    for (const auto &E : G.callers(I))
      if (!Mine.count(E.To)) {
        const FunctionFacts &C = G.function(E.To);
        (isHarnessCode(C) ? Harness : Product)
            .push_back({C.File, E.Line, C.Name, G.function(I).Name});
      }
  auto ListCallers = [&](std::vector<Caller> &Callers) {
    std::sort(Callers.begin(), Callers.end());
    Callers.erase(std::unique(Callers.begin(), Callers.end(),
                              [](const Caller &A, const Caller &B) {
                                return !(A < B) && !(B < A);
                              }),
                  Callers.end());
    for (const auto &C : Callers)
      OS << "- `" << C.Name << "` (" << C.File << ":" << C.Line << ") calls `" << C.Callee
         << "`\n";
  };
  OS << "## The callers\n\n";
  if (Product.empty() && Harness.empty())
    OS << "None in the scanned tree.\n";
  if (!Product.empty()) {
    OS << "In the product (" << Product.size() << "), by file and line:\n\n";
    ListCallers(Product);
  }
  if (!Harness.empty()) {
    OS << (Product.empty() ? "" : "\n") << "In tests, examples, fuzzers and benchmarks ("
       << Harness.size() << "):\n\n";
    ListCallers(Harness);
  }
  OS << "\n";

  OS << "## Benchmark before and after\n\n";
  std::vector<size_t> Hot(M.Functions.begin(), M.Functions.end());
  std::stable_sort(Hot.begin(), Hot.end(),
                   [&](size_t X, size_t Y) { return A.Hotness[X].Score > A.Hotness[Y].Score; });
  unsigned Shown = 0;
  for (size_t I : Hot) {
    if (Shown == 5 || A.Hotness[I].Score <= 0)
      break;
    OS << "- `" << G.function(I).Name << "` (" << G.function(I).File << ":"
       << G.function(I).BeginLine << "): hotness " << llvm::format("%.2f", A.Hotness[I].Score)
       << ", " << A.Hotness[I].Source << " (" << A.Hotness[I].Detail << ")\n";
    ++Shown;
  }
  if (!Shown)
    OS << "No hot function: correctness and safety are the whole case.\n";
  OS << "\nMeasure the same inputs through the C and the Rust build (for example with "
        "`valgrind --tool=callgrind` for instruction counts) and keep the results with the "
        "pull request.\n\n";

  OS << "## What the rewrite removes\n\n";
  if (M.FindingIndexes.empty()) {
    OS << "No memory-safety finding: the case rests on exposure and hotness.\n\n";
  } else {
    // The most severe first: they are the case for the rewrite.
    std::vector<size_t> Order;
    for (size_t K : M.FindingIndexes)
      if (K < Facts.Findings.size())
        Order.push_back(K);
    std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) {
      const Finding &A = Facts.Findings[X], &B = Facts.Findings[Y];
      if (A.Sev != B.Sev)
        return A.Sev > B.Sev;
      return std::tie(A.File, A.Line) < std::tie(B.File, B.Line);
    });
    OS << "| severity | location | rule | finding |\n| --- | --- | --- | --- |\n";
    for (size_t K : Order) {
      const Finding &F = Facts.Findings[K];
      std::string Msg = F.Message;
      for (size_t P = 0; (P = Msg.find('|', P)) != std::string::npos; P += 2)
        Msg.replace(P, 1, "\\|");
      OS << "| " << toString(F.Sev) << " | " << F.File << ":" << F.Line << " | `" << F.RuleId
         << "` | " << Msg << " |\n";
    }
    OS << "\n";
  }

  unsigned Complexity = 0;
  for (size_t I : M.Functions)
    Complexity += G.function(I).Complexity;
  OS << "## Size of the work\n\n";
  OS << "- " << M.CodeLines << " code lines in " << M.FunctionCount << " functions, total "
     << "cyclomatic complexity " << Complexity << "\n";
  OS << "- " << Interface.size() << " functions to export through `extern \"C\"`\n";
  OS << "- effort score " << llvm::format("%.2f", M.Effort) << " (0: trivial, 1: very large)\n";
  OS.flush();
  return Out;
}

} // namespace carcinize
