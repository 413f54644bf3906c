#!/usr/bin/env python3
"""Runs every CI set-up of docs/ci.md, as written, against a git repository
made here: a project on `main` with a baseline, and a pull request (branch
`feature`) that adds a high finding.

The YAML and shell blocks are read from the page, so the test breaks when the
page drifts. GitHub workflows run job by job, step by step, in clones of the
repository (actions/checkout emulated with its fetch depth); this
repository's action (action.yml) runs its own steps the same way. Only what
needs the network is stood in for: `apt-get` steps (the packages are taken as
installed; in a `container:` job, git counts as present only once such a
step installed it, as in a bare debian:12), the build of carcinize's package
(the binary under test is put on the PATH), and the artifact and SARIF
upload actions (files copied, SARIF checked).

What must hold: no command exits with anything but 0 or 1; a step fails
(exit 1) only on the finding the pull request adds; --diff reports that
finding and no other; SARIF, summaries and reports are written; and in a
clone as shallow as actions/checkout makes by default, --diff says what is
missing and the command it prints makes it work.

  ci_recipes.py --carcinize BIN --source REPO --work DIR
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

NEW_FINDING = "src/feature.c"   # the pull request's file
FAILED = []


def fail(msg):
    print("FAILED: " + msg, flush=True)
    FAILED.append(msg)


def sh(cmd, cwd, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env, shell=isinstance(cmd, str),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       executable="/bin/bash" if isinstance(cmd, str) else None, timeout=300)
    if check and p.returncode != 0:
        raise SystemExit(f"setup command failed ({p.returncode}): {cmd}\n{p.stdout}")
    return p


GIT_ID = ["-c", "user.name=ci-test", "-c", "user.email=ci@example.invalid",
          "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(cwd, *args):
    return sh(["git", *GIT_ID, *args], cwd)


def make_origin(work, env):
    """A small CMake project with findings on main and a baseline of them;
    `feature` adds a file with a new strcpy."""
    o = os.path.join(work, "origin")
    os.makedirs(os.path.join(o, "src"))
    files = {
        "CMakeLists.txt": "cmake_minimum_required(VERSION 3.20)\nproject(demo C)\n"
                          "add_executable(app src/main.c src/net.c)\n",
        "src/main.c": '#include <string.h>\nint net_read(char *out, const char *in);\n'
                      'int main(int argc, char **argv) {\n  char buf[16];\n'
                      '  if (argc > 1) net_read(buf, argv[1]);\n  return buf[0];\n}\n',
        "src/net.c": '#include <string.h>\nint net_read(char *out, const char *in) {\n'
                     '  strcpy(out, in);\n  return (int)strlen(out);\n}\n',
    }
    for path, text in files.items():
        with open(os.path.join(o, path), "w") as f:
            f.write(text)
    git(o, "init", "-q", "-b", "main")
    git(o, "add", ".")
    git(o, "commit", "-qm", "main")
    # The baseline, recorded on main as docs/ci.md says (build folder apart).
    sh("cmake -S . -B /tmp/ci-recipes-build-$$ -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null && "
       "cp /tmp/ci-recipes-build-$$/compile_commands.json . && rm -rf /tmp/ci-recipes-build-$$ && "
       "carcinize baseline create -p . --quiet -o .carcinize-baseline.json && "
       "rm compile_commands.json", o, env)
    git(o, "add", ".carcinize-baseline.json")
    git(o, "commit", "-qm", "baseline")
    git(o, "checkout", "-qb", "feature")
    with open(os.path.join(o, "src", "feature.c"), "w") as f:
        f.write('#include <string.h>\nvoid feature(char *d, const char *s) {\n'
                '  strcpy(d, s);\n}\n')
    with open(os.path.join(o, "CMakeLists.txt"), "a") as f:
        f.write("add_library(feature src/feature.c)\n")
    git(o, "add", ".")
    git(o, "commit", "-qm", "feature: adds a strcpy")
    git(o, "checkout", "-q", "main")
    return o


def blocks(doc, lang):
    return re.findall(r"```" + lang + r"\n(.*?)```", doc, re.S)


class Runner:
    def __init__(self, args, origin, env):
        self.args, self.origin, self.env = args, origin, env
        self.work = args.work
        with open(os.path.join(args.source, "action.yml")) as f:
            self.action = yaml.safe_load(f)
        self.artifacts = os.path.join(self.work, "artifacts")
        os.makedirs(self.artifacts, exist_ok=True)
        self.count = 0

    # --- expressions -------------------------------------------------------
    def expand(self, text, ctx):
        def value(m):
            expr = m.group(1).strip()
            if expr in ctx:
                return str(ctx[expr])
            raise KeyError(expr)
        return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

    def condition(self, cond, ctx, failed):
        if cond is None:
            return not failed
        cond = cond.strip()
        if cond.startswith("${{"):
            cond = cond[3:-2].strip()
        if cond == "always()":
            return True
        if failed:
            return False
        for part in cond.split("&&"):
            m = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", part)
            if not m:
                raise SystemExit(f"condition not understood by the test: {cond}")
            got = str(ctx.get(m.group(1), ""))
            if (got == m.group(3)) != (m.group(2) == "=="):
                return False
        return True

    # --- steps -------------------------------------------------------------
    def run_script(self, script, cwd, env, label, shell=None):
        self.count += 1
        opts = "-eo pipefail" if shell == "bash" else "-e"
        p = subprocess.run(["/bin/bash", "--noprofile", "--norc"] + opts.split() + ["-c", script],
                           cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=300)
        print(f"--- {label}: exit {p.returncode}\n{script.strip()}\n{p.stdout}", flush=True)
        return p.returncode, p.stdout

    def checkout(self, ws, depth):
        if os.path.exists(ws):
            shutil.rmtree(ws)
        url = "file://" + self.origin
        # A pull request's head; depth 0 fetches every branch, as
        # actions/checkout with fetch-depth: 0 does.
        if depth == 0:
            sh(["git", "clone", "-q", "--no-local", url, ws], self.work)
            git(ws, "checkout", "-q", "feature")
        else:
            sh(["git", "clone", "-q", f"--depth={depth}", "--single-branch", "--branch",
                "feature", url, ws], self.work)

    def github_env(self, ws, job_dir):
        env = dict(self.env)
        files = {}
        for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV"):
            files[name] = os.path.join(job_dir, name.lower())
            open(files[name], "a").close()
            env[name] = files[name]
        env.update(GITHUB_WORKSPACE=ws, GITHUB_BASE_REF="main", GITHUB_EVENT_NAME="pull_request",
                   RUNNER_TEMP=os.path.join(job_dir, "tmp"), CI="true")
        os.makedirs(env["RUNNER_TEMP"], exist_ok=True)
        return env, files

    def read_kv(self, path):
        out = {}
        if os.path.exists(path):
            with open(path) as f:
                for line in f:
                    if "=" in line:
                        k, v = line.rstrip("\n").split("=", 1)
                        out[k] = v
            open(path, "w").close()
        return out

    def run_action(self, inputs, ws, env, files, job):
        """This repository's action.yml, step by step."""
        ctx = {"github.action_path": self.args.source}
        for name, spec in self.action["inputs"].items():
            ctx["inputs." + name] = str(inputs.get(name, spec.get("default", "")))
        for k in inputs:
            if k not in self.action["inputs"]:
                fail(f"{job}: the action has no input '{k}'")
        env = dict(env, GITHUB_ACTION_PATH=self.args.source)
        failed = False
        results = []
        for step in self.action["runs"]["steps"]:
            sid = step.get("id", "")
            if not self.condition(step.get("if"), ctx, failed):
                continue
            label = f"{job} / action / {step.get('name', sid)}"
            if "uses" in step:
                if step["uses"].startswith("actions/cache@"):
                    ctx[f"steps.{sid}.outputs.cache-hit"] = "false"
                elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
                    self.upload_sarif(self.expand(step["with"]["sarif_file"], ctx), ws, label)
                else:
                    fail(f"{label}: unknown action {step['uses']}")
                continue
            if sid in ("build", "install"):
                # Needs the network and a full build: the binary under test
                # is on the PATH already. The step's script must still name
                # the package CPack makes and install it through apt.
                if sid == "install" and "apt-get install" not in step["run"]:
                    fail(f"{label}: does not install the package through apt")
                print(f"--- {label}: stood in for (carcinize is on the PATH)")
                with open(files["GITHUB_ENV"], "a") as f:
                    f.write(f"CARCINIZE_BIN={shutil.which('carcinize', path=env['PATH'])}\n")
                env.update(self.read_kv(files["GITHUB_ENV"]))
                continue
            step_env = dict(env)
            for k, v in (step.get("env") or {}).items():
                step_env[k] = self.expand(v, ctx)
            cwd = self.expand(step.get("working-directory", ws), ctx)
            rc, out = self.run_script(self.expand(step["run"], ctx), cwd, step_env, label,
                                      step.get("shell"))
            for k, v in self.read_kv(files["GITHUB_OUTPUT"]).items():
                ctx[f"steps.{sid}.outputs.{k}"] = v
            env.update(self.read_kv(files["GITHUB_ENV"]))
            results.append((label, rc, out, step["run"]))
            if rc != 0:
                failed = True
        return failed, results, env

    def upload_sarif(self, path, ws, label):
        full = os.path.join(ws, path)
        try:
            with open(full) as f:
                doc = json.load(f)
            if doc.get("version") != "2.1.0" or not doc.get("runs"):
                fail(f"{label}: {path} is not SARIF 2.1.0")
        except (OSError, ValueError) as e:
            fail(f"{label}: cannot upload {path}: {e}")
        print(f"--- {label}: uploaded {path}")

    def run_job(self, wf_name, job_name, job, matrix):
        name = f"{wf_name} / {job_name}" + (f" {matrix}" if matrix else "")
        job_dir = os.path.join(self.work, "jobs", re.sub(r"\W+", "-", name))
        os.makedirs(job_dir, exist_ok=True)
        ws = os.path.join(job_dir, "ws")
        os.makedirs(ws, exist_ok=True)
        env, files = self.github_env(ws, job_dir)
        ctx = {f"matrix.{k}": v for k, v in matrix.items()}
        container = "container" in job
        git_present = not container
        failed = False
        results = []
        for step in job["steps"]:
            label = f"{name} / {step.get('name') or step.get('uses') or step.get('run', '')[:40]}"
            if not self.condition(step.get("if"), ctx, failed):
                continue
            if "uses" in step:
                uses, with_ = step["uses"], step.get("with") or {}
                if uses.startswith("actions/checkout@"):
                    if not git_present:
                        fail(f"{label}: git is not installed when actions/checkout runs in "
                             f"the container ({job['container']})")
                    self.checkout(ws, int(with_.get("fetch-depth", 1)))
                elif uses.startswith("carcinize/carcinize@"):
                    # YAML's true is the string "true" to an action.
                    inputs = {k: str(v).lower() if isinstance(v, bool) else self.expand(v, ctx)
                              for k, v in with_.items()}
                    f, r, env = self.run_action(inputs, ws, env, files, name)
                    results += r
                    failed = failed or f
                elif uses.startswith("actions/upload-artifact@"):
                    dest = os.path.join(self.artifacts, self.expand(with_["name"], ctx))
                    os.makedirs(dest, exist_ok=True)
                    shutil.copy(os.path.join(ws, self.expand(with_["path"], ctx)), dest)
                elif uses.startswith("actions/download-artifact@"):
                    pattern = re.compile(with_["pattern"].replace("*", ".*") + "$")
                    for a in sorted(os.listdir(self.artifacts)):
                        if pattern.match(a):
                            for fname in os.listdir(os.path.join(self.artifacts, a)):
                                shutil.copy(os.path.join(self.artifacts, a, fname), ws)
                elif uses.startswith("github/codeql-action/upload-sarif@"):
                    self.upload_sarif(with_["sarif_file"], ws, label)
                else:
                    fail(f"{label}: the test does not know the action {uses}")
                continue
            script = self.expand(step["run"], ctx)
            if "apt-get" in script:
                print(f"--- {label}: packages taken as installed\n{script.strip()}")
                if re.search(r"apt-get install[^\n]*\bgit\b", script):
                    git_present = True
                continue
            rc, out = self.run_script(script, ws, env, label, step.get("shell"))
            env.update(self.read_kv(files["GITHUB_ENV"]))
            results.append((label, rc, out, script))
            if rc != 0:
                failed = True
        with open(files["GITHUB_STEP_SUMMARY"]) as f:
            summary = f.read()
        return results, summary, ws

    def github(self, wf):
        name = wf.get("name", "workflow")
        all_results = []
        for job_name, job in wf["jobs"].items():
            matrix = (job.get("strategy") or {}).get("matrix") or {}
            combos = [{}]
            for k, values in matrix.items():
                combos = [dict(c, **{k: v}) for c in combos for v in values]
            for combo in combos:
                results, summary, ws = self.run_job(name, job_name, job, combo)
                all_results.append((job_name, results, summary, ws))
        return all_results

    def gitlab(self, name, job):
        job_dir = os.path.join(self.work, "jobs", "gitlab-" + name)
        ws = os.path.join(job_dir, "ws")
        os.makedirs(job_dir, exist_ok=True)
        depth = int((job.get("variables") or {}).get("GIT_DEPTH", 20))
        self.checkout(ws, depth)
        env = dict(self.env, CI="true", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
        results = []
        for script in (job.get("before_script") or []) + job["script"]:
            if "apt-get" in script:
                print(f"--- gitlab {name}: packages taken as installed\n{script}")
                continue
            rc, out = self.run_script(script, ws, env, f"gitlab {name}")
            results.append((f"gitlab {name}", rc, out, script))
            if rc != 0:
                break
        report = (job.get("artifacts") or {}).get("reports", {}).get("codequality")
        if report:
            try:
                with open(os.path.join(ws, report)) as f:
                    json.load(f)
            except (OSError, ValueError) as e:
                fail(f"gitlab {name}: the Code Quality report {report}: {e}")
        return results


def check_results(results):
    """Exit codes 0 or 1 only; 1 only on the pull request's finding; --diff
    reports that finding and no other."""
    for label, rc, out, script in results:
        if rc not in (0, 1):
            fail(f"{label}: exit code {rc}")
        elif rc == 1 and NEW_FINDING not in out and "findings at or above" not in out:
            fail(f"{label}: failed, but not on the pull request's finding")
        if "--diff" in script and "carcinize" in script and rc in (0, 1):
            if NEW_FINDING not in out:
                fail(f"{label}: --diff does not report the pull request's finding")
            if "src/net.c" in out:
                fail(f"{label}: --diff reports a finding the pull request did not add")


def shallow_diff(runner, env):
    """actions/checkout's default depth: --diff names what is missing, and
    the command it prints fetches it."""
    ws = os.path.join(runner.work, "jobs", "shallow")
    runner.checkout(ws, 1)
    p = sh("carcinize check --quiet --format github --diff origin/main", ws, env, check=False)
    print(f"--- shallow clone: exit {p.returncode}\n{p.stdout}")
    if p.returncode != 2:
        fail(f"--diff in a shallow clone exited {p.returncode}, expected 2")
    m = re.search(r"fetch it first: '(git fetch [^']+)'", p.stdout)
    if not m or "fetch-depth: 0" not in p.stdout:
        fail("--diff in a shallow clone does not say how to fetch the base")
        return
    sh(m.group(1), ws, env)
    p = sh("carcinize check --quiet --format github --diff origin/main", ws, env, check=False)
    print(f"--- after '{m.group(1)}': exit {p.returncode}\n{p.stdout}")
    if p.returncode != 1 or NEW_FINDING not in p.stdout:
        fail(f"after '{m.group(1)}', --diff exited {p.returncode} without the new finding")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--carcinize", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    args.source = os.path.abspath(args.source)
    bindir = os.path.join(args.work, "bin")
    os.makedirs(bindir, exist_ok=True)
    os.symlink(os.path.abspath(args.carcinize), os.path.join(bindir, "carcinize"))
    home = os.path.join(args.work, "home")
    os.makedirs(home, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_", "CI"))}
    env.update(PATH=bindir + os.pathsep + os.environ["PATH"], HOME=home,
               XDG_CACHE_HOME=os.path.join(args.work, "cache"), GIT_CONFIG_NOSYSTEM="1",
               GIT_AUTHOR_NAME="ci-test", GIT_AUTHOR_EMAIL="ci@example.invalid",
               GIT_COMMITTER_NAME="ci-test", GIT_COMMITTER_EMAIL="ci@example.invalid")
    origin = make_origin(args.work, env)
    runner = Runner(args, origin, env)
    with open(os.path.join(args.source, "docs", "ci.md")) as f:
        doc = f.read()

    ran = {"github": 0, "gitlab": 0, "sh": 0}
    for text in blocks(doc, "yaml"):
        data = yaml.safe_load(text)
        if not isinstance(data, dict):
            continue
        if "jobs" in data:
            ran["github"] += 1
            for job_name, results, summary, ws in runner.github(data):
                check_results(results)
                uses_markdown = any("--format markdown" in r[3] or "carcinize check (summary)" in r[0]
                                    for r in results)
                if uses_markdown and "carcinize" not in summary:
                    fail(f"{data.get('name')} / {job_name}: the step summary is empty")
                if not results:
                    fail(f"{data.get('name')} / {job_name}: no command ran")
            if any(j.get("container") for j in data["jobs"].values()):
                print("(a container job: git installed before the checkout)")
        elif "repos" in data:
            print("--- pre-commit: run by the e2e.precommit test")
        else:
            for name, job in data.items():
                if isinstance(job, dict) and "script" in job:
                    ran["gitlab"] += 1
                    check_results(runner.gitlab(name, job))
    # Shell blocks run on main: the baseline commands.
    for text in blocks(doc, "sh"):
        ran["sh"] += 1
        ws = os.path.join(args.work, "jobs", f"sh-{ran['sh']}")
        sh(["git", "clone", "-q", "file://" + origin, ws], args.work)
        sh("cmake -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null", ws, env)
        rc, out = runner.run_script(text, ws, env, f"sh block {ran['sh']}")
        check_results([(f"sh block {ran['sh']}", rc, out, text)])
        if rc != 0:
            fail(f"sh block {ran['sh']} exited {rc}")
    shallow_diff(runner, env)

    print(f"set-ups run: {ran}")
    if ran["github"] < 3 or ran["gitlab"] < 1 or ran["sh"] < 1:
        fail(f"fewer set-ups than docs/ci.md should hold: {ran}")
    if FAILED:
        print(f"\n{len(FAILED)} failure(s):\n" + "\n".join(FAILED))
        return 1
    print("every set-up of docs/ci.md ran as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
