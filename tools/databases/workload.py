"""The concurrent-write test: worker processes, each with one connection, commit small
read-then-insert transactions at the same time (what request handlers of a web app do).

A transaction is ``BEGIN; SELECT count(*) FROM items WHERE worker = ?; INSERT INTO items ...;
COMMIT``: the shape of a Django ``transaction.atomic()`` block that checks something and then
writes. A failed transaction is rolled back and counted as an error (a web request that would
answer 500); it is not retried.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from dataclasses import dataclass, field
from typing import Any

from . import core

ITEMS_DDL = {
    "sqlite": (
        "CREATE TABLE items (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL, "
        "n INTEGER NOT NULL, payload TEXT NOT NULL)"
    ),
    "postgresql": (
        "CREATE TABLE items (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "worker INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL)"
    ),
    "mariadb": (
        "CREATE TABLE items (id BIGINT AUTO_INCREMENT PRIMARY KEY, worker INT NOT NULL, "
        "n INT NOT NULL, payload TEXT NOT NULL) ENGINE=InnoDB"
    ),
}
INDEX_DDL = "CREATE INDEX items_worker ON items (worker)"


def connect(spec: dict[str, Any]) -> Any:
    """Open a DB-API connection described by ``spec`` (``kind`` and the driver's arguments)."""
    kind = spec["kind"]
    if kind == "sqlite":
        import sqlite3

        conn = sqlite3.connect(spec["path"], timeout=spec.get("timeout", 5.0))
        conn.isolation_level = None  # we issue BEGIN ourselves, as Django does
        if spec.get("journal"):
            conn.execute(f"PRAGMA journal_mode={spec['journal']}")
        return conn
    if kind == "postgresql":
        import psycopg

        return psycopg.connect(spec["conninfo"])
    if kind == "mariadb":
        import pymysql

        return pymysql.connect(
            unix_socket=spec["socket"], user=spec["user"], database=spec.get("database")
        )
    raise ValueError(f"unknown kind {kind!r}")


def create_table(spec: dict[str, Any]) -> None:
    """Create the ``items`` table and its index (in a fresh database)."""
    conn = connect(spec)
    try:
        cur = conn.cursor()
        cur.execute(ITEMS_DDL[spec["kind"]])
        cur.execute(INDEX_DDL)
        if spec["kind"] != "sqlite":
            conn.commit()
    finally:
        conn.close()


def _transaction(conn: Any, spec: dict[str, Any], worker: int, n: int) -> None:
    kind = spec["kind"]
    mark = "?" if kind == "sqlite" else "%s"
    cur = conn.cursor()
    if kind == "sqlite":
        cur.execute(spec.get("begin", "BEGIN"))
    elif kind == "mariadb":
        conn.begin()
    cur.execute(f"SELECT count(*) FROM items WHERE worker = {mark}", (worker,))
    cur.fetchone()
    cur.execute(
        f"INSERT INTO items (worker, n, payload) VALUES ({mark}, {mark}, {mark})",
        (worker, n, f"item {n} of worker {worker}"),
    )
    if kind == "sqlite":
        cur.execute("COMMIT")
    else:
        conn.commit()


def _rollback(conn: Any, spec: dict[str, Any]) -> None:
    try:
        if spec["kind"] == "sqlite":
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        else:
            conn.rollback()
    except Exception:  # noqa: BLE001 - the connection may be gone; the error is already counted
        pass


def _worker(spec: dict[str, Any], worker: int, count: int, start: Any, out: Any) -> None:
    conn = connect(spec)
    latencies: list[float] = []
    errors: list[str] = []
    start.wait()
    for n in range(count):
        t0 = time.perf_counter()
        try:
            _transaction(conn, spec, worker, n)
            latencies.append((time.perf_counter() - t0) * 1000)
        except Exception as exc:  # noqa: BLE001 - every failure is a failed request
            errors.append(str(exc).splitlines()[0][:80] or type(exc).__name__)
            _rollback(conn, spec)
    conn.close()
    out.put((latencies, errors))


@dataclass
class Result:
    """One run of the test."""

    wall_s: float
    committed: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def writes_per_s(self) -> float:
        return self.committed / self.wall_s if self.wall_s > 0 else 0.0


def run(spec: dict[str, Any], workers: int, transactions: int) -> Result:
    """``workers`` processes commit ``transactions`` each, all released at once; wall time from
    the release until the last one finishes."""
    ctx = mp.get_context("fork")
    start = ctx.Event()
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(spec, w, transactions, start, out))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    time.sleep(0.3)  # let every worker connect before the clock starts
    t0 = time.perf_counter()
    start.set()
    results = [out.get(timeout=600) for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=30)
    result = Result(wall_s=wall, committed=0)
    for latencies, errors in results:
        result.committed += len(latencies)
        result.latencies_ms += latencies
        result.errors += errors
    return result


def summary(results: list[Result]) -> dict[str, float]:
    """Median throughput, total errors and the 95th-percentile latency over the runs."""
    return {
        "writes_per_s": round(core.median(r.writes_per_s for r in results), 1),
        "write_errors": float(sum(len(r.errors) for r in results)),
        "write_p95_ms": round(core.median(core.percentile(r.latencies_ms, 95) for r in results), 2),
    }
