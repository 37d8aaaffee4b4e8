"""Big comparisons from the command line: 2,000 x 200 and 250 x 3 random ones (issue 13, class 6).

Writes each comparison (``scores.csv`` + ``criteria.csv``, from
:func:`benchmarks.bench_scale.random_comparison`) into a temporary folder and times, each in its
own subprocess, ``python -m fwcompare_nb validate DIR``, ``report --data DIR -o OUT.html`` and
``robustness --data DIR``: wall time and peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``,
measured in a wrapper process per command so each figure is that command's own).

Goals (printed, never asserted; the script always exits 0): on 2,000 x 200, ``report`` within
60 s and 2 GB, ``validate`` within 5 s; ``robustness`` within 2 GB.

Measured 2026-12-01 (AMD EPYC x2, Python 3.11.7, numpy 2.4.6), 2,000 x 200, before -> after
the fixes of issue 13 class 6: validate 26.0 s -> 0.9 s; report 31.5 s, 1,252 MB, 106 MB of
HTML -> 11.3 s, 371 MB, 0.8 MB; robustness 21.0 s, 921 MB -> 14.4 s, 744 MB. 250 x 3: report
3.5 s, 1.9 MB of HTML -> 2.2 s, 0.5 MB.

Then (21:33, same machine, ``--top`` table, confidence for the shown alternatives only, summed
ranged cells, array check of evidence): 2,000 x 200: validate 0.9 s, report 9.0 s, 370 MB,
robustness 6.3 s, 326 MB. With ``evidence.csv`` of 400,000 rows (a range in every cell), first
run: validate 17.0 s, report killed after 10 minutes (206 alternatives ever first, one full
confidence pass each); now validate 3.3 s, 640 MB, report 27.3 s, 650 MB (2,500 samples, the
default within 10^9 score draws), robustness 19.3 s, 618 MB.

Usage::

    python benchmarks/bench_big.py [--sizes 2000x200,2000x200+evidence,250x3] [--json PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._voila import machine, package_versions, save_json  # noqa: E402
from benchmarks.bench_scale import random_comparison  # noqa: E402

GOALS = {  # command -> (seconds, MB); None: no goal
    "validate": (5.0, None),
    "report": (60.0, 2048.0),
    "robustness": (None, 2048.0),
}
GOAL_SIZE = (2000, 200)
TIMEOUT_S = 900

# Runs one command and prints its wall time and the peak RSS of its children, as JSON.
_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": p.returncode, "wall_s": wall, "rss_mb": kb / 1024,
                  "stderr": p.stderr[-300:]}))
"""


def write_comparison(folder: Path, n_alt: int, n_crit: int, evidence: bool = False) -> None:
    """``scores.csv`` and ``criteria.csv`` of a seeded random comparison.

    With ``evidence``, also an ``evidence.csv`` with one row per cell (400,000 rows for 2,000 x
    200): a score range of +-0.5 around the score, a sentence and a source, as the bundled
    comparisons have.
    """
    comp = random_comparison(n_alt, n_crit)
    if evidence:
        long = comp.scores.stack().rename("score").reset_index()
        long.columns = ["alternative", "criterion", "score"]
        lo = comp.criteria["min"].reindex(long["criterion"]).to_numpy()
        hi = comp.criteria["max"].reindex(long["criterion"]).to_numpy()
        long["score_low"] = (long["score"] - 0.5).clip(lo, hi)
        long["score_high"] = (long["score"] + 0.5).clip(lo, hi)
        long["rationale"] = "Random score for the size benchmark, within half a point."
        long["source"] = "benchmarks/bench_big.py, seeded random comparison"
        cols = ["alternative", "criterion", "score_low", "score_high", "rationale", "source"]
        long[cols].to_csv(folder / "evidence.csv", index=False)
    scores = comp.scores.copy()
    scores.columns.name = None
    scores.reset_index().to_csv(folder / "scores.csv", index=False)
    crit = comp.criteria.reset_index()
    keep = [c for c in ("id", "name", "direction", "min", "max", "weight") if c in crit.columns]
    crit[keep].to_csv(folder / "criteria.csv", index=False)


def timed(args: list[str]) -> dict:
    """Wall time, peak RSS (MB) and exit code of ``python -m fwcompare_nb ARGS``."""
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "fwcompare_nb", *args]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"rc": None, "wall_s": float(TIMEOUT_S), "rss_mb": None, "stderr": "timed out"}
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"rc": out.returncode, "wall_s": None, "rss_mb": None, "stderr": out.stderr[-300:]}


def verdict(name: str, result: dict, goal_size: bool) -> str:
    seconds, mb = GOALS[name]
    if not goal_size or (seconds is None and mb is None):
        return ""
    if result["rc"] != 0 or result["wall_s"] is None:
        return "OVER GOAL (failed)"
    over = (seconds is not None and result["wall_s"] > seconds) or (
        mb is not None and result["rss_mb"] is not None and result["rss_mb"] > mb
    )
    goal = " and ".join(
        g for g in (f"{seconds:g} s" if seconds else "", f"{mb:,.0f} MB" if mb else "") if g
    )
    return f"{'OVER GOAL' if over else 'WITHIN GOAL'} ({goal})"


def measure(n_alt: int, n_crit: int, evidence: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="fwc-big-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        write_comparison(folder, n_alt, n_crit, evidence)
        runs = {
            "validate": ["validate", str(folder)],
            "report": ["report", "--data", str(folder), "-o", str(Path(tmp) / "out.html")],
            "robustness": ["robustness", "--data", str(folder)],
        }
        results = {}
        for name, args in runs.items():
            results[name] = timed(args)
            if name == "report" and (Path(tmp) / "out.html").exists():
                results[name]["html_kb"] = (Path(tmp) / "out.html").stat().st_size / 1024
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="2000x200,2000x200+evidence,250x3",
        help="MxN[+evidence], comma-separated; +evidence adds evidence.csv, a row per cell",
    )
    parser.add_argument("--json", type=Path)
    opts = parser.parse_args(argv)
    sizes = []
    for spec in filter(None, opts.sizes.split(",")):
        shape, plus, extra = spec.partition("+")
        if plus and extra != "evidence":
            parser.error(f"unknown size option {extra!r} in {spec!r}; only +evidence")
        n_alt, n_crit = (int(v) for v in shape.split("x"))
        sizes.append((n_alt, n_crit, bool(plus)))
    header = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": package_versions(("fwcompare-nb", "numpy", "pandas", "matplotlib", "jinja2")),
        "machine": machine(),
        "python": sys.version.split()[0],
    }
    print(f"bench_big  {header['date']}")
    print(f"machine    {header['machine']}")
    print("versions   " + ", ".join(f"{k} {v}" for k, v in header["versions"].items()))
    payload = {**header, "sizes": {}}
    for n_alt, n_crit, evidence in sizes:
        cells = f", evidence.csv of {n_alt * n_crit:,} rows" if evidence else ""
        print(f"\n{n_alt:,} alternatives x {n_crit} criteria{cells}")
        res = measure(n_alt, n_crit, evidence)
        payload["sizes"][f"{n_alt}x{n_crit}" + ("+evidence" if evidence else "")] = res
        for name, r in res.items():
            wall = "-" if r["wall_s"] is None else f"{r['wall_s']:7.1f} s"
            rss = "-" if r["rss_mb"] is None else f"{r['rss_mb']:7.0f} MB"
            extra = f"  html {r['html_kb']:,.0f} KB" if "html_kb" in r else ""
            fail = "" if r["rc"] == 0 else f"  exit {r['rc']}: {r['stderr'].strip()[-200:]!r}"
            v = verdict(name, r, (n_alt, n_crit) == GOAL_SIZE)
            print(f"  {name:<11}{wall}  peak {rss}{extra}  {v}{fail}")
    if opts.json:
        save_json(opts.json, payload)
    return 0


if __name__ == "__main__":
    sys.exit(main())
