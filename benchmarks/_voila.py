"""Serve the dashboard with Voila and drive it with Debian's Chromium (shared by the browser
test and the browser benchmark).

* :func:`voila_server` starts ``voila notebooks/dashboard.ipynb`` from this interpreter's
  environment on a free port of 127.0.0.1, with ``FWCOMPARE_PROFILES`` in a folder of its own,
  waits for the port and stops the server (and its kernels) when done.
* :func:`lab_server` starts JupyterLab on a copy of a notebook, the same way.
* :func:`chromium_page` launches ``/usr/bin/chromium`` headless through Playwright and opens a
  page on which every request that does not go to 127.0.0.1 is aborted (there is no network
  beyond the package registries; Voila's page asks a CDN for an icon font).
* :func:`wait_ready` waits for the explorer's headline to have text.

Playwright cannot download its own browsers here: the Chromium is Debian's package
(``apt-get install chromium fonts-liberation``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/dashboard.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}
READY = ".fwc-recommendation"


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    """Wait until ``port`` accepts connections; fail early if ``proc`` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with code {proc.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"voila did not listen on 127.0.0.1:{port} within {timeout:.0f} s")


def _stat(pid: int | str) -> tuple[int, int] | None:
    """(parent pid, start time) of a live process from Linux's ``/proc``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[1]), int(fields[19])
    except (OSError, ValueError, IndexError):
        return None


def _descendants(pid: int) -> list[tuple[int, int]]:
    """(pid, start time) of every live descendant of ``pid``."""
    parents: dict[int, list[tuple[int, int]]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        stat = _stat(entry.name)
        if stat is not None:
            parents.setdefault(stat[0], []).append((int(entry.name), stat[1]))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the server (it shuts its kernels down), then kill whatever is left.

    Voila's kernels run in sessions of their own: stopping the server's process group does not
    reach them, so they are listed first and killed if they outlive the server.
    """
    kernels = _descendants(proc.pid)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    for pid, started in kernels:
        stat = _stat(pid)
        if stat is not None and stat[1] == started:  # the same process, not a reused pid
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def _serve(command: list[str], env: dict, port: int, timeout: float, log_path: Path) -> Iterator:
    """Run a Jupyter server command in its own process group until the block ends."""
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped whole (see _stop)
        )
        try:
            try:
                wait_for_port(port, proc, timeout)
            except Exception as exc:
                log_file.flush()
                tail = log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{exc}\n--- server log ---\n{tail}") from exc
            yield
        finally:
            _stop(proc)


def _private_env(tmp: str) -> dict:
    """The environment for a server: saved profiles and Jupyter's runtime, settings and
    workspace files in ``tmp``, away from the user's own."""
    env = dict(os.environ)
    env["FWCOMPARE_PROFILES"] = str(Path(tmp) / "profiles")
    env["JUPYTER_RUNTIME_DIR"] = str(Path(tmp) / "runtime")
    env["JUPYTERLAB_SETTINGS_DIR"] = str(Path(tmp) / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(Path(tmp) / "lab-workspaces")
    return env


@contextlib.contextmanager
def voila_server(
    notebook: str | Path | None = None, timeout: float = 60.0, log: Path | None = None
) -> Iterator[str]:
    """Serve ``notebook`` (default: the dashboard); yields its URL. Saved profiles go to a
    temporary folder."""
    notebook = NOTEBOOK if notebook is None else notebook
    port = free_port()
    voila = Path(sys.executable).parent / "voila"
    with tempfile.TemporaryDirectory(prefix="fwc-voila-") as tmp:
        command = [str(voila), str(notebook), "--no-browser", f"--port={port}"]
        command.append("--Voila.ip=127.0.0.1")
        log_path = log if log is not None else Path(tmp) / "voila.log"
        with _serve(command, _private_env(tmp), port, timeout, log_path):
            yield f"http://127.0.0.1:{port}/"


@contextlib.contextmanager
def lab_server(notebook: str | Path, timeout: float = 90.0) -> Iterator[str]:
    """JupyterLab on 127.0.0.1 with a *copy* of ``notebook`` (so autosave never writes outputs
    into the repository); yields the URL that opens it. Settings, workspaces, runtime files and
    saved profiles live in a temporary folder."""
    import shutil

    notebook = ROOT / notebook
    port = free_port()
    token = os.urandom(12).hex()
    with tempfile.TemporaryDirectory(prefix="fwc-lab-") as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        shutil.copy(notebook, work / notebook.name)
        command = [
            str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
            f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={work}",
            f"--IdentityProvider.token={token}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        # No "get notified about Jupyter news?" toast over the page.
        settings = Path(tmp) / "lab-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        with _serve(command, _private_env(tmp), port, timeout, Path(tmp) / "lab.log"):
            yield f"http://127.0.0.1:{port}/lab/tree/{notebook.name}?token={token}"


def _only_local(route) -> None:
    host = urlsplit(route.request.url).hostname
    # file: lets a test open a saved self-contained page (the HTML report)
    if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:", "file:")):
        route.continue_()
    else:
        route.abort()


@contextlib.contextmanager
def chromium_page(viewport: tuple[int, int] = (1400, 1000)) -> Iterator:
    """A Playwright page in Debian's headless Chromium that reaches 127.0.0.1 only."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.route("**/*", _only_local)
            yield page
        finally:
            browser.close()


def wait_ready(page, url: str, timeout_ms: float = 60_000) -> None:
    """Open the dashboard and wait until the explorer's headline has text."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_function(
        """sel => { const el = document.querySelector(sel);
                    return el !== null && el.innerText.trim().length > 0; }""",
        arg=READY,
        timeout=timeout_ms,
    )


def chromium_version() -> str:
    """``chromium --version`` (its stdout only), or why it could not be read."""
    try:
        out = subprocess.run(
            [CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError as exc:
        return f"unavailable ({exc})"
    return out.stdout.strip() or "unknown"


def package_versions(names: tuple[str, ...]) -> dict[str, str]:
    """Installed versions of Python distributions (``"missing"`` when not installed)."""
    from importlib import metadata

    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def machine() -> str:
    """One line: CPU model and count, memory, OS and Python."""
    import platform

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024**2:.0f} GiB"
                break
    return (
        f"{cpu} x{os.cpu_count()}{memory}, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict:
    """``n``, ``median``, ``p95`` (nearest rank) and ``max`` of latencies in ms."""
    if not values:
        return {"n": 0, "median": None, "p95": None, "max": None}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p95": percentile(values, 95),
        "max": max(values),
    }


def save_json(path: Path, payload: dict) -> None:
    """Write a benchmark's figures as JSON, creating the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"saved: {path}")
