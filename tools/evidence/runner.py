"""Runners: cached virtualenvs, app servers on 127.0.0.1, HTTP checks, timing and load tests.

Every child process binds 127.0.0.1 on a free port, runs in its own process group with a
timeout, and is killed (the whole group) when done or when the harness exits. The interpreter
is injectable: `Env.current()` runs everything with the current Python (no venv, no network),
which is what the tests use with the standard-library ``wsgiref`` apps.

Standard library only (like `tools.evidence.core`): the article-claims script imports it from a
scratch venv that holds Flask and Django but not this project's dependencies.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

#: The small apps it measures live beside the harness (what it measures goes to
#: ``fwcompare_nb.io.measurements.MEASUREMENTS``, ``data/evidence/measurements.csv``).
APPS_DIR = Path(__file__).resolve().with_name("apps")
#: Cache of the per-framework virtualenvs; ``FWCOMPARE_CACHE`` points elsewhere.
CACHE_DIR = Path(os.environ.get("FWCOMPARE_CACHE", Path.home() / ".cache" / "fwcompare"))
SERVE_SCRIPT = Path(__file__).with_name("serve.py")
#: Distributions that are tooling, not part of a framework's footprint.
TOOLING = frozenset({"pip", "setuptools", "wheel", "uv"})
#: What each framework's venv installs (nothing pinned: the versions are recorded instead).
REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "wsgiref": (),
    "django": ("django",),
    "flask": ("flask",),
    "fastapi": ("fastapi", "uvicorn"),
    "bottle": ("bottle",),
    "falcon": ("falcon",),
    "pyramid": ("pyramid",),
    "tornado": ("tornado",),
}
#: Extra servers installed in the ``-full`` venvs of these frameworks (full mode only).
PRODUCTION_SERVERS = ("gunicorn", "waitress")
#: Frameworks whose dev servers have a threading switch, tested with a blocking endpoint.
BLOCKING = ("wsgiref", "flask", "django")
HELLO_TEXT = "Hello, World!"
#: Environment variable naming the SQLite file of the ``sqlite`` apps (a fresh temporary
#: directory per server, set by `Server`).
DB_ENV = "ITEMS_DB"

_LIVE: set[subprocess.Popen] = set()


class HarnessError(RuntimeError):
    """A measurement could not be made (missing tool, failed install, app check failed)."""


def _kill_all() -> None:
    for proc in list(_LIVE):
        kill_group(proc)


atexit.register(_kill_all)


def kill_group(proc: subprocess.Popen, timeout: float = 5.0) -> None:
    """Terminate a child's whole process group, then kill it if it does not stop in time."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=timeout)
        except (ProcessLookupError, PermissionError):
            pass
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=timeout)
    _LIVE.discard(proc)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- environments


@dataclass
class Env:
    """An interpreter to run apps with, and what it has installed."""

    framework: str
    python: Path
    versions: str = ""
    dists: list[tuple[str, str, int]] = field(default_factory=list)

    @classmethod
    def current(cls, framework: str = "wsgiref") -> Env:
        """The running interpreter (no venv, nothing installed: for stdlib apps and tests)."""
        return cls(framework, Path(sys.executable), versions="(standard library)")


def python_tag(python: Path | str = sys.executable) -> str:
    """``py3.11``-style tag of an interpreter, used to key the venv cache."""
    out = subprocess.run(
        [str(python), "-c", "import sys; print('py%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return out.stdout.strip()


def build_env(
    framework: str,
    *,
    cache: Path = CACHE_DIR,
    base_python: Path = Path(sys.executable),
    refresh: bool = False,
    full: bool = False,
    log=print,
) -> Env:
    """Create (once) and return the cached venv of a framework.

    The venv lives in ``cache/venvs/<framework>[-full]-<pyX.Y>``; it is reused while its
    ``fwcompare-requirements.txt`` matches what is wanted and rebuilt with ``refresh``. Uses
    ``uv`` when available (found next to the interpreter or on PATH), else ``venv`` + pip.

    Raises
    ------
    HarnessError
        When the venv cannot be built (no network, no installer).
    """
    reqs = REQUIREMENTS[framework]
    if not reqs:
        return Env.current(framework)
    if full and framework in ("flask", "django"):
        reqs = reqs + PRODUCTION_SERVERS
    key = f"{framework}{'-full' if full else ''}-{python_tag(base_python)}"
    root = Path(cache) / "venvs" / key
    marker = root / "fwcompare-requirements.txt"
    wanted = "\n".join(reqs) + "\n"
    python = root / "bin" / "python"
    if refresh or not (python.exists() and marker.exists() and marker.read_text() == wanted):
        log(f"  building venv {root} ({' '.join(reqs)}) ...")
        shutil.rmtree(root, ignore_errors=True)
        search = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
        uv = shutil.which("uv", path=search)
        if uv:
            cmds = [
                [uv, "venv", "-q", str(root), "--python", str(base_python)],
                [uv, "pip", "install", "-q", "--python", str(python), *reqs],
            ]
        else:
            cmds = [
                [str(base_python), "-m", "venv", str(root)],
                [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *reqs],
            ]
        for cmd in cmds:
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise HarnessError(f"cannot build the {framework} venv: {exc}") from exc
            if proc.returncode != 0:
                shutil.rmtree(root, ignore_errors=True)
                last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [""]
                raise HarnessError(
                    f"cannot build the {framework} venv ({' '.join(cmd[:3])} failed; is PyPI "
                    f"reachable?): {last[0]}"
                )
        marker.write_text(wanted)
    env = Env(framework, python)
    env.dists = installed(python)
    env.versions = "; ".join(f"{n} {v}" for n, v, _ in env.dists)
    return env


_PROBE_DISTS = """
import importlib.metadata as md, json, os
out = []
for d in md.distributions():
    size = 0
    for f in d.files or []:
        try:
            size += os.path.getsize(d.locate_file(f))
        except OSError:
            pass
    out.append((d.metadata["Name"].lower().replace("_", "-"), d.version, size))
print(json.dumps(sorted(set(map(tuple, out)))))
"""


def installed(python: Path) -> list[tuple[str, str, int]]:
    """Distributions of an interpreter as ``(name, version, bytes)``, tooling excluded."""
    out = run_checked([str(python), "-I", "-c", _PROBE_DISTS], timeout=60)
    return [(n, v, s) for n, v, s in json.loads(out) if n not in TOOLING]


def run_checked(cmd: list[str], *, timeout: float = 60, cwd: Path | None = None, env=None) -> str:
    """Run a command with a timeout; its stdout, or HarnessError with its stderr."""
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HarnessError(f"{cmd[0]}: {exc}") from exc
    if proc.returncode != 0:
        raise HarnessError(f"{' '.join(cmd[:4])} failed: {proc.stderr.strip()[-500:]}")
    return proc.stdout


# --------------------------------------------------------------------------- servers and HTTP


def request(
    port: int, method: str, path: str, body: object = None, timeout: float = 10
) -> tuple[int, bytes]:
    """One HTTP request to 127.0.0.1; ``(status, body)``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


class Server:
    """An app served in a child process on a free port of 127.0.0.1 (a context manager).

    ``started`` is the ``perf_counter`` at launch and ``ready_s`` the seconds until the first
    successful ``GET ready_path`` (any status below 500).
    """

    def __init__(
        self,
        env: Env,
        app_dir: Path,
        *,
        mode: str = "default",
        server: str = "dev",
        ready_path: str = "/",
        timeout: float = 30,
    ) -> None:
        self.env, self.app_dir, self.mode, self.server = env, Path(app_dir), mode, server
        self.ready_path, self.timeout = ready_path, timeout
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.ready_s = float("nan")

    def __enter__(self) -> Server:
        self.port = free_port()
        cmd = [
            str(self.env.python),
            str(SERVE_SCRIPT),
            self.env.framework,
            str(self.app_dir),
            str(self.port),
            self.mode,
            self.server,
        ]
        child_env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="")
        child_env.pop("PYTHONPATH", None)
        # The SQLite apps keep their database here, never in the repository.
        self._db_dir = tempfile.TemporaryDirectory(prefix="fwcompare-db-")
        child_env[DB_ENV] = str(Path(self._db_dir.name) / "items.db")
        self._log = tempfile.TemporaryFile()
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            cmd,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=child_env,
        )
        _LIVE.add(self.proc)
        deadline = started + self.timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                status, _ = request(self.port, "GET", self.ready_path, timeout=2)
                if status < 500:
                    self.ready_s = time.perf_counter() - started
                    return self
            except OSError:
                time.sleep(0.01)
        log = self.output()
        self.__exit__(None, None, None)
        raise HarnessError(
            f"{self.env.framework} app {self.app_dir.name} did not answer on 127.0.0.1 within "
            f"{self.timeout:.0f} s: {log[-600:]}"
        )

    def output(self) -> str:
        """What the server printed so far."""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server's process group so far (Linux /proc), else None.

        The whole group counts: gunicorn serves from a forked worker, whose CPU time the
        arbiter's own ``/proc/<pid>/stat`` does not include while it runs.
        """
        if self.proc is None:
            return None
        ticks, found = 0, False
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parts = stat.read_text().rsplit(")", 1)[1].split()
                if int(parts[2]) == self.proc.pid:  # field 5, pgrp: this server's group
                    ticks += int(parts[11]) + int(parts[12])
                    found = True
            except (OSError, ValueError, IndexError):
                continue
        return ticks / os.sysconf("SC_CLK_TCK") if found else None

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            kill_group(self.proc)
        self._log.close()
        self._db_dir.cleanup()


def _json(body: bytes) -> object:
    try:
        return json.loads(body)
    except ValueError:
        return None


def check_app(port: int, app: str) -> None:
    """Check an app over HTTP: ``hello`` says hello on /; ``json`` and ``sqlite`` list what
    POST created.

    Raises
    ------
    HarnessError
        When a response is not what the app promises.
    """
    if app.endswith("hello"):
        status, body = request(port, "GET", "/")
        if status != 200 or HELLO_TEXT.encode() not in body:
            raise HarnessError(f"GET / gave {status} {body[:80]!r}, expected {HELLO_TEXT!r}")
        return
    status, body = request(port, "POST", "/items", {"name": "widget"})
    created = _json(body) if status in (200, 201) else None
    if not (isinstance(created, dict) and created.get("name") == "widget"):
        raise HarnessError(f"POST /items gave {status} {body[:120]!r}")
    status, body = request(port, "GET", "/items")
    listed = _json(body) if status == 200 else None
    if isinstance(listed, dict):
        listed = listed.get("items")
    if not (isinstance(listed, list) and created in listed):
        raise HarnessError(f"GET /items gave {status} {body[:120]!r}, missing {created}")


# --------------------------------------------------------------------------- timing


def import_ms(env: Env, app_dir: Path, repeats: int = 3) -> list[float]:
    """Milliseconds to import the app module in a fresh interpreter (after one warm-up)."""
    module = "mysite.wsgi" if (Path(app_dir) / "manage.py").exists() else "app"
    code = (
        "import os, sys, time; sys.path.insert(0, os.getcwd()); "
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings'); "
        f"t = time.perf_counter(); import {module}; "
        "print((time.perf_counter() - t) * 1000)"
    )
    out = []
    for i in range(repeats + 1):
        ms = float(run_checked([str(env.python), "-c", code], cwd=app_dir, timeout=60))
        if i:
            out.append(ms)
    return out


def load_test(
    server: Server, *, seconds: float, concurrency: int = 4, path: str = "/"
) -> tuple[int, float, float | None]:
    """Send requests from ``concurrency`` client threads for ``seconds`` (bounded).

    Returns
    -------
    tuple
        ``(requests completed, wall seconds, server CPU seconds or None)``.
    """
    done = [0] * concurrency
    errors: list[BaseException] = []
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            try:
                status, _ = request(server.port, "GET", path, timeout=10)
            except OSError as exc:
                errors.append(exc)
                return
            if status == 200:
                done[i] += 1

    cpu0 = server.cpu_seconds()
    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 15)
    wall = time.perf_counter() - t0
    cpu1 = server.cpu_seconds()
    cpu = cpu1 - cpu0 if cpu0 is not None and cpu1 is not None else None
    if not sum(done):
        raise HarnessError(f"load test: no request succeeded ({errors[:1]})")
    return sum(done), wall, cpu


def concurrent_wall(server: Server, n: int = 8) -> float:
    """Seconds for ``n`` simultaneous GET / requests to all complete."""
    errors: list[BaseException] = []

    def one() -> None:
        try:
            request(server.port, "GET", "/", timeout=30)
        except OSError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise HarnessError(f"blocking test: {errors[0]}")
    return time.perf_counter() - t0


def loadavg() -> float | None:
    """The 1-minute load average, or None where the platform has none."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def machine() -> str:
    """Short machine description: system, architecture, CPU count."""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus"


def median(values: list[float]) -> float:
    """Median (a thin wrapper, so callers need not import statistics)."""
    return statistics.median(values)
