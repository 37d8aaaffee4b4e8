"""Kernel-side cost of one weight change in the live explorer (no browser, no Voila).

Builds ``fwcompare_nb.app.explorer.Explorer`` (saved profiles in a temporary folder), marks
its chart canvases as shown (``syncing_data_url = False``, what ipympl sets when a browser
view says it is initialised; frames then go to ipywidgets' dummy comm) and makes a few
hundred weight changes, one 0.5 step of one slider at a time (a seeded random walk over the
criteria, kept inside 0..10), timing

(a) the whole kernel work of a weight change, as in the dashboard: ``slider.value = v`` runs
    ``Explorer.update()`` synchronously here (no running event loop, so no coalescing):
    recompute, update the chart artists, redraw the ranking and contributions charts (a blit of
    the moving artists over the saved background, or a full render when the background
    changed) and encode the PNG frames. Each change is checked to have redrawn exactly once;
(b) the recompute and artist updates alone (canvases not shown, so no render);

and, for context, a full render of each figure (``canvas.draw()``), which is what a redraw
cost before blitting, and how many redraws were blits.

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
from fwcompare_nb.app.explorer import SLIDER_MAX, SLIDER_STEP, Explorer  # noqa: E402
from fwcompare_nb.io.profiles import ProfileStore  # noqa: E402

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
    times: dict[str, list[float]] = {"live": [], "artists": []}
    with tempfile.TemporaryDirectory(prefix="fwc-bench-") as tmp:
        t = time.perf_counter()
        explorer = Explorer(store=ProfileStore(Path(tmp) / "profiles"))
        build_ms = (time.perf_counter() - t) * 1e3
        shown = Explorer(store=ProfileStore(Path(tmp) / "profiles"))
        canvases = (shown.canvas_ranking, shown.canvas_contrib)
        for canvas in canvases:
            canvas.syncing_data_url = False  # as if a browser view had initialised it
        shown.update()
        for name, ex in (("live", shown), ("artists", explorer)):
            rng = random.Random(SEED)
            ids = list(ex.sliders)
            for i in range(WARMUP + args.changes):
                cid = rng.choice(ids)
                slider = ex.sliders[cid]
                step = rng.choice((-SLIDER_STEP, SLIDER_STEP))
                if not 0 <= slider.value + step <= SLIDER_MAX:
                    step = -step
                redraws = ex.redraws
                t0 = time.perf_counter()
                slider.value = slider.value + step  # -> Explorer.update(), synchronously
                t1 = time.perf_counter()
                if ex.redraws != redraws + 1 or ex.last_error is not None:
                    raise RuntimeError(
                        f"change {i} redrew {ex.redraws - redraws} times (error: {ex.last_error!r})"
                    )
                if i >= WARMUP:
                    times[name].append((t1 - t0) * 1e3)
        blits = {
            n: (c.blits, c.full_draws)
            for n, c in zip(("ranking", "contributions"), canvases, strict=True)
        }
        renders: dict[str, list[float]] = {"ranking": [], "contributions": [], "matrix": []}
        figures = {
            "ranking": explorer.fig_ranking,
            "contributions": explorer.fig_contrib,
            "matrix": explorer.fig_matrix,
        }
        for _ in range(30):
            for name, fig in figures.items():
                t2 = time.perf_counter()
                fig.canvas.draw()
                renders[name].append((time.perf_counter() - t2) * 1e3)
        figs_after = list(plt.get_fignums())
        final = shown.recommendation.headline()

    rows = {
        "(a) weight change, charts redrawn": times["live"],
        "(b) weight change, artists only": times["artists"],
        "    full render: ranking": renders["ranking"],
        "    full render: contributions": renders["contributions"],
        "    full render: matrix (not redrawn)": renders["matrix"],
    }
    print(f"explorer built in {build_ms:.0f} ms; {WARMUP} warm-up changes, then "
          f"{len(times['live'])} timed")  # fmt: skip
    print(f"\n{'measure':<42}{'n':>5}{'median':>10}{'p95':>10}{'max':>10}")
    figures = {}
    for label, values in rows.items():
        s = summary(values)
        figures[label.strip()] = s
        print(f"{label:<42}{s['n']:>5}{s['median']:>8.1f}ms{s['p95']:>8.1f}ms{s['max']:>8.1f}ms")
    for name, (n_blits, n_full) in blits.items():
        print(f"{name}: {n_blits} blits, {n_full} full renders")
    median_a = statistics.median(times["live"])
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
            "samples_ms": {**times, **{f"render_{k}": v for k, v in renders.items()}},
            "blits_and_full_renders": blits,
        }
        save_json(args.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
