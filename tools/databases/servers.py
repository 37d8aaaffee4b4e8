"""Start and stop PostgreSQL and MariaDB by hand in a temporary directory.

Neither server is started through the service manager: ``initdb`` / ``mariadb-install-db``
create a data directory under the temporary directory, the server listens on a unix socket
there only (PostgreSQL ``listen_addresses=''``, MariaDB ``--skip-networking``), and it is
stopped when the measurement ends. When the tool runs as root, the servers run as the
``postgres`` / ``mysql`` system users that Debian's packages create (``runuser``).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from . import workload


class ServerError(RuntimeError):
    """A server did not initialise, start or answer."""


def _as_user(cmd: list[str], user: str) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if os.geteuid() == 0 else cmd


def _give(path: Path, user: str) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, user, user)


def du_mb(path: Path) -> float:
    """MB (10^6 bytes) of the files under ``path`` (apparent sizes)."""
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return round(total / 1e6, 2)


def _tree(pid: int) -> list[int]:
    """The process and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            text = Path(stat).read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def pss_mb(pid: int) -> float:
    """Proportional set size of the process tree in MB (shared pages split among sharers)."""
    total_kb = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return round(total_kb * 1024 / 1e6, 1)


class Server:
    """A database server in a temporary directory: ``init()``, then ``start()``/``stop()``."""

    kind = ""
    user = ""
    label = ""
    version_sql = "SELECT 1"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.run = root / "run"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = root / "server.log"

    # -- to override -------------------------------------------------------------------------
    def init_cmd(self) -> list[str]:
        raise NotImplementedError

    def start_cmd(self) -> list[str]:
        raise NotImplementedError

    def spec(self) -> dict[str, Any]:
        raise NotImplementedError

    def after_init(self) -> None:
        """Create the benchmark database once the server runs for the first time."""

    # -- shared --------------------------------------------------------------------------------
    def init(self) -> float:
        """Create the data directory; returns the time it took in ms."""
        self.run.mkdir(parents=True, exist_ok=True)
        _give(self.root, self.user)
        _give(self.run, self.user)
        t0 = time.perf_counter()
        done = subprocess.run(
            _as_user(self.init_cmd(), self.user), capture_output=True, text=True, cwd=self.root
        )
        ms = (time.perf_counter() - t0) * 1000
        if done.returncode != 0:
            raise ServerError(f"{self.kind} init failed: {done.stderr[-800:]}")
        return ms

    def start(self, timeout: float = 60.0) -> float:
        """Launch the server; returns ms from launch until ``SELECT 1`` first succeeds."""
        log = open(self.log, "ab")  # noqa: SIM115 - closed with the process
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            _as_user(self.start_cmd(), self.user),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
            start_new_session=True,
        )
        spec = self.spec()
        last = ""
        while time.perf_counter() - t0 < timeout:
            try:
                conn = workload.connect(spec)
                cur = conn.cursor()
                cur.execute("SELECT 1")
                cur.fetchone()
                conn.close()
                return (time.perf_counter() - t0) * 1000
            except Exception as exc:  # noqa: BLE001 - not up yet
                last = str(exc)
                if self.proc.poll() is not None:
                    break
                time.sleep(0.01)
        self.stop()
        raise ServerError(f"{self.kind} did not answer: {last}; log {self.log}")

    def server_pid(self) -> int:
        """Pid of the server itself (below ``runuser`` when the tool runs as root)."""
        assert self.proc is not None
        tree = _tree(self.proc.pid)
        return tree[1] if os.geteuid() == 0 and len(tree) > 1 else self.proc.pid

    def stop(self) -> None:
        """Fast shutdown (SIGINT for PostgreSQL, SIGTERM for MariaDB), then wait."""
        if self.proc is None:
            return
        sig = signal.SIGINT if self.kind == "postgresql" else signal.SIGTERM
        try:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=60)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None

    def query(self, sql: str) -> Any:
        conn = workload.connect(self.spec())
        try:
            cur = conn.cursor()
            cur.execute(sql)
            return cur.fetchone()[0]
        finally:
            conn.close()


def pg_bindir() -> Path:
    """The newest ``/usr/lib/postgresql/<major>/bin`` (Debian's layout)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise ServerError("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(found[-1])


class Postgres(Server):
    kind = "postgresql"
    user = "postgres"
    label = "PostgreSQL"
    version_sql = "SHOW server_version"

    def init_cmd(self) -> list[str]:
        return [
            str(pg_bindir() / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "bench",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-instructions",
        ]

    def start_cmd(self) -> list[str]:
        return [
            str(pg_bindir() / "postgres"),
            "-D",
            str(self.data),
            "-k",
            str(self.run),
            "-c",
            "listen_addresses=",
        ]

    def spec(self) -> dict[str, Any]:
        return {"kind": "postgresql", "conninfo": f"host={self.run} user=bench dbname=postgres"}

    def bench_spec(self) -> dict[str, Any]:
        return {"kind": "postgresql", "conninfo": f"host={self.run} user=bench dbname=bench"}

    def after_init(self) -> None:
        conn = workload.connect(self.spec())
        conn.autocommit = True
        conn.execute("CREATE DATABASE bench")
        conn.close()


class MariaDB(Server):
    kind = "mariadb"
    user = "mysql"
    label = "MariaDB"
    version_sql = "SELECT version()"

    def _user_args(self) -> list[str]:
        return ["--user=mysql"] if os.geteuid() == 0 else []

    def init_cmd(self) -> list[str]:
        return [
            shutil.which("mariadb-install-db") or "mariadb-install-db",
            "--no-defaults",
            f"--datadir={self.data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            *self._user_args(),
        ]

    def start_cmd(self) -> list[str]:
        return [
            shutil.which("mariadbd", path="/usr/sbin:/usr/bin") or "mariadbd",
            "--no-defaults",
            f"--datadir={self.data}",
            f"--socket={self.run / 'mysqld.sock'}",
            f"--pid-file={self.run / 'mysqld.pid'}",
            "--skip-networking",
            *self._user_args(),
        ]

    def spec(self) -> dict[str, Any]:
        return {"kind": "mariadb", "socket": str(self.run / "mysqld.sock"), "user": "root"}

    def bench_spec(self) -> dict[str, Any]:
        return {**self.spec(), "database": "bench"}

    def after_init(self) -> None:
        conn = workload.connect(self.spec())
        conn.cursor().execute("CREATE DATABASE bench")
        conn.close()
