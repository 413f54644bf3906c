#!/usr/bin/env python3
"""How well does carcinize's value ranking find the files where real
vulnerabilities were fixed? docs/evaluation.md describes the method and the
figures.

    tests/eval/cve_rank.py PATH [--name NAME] [--head REV] [--split REV]
    tests/eval/cve_rank.py --projects tests/eval/projects.txt --root DIR -o results.json

For a project's git checkout it

1. collects the CVE fixes: commits of the history whose message names a CVE
   (CVE-YYYY-N), each with the C and C++ files it touched, tests, fuzzers,
   examples and docs left out. A merge counts with what it brought into the
   first parent; a commit that names a CVE but touches no code (a changelog
   entry) counts with the merge that brought it into the main line, when
   there is one (the pull request that fixed it), else not at all; paths
   follow renames to their name in the tree that is judged;
2. writes the tree of the judged commit (C and C++ files only, from git
   objects: the checkout is never changed) and ranks it three ways:
   carcinize's value (scan --group-by file --rank-by value --format json,
   from facts saved once per binary and commit), code lines, and flawfinder
   hits. The ranked units are carcinize's modules (with --group-by file, a
   source with its header of the same name), so all three rank the same
   units; a unit is relevant when a CVE fix touched one of its files, and its
   grade is the number of distinct CVEs fixed in it;
3. computes P@10 (binary) and NDCG@10 (graded, linear gain) for each ranking,
   at HEAD (retrospective: the fixes of the whole history, biased because the
   fixes changed the code that is ranked) and, with a split commit, on the
   tree of the split judged against the fixes made after it (predictive,
   leakage-free: the files that existed at the split, fixes from split..HEAD).

Prints one table per project, then a summary with the average; --json prints
the results as JSON instead, -o FILE writes them too. Standard library only;
it never builds or runs the projects' code (flawfinder and carcinize only read
it).
"""

import argparse
import collections
import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

CVE_RE = re.compile(r"\bCVE-(\d{4})-(\d{4,})\b", re.IGNORECASE)
CODE_EXTENSIONS = {".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".cp", ".C", ".hh", ".hpp",
                   ".hxx", ".h++", ".H", ".inl", ".ipp", ".tcc"}
# Folders whose files are not the project's product: tests, fuzzers,
# examples, docs, benchmarks, and vendored third-party code (openjpeg's
# thirdparty/ holds a libpng, a libtiff and a zlib whose CVEs are fixed
# upstream). A file under one of them is neither ranked nor relevant.
EXCLUDED_DIRS = {"test", "tests", "testing", "testsuite", "unittest", "unittests", "t",
                 "fuzz", "fuzzing", "fuzzer", "fuzzers", "oss-fuzz", "ossfuzz",
                 "doc", "docs", "example", "examples", "bench", "benchmark", "benchmarks",
                 "thirdparty", "third_party", "third-party", "3rdparty", "vendor", "vendored",
                 "external", "extern", "externals", "deps", "bundled"}
# Files named as tests or fuzzers: test*, fuzz*, *_test, *-test_*, *fuzzer.
EXCLUDED_FILE_RE = re.compile(r"^(test|fuzz)|[_-](test|tests|fuzz)([_-]|$)|fuzzer$",
                              re.IGNORECASE)
K = 10
# carcinize's orders (scan --rank-by ORDER; "priority" is the default order)
# and the two baselines.
ORDERS = ("value", "priority")
BASELINES = ("code_lines", "flawfinder")
RANKERS = ORDERS + BASELINES
# Fix commits touching more code files than this are left out (and listed):
# a CVE named in a release merge, a reformatting or a vendored update is not
# the fix of that CVE.
DEFAULT_MAX_FILES = 30


def log(msg):
    print("cve_rank: " + msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Pure logic: paths, CVE ids, commit logs, metrics.

def is_code(path):
    """True for C and C++ sources and headers."""
    return os.path.splitext(path)[1] in CODE_EXTENSIONS


def is_test_folder(name):
    """A folder named as a set of tests beyond EXCLUDED_DIRS, as carcinize's
    product classification says (lib/rank/Product.cpp): libpng's
    contrib/libtests/, regtests/, test-data/, unit_test/; not contest/."""
    name = name.lower()
    return ((len(name) > 5 and name.endswith("tests")) or name.startswith(("test_", "test-"))
            or name.endswith(("_test", "-test")))


def is_excluded(path):
    """True for tests, fuzzers, examples, docs and benchmarks."""
    parts = path.split("/")
    if any(p.lower() in EXCLUDED_DIRS or is_test_folder(p) for p in parts[:-1]):
        return True
    return bool(EXCLUDED_FILE_RE.search(os.path.splitext(parts[-1])[0]))


def is_product_code(path):
    return is_code(path) and not is_excluded(path)


def cve_ids(message):
    """The CVE ids a commit message names, upper case, sorted, unique."""
    return sorted({"CVE-%s-%s" % m for m in CVE_RE.findall(message)})


LOG_FORMAT = "%x1e%H%x1f%P%x1f%ct%x1f%B"


def parse_log(text):
    """Parses `git log --format=LOG_FORMAT` into (commit, parents, time, message)."""
    out = []
    for rec in text.split("\x1e"):
        if not rec.strip():
            continue
        fields = rec.split("\x1f", 3)
        if len(fields) != 4:
            raise ValueError("unexpected git log record: %r" % rec[:200])
        commit, parents, ctime, message = fields
        out.append((commit.strip(), parents.split(), int(ctime), message))
    return out


def parse_name_status(text):
    """Parses `git diff --name-status -z`: a list of (status, old, new)."""
    items = text.split("\0")
    out = []
    i = 0
    while i < len(items):
        status = items[i]
        if not status:
            i += 1
            continue
        if status[0] in "RC":
            out.append((status[0], items[i + 1], items[i + 2]))
            i += 3
        else:
            out.append((status[0], items[i + 1], items[i + 1]))
            i += 2
    return out


def precision_at(ranked, relevant, k=K):
    """Share of the first k units that are relevant (binary)."""
    return sum(1 for u in ranked[:k] if relevant.get(u, 0) > 0) / float(k)


def dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked, relevant, k=K):
    """NDCG@k with graded relevance (gain = the unit's grade, linear), against
    the ideal order of every unit's grade; 0 when nothing is relevant."""
    ideal = dcg(sorted((g for g in relevant.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(u, 0) for u in ranked[:k]]) / ideal


def code_lines(text):
    """Lines holding code: not blank and not only comments. Comment markers
    inside string and character literals are not comments."""
    count = 0
    in_block = False
    for line in text.splitlines():
        has_code = False
        i = 0
        n = len(line)
        quote = None
        while i < n:
            c = line[i]
            if in_block:
                if line.startswith("*/", i):
                    in_block = False
                    i += 2
                    continue
                i += 1
                continue
            if quote:
                if c == "\\":
                    i += 2
                    continue
                if c == quote:
                    quote = None
                i += 1
                continue
            if line.startswith("//", i):
                break
            if line.startswith("/*", i):
                in_block = True
                i += 2
                continue
            if c in "\"'":
                quote = c
            if not c.isspace():
                has_code = True
            i += 1
        if has_code:
            count += 1
    return count


def order_units(units, score):
    """Units by descending score, ties by name: deterministic."""
    return sorted(units, key=lambda u: (-score.get(u, 0), u))


# --------------------------------------------------------------------------
# Git.

class Git:
    def __init__(self, path):
        self.path = path

    def run(self, *args, check=True, inp=None):
        r = subprocess.run(["git", "-C", self.path] + list(args), capture_output=True,
                           input=inp, check=False)
        if check and r.returncode != 0:
            raise RuntimeError("git %s: %s" % (" ".join(args), r.stderr.decode(errors="replace")))
        return r.stdout.decode("utf-8", errors="replace")

    def rev(self, rev):
        return self.run("rev-parse", "--verify", rev + "^{commit}").strip()

    def commit_time(self, rev):
        return int(self.run("show", "-s", "--format=%ct", rev).strip())

    def files(self, rev):
        """Paths of regular files at \p rev."""
        out = []
        for rec in self.run("ls-tree", "-r", "-z", rev).split("\0"):
            if not rec:
                continue
            meta, path = rec.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and mode in ("100644", "100755"):
                out.append((path, sha))
        return out

    def changed(self, old, new):
        """(status, old path, new path) of a diff, renames detected."""
        args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff"]
        if old is None:
            args = ["diff-tree", "--root", "--no-commit-id", "-r", "--name-status", "-z", "-M"]
            return parse_name_status(self.run(*(args + [new])))
        return parse_name_status(self.run(*(args + [old, new])))


class CveFix:
    """One commit (or merge) counted as the fix of some CVEs."""

    def __init__(self, commit, ctime, cves, files, via=None):
        self.commit = commit
        self.time = ctime
        self.cves = cves
        self.files = files  # product code paths as named right after the commit
        self.via = via      # the commit that named the CVE, when the files come from its merge

    def to_json(self):
        d = {"commit": self.commit, "time": self.time, "cves": self.cves, "files": self.files}
        if self.via:
            d["named_in"] = self.via
        return d


def collect_fixes(git, head, since=None, max_files=DEFAULT_MAX_FILES):
    """The CVE fixes in the history of \p head (after \p since when given, by
    ancestry: since..head). Returns (fixes, notes): notes count what was left
    out and why."""
    rng = head if since is None else "%s..%s" % (since, head)
    log_text = git.run("log", "--format=" + LOG_FORMAT, "-E", "-i",
                       "--grep=CVE-[0-9]{4}-[0-9]{4,}", rng)
    commits = parse_log(log_text)
    first_parent = set(git.run("rev-list", "--first-parent", head).split())
    notes = collections.Counter()
    fixes = {}
    too_big = []
    for commit, parents, ctime, message in commits:
        cves = cve_ids(message)
        if not cves:
            continue
        touched = code_touched(git, commit, parents)
        via = None
        if not touched and len(parents) == 1 and commit not in first_parent:
            # A changelog commit inside a merged branch: the branch's merge
            # into the main line is the fix.
            merge = merge_into_mainline(git, commit, head)
            if merge is not None and (since is None or is_after(git, merge, since)):
                mparents = git.run("show", "-s", "--format=%P", merge).split()
                touched = code_touched(git, merge, mparents)
                if touched:
                    via = commit
                    commit, ctime = merge, git.commit_time(merge)
                    notes["named in a merged branch's changelog commit"] += 1
        if not touched:
            notes["name a CVE but touch no product code"] += 1
            continue
        if len(touched) > max_files:
            too_big.append((commit[:10], len(touched), cves))
            notes["touch more than %d code files (left out)" % max_files] += 1
            continue
        if commit in fixes:  # two changelog commits of one merged branch
            old = fixes[commit]
            old.cves = sorted(set(old.cves) | set(cves))
            continue
        fixes[commit] = CveFix(commit, ctime, cves, sorted(touched), via)
    return sorted(fixes.values(), key=lambda f: (f.time, f.commit)), notes, too_big


def code_touched(git, commit, parents):
    """Product code paths a commit added or modified (a merge: what it brought
    into its first parent), named as after the commit."""
    old = parents[0] if parents else None
    out = set()
    for status, _, new in git.changed(old, commit):
        if status != "D" and is_product_code(new):
            out.add(new)
    return out


def merge_into_mainline(git, commit, head):
    """The first-parent commit of \p head that merged \p commit, or None."""
    chain = git.run("rev-list", "--first-parent", "--ancestry-path",
                    "%s..%s" % (commit, head)).split()
    if not chain:
        return None
    merge = chain[-1]
    if len(git.run("show", "-s", "--format=%P", merge).split()) < 2:
        return None
    return merge


def is_after(git, commit, since):
    """True when \p commit is not an ancestor of \p since."""
    r = subprocess.run(["git", "-C", git.path, "merge-base", "--is-ancestor", commit, since],
                       capture_output=True)
    return r.returncode != 0


def rename_events(git, head):
    """Renames in the history of \p head: (commit time, old, new), oldest first."""
    out = []
    text = git.run("log", "--no-merges", "-M", "--diff-filter=R", "--name-status", "-z",
                   "--format=%x1e%ct", head)
    for rec in text.split("\x1e"):
        if not rec.strip():
            continue
        head_line, _, rest = rec.partition("\n")
        ctime = int(head_line.strip("\0\n"))
        for status, old, new in parse_name_status(rest.lstrip("\n\0")):
            if status == "R":
                out.append((ctime, old, new))
    out.sort(key=lambda e: e[0])
    return out


def map_forward(path, after, renames, present):
    """The name at the judged tree of \p path, a name after a commit of time
    \p after: followed through the renames made later, when the path is not
    in the judged tree itself."""
    if path in present:
        return path
    for ctime, old, new in renames:
        if ctime >= after and old == path:
            path = new
            if path in present:
                return path
    return path if path in present else None


def map_backward(path, before, since, renames, present):
    """The name at the split of \p path, a name after a commit of time
    \p before: renames made between the split and the commit undone."""
    if path in present:
        return path
    for ctime, old, new in reversed(renames):
        if since <= ctime <= before and new == path:
            path = old
            if path in present:
                return path
    return path if path in present else None


def relevance_by_file(fixes, present, renames, backward_since=None):
    """path in the judged tree -> set of CVE ids fixed in it."""
    out = collections.defaultdict(set)
    for fix in fixes:
        for path in fix.files:
            if backward_since is None:
                mapped = map_forward(path, fix.time, renames, present)
            else:
                mapped = map_backward(path, fix.time, backward_since, renames, present)
            if mapped is not None:
                out[mapped].update(fix.cves)
    return out


# --------------------------------------------------------------------------
# The judged tree and its three rankings.

def materialize(git, commit, dest):
    """Writes the C and C++ files of \p commit under \p dest (from the object
    store: the checkout is left alone). Returns the code files whose blobs
    the repository does not hold (a fetched mirror may lack its largest
    files), which are not written."""
    listing = os.path.join(dest, ".cve_rank_missing")
    if os.path.isfile(os.path.join(dest, ".cve_rank_complete")):
        if not os.path.isfile(listing):
            return []
        with open(listing) as fp:
            return fp.read().split("\n")[:-1]
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    entries = [(p, s) for p, s in git.files(commit) if is_code(p)]
    missing = []
    write_blobs(git, entries, dest, missing)
    if missing:
        log("%s: %d code files have no blob in the repository, left out: %s" % (
            commit[:10], len(missing), ", ".join(missing[:5])))
    with open(listing, "w") as fp:
        fp.write("".join(m + "\n" for m in missing))
    with open(os.path.join(dest, ".cve_rank_complete"), "w") as fp:
        fp.write(commit + "\n")
    return missing


def write_blobs(git, entries, dest, missing=None):
    """Writes each (path, blob sha) of entries under dest, read in one
    `git cat-file --batch`. A path that would land outside dest (an absolute
    or '..' name in a hostile history) is skipped. A blob the repository
    does not hold (a mirror without its largest files) is an error, or, with
    the list \p missing, appended to it and skipped."""
    dest = os.path.normpath(dest)
    proc = subprocess.Popen(["git", "-C", git.path, "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proc.stdin.write("".join(s + "\n" for _, s in entries).encode())
    proc.stdin.close()
    for path, sha in entries:
        header = proc.stdout.readline().split()
        if missing is not None and len(header) == 2 and header[1] == b"missing":
            missing.append(path)
            continue
        if len(header) < 3 or header[1] != b"blob":
            raise RuntimeError("git cat-file: no blob %s for %s" % (sha, path))
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        target = os.path.normpath(os.path.join(dest, path))
        if not target.startswith(dest + os.sep):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fp:
            fp.write(data)
    proc.stdout.close()
    if proc.wait() != 0:
        raise RuntimeError("git cat-file --batch failed in %s" % git.path)


def file_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def nice_prefix():
    """Scans and flawfinder run at a low priority: `nice -n 19`, or the
    increment in $CVE_RANK_NICE (0: as the script itself, say when the
    script is started under `nice -n 10` on a shared machine)."""
    inc = os.environ.get("CVE_RANK_NICE", "19")
    if not shutil.which("nice") or inc == "0":
        return []
    return ["nice", "-n", inc]


def carcinize_modules(binary, tree, facts_dir, config, jobs, scan_config=None,
                      rank_by="value", rank_root=None, rank_args=()):
    """carcinize's modules of \p tree ranked by \p rank_by: facts saved once
    per (binary, tree, scan configuration), then ranked with \p config in
    \p rank_root (default \p tree; a git checkout of the same commit for
    the history signal) with \p rank_args added."""
    key = file_sha256(binary)[:16]
    if scan_config:
        key += "-" + file_sha256(scan_config)[:12]
    facts = os.path.join(facts_dir, "facts-%s-%s.json" % (os.path.basename(tree), key))
    if not os.path.isfile(facts):
        cmd = nice_prefix() + [binary, "scan", tree, "-j", str(jobs), "--no-cache", "-q",
                               "--save-facts", facts]
        if scan_config:
            cmd += ["--config", scan_config]
        t0 = time.time()
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), r.returncode, r.stderr[-3000:]))
        log("scanned %s in %.0f s" % (tree, time.time() - t0))
    cmd = nice_prefix() + [binary, "scan", rank_root or tree, "--facts", facts, "--group-by",
                           "file", "--rank-by", rank_by, "--format", "json", "-q"]
    cmd += list(rank_args)
    # An empty configuration keeps a .carcinize.yaml of the project out.
    cmd += ["--config", config or os.path.join(facts_dir, "empty.yaml")]
    if not config:
        open(os.path.join(facts_dir, "empty.yaml"), "a").close()
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), r.returncode, r.stderr[-3000:]))
    report = json.loads(r.stdout)
    return report["modules"], report.get("stats", {})


def flawfinder_hits(tree, cache, minlevel):
    """path -> flawfinder hits at or above \p minlevel (cached per tree)."""
    if os.path.isfile(cache):
        with open(cache) as fp:
            return json.load(fp)
    if not shutil.which("flawfinder"):
        raise RuntimeError("flawfinder is not installed (apt-get install -y flawfinder)")
    # flawfinder stops at the first file that is not UTF-8 (curl's krb5.c
    # has a Latin-1 comment): it reads a copy where such files are decoded
    # as Latin-1 and written as UTF-8.
    copy = tree.rstrip("/") + ".utf8"
    shutil.rmtree(copy, ignore_errors=True)
    for folder, _, names in os.walk(tree):
        for n in names:
            if not is_code(n):
                continue
            src = os.path.join(folder, n)
            dst = os.path.join(copy, os.path.relpath(src, tree))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(src, "rb") as fp:
                data = fp.read()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                data = data.decode("latin-1").encode("utf-8")
            with open(dst, "wb") as fp:
                fp.write(data)
    cmd = nice_prefix() + ["flawfinder", "--csv", "--dataonly", "--quiet",
                           "--minlevel=%d" % minlevel, "."]
    t0 = time.time()
    r = subprocess.run(cmd, cwd=copy, capture_output=True, text=True, errors="replace",
                       env=dict(os.environ, PYTHONUTF8="1"))
    shutil.rmtree(copy, ignore_errors=True)
    if r.returncode != 0:
        raise RuntimeError("flawfinder: exit %d: %s" % (r.returncode, r.stderr[-2000:]))
    hits = collections.Counter()
    for row in csv.DictReader(io.StringIO(r.stdout)):
        path = os.path.normpath(row["File"])
        hits[path] += 1
    log("flawfinder on %s in %.0f s" % (tree, time.time() - t0))
    with open(cache, "w") as fp:
        json.dump(hits, fp, sort_keys=True)
    return dict(hits)


def build_units(modules, product_files):
    """Units to rank: carcinize's modules restricted to product files, in
    carcinize's order, then every product file no module holds (each alone,
    by name) — so the three rankings order the same units."""
    units = collections.OrderedDict()
    seen = set()
    for m in modules:
        files = [f for f in m["files"] if f in product_files]
        if files:
            units[m["module"]] = files
            seen.update(files)
    for f in sorted(product_files - seen):
        units[f] = [f]
    return units


class JudgedTree:
    """A tree to rank and what it is judged against: everything of an
    evaluation but carcinize's ranking, which tune.py recomputes per setting."""

    def __init__(self, label, commit, date, tree_dir, work, product, rel_files, fixes,
                 lines, flawfinder):
        self.label = label
        self.commit = commit
        self.date = date
        self.tree_dir = tree_dir
        self.work = work
        self.product = product        # product code files of the tree
        self.rel_files = rel_files    # file -> CVE ids fixed in it
        self.fixes = fixes
        self.lines = lines            # file -> code lines
        self.flawfinder = flawfinder  # file -> flawfinder hits
        self.git_tree = None          # a git checkout to rank in (--git-trees)


def prepare_tree(git, commit, fixes, renames, args, work, label, since_time=None):
    """Writes the tree of \p commit, finds its relevant files among \p fixes,
    counts code lines and flawfinder hits per file."""
    tree_dir = os.path.join(work, "tree-" + commit[:12])
    missing = set(materialize(git, commit, tree_dir))
    product = {p for p, _ in git.files(commit) if is_product_code(p) and p not in missing}
    rel_files = relevance_by_file(fixes, product, renames, backward_since=since_time)
    lines = {}
    for f in product:
        with open(os.path.join(tree_dir, f), "rb") as fp:
            lines[f] = code_lines(fp.read().decode("utf-8", errors="replace"))
    ff = flawfinder_hits(tree_dir, os.path.join(work, "flawfinder-%s-l%d.json" %
                                                (commit[:12], args.minlevel)), args.minlevel)
    date = time.strftime("%Y-%m-%d", time.gmtime(git.commit_time(commit)))
    t = JudgedTree(label, commit, date, tree_dir, work, product, rel_files, fixes, lines, ff)
    if getattr(args, "git_trees", False):
        t.git_tree = git_checkout(git.path, commit, os.path.join(work, "git-" + commit[:12]))
    return t


def judge(t, modules, stats=None, other_orders=None):
    """The rankings of \p t's units (carcinize's \p modules by value, the
    modules of \p other_orders {order: modules} such as priority, code
    lines, flawfinder hits) and their P@10 and NDCG@10."""
    units = build_units(modules, t.product)
    grade = {u: len(set().union(*(t.rel_files.get(f, set()) for f in fs)))
             for u, fs in units.items()}
    grade = {u: g for u, g in grade.items() if g}
    lines = {u: sum(t.lines.get(f, 0) for f in fs) for u, fs in units.items()}
    ffu = {u: sum(t.flawfinder.get(f, 0) for f in fs) for u, fs in units.items()}
    orders = {
        "value": list(units.keys()),  # carcinize's order, then the files it did not see
        "code_lines": order_units(units.keys(), lines),
        "flawfinder": order_units(units.keys(), ffu),
    }
    for name, mods in (other_orders or {}).items():
        # The same units, in this order's module order, then the files no
        # module holds in the value order's tail order (by name).
        first = [u for u in build_units(mods, t.product) if u in units]
        seen = set(first)
        orders[name] = first + [u for u in units if u not in seen]
    out = {
        "label": t.label,
        "commit": t.commit,
        "date": t.date,
        "units": len(units),
        "product_files": len(t.product),
        "relevant_units": len(grade),
        "relevant_files": len(t.rel_files),
        "fix_commits": len(t.fixes),
        "cves": len(set(c for f in t.fixes for c in f.cves)),
        "cves_in_tree": len(set().union(*t.rel_files.values())) if t.rel_files else 0,
        "scan": stats or {},
        "metrics": {},
        "top": {},
    }
    for name, order in orders.items():
        out["metrics"][name] = {"p10": precision_at(order, grade), "ndcg10": ndcg_at(order, grade),
                                "ndcg10_binary": ndcg_at(order, {u: 1 for u in grade})}
        out["top"][name] = [[u, grade.get(u, 0)] for u in order[:K]]
    out["ideal_top"] = [[u, g] for u, g in sorted(grade.items(), key=lambda x: (-x[1], x[0]))[:K]]
    return out


def rank_tree(t, args, config=None, rank_by="value"):
    """carcinize's modules of \p t (facts cached), ranked with \p config."""
    return carcinize_modules(args.carcinize, t.tree_dir, t.work, config, args.jobs,
                             args.scan_config, rank_by, t.git_tree,
                             getattr(args, "rank_arg", None) or ())


def git_checkout(path, commit, dest):
    """A checkout of \p commit in \p dest (a clone sharing \p path's objects,
    HEAD detached at the commit): its `git log` sees the history up to the
    commit and nothing after, so a history signal computed in it has no
    leakage on the time split. Reused when present."""
    if os.path.isfile(os.path.join(dest, ".cve_rank_checkout")):
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    for cmd in (["git", "clone", "-q", "--shared", "--no-checkout", path, dest],
                ["git", "-C", dest, "checkout", "-q", "--detach", commit]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            # A mirror without its largest blobs cannot be checked out: the
            # tree is then ranked without history, and the log says so.
            log("no git checkout of %s (ranked without history): %s" % (
                commit[:10], r.stderr.strip()[-300:]))
            return None
    open(os.path.join(dest, ".cve_rank_checkout"), "w").close()
    return dest


def prepare_project(name, path, head, split, args):
    """The project's record and its judged trees: HEAD, and the split."""
    git = Git(path)
    head = git.rev(head or "HEAD")
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    renames = rename_events(git, head)
    result = {"name": name, "path": path, "head": head}
    fixes, notes, too_big = collect_fixes(git, head, max_files=args.max_files)
    result["fixes"] = [f.to_json() for f in fixes]
    result["fix_notes"] = dict(notes)
    result["left_out_fixes"] = too_big
    log("%s: %d CVE fix commits at %s" % (name, len(fixes), head[:10]))
    trees = {"head_eval": prepare_tree(git, head, fixes, renames, args, work, "HEAD")}
    if split:
        split = git.rev(split)
        later, notes2, _ = collect_fixes(git, head, since=split, max_files=args.max_files)
        result["split"] = split
        result["split_fix_notes"] = dict(notes2)
        log("%s: %d CVE fix commits after the split %s" % (name, len(later), split[:10]))
        trees["split_eval"] = prepare_tree(git, split, later, renames, args, work, "split",
                                           since_time=git.commit_time(split))
    return result, trees


def evaluate_project(name, path, head, split, args):
    result, trees = prepare_project(name, path, head, split, args)
    for variant, t in trees.items():
        modules, stats = rank_tree(t, args, args.config)
        others = {o: rank_tree(t, args, args.config, o)[0] for o in ORDERS if o != "value"}
        result[variant] = judge(t, modules, stats, others)
    return result


# --------------------------------------------------------------------------
# Output.

def informative(e):
    """A judged tree says something about a ranking when it has a relevant
    unit and more than K units: with K or fewer, every order puts every unit
    in its top K and scores the same (cJSON: 2 units)."""
    return e["relevant_units"] > 0 and e["units"] > K


def average(results, variant):
    """Means over the projects whose judged tree is informative (where no
    unit is relevant every ranking scores 0, where all units fit in the top
    K every ranking scores the same: neither says anything)."""
    rows = [r[variant] for r in results if variant in r and informative(r[variant])]
    if not rows:
        return None
    avg = {}
    rankers = rankers_of(rows)
    for ranker in rankers:
        avg[ranker] = {m: sum(r["metrics"][ranker][m] for r in rows) / len(rows)
                       for m in ("p10", "ndcg10", "ndcg10_binary")}
    wins = {m: {b: sum(1 for r in rows if r["metrics"]["value"][m] > r["metrics"][b][m])
                for b in BASELINES} for m in ("p10", "ndcg10")}
    ties = {m: {b: sum(1 for r in rows if r["metrics"]["value"][m] == r["metrics"][b][m])
                for b in BASELINES} for m in ("p10", "ndcg10")}
    # Per carcinize order: projects where it beats the better of the two
    # baselines by NDCG@10 (the "three projects in four").
    beats_best = {o: sum(1 for r in rows if r["metrics"][o]["ndcg10"] >
                         max(r["metrics"][b]["ndcg10"] for b in BASELINES))
                  for o in rankers if o in ORDERS}
    return {"projects": len(rows), "metrics": avg, "value_wins": wins, "value_ties": ties,
            "beats_best_baseline_ndcg10": beats_best}


def rankers_of(rows):
    """The rankings every row has (older results and tune.py have no priority)."""
    return tuple(k for k in RANKERS if all(k in r["metrics"] for r in rows))


LABELS = {"value": "value", "priority": "priority", "code_lines": "code lines",
          "flawfinder": "flawfinder"}


def beats_line(a):
    """One sentence: who beats whom on how many projects."""
    n = a["projects"]
    bb = a.get("beats_best_baseline_ndcg10", {})
    return ("value beats code lines on %d (P@10) and %d (NDCG@10) of %d projects, ties on "
            "%d and %d; beats flawfinder on %d and %d, ties on %d and %d. By NDCG@10, %s "
            "of %d projects beat the better of code lines and flawfinder." % (
                a["value_wins"]["p10"]["code_lines"], a["value_wins"]["ndcg10"]["code_lines"],
                n, a["value_ties"]["p10"]["code_lines"], a["value_ties"]["ndcg10"]["code_lines"],
                a["value_wins"]["p10"]["flawfinder"], a["value_wins"]["ndcg10"]["flawfinder"],
                a["value_ties"]["p10"]["flawfinder"], a["value_ties"]["ndcg10"]["flawfinder"],
                " and ".join("%s %d" % (o, k) for o, k in sorted(bb.items())), n))


def render_text(results, show_top):
    out = []
    for r in results:
        for variant in ("head_eval", "split_eval"):
            if variant not in r:
                continue
            e = r[variant]
            out.append("%s %s %s (%s): %d units, %d relevant (%d CVEs in %d fix commits)" % (
                r["name"], e["label"], e["commit"][:10], e["date"], e["units"],
                e["relevant_units"], e["cves_in_tree"], e["fix_commits"]))
            out.append("  %-11s %6s %8s" % ("ranking", "P@10", "NDCG@10"))
            rankers = rankers_of([e])
            for ranker in rankers:
                m = e["metrics"][ranker]
                out.append("  %-11s %6.2f %8.3f" % (ranker, m["p10"], m["ndcg10"]))
            if show_top:
                for ranker in rankers + ("ideal",):
                    top = e["ideal_top"] if ranker == "ideal" else e["top"][ranker]
                    out.append("  top %-10s %s" % (ranker, ", ".join(
                        "%s%s" % (u, "*%d" % g if g else "") for u, g in top)))
            out.append("")
    for variant, title in (("head_eval", "HEAD (retrospective)"),
                           ("split_eval", "time split (predictive)")):
        rows = [r for r in results if variant in r]
        if not rows:
            continue
        rankers = rankers_of([r[variant] for r in rows])
        out.append("Summary, %s: P@10 and NDCG@10 (graded)" % title)
        out.append(("  %-14s %-12s %4s %4s | " % ("project", "commit", "rel", "CVEs")) +
                   " | ".join("%-17s" % LABELS[k] for k in rankers))
        for r in rows:
            e = r[variant]
            cells = " | ".join("%5.2f  %6.3f    " % (e["metrics"][k]["p10"],
                                                     e["metrics"][k]["ndcg10"]) for k in rankers)
            out.append("  %-14s %-12s %4d %4d | %s" % (r["name"], e["commit"][:10] + " " +
                                                        e["date"][:4], e["relevant_units"],
                                                        e["cves_in_tree"], cells))
        a = average(results, variant)
        if a:
            cells = " | ".join("%5.2f  %6.3f    " % (a["metrics"][k]["p10"],
                                                     a["metrics"][k]["ndcg10"]) for k in rankers)
            out.append("  %-14s %-12s %4s %4s | %s" % ("average", "", "", "", cells))
            out.append("  " + beats_line(a))
        out.append("")
    return "\n".join(out)


def render_markdown(results):
    """The summary tables as Markdown (for docs/evaluation.md)."""
    out = []
    for variant, title in (("head_eval", "HEAD (retrospective)"),
                           ("split_eval", "Time split (predictive)")):
        rows = [r for r in results if variant in r]
        if not rows:
            continue
        rankers = rankers_of([r[variant] for r in rows])
        out.append("**%s**: P@10 / NDCG@10\n" % title)
        out.append("| project | commit | date | relevant units | CVEs | " +
                   " | ".join(LABELS[k] for k in rankers) + " |")
        out.append("| --- | --- | --- | ---: | ---: | " + " | ".join("---" for _ in rankers) +
                   " |")
        for r in rows:
            e = r[variant]
            cells = " | ".join("%.2f / %.3f" % (e["metrics"][k]["p10"], e["metrics"][k]["ndcg10"])
                               for k in rankers)
            out.append("| %s | `%s` | %s | %d | %d | %s |" % (
                r["name"] + ("" if informative(e) else " (not averaged: %d units)" % e["units"]),
                e["commit"][:10], e["date"], e["relevant_units"], e["cves_in_tree"], cells))
        a = average(results, variant)
        if a:
            cells = " | ".join("**%.3f / %.3f**" % (a["metrics"][k]["p10"],
                                                     a["metrics"][k]["ndcg10"]) for k in rankers)
            out.append("| average (%d) | | | | | %s |" % (a["projects"], cells))
            out.append("")
            line = beats_line(a)
            out.append(line[0].upper() + line[1:] + "\n")
    return "\n".join(out)


def read_project_list(path, root):
    """Lines `name path head split` (split may be '-'); '#' starts a comment;
    relative paths are taken from \p root."""
    out = []
    with open(path) as fp:
        for n, line in enumerate(fp, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) != 4:
                raise SystemExit("%s:%d: expected 'name path head split', got %r" % (path, n, line))
            name, ppath, head, split = fields
            out.append((name, os.path.join(root, ppath), head, None if split == "-" else split))
    return out


def add_project_arguments(ap):
    """The options that name the projects, the binary and the work folder
    (shared with tune.py)."""
    ap.add_argument("path", nargs="?", help="a project's git checkout")
    ap.add_argument("--name", help="the project's name (default: the folder's)")
    ap.add_argument("--head", default="HEAD", help="the commit judged retrospectively")
    ap.add_argument("--split", help="the commit of the time split (predictive variant)")
    ap.add_argument("--projects", help="a list of projects: lines 'name path head split'")
    ap.add_argument("--root", default=".", help="folder the list's relative paths start from")
    ap.add_argument("--only", action="append", help="with --projects: only this project")
    ap.add_argument("--carcinize", default=os.path.join(REPO, "build", "dev", "bin", "carcinize"))
    ap.add_argument("--scan-config", help="configuration to parse with (rules); default none")
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                   "carcinize-cve-rank"),
                    help="folder for trees, facts and flawfinder results (reused; facts are "
                         "keyed by the binary's hash)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="carcinize scan -j")
    ap.add_argument("--minlevel", type=int, default=1, help="flawfinder --minlevel (0..5)")
    ap.add_argument("--max-files", type=int, default=DEFAULT_MAX_FILES,
                    help="fix commits touching more code files are left out")
    ap.add_argument("--git-trees", action="store_true",
                    help="rank in a git checkout of each judged commit (history up to it), "
                         "from the same facts: the history signal, leakage-free on the split "
                         "(at HEAD the history holds the fixes themselves)")
    ap.add_argument("--rank-arg", action="append",
                    help="an argument added to carcinize's ranking step (e.g. --rank-arg=--history)")


def projects_from_arguments(ap, args):
    """Normalises the shared options; returns [(name, path, head, split)]."""
    args.carcinize = os.path.abspath(args.carcinize)
    args.work = os.path.abspath(args.work)
    if getattr(args, "config", None):
        args.config = os.path.abspath(args.config)
    if args.scan_config:
        args.scan_config = os.path.abspath(args.scan_config)
    if not os.access(args.carcinize, os.X_OK):
        ap.error("no carcinize binary at %s (--carcinize BIN)" % args.carcinize)
    if args.projects:
        projects = read_project_list(args.projects, args.root)
        if args.only:
            projects = [p for p in projects if p[0] in args.only]
    elif args.path:
        projects = [(args.name or os.path.basename(os.path.abspath(args.path)),
                     os.path.abspath(args.path), args.head, args.split)]
    else:
        ap.error("name a project's checkout, or --projects LIST")
    os.makedirs(args.work, exist_ok=True)
    return projects


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_project_arguments(ap)
    ap.add_argument("--config", help="configuration to rank with (scoring weights, boundaries)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("-o", "--output", help="also write the JSON results to FILE")
    ap.add_argument("--show-top", action="store_true", help="print each ranking's top 10")
    ap.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    args = ap.parse_args(argv)
    projects = projects_from_arguments(ap, args)
    results = []
    for name, path, head, split in projects:
        results.append(evaluate_project(name, path, head, split, args))
    doc = {
        "settings": {"carcinize": args.carcinize,
                     "carcinize_sha256": file_sha256(args.carcinize),
                     "config": args.config, "scan_config": args.scan_config, "k": K,
                     "flawfinder_minlevel": args.minlevel, "max_files": args.max_files,
                     "git_trees": args.git_trees, "rank_args": args.rank_arg or [],
                     "relevance": "binary for P@10; NDCG@10 graded by distinct CVEs, linear gain"},
        "projects": results,
        "average": {v: average(results, v) for v in ("head_eval", "split_eval")},
    }
    if args.output:
        with open(args.output, "w") as fp:
            json.dump(doc, fp, indent=1, sort_keys=True)
    if args.json:
        json.dump(doc, sys.stdout, indent=1, sort_keys=True)
        print()
    elif args.markdown:
        print(render_markdown(results))
    else:
        print(render_text(results, args.show_top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
