#!/usr/bin/env python3
"""cve_fixes.py end to end on a tiny git repository written here: which
commits are judged (CVE fixes, the curated list, header-only and test-only
fixes left out), which lines a fix changes, and whether the real carcinize
binary's finding on the vulnerable line counts while a fix elsewhere does not.

    tests/eval/test_cve_fixes.py CARCINIZE   (needs git)
"""

import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cve_fixes  # noqa: E402
from test_cve_rank import Repo  # noqa: E402

CARCINIZE = None

REC_C = """#include <string.h>
#include "rec.h"

int rec_read(struct rec *r, const char *src, size_t n)
{
%s    memcpy(r->name, src, n);
    r->len = n;
    return 0;
}

int rec_len(const struct rec *r)
{
    return %s;
}
"""
GUARD = "    if (n > sizeof r->name)\n        return -1;\n"


class ChangedLinesTest(unittest.TestCase):
    def test_hunks(self):
        diff = ("@@ -6 +6,2 @@\n-a\n+b\n+c\n"      # one line modified
                "@@ -10,3 +11,0 @@\n-x\n-y\n-z\n"  # three deleted
                "@@ -20,0 +21,2 @@\n+p\n+q\n"      # inserted after line 20
                "@@ -0,0 +1 @@\n+first\n")        # inserted at the top
        self.assertEqual(cve_fixes.changed_lines(diff), {6, 10, 11, 12, 20, 21, 1})

    def test_list(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fp:
            fp.write("# comment\nproj abcdef1 overflow of name  # trailing\n\n")
        try:
            self.assertEqual(dict(cve_fixes.read_list(fp.name)),
                             {"proj": [("abcdef1", "overflow of name")]})
        finally:
            os.unlink(fp.name)


class EndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cve-fixes-test-")
        root = os.path.join(cls.tmp, "repos", "proj")
        os.makedirs(root)
        r = Repo(root)
        r.write("src/include/rec.h", "#include <stddef.h>\nstruct rec { char name[16]; "
                "size_t len; };\nint rec_read(struct rec *r, const char *src, size_t n);\n")
        r.write("src/rec.c", REC_C % ("", "(int)r->len"))
        r.write("tests/t.c", "int t(void) { return 0; }\n")
        r.commit("initial")
        # The memcpy of line 6 overflows name: the fix inserts a guard above it.
        r.write("src/rec.c", REC_C % (GUARD, "(int)r->len"))
        cls.fix1 = r.commit("Fix CVE-2099-0001: overflow of name")
        # A fix on a line where nothing is found.
        r.write("src/rec.c", REC_C % (GUARD, "r->len > 16 ? 16 : (int)r->len"))
        cls.fix2 = r.commit("Fix CVE-2099-0002: length of a record")
        r.write("src/include/rec.h", "#include <stddef.h>\nstruct rec { char name[32]; "
                "size_t len; };\nint rec_read(struct rec *r, const char *src, size_t n);\n")
        r.commit("CVE-2099-0003: a header only")
        r.write("tests/t.c", "int t(void) { return 1; }\n")
        r.commit("CVE-2099-0004: a test only")
        r.write("src/rec.c", REC_C % (GUARD, "(int)(r->len & 15)"))
        cls.listed = r.commit("Clamp the length")
        cls.list_file = os.path.join(cls.tmp, "list.txt")
        with open(cls.list_file, "w") as fp:
            fp.write("proj %s clamped length\n" % cls.listed[:12])
        out = os.path.join(cls.tmp, "out.json")
        with contextlib.redirect_stdout(io.StringIO()):
            cve_fixes.main(["--carcinize", CARCINIZE, "--repos", os.path.join(cls.tmp, "repos"),
                            "--tools", "carcinize", "--list", cls.list_file, "--json", "-o",
                            out, "--work", os.path.join(cls.tmp, "work")])
        with open(out) as fp:
            cls.result = json.load(fp)
        cls.bugs = {b["commit"]: b for b in cls.result["bugs"]}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_judged_fixes(self):
        self.assertEqual(set(self.bugs), {self.fix1, self.fix2, self.listed})
        self.assertEqual(self.bugs[self.fix1]["label"], "CVE-2099-0001")
        self.assertEqual(self.bugs[self.listed]["label"], "clamped length")
        notes = self.result["notes"]
        self.assertEqual(notes.get("change no source file (headers or build files only)"), 1)
        self.assertEqual(notes.get("name a CVE but touch no product code"), 1)

    def test_lines_of_the_parent(self):
        # An insertion between lines 5 and 6 of the parent; a modified line 15.
        self.assertEqual(self.bugs[self.fix1]["files"], {"src/rec.c": [5, 6]})
        self.assertEqual(self.bugs[self.fix2]["files"], {"src/rec.c": [15]})

    def test_finding_on_the_fixed_line_counts(self):
        judged = self.bugs[self.fix1]["tools"]["carcinize"]
        self.assertTrue(judged["hit"])
        self.assertTrue(judged["hit_high"])
        self.assertIn("mem.unchecked-memcpy-size", judged["rules"])
        self.assertEqual(judged["per_file"][0][0], "src/rec.c")
        self.assertGreaterEqual(judged["per_file"][0][2], 1)

    def test_finding_elsewhere_does_not(self):
        self.assertFalse(self.bugs[self.fix2]["tools"]["carcinize"]["hit"])
        summary = self.result["groups"]["all projects"]["carcinize"]
        self.assertEqual((summary["bugs"], summary["hit"]), (3, 1))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_cve_fixes.py CARCINIZE")
    CARCINIZE = os.path.abspath(sys.argv.pop(1))
    unittest.main()
