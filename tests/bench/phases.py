#!/usr/bin/env python3
"""Where carcinize's time goes, by phase, from a `perf` profile.

    tests/bench/phases.py [--carcinize BIN] [--freq 250] [-p DB] PATH [-- extra scan options]
    tests/bench/phases.py --data perf.data        (classify an existing profile)

Records `carcinize scan PATH -j1 --no-cache` under `perf record --call-graph
dwarf` (children included: each TU is parsed in a forked child), then gives
each sample to the first phase whose frame it finds on its stack:

  parent: facts read back   factsFromJson (the parent decoding a child's facts)
  analysis                  the AST consumer's HandleTranslationUnit (matchers,
                            rules, per-function facts) and the rules' setup
                            (CreateASTConsumer: registering matchers, tables)
  parse                     clang::ParseAST otherwise (preprocess, parse, Sema:
                            what clang -fsyntax-only does)
  frontend setup            the rest of analyzeTranslationUnit (driver,
                            CompilerInstance, headers search set-up)
  child: facts sent         factsToJson / writing the result to the pipe
  kernel                    samples in the kernel (fork, page faults, exit, I/O)
  other                     everything else (start-up, configuration,
                            discovery, merge, whole-program analysis, report)

Prints a Markdown table of the shares. Needs perf (linux-perf) and
permission to profile (root, or kernel.perf_event_paranoid <= 1 for user
processes). A sample whose stack was cut short (dwarf unwinding copies 32
KiB of stack) can land in "other"; the table says how many had no
carcinize frame at all.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

PHASES = [
    ("parent: facts read back", ("factsFromJson",)),
    ("analysis: rules, matchers, facts", ("CollectConsumer::HandleTranslationUnit",
                                          "CollectAction::CreateASTConsumer")),
    ("parse (as -fsyntax-only)", ("clang::ParseAST",)),
    ("frontend setup", ("carcinize::analyzeTranslationUnit",)),
    ("child: facts sent", ("factsToJson", "writeAll")),
]


def classify(script_out):
    counts = {}
    total = 0
    no_carcinize = 0
    cur = []
    header = None

    def flush():
        nonlocal total, no_carcinize
        if header is None:
            return
        total += 1
        frames = "\n".join(cur)
        phase = None
        for name, keys in PHASES:
            if any(k in frames for k in keys):
                phase = name
                break
        if phase is None:
            first = cur[0] if cur else ""
            phase = "kernel" if "[kernel.kallsyms]" in first else "other"
        if "carcinize" not in frames:
            no_carcinize += 1
        counts[phase] = counts.get(phase, 0) + 1

    for line in script_out.splitlines():
        if not line.strip():
            flush()
            header = None
            cur = []
            continue
        if header is None:
            header = line
        else:
            cur.append(line.strip())
    flush()
    return counts, total, no_carcinize


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?")
    ap.add_argument("extra", nargs="*", help="more scan options, after --")
    ap.add_argument("--carcinize", default=os.environ.get("CARCINIZE", "carcinize"))
    ap.add_argument("-p", dest="db")
    ap.add_argument("--freq", type=int, default=250, help="samples per second (default 250)")
    ap.add_argument("--data", help="classify this perf.data instead of recording")
    args = ap.parse_args()
    if shutil.which("perf") is None:
        sys.exit("phases: perf not found")
    tmp = tempfile.mkdtemp(prefix="carcinize-phases-")
    data = args.data
    if not data:
        if not args.path:
            ap.error("give PATH or --data")
        data = os.path.join(tmp, "perf.data")
        cmd = [args.carcinize, "scan", args.path, "-j1", "--quiet", "--format", "json",
               "-o", os.path.join(tmp, "report.json")]
        help_text = subprocess.run([args.carcinize, "scan", "--help"], capture_output=True,
                                   text=True).stdout
        if "--no-cache" in help_text:
            cmd.append("--no-cache")
        if args.db:
            cmd += ["-p", args.db]
        cmd += args.extra
        subprocess.run(["perf", "record", "-q", "-o", data, "-F", str(args.freq),
                        "--call-graph", "dwarf,32768", "--"] + cmd, check=True,
                       stdout=subprocess.DEVNULL)
    out = subprocess.run(["perf", "script", "--no-inline", "-i", data, "-F", "comm,pid,tid,ip,sym,dso"],
                         capture_output=True, text=True, errors="replace").stdout
    counts, total, no_carcinize = classify(out)
    print("| phase | samples | share |")
    print("| --- | --- | --- |")
    order = [p for p, _ in PHASES] + ["kernel", "other"]
    for p in order:
        n = counts.get(p, 0)
        print("| %s | %d | %.1f%% |" % (p, n, 100.0 * n / max(1, total)))
    print("| total | %d | 100%% |" % total)
    print("\n(%d samples had no carcinize frame on their stack)" % no_carcinize)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
