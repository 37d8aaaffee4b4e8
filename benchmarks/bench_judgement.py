"""Your judgement in the explorer: the kernel time of a must-have or an own score (issue 15).

A must-have or an own score changes the comparison itself (alternatives may leave the page), so
the explorer builds its panels, charts and tabs again in place
(:meth:`fwcompare_nb.app.explorer.Explorer.set_comparison`). This prints the kernel time of that
rebuild, in-process (no browser), on the bundled 7-framework comparison and on a random 200 x 20
one (``benchmarks.bench_scale.random_comparison``), alternating a must-have on the first
criterion (at its median score) with none, and an own score with none.

Goal (printed, never asserted): under 1 s of kernel time for 200 x 20; it is a click, not a
slider drag (slider moves stay under 100 ms: benchmarks/bench_explorer.py). The browser then
draws the new charts (about 1-3 s in Voila on this machine, seen in
tests/integration/test_dashboard_app.py's screenshots).

Measured 2026-12-01 22:36 UTC (AMD EPYC x2, Python 3.11.7, ipywidgets 8.1.9, ipympl 0.10.0,
4 repeats): 7 x 23 must-have median 543 ms, own score 644 ms; 200 x 20 must-have 1,008 ms (over
the goal), own score 719 ms. The rebuild makes every figure and tab anew; keeping the figures of
alternatives that stay would be the next step if it matters.

Usage::

    python benchmarks/bench_judgement.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import fwcompare_nb as fw  # noqa: E402
from benchmarks._voila import machine, package_versions  # noqa: E402
from benchmarks.bench_scale import random_comparison  # noqa: E402
from fwcompare_nb.app.explorer import Explorer  # noqa: E402
from fwcompare_nb.io.profiles import ProfileStore  # noqa: E402

GOAL_S = 1.0


def _must_have(comp: fw.Comparison) -> fw.Comparison:
    cid = comp.criterion_ids[0]
    middle = float(comp.scores[cid].median())
    op = ">=" if comp.criteria.at[cid, "direction"] == "benefit" else "<="
    return comp.with_requirements([f"{cid}{op}{middle:g}"])


def _own_score(comp: fw.Comparison) -> fw.Comparison:
    cid = comp.criterion_ids[0]
    crit = comp.criteria.loc[cid]
    alt = comp.alternatives[-1]
    top = float(crit["max"]) if crit["max"] == crit["max"] else float(comp.scores[cid].max())
    return comp.with_scores({(alt, cid): top})


def measure(comp: fw.Comparison, repeats: int) -> dict[str, list[float]]:
    ex = Explorer(comp, store=ProfileStore(tempfile.mkdtemp()))
    out: dict[str, list[float]] = {"must-have": [], "own score": []}
    for kind, change in (("must-have", _must_have), ("own score", _own_score)):
        for i in range(repeats):
            target = change(comp) if i % 2 == 0 else comp
            t = time.perf_counter()
            ex.set_comparison(target)
            out[kind].append(time.perf_counter() - t)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=6)
    opts = parser.parse_args(argv)
    print(f"bench_judgement  {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"machine    {machine()}")
    versions = package_versions(("fwcompare-nb", "ipywidgets", "ipympl", "matplotlib"))
    print("versions   " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    cases = {
        "python-web-frameworks 7 x 23": fw.load_comparison(
            fw.config.DATA_DIR / "python-web-frameworks"
        ),
        "random 200 x 20": random_comparison(200, 20),
    }
    for name, comp in cases.items():
        for kind, times in measure(comp, opts.repeats).items():
            med, worst = statistics.median(times), max(times)
            verdict = "WITHIN GOAL" if med < GOAL_S else "OVER GOAL"
            print(f"  {name:<30} {kind:<10} median {med * 1000:6.0f} ms, max {worst * 1000:6.0f}"
                  f" ms  {verdict} ({GOAL_S:g} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
