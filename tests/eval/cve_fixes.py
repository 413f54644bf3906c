#!/usr/bin/env python3
"""Do findings sit on the lines that real CVE fixes change? docs/evaluation-findings.md
describes the method and the figures.

    tests/eval/cve_fixes.py --carcinize BIN --repos DIR [--projects a,b,...]
        [--list tests/eval/cve_fixes.txt] [--max-bugs N] [--max-files N]
        [--tools carcinize,clang-tidy,clang-tidy-core,cppcheck,flawfinder]
        [--held-back a,b,...] [--json] [-o FILE] [--work DIR]

Every folder of --repos is a git repository of a project (bare or not, a
symbolic link is fine; fetched by hand, never committed), named by the
folder. For each project it

1. collects the fixes: commits whose message names a CVE (CVE-YYYY-N; merges
   left out), plus the commits listed for that project in --list (lines
   `project commit [note]`: overflow fixes whose message names no CVE), each
   with the C and C++ product files it changed (tests, fuzzers, examples,
   docs and vendored code left out, as tests/eval/cve_rank.py does). A fix
   that changes no source file (.c, .cc, .cpp, .cxx), or more than
   --max-files code files (a release merge, a reformatting), is left out and
   counted; the newest --max-bugs fixes of each project are kept;
2. for each fix, writes the tree of the fix's first parent into a scratch
   folder, every header and only the changed sources (from git objects: the
   repository is never checked out or changed), and scans it without a
   compilation database;
3. takes the lines the fix changes in the parent's version of each changed
   file: the deleted and modified lines of `git diff -U0 parent fix`; a pure
   insertion (a check added) counts the line before and the line after it,
   the two lines between which the fix went in;
4. counts, per tool, the bugs with a finding on a changed line, and the
   median number of findings per changed source file (all findings, and
   those that count).

What counts as a finding of each tool:
- carcinize: medium severity or higher (`check DIR --fail-on none --format
  json --no-cache`); `--min-severity` changes the threshold, and the high and
  critical count is printed too;
- clang-tidy-19: any warning of the clang-analyzer-* checks (the Clang static
  analyzer, path-sensitive), `--header-filter=.*`, run on each changed source
  with -I for every folder that holds headers (what carcinize infers without
  a database); clang-tidy-core leaves out security.insecureAPI.*, which flags
  every memcpy;
- cppcheck: severity error or warning, `--enable=warning`, same -I folders;
- flawfinder: level 3 or higher (its own "likely risky" threshold); every hit
  is counted in the per-file median.

A tool that is not installed is left out with a note. Projects named by
--held-back are reported apart: rule changes are chosen on the others, and
the held-back figures show whether they generalise.

Standard library only; the projects' code is only read (by the tools), never
built or run.
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cve_rank  # noqa: E402  (the CVE commit collection and the product-code filter)

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2, "critical": 3}
SOURCE_EXTENSIONS = {".c", ".cc", ".cpp", ".cxx", ".c++", ".cp", ".C"}
HEADER_EXTENSIONS = cve_rank.CODE_EXTENSIONS - SOURCE_EXTENSIONS
HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.M)
TOOLS = ("carcinize", "clang-tidy", "clang-tidy-core", "cppcheck", "flawfinder")


def log(msg):
    print("cve_fixes: " + msg, file=sys.stderr, flush=True)


def is_source(path):
    return os.path.splitext(path)[1] in SOURCE_EXTENSIONS


def is_header(path):
    return os.path.splitext(path)[1] in HEADER_EXTENSIONS


def changed_lines(diff_text):
    """Lines of the old side that a unified diff with no context (-U0)
    changes: deleted and modified lines; for a pure insertion after old line
    a, the lines a and a + 1."""
    lines = set()
    for m in HUNK_RE.finditer(diff_text):
        start = int(m.group(1))
        count = 1 if m.group(2) is None else int(m.group(2))
        if count > 0:
            lines.update(range(start, start + count))
        else:
            lines.update(x for x in (start, start + 1) if x > 0)
    return lines


def median(values):
    return statistics.median(values) if values else 0


def run(cmd, cwd=None, timeout=900):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        log("timed out after %d s: %s" % (timeout, " ".join(cmd[:3])))
        return subprocess.CompletedProcess(cmd, -1, "", "")


# --------------------------------------------------------------------------
# The fixes.

class Fix:
    def __init__(self, project, commit, parent, ctime, label, files):
        self.project = project
        self.commit = commit
        self.parent = parent
        self.time = ctime
        self.label = label      # CVE ids or the list's note
        self.files = files      # {parent path: set of changed lines}

    def sources(self):
        return sorted(p for p in self.files if is_source(p))


def read_list(path):
    """{project: [(commit, note)]} from the curated list."""
    out = collections.defaultdict(list)
    if not path or not os.path.isfile(path):
        return out
    with open(path) as fp:
        for number, line in enumerate(fp, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 2)
            if len(parts) < 2 or not re.fullmatch(r"[0-9a-fA-F]{7,40}", parts[1]):
                raise SystemExit("%s:%d: expected 'project commit [note]'" % (path, number))
            out[parts[0]].append((parts[1], parts[2] if len(parts) > 2 else "listed"))
    return out


def fix_files(git, parent, commit):
    """{parent path: changed lines} of the product code files a commit
    modified (added files have no parent version; deleted ones no fix)."""
    files = {}
    for status, old, new in git.changed(parent, commit):
        if status[0] not in "MR" or not cve_rank.is_product_code(new):
            continue
        diff = git.run("diff", "-U0", "--no-ext-diff", "--no-color", "-M", parent, commit,
                       "--", old, new)
        lines = changed_lines(diff)
        if lines:
            files[old] = lines
    return files


def collect(name, git, listed, max_files, max_bugs, notes):
    head = git.rev("HEAD")
    cve_fixes, rank_notes, too_big = cve_rank.collect_fixes(git, head, max_files=max_files)
    for k, v in rank_notes.items():
        notes[k] += v
    candidates = []
    for f in cve_fixes:
        parents = git.run("show", "-s", "--format=%P", f.commit).split()
        if len(parents) != 1:
            notes["merges (left out: the fix is one of its commits)"] += 1
            continue
        candidates.append((f.commit, parents[0], f.time, ",".join(f.cves)))
    for commit, note in listed:
        full = git.rev(commit)
        parents = git.run("show", "-s", "--format=%P", full).split()
        if len(parents) != 1:
            raise SystemExit("%s %s: a listed fix must have one parent" % (name, commit))
        candidates.append((full, parents[0], git.commit_time(full), note))
    seen, fixes = set(), []
    for commit, parent, ctime, label in sorted(candidates, key=lambda c: (-c[2], c[0])):
        if commit in seen:
            continue
        seen.add(commit)
        files = fix_files(git, parent, commit)
        if not any(is_source(p) for p in files):
            notes["change no source file (headers or build files only)"] += 1
            continue
        if len(files) > max_files:
            notes["change more than %d code files" % max_files] += 1
            continue
        fixes.append(Fix(name, commit, parent, ctime, label, files))
    kept = fixes[:max_bugs]
    if len(fixes) > len(kept):
        notes["older fixes beyond --max-bugs"] += len(fixes) - len(kept)
    return kept


def materialize(git, fix, dest):
    """Every header of the parent and the fix's changed sources under dest.
    Returns the folders that hold headers (relative)."""
    wanted = []
    header_dirs = set()
    sources = set(fix.sources())
    for path, sha in git.files(fix.parent):
        if is_header(path) or path in sources:
            wanted.append((path, sha))
            if is_header(path):
                header_dirs.add(os.path.dirname(path))
    cve_rank.write_blobs(git, wanted, dest)
    return sorted(header_dirs)


# --------------------------------------------------------------------------
# The tools: each returns [(relative file, line, counts)], counts True when
# the finding is at the threshold that counts.

def carcinize_findings(binary, tree, min_severity):
    p = run([binary, "check", tree, "--root", tree, "--format", "json", "--fail-on", "none",
             "--no-cache", "-j1"], cwd=tree)
    if p.returncode != 0:
        log("carcinize failed (%d) on %s: %s" % (p.returncode, tree, p.stderr.strip()[:300]))
        return None
    out = []
    for f in json.loads(p.stdout).get("findings", []):
        sev = SEVERITY_ORDER.get(f.get("severity"), 0)
        out.append((os.path.normpath(f["file"]), int(f.get("line", 0)),
                    sev >= SEVERITY_ORDER[min_severity], sev >= SEVERITY_ORDER["high"],
                    f.get("rule", "")))
    return out


def include_flags(tree, rel, header_dirs):
    flags = ["-I" + os.path.join(tree, os.path.dirname(rel))]
    flags += ["-I" + os.path.join(tree, d) for d in header_dirs]
    return flags


def language_flags(rel):
    return ["-x", "c++", "-std=gnu++17"] if os.path.splitext(rel)[1] != ".c" else \
        ["-x", "c", "-std=gnu17"]


WARNING_RE = re.compile(r"^(.*?):(\d+):\d+: warning: .*\[([^\],]+)[^\]]*\]$", re.M)


def relative(tree, path):
    path = os.path.normpath(os.path.join(tree, path))
    return os.path.relpath(path, tree) if path.startswith(tree + os.sep) else None


def clang_tidy_findings(tree, sources, header_dirs, core):
    checks = "-*,clang-analyzer-*" + (",-clang-analyzer-security.insecureAPI.*" if core else "")
    out = []
    for rel in sources:
        p = run(["clang-tidy-19", "--checks=" + checks, "--quiet", "--header-filter=.*", rel,
                 "--"] + language_flags(rel) + include_flags(tree, rel, header_dirs), cwd=tree)
        for m in WARNING_RE.finditer(p.stdout):
            r = relative(tree, m.group(1))
            if r and m.group(3).startswith("clang-analyzer-"):
                out.append((r, int(m.group(2)), True, True, m.group(3)))
    return out


def cppcheck_findings(tree, sources, header_dirs):
    out = []
    for rel in sources:
        lang = "--language=c" if rel.endswith(".c") else "--language=c++"
        p = run(["cppcheck", "--enable=warning", "--quiet", lang, "--inline-suppr",
                 "--template={file}|{line}|{severity}|{id}", rel] +
                include_flags(tree, rel, header_dirs), cwd=tree)
        for line in p.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 4 and parts[1].isdigit():
                r = relative(tree, parts[0])
                if r:
                    counts = parts[2] in ("error", "warning")
                    out.append((r, int(parts[1]), counts, parts[2] == "error", parts[3]))
    return out


def flawfinder_findings(tree, files):
    p = run(["flawfinder", "--csv", "--minlevel=1"] + files, cwd=tree)
    out = []
    for row in csv.DictReader(io.StringIO(p.stdout)):
        r = relative(tree, row["File"])
        if r:
            level = int(row["Level"])
            out.append((r, int(row["Line"]), level >= 3, level >= 4, row["Name"]))
    return out


# --------------------------------------------------------------------------
# Judging.

def judge(fix, findings):
    """(hit, hit high, [(file, all findings, counted findings)], [hit rules],
    {rule: findings in the changed source files})."""
    changed = {os.path.normpath(p): lines for p, lines in fix.files.items()}
    hit = hit_high = False
    rules = set()
    per_file = {p: [0, 0] for p in fix.sources()}
    per_rule = collections.Counter()
    for path, line, counts, high, rule in findings:
        if path in per_file:
            per_file[path][0] += 1
            per_file[path][1] += counts
            per_rule[rule] += 1
        if counts and line in changed.get(path, ()):
            hit = True
            hit_high = hit_high or high
            rules.add(rule)
    return (hit, hit_high, [(p, v[0], v[1]) for p, v in sorted(per_file.items())],
            sorted(rules), dict(per_rule))


def evaluate_fix(git, fix, tools, args, notes):
    result = {"project": fix.project, "commit": fix.commit, "label": fix.label,
              "files": {p: sorted(v) for p, v in fix.files.items()}, "tools": {}}
    with tempfile.TemporaryDirectory(prefix="cve_fixes.", dir=args.work) as tmp:
        tree = os.path.realpath(tmp)
        header_dirs = materialize(git, fix, tree)
        sources = [s for s in fix.sources() if os.path.isfile(os.path.join(tree, s))]
        tidy = None
        for tool in tools:
            if tool == "carcinize":
                found = carcinize_findings(args.carcinize, tree, args.min_severity)
                if found is None:
                    notes["carcinize failed on a fix (not judged)"] += 1
                    continue
            elif tool in ("clang-tidy", "clang-tidy-core"):
                # One run of every analyzer check; -core filters it.
                if tidy is None:
                    tidy = clang_tidy_findings(tree, sources, header_dirs, False)
                found = [f for f in tidy if tool == "clang-tidy" or
                         not f[4].startswith("clang-analyzer-security.insecureAPI.")]
            elif tool == "cppcheck":
                found = cppcheck_findings(tree, sources, header_dirs)
            else:
                found = flawfinder_findings(tree, sources + sorted(
                    p for p in fix.files if is_header(p) and
                    os.path.isfile(os.path.join(tree, p))))
            hit, high, per_file, rules, per_rule = judge(fix, found)
            result["tools"][tool] = {"hit": hit, "hit_high": high, "per_file": per_file,
                                     "rules": rules, "per_rule": per_rule}
    return result


def summarize(results, tools):
    """{tool: {bugs, hit, hit_high, median_all, median_counted}}."""
    out = collections.OrderedDict()
    for tool in tools:
        judged = [r["tools"][tool] for r in results if tool in r["tools"]]
        if not judged:
            continue
        per_file = [pf for j in judged for pf in j["per_file"]]
        rules = collections.Counter(rule for j in judged for rule in j["rules"])
        findings = collections.Counter()
        for j in judged:
            findings.update(j.get("per_rule", {}))
        out[tool] = {"bugs": len(judged), "hit": sum(j["hit"] for j in judged),
                     "hit_high": sum(j["hit_high"] for j in judged),
                     "files": len(per_file),
                     "median_all": median([pf[1] for pf in per_file]),
                     "median_counted": median([pf[2] for pf in per_file]),
                     "rules": dict(rules.most_common()),
                     "findings_by_rule": dict(findings.most_common())}
    return out


def markdown(groups, tools, notes):
    lines = []
    for title, summary in groups:
        lines.append("### " + title)
        lines.append("")
        lines.append("| tool | bugs with a finding on a fixed line | of them high+ | "
                     "files | median findings per file | median counted per file |")
        lines.append("|---|---|---|---|---|---|")
        for tool, s in summary.items():
            lines.append("| %s | %d / %d (%.0f%%) | %d | %d | %g | %g |" % (
                tool, s["hit"], s["bugs"], 100.0 * s["hit"] / max(1, s["bugs"]),
                s["hit_high"], s["files"], s["median_all"], s["median_counted"]))
        lines.append("")
        for tool, s in summary.items():
            if s["rules"]:
                lines.append("%s, rules or checks on fixed lines (bugs): %s" % (
                    tool, ", ".join("%s %d" % kv for kv in s["rules"].items())))
            if s.get("findings_by_rule"):
                lines.append("%s, findings in the changed files by rule: %s" % (
                    tool, ", ".join("%s %d" % kv
                                    for kv in list(s["findings_by_rule"].items())[:12])))
        lines.append("")
    for k, v in sorted(notes.items()):
        lines.append("- %s: %d" % (k, v))
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--carcinize", help="the carcinize binary to evaluate")
    ap.add_argument("--repos", help="folder of git repositories, one per project")
    ap.add_argument("--projects", help="comma-separated project names (default: every folder)")
    ap.add_argument("--held-back", default="", help="projects reported apart")
    ap.add_argument("--list", default=os.path.join(HERE, "cve_fixes.txt"))
    ap.add_argument("--max-bugs", type=int, default=12)
    ap.add_argument("--max-files", type=int, default=5)
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--min-severity", default="medium", choices=list(SEVERITY_ORDER))
    ap.add_argument("--work", help="scratch folder (default: the system's)")
    ap.add_argument("--from-json", nargs="+", metavar="FILE",
                    help="summarize the bugs of earlier --json outputs (one per project or "
                         "per tool, run apart) instead of scanning; the counts of fixes left "
                         "out come from the first file")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-o", "--output")
    args = ap.parse_args(argv)

    tools, notes_tools = [], []
    for tool in args.tools.split(","):
        if tool not in TOOLS:
            ap.error("unknown tool '%s'" % tool)
        exe = {"carcinize": args.carcinize, "clang-tidy": "clang-tidy-19",
               "clang-tidy-core": "clang-tidy-19"}.get(tool, tool)
        if args.from_json:
            continue
        if tool == "carcinize":
            if not args.carcinize or not os.access(args.carcinize, os.X_OK):
                ap.error("--carcinize BIN is needed for the carcinize tool")
            args.carcinize = os.path.abspath(args.carcinize)
        elif not shutil.which(exe):
            notes_tools.append("%s is not installed: left out" % exe)
            continue
        tools.append(tool)
    if not args.repos and not args.from_json:
        ap.error("--repos DIR or --from-json FILE... is needed")
    if args.work:
        os.makedirs(args.work, exist_ok=True)
        args.work = os.path.realpath(args.work)

    held = set(filter(None, args.held_back.split(",")))
    notes = collections.Counter()
    results = []
    if args.from_json:
        # Bugs of several runs: the tools' verdicts of one commit merged.
        by_commit = collections.OrderedDict()
        for path in args.from_json:
            with open(path) as fp:
                earlier = json.load(fp)
            for b in earlier["bugs"]:
                key = (b["project"], b["commit"])
                if key in by_commit:
                    by_commit[key]["tools"].update(b["tools"])
                else:
                    by_commit[key] = b
            if path == args.from_json[0]:  # what was left out: from the first file
                notes.update(earlier.get("notes", {}))
        results = list(by_commit.values())
        tools = [t for t in TOOLS if any(t in r["tools"] for r in results)]
        names = list(collections.OrderedDict.fromkeys(r["project"] for r in results))
    else:
        repos = os.path.abspath(args.repos)
        names = args.projects.split(",") if args.projects else sorted(
            n for n in os.listdir(repos) if not n.startswith("."))
    listed = read_list(args.list)
    for name in ([] if args.from_json else names):
        git = cve_rank.Git(os.path.join(repos, name))
        fixes = collect(name, git, listed.get(name, []), args.max_files, args.max_bugs, notes)
        log("%s: %d fixes" % (name, len(fixes)))
        for fix in fixes:
            results.append(evaluate_fix(git, fix, tools, args, notes))
            r = results[-1]
            log("  %s %s %s" % (fix.commit[:10], fix.label, " ".join(
                "%s=%s" % (t, "HIT" if v["hit"] else "-") for t, v in r["tools"].items())))
    groups = [("all projects", summarize(results, tools))]
    if held:
        groups.append(("projects rule changes were chosen on (%s)" % ", ".join(
            n for n in names if n not in held),
            summarize([r for r in results if r["project"] not in held], tools)))
        groups.append(("held-back projects (%s)" % ", ".join(n for n in names if n in held),
                       summarize([r for r in results if r["project"] in held], tools)))
    if args.json:
        text = json.dumps({"groups": {t: s for t, s in groups}, "bugs": results,
                           "notes": dict(notes), "tools_left_out": notes_tools},
                          indent=2) + "\n"
    else:
        text = markdown(groups, tools, notes) + "".join("- %s\n" % n for n in notes_tools)
    sys.stdout.write(text)
    if args.output:
        with open(args.output, "w") as fp:
            fp.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
