"""Command line: ``python -m tools.databases [--out FILE] [--workers N] [--transactions M]
[--web-workers W] [--web-clients C] [--web-requests R] [--no-web]``.

See the package docstring for the set-up (drivers in a scratch venv, Debian packages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import sys
import tempfile
import time
from importlib.metadata import version as dist_version
from pathlib import Path

from . import core, servers, webapp, workload

DEFAULT_OUT = Path("data/evidence/database-measurements.csv")
#: Debian packages whose dependency closure is each database's installed footprint.
ROOTS = {"sqlite": ["libsqlite3-0"], "postgresql": ["postgresql"], "mariadb": ["mariadb-server"]}
#: The SQLite set-ups of the write test: (setup id, journal mode, BEGIN statement, description).
SQLITE_SETUPS = [
    ("rollback-deferred", "delete", "BEGIN", "rollback journal (the default), deferred BEGIN"),
    ("wal-deferred", "wal", "BEGIN", "WAL journal, deferred BEGIN"),
    ("wal-immediate", "wal", "BEGIN IMMEDIATE", "WAL journal, BEGIN IMMEDIATE"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m tools.databases",
        description="Measure SQLite, PostgreSQL and MariaDB (footprint, start-up, writes).",
    )
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV to write")
    p.add_argument("--workers", type=int, default=8, help="writer processes (default 8)")
    p.add_argument("--transactions", type=int, default=100, help="per worker (default 100)")
    p.add_argument("--repeats", type=int, default=3, help="start-ups and write runs (default 3)")
    p.add_argument("--web-workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    p.add_argument("--web-clients", type=int, default=8, help="HTTP client threads (default 8)")
    p.add_argument("--web-requests", type=int, default=100, help="per client (default 100)")
    p.add_argument("--no-web", action="store_true", help="skip the Flask/gunicorn write test")
    p.add_argument(
        "--only", nargs="+", choices=list(ROOTS), default=list(ROOTS), help="databases to measure"
    )
    return p.parse_args(argv)


class Context:
    """What every row shares: date, machine, Python, installed packages."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.date = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        self.machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus"
        self.python = f"{platform.python_implementation()} {platform.python_version()}"
        self.packages = core.parse_dpkg_status(
            Path("/var/lib/dpkg/status").read_text(encoding="utf-8", errors="replace")
        )
        self.rows: list[core.Row] = []
        self.tmp = Path(tempfile.gettempdir())
        self.web_versions = "" if args.no_web else webapp.versions()

    def deb(self, name: str) -> str:
        pkg = self.packages.get(name)
        return f"{name} {pkg.version}" if pkg else f"{name} (not installed)"

    def add(self, alt, measure, value, unit, n, method, versions, setup="", note=""):  # noqa: ANN001
        self.rows.append(
            core.Row(
                id=core.measurement_id(alt, measure, setup),
                alternative=alt,
                measure=measure,
                setup=setup,
                value=float(value),
                unit=unit,
                n=int(n),
                method=method,
                versions=versions,
                python=self.python,
                machine=self.machine,
                date=self.date,
                note=note,
            )
        )
        print(f"  {alt:<10} {measure:<17} {setup:<17} {value:>10g} {unit}  {note}")

    def footprint(self, alt: str, versions: str) -> None:
        mb, names = core.footprint(self.packages, ROOTS[alt])
        roots = " ".join(ROOTS[alt])
        method = (
            f"sum of dpkg Installed-Size over the Depends/Pre-Depends closure of {roots}, "
            "without the Debian base system (Essential packages and their dependencies)"
        )
        self.add(alt, "install_mb", mb, "MB", len(names), method, versions, note=" ".join(names))
        self.add(alt, "packages", len(names), "count", len(names), method, versions)

    def writes(self, alt: str, spec: dict, setup: str, describe: str, versions: str) -> None:
        a = self.args
        results = []
        for _ in range(a.repeats):
            results.append(workload.run(spec, a.workers, a.transactions))
        s = workload.summary(results)
        errors = core.error_kinds(e for r in results for e in r.errors)
        load = os.getloadavg()[0]
        method = (
            f"{a.workers} processes x {a.transactions} transactions (BEGIN; SELECT count; INSERT; "
            f"COMMIT), one connection each, released together; {describe}; median of "
            f"{a.repeats} runs"
        )
        rates = [round(r.writes_per_s, 1) for r in results]
        note = f"runs {rates} commits/s; 1-min load {load:.2f}"
        n = a.workers * a.transactions * a.repeats
        self.add(
            alt, "writes_per_s", s["writes_per_s"], "commits/s", n, method, versions, setup, note
        )
        self.add(
            alt,
            "write_errors",
            s["write_errors"],
            "count",
            n,
            method,
            versions,
            setup,
            errors or "no failed transaction",
        )
        self.add(
            alt,
            "write_p95_ms",
            s["write_p95_ms"],
            "ms",
            n,
            method,
            versions,
            setup,
            "95th percentile of committed transactions' latency",
        )

    def web(self, alt: str, spec: dict, setup: str, describe: str, versions: str) -> None:
        """The web-app variant: Flask under gunicorn, C client threads POSTing over HTTP."""
        a = self.args
        if a.no_web:
            return
        server = webapp.Gunicorn(spec, a.web_workers, self.tmp / f"gunicorn-{alt}-{setup}.log")
        results = []
        server.start()
        try:
            for _ in range(a.repeats):
                results.append(webapp.run(server.port, spec, a.web_clients, a.web_requests))
        finally:
            server.stop()
        s = webapp.summary(results)
        load = os.getloadavg()[0]
        method = (
            f"Flask app (tools/databases/webapp.py) served by gunicorn, {a.web_workers} sync "
            f"workers (--preload) on 127.0.0.1; {a.web_clients} client threads (http.client, "
            f"new TCP connection per request) x {a.web_requests} POST /items, released "
            "together; each request opens one DB-API connection, runs BEGIN; SELECT count; "
            "INSERT; COMMIT and answers 201, or 500 on a database error (not retried); "
            f"{describe}; table emptied before each run; median of {a.repeats} runs"
        )
        full = f"{versions}; {self.web_versions}"
        n = a.web_clients * a.web_requests * a.repeats
        rates = [round(r.commits_per_s, 1) for r in results]
        self.add(
            alt,
            "web_commits_per_s",
            s["web_commits_per_s"],
            "commits/s",
            n,
            method,
            full,
            setup,
            f"runs {rates} HTTP 201/s; 1-min load {load:.2f}",
        )
        errors = core.error_kinds(e for r in results for e in r.errors)
        self.add(
            alt,
            "web_failed",
            s["web_failed"],
            "count",
            n,
            method,
            full,
            setup,
            f"HTTP 500: {errors}" if errors else "no failed request",
        )
        same = "equal to" if s["web_rows"] == s["created"] else "NOT equal to"
        self.add(
            alt,
            "web_rows",
            s["web_rows"],
            "count",
            n,
            method,
            full,
            setup,
            f"rows counted in the table after each run, summed: {same} the {s['created']:g} "
            "HTTP 201 answers",
        )


def measure_sqlite(ctx: Context, tmp: Path) -> None:
    versions = (
        f"SQLite {sqlite3.sqlite_version} ({ctx.deb('libsqlite3-0')}); Python sqlite3 module "
        f"of {ctx.python}"
    )
    ctx.footprint("sqlite", versions)
    path = tmp / "startup.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    times = []
    for _ in range(ctx.args.repeats):
        t0 = time.perf_counter()
        conn = sqlite3.connect(path)
        conn.execute("SELECT 1").fetchone()
        times.append((time.perf_counter() - t0) * 1000)
        conn.close()
    ctx.add(
        "sqlite",
        "startup_ms",
        round(core.median(times), 3),
        "ms",
        len(times),
        "no server: sqlite3.connect() on an existing file + SELECT 1, in process; median",
        versions,
        note=core.spread(times),
    )
    for setup, journal, begin, describe in SQLITE_SETUPS:
        db = tmp / f"{setup}.db"
        spec = {
            "kind": "sqlite",
            "path": str(db),
            "journal": journal,
            "begin": begin,
            "timeout": 5.0,
        }
        workload.create_table(spec)
        if setup == "rollback-deferred":
            ctx.add(
                "sqlite",
                "data_dir_mb",
                round(db.stat().st_size / 1e6, 3),
                "MB",
                1,
                "size of a new database file holding the empty items table and its index",
                versions,
            )
        ctx.writes(
            "sqlite",
            spec,
            setup,
            f"{describe}, timeout 5 s (Python's and Django's default)",
            versions,
        )
        web_spec = {**spec, "path": str(tmp / f"web-{setup}.db")}
        workload.create_table(web_spec)
        ctx.web(
            "sqlite",
            web_spec,
            setup,
            f"{describe}, timeout 5 s (Python's and Django's default)",
            versions,
        )


def measure_server(ctx: Context, server: servers.Server, packages: list[str], driver: str) -> None:
    alt = server.kind
    init_ms = server.init()
    server.start()
    server.after_init()
    version = server.query(server.version_sql)
    server.stop()
    versions = f"{server.label} {version} ({'; '.join(ctx.deb(p) for p in packages)}); {driver}"
    ctx.footprint(alt, versions)
    ctx.add(
        alt,
        "init_ms",
        round(init_ms, 1),
        "ms",
        1,
        f"time of {Path(server.init_cmd()[0]).name} creating the data directory",
        versions,
    )
    ctx.add(
        alt,
        "data_dir_mb",
        servers.du_mb(server.data),
        "MB",
        1,
        "apparent size of the files in the new data directory (with an empty bench database)",
        versions,
    )
    times = []
    for _ in range(ctx.args.repeats):
        times.append(server.start())
        if len(times) < ctx.args.repeats:
            server.stop()
    ctx.add(
        alt,
        "startup_ms",
        round(core.median(times), 1),
        "ms",
        len(times),
        "launch of the server process on the existing data directory until SELECT 1 through "
        "the Python driver first succeeds (polled every 10 ms); median",
        versions,
        note=core.spread(times),
    )
    time.sleep(2)
    ctx.add(
        alt,
        "idle_pss_mb",
        servers.pss_mb(server.server_pid()),
        "MB",
        1,
        "proportional set size (Pss, /proc/<pid>/smaps_rollup) of the server's processes, "
        "idle 2 s after start-up",
        versions,
    )
    spec = server.bench_spec()
    workload.create_table(spec)
    ctx.writes(alt, spec, "default", "server defaults (durable commits)", versions)
    ctx.web(alt, spec, "default", "server defaults (durable commits)", versions)
    server.stop()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if sys.platform != "linux" or not Path("/var/lib/dpkg/status").exists():
        print("databases: needs a Debian-like Linux (dpkg, /proc)", file=sys.stderr)
        return 2
    ctx = Context(args)
    print(f"databases: {ctx.machine}, {ctx.python}, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="fwcompare-db-") as name:
        tmp = Path(name)
        os.chmod(tmp, 0o755)
        ctx.tmp = tmp
        if "sqlite" in args.only:
            measure_sqlite(ctx, tmp)
        if "postgresql" in args.only:
            pg = servers.Postgres(tmp / "postgresql")
            try:
                import psycopg

                measure_server(
                    ctx,
                    pg,
                    ["postgresql-" + servers.pg_bindir().parts[-2]],
                    f"psycopg {dist_version('psycopg')} (binary, libpq {psycopg.pq.version()})",
                )
            finally:
                pg.stop()
        if "mariadb" in args.only:
            mdb = servers.MariaDB(tmp / "mariadb")
            try:
                measure_server(ctx, mdb, ["mariadb-server"], f"PyMySQL {dist_version('PyMySQL')}")
            finally:
                mdb.stop()
    core.write_rows(ctx.rows, args.out)
    print(f"wrote {len(ctx.rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
