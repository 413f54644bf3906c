#!/usr/bin/env python3
"""Scaffolds a new rule, as clang-tidy's add_new_check.py does.

    tools/new-rule.py mem.unbounded-string-copy UnboundedStringCopy

creates rules/<category>/<Name>Rule.h/.cpp, fixtures/rules/<id>/bad.c and
good.c, and registers the rule in rules/<category>/<Category>Rules.cpp
(includes and entries kept sorted). Then: write the matchers, the fixtures
(mark each flagged line with `expect: <id>`), and regenerate the docs with
`carcinize rules --write-docs docs/rules`.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = """#pragma once
#include "rules/Rule.h"

namespace carcinize {{

/// {id}: TODO one line on what the rule finds.
class {name}Rule : public Rule {{
public:
  using Rule::Rule;
  static RuleInfo info();
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
}};

}} // namespace carcinize
"""

SOURCE = """#include "rules/{category}/{name}Rule.h"

#include "rules/RuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace carcinize {{

RuleInfo {name}Rule::info() {{
  RuleInfo I;
  I.Id = "{id}";
  I.Title = "";
  I.Cwe = {{}};
  I.DefaultSeverity = Severity::Medium;
  I.Rationale = "";
  I.RustAlternative = "";
  return I;
}}

void {name}Rule::registerMatchers(MatchFinder &Finder) {{
}}

void {name}Rule::check(const MatchFinder::MatchResult &Result) {{
}}

}} // namespace carcinize
"""


def register(category, name):
    cap = category[0].upper() + category[1:]
    path = os.path.join(ROOT, "rules", category, cap + "Rules.cpp")
    with open(path) as f:
        text = f.read()
    include = '#include "rules/%s/%sRule.h"' % (category, name)
    entry = "  R.add<%sRule>();" % name
    lines = text.split("\n")
    includes = sorted(set([l for l in lines if l.startswith('#include "rules/%s/' % category)] + [include]))
    entries = sorted(set([l for l in lines if l.startswith("  R.add<")] + [entry]))
    head = [l for l in lines if not l.startswith('#include "rules/%s/' % category) and not l.startswith("  R.add<")]
    out = []
    for l in head:
        out.append(l)
        if l == '#include "rules/Rule.h"':
            out.append("")
            out.extend(includes)
        if l.startswith("void register"):
            out.extend(entries)
    text = re.sub(r"\n\n\n+", "\n\n", "\n".join(out))
    with open(path, "w") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3 or not re.match(r"^[a-z]+\.[a-z0-9-]+$", sys.argv[1]):
        print(__doc__, file=sys.stderr)
        return 2
    rule_id, name = sys.argv[1], sys.argv[2]
    category = rule_id.split(".")[0]
    folder = os.path.join(ROOT, "rules", category)
    if not os.path.isdir(folder):
        print("no category folder rules/%s" % category, file=sys.stderr)
        return 2
    for path, text in [
        (os.path.join(folder, name + "Rule.h"), HEADER.format(id=rule_id, name=name)),
        (os.path.join(folder, name + "Rule.cpp"), SOURCE.format(id=rule_id, name=name, category=category)),
        (os.path.join(ROOT, "fixtures", "rules", rule_id, "bad.c"), "/* Mark each flagged line: expect: %s */\n" % rule_id),
        (os.path.join(ROOT, "fixtures", "rules", rule_id, "good.c"), "/* Near misses the rule must not flag. */\n"),
    ]:
        if os.path.exists(path):
            print("exists: %s" % os.path.relpath(path, ROOT), file=sys.stderr)
            return 2
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        print("created %s" % os.path.relpath(path, ROOT))
    register(category, name)
    print("registered %sRule in rules/%s" % (name, category))
    return 0


if __name__ == "__main__":
    sys.exit(main())
