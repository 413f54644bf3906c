#include "pilot/PilotKit.h"

#include "analysis/Exposure.h"
#include "pilot/RustNames.h"
#include "support/Error.h"
#include "support/Paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace carcinize {

namespace {

using Out = llvm::raw_string_ostream;

/// The type Rust names \p Rust, through typedefs to what they alias.
const InterfaceType *typeByRust(const ModuleInterface &I,
                                const std::string &Rust) {
  std::string Name = Rust;
  for (unsigned Hops = 0; Hops < 8; ++Hops) {
    const InterfaceType *Found = nullptr;
    for (const auto &T : I.Types)
      if (T.RustName == Name && (!Found || Found->K == InterfaceType::Opaque))
        Found = &T;
    if (!Found || Found->K != InterfaceType::Typedef ||
        Found->Underlying == Name)
      return Found;
    const InterfaceType *Next = nullptr;
    for (const auto &T : I.Types)
      if (T.RustName == Found->Underlying)
        Next = &T;
    if (!Next)
      return Found;
    Name = Found->Underlying;
  }
  return nullptr;
}

/// A C string literal holding \p S.
std::string cString(const std::string &S) {
  std::string R = "\"";
  for (char C : S) {
    if (C == '"' || C == '\\')
      R += '\\';
    if (C == '\n') {
      R += "\\n";
      continue;
    }
    R += C;
  }
  return R + "\"";
}

/// Text for a Rust `//!`/`///` comment or a Markdown cell: one line.
std::string flat(std::string S) {
  for (char &C : S)
    if (C == '\n' || C == '\r')
      C = ' ';
  return S;
}

/// A type's fields can be given to Rust as written (no bit-field, each
/// field has a Rust type).
bool hasExactFields(const InterfaceType &T) {
  for (const auto &F : T.Fields)
    if (F.BitField || F.RustType.empty())
      return false;
  return true;
}

/// Plain data: no pointer anywhere inside (so bytes from a corpus file make
/// a valid value of it, and its fields print the same in two processes).
bool plainData(const ModuleInterface &I, const InterfaceType &T,
               unsigned Depth = 0) {
  if (Depth > 8 || T.K == InterfaceType::Opaque || !hasExactFields(T))
    return false;
  for (const auto &F : T.Fields) {
    if (F.RustType.find('*') != std::string::npos ||
        F.RustType.find("fn(") != std::string::npos || F.FlexibleArray)
      return false;
    std::string Base = F.RustType;
    while (!Base.empty() && Base.front() == '[')
      Base = Base.substr(1, Base.find(';') - 1);
    if (const InterfaceType *Sub = typeByRust(I, Base))
      if (Sub->K != InterfaceType::Enum && Sub->K != InterfaceType::Typedef &&
          !plainData(I, *Sub, Depth + 1))
        return false;
  }
  return true;
}

/// How the generated harness passes each parameter.
enum class ArgKind {
  Bytes,     ///< a pointer to the input's bytes (its length follows)
  Length,    ///< the length of the bytes before
  Int,       ///< an integer read from the input
  Float,     ///< a floating value read from the input
  InStruct,  ///< a const pointer to plain data, filled from the input
  OutStruct, ///< a pointer to plain data it may read and write: filled from the
             ///< input, printed after
  OutInt,    ///< a pointer to an integer the function sets: printed after
  Callback,  ///< a function pointer: a generated recorder
  UserData,  ///< the void * beside a callback: NULL
  None,      ///< cannot be made from bytes: the call is left to the user
};

bool isBytePointer(const InterfaceParam &P) {
  static const std::set<std::string> Bytes = {
      "char", "signed char", "unsigned char", "void", "uint8_t", "int8_t"};
  std::string C = P.CanonicalC;
  if (C.empty() || C.back() != '*' || P.Callback)
    return false;
  C = C.substr(0, C.size() - 1);
  while (!C.empty() && C.back() == ' ')
    C.pop_back();
  if (C.rfind("const ", 0) == 0)
    C = C.substr(6);
  return Bytes.count(C) > 0;
}

std::vector<ArgKind> harnessArgs(const ModuleInterface &I,
                                 const InterfaceFunction &F) {
  std::vector<ArgKind> K(F.Params.size(), ArgKind::None);
  bool HasCallback =
      std::any_of(F.Params.begin(), F.Params.end(),
                  [](const InterfaceParam &P) { return P.Callback; });
  for (size_t P = 0; P < F.Params.size(); ++P) {
    const InterfaceParam &A = F.Params[P];
    if (isBytePointer(A) && A.PointeeConst && P + 1 < F.Params.size() &&
        F.Params[P + 1].Integer) {
      K[P] = ArgKind::Bytes;
      K[++P] = ArgKind::Length;
    } else if (A.Callback) {
      K[P] = ArgKind::Callback;
    } else if (A.Integer) {
      K[P] = ArgKind::Int;
    } else if (A.Floating) {
      K[P] = ArgKind::Float;
    } else if (isBytePointer(A) &&
               A.CanonicalC.find("void") != std::string::npos && HasCallback) {
      K[P] = ArgKind::UserData;
    } else if (!A.PointeeType.empty()) {
      const InterfaceType *T = typeByRust(I, A.PointeeType);
      if (T && T->K == InterfaceType::Enum)
        K[P] = A.PointeeConst ? ArgKind::None : ArgKind::OutInt;
      else if (T && plainData(I, *T))
        K[P] = A.PointeeConst ? ArgKind::InStruct : ArgKind::OutStruct;
    } else if (!A.PointeeConst && A.PointeeBytes &&
               A.CanonicalC.find('*') != std::string::npos &&
               !isBytePointer(A) &&
               A.CanonicalC.find("**") == std::string::npos &&
               A.CanonicalC.find("float") == std::string::npos &&
               A.CanonicalC.find("double") == std::string::npos) {
      K[P] = ArgKind::OutInt;
    }
  }
  return K;
}

bool callable(const std::vector<ArgKind> &K, const InterfaceFunction &F) {
  if (!F.Problems.empty() || F.Variadic)
    return false;
  for (ArgKind A : K)
    if (A == ArgKind::None)
      return false;
  return true;
}

/// The C type a parameter's pointer points to ("struct msg *" -> "struct msg").
std::string pointeeC(const InterfaceParam &P) {
  std::string C = P.CType;
  size_t Star = C.rfind('*');
  C = C.substr(0, Star);
  while (!C.empty() && C.back() == ' ')
    C.pop_back();
  if (C.rfind("const ", 0) == 0)
    C = C.substr(6);
  if (C.size() > 6 && C.compare(C.size() - 6, 6, " const") == 0)
    C = C.substr(0, C.size() - 6);
  return C;
}

/// C statements printing the scalar fields of the struct at \p Expr (a
/// pointer expression) of type \p T.
void printFields(Out &OS, const ModuleInterface &I, const InterfaceType &T,
                 const std::string &Expr, const std::string &Label,
                 unsigned Depth = 0) {
  for (const auto &F : T.Fields) {
    std::string Base = F.RustType;
    bool Array = !Base.empty() && Base.front() == '[';
    std::string Field = "(" + Expr + ")->" + F.Name;
    const InterfaceType *Sub = typeByRust(I, Array ? "" : Base);
    if (Sub && (Sub->K == InterfaceType::Struct) && Depth < 4) {
      printFields(OS, I, *Sub, "&" + Field, Label + "." + F.Name, Depth + 1);
      continue;
    }
    if (Array || (Sub && (Sub->K == InterfaceType::Struct ||
                          Sub->K == InterfaceType::Union))) {
      // Arrays, unions and deep structs: their bytes.
      OS << "    pilot_hex(out, " << cString(" " + Label + "." + F.Name + "=")
         << ", &" << Field << ", sizeof " << Field << ");\n";
      continue;
    }
    if (Base == "f32" || Base == "f64")
      OS << "    fprintf(out, "
         << cString(" " + Label + "." + F.Name + "=%.17g") << ", (double)"
         << Field << ");\n";
    else
      OS << "    fprintf(out, " << cString(" " + Label + "." + F.Name + "=%lld")
         << ", (long long)" << Field << ");\n";
  }
}

// --- Rust
// ---------------------------------------------------------------------

void rustTypeItem(Out &OS, const InterfaceType &T, std::set<std::string> &Done,
                  std::set<std::string> &Consts) {
  if (!Done.insert(T.RustName).second) {
    OS << "// `" << T.CName
       << "`: same Rust name as an item above (C keeps tags and typedefs "
       << "apart; Rust does not): rename one by hand.\n\n";
    return;
  }
  std::string Where = T.File.empty() ? "a system header"
                                     : T.File + ":" + std::to_string(T.Line);
  std::string Name = T.CName.empty() ? T.RustName : T.CName;
  for (const auto &P : T.Problems)
    OS << "// CANNOT CROSS AS WRITTEN: " << flat(P) << "\n";
  switch (T.K) {
  case InterfaceType::Opaque:
    OS << "/// `" << Name << "` (" << Where
       << "): only pointers to it cross the boundary: opaque to Rust.\n"
       << "#[repr(C)]\npub struct " << T.RustName
       << " {\n    _private: [u8; 0],\n    _marker: "
          "core::marker::PhantomData<(*mut u8, "
          "core::marker::PhantomPinned)>,\n}\n\n";
    return;
  case InterfaceType::Enum:
    OS << "/// `" << Name << "` (" << Where << "): a C enumeration, " << T.Size
       << " bytes; its constants follow.\npub type " << T.RustName << " = "
       << T.Underlying << ";\n";
    for (const auto &[C, V] : T.Constants)
      if (Consts.insert(C).second)
        OS << "pub const " << rustIdent(C) << ": " << T.RustName << " = " << V
           << ";\n";
    OS << "\n";
    return;
  case InterfaceType::Typedef:
    OS << "/// `" << Name << "` (" << Where << "): `" << flat(T.UnderlyingC)
       << "`.\npub type " << T.RustName << " = " << T.Underlying << ";\n\n";
    return;
  case InterfaceType::Struct:
  case InterfaceType::Union:
    break;
  }
  OS << "/// `" << Name << "` (" << Where << "): " << T.Size
     << " bytes, aligned to " << T.Align << ".\n";
  if (!hasExactFields(T)) {
    OS << "/// Its fields cannot be written in Rust (see above): C's size and "
          "alignment, as "
          "opaque bytes.\n#[repr(C, align("
       << T.Align << "))]\n#[derive(Clone, Copy)]\npub struct " << T.RustName
       << " {\n    _opaque: [u8; " << T.Size << "],\n}\n\n";
    return;
  }
  OS << "#[repr(C)]\n#[derive(Clone, Copy)]\npub "
     << (T.K == InterfaceType::Union ? "union " : "struct ") << T.RustName
     << " {\n";
  for (const auto &F : T.Fields)
    OS << "    pub " << rustIdent(F.Name) << ": " << F.RustType << ", // `"
       << flat(F.CType) << "` at byte " << F.OffsetBits / 8
       << (F.FlexibleArray ? " (flexible array member)" : "") << "\n";
  OS << "}\n\n";
}

std::string rustZero(const std::string &Rust) {
  if (Rust.rfind("*mut", 0) == 0)
    return "core::ptr::null_mut()";
  if (Rust.rfind("*const", 0) == 0)
    return "core::ptr::null()";
  if (Rust == "f32" || Rust == "f64")
    return "0.0";
  if (Rust == "bool")
    return "false";
  if (Rust.rfind("Option<", 0) == 0)
    return "None";
  static const std::set<std::string> Ints = {
      "c_char", "c_schar", "c_uchar", "c_short",    "c_ushort",    "c_int",
      "c_uint", "c_long",  "c_ulong", "c_longlong", "c_ulonglong", "i8",
      "u8",     "i16",     "u16",     "i32",        "u32",         "i64",
      "u64",    "isize",   "usize"};
  return Ints.count(Rust) ? "0" : "";
}

struct Context {
  const PilotInput &In;
  const ModuleInterface &I;
  const CallGraph &G;
  std::set<size_t> Mine;
  std::string Crate;

  struct CallerRef {
    std::string Name, File;
    unsigned Line;
    bool Harness;
  };
  std::vector<CallerRef> callers(const std::string &Fn) const {
    std::vector<CallerRef> R;
    for (size_t N : G.findByName(Fn)) {
      if (!Mine.count(N))
        continue;
      for (const auto &E : G.callers(N))
        if (!Mine.count(E.To)) {
          const FunctionFacts &C = G.function(E.To);
          R.push_back({C.Name, C.File, E.Line, isHarnessCode(C)});
        }
    }
    std::sort(R.begin(), R.end(), [](const CallerRef &A, const CallerRef &B) {
      return std::tie(A.Harness, A.File, A.Line, A.Name) <
             std::tie(B.Harness, B.File, B.Line, B.Name);
    });
    return R;
  }
  std::vector<const Finding *> findings(const std::string &Fn) const {
    std::vector<const Finding *> R;
    for (size_t K : In.Module->FindingIndexes)
      if (K < In.Facts->Findings.size() &&
          In.Facts->Findings[K].FunctionName == Fn)
        R.push_back(&In.Facts->Findings[K]);
    std::stable_sort(
        R.begin(), R.end(), [](const Finding *A, const Finding *B) {
          return A->Sev != B->Sev ? A->Sev > B->Sev : A->Line < B->Line;
        });
    return R;
  }
};

/// The Rust type of an integer macro's value, by C's rule for literals:
/// `int` when it fits and has no suffix, `unsigned` with `u`, else 64 bits.
std::string macroType(const std::string &Body, const std::string &Digits,
                      bool Hex) {
  std::string Suffix = Body.substr(Digits.size());
  bool Unsigned = Suffix.find_first_of("uU") != std::string::npos;
  bool Long = Suffix.find_first_of("lL") != std::string::npos;
  bool Neg = !Digits.empty() && Digits[0] == '-';
  unsigned long long V = 0;
  try {
    V = std::stoull(Neg ? Digits.substr(1) : Digits, nullptr, Hex ? 16 : 10);
  } catch (...) {
    return Neg || !Unsigned ? "i64" : "u64";
  }
  if (!Long && !Unsigned && V <= (Neg ? 2147483648ull : 2147483647ull))
    return "c_int";
  if (!Long && (Unsigned || Hex) && !Neg && V <= 4294967295ull)
    return "c_uint";
  return Unsigned && !Neg ? "u64" : "i64";
}

std::string renderFfi(const Context &C) {
  std::string S;
  Out OS(S);
  const ModuleInterface &I = C.I;
  OS << "//! The C ABI of `" << C.In.Module->Name
     << "`, as its callers see it: generated by "
        "`carcinize pilot`.\n"
        "//!\n"
        "//! Every type is `#[repr(C)]` with the layout Clang computed for the "
        "C build (checked "
        "by\n//! `make layout-check`); every function keeps its C name and "
        "signature. Replace "
        "each\n//! `todo!()` with a safe implementation; keep the signatures "
        "until the callers "
        "move too.\n"
        "#![allow(non_camel_case_types, non_snake_case, "
        "non_upper_case_globals, dead_code,\n"
        "         unused_variables, unused_imports, "
        "clippy::missing_safety_doc)]\n\n"
        "use std::os::raw::{c_char, c_int, c_long, c_longlong, c_schar, "
        "c_short, c_uchar, "
        "c_uint, c_ulong,\n                    c_ulonglong, c_ushort, "
        "c_void};\n\n";
  std::set<std::string> Done, Consts;
  if (!I.Types.empty())
    OS << "// --- Types shared across the boundary "
          "-------------------------------------\n\n";
  for (const auto &T : I.Types)
    rustTypeItem(OS, T, Done, Consts);
  // Integer macros of the public headers: callers compare against them.
  bool AnyMacro = false;
  for (const auto &M : I.Macros) {
    std::string B = M.Body;
    if (B.size() > 2 && B.front() == '(' && B.back() == ')')
      B = B.substr(1, B.size() - 2);
    std::string Digits = B;
    while (!Digits.empty() && std::strchr("uUlL", Digits.back()))
      Digits.pop_back();
    bool Neg = !Digits.empty() && Digits[0] == '-';
    std::string Num = Neg ? Digits.substr(1) : Digits;
    bool Hex =
        Num.size() > 2 && Num[0] == '0' && (Num[1] == 'x' || Num[1] == 'X');
    bool Ok = !Num.empty() &&
              std::all_of(Num.begin() + (Hex ? 2 : 0), Num.end(), [&](char Ch) {
                return Hex ? std::isxdigit(static_cast<unsigned char>(Ch)) != 0
                           : std::isdigit(static_cast<unsigned char>(Ch)) != 0;
              });
    if (!Ok || Consts.count(M.Name) || Done.count(M.Name))
      continue;
    if (!AnyMacro)
      OS << "// --- Constants of the public headers (object-like macros) "
            "-----------------\n\n";
    AnyMacro = true;
    Consts.insert(M.Name);
    OS << "/// `#define " << M.Name << " " << flat(M.Body) << "` (" << M.File
       << ":" << M.Line << ")\npub const " << rustIdent(M.Name) << ": "
       << macroType(B, Digits, Hex) << " = " << Digits << ";\n";
  }
  if (AnyMacro)
    OS << "\n";

  bool AnyGlobal = false;
  for (const auto &Gl : I.Globals) {
    if (Gl.Static)
      continue;
    if (!AnyGlobal)
      OS << "// --- Global state "
            "---------------------------------------------------------\n\n";
    AnyGlobal = true;
    std::string Where = Gl.File + ":" + std::to_string(Gl.Line);
    std::string Uses = std::string(Gl.Read ? "read" : "") +
                       (Gl.Read && Gl.Written ? " and " : "") +
                       (Gl.Written ? "written" : "");
    if (!Gl.DefinedHere) {
      OS << "extern \"C\" {\n    /// `" << Gl.CType << " " << Gl.Name << "` ("
         << Where << "), defined outside the module"
         << (Uses.empty() ? "" : ", " + Uses + " by it")
         << ".\n    pub static mut " << rustIdent(Gl.Name) << ": "
         << (Gl.RustType.empty() ? "c_void" : Gl.RustType) << ";\n}\n\n";
      continue;
    }
    std::string Zero = rustZero(Gl.RustType);
    OS << "/// `" << Gl.CType << " " << Gl.Name << "` (" << Where
       << "): defined by the module"
       << (Uses.empty() ? "" : ", " + Uses + " by it")
       << "; callers may use it.\n";
    if (!Gl.InitRust.empty()) {
      OS << "/// C's initial value: `" << flat(Gl.InitC) << "`.\n#[no_mangle]\npub "
         << "static mut " << rustIdent(Gl.Name)
         << ": " << Gl.RustType << " = " << Gl.InitRust << ";\n\n";
      continue;
    }
    if (!Gl.InitC.empty())
      OS << "/// C's initial value, which Rust cannot write as a constant "
            "here: `"
         << flat(Gl.InitC) << "`.\n";
    if (Zero.empty()) {
      OS << "/// TODO: define it with C's initial value (an aggregate: no zero "
            "constant in "
            "Rust 1.63).\n// #[no_mangle]\n// pub static mut "
         << rustIdent(Gl.Name) << ": " << Gl.RustType << " = ...;\n\n";
      continue;
    }
    OS << "/// CHECK: C's initial value (0 here).\n#[no_mangle]\npub static "
          "mut "
       << rustIdent(Gl.Name) << ": " << Gl.RustType << " = " << Zero << ";\n\n";
  }

  OS << "// --- Functions other modules call "
        "-----------------------------------------\n\n";
  for (const auto &F : I.Functions) {
    bool Writable = F.Problems.empty() && !F.ReturnRust.empty() &&
                    std::all_of(F.Params.begin(), F.Params.end(),
                                [](const InterfaceParam &P) {
                                  return !P.RustType.empty();
                                });
    // The doc of a function without a Rust definition is a plain comment:
    // a doc comment must precede an item.
    std::string Doc;
    Out DS(Doc);
    DS << "/// `" << flat(F.Prototype) << "`\n///\n/// C: " << F.File << ":"
       << F.Line << (F.Header.empty() ? "" : ", declared in " + F.Header)
       << ".\n";
    auto Callers = C.callers(F.Name);
    if (!Callers.empty()) {
      DS << "/// Called by:";
      unsigned N = 0;
      for (const auto &R : Callers) {
        if (++N > 6)
          break;
        DS << (N > 1 ? "," : "") << " `" << R.Name << "` (" << R.File << ":"
           << R.Line << ")";
      }
      if (Callers.size() > 6)
        DS << " and " << Callers.size() - 6 << " more";
      DS << ".\n";
    }
    if (!F.Checks.empty()) {
      DS << "///\n/// Contract (the C function's early checks; keep the same "
            "results):\n";
      for (const auto &K : F.Checks)
        DS << "/// - when `" << flat(K.Condition) << "`: " << flat(K.Outcome)
           << " (line " << K.Line << ")\n";
    }
    auto Fs = C.findings(F.Name);
    if (!Fs.empty()) {
      DS << "///\n/// What a safe version removes:\n";
      for (const Finding *X : Fs)
        DS << "/// - " << toString(X->Sev) << " `" << X->RuleId << "` line "
           << X->Line << ": " << flat(X->Message) << "\n";
    }
    for (const auto &P : F.Params)
      if (P.Callback)
        DS << "///\n/// `" << P.Name
           << "` is a callback into the caller's code: call it "
           << "through `Option`, after checking it is `Some`.\n";
    DS.flush();
    if (!Writable)
      for (size_t P = 0; (P = Doc.find("///", P)) != std::string::npos; P += 2)
        Doc.replace(P, 3, "//");
    OS << Doc;
    if (!Writable) {
      for (const auto &P : F.Problems)
        OS << "// CANNOT CROSS AS WRITTEN: " << flat(P) << "\n";
      OS << "// (no Rust definition generated for `" << F.Name
         << "`: see above)\n\n";
      continue;
    }
    OS << "#[no_mangle]\npub unsafe extern \"C\" fn " << rustIdent(F.Name)
       << "(";
    for (size_t P = 0; P < F.Params.size(); ++P) {
      std::string N = F.Params[P].Name.empty() ? "arg" + std::to_string(P)
                                               : F.Params[P].Name;
      OS << (P ? ", " : "") << rustIdent(N) << ": " << F.Params[P].RustType;
    }
    OS << ")";
    if (F.ReturnRust != "()" && F.ReturnRust != "c_void")
      OS << " -> " << F.ReturnRust;
    OS << " {\n    todo!(\"" << F.Name << ": port " << F.File << ":" << F.Line
       << " to safe Rust\")\n}\n\n";
  }
  OS.flush();
  return S;
}

std::string renderLayoutBin(const Context &C) {
  std::string S;
  Out OS(S);
  OS << "//! Prints the size, alignment and field offsets of every shared type "
        "as Rust lays "
        "them\n//! out; `make layout-check` compares them with the C "
        "compiler's "
        "(layout/layout.c).\n//! Offsets without `offset_of!` (Rust 1.63): "
        "`MaybeUninit` and "
        "`addr_of!`.\n#![allow(unused_unsafe)]\nuse "
     << C.Crate
     << "::ffi::*;\nuse std::mem::{align_of, size_of, MaybeUninit};\n\n"
     << "macro_rules! offset {\n    ($t:ty, $f:ident) => {{\n        let u = "
        "MaybeUninit::<$t>::uninit();\n        let base = u.as_ptr();\n        "
        "unsafe { "
        "std::ptr::addr_of!((*base).$f) as usize - base as usize }\n    "
        "}};\n}\n\n"
     << "fn main() {\n";
  for (const auto &T : C.I.Types) {
    if (T.CName.empty() || T.K == InterfaceType::Opaque || !T.Size)
      continue;
    OS << "    println!(\"size " << T.CName << " {}\", size_of::<" << T.RustName
       << ">());\n";
    OS << "    println!(\"align " << T.CName << " {}\", align_of::<"
       << T.RustName << ">());\n";
    if ((T.K == InterfaceType::Struct || T.K == InterfaceType::Union) &&
        hasExactFields(T))
      for (const auto &F : T.Fields)
        if (F.Name.rfind("anon", 0) != 0 || F.Name.size() <= 4 ||
            !std::isdigit(static_cast<unsigned char>(F.Name[4])))
          OS << "    println!(\"offset " << T.CName << "." << F.Name
             << " {}\", offset!(" << T.RustName << ", " << rustIdent(F.Name)
             << "));\n";
  }
  OS << "}\n";
  OS.flush();
  return S;
}

std::string renderLayoutC(const Context &C) {
  std::string S;
  Out OS(S);
  OS << "/* Prints the size, alignment and field offsets of every shared type "
        "as the C "
        "compiler\n   lays them out; compared with "
        "rust/src/bin/pilot_layout.rs by `make "
        "layout-check`. */\n#include <stddef.h>\n#include <stdio.h>\n#include "
        "\"pilot.h\"\n\n"
     << "int main(void) {\n";
  std::string Align = C.I.Cxx ? "alignof" : "_Alignof";
  for (const auto &T : C.I.Types) {
    if (T.CName.empty() || T.K == InterfaceType::Opaque || !T.Size)
      continue;
    OS << "  printf(\"size %s %zu\\n\", " << cString(T.CName) << ", sizeof("
       << T.CName << "));\n";
    OS << "  printf(\"align %s %zu\\n\", " << cString(T.CName) << ", (size_t)"
       << Align << "(" << T.CName << "));\n";
    if ((T.K == InterfaceType::Struct || T.K == InterfaceType::Union) &&
        hasExactFields(T))
      for (const auto &F : T.Fields)
        if (F.Name.rfind("anon", 0) != 0 || F.Name.size() <= 4 ||
            !std::isdigit(static_cast<unsigned char>(F.Name[4])))
          OS << "  printf(\"offset %s.%s %zu\\n\", " << cString(T.CName) << ", "
             << cString(F.Name) << ", offsetof(" << T.CName << ", " << F.Name
             << "));\n";
  }
  OS << "  return 0;\n}\n";
  OS.flush();
  return S;
}

// --- Handle sessions
// ---------------------------------------------------------
// An entry point that takes a pointer to a struct the module owns (a
// handle: `z_stream *`, `yaml_parser_t *`) cannot be called on bytes alone.
// The harness calls it inside a session, found by the names and shapes of
// the functions around the handle (the last word of their names) (the module's and, for a handle another
// module sets up, the Partners its headers declare):
//   constructor  takes the handle first (the harness allocates it, zeroed)
//                or returns a pointer to it; a name word init, initialize,
//                create, new, open, alloc. Its other parameters: an integer
//                named `size` gets sizeof the handle, a `const char *`
//                named `version` the string macro `*VERSION` of its header
//                (zlib's inflateInit_(strm, ZLIB_VERSION, sizeof(z_stream)));
//   feeder       the handle's input fields, a byte pointer followed by its
//                length with a name word in/input/src (zlib's next_in,
//                avail_in), set to the input; else the one function taking
//                the handle, a const byte pointer and a length, called once;
//   drivers      take the handle, then integers (0) and pointers to structs
//                (zeroed, printed after each call, released by their own
//                destructor); called in a loop bounded by the input's length
//                until one returns a negative value or makes no progress (no
//                output, no input consumed, the out-structs left zero; with
//                nothing to observe, until it returns non-zero). Several: the
//                one named as the session's stem (`inflate`), else the only
//                one the module defines;
//   finisher     finish/flush/final/finalize/done: called once after;
//   output       return codes, out-structs' scalar fields and strings, the
//                bytes written through the handle's output fields (a byte
//                pointer and length named out/output/dst: reset to a buffer
//                before each call, their bytes hashed), the handle's own
//                scalar fields and strings at the end;
//   destructor   free/delete/destroy/end/close/release/fini/deinit/cleanup.
// Where a rule does not decide (a parameter no rule fills, two candidate
// drivers or feeders), the session is written under `#if 0` with a TODO.

std::vector<std::string> nameWords(const std::string &Name) {
  std::vector<std::string> W;
  std::string Cur;
  auto Flush = [&] {
    if (!Cur.empty())
      W.push_back(Cur);
    Cur.clear();
  };
  for (size_t K = 0; K < Name.size(); ++K) {
    char Ch = Name[K];
    if (!std::isalpha(static_cast<unsigned char>(Ch))) {
      Flush();
      continue;
    }
    if (std::isupper(static_cast<unsigned char>(Ch)) && K > 0 &&
        std::islower(static_cast<unsigned char>(Name[K - 1])))
      Flush();
    Cur += static_cast<char>(std::tolower(static_cast<unsigned char>(Ch)));
  }
  Flush();
  return W;
}

bool hasWord(const std::string &Name, std::initializer_list<const char *> Of) {
  for (const auto &W : nameWords(Name))
    for (const char *O : Of)
      if (W == O)
        return true;
  return false;
}

/// The last word of a function's name is one of \p Of: its role
/// (`yaml_event_delete`, not `yaml_stream_end_event_initialize`).
bool lastWord(const std::string &Name, std::initializer_list<const char *> Of) {
  std::vector<std::string> W = nameWords(Name);
  if (W.empty())
    return false;
  for (const char *O : Of)
    if (W.back() == O)
      return true;
  return false;
}

bool ctorName(const std::string &N) {
  return lastWord(N, {"init", "initialize", "initialise", "create", "new",
                     "open", "alloc"});
}
bool dtorName(const std::string &N) {
  return lastWord(N, {"free", "delete", "destroy", "end", "close", "release",
                     "fini", "deinit", "cleanup", "dispose"});
}
bool finishName(const std::string &N) {
  return lastWord(N, {"finish", "flush", "final", "finalize", "finalise",
                     "done", "complete"});
}

/// "struct dec *" -> "struct dec"; "" unless a pointer to one struct/union.
std::string recordPointee(std::string C) {
  if (C.empty() || C.back() != '*' || C.find('(') != std::string::npos)
    return "";
  C.pop_back();
  while (!C.empty() && C.back() == ' ')
    C.pop_back();
  if (C.rfind("const ", 0) == 0)
    C = C.substr(6);
  if (C.find('*') != std::string::npos)
    return "";
  return C.rfind("struct ", 0) == 0 || C.rfind("union ", 0) == 0 ? C : "";
}

bool canonicalInteger(const std::string &C) {
  if (C.empty() || C.find_first_of("*[(") != std::string::npos ||
      C.rfind("struct ", 0) == 0 || C.rfind("union ", 0) == 0 ||
      C.find("float") != std::string::npos ||
      C.find("double") != std::string::npos || C == "void")
    return false;
  return true;
}

bool canonicalBytePointer(std::string C) {
  if (C.empty() || C.back() != '*' || C.find('(') != std::string::npos)
    return false;
  C.pop_back();
  while (!C.empty() && C.back() == ' ')
    C.pop_back();
  if (C.rfind("const ", 0) == 0)
    C = C.substr(6);
  return C == "char" || C == "unsigned char" || C == "signed char" ||
         C == "void";
}

struct Session {
  std::string Key;   ///< canonical C of the handle ("struct sdec")
  std::string CName; ///< how the harness spells it
  const InterfaceType *Type = nullptr; ///< complete struct; null: opaque
  const InterfaceFunction *Ctor = nullptr, *Dtor = nullptr,
                          *Feeder = nullptr, *Driver = nullptr,
                          *Finisher = nullptr;
  bool CtorReturns = false;
  std::vector<std::string> CtorArgs; ///< C expressions; "hp" is the handle
  int InPtr = -1, InLen = -1, OutPtr = -1, OutLen = -1; ///< field indexes
  /// Per driver parameter: "" (the handle / an integer) or the destructor
  /// of the struct it fills.
  std::vector<std::string> Releasers;
  std::vector<std::string> Unsure; ///< why it is written under #if 0
  std::set<std::string> Uses;      ///< names of the functions it calls
};

const InterfaceType *typeByCName(const ModuleInterface &I,
                                 const std::string &CName) {
  const InterfaceType *Found = nullptr;
  for (const auto &T : I.Types)
    if (T.CName == CName && (!Found || Found->K == InterfaceType::Opaque))
      Found = &T;
  return Found;
}

bool firstIsHandle(const InterfaceFunction &F, const std::string &Key) {
  return !F.Params.empty() && !F.Params[0].PointeeConst &&
         recordPointee(F.Params[0].CanonicalC) == Key;
}

std::vector<Session> planSessions(const ModuleInterface &I) {
  std::vector<const InterfaceFunction *> All;
  for (const auto &F : I.Functions)
    if (F.Problems.empty() && !F.Variadic)
      All.push_back(&F);
  for (const auto &F : I.Partners)
    All.push_back(&F);
  auto Mine = [&](const InterfaceFunction *F) {
    return F >= I.Functions.data() && F < I.Functions.data() + I.Functions.size();
  };
  // Handles: the struct a module function takes first, non-const.
  std::vector<std::string> Keys;
  for (const auto &F : I.Functions)
    if (!F.Params.empty() && !F.Params[0].PointeeConst)
      if (std::string K = recordPointee(F.Params[0].CanonicalC);
          !K.empty() && std::find(Keys.begin(), Keys.end(), K) == Keys.end())
        Keys.push_back(K);
  std::vector<Session> Out;
  for (const auto &Key : Keys) {
    Session S;
    S.Key = Key;
    const InterfaceType *T = typeByCName(I, Key);
    S.Type = T && T->K != InterfaceType::Opaque && T->Size ? T : nullptr;
    // Constructors: every parameter filled by a rule, fewest parameters.
    std::vector<std::string> CtorWhy;
    for (const InterfaceFunction *F : All) {
      if (!ctorName(F->Name) || dtorName(F->Name))
        continue;
      bool Takes = firstIsHandle(*F, Key) && S.Type;
      bool Returns = recordPointee(F->ReturnCanonicalC) == Key &&
                     (F->Params.empty() || !firstIsHandle(*F, Key));
      if (!Takes && !Returns)
        continue;
      std::vector<std::string> Args, Why;
      for (size_t P = 0; P < F->Params.size(); ++P) {
        const InterfaceParam &A = F->Params[P];
        if (Takes && P == 0) {
          Args.push_back("hp");
        } else if (A.Integer && hasWord(A.Name, {"size"}) && S.Type) {
          Args.push_back("(" + A.CType + ")sizeof *hp");
        } else if (A.CanonicalC == "const char *" &&
                   hasWord(A.Name, {"version"})) {
          const InterfaceMacro *V = nullptr;
          unsigned N = 0;
          for (const auto &M : I.VersionMacros)
            if (M.File == F->OtherHeader || M.File == F->Header ||
                M.File == F->File) {
              V = &M;
              ++N;
            }
          if (N == 1)
            Args.push_back(V->Name);
          else
            Why.push_back("`" + F->Name + "`'s `" + A.Name +
                          "`: no single `*VERSION` string macro in its header");
        } else {
          Why.push_back("`" + F->Name + "`'s parameter `" + A.Name +
                        "`: no rule gives its value");
          Args.push_back("/* TODO: " + A.Name + " */ 0");
        }
      }
      bool Better = !S.Ctor ||
                    (Why.empty() && !CtorWhy.empty()) ||
                    (Why.empty() == CtorWhy.empty() &&
                     F->Params.size() < S.Ctor->Params.size());
      if (Better) {
        S.Ctor = F;
        S.CtorReturns = Returns && !Takes;
        S.CtorArgs = Args;
        CtorWhy = Why;
      }
    }
    if (!S.Ctor)
      continue; // no session: the entry points stay listed for the user
    S.Unsure = CtorWhy;
    if (S.CName.empty()) {
      if (Key.find('(') == std::string::npos)
        S.CName = Key;
      else if (T)
        for (const auto &D : I.Types)
          if (D.K == InterfaceType::Typedef && D.Underlying == T->RustName)
            S.CName = D.CName;
      if (S.CName.empty())
        S.Unsure.push_back("the handle's type has no name C can spell");
    }
    for (const InterfaceFunction *F : All)
      if (F != S.Ctor && firstIsHandle(*F, Key) && F->Params.size() == 1 &&
          dtorName(F->Name) && (!S.Dtor || (Mine(F) && !Mine(S.Dtor))))
        S.Dtor = F;
    // The session's stem: what its constructor and destructor share.
    std::string Stem = S.Ctor->Name;
    if (S.Dtor) {
      size_t N = 0;
      while (N < Stem.size() && N < S.Dtor->Name.size() &&
             Stem[N] == S.Dtor->Name[N])
        ++N;
      Stem = Stem.substr(0, N);
    } else {
      Stem.clear();
    }
    while (!Stem.empty() && Stem.back() == '_')
      Stem.pop_back();
    // Stream fields of the handle.
    if (S.Type)
      for (size_t K = 0; K + 1 < S.Type->Fields.size(); ++K) {
        const InterfaceField &P = S.Type->Fields[K], &L = S.Type->Fields[K + 1];
        if (!canonicalBytePointer(P.CanonicalC) ||
            !canonicalInteger(L.CanonicalC) || P.BitField || L.BitField)
          continue;
        bool In = hasWord(P.Name, {"in", "input", "src", "source"}) &&
                  hasWord(L.Name, {"in", "input", "src", "source"});
        bool OutF = hasWord(P.Name, {"out", "output", "dst", "dest"}) &&
                    hasWord(L.Name, {"out", "output", "dst", "dest"});
        if (In && S.InPtr < 0) {
          S.InPtr = static_cast<int>(K);
          S.InLen = static_cast<int>(K + 1);
        } else if (OutF && S.OutPtr < 0) {
          S.OutPtr = static_cast<int>(K);
          S.OutLen = static_cast<int>(K + 1);
        }
      }
    // Feeder, drivers, finisher.
    std::vector<const InterfaceFunction *> Feeders, Drivers;
    for (const InterfaceFunction *F : All) {
      if (F == S.Ctor || F == S.Dtor || !firstIsHandle(*F, Key) ||
          ctorName(F->Name) || dtorName(F->Name))
        continue;
      if (F->Params.size() == 3 && isBytePointer(F->Params[1]) &&
          F->Params[1].PointeeConst && F->Params[2].Integer) {
        Feeders.push_back(F);
        continue;
      }
      bool Shape = F->ReturnInteger;
      for (size_t P = 1; P < F->Params.size(); ++P) {
        const InterfaceParam &A = F->Params[P];
        std::string R = recordPointee(A.CanonicalC);
        Shape &= A.Integer || (!R.empty() && R != Key && !A.PointeeConst &&
                               typeByCName(I, R) &&
                               typeByCName(I, R)->K != InterfaceType::Opaque);
      }
      if (!Shape)
        continue;
      if (finishName(F->Name)) {
        if (!S.Finisher || (Mine(F) && !Mine(S.Finisher)))
          S.Finisher = F;
      } else {
        Drivers.push_back(F);
      }
    }
    if (S.InPtr < 0) {
      if (Feeders.size() == 1)
        S.Feeder = Feeders[0];
      else if (Feeders.size() > 1)
        S.Unsure.push_back(std::to_string(Feeders.size()) +
                           " functions take the handle and bytes: which one "
                           "feeds the input?");
    }
    for (const InterfaceFunction *F : Drivers)
      if (!Stem.empty() && F->Name == Stem)
        S.Driver = F;
    if (!S.Driver) {
      std::vector<const InterfaceFunction *> Own;
      for (const InterfaceFunction *F : Drivers)
        if (Mine(F))
          Own.push_back(F);
      if (Own.size() == 1)
        S.Driver = Own[0];
      else if (Own.size() > 1)
        S.Unsure.push_back(std::to_string(Own.size()) +
                           " functions of the module could drive the handle, "
                           "none named as the session (`" +
                           Stem + "`): which one?");
    }
    if (S.Driver)
      for (size_t P = 0; P < S.Driver->Params.size(); ++P) {
        std::string Rel;
        std::string R = P ? recordPointee(S.Driver->Params[P].CanonicalC) : "";
        if (!R.empty())
          for (const InterfaceFunction *F : All)
            if (F->Params.size() == 1 && dtorName(F->Name) &&
                recordPointee(F->Params[0].CanonicalC) == R &&
                !F->Params[0].PointeeConst)
              Rel = F->Name;
        S.Releasers.push_back(Rel);
      }
    bool Any = false;
    for (const InterfaceFunction *F :
         {S.Ctor, S.Dtor, S.Feeder, S.Driver, S.Finisher})
      if (F) {
        S.Uses.insert(F->Name);
        Any |= Mine(F);
      }
    for (const auto &R : S.Releasers)
      if (!R.empty())
        S.Uses.insert(R);
    if (Any)
      Out.push_back(std::move(S));
  }
  return Out;
}

/// C statements printing the scalar fields and strings of the struct at
/// \p Expr (a pointer expression): pointers other than strings, unions and
/// arrays with pointers inside are left out (they differ between builds).
void printScalars(Out &OS, const ModuleInterface &I, const InterfaceType &T,
                  const std::string &Expr, const std::string &Label,
                  const std::set<size_t> &Skip = {}, unsigned Depth = 0) {
  for (size_t K = 0; K < T.Fields.size(); ++K) {
    const InterfaceField &F = T.Fields[K];
    if (Skip.count(K) || F.Name.empty() || F.BitField || F.FlexibleArray)
      continue;
    const std::string &C = F.CanonicalC;
    std::string Field = "(" + Expr + ")->" + F.Name;
    std::string Name = Label + "." + F.Name;
    if (C.find('(') != std::string::npos)
      continue;
    if (!C.empty() && C.back() == '*') {
      if (C == "char *" || C == "const char *")
        OS << "    pilot_str(out, " << cString(" " + Name) << ", " << Field
           << ");\n";
      continue;
    }
    std::string Base = F.RustType;
    bool Array = !Base.empty() && Base.front() == '[';
    if (Array) {
      while (!Base.empty() && Base.front() == '[')
        Base = Base.substr(1, Base.find(';') - 1);
      const InterfaceType *E = typeByRust(I, Base);
      if (Base.find('*') == std::string::npos &&
          (!E || E->K == InterfaceType::Enum ||
           E->K == InterfaceType::Typedef || plainData(I, *E)))
        OS << "    pilot_hex(out, " << cString(" " + Name + "=") << ", &"
           << Field << ", sizeof " << Field << ");\n";
      continue;
    }
    const InterfaceType *Sub = typeByRust(I, Base);
    if (Sub && Sub->K == InterfaceType::Struct) {
      if (Depth < 4)
        printScalars(OS, I, *Sub, "&" + Field, Name, {}, Depth + 1);
      continue;
    }
    if (Sub && Sub->K == InterfaceType::Union) {
      if (plainData(I, *Sub))
        OS << "    pilot_hex(out, " << cString(" " + Name + "=") << ", &"
           << Field << ", sizeof " << Field << ");\n";
      continue;
    }
    if (Sub && Sub->K == InterfaceType::Opaque)
      continue;
    if (C == "float" || C == "double")
      OS << "    fprintf(out, " << cString(" " + Name + "=%.17g")
         << ", (double)" << Field << ");\n";
    else if (canonicalInteger(C) || C.rfind("enum ", 0) == 0)
      OS << "    fprintf(out, " << cString(" " + Name + "=%lld")
         << ", (long long)" << Field << ");\n";
  }
}

/// The C of one session (inside pilot_run()).
void renderSession(Out &OS, const ModuleInterface &I, const Session &S) {
  std::string Title = S.Ctor->Name;
  for (const InterfaceFunction *F : {S.Feeder, S.Driver, S.Finisher, S.Dtor})
    if (F)
      Title += ", " + F->Name;
  OS << "  /* Session on `" << S.Key << "`: " << Title << ". */\n";
  if (!S.Unsure.empty()) {
    OS << "  /* TODO: the harness is not sure of this session; check it, "
          "complete it and\n     remove the #if 0:\n";
    for (const auto &W : S.Unsure)
      OS << "     - " << W << "\n";
    OS << "  */\n#if 0\n";
  }
  auto RetLine = [&](const InterfaceFunction &F, const std::string &Call,
                     bool CountNegative) {
    OS << "    fprintf(out, " << cString(F.Name + ":") << ");\n";
    if (F.ReturnC == "void") {
      OS << "    " << Call << ";\n";
      return;
    }
    OS << "    long long r = (long long)" << Call << ";\n"
       << "    fprintf(out, \" ret=%lld\", r);\n";
    if (CountNegative)
      OS << "    if (r < 0) rejected = 1;\n";
  };
  OS << "  {\n";
  std::string HC = S.CName.empty() ? S.Key : S.CName;
  if (S.CtorReturns) {
    OS << "    " << HC << " *hp;\n    {\n";
    std::string Call = S.Ctor->Name + "(";
    for (size_t J = 0; J < S.CtorArgs.size(); ++J)
      Call += (J ? ", " : "") + S.CtorArgs[J];
    OS << "    fprintf(out, " << cString(S.Ctor->Name + ":") << ");\n"
       << "    hp = " << Call << ");\n"
       << "    pilot_ptr(out, \" ret\", hp);\n    fprintf(out, \"\\n\");\n"
       << "    }\n    if (!hp) rejected = 1;\n    else {\n";
  } else {
    OS << "    " << HC << " h;\n    " << HC << " *hp = &h;\n"
       << "    memset(&h, 0, sizeof h);\n    int failed = 0;\n    {\n";
    std::string Call = S.Ctor->Name + "(";
    for (size_t J = 0; J < S.CtorArgs.size(); ++J)
      Call += (J ? ", " : "") + S.CtorArgs[J];
    Call += ")";
    RetLine(*S.Ctor, Call, true);
    if (S.Ctor->ReturnC != "void")
      OS << "    failed = r < 0;\n";
    OS << "    fprintf(out, \"\\n\");\n    }\n    if (!failed) {\n";
  }
  const InterfaceType *T = S.Type;
  auto FieldRef = [&](int K) { return "hp->" + T->Fields[K].Name; };
  if (S.InPtr >= 0)
    OS << "    " << FieldRef(S.InPtr) << " = (" << T->Fields[S.InPtr].CType
       << ")(size_t)data;\n    " << FieldRef(S.InLen) << " = ("
       << T->Fields[S.InLen].CType << ")len;\n";
  if (S.Feeder) {
    OS << "    {\n";
    RetLine(*S.Feeder,
            S.Feeder->Name + "(hp, (" + S.Feeder->Params[1].CType + ")data, (" +
                S.Feeder->Params[2].CType + ")len)",
            true);
    OS << "    fprintf(out, \"\\n\");\n    }\n";
  }
  if (S.OutPtr >= 0)
    OS << "    unsigned long long made = 0, fnv = 1469598103934665603ull;\n";
  if (S.Driver) {
    const InterfaceFunction &D = *S.Driver;
    OS << "    for (size_t step = 0; step < 64 + 4 * len; ++step) {\n"
       << "      int progress = 0;\n";
    std::vector<std::string> Args{"hp"};
    bool Observable = S.InPtr >= 0 || S.OutPtr >= 0;
    for (size_t P = 1; P < D.Params.size(); ++P) {
      const InterfaceParam &A = D.Params[P];
      if (A.Integer) {
        Args.push_back("(" + A.CType + ")0");
        continue;
      }
      std::string V = "o" + std::to_string(P);
      OS << "      " << recordPointee(A.CanonicalC) << " " << V << ", " << V
         << "_zero;\n      memset(&" << V << ", 0, sizeof " << V
         << ");\n      memset(&" << V << "_zero, 0, sizeof " << V << ");\n";
      Args.push_back("&" + V);
      Observable = true;
    }
    if (S.OutPtr >= 0)
      OS << "      " << FieldRef(S.OutPtr) << " = (" << T->Fields[S.OutPtr].CType
         << ")pilot_obuf;\n      " << FieldRef(S.OutLen) << " = ("
         << T->Fields[S.OutLen].CType << ")sizeof pilot_obuf;\n";
    if (S.InPtr >= 0)
      OS << "      size_t in_before = (size_t)" << FieldRef(S.InLen) << ";\n";
    std::string Call = D.Name + "(";
    for (size_t J = 0; J < Args.size(); ++J)
      Call += (J ? ", " : "") + Args[J];
    Call += ")";
    OS << "      fprintf(out, " << cString(D.Name + ":") << ");\n"
       << "      long long r = (long long)" << Call << ";\n"
       << "      fprintf(out, \" ret=%lld\", r);\n";
    if (S.InPtr >= 0)
      OS << "      size_t used = in_before - (size_t)" << FieldRef(S.InLen)
         << ";\n      fprintf(out, \" in=%zu\", used);\n"
         << "      if (used) progress = 1;\n";
    if (S.OutPtr >= 0)
      OS << "      size_t wrote = sizeof pilot_obuf - (size_t)"
         << FieldRef(S.OutLen) << ";\n      fprintf(out, \" out=%zu\", wrote);\n"
         << "      pilot_fnv(&fnv, pilot_obuf, wrote);\n      made += wrote;\n"
         << "      if (wrote) progress = 1;\n";
    for (size_t P = 1; P < D.Params.size(); ++P) {
      const InterfaceParam &A = D.Params[P];
      if (A.Integer)
        continue;
      std::string V = "o" + std::to_string(P);
      OS << "      if (memcmp(&" << V << ", &" << V << "_zero, sizeof " << V
         << ")) progress = 1;\n";
      if (const InterfaceType *OT = typeByCName(I, recordPointee(A.CanonicalC))) {
        std::string Buf;
        Out BS(Buf);
        printScalars(BS, I, *OT, "&" + V, A.Name);
        BS.flush();
        // printScalars indents by 4; the loop body by 6.
        std::string Ind;
        for (size_t Pos = 0; Pos < Buf.size();) {
          size_t E = Buf.find('\n', Pos);
          Ind += "  " + Buf.substr(Pos, E - Pos + 1);
          Pos = E + 1;
        }
        OS << Ind;
      }
      if (!S.Releasers[P].empty())
        OS << "      " << S.Releasers[P] << "(&" << V << ");\n";
    }
    if (!Observable)
      OS << "      progress = r == 0;\n";
    OS << "      fprintf(out, \"\\n\");\n"
       << "      if (r < 0) rejected = 1;\n"
       << "      if (r < 0 || !progress) break;\n    }\n";
  }
  if (S.Finisher) {
    const InterfaceFunction &F = *S.Finisher;
    OS << "    {\n";
    std::vector<std::string> Args{"hp"};
    for (size_t P = 1; P < F.Params.size(); ++P) {
      const InterfaceParam &A = F.Params[P];
      if (A.Integer) {
        Args.push_back("(" + A.CType + ")0");
        continue;
      }
      std::string V = "f" + std::to_string(P);
      OS << "    " << recordPointee(A.CanonicalC) << " " << V
         << ";\n    memset(&" << V << ", 0, sizeof " << V << ");\n";
      Args.push_back("&" + V);
    }
    std::string Call = F.Name + "(";
    for (size_t J = 0; J < Args.size(); ++J)
      Call += (J ? ", " : "") + Args[J];
    RetLine(F, Call + ")", true);
    for (size_t P = 1; P < F.Params.size(); ++P)
      if (!F.Params[P].Integer)
        if (const InterfaceType *OT =
                typeByCName(I, recordPointee(F.Params[P].CanonicalC)))
          printScalars(OS, I, *OT, "&f" + std::to_string(P),
                       F.Params[P].Name);
    OS << "    fprintf(out, \"\\n\");\n    }\n";
  }
  if (S.OutPtr >= 0)
    OS << "    fprintf(out, \"output: bytes=%llu fnv=%016llx\\n\", made, "
          "fnv);\n";
  if (T) {
    std::set<size_t> Skip;
    for (int K : {S.InPtr, S.OutPtr})
      if (K >= 0)
        Skip.insert(static_cast<size_t>(K));
    OS << "    fprintf(out, \"handle:\");\n";
    printScalars(OS, I, *T, "hp", "h", Skip);
    OS << "    fprintf(out, \"\\n\");\n";
  }
  if (S.Dtor) {
    OS << "    {\n";
    RetLine(*S.Dtor, S.Dtor->Name + "(hp)", false);
    OS << "    fprintf(out, \"\\n\");\n    }\n";
  } else {
    OS << "    /* No destructor found: the handle is not released. */\n";
  }
  OS << "    }\n  }\n";
  if (!S.Unsure.empty())
    OS << "#endif\n";
}

std::string renderPilotHeader(const Context &C) {
  std::string S;
  Out OS(S);
  OS << "/* The module's C interface, for the layout test and the harness: its "
        "public "
        "headers,\n   and the functions other modules call that no header "
        "declares. */\n"
        "#ifndef CARCINIZE_PILOT_H\n#define CARCINIZE_PILOT_H\n#include "
        "<stddef.h>\n"
        "#include <stdint.h>\n";
  // The module's headers, then those defining the shared types (a module
  // without a header of its own shares a project-wide one).
  std::vector<std::string> Headers = C.I.Headers;
  for (const auto &T : C.I.Types) {
    std::string_view E = extensionOf(T.File);
    if (!T.File.empty() &&
        (E == ".h" || E == ".hh" || E == ".hpp" || E == ".hxx") &&
        std::find(Headers.begin(), Headers.end(), T.File) == Headers.end())
      Headers.push_back(T.File);
  }
  // In the order the module's first source includes them, with the headers
  // before them (a private header often needs its predecessors: zlib's
  // inflate.h uses what zutil.h declares), up to the last one needed.
  std::vector<std::string> Ordered;
  if (!C.I.SourceFlags.empty())
    for (const auto &F : C.In.Facts->Files)
      if (F.Path == C.I.SourceFlags.front().first) {
        size_t Last = 0;
        for (size_t K = 0; K < F.Includes.size(); ++K)
          if (std::find(Headers.begin(), Headers.end(), F.Includes[K]) !=
              Headers.end())
            Last = K + 1;
        for (size_t K = 0; K < Last; ++K)
          if (!F.Includes[K].empty() && F.Includes[K][0] != '<' &&
              F.Includes[K][0] != '"')
            Ordered.push_back(F.Includes[K]);
      }
  for (const auto &H : Headers)
    if (std::find(Ordered.begin(), Ordered.end(), H) == Ordered.end())
      Ordered.push_back(H);
  // The headers declaring the other modules' functions a session calls.
  for (const auto &S : planSessions(C.I))
    for (const auto &P : C.I.Partners)
      if (S.Uses.count(P.Name) && !P.OtherHeader.empty() &&
          std::find(Ordered.begin(), Ordered.end(), P.OtherHeader) ==
              Ordered.end())
        Ordered.push_back(P.OtherHeader);
  for (const auto &H : Ordered)
    OS << "#include " << cString(H) << "\n";
  bool Any = false;
  for (const auto &F : C.I.Functions)
    if (F.Header.empty()) {
      if (!Any)
        OS << "\n/* Declared by no header of the module (its callers declare "
              "them): */\n";
      Any = true;
      OS << F.Prototype << ";\n";
    }
  OS << "#endif\n";
  OS.flush();
  return S;
}

std::string renderCases(const Context &C) {
  std::string S;
  Out OS(S);
  OS << "/* The calls the harness makes on each input: generated by carcinize "
        "pilot.\n"
        "   pilot_run() decodes the input's bytes into the arguments of each "
        "entry point,\n"
        "   calls it and prints what it returned and wrote. Both builds (C and "
        "Rust) run\n"
        "   this file unchanged: their outputs must be identical. Entry points "
        "whose\n"
        "   arguments cannot be made from bytes are listed at the end: call "
        "them here. */\n"
        "#include <stdio.h>\n#include <string.h>\n#include \"pilot.h\"\n\n"
        "static const unsigned char *pilot_data;\nstatic size_t pilot_len, "
        "pilot_pos;\n"
        "static FILE *pilot_out;\n\n"
        "/* The next n bytes of the input (zeros past its end). */\n"
        "static void pilot_take(void *dst, size_t n) {\n  size_t have = "
        "pilot_pos < pilot_len "
        "? pilot_len - pilot_pos : 0;\n  if (have > n) have = n;\n  "
        "memset(dst, 0, n);\n"
        "  if (have) memcpy(dst, pilot_data + pilot_pos, have);\n  pilot_pos "
        "+= have;\n}\n\n"
        "static void pilot_hex(FILE *out, const char *label, const void *p, "
        "size_t n) {\n"
        "  const unsigned char *b = p;\n  fputs(label, out);\n  for (size_t i "
        "= 0; i < n; ++i) "
        "fprintf(out, \"%02x\", b[i]);\n}\n\n"
        "/* A pointer, printed the same in both builds: its offset in the "
        "input, or null. */\n"
        "static void pilot_ptr(FILE *out, const char *label, const void *p) {\n"
        "  const unsigned char *b = p;\n  if (!p) fprintf(out, \"%s=null\", "
        "label);\n"
        "  else if (b >= pilot_data && b <= pilot_data + pilot_len)\n"
        "    fprintf(out, \"%s=@%zu\", label, (size_t)(b - pilot_data));\n"
        "  else fprintf(out, \"%s=other\", label);\n}\n\n"
        "/* A string the module returned or left in a struct (at most 200 "
        "bytes). */\n"
        "static void pilot_str(FILE *out, const char *label, const char *s) "
        "{\n"
        "  if (!s) { fprintf(out, \"%s=null\", label); return; }\n"
        "  fprintf(out, \"%s=\\\"\", label);\n"
        "  for (size_t i = 0; i < 200 && s[i]; ++i)\n"
        "    fprintf(out, (unsigned char)s[i] >= 32 && s[i] != '\"' && "
        "(unsigned char)s[i] < 127 ? \"%c\" : \"\\\\x%02x\", "
        "(unsigned char)s[i]);\n"
        "  fputc('\"', out);\n}\n\n"
        "/* The bytes a session wrote through its handle's output fields: "
        "hashed (FNV-1a). */\n"
        "static unsigned char pilot_obuf[4096];\n"
        "static void pilot_fnv(unsigned long long *h, const unsigned char *p, "
        "size_t n) {\n"
        "  for (size_t i = 0; i < n; ++i) { *h ^= p[i]; *h *= "
        "1099511628211ull; }\n}\n\n";
  std::vector<Session> Sessions = planSessions(C.I);
  std::set<std::string> InSession;
  for (const auto &S : Sessions)
    if (S.Unsure.empty())
      InSession.insert(S.Uses.begin(), S.Uses.end());
  // Callback recorders.
  std::vector<std::string> Skipped;
  for (const auto &F : C.I.Functions) {
    auto K = harnessArgs(C.I, F);
    for (size_t P = 0; P < F.Params.size(); ++P) {
      if (K[P] != ArgKind::Callback)
        continue;
      const InterfaceParam &A = F.Params[P];
      std::string Fn = "pilot_cb_" + F.Name + "_" + std::to_string(P);
      OS << "/* Records each call the module makes to `" << A.Name
         << "`. */\nstatic " << A.CallbackReturn << " " << Fn << "(";
      for (size_t J = 0; J < A.CallbackParams.size(); ++J)
        OS << (J ? ", " : "") << A.CallbackParams[J] << " a" << J;
      if (A.CallbackParams.empty())
        OS << "void";
      OS << ") {\n  fprintf(pilot_out, \" " << A.Name << "(\");\n";
      for (size_t J = 0; J < A.CallbackParams.size(); ++J) {
        const std::string &T = A.CallbackParams[J];
        std::string Label = (J ? " a" : "a") + std::to_string(J);
        if (T.find('*') != std::string::npos)
          OS << "  pilot_ptr(pilot_out, " << cString(Label) << ", a" << J
             << ");\n";
        else if (T == "float" || T == "double")
          OS << "  fprintf(pilot_out, " << cString(Label + "=%.17g")
             << ", (double)a" << J << ");\n";
        else if (T.rfind("struct ", 0) == 0 || T.rfind("union ", 0) == 0)
          OS << "  pilot_hex(pilot_out, " << cString(Label + "=") << ", &a" << J
             << ", sizeof a" << J << ");\n";
        else
          OS << "  fprintf(pilot_out, " << cString(Label + "=%lld")
             << ", (long long)a" << J << ");\n";
      }
      OS << "  fprintf(pilot_out, \")\");\n";
      if (A.CallbackReturn != "void")
        OS << "  return (" << A.CallbackReturn << ")0;\n";
      OS << "}\n\n";
    }
  }
  OS << "int pilot_run(const unsigned char *data, size_t len, FILE *out) {\n"
        "  int rejected = 0;\n  pilot_data = data;\n  pilot_len = len;\n  "
        "pilot_out = out;\n";
  for (const auto &S : Sessions)
    renderSession(OS, C.I, S);
  for (const auto &F : C.I.Functions) {
    if (InSession.count(F.Name))
      continue;
    auto K = harnessArgs(C.I, F);
    bool Handle = false;
    for (const auto &S : Sessions)
      Handle |= firstIsHandle(F, S.Key);
    if (!callable(K, F) || Handle) {
      Skipped.push_back(F.Name);
      continue;
    }
    OS << "  {\n    /* " << F.Name << " */\n    pilot_pos = 0;\n";
    std::vector<std::string> Args;
    for (size_t P = 0; P < F.Params.size(); ++P) {
      const InterfaceParam &A = F.Params[P];
      std::string V = "v" + std::to_string(P);
      std::string Decl = A.CType;
      switch (K[P]) {
      case ArgKind::Bytes:
        Args.push_back("(" + A.CType + ")data");
        break;
      case ArgKind::Length:
        Args.push_back("(" + A.CType + ")len");
        break;
      case ArgKind::Int:
      case ArgKind::Float:
        OS << "    " << A.CType << " " << V << ";\n    pilot_take(&" << V
           << ", sizeof " << V << ");\n";
        Args.push_back(V);
        break;
      case ArgKind::InStruct:
      case ArgKind::OutStruct:
      case ArgKind::OutInt:
        // Plain data the function reads, or reads and writes: its bytes
        // come from the input too, so that both builds start from the same.
        OS << "    " << pointeeC(A) << " " << V << ";\n";
        if (K[P] == ArgKind::OutInt)
          OS << "    memset(&" << V << ", 0, sizeof " << V << ");\n";
        else
          OS << "    pilot_take(&" << V << ", sizeof " << V << ");\n";
        Args.push_back("&" + V);
        break;
      case ArgKind::Callback:
        Args.push_back("pilot_cb_" + F.Name + "_" + std::to_string(P));
        break;
      case ArgKind::UserData:
        Args.push_back("NULL");
        break;
      case ArgKind::None:
        break;
      }
    }
    OS << "    fprintf(out, " << cString(F.Name + ":") << ");\n    ";
    std::string Call = F.Name + "(";
    for (size_t J = 0; J < Args.size(); ++J)
      Call += (J ? ", " : "") + Args[J];
    Call += ")";
    if (F.ReturnC == "void") {
      OS << Call << ";\n";
    } else {
      OS << F.ReturnC << " r = " << Call << ";\n";
      if (F.ReturnInteger)
        OS << "    fprintf(out, \" ret=%lld\", (long long)r);\n    if ((long "
              "long)r < 0) "
              "rejected = 1;\n";
      else if (F.ReturnPointer)
        OS << "    pilot_ptr(out, \" ret\", (const void *)r);\n    if (!r) "
              "rejected = 1;\n";
      else if (F.ReturnFloating)
        OS << "    fprintf(out, \" ret=%.17g\", (double)r);\n";
      else
        OS << "    pilot_hex(out, \" ret=\", &r, sizeof r);\n";
    }
    for (size_t P = 0; P < F.Params.size(); ++P) {
      std::string V = "v" + std::to_string(P);
      if (K[P] == ArgKind::OutInt)
        OS << "    fprintf(out, " << cString(" " + F.Params[P].Name + "=%lld")
           << ", (long long)" << V << ");\n";
      else if (K[P] == ArgKind::OutStruct)
        if (const InterfaceType *T = typeByRust(C.I, F.Params[P].PointeeType))
          printFields(OS, C.I, *T, "&" + V, F.Params[P].Name);
    }
    OS << "    fprintf(out, \"\\n\");\n  }\n";
  }
  OS << "  return rejected;\n}\n";
  if (!Skipped.empty()) {
    OS << "\n/* Not called above (their arguments cannot be made from bytes: "
          "opaque handles,\n"
          "   pointers the caller owns, C features Rust cannot define, a "
          "handle's functions\n"
          "   that are none of its session's roles). Add their calls to\n"
          "   pilot_run(), printing what they return:\n";
    for (const auto &N : Skipped)
      for (const auto &F : C.I.Functions)
        if (F.Name == N)
          OS << "     " << F.Prototype << ";\n";
    OS << "*/\n";
  }
  OS.flush();
  return S;
}

const char *DriverC =
    R"KIT(/* The A/B driver: runs pilot_run() (harness/cases.c) on every file of a corpus
   folder, in name order. Linked once against the C module and once against the
   Rust staticlib (see the Makefile): the two outputs must be identical.

     driver CORPUS...            one block of output per input
     driver --bench N CORPUS...  N passes over the corpus, then one line:
                                 calls, ns/call, MB/s, rejected inputs, peak RSS, CPU */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

int pilot_run(const unsigned char *data, size_t len, FILE *out);

#define PILOT_MAX_INPUT (16u << 20)

struct input { char *name; unsigned char *data; size_t len; };
static struct input *inputs;
static size_t ninputs, cap;

static void add_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  unsigned char *buf = malloc(PILOT_MAX_INPUT);
  if (!buf) { fputs("driver: out of memory\n", stderr); exit(2); }
  size_t n = fread(buf, 1, PILOT_MAX_INPUT, f);
  fclose(f);
  if (ninputs == cap) {
    cap = cap ? cap * 2 : 64;
    inputs = realloc(inputs, cap * sizeof *inputs);
    if (!inputs) { fputs("driver: out of memory\n", stderr); exit(2); }
  }
  inputs[ninputs].name = strdup(path);
  inputs[ninputs].data = realloc(buf, n ? n : 1);
  inputs[ninputs].len = n;
  ++ninputs;
}

static int by_name(const struct dirent **a, const struct dirent **b) {
  return strcmp((*a)->d_name, (*b)->d_name);
}

static void add_path(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) { perror(path); exit(2); }
  if (S_ISREG(st.st_mode)) { add_file(path); return; }
  if (!S_ISDIR(st.st_mode)) return; /* links, devices, FIFOs: not inputs */
  struct dirent **names;
  int n = scandir(path, &names, NULL, by_name);
  if (n < 0) { perror(path); exit(2); }
  for (int i = 0; i < n; ++i) {
    if (names[i]->d_name[0] != '.') {
      size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
      char *child = malloc(len);
      snprintf(child, len, "%s/%s", path, names[i]->d_name);
      struct stat cs;
      if (lstat(child, &cs) == 0 && S_ISREG(cs.st_mode)) add_file(child);
      free(child);
    }
    free(names[i]);
  }
  free(names);
}

static double seconds(const struct timespec *t) { return t->tv_sec + t->tv_nsec / 1e9; }

int main(int argc, char **argv) {
  long iterations = 0;
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "--bench") == 0) {
    iterations = strtol(argv[2], NULL, 10);
    if (iterations <= 0) { fputs("driver: --bench N needs N > 0\n", stderr); return 2; }
    first = 3;
  }
  if (first >= argc) { fputs("usage: driver [--bench N] CORPUS...\n", stderr); return 2; }
  for (int i = first; i < argc; ++i) add_path(argv[i]);
  if (!iterations) {
    int rejected = 0;
    for (size_t i = 0; i < ninputs; ++i) {
      const char *base = strrchr(inputs[i].name, '/');
      printf("== %s\n", base ? base + 1 : inputs[i].name);
      rejected += pilot_run(inputs[i].data, inputs[i].len, stdout) != 0;
    }
    fprintf(stderr, "driver: %zu inputs, %d rejected\n", ninputs, rejected);
    return 0;
  }
  FILE *sink = fopen("/dev/null", "w");
  if (!sink) { perror("/dev/null"); return 2; }
  struct timespec t0, t1;
  unsigned long long calls = 0, bytes = 0, rejected = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long it = 0; it < iterations; ++it)
    for (size_t i = 0; i < ninputs; ++i) {
      rejected += pilot_run(inputs[i].data, inputs[i].len, sink) != 0;
      ++calls;
      bytes += inputs[i].len;
    }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double wall = seconds(&t1) - seconds(&t0);
  printf("calls=%llu ns_per_call=%.1f mb_per_s=%.2f rejected=%llu peak_rss_kib=%ld "
         "cpu_user_s=%.3f cpu_sys_s=%.3f\n",
         calls, calls ? wall * 1e9 / calls : 0.0, wall > 0 ? bytes / wall / 1e6 : 0.0,
         rejected, ru.ru_maxrss, ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
         ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
  return 0;
}
)KIT";

const char *FuzzC =
    R"KIT(/* The differential fuzz target: each input goes through the C module and the
   Rust crate in one process; any difference in what pilot_run() prints aborts.
   The C module and a second copy of harness/cases.c are compiled with their
   exported names prefixed (see the Makefile's `fuzz` target), so both
   implementations link side by side. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pilot_run(const unsigned char *data, size_t len, FILE *out);   /* Rust */
int pilot_c_run(const unsigned char *data, size_t len, FILE *out); /* C */

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
  char *a = NULL, *b = NULL;
  size_t na = 0, nb = 0;
  FILE *fa = open_memstream(&a, &na), *fb = open_memstream(&b, &nb);
  if (!fa || !fb) abort();
  int ra = pilot_c_run(data, len, fa), rb = pilot_run(data, len, fb);
  fclose(fa);
  fclose(fb);
  if (ra != rb || na != nb || memcmp(a, b, na) != 0) {
    fprintf(stderr, "pilot: the C and Rust builds differ on this input\nC:    %.*s\nRust: %.*s\n",
            (int)na, a, (int)nb, b);
    abort();
  }
  free(a);
  free(b);
  return 0;
}
)KIT";

std::string renderAbScript() {
  return R"KIT(#!/bin/sh
# Runs the A/B comparison: both builds on the corpus (outputs must be identical),
# then the benchmark of each, printed as one table.
#   harness/ab.sh DRIVER_C DRIVER_RUST CORPUS [ITERATIONS]
set -eu
c=$1; rust=$2; corpus=$3; n=${4:-200}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$c" "$corpus" > "$out/c.txt" 2> "$out/c.err"
"$rust" "$corpus" > "$out/rust.txt" 2> "$out/rust.err" || {
  echo "pilot: the Rust build failed on the corpus:"; tail -5 "$out/rust.err"; exit 1; }
if cmp -s "$out/c.txt" "$out/rust.txt"; then
  echo "outputs: identical ($(grep -c '^== ' "$out/c.txt") inputs; $(cat "$out/c.err"))"
else
  echo "outputs: DIFFERENT"; diff "$out/c.txt" "$out/rust.txt" | head -40; exit 1
fi
row() { # build name, driver
  line=$("$2" --bench "$n" "$corpus")
  get() { printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  printf '| %-5s | %12s | %10s | %8s | %9s | %12s | %10s | %9s |\n' "$1" "$(get calls)" \
    "$(get ns_per_call)" "$(get mb_per_s)" "$(get rejected)" "$(get peak_rss_kib)" \
    "$(get cpu_user_s)" "$(get cpu_sys_s)"
}
echo
echo "A/B benchmark: $n passes over $corpus"
printf '| %-5s | %12s | %10s | %8s | %9s | %12s | %10s | %9s |\n' build calls ns/call MB/s \
  rejected "peak RSS KiB" "CPU user s" "CPU sys s"
echo '|-------|--------------|------------|----------|-----------|--------------|------------|-----------|'
row C "$c"
row Rust "$rust"
)KIT";
}

} // namespace

std::string pilotCrateName(const std::string &Module) {
  std::string Base(baseName(Module));
  size_t Dot = Base.rfind('.');
  if (Dot != std::string::npos && Dot > 0)
    Base = Base.substr(0, Dot);
  std::string N;
  for (char C : Base)
    N += std::isalnum(static_cast<unsigned char>(C))
             ? static_cast<char>(std::tolower(C))
             : '_';
  if (N.empty() || std::isdigit(static_cast<unsigned char>(N[0])))
    N = "m_" + N;
  return N + "_pilot";
}

PilotKit renderPilotKit(const PilotInput &In) {
  const ModuleScore &M = *In.Module;
  const ModuleInterface &I = In.Interface;
  Context C{In,
            I,
            In.Analysis->Graph,
            {M.Functions.begin(), M.Functions.end()},
            pilotCrateName(M.Name)};
  PilotKit Kit;

  // --- The crate
  // ---------------------------------------------------------------
  Kit.Files["rust/Cargo.toml"] =
      "# The Rust side of the pilot of `" + M.Name +
      "`: generated by carcinize pilot.\n"
      "# No dependencies: it builds offline (`cargo build --offline`), with "
      "Rust 1.63 or later.\n"
      "[package]\nname = \"" +
      C.Crate +
      "\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"
      "publish = false\n\n[lib]\ncrate-type = [\"staticlib\", \"rlib\"]\n\n"
      "[[bin]]\nname = \"pilot_layout\"\npath = \"src/bin/pilot_layout.rs\"\n\n"
      "[profile.release]\n# A panic (a todo!() reached, a failed check) must "
      "not unwind into C.\n"
      "panic = \"abort\"\n\n[profile.dev]\npanic = \"abort\"\n";
  Kit.Files["rust/src/lib.rs"] = "//! The Rust rewrite of `" + M.Name +
                                 "` (pilot generated by carcinize).\n//!\n"
                                 "//! `ffi` holds the C ABI the callers link "
                                 "against; write the safe implementation in\n"
                                 "//! modules of its own and keep `ffi` a thin "
                                 "layer that checks pointers and lengths\n"
                                 "//! and calls it.\npub mod ffi;\n";
  Kit.Files["rust/src/ffi.rs"] = renderFfi(C);
  Kit.Files["rust/src/bin/pilot_layout.rs"] = renderLayoutBin(C);
  std::string Functions;
  for (const auto &F : I.Functions)
    Functions += (Functions.empty() ? "\"" : ", \"") + F.Name + "\"";
  Kit.Files["rust/cbindgen.toml"] =
      "# cbindgen --config cbindgen.toml --output ../build/" + C.Crate +
      ".h\n"
      "# writes the C header of the Rust crate, to diff against the module's "
      "own headers.\n"
      "language = \"C\"\ninclude_guard = \"" +
      C.Crate +
      "_H\"\nno_includes = false\n"
      "sys_includes = [\"stddef.h\", \"stdint.h\", "
      "\"stdbool.h\"]\n\n[export]\ninclude = [" +
      Functions + "]\n\n[parse]\nparse_deps = false\n";

  // --- C side
  // --------------------------------------------------------------------
  Kit.Files["c/pilot.h"] = renderPilotHeader(C);
  Kit.Files["c/layout.c"] = renderLayoutC(C);
  Kit.Files["harness/cases.c"] = renderCases(C);
  Kit.Files["harness/driver.c"] = DriverC;
  Kit.Files["harness/fuzz_diff.c"] = FuzzC;
  Kit.Files["harness/ab.sh"] = renderAbScript();
  Kit.Executables.push_back("harness/ab.sh");

  // --- Corpus
  // ------------------------------------------------------------------
  if (In.Seeds.empty()) {
    Kit.Files["corpus/empty"] = "";
    Kit.Files["corpus/text"] = "hello, pilot\n";
    std::string All;
    for (int B = 0; B < 256; ++B)
      All += static_cast<char>(B);
    Kit.Files["corpus/bytes"] = All;
  } else {
    for (const auto &[Name, Bytes] : In.Seeds)
      Kit.Files["corpus/" + Name] = Bytes;
  }

  // --- The A/B switch: Makefile and CMake
  // ----------------------------------------
  std::string Compiler = I.Cxx ? "$(CXX)" : "$(CC)";
  std::string Renames; // -Dname=pilot_c_name for the fuzz target's C copy
  for (const auto &F : I.Functions)
    Renames += " -D" + F.Name + "=pilot_c_" + F.Name;
  for (const auto &Gl : I.Globals)
    if (!Gl.Static && Gl.DefinedHere)
      Renames += " -D" + Gl.Name + "=pilot_c_" + Gl.Name;
  std::string Mk;
  Out MS(Mk);
  MS << "# The A/B switch and harness of the pilot of `" << M.Name
     << "` (generated by carcinize pilot).\n"
        "#   make IMPL=c|rust program  build the driver against the C objects "
        "or the Rust "
        "staticlib\n"
        "#   make layout-check          C and Rust agree on every shared "
        "type's layout\n"
        "#   make ab                    both builds on the corpus: identical "
        "outputs, then "
        "the A/B table\n"
        "#   make fuzz                  the differential libFuzzer target "
        "(clang's fuzzer "
        "runtime)\n"
        "# Nothing here runs the project's own build: the module's sources are "
        "compiled "
        "with the\n# flags carcinize parsed them with.\n\n"
     << "PROJECT_ROOT ?= " << In.Root << "\n"
     << "KIT := $(patsubst %/,%,$(dir $(abspath $(lastword "
        "$(MAKEFILE_LIST)))))\n"
     << "BUILD ?= $(KIT)/build\nCARGO ?= cargo\nCLANG ?= clang\nIMPL ?= c\n"
     << "CFLAGS ?= -O2 -g\nCARGO_FLAGS ?= --release --offline\n"
     << "RUST_LIB := $(KIT)/rust/target/release/lib" << C.Crate << ".a\n"
     << "RUST_LDLIBS := -lpthread -ldl -lm\n"
     << "PILOT_INCLUDES := -I$(KIT)/c -I$(PROJECT_ROOT)\n"
     << "CORPUS ?= $(KIT)/corpus\nITERATIONS ?= 200\n"
     << "# The rest of the project the module calls (objects or a library), "
        "for both builds:\n"
     << "EXTRA_LIBS ?=\n\n";
  std::vector<std::string> Objects;
  std::string Rules;
  for (size_t K = 0; K < I.SourceFlags.size(); ++K) {
    const auto &[Src, Flags] = I.SourceFlags[K];
    std::string Obj = "$(BUILD)/c/" + std::to_string(K) + "_" +
                      std::string(baseName(Src)) + ".o";
    std::string FlagText;
    for (const auto &Fl : Flags)
      FlagText += " '" + Fl + "'";
    MS << "FLAGS_" << K << " :=" << FlagText << "\n";
    Objects.push_back(Obj);
    Rules += Obj + ": $(PROJECT_ROOT)/" + Src + "\n\t@mkdir -p $(BUILD)/c\n\t" +
             Compiler + " $(CFLAGS) $(FLAGS_" + std::to_string(K) +
             ") -c $< -o $@\n\n";
    Rules += "$(BUILD)/fuzz/" + std::to_string(K) + ".o: $(PROJECT_ROOT)/" +
             Src +
             "\n\t@mkdir -p $(BUILD)/fuzz\n\t$(CLANG) -g -O1 "
             "-fsanitize=fuzzer-no-link $(FLAGS_" +
             std::to_string(K) + ") $(RENAMES) -c $< -o $@\n\n";
  }
  MS << "C_OBJECTS :=";
  for (const auto &O : Objects)
    MS << " " << O;
  MS << "\nFUZZ_OBJECTS :=";
  for (size_t K = 0; K < I.SourceFlags.size(); ++K)
    MS << " $(BUILD)/fuzz/" << K << ".o";
  MS << "\nRENAMES :=" << Renames << " -Dpilot_run=pilot_c_run\n"
     << "MODULE_CFLAGS := $(FLAGS_0)\n\n"
     << "ifeq ($(IMPL),rust)\nIMPL_LIBS := $(RUST_LIB) "
        "$(RUST_LDLIBS)\nIMPL_DEPS := rust\n"
        "else ifeq ($(IMPL),c)\nIMPL_LIBS := $(C_OBJECTS)"
     << (I.Cxx ? " -lstdc++" : "")
     << "\nIMPL_DEPS := $(C_OBJECTS)\nelse\n$(error IMPL must be c or "
        "rust)\nendif\n\n"
     << ".PHONY: all rust program layout-check ab fuzz clean\nall: "
        "layout-check ab\n\n"
     << "rust:\n\tcd $(KIT)/rust && $(CARGO) build $(CARGO_FLAGS)\n\n"
     << Rules
     << "$(BUILD)/$(IMPL)/driver: $(KIT)/harness/driver.c "
        "$(KIT)/harness/cases.c $(IMPL_DEPS)\n"
        "\t@mkdir -p $(BUILD)/$(IMPL)\n"
        "\t$(CC) $(CFLAGS) $(PILOT_INCLUDES) $(MODULE_CFLAGS) "
        "$(KIT)/harness/driver.c "
        "$(KIT)/harness/cases.c $(IMPL_LIBS) $(EXTRA_LIBS) -o $@\n\n"
     << "program: $(BUILD)/$(IMPL)/driver\n\n"
     << "layout-check:\n\t@mkdir -p $(BUILD)\n\t" << Compiler
     << " $(CFLAGS) $(PILOT_INCLUDES) $(MODULE_CFLAGS) -x "
     << (I.Cxx ? "c++" : "c")
     << " $(KIT)/c/layout.c -o $(BUILD)/layout-c\n"
        "\t$(BUILD)/layout-c > $(BUILD)/layout-c.txt\n"
        "\tcd $(KIT)/rust && $(CARGO) run $(CARGO_FLAGS) --quiet --bin "
        "pilot_layout > "
        "$(BUILD)/layout-rust.txt\n"
        "\tdiff $(BUILD)/layout-c.txt $(BUILD)/layout-rust.txt\n"
        "\t@echo \"layout: C and Rust agree on $$(grep -c . "
        "$(BUILD)/layout-c.txt) "
        "sizes, alignments and offsets\"\n\n"
     << "ab:\n\t$(MAKE) -f $(KIT)/Makefile IMPL=c program\n"
        "\t$(MAKE) -f $(KIT)/Makefile IMPL=rust program\n"
        "\tsh $(KIT)/harness/ab.sh $(BUILD)/c/driver $(BUILD)/rust/driver "
        "$(CORPUS) "
        "$(ITERATIONS)\n\n"
     << "fuzz: rust $(FUZZ_OBJECTS)\n\t@mkdir -p $(BUILD)/fuzz\n"
        "\t$(CLANG) -g -O1 -fsanitize=fuzzer-no-link $(PILOT_INCLUDES) "
        "$(MODULE_CFLAGS) "
        "$(RENAMES) -c $(KIT)/harness/cases.c -o $(BUILD)/fuzz/cases_c.o\n"
        "\t$(CLANG) -g -O1 -fsanitize=fuzzer-no-link $(PILOT_INCLUDES) "
        "$(MODULE_CFLAGS) "
        "-c $(KIT)/harness/cases.c -o $(BUILD)/fuzz/cases_rust.o\n"
        "\t$(CLANG) -g -fsanitize=fuzzer $(KIT)/harness/fuzz_diff.c "
        "$(BUILD)/fuzz/cases_c.o "
        "$(BUILD)/fuzz/cases_rust.o $(FUZZ_OBJECTS) $(RUST_LIB) $(RUST_LDLIBS) "
        "$(EXTRA_LIBS)"
     << (I.Cxx ? " -lstdc++" : "")
     << " -o $(BUILD)/fuzz/fuzz_diff\n"
        "\t@echo \"run: $(BUILD)/fuzz/fuzz_diff $(CORPUS)\"\n\n"
     << "clean:\n\trm -rf $(BUILD) $(KIT)/rust/target\n";
  MS.flush();
  Kit.Files["Makefile"] = Mk;

  std::string Cm;
  Out CS(Cm);
  CS << "# The A/B switch for a CMake build (generated by carcinize pilot): "
        "include this\n"
        "# file from the project's CMakeLists.txt, then link the targets that "
        "used the C\n"
        "# module against `"
     << C.Crate
     << "_impl` instead of its sources:\n#\n"
        "#   include(path/to/kit/pilot.cmake)\n#   target_link_libraries(app "
        "PRIVATE "
     << C.Crate
     << "_impl)\n#\n# and configure with -DPILOT_IMPL=RUST for the Rust build "
        "(default C). Remove the\n# module's sources from the targets they "
        "were in, or "
        "the C and Rust symbols clash.\n"
     << "set(PILOT_IMPL \"C\" CACHE STRING \"Implementation of " << M.Name
     << ": C or RUST\")\nset_property(CACHE PILOT_IMPL PROPERTY STRINGS C "
        "RUST)\n"
     << "set(PILOT_PROJECT_ROOT \"" << In.Root
     << "\" CACHE PATH \"Root of the scanned project\")\n"
     << "set(_pilot_kit \"${CMAKE_CURRENT_LIST_DIR}\")\n"
     << "if(PILOT_IMPL STREQUAL \"RUST\")\n"
        "  find_program(PILOT_CARGO cargo REQUIRED)\n"
        "  set(_pilot_lib \"${CMAKE_CURRENT_BINARY_DIR}/pilot-rust/release/lib"
     << C.Crate
     << ".a\")\n"
        "  add_custom_command(OUTPUT \"${_pilot_lib}\"\n"
        "    COMMAND \"${PILOT_CARGO}\" build --release --offline\n"
        "            --target-dir \"${CMAKE_CURRENT_BINARY_DIR}/pilot-rust\"\n"
        "    WORKING_DIRECTORY \"${_pilot_kit}/rust\"\n"
        "    DEPENDS \"${_pilot_kit}/rust/src/lib.rs\" "
        "\"${_pilot_kit}/rust/src/ffi.rs\"\n"
        "    COMMENT \"cargo build ("
     << C.Crate
     << ")\" VERBATIM)\n"
        "  add_custom_target("
     << C.Crate
     << "_cargo DEPENDS \"${_pilot_lib}\")\n"
        "  add_library("
     << C.Crate
     << "_impl STATIC IMPORTED GLOBAL)\n"
        "  set_target_properties("
     << C.Crate
     << "_impl PROPERTIES IMPORTED_LOCATION \"${_pilot_lib}\"\n"
        "    INTERFACE_LINK_LIBRARIES \"pthread;dl;m\")\n"
        "  add_dependencies("
     << C.Crate << "_impl " << C.Crate
     << "_cargo)\n"
        "elseif(PILOT_IMPL STREQUAL \"C\")\n  add_library("
     << C.Crate << "_impl STATIC";
  for (const auto &[Src, Flags] : I.SourceFlags)
    CS << "\n    \"${PILOT_PROJECT_ROOT}/" << Src << "\"";
  CS << ")\n";
  if (!I.SourceFlags.empty()) {
    CS << "  target_compile_options(" << C.Crate << "_impl PRIVATE";
    for (const auto &Fl : I.SourceFlags.front().second)
      CS << " \"" << Fl << "\"";
    CS << ")\n";
  }
  CS << "else()\n  message(FATAL_ERROR \"PILOT_IMPL must be C or RUST, not "
        "'${PILOT_IMPL}'\")\n"
        "endif()\n"
     << "target_include_directories(" << C.Crate
     << "_impl INTERFACE \"${PILOT_PROJECT_ROOT}\")\n";
  CS.flush();
  Kit.Files["pilot.cmake"] = Cm;

  // --- README: the brief, and the FFI surface
  // --------------------------------------
  std::string R;
  Out RS(R);
  RS << "# Pilot kit: `" << M.Name << "` in Rust\n\n"
     << "Generated by `carcinize pilot` from a scan of `" << In.Root
     << "`. The advice it "
        "puts into practice: start with one small, risky module, rewrite it, "
        "and decide on "
        "evidence, comparing both builds on the same inputs.\n\n"
     << "Rank " << M.Rank << " of " << In.Modules->size() << " by priority "
     << llvm::format("%.2f", M.Priority) << " (risk "
     << llvm::format("%.2f", M.Risk) << ", exposure "
     << llvm::format("%.2f", M.Exposure) << ", hotness "
     << llvm::format("%.2f", M.Hotness) << ", effort "
     << llvm::format("%.2f", M.Effort) << "), " << M.CodeLines
     << " code lines in " << M.FunctionCount << " functions.\n\n";
  for (const auto &Reason : M.Reasons)
    RS << "- " << Reason << "\n";
  RS << "\n## Steps\n\n"
     << "1. `make layout-check`: the C compiler and Rust agree on the size, "
        "alignment and "
        "field offsets of every shared type.\n"
     << "2. `cd rust && cargo build --offline`: the crate builds (each "
        "function a `todo!()`).\n"
     << "3. Port each function of `rust/src/ffi.rs`, in safe Rust behind the "
        "`extern \"C\"` "
        "layer; its doc comment holds the C contract and the findings it "
        "removes.\n"
     << "4. `make ab`: the harness (`harness/driver.c` + `harness/cases.c`) "
        "runs the C build "
        "and the Rust build on `corpus/`; the outputs must be identical; then "
        "the A/B table "
        "(time per call, throughput, rejected inputs, peak RSS, CPU).\n"
     << "5. `make fuzz && build/fuzz/fuzz_diff corpus/`: both implementations "
        "in one "
        "process under libFuzzer; any difference aborts.\n"
     << "6. In the product: `include(pilot.cmake)` and `-DPILOT_IMPL=RUST` (or "
        "the "
        "Makefile's `IMPL=rust`) links the Rust staticlib behind the same "
        "symbols.\n\n";
  {
    // What the module needs from the rest of the tree: the C build of the
    // harness links it through EXTRA_LIBS.
    std::set<std::string> Needs;
    for (size_t N : M.Functions)
      for (const auto &E : C.G.callees(N))
        if (!C.Mine.count(E.To))
          Needs.insert(C.G.function(E.To).Name + " (" +
                       C.G.function(E.To).File + ")");
    if (!Needs.empty()) {
      RS << "The module calls " << Needs.size()
         << " functions of other modules; link them into "
            "both builds with `make ab EXTRA_LIBS=...` (their objects, or the "
            "project's "
            "library after the module):";
      unsigned Shown = 0;
      for (const auto &N : Needs)
        if (++Shown <= 12)
          RS << (Shown > 1 ? "," : "") << " `" << N << "`";
      if (Needs.size() > 12)
        RS << " and " << Needs.size() - 12 << " more";
      RS << ".\n\n";
    }
  }
  RS << "Corpus: "
     << (In.Seeds.empty()
             ? std::string("three generated seeds (no fuzz corpus or test "
                           "inputs were found in the project); add real inputs "
                           "to `corpus/`.")
             : std::to_string(In.Seeds.size()) +
                                 (In.Seeds.size() == 1 ? " file" : " files") + " copied from `" +
                   In.SeedSource + "`.")
     << "\n\n";
  if (std::vector<Session> Sessions = planSessions(I); !Sessions.empty()) {
    RS << "## Harness sessions\n\n"
       << "Entry points that take a handle (a pointer to a struct the module "
          "owns) are called in a session, `harness/cases.c` on each input: "
          "the constructor (a name with init/create/new/open, taking the "
          "handle, which the harness allocates zeroed, or returning it), the "
          "input (the handle's input fields, a byte pointer and its length "
          "named in/input/src, set to the input; else the one function "
          "taking the handle and bytes, called once), the driver (called in "
          "a loop bounded by the input's length until it returns a negative "
          "value or makes no progress), the finisher "
          "(finish/flush/final/done), then the destructor "
          "(free/delete/destroy/end/close). Their return codes, the structs "
          "they fill, the bytes written through the handle's output fields "
          "(hashed) and the handle's scalar fields and strings are printed. "
          "Integer arguments of drivers are 0: change them in `cases.c` "
          "where 0 is not what the callers pass.\n\n";
    for (const auto &S : Sessions) {
      auto Name = [](const InterfaceFunction *F) {
        return F ? "`" + F->Name + "`" : std::string("none");
      };
      RS << "- `" << S.Key << "`: constructor " << Name(S.Ctor) << "(";
      for (size_t J = 0; J < S.CtorArgs.size(); ++J)
        RS << (J ? ", " : "") << S.CtorArgs[J];
      RS << "), input "
         << (S.InPtr >= 0 ? "through `" + S.Type->Fields[S.InPtr].Name +
                                "`/`" + S.Type->Fields[S.InLen].Name + "`"
                          : Name(S.Feeder))
         << ", " << Name(S.Driver) << " is the driver";
      if (S.OutPtr >= 0)
        RS << " (output through `" << S.Type->Fields[S.OutPtr].Name << "`/`"
           << S.Type->Fields[S.OutLen].Name << "`)";
      RS << ", finisher " << Name(S.Finisher) << ", destructor "
         << Name(S.Dtor) << ".";
      if (S.Unsure.empty()) {
        RS << "\n";
      } else {
        RS << " **Not sure**: written under `#if 0` with a TODO for you to "
              "complete:";
        for (const auto &W : S.Unsure)
          RS << " " << W << ";";
        RS << "\n";
      }
    }
    std::vector<std::string> Others;
    for (const auto &S : Sessions)
      for (const auto &F : I.Partners)
        if (S.Uses.count(F.Name))
          Others.push_back("`" + F.Name + "` (" + F.OtherHeader + ")");
    if (!Others.empty()) {
      RS << "\nThe sessions call functions of other modules: ";
      for (size_t J = 0; J < Others.size(); ++J)
        RS << (J ? ", " : "") << Others[J];
      RS << "; link them into both builds with `EXTRA_LIBS=...`.\n";
    }
    RS << "\n";
  }
  if (!I.Notes.empty()) {
    RS << "## Parse notes\n\n";
    for (const auto &N : I.Notes)
      RS << "- " << N << "\n";
    RS << "\n";
  }
  RS << "## Entry points\n\n";
  if (I.Functions.empty())
    RS << "No function of the module is called from other modules or declared "
          "in its "
          "headers.\n\n";
  for (const auto &F : I.Functions) {
    RS << "### `" << F.Name << "`\n\n```c\n"
       << F.Prototype << ";\n```\n\n"
       << "Defined at " << F.File << ":" << F.Line
       << (!F.Header.empty() ? "; declared in " + F.Header
           : !F.OtherHeader.empty()
               ? "; declared in " + F.OtherHeader + ", outside the module"
               : "; declared by no header (its callers declare it)")
       << ".\n\n";
    for (const auto &P : F.Problems)
      RS << "- **Cannot cross `extern \"C\"` as written**: " << P << "\n";
    for (const auto &P : F.Params)
      if (P.Callback)
        RS << "- Receives a callback, `" << P.Name << "` (`" << P.CType
           << "`): the Rust side "
           << "calls back into C; keep the calls in the same order (the "
              "harness records them).\n";
    if (!F.Checks.empty()) {
      RS << "\nContract (its early checks):\n\n";
      for (const auto &K : F.Checks)
        RS << "- when `" << K.Condition << "`: " << K.Outcome << " (line "
           << K.Line << ")\n";
    }
    auto Callers = C.callers(F.Name);
    RS << "\nCallers:";
    if (Callers.empty())
      RS << " none in the scanned tree (a library entry point).\n";
    else
      RS << "\n\n";
    // One line per calling function, its call lines together.
    for (size_t K = 0; K < Callers.size();) {
      size_t E = K;
      std::string Lines;
      while (E < Callers.size() && Callers[E].Name == Callers[K].Name &&
             Callers[E].File == Callers[K].File) {
        Lines += (E > K ? ", " : ":") + std::to_string(Callers[E].Line);
        ++E;
      }
      RS << "- `" << Callers[K].Name << "` (" << Callers[K].File << Lines << ")"
         << (Callers[K].Harness ? " — test, example or fuzzer" : "") << "\n";
      K = E;
    }
    auto Fs = C.findings(F.Name);
    if (!Fs.empty()) {
      RS << "\nFindings a safe version removes:\n\n";
      for (const Finding *X : Fs)
        RS << "- " << toString(X->Sev) << " `" << X->RuleId << "` (" << X->File
           << ":" << X->Line << "): " << X->Message << "\n";
    }
    RS << "\n";
  }
  // Findings outside the entry points (helpers the rewrite takes along).
  {
    std::vector<const Finding *> Rest;
    std::set<std::string> Entry;
    for (const auto &F : I.Functions)
      Entry.insert(F.Name);
    for (size_t K : M.FindingIndexes)
      if (K < In.Facts->Findings.size() &&
          !Entry.count(In.Facts->Findings[K].FunctionName))
        Rest.push_back(&In.Facts->Findings[K]);
    std::stable_sort(
        Rest.begin(), Rest.end(), [](const Finding *A, const Finding *B) {
          return A->Sev != B->Sev
                     ? A->Sev > B->Sev
                     : std::tie(A->File, A->Line) < std::tie(B->File, B->Line);
        });
    if (!Rest.empty()) {
      RS << "## Findings in the module's helpers\n\n";
      for (const Finding *X : Rest)
        RS << "- " << toString(X->Sev) << " `" << X->RuleId << "` in `"
           << X->FunctionName << "` (" << X->File << ":" << X->Line
           << "): " << X->Message << "\n";
      RS << "\n";
    }
  }
  RS << "## What to measure\n\n"
     << "`make ab` prints, for each build, the time per call and throughput "
        "over the corpus, "
        "the inputs rejected (a negative or null return: the error rate), the "
        "peak resident "
        "memory and the CPU time. Run it on the same machine, idle, with a "
        "corpus that looks "
        "like production traffic; keep the table with the pull request.\n";
  {
    std::vector<size_t> Hot(M.Functions.begin(), M.Functions.end());
    const auto &Hs = In.Analysis->Hotness;
    std::stable_sort(Hot.begin(), Hot.end(), [&](size_t X, size_t Y) {
      return Hs[X].Score > Hs[Y].Score;
    });
    unsigned Shown = 0;
    for (size_t N : Hot) {
      if (Shown == 5 || N >= Hs.size() || Hs[N].Score <= 0)
        break;
      if (!Shown)
        RS << "\nThe hot functions to watch:\n\n";
      RS << "- `" << C.G.function(N).Name << "`: hotness "
         << llvm::format("%.2f", Hs[N].Score) << " (" << Hs[N].Source << ": "
         << Hs[N].Detail << ")\n";
      ++Shown;
    }
  }
  RS << "\nThe full FFI surface (types, layouts, globals, macros) is in "
        "[FFI.md](FFI.md).\n";
  RS.flush();
  Kit.Files["README.md"] = R;

  std::string Ffi;
  Out FS(Ffi);
  FS << "# FFI surface of `" << M.Name
     << "`\n\nEverything that crosses the boundary between "
        "the module and its callers, as Clang saw it in the C build (sizes in "
        "bytes for this "
        "target).\n\n## Functions\n\n| function | C | Rust | notes |\n| --- | "
        "--- | --- | --- |\n";
  for (const auto &F : I.Functions) {
    std::string Rust = "fn(";
    for (size_t P = 0; P < F.Params.size(); ++P)
      Rust += (P ? ", " : "") +
              (F.Params[P].RustType.empty() ? "?" : F.Params[P].RustType);
    Rust += ")";
    if (F.ReturnRust != "()" && F.ReturnRust != "c_void")
      Rust += " -> " + F.ReturnRust;
    std::string Notes;
    for (const auto &P : F.Problems)
      Notes += (Notes.empty() ? "" : "; ") + P;
    auto Esc = [](std::string S) {
      for (size_t P = 0; (P = S.find('|', P)) != std::string::npos; P += 2)
        S.replace(P, 1, "\\|");
      return flat(S);
    };
    FS << "| `" << F.Name << "` | `" << Esc(F.Prototype) << "` | `" << Esc(Rust)
       << "` | " << (Notes.empty() ? "" : Esc(Notes)) << " |\n";
  }
  FS << "\n## Types\n\n";
  if (I.Types.empty())
    FS << "Only builtin types cross the boundary.\n";
  for (const auto &T : I.Types) {
    static const char *Kinds[] = {"struct", "union", "enum", "typedef",
                                  "opaque"};
    FS << "### `" << (T.CName.empty() ? T.RustName : T.CName) << "` ("
       << Kinds[T.K] << ", Rust `" << T.RustName << "`)\n\n";
    FS << (T.File.empty()
               ? "From a system header"
               : "Defined at " + T.File + ":" + std::to_string(T.Line));
    if (T.Size)
      FS << "; " << T.Size << " bytes, aligned to " << T.Align;
    FS << ".\n\n";
    for (const auto &P : T.Problems)
      FS << "- **Cannot cross `extern \"C\"` as written**: " << P << "\n";
    if (!T.Problems.empty())
      FS << "\n";
    if (!T.Fields.empty()) {
      FS << "| field | C type | offset | size | Rust |\n| --- | --- | --- | "
            "--- | --- |\n";
      for (const auto &F : T.Fields) {
        FS << "| `" << F.Name << "` | `" << flat(F.CType) << "` | ";
        if (F.BitField)
          FS << "bit " << F.OffsetBits << " | " << F.BitWidth
             << " bits | bit-field |\n";
        else
          FS << F.OffsetBits / 8 << " | " << F.SizeBits / 8
             << (F.FlexibleArray ? " (flexible)" : "") << " | `" << F.RustType
             << "` |\n";
      }
      FS << "\n";
    }
    if (!T.Constants.empty()) {
      FS << "Constants:";
      for (const auto &[N, V] : T.Constants)
        FS << " `" << N << "` = " << V << ";";
      FS << "\n\n";
    }
    if (T.K == InterfaceType::Typedef)
      FS << "`" << T.UnderlyingC << "` -> `" << T.Underlying << "`"
         << (T.FunctionPointer ? " (a function-pointer type: a callback)" : "")
         << "\n\n";
  }
  FS << "## Global state\n\n";
  if (I.Globals.empty())
    FS << "The module touches no global variable of the tree.\n";
  for (const auto &Gl : I.Globals)
    FS << "- `" << Gl.CType << " " << Gl.Name << "` (" << Gl.File << ":"
       << Gl.Line << "): "
       << (Gl.Static        ? "internal to the module"
           : Gl.DefinedHere ? "defined by the module, exported"
                            : "defined elsewhere")
       << (Gl.Read ? ", read" : "") << (Gl.Written ? ", written" : "")
       << (Gl.Static ? " — state the Rust version carries itself" : "")
       << (Gl.InitC.empty() ? "" : "; initial value `" + flat(Gl.InitC) + "`")
       << (Gl.InitRust.empty() || Gl.Static
               ? ""
               : " (in Rust: `" + flat(Gl.InitRust) + "`)")
       << "\n";
  FS << "\n## Macros of the public headers\n\n";
  if (I.Macros.empty())
    FS << "None.\n";
  for (const auto &Mc : I.Macros)
    FS << "- `#define " << Mc.Name << " " << Mc.Body << "` (" << Mc.File << ":"
       << Mc.Line << ")\n";
  FS << "\n## Callbacks received\n\n";
  bool AnyCb = false;
  for (const auto &F : I.Functions)
    for (const auto &P : F.Params)
      if (P.Callback) {
        AnyCb = true;
        FS << "- `" << F.Name << "` takes `" << P.Name << "` (`" << P.CType
           << "`), Rust `" << P.RustType << "`\n";
      }
  for (const auto &T : I.Types)
    for (const auto &Fd : T.Fields)
      if (Fd.RustType.find("fn(") != std::string::npos) {
        AnyCb = true;
        FS << "- `" << (T.CName.empty() ? T.RustName : T.CName) << "."
           << Fd.Name << "` holds one (`" << Fd.CType << "`)\n";
      }
  if (!AnyCb)
    FS << "None.\n";
  FS.flush();
  Kit.Files["FFI.md"] = Ffi;
  return Kit;
}

std::map<std::string, std::string> findSeeds(const std::string &Root,
                                             std::string &From,
                                             unsigned MaxFiles,
                                             unsigned MaxBytes) {
  std::map<std::string, std::string> Seeds;
  std::error_code EC;
  unsigned Visited = 0;
  std::vector<std::string> Candidates;
  for (llvm::sys::fs::recursive_directory_iterator
           It(Root, EC, /*follow_symlinks=*/false),
       End;
       It != End && !EC && Visited < 20000; It.increment(EC), ++Visited) {
    if (It.level() > 6) {
      It.no_push();
      continue;
    }
    if (It->type() != llvm::sys::fs::file_type::directory_file)
      continue;
    std::string Name = llvm::sys::path::filename(It->path()).lower();
    if (Name[0] == '.') {
      It.no_push();
      continue;
    }
    // Fuzz corpora and test inputs, as projects name them: corpus, seeds,
    // testdata, test-data, regression-inputs, samples.
    if (Name.find("corpus") != std::string::npos ||
        Name.find("seed") != std::string::npos || Name == "testdata" ||
        Name == "test-data" || Name == "test_data" ||
        Name.find("inputs") != std::string::npos || Name == "samples")
      Candidates.push_back(It->path());
  }
  std::sort(Candidates.begin(), Candidates.end());
  for (const auto &Dir : Candidates) {
    std::vector<std::string> Files;
    std::error_code E2;
    unsigned N = 0;
    for (llvm::sys::fs::directory_iterator It(Dir, E2, false), End;
         It != End && !E2 && N < 4096; It.increment(E2), ++N)
      Files.push_back(It->path());
    std::sort(Files.begin(), Files.end());
    for (const auto &F : Files) {
      if (Seeds.size() >= MaxFiles)
        break;
      struct stat St;
      if (::lstat(F.c_str(), &St) != 0 || !S_ISREG(St.st_mode) ||
          St.st_size > static_cast<off_t>(MaxBytes))
        continue;
      int Fd =
          ::open(F.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (Fd < 0)
        continue;
      std::string Bytes(static_cast<size_t>(St.st_size), '\0');
      ssize_t Got = ::read(Fd, Bytes.data(), Bytes.size());
      ::close(Fd);
      if (Got < 0)
        continue;
      Bytes.resize(static_cast<size_t>(Got));
      std::string Name;
      for (char C : std::string(llvm::sys::path::filename(F)))
        Name += std::isalnum(static_cast<unsigned char>(C)) || C == '.' ||
                        C == '-' || C == '_'
                    ? C
                    : '_';
      if (Name.empty() || Name[0] == '.')
        Name = "seed" + Name;
      Seeds.emplace(Name, std::move(Bytes));
    }
    if (!Seeds.empty()) {
      From = relativeTo(Dir, Root);
      break;
    }
  }
  return Seeds;
}

namespace {

void writeNew(const std::string &Path, const std::string &Bytes,
              bool Executable) {
  int Fd =
      ::open(Path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
             Executable ? 0755 : 0644);
  if (Fd < 0)
    throw InputError(Path + ": cannot create (" + std::strerror(errno) + ")");
  size_t Done = 0;
  while (Done < Bytes.size()) {
    ssize_t N = ::write(Fd, Bytes.data() + Done, Bytes.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      int E = errno;
      ::close(Fd);
      throw InputError(Path + ": cannot write (" + std::strerror(E) + ")");
    }
    Done += static_cast<size_t>(N);
  }
  if (::close(Fd) != 0)
    throw InputError(Path + ": cannot write (" + std::strerror(errno) + ")");
}

void removeTree(const std::string &Dir) {
  // Only what writePilotKit created: folders and regular files, no links
  // followed (remove_directories does not follow them).
  llvm::sys::fs::remove_directories(Dir, /*IgnoreErrors=*/true);
}

} // namespace

void writePilotKit(const PilotKit &Kit, const std::string &DirIn) {
  std::string Dir = absolutePath(DirIn);
  while (Dir.size() > 1 && Dir.back() == '/')
    Dir.pop_back();
  struct stat St;
  bool ReplaceEmpty = false;
  if (::lstat(Dir.c_str(), &St) == 0) {
    if (S_ISLNK(St.st_mode))
      throw InputError(
          DirIn +
          ": is a symbolic link; pilot writes a new folder, never through "
          "a link");
    if (!S_ISDIR(St.st_mode))
      throw InputError(DirIn + ": exists and is not a folder");
    std::error_code EC;
    llvm::sys::fs::directory_iterator It(Dir, EC);
    if (EC || It != llvm::sys::fs::directory_iterator())
      throw InputError(
          DirIn +
          ": exists and is not empty; pilot writes a new folder (remove it "
          "or choose another)");
    ReplaceEmpty = true;
  }
  std::string Parent = parentDir(Dir);
  if (::lstat(Parent.c_str(), &St) != 0 || !S_ISDIR(St.st_mode))
    throw InputError(DirIn + ": its parent folder does not exist");
  std::string Tmp = Dir + ".tmp-XXXXXX";
  if (!::mkdtemp(Tmp.data()))
    throw InputError(DirIn + ": cannot create a folder beside it (" +
                     std::strerror(errno) + ")");
  try {
    ::chmod(Tmp.c_str(), 0755);
    std::set<std::string> Made;
    std::set<std::string> Exec(Kit.Executables.begin(), Kit.Executables.end());
    for (const auto &[Rel, Bytes] : Kit.Files) {
      // The names are ours; still, nothing may leave the folder.
      if (Rel.empty() || Rel[0] == '/' || Rel.find("..") != std::string::npos)
        throw InputError("pilot: refusing to write '" + Rel + "' outside " +
                         DirIn);
      for (size_t P = Rel.find('/'); P != std::string::npos;
           P = Rel.find('/', P + 1)) {
        std::string Sub = Tmp + "/" + Rel.substr(0, P);
        if (Made.insert(Sub).second && ::mkdir(Sub.c_str(), 0755) != 0 &&
            errno != EEXIST)
          throw InputError(Sub + ": cannot create (" + std::strerror(errno) +
                           ")");
      }
      writeNew(Tmp + "/" + Rel, Bytes, Exec.count(Rel) > 0);
    }
    if (ReplaceEmpty && ::rmdir(Dir.c_str()) != 0)
      throw InputError(DirIn + ": cannot replace (" + std::strerror(errno) +
                       ")");
    if (::rename(Tmp.c_str(), Dir.c_str()) != 0)
      throw InputError(DirIn + ": cannot create (" + std::strerror(errno) +
                       ")");
  } catch (...) {
    removeTree(Tmp);
    throw;
  }
}

} // namespace carcinize
