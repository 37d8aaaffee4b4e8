"""Charts and the explorer on large comparisons: 200 x 20 and 1000 x 50 random ones.

Builds each comparison with ``Comparison.from_frames`` (seeded random scores on 1..5, every third
criterion a cost, weights 1..5) and times, per size:

* ``fw.recommend`` (median of repeated calls; the method's weight-free terms are cached after
  the first);
* each chart class built on a fresh figure (sized as for the bars it shows), updated once and
  drawn once (Agg, ``fig.canvas.draw()``), with the number of artists it made: RankingChart,
  ContributionsChart, MatrixChart, TornadoChart and AcceptabilityChart (the last two from a
  ``fw.sensitivity`` and a small ``fw.rank_acceptability`` run, timed apart);
* when ipywidgets and ipympl import: ``fwcompare_nb.app.explorer.Explorer(comparison)`` built
  in-process (no browser; ipywidgets work headless), and the kernel time of one weight change
  measured as benchmarks/bench_explorer.py does (canvases marked shown, so each change blits or
  renders and encodes its frames; one 0.5 step of one seeded-random slider at a time).

Goals (printed, never asserted; the script always exits 0): the explorer opens in under 3 s
for 200 x 20, and a weight change costs under 50 ms of kernel time.

Usage::

    python benchmarks/bench_scale.py [--changes N] [--sizes 200x20,1000x50] [--json PATH]
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

matplotlib.use("Agg")  # no window

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fwcompare_nb as fw  # noqa: E402
from benchmarks._voila import machine, package_versions, save_json, summary  # noqa: E402
from fwcompare_nb.plots import comparison as charts  # noqa: E402
from fwcompare_nb.plots import robustness  # noqa: E402
from fwcompare_nb.plots.style import alternative_colors, shown_count  # noqa: E402

GOAL_OPEN_S = 3.0  # explorer built, 200 x 20
GOAL_CHANGE_MS = 50.0  # kernel time of one weight change
OPEN_GOAL_SIZE = (200, 20)
SEED = 20240601
SMAA_SAMPLES = 2_000


def random_comparison(
    n_alt: int, n_crit: int, seed: int = SEED, *, decimals: int = 1, prefix: str = "alternative "
) -> fw.Comparison:
    """A seeded random comparison: scores 1..5 (``decimals`` decimals), every third criterion a
    cost, weights 1..5; alternatives named ``prefix`` and a number. The chart tests use it too."""
    rng = np.random.default_rng(seed)
    ids = [f"c{j:02d}" for j in range(n_crit)]
    scores = pd.DataFrame(rng.uniform(1, 5, (n_alt, n_crit)).round(decimals), columns=ids)
    scores.insert(0, "alternative", [f"{prefix}{i:04d}" for i in range(n_alt)])
    criteria = pd.DataFrame(
        {
            "id": ids,
            "name": [f"Criterion {j}" for j in range(n_crit)],
            "direction": ["cost" if j % 3 == 0 else "benefit" for j in range(n_crit)],
            "weight": rng.integers(1, 6, n_crit),
            "min": 1,
            "max": 5,
        }
    )
    return fw.Comparison.from_frames(scores, criteria, name=f"random {n_alt}x{n_crit}")


def artists(fig: Figure) -> int:
    """Every artist under the figure (patches, texts, lines, ticks, ...)."""
    return sum(1 for _ in fig.findobj())


def time_chart(build, size: tuple[float, float]) -> dict:
    """Build a chart on a new figure of ``size`` inches, update it and draw it once."""
    t0 = time.perf_counter()
    fig = Figure(figsize=size, dpi=72, layout="constrained")
    FigureCanvasAgg(fig)
    build(fig.add_subplot())
    t1 = time.perf_counter()
    fig.canvas.draw()
    t2 = time.perf_counter()
    return {"build_ms": (t1 - t0) * 1e3, "draw_ms": (t2 - t1) * 1e3, "artists": artists(fig)}


def measure_size(n_alt: int, n_crit: int, changes: int) -> dict:
    out: dict = {"size": f"{n_alt}x{n_crit}"}
    t = time.perf_counter()
    comp = random_comparison(n_alt, n_crit)
    out["from_frames_ms"] = (time.perf_counter() - t) * 1e3

    rec_times = []
    for _ in range(20):
        t = time.perf_counter()
        rec = fw.recommend(comp)
        rec_times.append((time.perf_counter() - t) * 1e3)
    out["recommend_ms"] = {"first": rec_times[0], "median": statistics.median(rec_times[1:])}

    t = time.perf_counter()
    sens = fw.sensitivity(comp, rec.weights)
    out["sensitivity_ms"] = (time.perf_counter() - t) * 1e3
    t = time.perf_counter()
    smaa = fw.rank_acceptability(comp, rec.weights, samples=SMAA_SAMPLES, seed=0)
    out["rank_acceptability_ms"] = (time.perf_counter() - t) * 1e3

    colors = alternative_colors(comp.alternatives)
    rows = shown_count(n_alt) + (shown_count(n_alt) < n_alt)
    n_cols = shown_count(n_alt)
    n_rows = shown_count(n_crit, charts.MATRIX_CRITERIA)
    out["charts"] = {
        "RankingChart": time_chart(
            lambda ax: charts.RankingChart(ax, comp.alternatives, colors).update(rec),
            (6.4, 0.9 + 0.45 * rows),
        ),
        "ContributionsChart": time_chart(
            lambda ax: charts.ContributionsChart(ax, comp, colors).update(rec),
            (6.4, 1.6 + 0.5 * rows),
        ),
        "MatrixChart": time_chart(
            lambda ax: charts.MatrixChart(ax, comp).update(rec.weights),
            (3.6 + 0.9 * n_cols, 1.0 + 0.27 * n_rows),
        ),
        "TornadoChart": time_chart(
            lambda ax: robustness.TornadoChart(ax, colors).update(sens.winner, sens.intervals),
            (6.4, 3.9),
        ),
        "AcceptabilityChart": time_chart(
            lambda ax: robustness.AcceptabilityChart(ax, comp.alternatives, colors).update(
                smaa.acceptability, order=rec.ranking.index
            ),
            (6.4, 0.9 + 0.45 * rows),
        ),
    }
    out["explorer"] = measure_explorer(comp, changes)
    return out


def measure_explorer(comp: fw.Comparison, changes: int) -> dict:
    """Open the explorer in-process and time weight changes (as bench_explorer.py does)."""
    try:
        from fwcompare_nb.app.explorer import SLIDER_MAX, SLIDER_STEP, Explorer
        from fwcompare_nb.io.profiles import ProfileStore
    except ImportError as exc:  # no ipywidgets / ipympl: charts only
        return {"skipped": f"explorer not importable: {exc}"}
    with tempfile.TemporaryDirectory(prefix="fwc-bench-") as tmp:
        t = time.perf_counter()
        ex = Explorer(comp, store=ProfileStore(Path(tmp) / "profiles"))
        open_s = time.perf_counter() - t
        canvases = (ex.canvas_ranking, ex.canvas_contrib)
        for canvas in canvases:
            canvas.syncing_data_url = False  # as if a browser view had initialised it
        t = time.perf_counter()
        ex.update()  # the first frame a view gets: full renders
        first_ms = (time.perf_counter() - t) * 1e3
        rng = random.Random(SEED)
        ids = list(ex.sliders)
        times = []
        for i in range(5 + changes):
            slider = ex.sliders[rng.choice(ids)]
            step = rng.choice((-SLIDER_STEP, SLIDER_STEP))
            if not 0 <= slider.value + step <= SLIDER_MAX:
                step = -step
            t0 = time.perf_counter()
            slider.value = slider.value + step  # -> Explorer.update(), synchronously
            if i >= 5:
                times.append((time.perf_counter() - t0) * 1e3)
        if ex.last_error is not None:
            return {"error": repr(ex.last_error)}
        sizes = {
            name: tuple(round(v, 1) for v in fig.get_size_inches())
            for name, fig in (("ranking", ex.fig_ranking), ("contributions", ex.fig_contrib),
                              ("matrix", ex.fig_matrix))
        }  # fmt: skip
        return {
            "open_s": open_s,
            "first_frame_ms": first_ms,
            "change_ms": summary(times),
            "blits": {
                n: (c.blits, c.full_draws)
                for n, c in zip(("ranking", "contributions"), canvases, strict=True)
            },  # fmt: skip
            "figure_inches": sizes,
        }


def report(result: dict) -> None:
    print(f"\n== {result['size']} ==")
    print(f"Comparison.from_frames   {result['from_frames_ms']:8.1f} ms")
    r = result["recommend_ms"]
    print(f"fw.recommend             {r['median']:8.2f} ms median (first call {r['first']:.1f} ms)")
    print(f"fw.sensitivity           {result['sensitivity_ms']:8.1f} ms")
    print(f"fw.rank_acceptability    {result['rank_acceptability_ms']:8.1f} ms "
          f"({SMAA_SAMPLES:,} samples)")  # fmt: skip
    print(f"\n{'chart (build+update, first draw)':<34}{'build':>10}{'draw':>10}{'artists':>9}")
    for name, c in result["charts"].items():
        print(f"{name:<34}{c['build_ms']:>8.1f}ms{c['draw_ms']:>8.1f}ms{c['artists']:>9}")
    ex = result["explorer"]
    if "skipped" in ex or "error" in ex:
        print(f"\nexplorer: {ex.get('skipped') or ex.get('error')}")
        return
    s = ex["change_ms"]
    print(f"\nexplorer opened in       {ex['open_s']:8.2f} s   (first shown frame "
          f"{ex['first_frame_ms']:.0f} ms)")  # fmt: skip
    print(f"weight change (kernel)   {s['median']:8.1f} ms median, p95 {s['p95']:.1f} ms, "
          f"max {s['max']:.1f} ms over {s['n']} changes")  # fmt: skip
    print("blits / full renders:    " + ", ".join(
        f"{n} {b}/{f}" for n, (b, f) in ex["blits"].items()))  # fmt: skip
    print("explorer figures (in):   " + ", ".join(
        f"{n} {w}x{h}" for n, (w, h) in ex["figure_inches"].items()))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=100, help="timed weight changes per size")
    parser.add_argument("--sizes", default="200x20,1000x50", help="alternatives x criteria, ...")
    parser.add_argument("--json", type=Path, help="also save the figures as JSON here")
    args = parser.parse_args(argv)
    sizes = [tuple(int(v) for v in s.lower().split("x")) for s in args.sizes.split(",")]

    versions = package_versions(("matplotlib", "numpy", "pandas", "ipywidgets", "ipympl"))
    date = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    print("fwcompare at scale: charts and the explorer on large random comparisons")
    print(f"date:     {date}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"machine:  {machine()}")

    results = [measure_size(n_alt, n_crit, args.changes) for n_alt, n_crit in sizes]
    for result in results:
        report(result)

    print("\ngoals:")
    for result in results:
        ex = result["explorer"]
        if "open_s" not in ex:
            continue
        size = result["size"]
        if size == "x".join(map(str, OPEN_GOAL_SIZE)):
            ok = "WITHIN GOAL" if ex["open_s"] < GOAL_OPEN_S else "OVER GOAL"
            print(f"  explorer open {size} < {GOAL_OPEN_S:g} s: {ex['open_s']:.2f} s  {ok}")
        median = ex["change_ms"]["median"]
        ok = "WITHIN GOAL" if median < GOAL_CHANGE_MS else "OVER GOAL"
        print(f"  weight change {size} < {GOAL_CHANGE_MS:g} ms (median): {median:.1f} ms  {ok}")

    if args.json:
        save_json(args.json, {"date": date, "versions": versions, "machine": machine(),
                              "results": results})  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
