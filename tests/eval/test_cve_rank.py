#!/usr/bin/env python3
"""The pure logic of cve_rank.py on a tiny git repository written here, commit
by commit: which commits count as CVE fixes and with which files (merges,
changelog-only commits, tests, renames, the time split), and the metrics.

    tests/eval/test_cve_rank.py        (needs git; no carcinize, no flawfinder)
"""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cve_rank  # noqa: E402


class Repo:
    """A git repository in a temporary folder, with commits at given times."""

    def __init__(self, root):
        self.root = root
        self.clock = 1_600_000_000
        self.git("init", "-q", "-b", "main")

    def git(self, *args):
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
                   GIT_AUTHOR_DATE="@%d +0000" % self.clock,
                   GIT_COMMITTER_DATE="@%d +0000" % self.clock,
                   GIT_CONFIG_NOSYSTEM="1", HOME=self.root)
        r = subprocess.run(["git", "-C", self.root] + list(args), env=env,
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("git %s: %s" % (" ".join(args), r.stderr))
        return r.stdout.strip()

    def write(self, path, text):
        full = os.path.join(self.root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as fp:
            fp.write(text)
        self.git("add", path)

    def commit(self, message):
        self.clock += 86400
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


class CveHistoryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cve-rank-test-")
        r = cls.repo = Repo(cls.tmp)
        r.write("src/parse.c", "int parse(void) { return 0; }\n")
        r.write("src/parse.h", "int parse(void);\n")
        r.write("src/util.c", "int util(void) { return 1; }\n")
        r.write("src/big.c", "int big(void) { return 2; }\n")
        r.write("tests/test_parse.c", "int main(void) { return 0; }\n")
        r.write("NEWS", "news\n")
        cls.initial = r.commit("Initial import")
        # A fix naming its CVE, with its regression test.
        r.write("src/parse.c", "int parse(void) { return 1; }\n")
        r.write("tests/test_parse.c", "int main(void) { return 1; }\n")
        cls.fix_parse = r.commit("parse: check the length (CVE-2020-1234)")
        # A changelog entry on the main line: no code, not a fix.
        r.write("NEWS", "news\nCVE-2020-9999\n")
        cls.news_only = r.commit("NEWS: document CVE-2020-9999")
        cls.split = r.commit("Release 1.0")
        # A branch: the fix names no CVE, its changelog commit does; merged.
        r.git("checkout", "-q", "-b", "fix-util")
        r.write("src/util.c", "int util(void) { return 3; }\n")
        r.commit("util: bound the copy")
        r.write("NEWS", "news\nCVE-2020-9999\nCVE-2021-0001\n")
        cls.changelog = r.commit("Changes: document CVE-2021-0001")
        r.git("checkout", "-q", "main")
        r.clock += 86400
        r.git("merge", "-q", "--no-ff", "-m", "Merge branch 'fix-util'", "fix-util")
        cls.merge_util = r.git("rev-parse", "HEAD")
        # A rename after the fix: the judged tree names the file utils.c.
        r.git("mv", "src/util.c", "src/utils.c")
        cls.rename = r.commit("Rename util.c to utils.c")
        # A merge whose own message names the CVE (lower case, in the branch name).
        r.git("checkout", "-q", "-b", "topic")
        r.write("src/parse.h", "int parse(void); /* bounded */\n")
        r.write("docs/example.c", "int example;\n")
        r.commit("parse.h: document the bound")
        r.git("checkout", "-q", "main")
        r.clock += 86400
        r.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7 from x/fix-cve-2022-0002",
              "topic")
        cls.merge_parse = r.git("rev-parse", "HEAD")
        # A sweeping commit naming a CVE: more code files than max_files.
        r.write("src/parse.c", "int parse(void) { return 2; }\n")
        r.write("src/big.c", "int big(void) { return 5; }\n")
        r.write("src/utils.c", "int util(void) { return 4; }\n")
        cls.sweep = r.commit("Reformat everything, see CVE-2023-0003")
        cls.head = r.git("rev-parse", "HEAD")
        cls.g = cve_rank.Git(cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def fixes(self, **kw):
        fixes, notes, too_big = cve_rank.collect_fixes(self.g, self.head, max_files=2, **kw)
        return {f.commit: f for f in fixes}, notes, too_big

    def test_fix_commits_and_their_files(self):
        fixes, notes, too_big = self.fixes()
        self.assertEqual(set(fixes), {self.fix_parse, self.merge_util, self.merge_parse})
        # The test file of the fix is not product code.
        self.assertEqual(fixes[self.fix_parse].files, ["src/parse.c"])
        self.assertEqual(fixes[self.fix_parse].cves, ["CVE-2020-1234"])
        # The changelog commit's CVE goes to its merge, with the branch's code.
        self.assertEqual(fixes[self.merge_util].files, ["src/util.c"])
        self.assertEqual(fixes[self.merge_util].cves, ["CVE-2021-0001"])
        self.assertEqual(fixes[self.merge_util].via, self.changelog)
        # A merge naming the CVE brings what its branch changed (docs left out).
        self.assertEqual(fixes[self.merge_parse].files, ["src/parse.h"])
        self.assertEqual(fixes[self.merge_parse].cves, ["CVE-2022-0002"])
        # The main-line changelog entry and the sweeping commit are not fixes.
        self.assertEqual(notes["name a CVE but touch no product code"], 1)
        self.assertEqual([t[0] for t in too_big], [self.sweep[:10]])

    def test_relevance_follows_renames_to_the_judged_tree(self):
        fixes, _, _ = self.fixes()
        present = {p for p, _ in self.g.files(self.head) if cve_rank.is_product_code(p)}
        self.assertEqual(present, {"src/parse.c", "src/parse.h", "src/utils.c", "src/big.c"})
        renames = cve_rank.rename_events(self.g, self.head)
        self.assertIn(("src/util.c", "src/utils.c"), [(o, n) for _, o, n in renames])
        rel = cve_rank.relevance_by_file(list(fixes.values()), present, renames)
        self.assertEqual(dict(rel), {"src/parse.c": {"CVE-2020-1234"},
                                     "src/parse.h": {"CVE-2022-0002"},
                                     "src/utils.c": {"CVE-2021-0001"}})

    def test_time_split_judges_later_fixes_on_the_old_names(self):
        later, _, _ = cve_rank.collect_fixes(self.g, self.head, since=self.split, max_files=2)
        self.assertEqual({f.commit for f in later}, {self.merge_util, self.merge_parse})
        present = {p for p, _ in self.g.files(self.split) if cve_rank.is_product_code(p)}
        renames = cve_rank.rename_events(self.g, self.head)
        # utils.c is named util.c at the split: the later fixes are mapped back.
        moved = [cve_rank.CveFix("x", self.g.commit_time(self.head), ["CVE-2024-0004"],
                                 ["src/utils.c"])]
        rel = cve_rank.relevance_by_file(later + moved, present, renames,
                                         backward_since=self.g.commit_time(self.split))
        self.assertEqual(dict(rel), {"src/util.c": {"CVE-2021-0001", "CVE-2024-0004"},
                                     "src/parse.h": {"CVE-2022-0002"}})

    def test_materialize_writes_only_code(self):
        dest = os.path.join(self.tmp + "-tree")
        try:
            cve_rank.materialize(self.g, self.split, dest)
            found = sorted(os.path.relpath(os.path.join(d, n), dest)
                           for d, _, ns in os.walk(dest) for n in ns if not n.startswith(".cve_rank_"))
            self.assertEqual(found, ["src/big.c", "src/parse.c", "src/parse.h", "src/util.c",
                                     "tests/test_parse.c"])
            with open(os.path.join(dest, "src/parse.c")) as fp:
                self.assertEqual(fp.read(), "int parse(void) { return 1; }\n")
        finally:
            shutil.rmtree(dest, ignore_errors=True)


class PureLogicTest(unittest.TestCase):
    def test_cve_ids(self):
        self.assertEqual(cve_rank.cve_ids("Fix CVE-2016-0718 and cve-2016-4472; CVE-2016-0718"),
                         ["CVE-2016-0718", "CVE-2016-4472"])
        self.assertEqual(cve_rank.cve_ids("CVE-16-1 or XCVE-2016-12345 or CVE-2016-123"), [])

    def test_parse_log(self):
        text = "\x1eaaa\x1fbbb ccc\x1f100\x1fMerge x\n\nCVE-2020-1\n\x1eddd\x1f\x1f50\x1fRoot\n"
        self.assertEqual(cve_rank.parse_log(text),
                         [("aaa", ["bbb", "ccc"], 100, "Merge x\n\nCVE-2020-1\n"),
                          ("ddd", [], 50, "Root\n")])

    def test_parse_name_status(self):
        text = "M\0a.c\0R087\0old.c\0new.c\0D\0gone.h\0"
        self.assertEqual(cve_rank.parse_name_status(text),
                         [("M", "a.c", "a.c"), ("R", "old.c", "new.c"), ("D", "gone.h", "gone.h")])

    def test_product_code(self):
        yes = ["lib/url.c", "src/libjasper/jpc/jpc_dec.c", "include/x.hpp", "xmllint.c",
               "expat/xmlwf/xmlwf.c", "lib/contest.c", "src/latest/a.c",
               "src/contest/a.c"]
        no = ["tests/unit1300.c", "expat/tests/runtests.c", "fuzz/xml.c", "docs/examples/a.c",
              "testapi.c", "lib/foo_test.c", "lib/foo_fuzzer.cc", "src/test_util.c", "README",
              "lib/url.c.orig", "oss-fuzz/x.cc", "lib/t/a.c",
              "contrib/libtests/pngvalid.c", "regtests/a.c", "src/unit_test/a.c",
              "deps/zlib/inflate.c", "src/bundled/x.c"]
        for p in yes:
            self.assertTrue(cve_rank.is_product_code(p), p)
        for p in no:
            self.assertFalse(cve_rank.is_product_code(p), p)

    def test_precision_at_10(self):
        ranked = ["u%d" % i for i in range(20)]
        rel = {"u0": 3, "u4": 1, "u9": 1, "u10": 5}
        self.assertAlmostEqual(cve_rank.precision_at(ranked, rel), 0.3)
        self.assertAlmostEqual(cve_rank.precision_at(ranked[::-1], rel), 0.1)
        self.assertEqual(cve_rank.precision_at(ranked, {}), 0.0)

    def test_ndcg_at_10(self):
        ranked = ["a", "b", "c", "d"]
        rel = {"a": 1, "c": 2, "z": 3}
        # DCG = 1/log2(2) + 2/log2(4) = 2; ideal = 3 + 2/log2(3) + 1/log2(4).
        ideal = 3 + 2 / cve_rank.math.log2(3) + 0.5
        self.assertAlmostEqual(cve_rank.ndcg_at(ranked, rel), 2 / ideal)
        self.assertAlmostEqual(cve_rank.ndcg_at(["z", "c", "a"], rel), 1.0)
        self.assertAlmostEqual(cve_rank.ndcg_at(["b", "d"], rel), 0.0)
        self.assertEqual(cve_rank.ndcg_at(ranked, {}), 0.0)
        # Only the first 10 count: a relevant unit at rank 11 adds nothing.
        eleven = ["x%d" % i for i in range(10)] + ["a"]
        self.assertEqual(cve_rank.ndcg_at(eleven, {"a": 1}), 0.0)

    def test_code_lines(self):
        text = ('int a; // comment\n'
                '\n'
                '/* a block\n'
                '   still comment */\n'
                '   // only comment\n'
                'char *s = "/* not a comment */";\n'
                '/* c */ int b; /* d\n'
                '*/\n'
                "char c = '\"'; /* quote in a char */\n")
        self.assertEqual(cve_rank.code_lines(text), 4)

    def test_units_and_baseline_order(self):
        modules = [{"module": "b.c", "files": ["b.c", "b.h"]},
                   {"module": "tests/t.c", "files": ["tests/t.c"]},
                   {"module": "a.c", "files": ["a.c"]}]
        units = cve_rank.build_units(modules, {"a.c", "b.c", "b.h", "c.h"})
        self.assertEqual(list(units.items()),
                         [("b.c", ["b.c", "b.h"]), ("a.c", ["a.c"]), ("c.h", ["c.h"])])
        self.assertEqual(cve_rank.order_units(units, {"a.c": 5, "c.h": 5, "b.c": 1}),
                         ["a.c", "c.h", "b.c"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
