"""Command line: ``python -m tools.evidence [--quick|--full] [--frameworks ...]``."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from fwcompare_nb.io import measurements
from tools.evidence import harness, runner

FRAMEWORKS = tuple(runner.REQUIREMENTS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(
        prog="python -m tools.evidence",
        description="Measure minimal apps in each framework and write measurements.csv.",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="bounded run, < 2 min (default)")
    mode.add_argument("--full", action="store_true", help="more repeats + gunicorn/waitress")
    p.add_argument("--frameworks", nargs="+", choices=FRAMEWORKS, default=list(FRAMEWORKS))
    p.add_argument("--cache", type=Path, default=runner.CACHE_DIR, help="venv cache folder")
    p.add_argument("--out", type=Path, default=measurements.MEASUREMENTS, help="CSV to write")
    p.add_argument("--refresh", action="store_true", help="rebuild the cached venvs")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the measurements; 0 on success, 1 when some measurement failed, 2 when unsupported."""
    args = parse_args(argv)
    if os.name != "posix" or not hasattr(os, "killpg"):
        print(
            "evidence: needs a POSIX system (process groups, /proc for CPU time).", file=sys.stderr
        )
        return 2
    settings = harness.Settings.full() if args.full else harness.Settings.quick()
    label = "full" if args.full else "quick"
    print(
        f"evidence ({label} mode): {len(args.frameworks)} frameworks; venvs cached in "
        f"{args.cache / 'venvs'}."
    )
    if args.full:
        print("Full mode takes several minutes (7 repeats, 5 s load tests, gunicorn and waitress).")
    print(
        "The first run builds one venv per framework from PyPI (needs network, ~1 min); "
        "later runs reuse them."
    )
    background = runner.loadavg()
    print(f"background load (1-min average) before the run: {background}")
    t0 = time.perf_counter()
    rows: list[measurements.Measurement] = []
    failures: list[str] = []
    setup_s = 0.0
    for i, fw in enumerate(args.frameworks, 1):
        print(f"[{i}/{len(args.frameworks)}] {fw}")
        ts = time.perf_counter()
        try:
            env = runner.build_env(fw, cache=args.cache, refresh=args.refresh, full=args.full)
            # the footprint is the framework's own venv, without the production servers
            plain = (
                runner.build_env(fw, cache=args.cache, refresh=args.refresh)
                if args.full and fw in ("flask", "django")
                else env
            )
        except (runner.HarnessError, OSError) as exc:
            print(f"  ! skipped {fw}: {exc}", file=sys.stderr)
            failures.append(f"{fw}: {exc}")
            continue
        finally:
            setup_s += time.perf_counter() - ts
        run = harness.FrameworkRun(env, settings, background_load=background, footprint_env=plain)
        failures += [f"{fw}: {f}" for f in run.run()]
        rows += run.rows
    if rows:
        measurements.write_measurements(rows, args.out)
        print(f"wrote {len(rows)} rows to {args.out}")
    total = time.perf_counter() - t0
    print(f"done in {total:.0f} s ({setup_s:.0f} s of it venv set-up); {len(failures)} failures")
    for f in failures:
        print(f"  ! {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
