#pragma once
/// \file The facts model: plain data extracted from each translation unit,
/// merged across TUs and shards, and read by analysis, ranking and reports.
/// No Clang types appear here; paths are relative to the scanned root.

#include <cstdint>
#include <string>
#include <vector>

namespace carcinize {

/// The source language of a function or file.
enum class Language { C, CXX };

/// How a translation unit parsed.
enum class ParseStatus {
  Clean,     ///< no errors
  Recovered, ///< errors, but Clang recovered an AST that was analysed
  Failed,    ///< nothing usable (missing file, crash, time-out, fatal driver error)
};

/// Finding severities, ordered.
enum class Severity { Low, Medium, High, Critical };

/// One call written in a function body.
struct CallSite {
  std::string CalleeUsr;  ///< USR of the called function (joins TUs)
  std::string CalleeName; ///< qualified name, for reports and profiles
  unsigned Line = 0;      ///< line of the call
  bool Virtual = false;   ///< a virtual call: the target is chosen at run time
  unsigned LoopDepth = 0; ///< loops around the call in the caller (0: none)
  bool operator==(const CallSite &O) const {
    return CalleeUsr == O.CalleeUsr && CalleeName == O.CalleeName &&
           Line == O.Line && Virtual == O.Virtual && LoopDepth == O.LoopDepth;
  }
};

/// One sign that a function parses bytes (the shape behind parser CVEs).
struct ParserPattern {
  /// "byte-walk" (an index or pointer advancing over a byte buffer),
  /// "int-assembly" (integers built from bytes: shifts and ors, ntohs...),
  /// "tag-dispatch" (a switch on a byte read from a buffer),
  /// "length-field" (a value read from the buffer used as a size or bound).
  std::string Kind;
  unsigned Line = 0;
  std::string Detail; ///< e.g. "'data[pos++]'"
  bool operator==(const ParserPattern &O) const {
    return Kind == O.Kind && Line == O.Line && Detail == O.Detail;
  }
};

/// Facts of one function defined in the scanned tree.
struct FunctionFacts {
  std::string Usr;           ///< stable id: Clang's USR
  std::string Name;          ///< qualified name (`ns::Class::method`)
  std::string File;          ///< file of the definition
  unsigned BeginLine = 0;    ///< first line of the definition
  unsigned EndLine = 0;      ///< last line of the definition
  unsigned CodeLines = 0;    ///< lines holding code (no blanks, no comments)
  unsigned Complexity = 1;   ///< McCabe cyclomatic complexity
  unsigned MaxLoopDepth = 0; ///< deepest loop nesting in the body
  std::string ReturnType;
  std::vector<std::string> ParamTypes;
  std::vector<std::string> ParamNames;
  /// One letter per parameter, from its canonical type: 'b' pointer to
  /// bytes (char, signed/unsigned char, int8_t, void), 'i' integer, 'f'
  /// FILE *, 'p' other pointer or reference, 'o' anything else.
  std::string ParamKinds;
  bool ExternalLinkage = false;
  Language Lang = Language::C;
  std::vector<CallSite> Callees; ///< direct and virtual calls, in source order
  unsigned IndirectCalls = 0;    ///< calls through function pointers
  std::vector<ParserPattern> ParserShape; ///< parser patterns seen in the body
  bool operator==(const FunctionFacts &O) const;
};

/// Facts of one file of the scanned tree (sources and headers).
struct FileFacts {
  std::string Path;
  unsigned CodeLines = 0;
  Language Lang = Language::C;
  /// Included files: tree-relative paths when the include resolved inside the
  /// tree, else the spelling (`<stdio.h>`), in order of appearance.
  std::vector<std::string> Includes;
  bool operator==(const FileFacts &O) const {
    return Path == O.Path && CodeLines == O.CodeLines && Lang == O.Lang &&
           Includes == O.Includes;
  }
};

/// A problem Clang reported while parsing, kept for the TU report.
struct ParseDiagnostic {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
  bool operator==(const ParseDiagnostic &O) const {
    return File == O.File && Line == O.Line && Column == O.Column &&
           Message == O.Message;
  }
};

/// One translation unit as it was parsed.
struct TranslationUnitFacts {
  std::string File;
  ParseStatus Status = ParseStatus::Clean;
  bool InferredFlags = false;  ///< flags came from inference, not a database
  unsigned ErrorCount = 0;
  std::vector<ParseDiagnostic> Errors; ///< the first few errors
  std::vector<std::string> MissingIncludes; ///< skipped in inferred mode
  std::string FailureReason;   ///< set when Status is Failed
  bool operator==(const TranslationUnitFacts &O) const {
    return File == O.File && Status == O.Status && InferredFlags == O.InferredFlags &&
           ErrorCount == O.ErrorCount && Errors == O.Errors &&
           MissingIncludes == O.MissingIncludes && FailureReason == O.FailureReason;
  }
};

/// A rule's report at one site.
struct Finding {
  std::string RuleId;
  std::vector<unsigned> Cwe;
  Severity Sev = Severity::Medium;
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string FunctionUsr;  ///< enclosing function, empty at file scope
  std::string FunctionName;
  std::string Message;
  /// Set when an inline `carcinize-ignore` comment covers the finding.
  bool Suppressed = false;
  std::string SuppressionReason;
  bool operator==(const Finding &O) const;
  bool operator<(const Finding &O) const;
};

/// The name and version of the tool that produced a facts file.
struct ToolInfo {
  std::string Name = "carcinize";
  std::string Version;
};

/// Everything a scan learned. Mergeable: merging per-TU or per-shard facts in
/// any order gives the same result.
struct ScanFacts {
  ToolInfo Tool;
  std::vector<TranslationUnitFacts> TranslationUnits;
  std::vector<FileFacts> Files;
  std::vector<FunctionFacts> Functions;
  std::vector<Finding> Findings;
  bool operator==(const ScanFacts &O) const;

  /// Appends \p Other's facts. Call normalize() afterwards.
  void append(ScanFacts Other);

  /// Sorts everything into canonical order and removes duplicates: a
  /// function or file seen from several TUs (a header) is kept once; when
  /// the copies differ, the least in content order wins, whatever order
  /// they were appended in.
  void normalize();
};

/// Counts derived from the facts, printed in every report.
struct ScanStats {
  unsigned TranslationUnits = 0;
  unsigned ParsedClean = 0;
  unsigned ParsedWithErrors = 0;
  unsigned Failed = 0;
  unsigned InferredFlags = 0; ///< TUs whose flags were inferred
};

/// Computes the stats of \p Facts.
ScanStats computeStats(const ScanFacts &Facts);

const char *toString(Language L);
const char *toString(ParseStatus S);
const char *toString(Severity S);
/// Parses "low", "medium", "high", "critical"; false when unknown.
bool parseSeverity(const std::string &Text, Severity &Out);
bool parseLanguage(const std::string &Text, Language &Out);
bool parseStatus(const std::string &Text, ParseStatus &Out);

} // namespace carcinize
