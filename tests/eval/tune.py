#!/usr/bin/env python3
"""Tries scoring weights on the CVE evaluation (cve_rank.py) and says which
setting a leave-one-project-out choice would make.

    tests/eval/tune.py --projects tests/eval/projects.txt --root DIR \\
        --grid tests/eval/grid.json -o tune.json

The grid is a JSON object of `scoring:` keys, each with a list of values (every
combination is tried), or a list of such objects (each a setting). Every
setting is written as a configuration and every judged tree (HEAD and split
of each project) is ranked with it from the saved facts (no parsing: only the
first run scans). The objective is the mean of four averages over the
projects: P@10 and NDCG@10 at HEAD and on the time split.

Leave one project out: for each project, the setting with the best objective
on the other projects, and its figures on the held-out one; their mean is the
estimate of how the chosen weights do on a project they were not chosen on.
"""

import argparse
import itertools
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cve_rank  # noqa: E402

VARIANTS = ("head_eval", "split_eval")


def settings_of(grid):
    """The settings a grid names: a list of objects, or one object of lists."""
    if isinstance(grid, list):
        return [dict(s) for s in grid]
    keys = sorted(grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]


def config_text(setting):
    return "scoring:\n" + "".join("  %s: %s\n" % (k, setting[k]) for k in sorted(setting))


def objective(per_tree, names=None):
    """Mean of the four averages over the trees of \\p names (all by default)."""
    parts = []
    for variant in VARIANTS:
        rows = [m for (n, v), m in per_tree.items() if v == variant and (names is None or n in names)]
        if rows:
            parts.append(statistics.mean(m["p10"] for m in rows))
            parts.append(statistics.mean(m["ndcg10"] for m in rows))
    return statistics.mean(parts) if parts else 0.0


def leave_one_out(results, projects):
    """For each project, the best setting on the others and its held-out figures."""
    out = {}
    for held in projects:
        others = [p for p in projects if p != held]
        best = max(range(len(results)), key=lambda i: (objective(results[i]["trees"], others), -i))
        out[held] = {"setting": results[best]["setting"], "index": best,
                     "trees": {v: m for (n, v), m in results[best]["trees"].items() if n == held}}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    cve_rank.add_project_arguments(ap)
    ap.add_argument("--grid", required=True, help="JSON grid of scoring weights")
    ap.add_argument("-o", "--output", help="write the results as JSON")
    args = ap.parse_args(argv)
    projects = cve_rank.projects_from_arguments(ap, args)
    with open(args.grid) as fp:
        settings = settings_of(json.load(fp))
    trees = []  # (name, variant, JudgedTree)
    baselines = {}
    for name, path, head, split in projects:
        _, judged = cve_rank.prepare_project(name, path, head, split, args)
        for variant, t in judged.items():
            if not t.rel_files:
                cve_rank.log("%s %s: no relevant file, left out" % (name, variant))
                continue
            trees.append((name, variant, t))
    config_dir = os.path.join(args.work, "tune-configs")
    os.makedirs(config_dir, exist_ok=True)
    results = []
    for i, setting in enumerate(settings):
        config = os.path.join(config_dir, "setting-%d.yaml" % i)
        with open(config, "w") as fp:
            fp.write(config_text(setting))
        per_tree = {}
        for name, variant, t in trees:
            modules, _ = cve_rank.rank_tree(t, args, config)
            judged = cve_rank.judge(t, modules)
            per_tree[(name, variant)] = judged["metrics"]["value"]
            baselines[(name, variant)] = {k: judged["metrics"][k] for k in ("code_lines",
                                                                            "flawfinder")}
        results.append({"setting": setting, "trees": per_tree})
        cve_rank.log("setting %d/%d %s: objective %.4f" % (i + 1, len(settings), setting,
                                                           objective(per_tree)))
    names = sorted({n for n, _, _ in trees})
    ranked = sorted(range(len(results)), key=lambda i: (-objective(results[i]["trees"]), i))
    loo = leave_one_out(results, names)

    def means(per_tree):
        return {v: {m: statistics.mean(x[m] for (n, vv), x in per_tree.items() if vv == v)
                    for m in ("p10", "ndcg10")} for v in VARIANTS}

    print("%d settings, %d projects, %d judged trees" % (len(settings), len(names), len(trees)))
    for b in ("code_lines", "flawfinder"):
        mb = means({k: v[b] for k, v in baselines.items()})
        print("baseline %-10s  HEAD P@10 %.3f NDCG@10 %.3f | split P@10 %.3f NDCG@10 %.3f" % (
            b, mb["head_eval"]["p10"], mb["head_eval"]["ndcg10"], mb["split_eval"]["p10"],
            mb["split_eval"]["ndcg10"]))
    print("best settings (objective: mean of the four averages)")
    for i in ranked[:10]:
        m = means(results[i]["trees"])
        print("  %.4f  HEAD %.3f %.3f | split %.3f %.3f  %s" % (
            objective(results[i]["trees"]), m["head_eval"]["p10"], m["head_eval"]["ndcg10"],
            m["split_eval"]["p10"], m["split_eval"]["ndcg10"], results[i]["setting"]))
    print("leave one project out (chosen on the others -> held-out figures)")
    held = {}
    for n in names:
        r = loo[n]
        print("  %-14s %s -> %s" % (n, r["setting"], ", ".join(
            "%s %.2f %.3f" % (v[:4], m["p10"], m["ndcg10"]) for v, m in sorted(r["trees"].items()))))
        for v, m in r["trees"].items():
            held[(n, v)] = m
    mh = means(held)
    print("  mean held-out: HEAD P@10 %.3f NDCG@10 %.3f | split P@10 %.3f NDCG@10 %.3f" % (
        mh["head_eval"]["p10"], mh["head_eval"]["ndcg10"], mh["split_eval"]["p10"],
        mh["split_eval"]["ndcg10"]))
    if args.output:
        with open(args.output, "w") as fp:
            json.dump({"settings": settings,
                       "results": [{"setting": r["setting"], "objective": objective(r["trees"]),
                                    "trees": {"%s %s" % k: v for k, v in r["trees"].items()}}
                                   for r in results],
                       "baselines": {"%s %s" % k: v for k, v in baselines.items()},
                       "leave_one_out": {n: {"setting": r["setting"], "trees": r["trees"]}
                                         for n, r in loo.items()},
                       "leave_one_out_mean": mh}, fp, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
