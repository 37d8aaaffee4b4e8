"""The web-app variant of the write test: a tiny Flask app served by gunicorn, hammered over HTTP.

The app (:func:`create_app`) has one write view, ``POST /items``, that runs the same
read-then-insert transaction as :func:`workload._transaction` (``BEGIN; SELECT count(*) ...;
INSERT ...; COMMIT``) through the same :func:`workload.connect`: plain DB-API, no ORM and no
Flask-SQLAlchemy, as a minimal Flask app would. It answers 201 when the transaction committed
and 500 with the driver's message when the database refused it (SQLite's ``database is
locked``); nothing is retried.

Connections: **one per request**, opened in the view and closed before it returns. That is what
Flask's tutorial does (``get_db()`` keeps the connection on ``g`` for one request and closes it
at teardown) and what Django does by default (``CONN_MAX_AGE = 0``), so it is what a small app
gets without tuning; the connection's cost (for PostgreSQL a new backend process per request) is
part of what the app sees. A persistent per-worker connection would be faster on the servers
and is not measured here.

Serving: :func:`serve` starts ``gunicorn --workers N --preload`` (sync workers, the production
set-up in Flask's deployment docs) on 127.0.0.1 and a free port, as a subprocess with the
database described by the environment variable ``DBBENCH_SPEC`` (JSON), and stops it at the
end. ``--preload`` loads the app once in gunicorn's master before forking, so every worker
serves from the first request; the app opens no connection at load, so none is shared across
the fork. :func:`run` then lets C client threads (``http.client``, a new TCP connection per
request since gunicorn's sync workers close each one) POST M requests each, released together.
Flask and gunicorn are needed only in the interpreter that runs the server (the scratch venv);
the client is standard library.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import core, workload

SPEC_ENV = "DBBENCH_SPEC"
#: The repository root (gunicorn imports ``tools.databases.webapp`` from there).
ROOT = Path(__file__).resolve().parents[2]


def _message(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__


def create_app(spec: dict[str, Any] | None = None) -> Any:
    """The Flask app; ``spec`` defaults to the JSON in ``$DBBENCH_SPEC``."""
    from flask import Flask, jsonify, request

    spec = spec if spec is not None else json.loads(os.environ[SPEC_ENV])
    app = Flask(__name__)

    @app.get("/health")
    def health() -> tuple[str, int]:
        return "ok", 200

    @app.post("/items")
    def create_item() -> Any:
        data = request.get_json(force=True)
        worker, n = int(data["worker"]), int(data["n"])
        conn = None
        try:
            conn = workload.connect(spec)
            workload._transaction(conn, spec, worker, n)
        except Exception as exc:  # noqa: BLE001 - any database error is a 500
            if conn is not None:
                workload._rollback(conn, spec)
            return jsonify(error=_message(exc)), 500
        finally:
            if conn is not None:
                conn.close()
        return jsonify(worker=worker, n=n), 201

    return app


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float = 2.0) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


class Gunicorn:
    """``gunicorn --workers N --preload`` serving :func:`create_app` for one database."""

    def __init__(self, spec: dict[str, Any], workers: int, log: Path, python: str = "") -> None:
        self.spec = spec
        self.workers = workers
        self.log = log
        self.python = python or sys.executable
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        return [
            self.python,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--preload",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            "tools.databases.webapp:create_app()",
        ]

    def start(self, timeout: float = 30.0) -> None:
        self.port = free_port()
        env = {**os.environ, SPEC_ENV: json.dumps(self.spec)}
        log = open(self.log, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            self.command(),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                break
            try:
                if _get(self.port, "/health") == 200:
                    time.sleep(0.5)  # the other workers finish forking
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        tail = self.log.read_text(errors="replace")[-800:] if self.log.exists() else ""
        raise RuntimeError(f"gunicorn did not answer on port {self.port}: {tail}")

    def stop(self) -> None:
        """SIGTERM to gunicorn's process group (graceful shutdown), SIGKILL after 30 s."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None


@dataclass
class WebResult:
    """One run of the web test."""

    wall_s: float
    created: int = 0  # HTTP 201
    failed: int = 0  # HTTP 500
    other: int = 0  # any other status or a connection error
    rows: int = 0  # rows in the table after the run
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def commits_per_s(self) -> float:
        return self.created / self.wall_s if self.wall_s > 0 else 0.0


def _client(port: int, worker: int, count: int, start: threading.Barrier, out: list) -> None:
    created = failed = other = 0
    latencies: list[float] = []
    errors: list[str] = []
    start.wait()
    for n in range(count):
        body = json.dumps({"worker": worker, "n": n})
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("POST", "/items", body, {"Content-Type": "application/json"})
            resp = conn.getresponse()
            text = resp.read()
            if resp.status == 201:
                created += 1
                latencies.append((time.perf_counter() - t0) * 1000)
            elif resp.status == 500:
                failed += 1
                try:
                    errors.append(json.loads(text)["error"])
                except (ValueError, KeyError):
                    errors.append("HTTP 500")
            else:
                other += 1
                errors.append(f"HTTP {resp.status}")
        except OSError as exc:
            other += 1
            errors.append(_message(exc))
        finally:
            conn.close()
    out.append((created, failed, other, latencies, errors))


def count_rows(spec: dict[str, Any]) -> int:
    conn = workload.connect(spec)
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM items")
        return int(cur.fetchone()[0])
    finally:
        conn.close()


def empty_table(spec: dict[str, Any]) -> None:
    """``DELETE FROM items`` (the servers' table was used by the direct test)."""
    conn = workload.connect(spec)
    try:
        conn.cursor().execute("DELETE FROM items")
        if spec["kind"] != "sqlite":
            conn.commit()
    finally:
        conn.close()


def run(port: int, spec: dict[str, Any], clients: int, requests: int) -> WebResult:
    """``clients`` threads POST ``requests`` each to the app on ``port``, all released at once;
    wall time from the release until the last answer. The table is emptied first and counted
    after, so ``rows`` should equal ``created``."""
    empty_table(spec)
    start = threading.Barrier(clients + 1)
    out: list = []
    threads = [
        threading.Thread(target=_client, args=(port, c, requests, start, out))
        for c in range(clients)
    ]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    result = WebResult(wall_s=time.perf_counter() - t0)
    for created, failed, other, latencies, errors in out:
        result.created += created
        result.failed += failed
        result.other += other
        result.latencies_ms += latencies
        result.errors += errors
    result.rows = count_rows(spec)
    return result


def summary(results: list[WebResult]) -> dict[str, float]:
    """Median 201s per second, total 500s (and other failures), total rows and 201s."""
    return {
        "web_commits_per_s": round(core.median(r.commits_per_s for r in results), 1),
        "web_failed": float(sum(r.failed + r.other for r in results)),
        "web_rows": float(sum(r.rows for r in results)),
        "created": float(sum(r.created for r in results)),
    }


def versions(python: str = "") -> str:
    """``Flask x; gunicorn y; Werkzeug z`` as installed for the server's interpreter."""
    code = (
        "from importlib.metadata import version as v; "
        "print('; '.join(f'{n} {v(n)}' for n in ('Flask', 'Werkzeug', 'gunicorn')))"
    )
    done = subprocess.run(
        [python or sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
