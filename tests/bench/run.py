#!/usr/bin/env python3
"""Benchmark carcinize against clang-19 -fsyntax-only and clang-tidy-19.

    tests/bench/run.py PATH [-p DB] [--runs 3] [--jobs N]
    tests/bench/run.py --generate LINES [--cxx-heavy] [--seed S] [--scale-from LINES]

Prints one Markdown table (comparison, carcinize, baseline, ratio, target,
holds?) on stdout, preceded by a few lines saying what was measured on what;
progress goes to stderr. Every time is the median of --runs runs; carcinize
and its baseline runs are interleaved so that load from other processes hits
both alike. See docs/performance.md.

The translation units are the ones carcinize itself reports (a probe scan is
run first). Their flags for the baselines come from the compilation database
when carcinize used one: the command with the compiler replaced by clang-19
(clang++-19 for a C++ driver), compiler wrappers, -c, -o FILE and dependency
file options (-M...) removed, -fsyntax-only added, run in the entry's
directory. Without a database they are inferred as carcinize infers them:
-x c -std=gnu17 (C++: -x c++ -std=gnu++17), -I the source's folder, -I every
folder holding headers (and its parent when under the root), discovered with
the same skipped folders (hidden, build, _build, CMakeFiles, node_modules,
cmake-build-*); `exclude` globs of a .carcinize.yaml are not applied to the
header folders.

Standard library only (python3 >= 3.8). Linux only (/proc, os.wait4).
"""

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

TIDY_CHECKS = ("-*,clang-analyzer-security.insecureAPI.*,cppcoreguidelines-pro-bounds-*,"
               "cppcoreguidelines-owning-memory,bugprone-*")
TIDY_CHECKS_NO_ANALYZER = ("-*,cppcoreguidelines-pro-bounds-*,cppcoreguidelines-owning-memory,"
                           "bugprone-*")
C_EXT = {".c"}
CXX_EXT = {".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".CPP"}
HDR_EXT = {".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inl", ".ipp", ".tcc"}
WRAPPERS = {"ccache", "sccache", "distcc", "icecc", "buildcache", "colorgcc"}
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs) if xs else None


def mib(nbytes):
    return "%.0f MiB" % (nbytes / 1048576.0)


def secs(s):
    return "%.2f s" % s if s < 100 else "%.1f s" % s


# ------------------------------------------------------------------ machine

def proc_stat_busy():
    """(busy ticks, total ticks) of the whole machine from /proc/stat."""
    with open("/proc/stat") as fp:
        f = [int(x) for x in fp.readline().split()[1:]]
    idle = f[3] + (f[4] if len(f) > 4 else 0)
    total = sum(f[:8])
    return total - idle, total


def loadavg():
    with open("/proc/loadavg") as fp:
        return fp.read().split()[0]


def others_busy(seconds=1.0):
    """Cores kept busy by other processes while we sleep for `seconds`."""
    b0, _ = proc_stat_busy()
    time.sleep(seconds)
    b1, _ = proc_stat_busy()
    return (b1 - b0) / CLK_TCK / seconds


class Quiet:
    """Waits (up to max_wait seconds) until other processes use less than
    `below` cores, before each timed run; records what it saw."""

    def __init__(self, below, max_wait):
        self.below = below
        self.max_wait = max_wait
        self.waited = 0.0
        self.gave_up = 0

    def wait(self):
        if self.below is None:
            return
        start = time.monotonic()
        while True:
            busy = others_busy(1.0)
            if busy < self.below:
                break
            if time.monotonic() - start > self.max_wait:
                self.gave_up += 1
                break
        self.waited += time.monotonic() - start


class Recorder:
    """CPU used by other processes during our timed runs (cores)."""

    def __init__(self):
        self.others = []

    def measure(self, fn):
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        me0 = resource.getrusage(resource.RUSAGE_SELF)
        b0, _ = proc_stat_busy()
        t0 = time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t0
        b1, _ = proc_stat_busy()
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        me1 = resource.getrusage(resource.RUSAGE_SELF)
        ours = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        mine = (me1.ru_utime - me0.ru_utime) + (me1.ru_stime - me0.ru_stime)
        if wall > 0.5:
            self.others.append(max(0.0, ((b1 - b0) / CLK_TCK - ours - mine) / wall))
        return wall, ours, result


# ------------------------------------------------------------- process tree

class TreeSampler(threading.Thread):
    """Every `interval` seconds, sums the RSS and the PSS of all descendants
    of `root` (not `root` itself) from /proc; keeps the peaks. /proc/PID/task/
    TID/children is not always available, so parents are read from
    /proc/PID/stat, once per new process."""

    def __init__(self, root, interval=0.05):
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.stop_event = threading.Event()
        self.parent = {}
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_procs = 0
        self.samples = 0

    def _ppid(self, pid):
        try:
            with open("/proc/%d/stat" % pid, "rb") as fp:
                s = fp.read()
            return int(s[s.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            return None

    def sample(self):
        live = set()
        for name in os.listdir("/proc"):
            if name.isdigit():
                live.add(int(name))
        for pid in list(self.parent):
            if pid not in live:
                del self.parent[pid]
        for pid in live:
            if pid not in self.parent:
                self.parent[pid] = self._ppid(pid)
        tree = {self.root}
        changed = True
        while changed:
            changed = False
            for pid, pp in self.parent.items():
                if pp in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        tree.discard(self.root)
        rss = pss = 0
        for pid in tree:
            try:
                with open("/proc/%d/statm" % pid) as fp:
                    rss += int(fp.read().split()[1]) * PAGE
                with open("/proc/%d/smaps_rollup" % pid) as fp:
                    for line in fp:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1]) * 1024
                            break
            except (OSError, ValueError, IndexError):
                pass
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_procs = max(self.peak_procs, len(tree))
        self.samples += 1

    def run(self):
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(self.interval)

    def stop(self):
        self.stop_event.set()
        self.join()


def run_measured(argv, cwd=None, sample=True):
    """Runs argv under `/usr/bin/time -v`, sampling its process tree.
    Returns dict(wall, rc, gnu_maxrss, rss_sum, pss_sum, procs)."""
    tfile = os.path.join(WORK, "time-v.txt")
    have_time = os.path.exists("/usr/bin/time")
    full = (["/usr/bin/time", "-v", "-o", tfile] if have_time else []) + argv
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = None
    if sample:
        # Under /usr/bin/time the tree to sum is below time's child; without
        # it, below our child plus the child itself (added back below).
        sampler = TreeSampler(proc.pid if have_time else os.getpid())
        sampler.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop()
    rc = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status
    gnu = None
    if have_time:
        with open(tfile) as fp:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", fp.read())
            gnu = int(m.group(1)) * 1024 if m else None
    else:
        gnu = ru.ru_maxrss * 1024
    return {"wall": wall, "rc": rc, "gnu_maxrss": gnu,
            "rss_sum": sampler.peak_rss if sampler else None,
            "pss_sum": sampler.peak_pss if sampler else None,
            "procs": sampler.peak_procs if sampler else None,
            "samples": sampler.samples if sampler else 0}


# ------------------------------------------------------------- the tree

SKIP_DIRS = {"build", "_build", "CMakeFiles", "node_modules"}


def skipped_dir(name):
    return name.startswith(".") or name in SKIP_DIRS or name.startswith("cmake-build-")


def ext_of(path):
    base = os.path.basename(path)
    i = base.rfind(".")
    return base[i:] if i > 0 else ""


def walk_tree(root):
    """(sources, header folders, header files, non-blank lines of all C/C++
    files) with carcinize's discovery rules."""
    sources, hdr_dirs, headers = [], set(), []
    lines = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not skipped_dir(d)
                             and not os.path.islink(os.path.join(dirpath, d)))
        for fn in sorted(filenames):
            e = ext_of(fn)
            path = os.path.join(dirpath, fn)
            if e in HDR_EXT:
                hdr_dirs.add(dirpath)
                headers.append(path)
            elif e in C_EXT or e in CXX_EXT:
                sources.append(path)
            else:
                continue
            try:
                with open(path, "rb") as fp:
                    lines += sum(1 for line in fp if line.strip())
            except OSError:
                pass
    return sources, sorted(hdr_dirs), headers, lines


def find_database(path):
    d = path if os.path.isdir(path) else os.path.dirname(path)
    while True:
        for cand in ("compile_commands.json", "build/compile_commands.json"):
            p = os.path.join(d, cand)
            if os.path.isfile(p):
                return p
        if d == "/":
            return None
        d = os.path.dirname(d)


def entry_argv(entry):
    if "arguments" in entry:
        return list(entry["arguments"])
    return shlex.split(entry["command"])


def baseline_argv(entry, clang, clangxx):
    """The database command as a clang -fsyntax-only command."""
    argv = entry_argv(entry)
    while argv and os.path.basename(argv[0]) in WRAPPERS:
        argv = argv[1:]
    cxx = "++" in os.path.basename(argv[0]) if argv else False
    out = [clangxx if cxx else clang]
    i = 1
    file_abs = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    while i < len(argv):
        a = argv[i]
        if a in ("-o", "-MF", "-MT", "-MQ"):
            i += 2
            continue
        if a in ("-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-fsyntax-only") or \
                (a.startswith("-o") and len(a) > 2) or a.startswith("-MF") or \
                a.startswith("-MT") or a.startswith("-MQ") or a.startswith("-Wp,-M"):
            i += 1
            continue
        if not a.startswith("-") and os.path.normpath(os.path.join(entry["directory"], a)) == file_abs:
            i += 1
            continue
        out.append(a)
        i += 1
    out += ["-fsyntax-only", entry["file"]]
    return out


def inferred_argv(src, root, hdr_dirs, clang):
    cxx = ext_of(src) in CXX_EXT or ext_of(src) in {".hpp", ".hh", ".hxx", ".h++", ".ipp"}
    argv = [clang] + (["-x", "c++", "-std=gnu++17"] if cxx else ["-x", "c", "-std=gnu17"])
    added = set()

    def add(d):
        if d not in added:
            added.add(d)
            argv.append("-I" + d)
    add(os.path.dirname(src))
    for d in hdr_dirs:
        add(d)
        parent = os.path.dirname(d)
        if parent == root or parent.startswith(root.rstrip("/") + "/"):
            add(parent)
    argv += ["-fsyntax-only", src]
    return argv


# ----------------------------------------------------------------- runners

class Carcinize:
    def __init__(self, binary, root, db, jobs_default):
        self.binary = binary
        self.root = root
        self.db = db
        help_text = subprocess.run([binary, "scan", "--help"], capture_output=True,
                                   text=True).stdout
        self.has_no_cache = "--no-cache" in help_text
        self.has_cache_dir = "--cache-dir" in help_text
        self.has_verbose = "--verbose" in help_text
        self.last_counts = None
        self.version = subprocess.run([binary, "--version"], capture_output=True,
                                      text=True).stdout.strip()
        self.report = os.path.join(WORK, "report.json")

    def argv(self, jobs, cache=None, verbose=False):
        # Never `-o /dev/null`: the report is written atomically (a temporary
        # file renamed over the target), which would replace /dev/null.
        a = [self.binary, "scan", self.root, "-j", str(jobs), "--quiet", "--format", "json",
             "-o", self.report]
        if self.db:
            a += ["-p", self.db]
        if cache is None:
            if self.has_no_cache:
                a.append("--no-cache")
        else:
            a += ["--cache-dir", cache]
        if verbose and self.has_verbose:
            a.append("-v")
        return a

    def run(self, jobs, cache=None, verbose=False, env=None):
        r = subprocess.run(self.argv(jobs, cache, verbose), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, **env) if env else None)
        if r.returncode not in (0, 1):
            raise SystemExit("bench: carcinize failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
        # -v: "N translation units parsed, M reused from the cache"
        m = re.search(r"(\d+) translation units? parsed, (\d+) reused", r.stderr)
        self.last_counts = (int(m.group(1)), int(m.group(2))) if m else None
        return r.returncode

    def stats(self):
        with open(self.report) as fp:
            return json.load(fp)


def run_sequential(cmds, maxrss=None, errors=None):
    """Runs each (argv, cwd) one after another; records each one's max RSS
    and the TUs clang exited non-zero on."""
    for i, (argv, cwd) in enumerate(cmds):
        p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        if maxrss is not None:
            maxrss[i] = max(maxrss.get(i, 0), ru.ru_maxrss * 1024)
        if errors is not None and status != 0:
            errors.add(i)


def run_tidy(tidy, dbdir, files, checks):
    # One clang-tidy process for many files (its fastest -j1 use): no
    # per-file start-up, so the comparison is conservative for carcinize.
    for k in range(0, len(files), 100):
        subprocess.run([tidy, "-p", dbdir, "--quiet", "-checks=" + checks] + files[k:k + 100],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# -------------------------------------------------------------------- main

WORK = None


def generate(lines, args, suffix=""):
    name = "gen-%d-s%d%s%s" % (lines, args.seed, "-cxxheavy" if args.cxx_heavy else "",
                               "-cxx%g" % args.cxx if args.cxx is not None else "")
    out = os.path.join(WORK, name)
    opts = ["--lines", str(lines), "--seed", str(args.seed)]
    if args.cxx_heavy:
        opts.append("--cxx-heavy")
    if args.cxx is not None:
        opts += ["--cxx", str(args.cxx)]
    manifest = os.path.join(out, "bench-manifest.json")
    if os.path.exists(manifest):
        with open(manifest) as fp:
            m = json.load(fp)
        o = m.get("options", {})
        if o.get("lines") == lines and o.get("seed") == args.seed and \
                bool(o.get("cxx_heavy")) == args.cxx_heavy and \
                (args.cxx is None or o.get("cxx") == args.cxx):
            log("reusing %s" % out)
            return out
    log("generating %d lines into %s" % (lines, out))
    subprocess.run([sys.executable, os.path.join(HERE, "gencode.py"), out] + opts, check=True,
                   stdout=sys.stderr)
    return out


def default_binary():
    env = os.environ.get("CARCINIZE")
    if env:
        return env
    for sub in ("release", "dev"):
        p = os.path.join(REPO, "build", sub, "bin", "carcinize")
        if os.path.exists(p):
            return p
    return shutil.which("carcinize")


def machine_line():
    model = "?"
    try:
        with open("/proc/cpuinfo") as fp:
            for line in fp:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as fp:
            mem = "%.0f GiB" % (int(fp.readline().split()[1]) / 1048576.0)
    except OSError:
        pass
    return "%s, %d cores, %s RAM, %s %s" % (model, os.cpu_count(), mem, platform.system(),
                                           platform.release())


def tool_version(argv):
    try:
        out = subprocess.run(argv + ["--version"], capture_output=True, text=True).stdout
    except OSError:
        return None
    m = re.search(r"version (\S+)", out)
    return m.group(1) if m else out.strip().split("\n")[0]


def main():
    global WORK
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", help="tree to scan (a checkout, or a generated codebase)")
    ap.add_argument("--generate", type=int, metavar="LINES",
                    help="generate a codebase of LINES non-blank lines (tests/bench/gencode.py) and use it")
    ap.add_argument("--cxx-heavy", action="store_true", help="with --generate: the C++ STL-heavy mode")
    ap.add_argument("--cxx", type=float, help="with --generate: fraction of C++ modules (gencode default 0.2)")
    ap.add_argument("--seed", type=int, default=1, help="with --generate (default 1)")
    ap.add_argument("-p", dest="db", help="compilation database (folder or file); default: searched as carcinize does")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; medians are shown (default 3)")
    ap.add_argument("--tidy-runs", type=int, help="runs of the clang-tidy rows (default: --runs)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="N of the -jN rows (default: cores)")
    ap.add_argument("--carcinize", default=default_binary(),
                    help="binary (default: $CARCINIZE, build/release, build/dev, PATH)")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("--only", default="cold,bodies,jobs,cache,memory,tidy",
                    help="comma-separated subset of cold,bodies,jobs,cache,memory,tidy (default: all)")
    ap.add_argument("--scale-from", type=int, metavar="LINES",
                    help="with --generate: add the scale rows, against a generated codebase of LINES")
    ap.add_argument("--cold-target", type=float,
                    help="target of the cold row (default 1.15; 0.8 with --cxx-heavy)")
    ap.add_argument("--allow-touch", action="store_true",
                    help="on a given PATH, let the cache rows append a comment to one source and one "
                         "header (restored afterwards); always done on generated trees")
    ap.add_argument("--quiet-below", type=float, metavar="CORES",
                    help="before each timed run, wait until other processes use fewer than CORES cores")
    ap.add_argument("--max-wait", type=float, default=300, help="seconds to wait for --quiet-below (default 300)")
    ap.add_argument("--work", default=os.environ.get("CARCINIZE_BENCH_WORK", "/tmp/carcinize-bench"),
                    help="scratch folder: generated trees, reports, caches (default /tmp/carcinize-bench)")
    ap.add_argument("--json", metavar="FILE", help="also write every measurement to FILE")
    args = ap.parse_args()

    if (args.path is None) == (args.generate is None):
        ap.error("give a PATH or --generate LINES (one of them)")
    if args.scale_from and not args.generate:
        ap.error("--scale-from needs --generate")
    only = set(x.strip() for x in args.only.split(",") if x.strip())
    unknown = only - {"cold", "jobs", "cache", "memory", "tidy", "bodies"}
    if unknown:
        ap.error("--only: unknown %s" % ", ".join(sorted(unknown)))
    if not args.carcinize or not os.path.exists(args.carcinize):
        ap.error("carcinize binary not found (--carcinize or $CARCINIZE)")
    if shutil.which(args.clang) is None:
        ap.error("%s not found" % args.clang)
    WORK = os.path.abspath(args.work)
    os.makedirs(WORK, exist_ok=True)
    runs = max(1, args.runs)
    jobs = max(1, args.jobs)
    quiet = Quiet(args.quiet_below, args.max_wait)
    rec = Recorder()
    clang = shutil.which(args.clang)
    clangxx = shutil.which(args.clang.replace("clang", "clang++", 1)) or clang
    binary = os.path.abspath(args.carcinize)
    with open(binary, "rb") as fp:
        binary_sha = hashlib.sha256(fp.read()).hexdigest()[:12]

    generated = args.generate is not None
    root = generate(args.generate, args) if generated else os.path.abspath(args.path)
    root = os.path.realpath(root)
    if not os.path.isdir(root):
        ap.error("%s: not a folder" % root)
    db = args.db
    if db:
        db = os.path.abspath(db)
        if os.path.isdir(db):
            db = os.path.join(db, "compile_commands.json")
    load_start = loadavg()

    car = Carcinize(binary, root, db, jobs)
    log("probe scan of %s" % root)
    car.run(jobs)
    report = car.stats()
    facts_size = os.path.getsize(car.report)
    tus = [os.path.normpath(os.path.join(root, t["file"])) for t in report["translation_units"]]
    failed = report["stats"].get("failed", 0)
    used_db = None
    for n in report.get("notes", []):
        m = re.match(r"using compilation database (.*)$", n)
        if m:
            used_db = db or find_database(root)
    sources, hdr_dirs, headers, lines = walk_tree(root)

    # The baseline commands, one per TU carcinize parsed.
    cmds = []
    db_entries = {}
    if used_db:
        with open(used_db) as fp:
            for e in json.load(fp):
                f = os.path.normpath(os.path.join(e["directory"], e["file"]))
                db_entries.setdefault(f, e)
    inferred_for = 0
    for tu in tus:
        if tu in db_entries:
            e = db_entries[tu]
            cmds.append((baseline_argv(e, clang, clangxx), e["directory"]))
        else:
            inferred_for += 1
            cmds.append((inferred_argv(tu, root, hdr_dirs, clang), root))
    n_cxx = sum(1 for t in tus if ext_of(t) in CXX_EXT)
    if not used_db and sorted(sources) != sorted(tus):
        log("warning: carcinize parsed %d TUs, this script's walk finds %d sources "
            "(a .carcinize.yaml exclude?); the baselines use carcinize's list" % (len(tus), len(sources)))
    log("%d TUs (%d C++), %d lines, database: %s" % (len(tus), n_cxx, lines, used_db or "none"))

    rows = []
    data = {"root": root, "tus": len(tus), "lines": lines, "database": used_db, "runs": runs,
            "jobs": jobs, "carcinize": binary, "carcinize_sha256": binary_sha,
            "facts_bytes": facts_size, "measurements": {}}
    M = data["measurements"]

    def timed(fn):
        quiet.wait()
        wall, cpu, _ = rec.measure(fn)
        return wall, cpu

    cold_target = args.cold_target or (0.8 if args.cxx_heavy else 1.15)
    car_j1 = car_j1_cpu = None
    base_maxrss = {}
    base_errors = set()
    if only & {"cold", "jobs", "cache", "tidy", "bodies"}:
        walls, cpus, bwalls, bcpus = [], [], [], []
        for r in range(runs):
            log("cold -j1, run %d/%d" % (r + 1, runs))
            w, c = timed(lambda: car.run(1))
            walls.append(w)
            cpus.append(c)
            if "cold" in only:
                log("clang -fsyntax-only, run %d/%d" % (r + 1, runs))
                w, c = timed(lambda: run_sequential(cmds, base_maxrss, base_errors))
                bwalls.append(w)
                bcpus.append(c)
        car_j1, car_j1_cpu = median(walls), median(cpus)
        M["carcinize_j1"] = {"wall": walls, "cpu": cpus}
        if "cold" in only:
            M["clang_fsyntax_only"] = {"wall": bwalls, "cpu": bcpus}
            b, bc = median(bwalls), median(bcpus)
            label = "cold scan -j1 vs %s -fsyntax-only, TUs one after another" % os.path.basename(clang)
            if args.cxx_heavy:
                label += " (C++ heavy)"
            ratio = car_j1 / b
            rows.append((label, secs(car_j1), secs(b), "%.2fx" % ratio, "<= %.2fx" % cold_target,
                         "yes" if ratio <= cold_target else "no"))
            rows.append(("  same, CPU time (user+sys)", secs(car_j1_cpu), secs(bc),
                         "%.2fx" % (car_j1_cpu / bc), "(info)", "-"))

    if "bodies" in only:
        # Bodies outside the tree are skipped by default; the same scan with
        # every body parsed (as -fsyntax-only does) must report the same.
        with open(car.report, "rb") as fp:
            skipped_report = fp.read()
        walls = []
        for r in range(runs):
            log("cold -j1 with every body parsed, run %d/%d" % (r + 1, runs))
            w, _ = timed(lambda: car.run(1, env={"CARCINIZE_PARSE_ALL_BODIES": "1"}))
            walls.append(w)
        with open(car.report, "rb") as fp:
            same = fp.read() == skipped_report
        M["carcinize_j1_all_bodies"] = {"wall": walls, "report_identical": same}
        allb = median(walls)
        rows.append(("  cold -j1 with bodies outside the tree skipped vs all parsed; reports "
                     "identical: %s" % ("yes" if same else "NO"), secs(car_j1), secs(allb),
                     "%.2fx" % (car_j1 / allb), "(info)", "yes" if same else "no"))

    if "jobs" in only and jobs > 1:
        walls = []
        for r in range(runs):
            log("cold -j%d, run %d/%d" % (jobs, r + 1, runs))
            w, _ = timed(lambda: car.run(jobs))
            walls.append(w)
        M["carcinize_jN"] = {"wall": walls}
        jn = median(walls)
        sp = car_j1 / jn
        want = 0.9 * jobs
        rows.append(("-j%d vs -j1 speed-up" % jobs, "%s (-j%d)" % (secs(jn), jobs),
                     "%s (-j1)" % secs(car_j1), "%.2fx" % sp, ">= %.1fx" % want,
                     "yes" if sp >= want else "no"))

    if "cache" in only:
        # A generated tree (it has the generator's manifest) may be edited.
        may_touch = generated or args.allow_touch or \
            os.path.exists(os.path.join(root, "bench-manifest.json"))
        cache_rows(car, rows, M, root, tus, headers, may_touch, runs,
                   timed, car_j1)

    if "memory" in only:
        memory_rows(car, rows, M, jobs, cmds, base_maxrss, facts_size, clang, quiet)

    if "tidy" in only:
        tidy = shutil.which(args.clang_tidy)
        if tidy is None:
            rows.append(("vs %s (closest checks), -j1" % args.clang_tidy, secs(car_j1),
                         "n/a (not installed)", "-", "< 1x", "n/a"))
        else:
            tdir = os.path.join(WORK, "tidy-db")
            os.makedirs(tdir, exist_ok=True)
            tdb = []
            for (argv, cwd), tu in zip(cmds, tus):
                a = [x for x in argv if x != "-fsyntax-only"]
                tdb.append({"directory": cwd, "arguments": a, "file": tu})
            with open(os.path.join(tdir, "compile_commands.json"), "w") as fp:
                json.dump(tdb, fp, indent=1)
            walls, cpus = [], []
            truns = max(1, args.tidy_runs or runs)
            for r in range(truns):
                log("clang-tidy, run %d/%d" % (r + 1, truns))
                w, c = timed(lambda: run_tidy(tidy, tdir, tus, TIDY_CHECKS))
                walls.append(w)
                cpus.append(c)
            M["clang_tidy"] = {"wall": walls, "cpu": cpus, "checks": TIDY_CHECKS}
            t = median(walls)
            ratio = car_j1 / t
            rows.append(("vs %s -checks=<closest>, -j1 each" % os.path.basename(tidy), secs(car_j1),
                         secs(t), "%.2fx" % ratio, "< 1x", "yes" if ratio < 1 else "no"))
            # The same without clang-analyzer-*: enabling any analyzer check
            # runs the path-sensitive engine over every function, which is
            # most of clang-tidy's time; this row shows the AST checks alone.
            walls = []
            for r in range(truns):
                log("clang-tidy without clang-analyzer-*, run %d/%d" % (r + 1, truns))
                w, _ = timed(lambda: run_tidy(tidy, tdir, tus, TIDY_CHECKS_NO_ANALYZER))
                walls.append(w)
            M["clang_tidy_no_analyzer"] = {"wall": walls, "checks": TIDY_CHECKS_NO_ANALYZER}
            t = median(walls)
            rows.append(("  same without clang-analyzer-* (AST checks only)", secs(car_j1), secs(t),
                         "%.2fx" % (car_j1 / t), "(info)", "-"))

    scale_info = None
    if args.scale_from:
        scale_info = scale_rows(args, rows, M, car, jobs, runs, timed, lines, root, binary)

    load_end = loadavg()
    # ------------------------------------------------------------ output
    others = median(rec.others)
    out = []
    out.append("- tree: `%s`: %d TUs (%d C++), %d non-blank lines in C/C++ sources and headers; "
               "flags: %s%s; %d failed TUs" % (
                   root, len(tus), n_cxx, lines,
                   ("compilation database `%s`" % used_db) if used_db else "inferred (no database)",
                   (" (%d TUs not in it: inferred)" % inferred_for) if used_db and inferred_for else "",
                   failed))
    if base_errors:
        out.append("- %s -fsyntax-only exited non-zero (errors) on %d TUs: %s" % (
            os.path.basename(clang), len(base_errors),
            ", ".join(os.path.relpath(tus[i], root) for i in sorted(base_errors)[:5]) +
            (" ..." if len(base_errors) > 5 else "")))
    out.append("- carcinize: `%s` (%s, sha256 %s); %s %s; %s %s" % (
        binary, car.version, binary_sha, os.path.basename(clang), tool_version([clang]),
        args.clang_tidy, tool_version([args.clang_tidy]) if shutil.which(args.clang_tidy) else "absent"))
    out.append("- machine: %s; load average %s at start, %s at end; other processes used a median "
               "%.2f cores during the timed runs%s" % (
                   machine_line(), load_start, load_end, others or 0.0,
                   ("; waited %.0f s for quiet (gave up %d times)" % (quiet.waited, quiet.gave_up))
                   if args.quiet_below is not None else ""))
    out.append("- %d runs each (clang-tidy: %d), medians; -jN: N = %d; cache: %s" % (
        runs, max(1, args.tidy_runs or runs), jobs, "present (cold runs pass --no-cache)" if car.has_no_cache else "absent"))
    out.append("")
    out.append("| comparison | carcinize | baseline | ratio | target | holds? |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        out.append("| " + " | ".join(r) + " |")
    print("\n".join(out))
    data["rows"] = rows
    data["others_cores"] = rec.others
    data["load"] = [load_start, load_end]
    if args.json:
        with open(args.json, "w") as fp:
            json.dump(data, fp, indent=1)


def counts_text(car):
    if car.last_counts is None:
        return ""
    return " (%d TUs parsed, %d reused)" % car.last_counts


def shared_header(tus, headers):
    """A header several TUs #include directly, resolved as the preprocessor
    would find it (beside the includer, else the one header whose path ends
    with the name written; ambiguous names are left out): the median of
    those more than one TU includes (a module header, not the one every TU
    includes). Returns (count, path), or (0, None)."""
    if headers:
        by_suffix = {}
        for h in headers:
            parts = os.path.normpath(h).split(os.sep)
            for k in range(1, len(parts)):
                by_suffix.setdefault("/".join(parts[-k:]), []).append(h)
        counts = {}
        inc = re.compile(rb'#\s*include\s*["<]([^">]+)[">]')
        for t in tus:
            try:
                with open(t, "rb") as fp:
                    text = fp.read()
            except OSError:
                continue
            seen = set()
            for m in inc.finditer(text):
                name = os.path.normpath(m.group(1).decode("utf-8", "replace"))
                beside = os.path.normpath(os.path.join(os.path.dirname(t), name))
                if os.path.isfile(beside):
                    h = beside
                else:
                    cands = by_suffix.get(name.replace(os.sep, "/"), [])
                    if len(cands) != 1:
                        continue
                    h = cands[0]
                if h not in seen:
                    seen.add(h)
                    counts[h] = counts.get(h, 0) + 1
        # A module header rather than the one every TU includes: the median
        # of the headers that more than one TU includes.
        shared = sorted((n, h) for h, n in counts.items() if n > 1)
        if shared:
            return shared[len(shared) // 2]
    return 0, None


def cache_rows(car, rows, M, root, tus, headers, may_touch, runs, timed, car_j1):
    if not (car.has_cache_dir and car.has_no_cache):
        rows.append(("warm re-scan of an unchanged tree vs cold", "n/a (no cache)", "-", "-",
                     "<= 5%", "n/a"))
        return
    cache = os.path.join(WORK, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    log("populating the cache")
    car.run(1, cache)
    walls = []
    for r in range(runs):
        log("warm -j1, run %d/%d" % (r + 1, runs))
        w, _ = timed(lambda: car.run(1, cache, verbose=True))
        walls.append(w)
    M["warm_j1"] = {"wall": walls, "stats": car.stats().get("stats"), "counts": car.last_counts}
    warm = median(walls)
    ratio = warm / car_j1 if car_j1 else None
    rows.append(("warm re-scan of an unchanged tree vs cold, -j1", secs(warm) + counts_text(car),
                 secs(car_j1) if car_j1 else "-", "%.1f%%" % (100 * ratio) if ratio else "-",
                 "<= 5%", ("yes" if ratio <= 0.05 else "no") if ratio else "-"))
    if not may_touch:
        rows.append(("re-scan after touching one .c / one header", "skipped (--allow-touch)", "-",
                     "-", "(info)", "-"))
        return
    # A source of median size, and a header several TUs #include directly
    # (shared_header; transitive includers re-parse too).
    csrcs = sorted((os.path.getsize(t), t) for t in tus)
    src = csrcs[len(csrcs) // 2][1] if csrcs else None
    best_n, best = shared_header(tus, headers)
    for what, path in (("one .c", src), ("one header", best)):
        if not path:
            continue
        with open(path, "rb") as fp:
            original = fp.read()
        st = os.stat(path)
        walls, stats, counts = [], None, None
        try:
            for r in range(runs):
                with open(path, "wb") as fp:
                    fp.write(original + b"\n/* carcinize bench touch %d */\n" % r)
                log("re-scan after touching %s, run %d/%d" % (path, r + 1, runs))
                w, _ = timed(lambda: car.run(1, cache, verbose=True))
                walls.append(w)
                stats = car.stats().get("stats")
                counts = car.last_counts
        finally:
            with open(path, "wb") as fp:
                fp.write(original)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        M["touch_" + what] = {"wall": walls, "file": path, "stats": stats, "counts": counts}
        extra = counts_text(car)
        if stats:
            keys = ["%s=%s" % (k, v) for k, v in sorted(stats.items())
                    if "cache" in k or "reparsed" in k or "reused" in k]
            if keys:
                extra += " (" + ", ".join(keys) + ")"
        label = "re-scan -j1 after touching %s (`%s`%s)" % (
            what, os.path.relpath(path, root),
            ", #included directly by %d TUs" % best_n if what == "one header" else "")
        w = median(walls)
        rows.append((label, secs(w) + extra, "%s (cold)" % secs(car_j1) if car_j1 else "-",
                     "%.1f%%" % (100 * w / car_j1) if car_j1 else "-", "(info)", "-"))


def memory_rows(car, rows, M, jobs, cmds, base_maxrss, facts_size, clang, quiet):
    log("memory: carcinize -j%d under /usr/bin/time -v, sampling /proc every 50 ms" % jobs)
    quiet.wait()
    m = run_measured(car.argv(jobs))
    # The largest TU: the one clang-19 needed the most memory for (from the
    # baseline runs), else the largest file.
    if base_maxrss:
        idx = max(base_maxrss, key=lambda i: base_maxrss[i])
    else:
        idx = max(range(len(cmds)), key=lambda i: os.path.getsize(
            os.path.join(cmds[i][1], cmds[i][0][-1])))
    argv, cwd = cmds[idx]
    log("memory: %s -fsyntax-only on %s" % (os.path.basename(clang), argv[-1]))
    b = run_measured(argv, cwd=cwd, sample=False)
    cl = b["gnu_maxrss"]
    M["memory"] = {"carcinize": m, "clang_largest_tu": b, "largest_tu": argv[-1],
                   "facts_bytes": facts_size}
    budget = 1.3 * jobs * cl + facts_size
    tgt = "<= %.2fx (1.3 x %d + facts %s)" % (budget / cl, jobs, mib(facts_size))
    base = "%s (%s -fsyntax-only, largest TU)" % (mib(cl), os.path.basename(clang))
    rows.append(("peak memory -j%d: process tree RSS sum (sampled every 50 ms)" % jobs,
                 mib(m["rss_sum"]), base, "%.2fx" % (m["rss_sum"] / cl), tgt,
                 "yes" if m["rss_sum"] <= budget else "no"))
    rows.append(("peak memory -j%d: process tree PSS sum (sampled every 50 ms)" % jobs,
                 mib(m["pss_sum"]), base, "%.2fx" % (m["pss_sum"] / cl), tgt,
                 "yes" if m["pss_sum"] <= budget else "no"))
    rows.append(("peak memory -j%d: GNU time %%M (largest single process)" % jobs,
                 mib(m["gnu_maxrss"]), base, "%.2fx" % (m["gnu_maxrss"] / cl), "(info)", "-"))


def scale_rows(args, rows, M, car, jobs, runs, timed, lines, root, binary):
    small_root = os.path.realpath(generate(args.scale_from, args))
    _, _, _, small_lines = walk_tree(small_root)
    small = Carcinize(binary, small_root, None, jobs)
    log("probe scan of %s" % small_root)
    small.run(jobs)
    small_facts = os.path.getsize(small.report)
    res = {}
    for name, c, n in (("small", small, small_lines), ("large", car, lines)):
        walls = []
        for r in range(runs):
            log("scale: %s (%d lines) -j%d, run %d/%d" % (name, n, jobs, r + 1, runs))
            w, _ = timed(lambda: c.run(jobs))
            walls.append(w)
        res[name] = {"wall": walls, "lines": n}
    log("scale: memory of the small tree at -j%d" % jobs)
    res["small"]["memory"] = run_measured(small.argv(jobs))
    res["small"]["facts_bytes"] = small_facts
    M["scale"] = res
    ps = median(res["small"]["wall"]) / small_lines * 1e6
    pl = median(res["large"]["wall"]) / lines * 1e6
    ratio = pl / ps
    rows.append(("scale: time per line at %d vs %d lines, -j%d" % (lines, small_lines, jobs),
                 "%.2f us/line (%s)" % (pl, secs(median(res["large"]["wall"]))),
                 "%.2f us/line (%s)" % (ps, secs(median(res["small"]["wall"]))),
                 "%.2fx" % ratio, "<= 1.2x", "yes" if ratio <= 1.2 else "no"))
    large_mem = M.get("memory", {}).get("carcinize")
    if large_mem:
        sm = res["small"]["memory"]
        rows.append(("scale: peak memory at %d vs %d lines, -j%d, RSS sum / PSS sum" % (
            lines, small_lines, jobs),
            "%s / %s" % (mib(large_mem["rss_sum"]), mib(large_mem["pss_sum"])),
            "%s / %s" % (mib(sm["rss_sum"]), mib(sm["pss_sum"])),
            "%.2fx / %.2fx" % (large_mem["rss_sum"] / sm["rss_sum"], large_mem["pss_sum"] / sm["pss_sum"]),
            "bounded (see the memory rows)", "-"))


if __name__ == "__main__":
    main()
