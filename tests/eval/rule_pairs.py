#!/usr/bin/env python3
"""Do carcinize's findings point at real bugs? Flawed/fixed function pairs,
per bug class, scanned by carcinize and by three peers.

    tests/eval/rule_pairs.py --carcinize build/dev/bin/carcinize [--pairs DIR]
        [--tools carcinize,clang-tidy,clang-tidy-core,cppcheck,flawfinder] [--json] [-o FILE]
        [--max-fixed-rate R]

The pairs (tests/eval/pairs/<class>/<case>.flawed.c and <case>.fixed.c, or
.cpp) were written for this evaluation: each file holds one function with a
bug (flawed) or the same function with the bug fixed (fixed), plus the
declarations it needs. A tool *flags* a file when it reports at least one
finding in it that counts:

- carcinize: a finding of medium severity or higher (`check --fail-on none
  --format json` over the pairs folder, no compilation database, no cache);
  every rule the given binary has takes part, so rules added later are
  measured without changing this script;
- clang-tidy-19: any warning of the clang-analyzer-* checks (the Clang static
  analyzer, path-sensitive); clang-tidy-core leaves out its
  security.insecureAPI.* checks, which flag every call to memcpy, strcpy
  and their relatives whatever the arguments;
- cppcheck: a finding of severity error or warning (style, performance and
  portability notes left out, as carcinize's low ones are);
- flawfinder: any hit at its default minimum level (1).

Per class and overall it prints, for each tool, recall (flawed files flagged /
flawed files), the false-positive rate (fixed files flagged / fixed files) and
recall minus the false-positive rate; then, per carcinize rule and per
clang-tidy check, how many flawed and fixed files each flagged. A tool that is
not installed is left out with a note. With --max-fixed-rate R the exit status
is 1 when carcinize flags more than R of the fixed files (the issue's target
is 0.25): the CTest registered in Register.cmake holds carcinize to it.

Standard library only; nothing of the pairs is compiled or run.
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2, "critical": 3}


def collect_pairs(root):
    """[(class, case, kind, relative path)], kind 'flawed' or 'fixed'."""
    files = []
    for cls in sorted(os.listdir(root)):
        folder = os.path.join(root, cls)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            m = re.fullmatch(r"(.+)\.(flawed|fixed)\.(c|cpp)", name)
            if m:
                files.append((cls, m.group(1), m.group(2), os.path.join(cls, name)))
    return files


def run(cmd, cwd=None, timeout=600):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=timeout, check=False)


def language_flags(path):
    return ["-x", "c++", "-std=c++17"] if path.endswith(".cpp") else ["-x", "c", "-std=c11"]


def carcinize_hits(binary, root, min_severity):
    """{relative path: set of rule ids} of the findings at or above min_severity."""
    p = run([binary, "check", root, "--root", root, "--format", "json", "--fail-on", "none",
             "--no-cache"], cwd=root)
    if p.returncode != 0:
        raise SystemExit("carcinize failed (%d): %s" % (p.returncode, p.stderr.strip()))
    hits = collections.defaultdict(set)
    for f in json.loads(p.stdout)["findings"]:
        if SEVERITY_ORDER.get(f["severity"], 0) >= SEVERITY_ORDER[min_severity]:
            hits[os.path.normpath(f["file"])].add(f["rule"])
    return hits


def clang_tidy_hits(root, files, checks):
    hits = collections.defaultdict(set)
    for rel in files:
        p = run(["clang-tidy-19", "--checks=" + checks, "--quiet", rel, "--"] +
                language_flags(rel), cwd=root)
        for m in re.finditer(r"^(.*?):\d+:\d+: warning: .*\[(clang-analyzer-[^\],]+)",
                             p.stdout, re.M):
            if os.path.normpath(m.group(1)) in (rel, os.path.join(root, rel)) or \
                    os.path.abspath(os.path.join(root, m.group(1))) == os.path.join(root, rel):
                hits[rel].add(m.group(2))
    return hits


def cppcheck_hits(root, files):
    hits = collections.defaultdict(set)
    for rel in files:
        lang = "--language=c++" if rel.endswith(".cpp") else "--language=c"
        p = run(["cppcheck", "--enable=warning", "--quiet", lang, "--inline-suppr",
                 "--template={file}|{severity}|{id}", rel], cwd=root)
        for line in p.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[1] in ("error", "warning") and \
                    os.path.normpath(parts[0]) == rel:
                hits[rel].add(parts[2])
    return hits


def flawfinder_hits(root, files):
    hits = collections.defaultdict(set)
    p = run(["flawfinder", "--csv", "--minlevel=1"] + files, cwd=root)
    for row in csv.DictReader(io.StringIO(p.stdout)):
        hits[os.path.normpath(row["File"])].add(row["Name"])
    return hits


def rate(n, d):
    return n / d if d else 0.0


def evaluate(pairs, hits):
    """{class or '(all)': (flawed flagged, flawed, fixed flagged, fixed)}."""
    out = collections.OrderedDict()
    for cls in sorted({p[0] for p in pairs}) + ["(all)"]:
        sel = [p for p in pairs if cls in ("(all)", p[0])]
        flawed = [p for p in sel if p[2] == "flawed"]
        fixed = [p for p in sel if p[2] == "fixed"]
        out[cls] = (sum(1 for p in flawed if hits.get(p[3])), len(flawed),
                    sum(1 for p in fixed if hits.get(p[3])), len(fixed))
    return out


def per_rule(pairs, hits):
    """{rule: (flawed files flagged, fixed files flagged)}."""
    counts = collections.defaultdict(lambda: [0, 0])
    for cls, case, kind, rel in pairs:
        for rule in hits.get(rel, ()):
            counts[rule][0 if kind == "flawed" else 1] += 1
    return dict(sorted(counts.items()))


def markdown(results, rules, notes):
    tools = list(results)
    lines = []
    classes = list(next(iter(results.values())).keys()) if results else []
    head = "| class | pairs | " + " | ".join(
        "%s recall | %s FP | %s R-FP" % (t, t, t) for t in tools) + " |"
    lines.append(head)
    lines.append("|" + "---|" * (2 + 3 * len(tools)))
    for cls in classes:
        row = ["**%s**" % cls if cls == "(all)" else cls,
               str(next(iter(results.values()))[cls][1])]
        for t in tools:
            tp, nf, fp, nx = results[t][cls]
            row += ["%d/%d" % (tp, nf), "%d/%d" % (fp, nx),
                    "%+.0f" % (100 * (rate(tp, nf) - rate(fp, nx)))]
        lines.append("| " + " | ".join(row) + " |")
    for t, counts in rules.items():
        if not counts:
            continue
        lines.append("")
        lines.append("| %s rule | flawed files flagged | fixed files flagged |" % t)
        lines.append("|---|---|---|")
        for rule, (tp, fp) in counts.items():
            lines.append("| %s | %d | %d |" % (rule, tp, fp))
    for n in notes:
        lines.append("")
        lines.append("Note: " + n)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--carcinize", required=True, help="the carcinize binary to evaluate")
    ap.add_argument("--pairs", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                    "pairs"))
    ap.add_argument("--tools", default="carcinize,clang-tidy,clang-tidy-core,cppcheck,flawfinder")
    ap.add_argument("--min-severity", default="medium", choices=list(SEVERITY_ORDER))
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    ap.add_argument("-o", "--output", help="also write the output to this file")
    ap.add_argument("--max-fixed-rate", type=float,
                    help="exit 1 when carcinize flags more than this share of fixed files")
    args = ap.parse_args()

    root = os.path.abspath(args.pairs)
    pairs = collect_pairs(root)
    if not pairs:
        raise SystemExit("no pairs under %s" % root)
    files = [p[3] for p in pairs]
    results, rules, notes = collections.OrderedDict(), collections.OrderedDict(), []
    for tool in args.tools.split(","):
        if tool == "carcinize":
            hits = carcinize_hits(os.path.abspath(args.carcinize), root, args.min_severity)
        elif tool in ("clang-tidy", "clang-tidy-core"):
            if not shutil.which("clang-tidy-19"):
                notes.append("clang-tidy-19 is not installed: left out")
                continue
            checks = "-*,clang-analyzer-*"
            if tool == "clang-tidy-core":
                checks += ",-clang-analyzer-security.insecureAPI.*"
            hits = clang_tidy_hits(root, files, checks)
        elif tool == "cppcheck":
            if not shutil.which("cppcheck"):
                notes.append("cppcheck is not installed: left out")
                continue
            hits = cppcheck_hits(root, files)
        elif tool == "flawfinder":
            if not shutil.which("flawfinder"):
                notes.append("flawfinder is not installed: left out")
                continue
            hits = flawfinder_hits(root, files)
        else:
            raise SystemExit("unknown tool '%s'" % tool)
        results[tool] = evaluate(pairs, hits)
        rules[tool] = per_rule(pairs, hits)

    if args.json:
        text = json.dumps({"results": {t: {c: dict(zip(("flawed_flagged", "flawed",
                                                         "fixed_flagged", "fixed"), v))
                                            for c, v in r.items()}
                                       for t, r in results.items()},
                           "rules": {t: {r: {"flawed": v[0], "fixed": v[1]}
                                         for r, v in c.items()} for t, c in rules.items()},
                           "notes": notes}, indent=2) + "\n"
    else:
        text = markdown(results, rules, notes)
    sys.stdout.write(text)
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    if args.max_fixed_rate is not None and "carcinize" in results:
        tp, nf, fp, nx = results["carcinize"]["(all)"]
        if rate(fp, nx) > args.max_fixed_rate:
            sys.stderr.write("carcinize flags %d of %d fixed functions (more than %.2f)\n" %
                             (fp, nx, args.max_fixed_rate))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
