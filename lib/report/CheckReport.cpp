#include "report/CheckReport.h"

#include "report/SourceLines.h"
#include "support/Text.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/raw_ostream.h>

#include <cmath>
#include <set>

namespace carcinize {

namespace {

// ANSI SGR sequences, as clang colours its diagnostics.
struct Palette {
  bool On;
  const char *bold() const { return On ? "\033[1m" : ""; }
  const char *reset() const { return On ? "\033[0m" : ""; }
  const char *green() const { return On ? "\033[1;32m" : ""; }
  const char *severity(Severity S) const {
    if (!On)
      return "";
    switch (S) {
    case Severity::Critical:
    case Severity::High: return "\033[1;31m";
    case Severity::Medium: return "\033[1;35m";
    case Severity::Low: return "\033[1;36m";
    }
    return "";
  }
};

/// The source line as shown: tabs kept, other control characters blanked.
std::string shownSource(const std::string &S) {
  std::string Out = S;
  for (char &C : Out)
    if ((static_cast<unsigned char>(C) < 0x20 && C != '\t') || C == 0x7f)
      C = ' ';
  return Out;
}

} // namespace

std::string caretLine(const std::string &Source, unsigned Column) {
  std::string Out;
  for (size_t I = 0; I + 1 < Column && I < Source.size(); ++I) {
    unsigned char C = Source[I];
    if (C == '\t')
      Out += '\t';
    else if ((C & 0xC0) != 0x80)
      Out += ' ';
  }
  return Out + "^";
}

std::string renderCheckText(const FindingsReport &R, bool Color) {
  Palette P{Color};
  SourceLines Sources(R.Root);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  unsigned BySev[4] = {0, 0, 0, 0};
  for (const Finding *F : R.Findings) {
    ++BySev[static_cast<int>(F->Sev)];
    OS << P.bold() << printable(F->File) << ":" << F->Line << ":" << F->Column << ": "
       << P.reset() << P.severity(F->Sev) << toString(F->Sev) << ": " << P.reset() << P.bold()
       << printable(F->Message) << P.reset() << " [" << F->RuleId << "]\n";
    const std::string &Line = Sources.line(F->File, F->Line);
    if (!Line.empty()) {
      std::string Num = std::to_string(F->Line);
      SnippetWindow W = clipAround(Line, F->Column);
      OS << " " << Num << " | " << shownSource(W.Text) << "\n";
      OS << " " << std::string(Num.size(), ' ') << " | " << P.green()
         << caretLine(W.Text, W.Column) << P.reset() << "\n";
    }
  }
  size_t N = R.Findings.size();
  OS << (N ? "\n" : "") << N << (N == 1 ? " finding" : " findings") << " (" << BySev[3]
     << " critical, " << BySev[2] << " high, " << BySev[1] << " medium, " << BySev[0]
     << " low)";
  std::vector<std::string> Left;
  if (R.Suppressed)
    Left.push_back(std::to_string(R.Suppressed) + " suppressed inline");
  if (R.Baselined)
    Left.push_back(std::to_string(R.Baselined) + " in the baseline");
  if (R.OutsideDiff)
    Left.push_back(std::to_string(R.OutsideDiff) + " on unchanged lines");
  for (size_t I = 0; I < Left.size(); ++I)
    OS << (I ? ", " : "; not shown: ") << Left[I];
  OS << "\n";
  if (!R.Debt.empty()) {
    OS << "\nUnsafe debt per module since the baseline:\n";
    for (const auto &D : R.Debt)
      OS << "  " << (D.Violation ? "error: " : "") << printable(D.Text) << "\n";
  }
  // Files asked about and not analysed: errors (exit 3) unless allowed.
  std::set<std::string> Listed;
  for (const auto &U : R.Unanalysed) {
    Listed.insert(U.File);
    OS << P.severity(R.UnanalysedAllowed ? Severity::Medium : Severity::High)
       << (R.UnanalysedAllowed ? "warning: " : "error: ") << P.reset() << printable(U.File) << ": "
       << printable(U.Reason) << "\n";
  }
  if (!R.Unanalysed.empty()) {
    size_t N = R.Unanalysed.size();
    OS << (R.UnanalysedAllowed ? "warning: " : "error: ") << N
       << (N == 1 ? " file asked about was" : " files asked about were")
       << " not analysed: " << (N == 1 ? "its" : "their") << " findings are missing"
       << (R.UnanalysedAllowed ? " (allowed by --allow-unanalysed)\n"
                               : " (exit code 3; --allow-unanalysed to accept)\n");
  }
  if (R.Facts)
    for (const auto &TU : R.Facts->TranslationUnits)
      if (TU.Status == ParseStatus::Failed && !Listed.count(TU.File))
        OS << "warning: " << printable(TU.File) << ": not analysed: " << printable(TU.FailureReason)
           << "\n";
  if (R.Scan) {
    for (const auto &W : R.Scan->Warnings)
      OS << "warning: " << printable(W) << "\n";
  }
  OS.flush();
  return Out;
}

std::string renderCheckJson(const FindingsReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  unsigned BySev[4] = {0, 0, 0, 0};
  for (const Finding *F : R.Findings)
    ++BySev[static_cast<int>(F->Sev)];
  J.object([&] {
    J.attributeObject("tool", [&] {
      J.attribute("name", "carcinize");
      J.attribute("version", R.Version);
    });
    J.attributeArray("findings", [&] {
      for (size_t I = 0; I < R.Findings.size(); ++I) {
        const Finding &F = *R.Findings[I];
        J.object([&] {
          J.attribute("rule", F.RuleId);
          J.attribute("severity", toString(F.Sev));
          J.attributeArray("cwe", [&] {
            for (unsigned C : F.Cwe)
              J.value(C);
          });
          J.attribute("file", F.File);
          J.attribute("line", F.Line);
          J.attribute("column", F.Column);
          J.attribute("function", F.FunctionName);
          J.attribute("message", F.Message);
          J.attribute("fingerprint", I < R.Fingerprints.size() ? R.Fingerprints[I] : "");
        });
      }
    });
    J.attributeObject("summary", [&] {
      J.attribute("findings", static_cast<int64_t>(R.Findings.size()));
      J.attribute("critical", BySev[3]);
      J.attribute("high", BySev[2]);
      J.attribute("medium", BySev[1]);
      J.attribute("low", BySev[0]);
      J.attribute("suppressed", R.Suppressed);
      J.attribute("baselined", R.Baselined);
      J.attribute("outside_diff", R.OutsideDiff);
      J.attribute("unanalysed", static_cast<int64_t>(R.Unanalysed.size()));
      J.attribute("unanalysed_allowed", R.UnanalysedAllowed);
    });
    // Files asked about that were not analysed (exit code 3 unless allowed).
    J.attributeArray("unanalysed", [&] {
      for (const auto &U : R.Unanalysed)
        J.object([&] {
          J.attribute("file", U.File);
          J.attribute("reason", U.Reason);
        });
    });
    J.attributeArray("debt", [&] {
      for (const auto &D : R.Debt)
        J.object([&] {
          J.attribute("module", D.Module);
          J.attribute("before", std::round(D.Before * 1000) / 1000);
          J.attribute("after", std::round(D.After * 1000) / 1000);
          J.attribute("violation", D.Violation);
        });
    });
    J.attributeArray("problems", [&] {
      if (R.Facts)
        for (const auto &TU : R.Facts->TranslationUnits)
          if (TU.Status != ParseStatus::Clean)
            J.object([&] {
              J.attribute("file", TU.File);
              J.attribute("status", toString(TU.Status));
              J.attribute("reason", TU.FailureReason.empty() && !TU.Errors.empty()
                                        ? TU.Errors.front().Message
                                        : TU.FailureReason);
            });
    });
  });
  OS << "\n";
  OS.flush();
  return Out;
}

} // namespace carcinize
