#pragma once
/// \file Inline suppressions: `carcinize-ignore(rule-glob): reason` comments,
/// and clang-tidy's NOLINT forms where they name carcinize's checks. The front
/// end hands over the comments it saw; this plain unit parses them and marks
/// the findings they cover. A suppressed finding is kept, marked, with its
/// reason: counted and listed, never silently dropped.
///
///   // carcinize-ignore(mem.unbounded-string-copy): input is a literal
///   strcpy(buf, "ok");                 <- the line after the comment
///   strcpy(buf, "ok"); // carcinize-ignore(mem.*): same line
///   // carcinize-ignore-begin(heap.*): arena allocator, audited
///   ...
///   // carcinize-ignore-end
///   // carcinize-ignore-file(type.c-style-cast): generated bindings
///   strcpy(buf, "ok"); // NOLINT(carcinize-mem.unbounded-string-copy)
///   // NOLINTNEXTLINE(carcinize-mem.*, bugprone-*)
///   // NOLINTBEGIN(carcinize-heap.*) ... // NOLINTEND(carcinize-heap.*)
///
/// A NOLINT comment is carcinize's only when it names a `carcinize-` check:
/// a bare `NOLINT`, `NOLINT(*)` or one naming other tools' checks was written
/// for clang-tidy's warnings, and honouring it would silently hide
/// memory-safety findings on every such line of a codebase.

#include "facts/Facts.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carcinize {

/// The forms a suppression comment takes.
enum class SuppressionKind {
  Line,     ///< carcinize-ignore: its own line, and the next unless it trails code
  SameLine, ///< NOLINT: the comment's own line(s) only, as clang-tidy
  NextLine, ///< NOLINTNEXTLINE: the line after the comment only
  Begin,    ///< carcinize-ignore-begin, NOLINTBEGIN
  End,      ///< carcinize-ignore-end, NOLINTEND
  File      ///< carcinize-ignore-file
};

/// One parsed suppression comment.
struct SuppressionDirective {
  SuppressionKind Kind = SuppressionKind::Line;
  std::vector<std::string> Patterns; ///< rule ids or globs
  std::string Reason;
  unsigned BeginLine = 0; ///< first line of the comment
  unsigned EndLine = 0;   ///< last line of the comment
  unsigned Column = 0;
  /// The comment follows code on its line: it covers that line only. A
  /// comment alone on its line covers the line after it.
  bool Trailing = false;
  /// Empty when valid; else why it was ignored (e.g. no reason given).
  std::string Error;
};

/// Parses the text of one comment (with its `//` or `/* */`). Returns
/// nothing when the comment holds no carcinize directive.
std::optional<SuppressionDirective> parseSuppressionComment(std::string_view Comment,
                                                            unsigned BeginLine,
                                                            unsigned EndLine, unsigned Column);

/// True when \p Comment may hold a directive: the cheap test the front end
/// makes before it keeps a comment's position.
bool mayHoldSuppression(std::string_view Comment);

/// Marks the findings covered by the valid directives of their file
/// (\p ByFile: file path -> directives in source order), and appends a
/// `meta.invalid-suppression` finding for each invalid directive and, when
/// \p KnownRuleIds is given, for each rule id or glob that names no rule
/// of it (a misspelt id would otherwise silently suppress nothing).
void applySuppressions(std::vector<Finding> &Findings,
                       const std::map<std::string, std::vector<SuppressionDirective>> &ByFile,
                       const std::vector<std::string> *KnownRuleIds = nullptr);

/// True when the suppression or selection pattern \p Pattern (an id, a glob
/// such as `mem.*`, or a bare category such as `mem`) covers \p RuleId.
bool rulePatternMatches(const std::string &Pattern, const std::string &RuleId);

/// The id of the finding reported for a malformed suppression comment.
inline constexpr const char *InvalidSuppressionRuleId = "meta.invalid-suppression";

} // namespace carcinize
