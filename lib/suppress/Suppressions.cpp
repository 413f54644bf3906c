#include "suppress/Suppressions.h"

#include "support/Glob.h"
#include "support/Text.h"

#include <algorithm>
#include <cctype>

namespace carcinize {

namespace {

/// The prefix by which a NOLINT comment names carcinize's checks, as
/// clang-tidy names its own (`bugprone-*`).
constexpr std::string_view NolintPrefix = "carcinize-";

/// Removes a C comment's closing `*/` from \p Rest when \p Comment opened one.
std::string_view withoutCommentClose(std::string_view Comment, std::string_view Rest) {
  if (Comment.size() >= 2 && Comment.substr(0, 2) == "/*" && Rest.size() >= 2 &&
      Rest.substr(Rest.size() - 2) == "*/")
    Rest.remove_suffix(2);
  return Rest;
}

/// clang-tidy's forms: NOLINT, NOLINTNEXTLINE, NOLINTBEGIN, NOLINTEND, each
/// with a parenthesised list of check globs. Only the `carcinize-` entries
/// are ours; a comment with none of them is left to the other tools.
std::optional<SuppressionDirective> parseNolint(std::string_view Comment, unsigned BeginLine,
                                                unsigned EndLine, unsigned Column) {
  size_t At = Comment.find("NOLINT");
  if (At == std::string_view::npos)
    return std::nullopt;
  std::string_view Rest = withoutCommentClose(Comment, Comment.substr(At + 6));
  SuppressionDirective D;
  D.BeginLine = BeginLine;
  D.EndLine = EndLine;
  D.Column = Column;
  D.Kind = SuppressionKind::SameLine;
  std::string Form = "NOLINT";
  for (auto [Suffix, Kind] : {std::pair{std::string_view("NEXTLINE"), SuppressionKind::NextLine},
                              std::pair{std::string_view("BEGIN"), SuppressionKind::Begin},
                              std::pair{std::string_view("END"), SuppressionKind::End}})
    if (Rest.substr(0, Suffix.size()) == Suffix) {
      D.Kind = Kind;
      Form += Suffix;
      Rest.remove_prefix(Suffix.size());
      break;
    }
  if (Rest.empty() || Rest.front() != '(')
    return std::nullopt; // bare NOLINT: clang-tidy's, see the header
  size_t Close = Rest.find(')');
  std::string_view Checks = Rest.substr(1, Close == std::string_view::npos ? Rest.npos : Close - 1);
  bool Ours = false;
  while (!Checks.empty()) {
    size_t Comma = Checks.find(',');
    std::string_view Check = trimView(Checks.substr(0, Comma));
    if (Check.substr(0, NolintPrefix.size()) == NolintPrefix) {
      Ours = true;
      std::string_view Id = Check.substr(NolintPrefix.size());
      if (Id.empty())
        D.Error = "no rule id after 'carcinize-' in '" + Form + "(...)'";
      else
        D.Patterns.emplace_back(Id);
    }
    if (Comma == std::string_view::npos)
      break;
    Checks.remove_prefix(Comma + 1);
  }
  if (!Ours)
    return std::nullopt;
  if (Close == std::string_view::npos) {
    D.Error = "missing ')' after the checks of '" + Form + "'";
    return D;
  }
  // clang-tidy asks for no reason; text after the list is kept as one.
  std::string_view After = trimView(Rest.substr(Close + 1));
  while (!After.empty() && (After.front() == ':' || After.front() == '-'))
    After = trimView(After.substr(1));
  D.Reason = After.empty() ? Form + std::string(Rest.substr(0, Close + 1)) : std::string(After);
  return D;
}

} // namespace

bool mayHoldSuppression(std::string_view Comment) {
  return Comment.find("carcinize-ignore") != std::string_view::npos ||
         Comment.find("NOLINT") != std::string_view::npos;
}

std::optional<SuppressionDirective> parseSuppressionComment(std::string_view Comment,
                                                            unsigned BeginLine,
                                                            unsigned EndLine, unsigned Column) {
  static constexpr std::string_view Marker = "carcinize-ignore";
  size_t At = Comment.find(Marker);
  if (At == std::string_view::npos)
    return parseNolint(Comment, BeginLine, EndLine, Column);
  std::string_view Rest = withoutCommentClose(Comment, Comment.substr(At + Marker.size()));

  SuppressionDirective D;
  D.BeginLine = BeginLine;
  D.EndLine = EndLine;
  D.Column = Column;
  if (Rest.substr(0, 6) == "-begin") {
    D.Kind = SuppressionKind::Begin;
    Rest.remove_prefix(6);
  } else if (Rest.substr(0, 4) == "-end") {
    D.Kind = SuppressionKind::End;
    return D; // takes no arguments
  } else if (Rest.substr(0, 5) == "-file") {
    D.Kind = SuppressionKind::File;
    Rest.remove_prefix(5);
  }
  if (Rest.empty() || Rest.front() != '(') {
    D.Error = "expected '(rule-id): reason' after 'carcinize-ignore'";
    return D;
  }
  size_t Close = Rest.find(')');
  if (Close == std::string_view::npos) {
    D.Error = "missing ')' after the rule ids";
    return D;
  }
  std::string_view Ids = Rest.substr(1, Close - 1);
  while (!Ids.empty()) {
    size_t Comma = Ids.find(',');
    std::string_view Id = trimView(Ids.substr(0, Comma));
    if (!Id.empty())
      D.Patterns.emplace_back(Id);
    if (Comma == std::string_view::npos)
      break;
    Ids.remove_prefix(Comma + 1);
  }
  if (D.Patterns.empty()) {
    D.Error = "no rule id between the parentheses";
    return D;
  }
  std::string_view After = trimView(Rest.substr(Close + 1));
  if (After.empty() || After.front() != ':' || trimView(After.substr(1)).empty()) {
    D.Error = "a reason is required: 'carcinize-ignore(" + std::string(trimView(Rest.substr(1, Close - 1))) +
              "): why this is safe'";
    return D;
  }
  D.Reason = std::string(trimView(After.substr(1)));
  return D;
}

bool rulePatternMatches(const std::string &Pattern, const std::string &RuleId) {
  // A bare category name ("mem") covers the category, like "mem.*".
  return globMatchPlain(Pattern, RuleId) || RuleId.rfind(Pattern + ".", 0) == 0;
}

static bool matchesAny(const std::vector<std::string> &Patterns, const std::string &RuleId) {
  for (const auto &P : Patterns)
    if (rulePatternMatches(P, RuleId))
      return true;
  return false;
}

void applySuppressions(std::vector<Finding> &Findings,
                       const std::map<std::string, std::vector<SuppressionDirective>> &ByFile,
                       const std::vector<std::string> *KnownRuleIds) {
  std::vector<Finding> Invalid;
  for (const auto &[File, Directives] : ByFile) {
    for (const auto &D : Directives) {
      auto Report = [&](const std::string &Message) {
        Finding F;
        F.RuleId = InvalidSuppressionRuleId;
        F.Sev = Severity::Low;
        F.File = File;
        F.Line = D.BeginLine;
        F.Column = D.Column;
        F.Message = Message;
        Invalid.push_back(std::move(F));
      };
      if (!D.Error.empty()) {
        Report("suppression comment ignored: " + D.Error);
        continue;
      }
      if (!KnownRuleIds)
        continue;
      for (const auto &P : D.Patterns)
        if (std::none_of(KnownRuleIds->begin(), KnownRuleIds->end(),
                         [&](const std::string &Id) { return rulePatternMatches(P, Id); }))
          Report("suppression names no rule: '" + P +
                 "' matches no rule id (see 'carcinize rules'), so it silences nothing");
    }
  }
  for (Finding &F : Findings) {
    auto It = ByFile.find(F.File);
    if (It == ByFile.end() || F.Suppressed)
      continue;
    // Open ranges in source order; a range without an end runs to the end
    // of the file.
    std::vector<const SuppressionDirective *> Open;
    const SuppressionDirective *Hit = nullptr;
    for (const auto &D : It->second) {
      if (!D.Error.empty())
        continue;
      switch (D.Kind) {
      case SuppressionKind::File:
        if (!Hit && matchesAny(D.Patterns, F.RuleId))
          Hit = &D;
        break;
      case SuppressionKind::Line:
        // The comment's own lines and, unless it trails code, the next one.
        if (!Hit && F.Line >= D.BeginLine && F.Line <= D.EndLine + (D.Trailing ? 0 : 1) &&
            matchesAny(D.Patterns, F.RuleId))
          Hit = &D;
        break;
      case SuppressionKind::SameLine:
        if (!Hit && F.Line >= D.BeginLine && F.Line <= D.EndLine &&
            matchesAny(D.Patterns, F.RuleId))
          Hit = &D;
        break;
      case SuppressionKind::NextLine:
        if (!Hit && F.Line == D.EndLine + 1 && matchesAny(D.Patterns, F.RuleId))
          Hit = &D;
        break;
      case SuppressionKind::Begin:
        if (D.BeginLine <= F.Line)
          Open.push_back(&D);
        break;
      case SuppressionKind::End:
        if (D.BeginLine <= F.Line && !Open.empty())
          Open.pop_back();
        break;
      }
    }
    for (const auto *D : Open)
      if (!Hit && matchesAny(D->Patterns, F.RuleId))
        Hit = D;
    if (Hit) {
      F.Suppressed = true;
      F.SuppressionReason = Hit->Reason;
    }
  }
  Findings.insert(Findings.end(), Invalid.begin(), Invalid.end());
}

} // namespace carcinize
