#include "suppress/Suppressions.h"

#include "support/Glob.h"
#include "support/Text.h"

#include <algorithm>
#include <cctype>

namespace carcinize {

std::optional<SuppressionDirective> parseSuppressionComment(std::string_view Comment,
                                                            unsigned BeginLine,
                                                            unsigned EndLine, unsigned Column) {
  static constexpr std::string_view Marker = "carcinize-ignore";
  size_t At = Comment.find(Marker);
  if (At == std::string_view::npos)
    return std::nullopt;
  std::string_view Rest = Comment.substr(At + Marker.size());
  if (Comment.size() >= 2 && Comment.substr(0, 2) == "/*" && Rest.size() >= 2 &&
      Rest.substr(Rest.size() - 2) == "*/")
    Rest.remove_suffix(2);

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

static bool matchesAny(const std::vector<std::string> &Patterns, const std::string &RuleId) {
  for (const auto &P : Patterns)
    if (globMatchPlain(P, RuleId) || RuleId.rfind(P + ".", 0) == 0)
      return true;
  return false;
}

void applySuppressions(std::vector<Finding> &Findings,
                       const std::map<std::string, std::vector<SuppressionDirective>> &ByFile) {
  std::vector<Finding> Invalid;
  for (const auto &[File, Directives] : ByFile) {
    for (const auto &D : Directives)
      if (!D.Error.empty()) {
        Finding F;
        F.RuleId = InvalidSuppressionRuleId;
        F.Sev = Severity::Low;
        F.File = File;
        F.Line = D.BeginLine;
        F.Column = D.Column;
        F.Message = "suppression comment ignored: " + D.Error;
        Invalid.push_back(std::move(F));
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
