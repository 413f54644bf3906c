#pragma once
/// \file Inline suppressions: `carcinize-ignore(rule-glob): reason` comments.
/// The front end hands over the comments it saw; this plain unit parses them
/// and marks the findings they cover. A suppressed finding is kept, marked,
/// with its reason: counted and listed, never silently dropped.
///
///   // carcinize-ignore(mem.unbounded-string-copy): input is a literal
///   strcpy(buf, "ok");                 <- the line after the comment
///   strcpy(buf, "ok"); // carcinize-ignore(mem.*): same line
///   // carcinize-ignore-begin(heap.*): arena allocator, audited
///   ...
///   // carcinize-ignore-end
///   // carcinize-ignore-file(type.c-style-cast): generated bindings

#include "facts/Facts.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carcinize {

/// The forms a suppression comment takes.
enum class SuppressionKind { Line, Begin, End, File };

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

/// Marks the findings covered by the valid directives of their file
/// (\p ByFile: file path -> directives in source order), and appends a
/// `meta.invalid-suppression` finding for each invalid directive.
void applySuppressions(std::vector<Finding> &Findings,
                       const std::map<std::string, std::vector<SuppressionDirective>> &ByFile);

/// The id of the finding reported for a malformed suppression comment.
inline constexpr const char *InvalidSuppressionRuleId = "meta.invalid-suppression";

} // namespace carcinize
