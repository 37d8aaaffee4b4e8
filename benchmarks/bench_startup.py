"""How soon the dashboard shows its first headline, and what a kernel per visitor costs.

The server starts exactly as users start it (``python -m fwcompare_nb dashboard``: preheated
kernels, the ``fwcompare`` template; see :mod:`fwcompare_nb.cli.dashboard`). Debian's headless
Chromium (through Playwright) opens the page as a new visitor each time (a fresh browser
context: empty cache) and the figure is the time from the request to the first frame in which
``.fwc-recommendation`` has text, in the page's own clock (``performance.now()`` counts from the
navigation's start).

* **cold**: the first load, requested as soon as the server listens (its kernels are still
  starting);
* **loads** (N, default 5): each one once the pool is refilled and idle, i.e. a visitor who comes
  when nobody else just did; median, p95 and each load. Goal: median <= 2 s (WITHIN GOAL /
  OVER GOAL);
* **back to back** (default 3): loads one right after the other, each as soon as the previous
  page is ready: the pool has not refilled, so these show what a second and third visitor within
  a few seconds wait;
* **memory** from ``/proc``: each kernel's RSS, PSS (shared pages divided among the processes
  sharing them) and USS (private: what stopping it gives back), with a page open (a visitor's
  kernel: view built and shown) and waiting in the pool (preheated: view built, not shown); and
  the server's.

Pages are closed as a user closes a tab (``beforeunload`` runs, and Voila shuts the page's
kernel down). The script reports; it always exits 0.

Usage::

    python benchmarks/bench_startup.py [--loads N] [--back-to-back N] [--pool-size N]
                                       [--no-preheat] [--notebook PATH] [--json PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._voila import (  # noqa: E402
    chromium_browser,
    kernel_pid,
    kernel_pids,
    kernels_idle,
    launcher,
    open_page,
    page_kernel_id,
    process_memory,
    run_header,
    save_json,
    summary,
    time_to_headline,
    voila_process,
)

GOAL_MS = 2_000.0
LOAD_TIMEOUT_MS = 120_000


def load_average() -> str:
    """``/proc/loadavg``'s three averages (1, 5, 15 min), for the record."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unavailable"


def _open(browser, url: str) -> tuple[object, float]:
    """A new visitor opens the page; returns the page (still open) and ms to the headline."""
    page = open_page(browser, (1400, 1000))
    return page, time_to_headline(page, url, LOAD_TIMEOUT_MS)


def _close(page, server) -> None:
    """Close as a user closes the tab (``beforeunload`` runs: Voila shuts the page's kernel
    down) and wait until that kernel is gone, so that the next wait for the pool cannot take
    it for a preheated kernel."""
    kernel = page_kernel_id(page)
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 15
    while kernel_pid(server.pid, kernel) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    page.context.close()


def _memory(server, open_kernels: set[int]) -> list[dict]:
    """Memory of the server and each kernel, with the role each kernel has now."""
    rows = []
    server_mem = process_memory(server.pid)
    if server_mem:
        rows.append({"process": "server", "pid": server.pid, **server_mem})
    for pid in kernel_pids(server.pid):
        mem = process_memory(pid)
        if mem:
            role = "page open" if pid in open_kernels else "preheated, waiting"
            rows.append({"process": f"kernel ({role})", "pid": pid, **mem})
    return rows


def _fmt(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5, help="measured loads (%(default)s)")
    parser.add_argument(
        "--back-to-back", type=int, default=3, help="loads in a row, pool not refilled"
    )
    parser.add_argument(
        "--pool-size", type=int, default=launcher.DEFAULT_POOL_SIZE, help="preheated kernels"
    )
    parser.add_argument("--no-preheat", dest="preheat", action="store_false")
    parser.add_argument(
        "--notebook", default=None, help="notebook to serve (default: the dashboard)"
    )
    parser.add_argument("--json", type=Path, help="also save the figures as JSON here")
    args = parser.parse_args(argv)

    header = run_header(
        ("voila", "ipywidgets", "ipympl", "ipykernel", "playwright"),
        load_before=load_average(),
        pool_size=args.pool_size if args.preheat else 0,
        notebook=args.notebook or str(launcher.NOTEBOOK),
    )
    versions = header["versions"]
    print("fwcompare dashboard: request -> first headline (Voila + headless Chromium)")
    print(f"date:     {header['date']}")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"machine:  {header['machine']}")
    print(f"load:     {header['load_before']} (1/5/15 min averages, before)")
    kernels = f"{args.pool_size} preheated kernel(s)" if args.preheat else "a kernel per request"
    print(f"server:   python -m fwcompare_nb dashboard ({kernels}); {header['notebook']}")

    started = time.monotonic()
    with (
        voila_process(
            args.notebook, timeout=120, pool_size=args.pool_size, preheat=args.preheat
        ) as server,
        chromium_browser() as browser,
    ):
        listening_s = time.monotonic() - started
        # 1. cold: the first visitor arrives as soon as the server listens
        page, cold_ms = _open(browser, server.url)
        cold_since_start_s = time.monotonic() - started
        _close(page, server)

        # 2. loads with the pool refilled: one visitor at a time
        loads, waits, load_at = [], [], []
        for _ in range(args.loads):
            waits.append(kernels_idle(server) if args.preheat else 0.0)
            load_at.append(load_average().split()[0])  # others' work on the CPUs, per load
            page, ms = _open(browser, server.url)
            loads.append(ms)
            _close(page, server)

        # 3. back to back: each visitor as soon as the previous one's page is ready
        if args.preheat:
            kernels_idle(server)
        rows, pages = [], []
        for _ in range(args.back_to_back):
            page, ms = _open(browser, server.url)
            rows.append(ms)
            pages.append(page)

        # 4. memory: the back-to-back pages are open; then wait for the pool to refill
        if args.preheat:
            kernels_idle(server, count=len(pages) + args.pool_size)
        else:
            time.sleep(2)
        open_kernels = {kernel_pid(server.pid, page_kernel_id(page)) for page in pages}
        memory = _memory(server, open_kernels)
        for page in pages:
            _close(page, server)
        load_after = load_average()

    stats = summary(loads)
    within = stats["median"] is not None and stats["median"] <= GOAL_MS
    verdict = "WITHIN GOAL" if within else "OVER GOAL"
    print(f"\nserver listening after {listening_s:.1f} s")
    print(
        f"cold first load (requested as soon as it listened): {_fmt(cold_ms)} "
        f"({cold_since_start_s:.1f} s after the server was started)"
    )
    print(
        f"loads, pool refilled first ({len(loads)}): median {_fmt(stats['median'])}, "
        f"p95 {_fmt(stats['p95'])}, max {_fmt(stats['max'])}   goal: median <= "
        f"{_fmt(GOAL_MS)}  {verdict}"
    )
    print(
        "  each (1-min load average then): "
        + ", ".join(f"{_fmt(ms)} ({at})" for ms, at in zip(loads, load_at, strict=True))
    )
    if args.preheat:
        print("  waited for the pool before each: " + ", ".join(f"{w:.1f} s" for w in waits))
    print(
        f"cold is {cold_ms / stats['median']:.1f}x the median (+{_fmt(cold_ms - stats['median'])})"
    )
    if rows:
        print(
            f"back to back ({len(rows)}, each as soon as the previous page was ready): "
            + ", ".join(_fmt(ms) for ms in rows)
        )
    print("\nmemory (MiB)                         RSS     PSS     USS")
    for row in memory:
        print(
            f"  {row['process']:<30}{row.get('rss', 0):>8.0f}{row.get('pss', 0):>8.0f}"
            f"{row.get('uss', 0):>8.0f}   pid {row['pid']}"
        )
    by_role: dict[str, list[float]] = {}
    for row in memory:
        if row["process"].startswith("kernel"):
            by_role.setdefault(row["process"], []).append(row["pss"])
    for role, values in by_role.items():
        print(f"  {role}: PSS median {statistics.median(values):.0f} MiB over {len(values)}")
    print(f"load:     {load_after} (after)")

    if args.json:
        save_json(
            args.json,
            {
                **header,
                "load_after": load_after,
                "cold_ms": cold_ms,
                "cold_after_start_s": cold_since_start_s,
                "loads_ms": loads,
                "load_average_at_each": load_at,
                "summary": {**stats, "goal_median_ms": GOAL_MS, "verdict": verdict},
                "pool_waits_s": waits,
                "back_to_back_ms": rows,
                "memory_mib": memory,
                "cpus": os.cpu_count(),
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
