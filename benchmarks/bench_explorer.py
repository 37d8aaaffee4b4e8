"""Kernel-side cost of one weight change in the live explorer (no browser, no Voila).

Builds ``fwcompare_nb.widgets.Explorer`` (saved profiles in a temporary folder) and makes a
few hundred weight changes, one 0.5 step of one slider at a time (a seeded random walk over the
criteria, kept inside 0..10), timing

(a) the weight change itself: ``slider.value = v``, whose observer runs ``Explorer.update()``
    synchronously here (no running event loop, so no coalescing): recompute, update the chart
    artists in place, ``draw_idle()``. Each change is checked to have redrawn exactly once;
(b) (a) plus forcing the render of all three figures, ``fig.canvas.draw()`` on the ranking,
    contributions and matrix figures (ipympl's draw: Agg render and frame swap), which is what
    the kernel does when the browser asks for the new images;

and, for context, (a) plus the render of only the two figures a weight change redraws in the
dashboard (ranking and contributions: the matrix does not depend on the weights), and each
figure's render alone.

Goal: (a) median <= 20 ms. It also reports the figures registered in pyplot before and after
(``matplotlib.pyplot.get_fignums()``): the explorer's figures stay out of pyplot, so both
should be empty (no pile-up). The script always exits 0: it reports, it does not fail.

Usage::

    python benchmarks/bench_explorer.py [--changes N] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no window; the explorer's figures use their own ipympl canvases

import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._voila import machine, package_versions, save_json, summary  # noqa: E402
from fwcompare_nb.profile_store import ProfileStore  # noqa: E402
from fwcompare_nb.widgets import SLIDER_MAX, SLIDER_STEP, Explorer  # noqa: E402

GOAL_MEDIAN_MS = 20.0
SEED = 20240601
WARMUP = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=200, help="measured weight changes")
    parser.add_argument("--json", type=Path, help="also save the figures as JSON here")
    args = parser.parse_args(argv)

    versions = package_versions(("ipywidgets", "ipympl", "matplotlib", "numpy", "pandas"))
    header = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": versions,
        "machine": machine(),
    }
    print("fwcompare explorer: kernel time per weight change (in-process, no browser)")
    print(f"date:     {header['date']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"machine:  {header['machine']}")

    figs_before = list(plt.get_fignums())
    rng = random.Random(SEED)
    times: dict[str, list[float]] = {
        "update": [], "ranking": [], "contributions": [], "matrix": [],
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="fwc-bench-") as tmp:
        t = time.perf_counter()
        explorer = Explorer(store=ProfileStore(Path(tmp) / "profiles"))
        build_ms = (time.perf_counter() - t) * 1e3
        figures = {
            "ranking": explorer.fig_ranking,
            "contributions": explorer.fig_contrib,
            "matrix": explorer.fig_matrix,
        }
        ids = list(explorer.sliders)
        for i in range(WARMUP + args.changes):
            cid = rng.choice(ids)
            slider = explorer.sliders[cid]
            step = rng.choice((-SLIDER_STEP, SLIDER_STEP))
            if not 0 <= slider.value + step <= SLIDER_MAX:
                step = -step
            redraws = explorer.redraws
            t0 = time.perf_counter()
            slider.value = slider.value + step  # -> Explorer.update(), synchronously
            t1 = time.perf_counter()
            if explorer.redraws != redraws + 1 or explorer.last_error is not None:
                raise RuntimeError(
                    f"change {i} redrew {explorer.redraws - redraws} times "
                    f"(error: {explorer.last_error!r})"
                )
            renders = {}
            for name, fig in figures.items():
                t2 = time.perf_counter()
                fig.canvas.draw()
                renders[name] = time.perf_counter() - t2
            if i >= WARMUP:
                times["update"].append((t1 - t0) * 1e3)
                for name, seconds in renders.items():
                    times[name].append(seconds * 1e3)
        figs_after = list(plt.get_fignums())
        final = explorer.recommendation.headline()

    upd = times["update"]
    rows = {
        "(a) weight change -> update()": upd,
        "(b) (a) + render all 3 figures": [
            u + r + c + m
            for u, r, c, m in zip(
                upd, times["ranking"], times["contributions"], times["matrix"], strict=True
            )
        ],
        "    (a) + render ranking, contributions": [
            u + r + c for u, r, c in zip(upd, times["ranking"], times["contributions"], strict=True)
        ],
        "    ranking render alone": times["ranking"],
        "    contributions render alone": times["contributions"],
        "    matrix render alone": times["matrix"],
    }
    print(f"explorer built in {build_ms:.0f} ms; {WARMUP} warm-up changes, then {len(upd)} timed")
    print(f"\n{'measure':<42}{'n':>5}{'median':>10}{'p95':>10}{'max':>10}")
    figures = {}
    for label, values in rows.items():
        s = summary(values)
        figures[label.strip()] = s
        print(f"{label:<42}{s['n']:>5}{s['median']:>8.1f}ms{s['p95']:>8.1f}ms{s['max']:>8.1f}ms")
    median_a = statistics.median(upd)
    verdict = "WITHIN GOAL" if median_a <= GOAL_MEDIAN_MS else "OVER GOAL"
    print(f"\ngoal: (a) median <= {GOAL_MEDIAN_MS:.0f} ms: {median_a:.1f} ms  {verdict}")
    pileup = "no pile-up" if figs_before == figs_after else "PILE-UP"
    print(f"pyplot figures: before {len(figs_before)}, after {len(figs_after)} ({pileup})")
    print(f"last headline: {final}")

    if args.json:
        payload = {
            **header,
            "build_ms": build_ms,
            "summary": figures,
            "goal_median_ms": GOAL_MEDIAN_MS,
            "verdict": verdict,
            "pyplot_figures_before": figs_before,
            "pyplot_figures_after": figs_after,
            "samples_ms": times,
        }
        save_json(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
