#include "report/MachineReports.h"

#include "report/SourceLines.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/Format.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/SHA256.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

namespace carcinize {

namespace {

// ---------------------------------------------------------------------------
// Shared by the four formats
// ---------------------------------------------------------------------------

const char *const InformationUri = "https://github.com/carcinize/carcinize";
const char *const RuleDocBase = "https://github.com/carcinize/carcinize/blob/main/docs/rules/";

bool isSevere(Severity S) { return S == Severity::High || S == Severity::Critical; }

/// Indexes into R.Findings, most severe first; canonical order within a
/// severity (the findings arrive in canonical order, and the sort is stable).
std::vector<size_t> bySeverity(const FindingsReport &R) {
  std::vector<size_t> Order(R.Findings.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return static_cast<int>(R.Findings[A]->Sev) > static_cast<int>(R.Findings[B]->Sev);
  });
  return Order;
}

/// Findings per severity, indexed by the enum's value.
std::array<unsigned, 4> countBySeverity(const FindingsReport &R) {
  std::array<unsigned, 4> N{0, 0, 0, 0};
  for (const Finding *F : R.Findings)
    ++N[static_cast<int>(F->Sev)];
  return N;
}

/// JSON strings must be UTF-8; names and messages from the scanned tree may
/// not be (a Latin-1 file name), and llvm::json asserts on them.
std::string utf8(llvm::StringRef S) {
  return llvm::json::isUTF8(S) ? S.str() : llvm::json::fixUTF8(S);
}

/// The fingerprint of finding \p I; when the caller gave none, one made of
/// the rule, file, line and message (stable for an unchanged file).
std::string fingerprintOf(const FindingsReport &R, size_t I) {
  if (I < R.Fingerprints.size() && !R.Fingerprints[I].empty())
    return R.Fingerprints[I];
  const Finding &F = *R.Findings[I];
  std::string Key = F.RuleId + '\0' + F.File + '\0' + std::to_string(F.Line) + '\0' + F.Message;
  auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(16), /*LowerCase=*/true);
}

/// True when \p File is one of R.Unanalysed (said once, as such, not again
/// as a failed translation unit).
bool listedUnanalysed(const FindingsReport &R, const std::string &File) {
  for (const auto &U : R.Unanalysed)
    if (U.File == File)
      return true;
  return false;
}

/// The message of an unanalysed file, the same in every format.
std::string unanalysedText(const FindingsReport &R, const UnanalysedFile &U) {
  return U.File + ": " + U.Reason +
         (R.UnanalysedAllowed ? " (allowed by --allow-unanalysed)"
                              : "; its findings would be missing, so the check fails "
                                "(--allow-unanalysed to accept)");
}

std::string cweText(const std::vector<unsigned> &Cwe) {
  std::string Out;
  for (unsigned C : Cwe)
    Out += (Out.empty() ? "CWE-" : ", CWE-") + std::to_string(C);
  return Out;
}

// ---------------------------------------------------------------------------
// SARIF 2.1.0
// ---------------------------------------------------------------------------

/// `mem.unbounded-string-copy` -> `MemUnboundedStringCopy` (SARIF wants a
/// rule name distinct from its id, in Pascal case).
std::string pascalCase(llvm::StringRef Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (!llvm::isAlnum(C)) {
      Upper = true;
      continue;
    }
    Out += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Out;
}

/// Percent-encodes a path for a URI (RFC 3986): everything but the
/// unreserved characters and '/' is encoded, byte by byte of the UTF-8. That
/// is more than strictly needed (sub-delims and ':' are legal in a path
/// segment), but a ':' in the first segment of a relative reference would be
/// read as a scheme, and '%' or '#' in a file name must not be decoded.
std::string percentEncodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/') {
      Out += static_cast<char>(C);
    } else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

/// Semantic Versioning 2.0.0 (SARIF's `semanticVersion` must be one).
bool isSemVer(llvm::StringRef V) {
  auto Number = [&](llvm::StringRef &S) {
    size_t N = 0;
    while (N < S.size() && llvm::isDigit(S[N]))
      ++N;
    if (N == 0 || (N > 1 && S[0] == '0'))
      return false;
    S = S.drop_front(N);
    return true;
  };
  auto Ident = [&](llvm::StringRef S) {
    if (S.empty())
      return false;
    for (llvm::StringRef Part : llvm::split(S, '.'))
      if (Part.empty() || !llvm::all_of(Part, [](char C) { return llvm::isAlnum(C) || C == '-'; }))
        return false;
    return true;
  };
  if (!Number(V) || !V.consume_front(".") || !Number(V) || !V.consume_front(".") || !Number(V))
    return false;
  llvm::StringRef Build;
  std::tie(V, Build) = V.split('+');
  if (V.size() != 0 && (!V.consume_front("-") || !Ident(V)))
    return false;
  return Build.empty() || Ident(Build);
}

const char *sarifLevel(Severity S) {
  switch (S) {
  case Severity::Critical:
  case Severity::High: return "error";
  case Severity::Medium: return "warning";
  case Severity::Low: return "note";
  }
  return "warning";
}

/// GitHub code scanning reads `security-severity` (a number as a string) to
/// rank security alerts: over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9
/// medium, under 4.0 low.
const char *securitySeverity(Severity S) {
  switch (S) {
  case Severity::Critical: return "9.0";
  case Severity::High: return "7.5";
  case Severity::Medium: return "5.0";
  case Severity::Low: return "2.0";
  }
  return "5.0";
}

/// The `precision` values GitHub knows; anything else is reported as medium.
const char *sarifPrecision(llvm::StringRef P) {
  for (const char *Known : {"very-high", "high", "medium", "low"})
    if (P == Known)
      return Known;
  return "medium";
}

/// SARIF wants messages to be sentences; ours are facts without the final
/// period (as compiler diagnostics are).
std::string sentence(std::string Text) {
  while (!Text.empty() && (Text.back() == ' ' || Text.back() == '\n' || Text.back() == '\r'))
    Text.pop_back();
  if (!Text.empty() && Text.back() != '.' && Text.back() != '!' && Text.back() != '?')
    Text += '.';
  return Text;
}

/// SARIF columns count UTF-16 code units (the default `columnKind`, the one
/// GitHub reads); Clang's count bytes. The line is read to convert; when it
/// cannot be, the byte column stands (exact for ASCII lines).
unsigned utf16Column(SourceLines &Sources, const Finding &F) {
  if (F.Column <= 1 || F.Line == 0)
    return F.Column;
  const std::string &Line = Sources.line(F.File, F.Line);
  if (Line.empty())
    return F.Column;
  size_t Bytes = F.Column - 1;
  unsigned Units = 0;
  for (size_t I = 0; I < Bytes; ++I) {
    unsigned char C = I < Line.size() ? Line[I] : ' '; // past the end: one each
    if ((C & 0xC0) == 0x80)
      continue;                 // a continuation byte: counted with its lead byte
    Units += C >= 0xF0 ? 2 : 1; // four-byte sequences are surrogate pairs
  }
  return Units + 1;
}

/// A rule descriptor of the run: the catalogue's, or one made up for a
/// finding whose rule the catalogue does not hold (a meta finding).
struct SarifRule {
  const RuleInfo *Info = nullptr;
  std::string Id;
  Severity Sev = Severity::Medium;
  std::vector<unsigned> Cwe;
};

void writeSarifRule(llvm::json::OStream &J, const SarifRule &Rule) {
  const RuleInfo *I = Rule.Info;
  std::string HelpUri = RuleDocBase + Rule.Id + ".md";
  std::string Title = I && !I->Title.empty() ? I->Title : Rule.Id;
  J.object([&] {
    J.attribute("id", Rule.Id);
    J.attribute("name", pascalCase(Rule.Id));
    J.attributeObject("shortDescription", [&] { J.attribute("text", sentence(Title)); });
    J.attributeObject("fullDescription", [&] {
      J.attribute("text", sentence(I && !I->Rationale.empty() ? I->Rationale : Title));
    });
    J.attributeObject("help", [&] {
      std::string Text = sentence(I ? I->Rationale : Title);
      std::string Md = "**" + Title + "**\n\n" + Text;
      if (I && !I->RustAlternative.empty()) {
        Text += "\n\nIn Rust: " + sentence(I->RustAlternative);
        Md += "\n\n**In Rust:** " + sentence(I->RustAlternative);
      }
      if (!Rule.Cwe.empty()) {
        Text += "\n\n" + cweText(Rule.Cwe) + ".";
        Md += "\n\n";
        for (size_t C = 0; C < Rule.Cwe.size(); ++C) {
          std::string N = std::to_string(Rule.Cwe[C]);
          Md += (C ? ", " : "") + ("[CWE-" + N + "](https://cwe.mitre.org/data/definitions/" + N +
                                   ".html)");
        }
      }
      Text += "\n\nDocumentation: " + HelpUri;
      Md += "\n\n[Rule documentation](" + HelpUri + ")";
      J.attribute("text", Text);
      J.attribute("markdown", Md);
    });
    J.attribute("helpUri", HelpUri);
    J.attributeObject("defaultConfiguration", [&] {
      J.attribute("enabled", I ? I->EnabledByDefault : true);
      J.attribute("level", sarifLevel(Rule.Sev));
    });
    J.attributeObject("properties", [&] {
      J.attributeArray("tags", [&] {
        J.value("security");
        J.value(Rule.Id.substr(0, Rule.Id.find('.')));
        for (unsigned C : Rule.Cwe)
          J.value("external/cwe/cwe-" + std::to_string(C));
      });
      J.attribute("precision", sarifPrecision(I ? llvm::StringRef(I->Precision) : "medium"));
      J.attribute("security-severity", securitySeverity(Rule.Sev));
    });
  });
}

} // namespace

std::string renderSarif(const FindingsReport &R, size_t MaxResults) {
  // The rules array: the whole catalogue, then (sorted) any rule a finding
  // names that the catalogue lacks, so every result has a ruleIndex.
  std::vector<SarifRule> Rules;
  std::map<std::string, size_t> RuleIndex;
  if (R.Rules)
    for (const RuleInfo &I : *R.Rules)
      if (RuleIndex.emplace(I.Id, Rules.size()).second)
        Rules.push_back({&I, I.Id, I.DefaultSeverity, I.Cwe});
  std::map<std::string, const Finding *> Unknown;
  for (const Finding *F : R.Findings)
    if (!RuleIndex.count(F->RuleId))
      Unknown.emplace(F->RuleId, F);
  for (const auto &[Id, F] : Unknown) {
    RuleIndex.emplace(Id, Rules.size());
    Rules.push_back({nullptr, Id, F->Sev, F->Cwe});
  }

  // GitHub rejects runs over its result limit: keep the most severe, and
  // write them in canonical order.
  std::vector<size_t> Kept = bySeverity(R);
  size_t Cut = 0;
  if (Kept.size() > MaxResults) {
    Cut = Kept.size() - MaxResults;
    Kept.resize(MaxResults);
  }
  std::sort(Kept.begin(), Kept.end());
  std::array<unsigned, 4> CutBySev{0, 0, 0, 0};
  {
    std::vector<bool> IsKept(R.Findings.size(), false);
    for (size_t I : Kept)
      IsKept[I] = true;
    for (size_t I = 0; I < R.Findings.size(); ++I)
      if (!IsKept[I])
        ++CutBySev[static_cast<int>(R.Findings[I]->Sev)];
  }

  SourceLines Sources(R.Root);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "carcinize");
            if (!R.Version.empty()) {
              J.attribute("version", utf8(R.Version));
              if (isSemVer(R.Version))
                J.attribute("semanticVersion", R.Version);
            }
            J.attribute("informationUri", InformationUri);
            J.attributeArray("rules", [&] {
              for (const SarifRule &Rule : Rules)
                writeSarifRule(J, Rule);
            });
          });
        });

        J.attributeArray("invocations", [&] {
          J.object([&] {
            // The scan ran to its end: a cut or a file that did not parse
            // is reported, not a failure of the tool, except a file check
            // was asked about: its findings would be missing.
            J.attribute("executionSuccessful", R.Unanalysed.empty() || R.UnanalysedAllowed);
            J.attributeArray("toolExecutionNotifications", [&] {
              auto Notify = [&](const char *Id, const char *Level, const std::string &Text) {
                J.object([&] {
                  J.attributeObject("descriptor", [&] { J.attribute("id", Id); });
                  J.attribute("level", Level);
                  J.attributeObject("message", [&] { J.attribute("text", sentence(utf8(Text))); });
                });
              };
              if (Cut) {
                std::string Text = std::to_string(Cut) + " results were cut: at most " +
                                   std::to_string(MaxResults) +
                                   " results are uploaded per run, the most severe first (cut: " +
                                   std::to_string(CutBySev[3]) + " critical, " +
                                   std::to_string(CutBySev[2]) + " high, " +
                                   std::to_string(CutBySev[1]) + " medium, " +
                                   std::to_string(CutBySev[0]) +
                                   " low). `carcinize check --format json` lists them all";
                Notify("results-cut", "warning", Text);
              }
              for (const auto &U : R.Unanalysed)
                J.object([&] {
                  J.attributeObject("descriptor", [&] { J.attribute("id", "file-not-analysed"); });
                  J.attribute("level", R.UnanalysedAllowed ? "warning" : "error");
                  J.attributeObject("message", [&] {
                    J.attribute("text", sentence(utf8(unanalysedText(R, U))));
                  });
                  J.attributeArray("locations", [&] {
                    J.object([&] {
                      J.attributeObject("physicalLocation", [&] {
                        J.attributeObject("artifactLocation", [&] {
                          J.attribute("uri", percentEncodePath(U.File));
                          J.attribute("uriBaseId", "%SRCROOT%");
                        });
                      });
                    });
                  });
                });
              if (R.Facts)
                for (const auto &TU : R.Facts->TranslationUnits)
                  if (TU.Status == ParseStatus::Failed && !listedUnanalysed(R, TU.File))
                    Notify("tu-not-analysed", "warning",
                           TU.File + ": not analysed: " + TU.FailureReason);
              if (R.Scan) {
                for (const auto &W : R.Scan->Warnings)
                  Notify("scan-warning", "warning", W);
                for (const auto &N : R.Scan->Notes)
                  Notify("scan-note", "note", N);
              }
            });
            J.attributeObject("properties", [&] {
              J.attribute("findings", static_cast<int64_t>(R.Findings.size()));
              J.attribute("resultsCut", static_cast<int64_t>(Cut));
              J.attribute("suppressed", R.Suppressed);
              J.attribute("baselined", R.Baselined);
              J.attribute("outsideDiff", R.OutsideDiff);
            });
          });
        });

        if (!R.Root.empty() && R.Root.front() == '/')
          J.attributeObject("originalUriBaseIds", [&] {
            J.attributeObject("%SRCROOT%", [&] {
              std::string Uri = "file://" + percentEncodePath(R.Root);
              if (Uri.back() != '/')
                Uri += '/';
              J.attribute("uri", Uri);
            });
          });

        J.attributeArray("results", [&] {
          for (size_t I : Kept) {
            const Finding &F = *R.Findings[I];
            J.object([&] {
              J.attribute("ruleId", F.RuleId);
              J.attribute("ruleIndex", static_cast<int64_t>(RuleIndex.at(F.RuleId)));
              J.attribute("level", sarifLevel(F.Sev));
              J.attributeObject("message", [&] {
                J.attribute("text", sentence(utf8(F.Message.empty() ? F.RuleId : F.Message)));
              });
              J.attributeArray("locations", [&] {
                J.object([&] {
                  J.attributeObject("physicalLocation", [&] {
                    J.attributeObject("artifactLocation", [&] {
                      // Code scanning rejects absolute file URIs it cannot
                      // place in the checkout: a path under the root is made
                      // relative; one outside it (a system header) has no
                      // better form than absolute.
                      llvm::StringRef Path = F.File;
                      if (!R.Root.empty() && Path.starts_with(R.Root)) {
                        llvm::StringRef Rest = Path.drop_front(R.Root.size());
                        if (R.Root.back() == '/' || Rest.consume_front("/"))
                          Path = Rest;
                      }
                      if (Path.starts_with("/")) {
                        J.attribute("uri", "file://" + percentEncodePath(Path));
                      } else {
                        J.attribute("uri", percentEncodePath(Path));
                        J.attribute("uriBaseId", "%SRCROOT%");
                      }
                    });
                    // GitHub needs a region; a file-level finding points at
                    // the first line.
                    J.attributeObject("region", [&] {
                      J.attribute("startLine", std::max(F.Line, 1u));
                      if (F.Line && F.Column)
                        J.attribute("startColumn", utf16Column(Sources, F));
                    });
                  });
                  if (!F.FunctionName.empty())
                    J.attributeArray("logicalLocations", [&] {
                      J.object([&] {
                        J.attribute("fullyQualifiedName", utf8(F.FunctionName));
                        J.attribute("kind", "function");
                      });
                    });
                });
              });
              J.attributeObject("partialFingerprints", [&] {
                J.attribute("carcinizeFingerprint/v1", fingerprintOf(R, I));
              });
              J.attributeObject("properties", [&] {
                J.attribute("severity", toString(F.Sev));
                J.attribute("security-severity", securitySeverity(F.Sev));
                if (!F.Cwe.empty())
                  J.attributeArray("cwe", [&] {
                    for (unsigned C : F.Cwe)
                      J.value(C);
                  });
              });
            });
          }
        });

        J.attribute("columnKind", "utf16CodeUnits");
      });
    });
  });
  OS << "\n";
  OS.flush();
  return Out;
}

// ---------------------------------------------------------------------------
// GitHub Actions workflow commands
// ---------------------------------------------------------------------------

namespace {

/// A command's message, escaped as actions/toolkit's `escapeData` does
/// (packages/core/src/command.ts): the runner splits commands on line ends
/// and decodes these three.
std::string escapeData(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '%': Out += "%25"; break;
    case '\r': Out += "%0D"; break;
    case '\n': Out += "%0A"; break;
    default: Out += C;
    }
  }
  return Out;
}

/// A command's property value (`escapeProperty`): also ':' and ',', which
/// end the property list and a property.
std::string escapeProperty(llvm::StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    switch (C) {
    case ':': Out += "%3A"; break;
    case ',': Out += "%2C"; break;
    default: Out += C;
    }
  }
  return Out;
}

/// GitHub shows at most this many annotations of each kind per step.
constexpr unsigned AnnotationsPerKind = 10;

} // namespace

std::string renderGitHubAnnotations(const FindingsReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  unsigned Errors = 0, Warnings = 0;
  size_t NotShown = 0;
  // Files not analysed first: the findings that follow are incomplete.
  for (const auto &U : R.Unanalysed) {
    unsigned &Shown = R.UnanalysedAllowed ? Warnings : Errors;
    if (Shown == AnnotationsPerKind) {
      ++NotShown;
      continue;
    }
    ++Shown;
    OS << (R.UnanalysedAllowed ? "::warning " : "::error ") << "file=" << escapeProperty(U.File)
       << ",title=" << escapeProperty("carcinize: file not analysed") << "::"
       << escapeData(unanalysedText(R, U)) << "\n";
  }
  for (size_t I : bySeverity(R)) {
    const Finding &F = *R.Findings[I];
    bool Error = isSevere(F.Sev);
    unsigned &Shown = Error ? Errors : Warnings;
    if (Shown == AnnotationsPerKind) {
      ++NotShown;
      continue;
    }
    ++Shown;
    OS << (Error ? "::error " : "::warning ");
    if (!F.File.empty())
      OS << "file=" << escapeProperty(F.File) << ",";
    if (!F.File.empty() && F.Line) {
      OS << "line=" << F.Line << ",";
      if (F.Column)
        OS << "col=" << F.Column << ",";
      OS << "endLine=" << F.Line << ",";
    }
    OS << "title=" << escapeProperty("carcinize: " + F.RuleId) << "::"
       << escapeData(std::string(toString(F.Sev)) + ": " + F.Message) << "\n";
  }
  if (NotShown)
    OS << "::notice title=" << escapeProperty("carcinize: more findings") << "::"
       << escapeData(std::to_string(NotShown) +
                     (NotShown == 1 ? " more finding is" : " more findings are") +
                     " not annotated (GitHub shows " + std::to_string(AnnotationsPerKind) +
                     " errors and " + std::to_string(AnnotationsPerKind) +
                     " warnings per step): see the job summary written by "
                     "`carcinize check --format markdown`")
       << "\n";
  OS.flush();
  return Out;
}

// ---------------------------------------------------------------------------
// Markdown summary
// ---------------------------------------------------------------------------

namespace {

/// Text from the scanned tree as one cell of a GitHub-flavoured Markdown
/// table: nothing in it can end the cell or the row, open HTML, an entity, a
/// code span, a link or emphasis. Control characters are shown as `\xNN`.
std::string cell(llvm::StringRef Raw, size_t MaxBytes = 300) {
  std::string S = utf8(Raw);
  if (S.size() > MaxBytes) {
    size_t Cut = MaxBytes;
    while (Cut > 0 && (static_cast<unsigned char>(S[Cut]) & 0xC0) == 0x80)
      --Cut; // do not split a UTF-8 sequence
    S = S.substr(0, Cut) + "\xE2\x80\xA6";
  }
  std::string Out;
  for (unsigned char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '|': Out += "\\|"; break;
    case '\n': Out += "<br>"; break;
    case '\r': break;
    case '`': case '\\': case '*': case '_': case '[': case ']': case '~': case '#':
    case '!': case '$':
      Out += '\\';
      Out += static_cast<char>(C);
      break;
    default:
      if (C < 0x20 || C == 0x7f) {
        char Buf[8];
        std::snprintf(Buf, sizeof Buf, "\\\\x%02x", C);
        Out += Buf;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out;
}

/// Rows of the findings table, and the size past which rows stop: GitHub
/// takes up to 1 MiB per step summary, and the summary should stay readable.
constexpr size_t MaxFindingRows = 200;
constexpr size_t MaxSummaryBytes = 256 * 1024;

} // namespace

std::string renderMarkdownSummary(const FindingsReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  std::array<unsigned, 4> N = countBySeverity(R);
  size_t Total = R.Findings.size();
  OS << "## carcinize: " << Total << (Total == 1 ? " finding" : " findings") << "\n\n";
  OS << "| severity | findings |\n| --- | ---: |\n";
  for (int S = 3; S >= 0; --S)
    OS << "| " << toString(static_cast<Severity>(S)) << " | " << N[S] << " |\n";
  OS << "\n";
  std::vector<std::string> Left;
  if (R.Suppressed)
    Left.push_back(std::to_string(R.Suppressed) + " suppressed inline");
  if (R.Baselined)
    Left.push_back(std::to_string(R.Baselined) + " in the baseline");
  if (R.OutsideDiff)
    Left.push_back(std::to_string(R.OutsideDiff) + " on unchanged lines");
  if (!Left.empty()) {
    OS << "Not shown:";
    for (size_t I = 0; I < Left.size(); ++I)
      OS << (I ? ", " : " ") << Left[I];
    OS << ".\n\n";
  }

  if (!R.Unanalysed.empty()) {
    OS << "### " << (R.UnanalysedAllowed ? "Warning" : "Error") << ": "
       << R.Unanalysed.size() << (R.Unanalysed.size() == 1 ? " file" : " files")
       << " not analysed\n\n"
       << (R.UnanalysedAllowed ? "Allowed by --allow-unanalysed; their findings are missing.\n\n"
                               : "Their findings would be missing, so the check fails "
                                 "(exit code 3; `--allow-unanalysed` to accept).\n\n");
    OS << "| file | why |\n| --- | --- |\n";
    size_t Shown = 0;
    for (const auto &U : R.Unanalysed) {
      if (Shown++ == MaxFindingRows) {
        OS << "| ... | and " << (R.Unanalysed.size() - MaxFindingRows) << " more |\n";
        break;
      }
      OS << "| " << cell(U.File) << " | " << cell(U.Reason, 500) << " |\n";
    }
    OS << "\n";
  }

  if (R.Scan && R.Scan->Modules && !R.Scan->Modules->empty()) {
    const auto &Modules = *R.Scan->Modules;
    size_t Top = std::max(1u, R.Scan->Top);
    OS << "### Modules to rewrite in Rust first (by "
       << (R.Scan->Order == RankBy::Value
               ? "value: where the danger is"
               : "priority: by value; the first pilot, the fewest person-days of the " +
                     std::to_string(PilotCandidates) + " most valuable, is named")
       << ")\n\n";
    const ScanCoverage *Cov = R.Scan->Coverage;
    OS << "| rank | module | priority | " << (Cov ? "seen | " : "")
       << "value | risk | exposure | hotness | person-days | lines | top reason |\n"
       << "| ---: | --- | ---: | " << (Cov ? "---: | " : "")
       << "---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for (size_t I = 0; I < Modules.size() && I < Top; ++I) {
      const ModuleScore &M = Modules[I];
      OS << "| " << M.Rank << " | " << cell(M.Name) << " | " << llvm::format("%.2f", M.Priority)
         << " | ";
      if (Cov) {
        auto It = Cov->Modules.find(M.Name);
        OS << percent(It == Cov->Modules.end() ? 1.0 : It->second.share()) << " | ";
      }
      OS << llvm::format("%.2f | %.2f | %.2f | %.2f | %.1f", M.Value, M.Risk, M.Exposure,
                         M.Hotness, M.PersonDays)
         << " | " << M.CodeLines << " | " << (M.Reasons.empty() ? "" : cell(M.Reasons.front()))
         << " |\n";
    }
    if (Modules.size() > Top)
      OS << "\n... and " << (Modules.size() - Top) << " more modules.\n";
    OS << "\n";
  }

  if (Total) {
    OS << "### Findings\n\n| severity | location | rule | message |\n| --- | --- | --- | --- |\n";
    size_t Shown = 0;
    for (size_t I : bySeverity(R)) {
      if (Shown == MaxFindingRows || Out.size() > MaxSummaryBytes)
        break;
      const Finding &F = *R.Findings[I];
      OS << "| " << toString(F.Sev) << " | " << cell(F.File) << ":" << F.Line << ":" << F.Column
         << " | " << cell(F.RuleId) << " | " << cell(F.Message, 500) << " |\n";
      ++Shown;
      OS.flush();
    }
    if (Shown < Total)
      OS << "\n... and " << (Total - Shown) << " more (`carcinize check --format json` lists "
         << "them all).\n";
    OS << "\n";
  }

  if (R.Scan && (!R.Scan->Warnings.empty() || !R.Scan->Notes.empty())) {
    OS << "### Notes\n\n";
    size_t Listed = 0;
    for (const auto *List : {&R.Scan->Warnings, &R.Scan->Notes})
      for (const auto &Text : *List)
        if (Listed++ < 20)
          OS << "- " << (List == &R.Scan->Warnings ? "warning: " : "") << cell(Text, 500) << "\n";
    if (Listed > 20)
      OS << "- ... and " << (Listed - 20) << " more.\n";
    OS << "\n";
  }
  OS.flush();
  return Out;
}

// ---------------------------------------------------------------------------
// GitLab Code Quality
// ---------------------------------------------------------------------------

namespace {

/// GitLab's severities: info, minor, major, critical, blocker.
const char *codeQualitySeverity(Severity S) {
  switch (S) {
  case Severity::Low: return "minor";
  case Severity::Medium: return "major";
  case Severity::High: return "critical";
  case Severity::Critical: return "blocker";
  }
  return "major";
}

} // namespace

std::string renderCodeQuality(const FindingsReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::json::OStream J(OS, 2);
  // GitLab merges issues with equal fingerprints: keep them distinct even if
  // a caller passed duplicates.
  std::set<std::string> Seen;
  J.array([&] {
    // A file not analysed is an issue of its own: a merge request whose new
    // file carcinize never read shows it, with the file.
    for (const auto &U : R.Unanalysed) {
      std::string Key = std::string("carcinize.not-analysed") + '\0' + U.File;
      auto Hash = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Key));
      std::string Fp =
          llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(16), /*LowerCase=*/true);
      Seen.insert(Fp);
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("engine_name", "carcinize");
        J.attribute("check_name", "carcinize.not-analysed");
        J.attribute("description", utf8(unanalysedText(R, U)));
        J.attributeArray("categories", [&] { J.value("Bug Risk"); });
        J.attribute("severity", R.UnanalysedAllowed ? "info" : "blocker");
        J.attribute("fingerprint", Fp);
        J.attributeObject("location", [&] {
          J.attribute("path", utf8(U.File));
          J.attributeObject("lines", [&] { J.attribute("begin", 1); });
        });
      });
    }
    for (size_t I = 0; I < R.Findings.size(); ++I) {
      const Finding &F = *R.Findings[I];
      std::string Fp = fingerprintOf(R, I);
      for (unsigned K = 2; !Seen.insert(Fp).second; ++K)
        Fp = fingerprintOf(R, I) + "-" + std::to_string(K);
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("engine_name", "carcinize");
        J.attribute("check_name", F.RuleId);
        J.attribute("description", utf8(F.Message.empty() ? F.RuleId : F.Message));
        J.attributeArray("categories", [&] { J.value("Security"); });
        J.attribute("severity", codeQualitySeverity(F.Sev));
        J.attribute("fingerprint", Fp);
        J.attributeObject("location", [&] {
          J.attribute("path", utf8(F.File));
          J.attributeObject("lines", [&] { J.attribute("begin", std::max(F.Line, 1u)); });
        });
      });
    }
  });
  OS << "\n";
  OS.flush();
  return Out;
}

std::string markdownText(const std::string &Raw, size_t MaxBytes) { return cell(Raw, MaxBytes); }

} // namespace carcinize
