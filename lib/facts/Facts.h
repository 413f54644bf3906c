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

/// Where a value of a function body comes from, as space-separated origins
/// (intra-procedural def-use):
///   `pN`   the function's parameter N (its value, or memory it points to);
///   `cK`   the result of call K (an index into the function's `Callees`);
///   `cK.J` memory passed as argument J to call K, as that call left it
///          (`fread(buf, ...)` fills `buf`);
///   `vN`   every origin of the function's value set N (FunctionFacts::
///          Values: what a variable holds over the whole body, stored once).
/// What call K leaves reaches only the calls that end after it or share a
/// loop with it (CallSite::Order, CallSite::Loop). Sorted and unique; empty
/// when the value derives from none of them (constants, fresh allocations,
/// globals).
using ValueOrigins = std::string;

/// One parsed origin of a ValueOrigins string.
struct ValueOrigin {
  enum Kind { Param, Result, Written, Value } K = Param;
  unsigned Index = 0; ///< the parameter, the call or the value set
  unsigned Arg = 0;   ///< for Written: the argument of the call
  bool operator<(const ValueOrigin &O) const;
  bool operator==(const ValueOrigin &O) const {
    return K == O.K && Index == O.Index && Arg == O.Arg;
  }
};

/// Parses \p Text; false (and \p Out partial) when a token is malformed.
bool parseValueOrigins(const std::string &Text, std::vector<ValueOrigin> &Out);
/// Formats \p Origins in canonical (sorted, unique) form.
ValueOrigins formatValueOrigins(std::vector<ValueOrigin> Origins);

/// One call written in a function body.
struct CallSite {
  std::string CalleeUsr;  ///< USR of the called function (joins TUs); empty when indirect
  /// Qualified name, for reports and profiles; for an indirect call, the
  /// function pointer as written ('settings->on_url').
  std::string CalleeName;
  unsigned Line = 0;      ///< line of the call
  bool Virtual = false;   ///< a virtual call: the target is chosen at run time
  unsigned LoopDepth = 0; ///< loops around the call in the caller (0: none)
  /// A call through a function pointer (not a virtual call): the target is
  /// any function of the same Signature whose address is taken.
  bool Indirect = false;
  /// For an indirect call, the canonical type of the function called
  /// ("int (struct http_parser *, const char *, unsigned long)").
  std::string Signature;
  /// Where each argument's value comes from (see ValueOrigins), one entry
  /// per argument written; empty when no argument derives from anything.
  std::vector<ValueOrigins> Args;
  /// The rank of the call's end in the body (calls nested in its arguments
  /// end before it); equal ranks for calls in one macro expansion.
  unsigned Order = 0;
  /// The outermost loop around the call, numbered from 1 in the body; 0
  /// outside loops.
  unsigned Loop = 0;
  bool operator==(const CallSite &O) const {
    return CalleeUsr == O.CalleeUsr && CalleeName == O.CalleeName &&
           Line == O.Line && Virtual == O.Virtual && LoopDepth == O.LoopDepth &&
           Indirect == O.Indirect && Signature == O.Signature && Args == O.Args &&
           Order == O.Order && Loop == O.Loop;
  }
};

/// A function of the tree used as a value (its address taken: stored in a
/// function pointer, a table, passed as a callback) rather than called.
struct AddressTakenSite {
  std::string Usr;       ///< the function
  std::string Name;      ///< its qualified name
  std::string Signature; ///< its canonical function type (matches CallSite::Signature)
  std::string File;      ///< where its address is taken
  unsigned Line = 0;
  bool operator==(const AddressTakenSite &O) const {
    return Usr == O.Usr && Name == O.Name && Signature == O.Signature && File == O.File &&
           Line == O.Line;
  }
  bool operator<(const AddressTakenSite &O) const;
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
  /// bytes (char, signed/unsigned char, int8_t), 'v' pointer to void (a
  /// buffer, or a callback's user data), 'i' integer, 'f' FILE *, 's'
  /// pointer to a stream: a struct holding a byte pointer and a
  /// length (zlib's z_stream: next_in, avail_in), 'p' other pointer or
  /// reference, 'o' anything else.
  std::string ParamKinds;
  bool ExternalLinkage = false;
  Language Lang = Language::C;
  std::vector<CallSite> Callees; ///< direct and virtual calls, in source order
  unsigned IndirectCalls = 0;    ///< calls through function pointers
  std::vector<ParserPattern> ParserShape; ///< parser patterns seen in the body
  /// The value sets that origins name with `vN` (no `vN` inside them).
  std::vector<ValueOrigins> Values;
  /// Where the returned values come from (see ValueOrigins).
  ValueOrigins ReturnFlow;
  /// Per parameter, what the body writes into memory the parameter points
  /// to (see ValueOrigins; `p->len = n`, `fread(p->buf, ...)`). Empty when
  /// nothing is written into any parameter, else one entry per parameter.
  std::vector<ValueOrigins> OutFlow;
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
  /// Code lines no parse analysed: those in inactive preprocessor branches
  /// (`#if 0`, a feature macro the flags do not define), or the whole file
  /// when its translation unit failed. Files seen by several TUs keep the
  /// fewest. The coverage of a file is 1 - UnanalysedLines / CodeLines.
  unsigned UnanalysedLines = 0;
  bool operator==(const FileFacts &O) const {
    return Path == O.Path && CodeLines == O.CodeLines &&
           UnanalysedLines == O.UnanalysedLines && Lang == O.Lang && Includes == O.Includes;
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
  /// Functions whose address is taken, with where: the first site per
  /// function and file (sorted).
  std::vector<AddressTakenSite> AddressTaken;
  bool operator==(const ScanFacts &O) const;

  /// Appends \p Other's facts. Call normalize() afterwards.
  void append(ScanFacts Other);
  /// Reserves room for appending every one of \p Parts (no vector grows by
  /// doubling, holding its old and new arrays at once).
  void reserveFor(const std::vector<ScanFacts> &Parts);

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

/// True when \p Name looks like the name of a length or a count (`len`,
/// `size`, `avail_in`, `nbytes`, `count`, `n`...): a buffer's companion.
bool looksLikeLengthName(const std::string &Name);

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
