"""Serve the dashboard with Voila and drive it with Debian's Chromium (shared by the browser
tests and the browser benchmarks).

* :func:`voila_server` starts the dashboard exactly as users do, through the launcher
  (:mod:`fwcompare_nb.cli.dashboard`: preheated kernels, the ``fwcompare`` template, only the
  lab extensions the page needs), on a free port of 127.0.0.1, with ``FWCOMPARE_PROFILES`` in
  a folder of its own; it waits for the port and stops the server (and its kernels) when done.
  :func:`voila_process` does the same and also yields the server's process and log.
* :func:`lab_server` starts JupyterLab on a copy of a notebook, the same way.
* :func:`chromium_page` launches ``/usr/bin/chromium`` headless through Playwright and opens a
  page on which every request that does not go to 127.0.0.1 is aborted (there is no network
  beyond the package registries). :func:`chromium_browser` and :func:`open_page` give one
  browser and fresh pages (a new visitor each: no cache, no cookies).
* :func:`record_traffic` records what a page asks outside 127.0.0.1, its console errors and
  warnings and its uncaught exceptions (``chromium_page(record=True)`` attaches one as
  ``page.traffic``).
* :func:`wait_ready` waits for the explorer's headline to have text; :func:`time_to_headline`
  measures how long that takes from the request, in the page's own clock.
* :func:`kernels_idle` waits for a server's preheated kernels to be ready;
  :func:`process_memory` reads the memory of the server and of each kernel from ``/proc``.

Playwright cannot download its own browsers here: the Chromium is Debian's package
(``apt-get install chromium fonts-liberation``; ``.ci/run`` installs it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the package is importable from the checkout
    sys.path.insert(0, str(ROOT))

from fwcompare_nb.cli import dashboard as launcher  # noqa: E402

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
def _serve(
    command: list[str], env: dict, port: int, timeout: float, log_path: Path
) -> Iterator[subprocess.Popen]:
    """Run a Jupyter server command in its own process group until the block ends; yields its
    process."""
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
            yield proc
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


@dataclass
class VoilaServer:
    """A running Voila server: its URL, its process and its log file."""

    url: str
    process: subprocess.Popen
    log: Path
    pool_size: int  # preheated kernels it keeps (0: a kernel per request)

    @property
    def pid(self) -> int:
        return self.process.pid


@contextlib.contextmanager
def voila_process(
    notebook: str | Path | None = None,
    timeout: float = 60.0,
    log: Path | None = None,
    *,
    pool_size: int = launcher.DEFAULT_POOL_SIZE,
    preheat: bool = True,
    cull_idle: int = launcher.DEFAULT_CULL_IDLE,
    preset: str | None = None,
    comparison: str | None = None,
    extra: Sequence[str] = (),
) -> Iterator[VoilaServer]:
    """Serve ``notebook`` (default: the dashboard) through the dashboard's launcher, with the
    options users get by default; yields the server. Saved profiles go to a temporary folder.

    ``preset``, ``comparison``, ``pool_size`` and ``cull_idle`` are the launcher's options of
    those names; ``preheat=False`` is ``--no-preheat``; ``extra`` are more Voila options.
    """
    notebook = ROOT / (launcher.NOTEBOOK if notebook is None else notebook)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="fwc-voila-") as tmp:
        command = launcher.voila_command(
            notebook, port=port, ip="127.0.0.1", pool_size=pool_size, preheat=preheat,
            cull_idle=cull_idle, voila=Path(sys.executable).parent / "voila", extra=extra,
        )  # fmt: skip
        env = launcher.voila_env(
            _private_env(tmp), preset=preset, comparison=comparison, ip="127.0.0.1"
        )
        log_path = log if log is not None else Path(tmp) / "voila.log"
        with _serve(command, env, port, timeout, log_path) as proc:
            yield VoilaServer(
                f"http://127.0.0.1:{port}/", proc, log_path, pool_size if preheat else 0
            )


@contextlib.contextmanager
def voila_server(
    notebook: str | Path | None = None, timeout: float = 60.0, log: Path | None = None, **options
) -> Iterator[str]:
    """Serve ``notebook`` (default: the dashboard) as users do; yields its URL. Saved profiles
    go to a temporary folder; ``options`` are :func:`voila_process`'s."""
    with voila_process(notebook, timeout, log, **options) as server:
        yield server.url


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
    # file: lets a test open a saved self-contained page (the HTML report)
    if _is_local(route.request.url):
        route.continue_()
    else:
        route.abort()


def _is_local(url: str) -> bool:
    """Whether a request stays on this machine (127.0.0.1, or no network at all)."""
    return urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:", "file:"))


@dataclass
class Traffic:
    """What a page did that a clean, offline page must not: requests leaving 127.0.0.1, console
    errors and warnings, uncaught exceptions (each console entry: ``"text (url:line)"``; an
    empty url is a script Playwright ran, not the page's).
    """

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # local requests that failed

    def summary(self) -> str:
        """One line of counts, then every entry (for a failure message)."""
        lines = [
            f"{len(self.outside)} request(s) outside 127.0.0.1, {len(self.errors)} console "
            f"error(s), {len(self.warnings)} warning(s), {len(self.exceptions)} uncaught "
            f"exception(s), {len(self.failed)} failed local request(s)"
        ]
        for name in ("outside", "errors", "warnings", "exceptions", "failed"):
            lines += [f"  {name}: {entry}" for entry in getattr(self, name)]
        return "\n".join(lines)


def record_traffic(page) -> Traffic:
    """Start recording ``page``'s requests outside 127.0.0.1 (whether or not the route aborts
    them), console errors and warnings, uncaught exceptions and failed local requests."""
    traffic = Traffic()

    def on_request(request) -> None:
        if not _is_local(request.url):
            traffic.outside.append(f"{request.method} {request.url}")

    def on_console(message) -> None:
        where = message.location or {}
        entry = f"{message.text} ({where.get('url', '?')}:{where.get('lineNumber', '?')})"
        if message.type == "error":
            traffic.errors.append(entry)
        elif message.type == "warning":
            traffic.warnings.append(entry)

    def on_failed(request) -> None:
        if _is_local(request.url):
            traffic.failed.append(f"{request.url}: {request.failure}")

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: traffic.exceptions.append(str(exc)))
    page.on("requestfailed", on_failed)
    return traffic


@contextlib.contextmanager
def chromium_browser() -> Iterator:
    """Debian's headless Chromium through Playwright (one per process: the sync API allows one
    Playwright at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, viewport: tuple[int, int] = (1400, 1000), record: bool = False):
    """A page in a fresh browser context (a new visitor: empty cache, no cookies) that reaches
    127.0.0.1 only; with ``record`` its :class:`Traffic` is ``page.traffic``. Close it with
    ``page.context.close()``."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    if record:
        page.traffic = record_traffic(page)  # before the route: aborted requests count too
    page.route("**/*", _only_local)
    return page


@contextlib.contextmanager
def chromium_page(viewport: tuple[int, int] = (1400, 1000), record: bool = False) -> Iterator:
    """A Playwright page in Debian's headless Chromium that reaches 127.0.0.1 only; with
    ``record`` it carries ``page.traffic`` (see :func:`record_traffic`)."""
    with chromium_browser() as browser:
        yield open_page(browser, viewport, record)


HEADLINE_SHOWN = """sel => { const el = document.querySelector(sel);
                  return el !== null && el.innerText.trim().length > 0; }"""


def wait_ready(page, url: str, timeout_ms: float = 60_000) -> None:
    """Open the dashboard and wait until the explorer's headline has text."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    page.wait_for_function(HEADLINE_SHOWN, arg=READY, timeout=timeout_ms)


def time_to_headline(page, url: str, timeout_ms: float = 60_000) -> float:
    """Open ``url`` and return the ms from the request to the first frame in which the
    explorer's headline has text, in the page's clock (``performance.now()`` counts from the
    navigation's start, so the server's answer, the scripts and the kernel are all in it).
    Checked on every animation frame: the figure is at most one frame late."""
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    handle = page.wait_for_function(
        f"sel => ({HEADLINE_SHOWN})(sel) ? performance.now() : false",
        arg=READY,
        polling="raf",
        timeout=timeout_ms,
    )
    return float(handle.json_value())


# ------------------------------------------------------------------ server processes (/proc)
def _cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return (
            Path(f"/proc/{pid}/cmdline")
            .read_bytes()
            .replace(b"\0", b" ")
            .decode("utf-8", "replace")
        )
    return ""


def kernel_pids(server_pid: int) -> list[int]:
    """The live ipykernel processes a server started (its descendants)."""
    return [pid for pid, _ in _descendants(server_pid) if "ipykernel" in _cmdline(pid)]


def page_kernel_id(page) -> str:
    """The id of the kernel a Voila page is connected to (from its page config)."""
    return page.evaluate(
        "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )


def kernel_pid(server_pid: int, kernel_id: str) -> int | None:
    """The process of a server's kernel (its command line names ``kernel-<id>.json``)."""
    for pid in kernel_pids(server_pid):
        if f"kernel-{kernel_id}.json" in _cmdline(pid):
            return pid
    return None


def _cpu_ticks(pids: Sequence[int]) -> int:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def kernels_idle(
    server: VoilaServer, count: int | None = None, quiet: float = 0.5, timeout: float = 90.0
) -> float:
    """Wait until the server has ``count`` kernels (default: its pool size, at least 1) and
    they stopped using the CPU for ``quiet`` seconds: a preheated kernel then waits for its
    request, its view built. Returns the seconds waited; raises TimeoutError.

    Every kernel counts, a closed page's too while it shuts down: wait for those to be gone
    first (:func:`kernel_pid` of the page's :func:`page_kernel_id` is None)."""
    count = max(1, server.pool_size) if count is None else count
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        pids = kernel_pids(server.pid)
        if len(pids) >= count:
            before = _cpu_ticks(pids)
            time.sleep(quiet)
            # a tick is 10 ms: under 2 in `quiet` is an idle kernel's heartbeat, not work
            if _cpu_ticks(pids) - before < 2 and len(kernel_pids(server.pid)) == len(pids):
                return time.monotonic() - started
        else:
            time.sleep(0.2)
    raise TimeoutError(f"{count} idle kernel(s) not there within {timeout:.0f} s")


def process_memory(pid: int) -> dict[str, float] | None:
    """Memory of a live process in MiB: ``rss`` (resident), ``pss`` (proportional: shared pages
    divided among the processes sharing them) and ``uss`` (private to it: what stopping it
    gives back); None if it is gone."""
    found: dict[str, float] = {}
    keys = {"Rss:": "rss", "Pss:": "pss", "Private_Clean:": "uss", "Private_Dirty:": "uss"}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] in keys:
            name = keys[parts[0]]
            found[name] = found.get(name, 0.0) + int(parts[1]) / 1024
    return found


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


def run_header(packages: tuple[str, ...], **extra) -> dict:
    """What a browser benchmark records about its run: date, Chromium's and the packages'
    versions, the machine, and ``extra`` fields."""
    versions = {"chromium": chromium_version(), **package_versions(packages)}
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": versions,
        "machine": machine(),
        **extra,
    }


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
