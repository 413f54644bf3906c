#!/usr/bin/env python3
"""Functional check (not timed): tests/bench/gencode.py writes codebases that
carcinize scans with no failed TU and no parse error.

    tests/bench/smoke.py --carcinize BIN --work DIR

Generates, at a tiny size, a mixed C/C++ codebase and a C++ STL-heavy one,
scans each (with its compilation database, then without it, from flags
inferred), and checks the JSON report: every TU the generator wrote is
reported, none failed, none parsed with errors. Exits 0 on success, 1 with a
message on failure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(msg):
    print("bench smoke FAILED: " + msg)
    sys.exit(1)


def scan(binary, root, work, extra):
    out = os.path.join(work, "report.json")
    # Leave the user's cache (~/.cache/carcinize) alone when there is one.
    if "--no-cache" in subprocess.run([binary, "scan", "--help"], capture_output=True,
                                      text=True).stdout:
        extra = extra + ["--no-cache"]
    r = subprocess.run([binary, "scan", root, "-j", "2", "--quiet", "--format", "json",
                        "-o", out] + extra, capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1):
        fail("carcinize scan %s %s exited %d: %s" % (root, " ".join(extra), r.returncode,
                                                     r.stderr[-2000:]))
    with open(out) as fp:
        return json.load(fp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--carcinize", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    cases = [("mixed", ["--lines", "3000", "--seed", "7", "--cxx", "0.5"]),
             ("cxxheavy", ["--lines", "1500", "--seed", "3", "--cxx-heavy"])]
    for name, opts in cases:
        root = os.path.join(work, name)
        subprocess.run([sys.executable, os.path.join(HERE, "gencode.py"), root] + opts,
                       check=True)
        with open(os.path.join(root, "bench-manifest.json")) as fp:
            manifest = json.load(fp)
        with open(os.path.join(root, "compile_commands.json")) as fp:
            want = sorted(e["file"] for e in json.load(fp))
        # With the database, then with inferred flags (database moved away).
        for mode in ("database", "inferred"):
            if mode == "inferred":
                os.rename(os.path.join(root, "compile_commands.json"),
                          os.path.join(work, name + "-compile_commands.json"))
            report = scan(args.carcinize, root, work, [])
            stats = report["stats"]
            got = sorted(t["file"] for t in report["translation_units"])
            if got != want:
                fail("%s (%s): TUs reported %s, generated %s" % (name, mode, got, want))
            if stats.get("failed") != 0 or stats.get("parsed_with_errors") != 0:
                bad = [(t["file"], t["status"], t.get("errors", [])[:2])
                       for t in report["translation_units"] if t["status"] != "clean"]
                fail("%s (%s): %s; not clean: %s" % (name, mode, stats, bad[:5]))
            if (mode == "inferred") != (stats.get("inferred_flags") == len(want)):
                fail("%s (%s): inferred_flags=%s of %d TUs" % (name, mode,
                                                               stats.get("inferred_flags"), len(want)))
            if not report["functions"]:
                fail("%s (%s): no function reported" % (name, mode))
            print("bench smoke: %s (%s): %d TUs clean, %d functions, %d findings, %d lines" % (
                name, mode, len(got), len(report["functions"]), stats.get("findings", 0),
                manifest["lines"]))
    # The generator is deterministic: the same options give the same files.
    again = os.path.join(work, "again")
    subprocess.run([sys.executable, os.path.join(HERE, "gencode.py"), again] + cases[0][1],
                   check=True, stdout=subprocess.DEVNULL)
    first = os.path.join(work, cases[0][0])
    for dirpath, _, files in os.walk(again):
        for fn in files:
            rel = os.path.relpath(os.path.join(dirpath, fn), again)
            if rel == "compile_commands.json":
                continue  # names its own folder
            with open(os.path.join(again, rel), "rb") as a, open(os.path.join(first, rel), "rb") as b:
                if a.read() != b.read():
                    fail("gencode.py is not deterministic: %s differs" % rel)
    check_shared_header(work)
    print("bench smoke: OK")


def check_shared_header(work):
    """run.py's choice of the header to touch names its direct includers
    right: a name resolves beside the includer, else to the one header whose
    path ends with it; an ambiguous name counts for none."""
    sys.path.insert(0, HERE)
    import run  # noqa: E402
    root = os.path.join(work, "includes")
    files = {
        "include/a/x.h": "", "include/b/x.h": "", "src/m/local.h": "",
        "src/m/f.c": '#include "a/x.h"\n#include "local.h"\n',
        "src/m/g.c": '#include "a/x.h"\n#include "local.h"\n#include "a/x.h"\n',
        "src/n/h.c": '#include "b/x.h"\n#include "x.h"\n',
        "src/n/i.c": '#include "x.h"\n',
    }
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fp:
            fp.write(text)
    tus = [os.path.join(root, r) for r in files if r.endswith(".c")]
    headers = [os.path.join(root, r) for r in files if r.endswith(".h")]
    got = run.shared_header(tus, headers)
    # a/x.h and local.h are each included by f.c and g.c (twice in g.c: once);
    # the median of the two (sorted by count, then path) is local.h.
    want = (2, os.path.join(root, "src/m/local.h"))
    if got != want:
        fail("run.shared_header: %s, expected %s" % (got, want))
    if run.shared_header(tus[2:], headers) != (0, None):
        fail("run.shared_header counted an ambiguous or single include")


if __name__ == "__main__":
    main()
