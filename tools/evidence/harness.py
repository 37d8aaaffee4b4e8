"""Orchestration: measure one framework's apps in its environment and return CSV rows."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fwcompare_nb.io.measurements import Measurement
from tools.evidence import core, runner

#: Source files holding the development servers' threading defaults, and how to read them.
THREADING_SOURCES: dict[str, list[tuple[str, str, str, Callable]]] = {
    "flask": [
        (
            "flask.app.run",
            "flask",
            "app.py",
            lambda src: core.setdefault_value(src, "threaded"),
        ),
        (
            "werkzeug.run_simple",
            "werkzeug",
            "serving.py",
            lambda src: core.function_arg_default(src, "run_simple", "threaded"),
        ),
    ],
    "django": [
        (
            "django.runserver",
            "django",
            "core/management/commands/runserver.py",
            lambda src: core.argparse_dest_default(src, "use_threading"),
        ),
    ],
}


@dataclass
class Settings:
    """How much work a run does."""

    repeats: int = 3
    load_seconds: float = 1.5
    concurrency: int = 4
    blocking_requests: int = 8
    production: bool = False

    @classmethod
    def quick(cls) -> Settings:
        """Quick mode: bounded to keep all seven frameworks under two minutes."""
        return cls(repeats=3, load_seconds=1.0, concurrency=4)

    @classmethod
    def full(cls) -> Settings:
        """Full mode: more repeats, longer load, production servers too."""
        return cls(repeats=7, load_seconds=5.0, concurrency=8, production=True)


def app_dirs(framework: str, apps_dir: Path = runner.APPS_DIR) -> list[Path]:
    """The app folders of a framework (``blocking`` is a test fixture, not a counted app)."""
    root = Path(apps_dir) / framework
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name != "blocking")


def django_skeleton(env: runner.Env, dest: Path) -> Path:
    """Generate ``startproject mysite . `` + ``startapp items`` with the venv's Django."""
    dest.mkdir(parents=True, exist_ok=True)
    runner.run_checked([str(env.python), "-m", "django", "startproject", "mysite", "."], cwd=dest)
    runner.run_checked([str(env.python), "manage.py", "startapp", "items"], cwd=dest)
    return dest


def source_of(env: runner.Env, package: str, rel: str) -> Path:
    """Path of a file inside an installed package of the env."""
    code = (
        f"import importlib.util as u; print(u.find_spec({package!r}).submodule_search_locations[0])"
    )
    return Path(runner.run_checked([str(env.python), "-c", code]).strip()) / rel


class FrameworkRun:
    """Measure one framework in one environment; rows accumulate in ``rows``."""

    def __init__(
        self,
        env: runner.Env,
        settings: Settings,
        *,
        apps_dir: Path = runner.APPS_DIR,
        log: Callable[[str], None] = print,
        background_load: float | None = None,
        footprint_env: runner.Env | None = None,
    ) -> None:
        self.env, self.settings, self.apps_dir, self.log = env, settings, Path(apps_dir), log
        #: The venv whose footprint is recorded: in full mode the framework's plain venv, not
        #: the one that also holds gunicorn and waitress.
        self.footprint_env = footprint_env or env
        #: 1-minute load average before the harness started (its own load tests excluded).
        self.background_load = runner.loadavg() if background_load is None else background_load
        self.rows: list[Measurement] = []
        self.common = {
            "versions": env.versions,
            "python": f"{platform.python_implementation()} {platform.python_version()}",
            "machine": runner.machine(),
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def add(self, measure: str, app: str, value, unit: str, n: int, method: str, note=""):
        """Append one row."""
        self.rows.append(
            Measurement(
                self.env.framework, measure, app, value, unit, n, method, note=note, **self.common
            )
        )

    # ------------------------------------------------------------------ parts

    def footprint(self) -> None:
        """Installed size and number of distributions (tooling excluded)."""
        dists = self.footprint_env.dists
        if not dists:
            return
        size = sum(s for _, _, s in dists)
        method = (
            "sum of the files listed in each distribution's RECORD; "
            "pip/setuptools/wheel/uv excluded"
        )
        self.add("installed_mb", "-", size / 1e6, "MB", len(dists), method)
        self.add("distributions", "-", len(dists), "count", 1, "importlib.metadata in the venv")

    def lines(self, app_dir: Path) -> None:
        """Start the app, check it over HTTP, then count its lines."""
        with runner.Server(
            self.env, app_dir, ready_path="/" if "hello" in app_dir.name else "/items"
        ) as srv:
            runner.check_app(srv.port, app_dir.name)
        loc, files = core.count_tree(app_dir)
        how = "code lines (no blanks, comments, docstrings); app checked over HTTP first"
        self.add(
            "loc_project_files", app_dir.name, loc, "lines", files, f"all .py files kept; {how}"
        )
        self.add("files_project", app_dir.name, files, "files", 1, "count of .py files kept")
        if (app_dir / "manage.py").exists():
            with tempfile.TemporaryDirectory() as tmp:
                skel = django_skeleton(self.env, Path(tmp) / "skel")
                written = core.written_lines(skel, app_dir)
            method = f"lines added or changed vs a fresh startproject+startapp; {how}"
        else:
            written, method = loc, f"whole single-file app; {how}"
        self.add("loc_written", app_dir.name, written, "lines", files, method)

    def startup(self, app_dir: Path) -> None:
        """Import time and time to the first HTTP response (medians)."""
        r = self.settings.repeats
        imp = runner.import_ms(self.env, app_dir, repeats=r)
        self.add(
            "import_ms",
            app_dir.name,
            statistics.median(imp),
            "ms",
            r,
            "median time to import the app module in a fresh interpreter (after a warm-up)",
            note=f"spread {core.spread(imp):.0%}",
        )
        first = []
        for _ in range(r):
            with runner.Server(self.env, app_dir) as srv:
                first.append(srv.ready_s * 1000)
        self.add(
            "first_response_ms",
            app_dir.name,
            statistics.median(first),
            "ms",
            r,
            "median time from process launch to the first HTTP 200 on GET / (polled every 10 ms)",
            note=f"spread {core.spread(first):.0%}",
        )

    def cpu(self, app_dir: Path, server: str = "dev") -> None:
        """Server CPU time per request under a bounded load on GET / (the stable figure)."""
        s = self.settings
        per_req, rates, total = [], [], 0
        for _ in range(max(2, s.repeats // 2)):
            with runner.Server(self.env, app_dir, server=server) as srv:
                n, wall, cpu = runner.load_test(
                    srv, seconds=s.load_seconds, concurrency=s.concurrency
                )
            total += n
            rates.append(n / wall)
            if cpu is not None:
                per_req.append(cpu * 1000 / n)
        load = self.background_load
        tag = "" if server == "dev" else f"@{server}"
        shown = load if load is None else round(load, 2)
        note = (
            f"{statistics.median(rates):.0f} req/s from {s.concurrency} client threads on the same "
            f"machine; repeats spread {core.spread(per_req):.0%}; load {shown}"
        )
        if per_req:
            self.add(
                "cpu_ms_per_request",
                app_dir.name + tag,
                statistics.median(per_req),
                "ms",
                total,
                f"server process user+system CPU (/proc) / requests, {s.load_seconds:g} s load x "
                f"{len(per_req)} repeats",
                note=note,
            )
        self.add(
            "requests_per_s",
            app_dir.name + tag,
            statistics.median(rates),
            "req/s",
            total,
            "median throughput of the same load (noisy: clients share the CPU)",
            note=f"load {shown}",
        )

    def threading(self) -> None:
        """Threading defaults read from the installed sources, and the blocking test."""
        for name, package, rel, parse in THREADING_SOURCES.get(self.env.framework, []):
            path = source_of(self.env, package, rel)
            found = parse(path.read_text(encoding="utf-8"))
            if found is None or found[0] is None:
                self.log(f"  ! threading default of {name} not found in {path}")
                continue
            value, line = found
            self.add(
                "threaded_default",
                name,
                int(bool(value)),
                "bool",
                1,
                f"parsed from installed source {package}/{rel}:{line}",
            )
        blocking = self.apps_dir / self.env.framework / "blocking"
        if self.env.framework not in runner.BLOCKING or not blocking.is_dir():
            return
        threaded_mode = "threaded" if self.env.framework == "wsgiref" else "default"
        walls: dict[str, list[float]] = {}
        for mode in (threaded_mode, "single"):
            walls[mode] = []
            for _ in range(max(2, self.settings.repeats // 2)):
                with runner.Server(self.env, blocking, mode=mode) as srv:
                    walls[mode].append(
                        runner.concurrent_wall(srv, self.settings.blocking_requests) * 1000
                    )
            self.add(
                "blocking_wall_ms",
                f"blocking-{mode}",
                statistics.median(walls[mode]),
                "ms",
                len(walls[mode]),
                f"{self.settings.blocking_requests} simultaneous requests to a view sleeping "
                "200 ms: median wall time until all answered",
                note=f"spread {core.spread(walls[mode]):.0%}",
            )
        load = self.background_load
        ratio, why = core.decide_ratio(
            walls["single"], walls[threaded_mode], load=load, cores=os.cpu_count() or 1
        )
        self.add(
            "threaded_speedup",
            "blocking",
            ratio,
            "ratio",
            len(walls["single"]),
            "median wall time single-threaded / threaded for the blocking view; noise rule on "
            "the background load measured before the run",
            note=why,
        )

    def run(self, parts: tuple[str, ...] = ("footprint", "lines", "startup", "cpu", "threading")):
        """Run the selected parts; a failing part is logged and recorded nowhere."""
        dirs = app_dirs(self.env.framework, self.apps_dir)
        steps: list[tuple[str, Callable[[], None]]] = []
        if "footprint" in parts:
            steps.append(("footprint", self.footprint))
        for d in dirs:
            if "lines" in parts:
                steps.append((f"lines {d.name}", lambda d=d: self.lines(d)))
        hellos = [d for d in dirs if d.name.endswith("hello")]
        for d in hellos:
            if "startup" in parts:
                steps.append((f"startup {d.name}", lambda d=d: self.startup(d)))
            if "cpu" in parts:
                steps.append((f"cpu {d.name}", lambda d=d: self.cpu(d)))
        if "threading" in parts:
            steps.append(("threading", self.threading))
        if self.settings.production and self.env.framework in ("flask", "django"):
            hello = self.apps_dir / self.env.framework / "hello"
            for server in runner.PRODUCTION_SERVERS:
                steps.append((f"cpu hello@{server}", lambda s=server: self.cpu(hello, s)))
        failures = []
        for i, (label, step) in enumerate(steps, 1):
            self.log(f"  [{self.env.framework} {i}/{len(steps)}] {label}")
            try:
                step()
            except (runner.HarnessError, OSError, SyntaxError) as exc:
                failures.append(f"{label}: {exc}")
                self.log(f"  ! {label} failed: {exc}")
        return failures


def clean_cache(cache: Path) -> None:
    """Remove the cached venvs (used by ``--refresh`` for a clean rebuild)."""
    shutil.rmtree(Path(cache) / "venvs", ignore_errors=True)
