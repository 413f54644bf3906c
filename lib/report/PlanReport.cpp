#include "report/PlanReport.h"

#include "support/Text.h"

#include <llvm/Support/Format.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <map>
#include <set>

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
      {"FILE", "libc::FILE"}};
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
     << "; effort " << llvm::format("%.2f", M.Effort) << ").\n\n";
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
  OS << "## The interface to keep\n\n";
  if (Interface.empty()) {
    OS << "No other module calls into this one: it can be replaced whole.\n\n";
  } else {
    OS << "Other modules call these " << Interface.size()
       << " functions; the Rust version exports them with the same C ABI until the callers "
          "move too.\n\n";
    for (size_t I : Interface) {
      const FunctionFacts &F = G.function(I);
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

  OS << "## The callers\n\n";
  bool AnyCaller = false;
  for (size_t I : Interface)
    for (const auto &E : G.callers(I))
      if (!Mine.count(E.To)) {
        const FunctionFacts &C = G.function(E.To);
        OS << "- `" << C.Name << "` (" << C.File << ":" << E.Line << ") calls `"
           << G.function(I).Name << "`\n";
        AnyCaller = true;
      }
  if (!AnyCaller)
    OS << "None in the scanned tree.\n";
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
    OS << "| location | severity | rule | finding |\n| --- | --- | --- | --- |\n";
    for (size_t K : M.FindingIndexes) {
      const Finding &F = Facts.Findings[K];
      std::string Msg = F.Message;
      for (size_t P = 0; (P = Msg.find('|', P)) != std::string::npos; P += 2)
        Msg.replace(P, 1, "\\|");
      OS << "| " << F.File << ":" << F.Line << " | " << toString(F.Sev) << " | `" << F.RuleId
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
