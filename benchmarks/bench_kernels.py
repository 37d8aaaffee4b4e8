"""Benchmark fwcompare's numeric kernels against bare NumPy implementations of the same methods.

Goals: ``fwcompare_nb.core.methods.wsm_scores``, ``wpm_scores`` and ``topsis_scores`` stay within
1.5x of a plain, straightforward NumPy implementation of the same definition at 1,000 x 50 and
10,000 x 100 (alternatives x criteria), and so does the public function ``fwcompare_nb.rank``
end to end (weights resolution, method check, kernel, competition ranks and the sorted
DataFrame) on the same data. The comparison keeps each method's weight-free terms (normalised
matrix, log-ratios, squared distances) after its first call, so that call is timed apart
("first call"). Each row prints WITHIN GOAL or OVER GOAL (judged on the ratio of median times);
the script always exits 0: it reports, it does not fail.

For context it also times

* ``rank()`` against the kernel alone, and the one-off ``Comparison.from_frames`` load;
* pymcdm's WSM / WPM / TOPSIS with the normalisations that make them compute the same numbers
  (min-max, ``x/max`` & ``min/x``, vector), when pymcdm is importable;
* stacked weights ``w`` of shape (samples, criteria), the form Monte Carlo analyses use.

Timing: ``timeit`` with the loop count calibrated per function, the functions of one row
interleaved repeat by repeat (so background load hits them alike), median and min per call.

Usage::

    python benchmarks/bench_kernels.py [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fwcompare_nb  # noqa: E402
from fwcompare_nb.core import methods  # noqa: E402

GOAL = 1.5
SEED = 20240601
SIZES = [(1_000, 50), (10_000, 100)]
# (samples, alternatives, criteria) for the stacked-weights calls.
STACKED = [(10_000, 2, 21), (1_000, 100, 21)]
METHOD_NAMES = ("wsm", "wpm", "topsis")


# --- bare NumPy baselines: the textbook definitions, written the obvious way -----------------


def wsm_baseline(x, w, lo, hi, benefit):
    """Min-max normalise by the scale, flip cost columns, weighted sum."""
    n = (x - lo) / (hi - lo)
    n = np.where(benefit, n, 1.0 - n)
    return n @ w if w.ndim == 1 else w @ n.T


def wpm_baseline(x, w, benefit):
    """Product over criteria of (x/max)^w (benefit) or (min/x)^w (cost)."""
    ratio = np.where(benefit, x / x.max(axis=0), x.min(axis=0) / x)
    if w.ndim == 1:
        return np.prod(ratio**w, axis=1)
    return np.prod(ratio[None, :, :] ** w[:, None, :], axis=-1)


def topsis_baseline(x, w, benefit):
    """Vector normalisation, weighting, ideal/anti-ideal by direction, closeness."""
    r = x / np.sqrt((x**2).sum(axis=0))
    v = r * w if w.ndim == 1 else r[None, :, :] * w[:, None, :]
    ideal = np.where(benefit, v.max(axis=-2), v.min(axis=-2))
    anti = np.where(benefit, v.min(axis=-2), v.max(axis=-2))
    d_plus = np.sqrt(((v - np.expand_dims(ideal, -2)) ** 2).sum(axis=-1))
    d_minus = np.sqrt(((v - np.expand_dims(anti, -2)) ** 2).sum(axis=-1))
    return d_minus / (d_plus + d_minus)


# --- data ---------------------------------------------------------------------------------------


def make_problem(rng: np.random.Generator, alts: int, crits: int, samples: int | None = None):
    """Positive scores 1..10, every third criterion a cost, weights summing to 1."""
    x = rng.uniform(1.0, 10.0, size=(alts, crits))
    benefit = np.arange(crits) % 3 != 0
    if samples is None:
        w = rng.uniform(0.1, 1.0, size=crits)
        w /= w.sum()
    else:
        w = rng.dirichlet(np.ones(crits), size=samples)
    lo, hi = x.min(axis=0), x.max(axis=0)
    return x, w, lo, hi, benefit


def make_frames(x: np.ndarray, w: np.ndarray, benefit: np.ndarray):
    alts, crits = x.shape
    ids = [f"c{j:03d}" for j in range(crits)]
    criteria = pd.DataFrame(
        {
            "id": ids,
            "direction": np.where(benefit, "benefit", "cost"),
            "weight": w,
        }
    )
    scores = pd.DataFrame(x, columns=ids)
    scores.insert(0, "alternative", [f"alt{i:05d}" for i in range(alts)])
    return scores, criteria


def kernel_and_baseline(method: str, x, w, lo, hi, benefit):
    if method == "wsm":
        return (
            lambda: methods.wsm_scores(x, w, lo, hi, benefit),
            lambda: wsm_baseline(x, w, lo, hi, benefit),
        )
    if method == "wpm":
        return lambda: methods.wpm_scores(x, w, benefit), lambda: wpm_baseline(x, w, benefit)
    return lambda: methods.topsis_scores(x, w, benefit), lambda: topsis_baseline(x, w, benefit)


def pymcdm_callable(method: str, x, w, benefit):
    """pymcdm's method set up to compute the same numbers as fwcompare, or None."""
    try:
        from pymcdm import methods as pm
        from pymcdm import normalizations as norm
    except ImportError:
        return None
    types = np.where(benefit, 1, -1)
    body = {
        "wsm": lambda: pm.WSM(norm.minmax_normalization),
        "wpm": lambda: pm.WPM(norm.linear_normalization),  # x/max benefit, min/x cost
        "topsis": lambda: pm.TOPSIS(norm.vector_normalization),
    }[method]()
    return lambda: body(x, w, types)


# --- timing -------------------------------------------------------------------------------------


def measure(funcs: dict[str, Callable], *, repeats: int, target: float, budget: float):
    """Seconds per call for each function, ``repeats`` samples each (fewer for slow ones).

    Loop counts are calibrated so one sample takes about ``target`` seconds; a function whose
    samples are slow gets only as many as fit in ``budget`` seconds (at least 3). Samples are
    taken round-robin so that the functions of a row share the same background load.
    """
    timers, numbers, wanted = {}, {}, {}
    for name, f in funcs.items():
        f()  # warm-up (allocations, caches, lazy imports)
        t = timeit.Timer(f)
        number = 1
        while True:
            elapsed = t.timeit(number)
            if elapsed >= target or number >= 1_000_000:
                break
            number = max(number * 2, int(number * target / max(elapsed, 1e-9) * 1.1))
        timers[name], numbers[name] = t, number
        wanted[name] = max(3, min(repeats, int(budget / max(elapsed, 1e-9))))
    samples: dict[str, list[float]] = {name: [] for name in funcs}
    for r in range(max(wanted.values())):
        for name in funcs:
            if r < wanted[name]:
                samples[name].append(timers[name].timeit(numbers[name]) / numbers[name])
    return samples


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.2f} s "


def summary(samples: list[float]) -> dict:
    return {"median_s": statistics.median(samples), "min_s": min(samples), "n": len(samples)}


# --- header -------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def blas_name() -> str:
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # older NumPy or an unusual build: not worth failing over
        return "unknown"


def loadavg() -> str:
    """1/5/15-minute load and running/total tasks from /proc/loadavg."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:4])
    except OSError:
        return "unknown"


def blas_threads() -> str:
    keys = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    set_ = [f"{k}={os.environ[k]}" for k in keys if k in os.environ]
    return ", ".join(set_) or "library default (one per core)"


def header() -> dict:
    return {
        "date_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_name(),
        "blas_threads": blas_threads(),
        "pandas": pd.__version__,
        "fwcompare_nb": getattr(fwcompare_nb, "__version__", "?"),
        "seed": SEED,
        "goal": f"kernel median <= {GOAL}x bare NumPy median",
        "loadavg_start": loadavg(),
    }


# --- main ---------------------------------------------------------------------------------------


def verdict(ratio: float) -> str:
    return "WITHIN GOAL" if ratio <= GOAL else "OVER GOAL"


def noise_note(ratio: float, ratio_min: float) -> str:
    """Flag rows whose verdict would flip on the min ratio: background load, not the code."""
    if verdict(ratio) == verdict(ratio_min):
        return ""
    return f"  (noisy: min ratio {ratio_min:.2f}x)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repeats (smoke test)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    repeats, target, budget = (3, 0.005, 0.1) if args.quick else (25, 0.02, 0.6)

    started = time.perf_counter()
    rng = np.random.default_rng(SEED)
    info = header()
    print("fwcompare kernel benchmark")
    for key, value in info.items():
        print(f"  {key:13s} {value}")
    print(f"  {'repeats':13s} up to {repeats} samples/function, ~{target * 1e3:g} ms each")
    print()

    rows, loads, mismatches = [], [], []
    head = (
        f"{'case':22s} {'method':6s} {'kernel med':>11s} {'kernel min':>11s} "
        f"{'numpy med':>11s} {'numpy min':>11s} {'ratio med':>9s} {'ratio min':>9s}  verdict"
    )
    context_rows = []
    public_rows = []  # fwcompare_nb.rank end to end against the same bare NumPy baseline

    def run_case(case: str, size: dict, method: str, x, w, lo, hi, benefit, extra):
        kernel, baseline = kernel_and_baseline(method, x, w, lo, hi, benefit)
        got, want = kernel(), baseline()
        same = bool(np.allclose(got, want, rtol=1e-9, atol=1e-12))
        if not same:
            mismatches.append(f"{case} {method}: max |diff| {np.max(np.abs(got - want)):.3g}")
        funcs = {"kernel": kernel, "baseline": baseline, **extra}
        timed = measure(funcs, repeats=repeats, target=target, budget=budget)
        s = {name: summary(v) for name, v in timed.items()}
        ratio = s["kernel"]["median_s"] / s["baseline"]["median_s"]
        ratio_min = s["kernel"]["min_s"] / s["baseline"]["min_s"]
        print(
            f"{case:22s} {method:6s} {fmt_time(s['kernel']['median_s'])} "
            f"{fmt_time(s['kernel']['min_s'])} {fmt_time(s['baseline']['median_s'])} "
            f"{fmt_time(s['baseline']['min_s'])} {ratio:8.2f}x {ratio_min:8.2f}x  "
            f"{verdict(ratio)}{noise_note(ratio, ratio_min)}"
            f"{'' if same else '  (OUTPUT DIFFERS)'}",
            flush=True,
        )
        rows.append(
            {
                "case": case,
                **size,
                "method": method,
                "same_output": same,
                "kernel": s["kernel"],
                "baseline": s["baseline"],
                "ratio_median": ratio,
                "ratio_min": ratio_min,
                "verdict": verdict(ratio),
            }
        )
        return s, got

    # 1. Kernels vs bare NumPy, plus rank() and pymcdm on the same matrices.
    print("Kernels vs bare NumPy (per call; ratio = kernel / numpy)")
    print(head)
    for alts, crits in SIZES:
        x, w, lo, hi, benefit = make_problem(rng, alts, crits)
        scores, criteria = make_frames(x, w, benefit)
        t0 = time.perf_counter()
        comparison = fwcompare_nb.Comparison.from_frames(scores, criteria)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        cx, clo, chi, cbenefit = comparison.arrays  # cached after the first access
        arrays_time = time.perf_counter() - t0
        loads.append(
            {
                "alternatives": alts,
                "criteria": crits,
                "from_frames_s": load,
                "first_arrays_s": arrays_time,
            }
        )
        # No declared scale: fwcompare scales over the alternatives, as the baseline does.
        assert all(map(np.array_equal, (cx, clo, chi, cbenefit), (x, lo, hi, benefit)))
        case = f"{alts:,} x {crits}"
        for method in METHOD_NAMES:
            extra = {"rank": lambda m=method, c=comparison: fwcompare_nb.rank(c, None, m)}
            py = pymcdm_callable(method, x, w, benefit)
            if py is not None:
                extra["pymcdm"] = py
            size = {"alternatives": alts, "criteria": crits}
            s, got = run_case(case, size, method, x, w, lo, hi, benefit, extra)
            ranked = fwcompare_nb.rank(comparison, None, method)
            # The first call on a comparison also computes the method's weight-free terms
            # (cached on the comparison after that): timed once on a fresh copy, no caches.
            cold = dataclasses.replace(comparison)
            t0 = time.perf_counter()
            fwcompare_nb.rank(cold, None, method)
            first_call = time.perf_counter() - t0
            rank_ratio = s["rank"]["median_s"] / s["baseline"]["median_s"]
            rank_ratio_min = s["rank"]["min_s"] / s["baseline"]["min_s"]
            public_rows.append(
                {
                    "case": case,
                    **size,
                    "method": method,
                    "rank": s["rank"],
                    "baseline": s["baseline"],
                    "first_call_s": first_call,
                    "ratio_median": rank_ratio,
                    "ratio_min": rank_ratio_min,
                    "verdict": verdict(rank_ratio),
                }
            )
            ctx = {
                "case": case,
                "method": method,
                "kernel_median_s": s["kernel"]["median_s"],
                "rank": s["rank"],
                "rank_over_kernel": s["rank"]["median_s"] / s["kernel"]["median_s"],
                "rank_scores_match": bool(
                    np.allclose(ranked["score"].reindex(comparison.alternatives).to_numpy(), got)
                ),
            }
            if py is not None:
                ctx["pymcdm"] = s["pymcdm"]
                ctx["pymcdm_over_kernel"] = s["pymcdm"]["median_s"] / s["kernel"]["median_s"]
                ctx["pymcdm_over_rank"] = s["pymcdm"]["median_s"] / s["rank"]["median_s"]
                ctx["pymcdm_same_output"] = bool(np.allclose(py(), got))
            context_rows.append(ctx)

    # 2. Stacked weights (samples, criteria): the Monte Carlo form.
    print()
    print("Stacked weights, one call for all samples (ratio = kernel / numpy broadcasting)")
    print(head)
    for samples, alts, crits in STACKED:
        x, w, lo, hi, benefit = make_problem(rng, alts, crits, samples=samples)
        case = f"{samples:,} w on {alts} x {crits}"
        for method in METHOD_NAMES:
            run_case(
                case,
                {"samples": samples, "alternatives": alts, "criteria": crits},
                method,
                x,
                w,
                lo,
                hi,
                benefit,
                {},
            )

    # 3. The public function end to end: weights, method check, kernel, ranks, sorted frame.
    print()
    print(
        "Public function fwcompare_nb.rank(comparison, None, method) end to end vs bare NumPy "
        "(ratio = rank() / numpy)"
    )
    print(
        f"{'case':22s} {'method':6s} {'rank() med':>11s} {'rank() min':>11s} "
        f"{'numpy med':>11s} {'numpy min':>11s} {'ratio med':>9s} {'ratio min':>9s}  verdict"
        f"   first call"
    )
    for r in public_rows:
        print(
            f"{r['case']:22s} {r['method']:6s} {fmt_time(r['rank']['median_s'])} "
            f"{fmt_time(r['rank']['min_s'])} {fmt_time(r['baseline']['median_s'])} "
            f"{fmt_time(r['baseline']['min_s'])} {r['ratio_median']:8.2f}x "
            f"{r['ratio_min']:8.2f}x  {r['verdict']}{noise_note(r['ratio_median'], r['ratio_min'])}"
            f"  {fmt_time(r['first_call_s'])}"
        )

    # 4. Context: validation + DataFrame building, pymcdm.
    print()
    print("Context (per call): rank() = fwcompare_nb.rank(comparison, None, method)")
    print(
        f"{'case':22s} {'method':6s} {'kernel med':>11s} {'rank() med':>11s} {'rank/kern':>9s}"
        f" {'pymcdm med':>11s} {'pymcdm/kern':>11s} {'pymcdm/rank':>11s}  same scores"
    )
    for c in context_rows:
        line = (
            f"{c['case']:22s} {c['method']:6s} {fmt_time(c['kernel_median_s'])} "
            f"{fmt_time(c['rank']['median_s'])} {c['rank_over_kernel']:8.1f}x"
        )
        if "pymcdm" in c:
            line += (
                f" {fmt_time(c['pymcdm']['median_s'])} {c['pymcdm_over_kernel']:10.1f}x"
                f" {c['pymcdm_over_rank']:10.2f}x"
            )
            same = c["rank_scores_match"] and c["pymcdm_same_output"]
        else:
            line += f" {'(pymcdm not installed)':>35s}"
            same = c["rank_scores_match"]
        print(line + f"  {'yes' if same else 'NO'}")

    print()
    print("One-off load: Comparison.from_frames (validates every cell), then .arrays")
    for ld in loads:
        cells = ld["alternatives"] * ld["criteria"]
        print(
            f"  {ld['alternatives']:>6,} x {ld['criteria']:<4} from_frames "
            f"{fmt_time(ld['from_frames_s'])} ({ld['from_frames_s'] / cells * 1e6:.2f} us/cell),"
            f" first .arrays {fmt_time(ld['first_arrays_s'])}"
        )

    over = [f"{r['case']} {r['method']}" for r in rows if r["verdict"] == "OVER GOAL"]
    over_public = [
        f"rank() {r['case']} {r['method']}" for r in public_rows if r["verdict"] == "OVER GOAL"
    ]
    total = time.perf_counter() - started
    print()
    print(
        f"Summary: kernels {len(rows) - len(over)}/{len(rows)} rows WITHIN GOAL ({GOAL}x)"
        + (f"; OVER GOAL: {', '.join(over)}" if over else "")
    )
    print(
        f"         rank() {len(public_rows) - len(over_public)}/{len(public_rows)} rows WITHIN "
        f"GOAL ({GOAL}x)" + (f"; OVER GOAL: {', '.join(over_public)}" if over_public else "")
    )
    if mismatches:
        print("Outputs that differ from the bare NumPy baseline: " + "; ".join(mismatches))
    info["loadavg_end"] = loadavg()
    print(f"Total benchmark time {total:.1f} s; load average {info['loadavg_start']} at start,")
    print(f"{info['loadavg_end']} at end (1/5/15 min, running/total tasks; above ~1 on this")
    print("machine means other processes competed, which mostly hurts the BLAS-backed kernels)")

    if args.json:
        out = {
            "header": info,
            "quick": args.quick,
            "kernels": rows,
            "public_rank": public_rows,
            "context": context_rows,
            "loads": loads,
            "mismatches": mismatches,
            "total_s": total,
        }
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
