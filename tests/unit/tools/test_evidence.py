"""Tests of the evidence harness without running it: the pure core on snippets, the committed
CSV, the app sources. The live runs are in tests/integration/test_evidence_live.py; the CSV file
format (fwcompare_nb.io.measurements) in tests/unit/io/test_measurements.py.
"""

from __future__ import annotations

import ast
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from fwcompare_nb.io import measurements
from tools.evidence import core, harness, runner

MEASUREMENTS = measurements.MEASUREMENTS
APPS = runner.APPS_DIR
SEVEN = ("django", "flask", "fastapi", "bottle", "falcon", "pyramid", "tornado")


def lines(src: str) -> set[int]:
    return core.python_code_lines(textwrap.dedent(src).lstrip("\n"))


# --------------------------------------------------------------------------- line counting


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("x = 1\n\n\ny = 2\n", {1, 4}),  # blank lines skipped
        ("# a comment\nx = 1  # trailing comment\n", {2}),  # comment-only line skipped
        ('"""Module docstring\n\nspanning lines."""\nx = 1\n', {4}),  # module docstring
        ('def f():\n    """Doc."""\n    return 1\n', {1, 3}),  # function docstring
        ('class C:\n    """Doc\n    more."""\n\n    a = 1\n', {1, 5}),  # class docstring
        ('async def f():\n    """Doc."""\n    return 1\n', {1, 3}),  # async function docstring
        ('x = """not a\ndocstring\n"""\n', {1, 2, 3}),  # multi-line string value counts
        ('def f():\n    x = 1\n    """not first: counts"""\n', {1, 2, 3}),
        ('@app.get("/")\n@login_required\ndef index():\n    return "hi"\n', {1, 2, 3, 4}),
        ("items = [\n    1,\n\n    # two\n    2,\n]\n", {1, 2, 5, 6}),  # comment inside brackets
        ("", set()),
    ],
)
def test_python_code_lines(src, expected):
    assert core.python_code_lines(src) == expected


def test_count_rejects_invalid_python():
    with pytest.raises(SyntaxError):
        core.count_python_lines("def f(:\n")


def test_added_or_changed_and_written_lines(tmp_path):
    assert core.added_or_changed(["a", "b", "c"], ["a", "B", "c", "d"]) == 2
    assert core.added_or_changed(["a", "b"], ["a"]) == 0  # deletions are not written lines
    skel, proj = tmp_path / "skel", tmp_path / "proj"
    for root in (skel, proj):
        (root / "mysite").mkdir(parents=True)
    (skel / "mysite" / "settings.py").write_text("SECRET_KEY = 'abc'\nDEBUG = True\nAPPS = [\n]\n")
    (proj / "mysite" / "settings.py").write_text(
        "SECRET_KEY = 'other'\n# note\nDEBUG = True\nAPPS = [\n    'items',\n]\n"
    )
    (proj / "views.py").write_text('"""Doc."""\n\ndef v(request):\n    return 1\n')
    # settings: one added line ('items'); the regenerated secret key is not an edit. views: 2.
    assert core.written_lines(skel, proj) == 3
    assert core.count_tree(proj) == (7, 2)  # settings 5, views 2


def test_generated_migrations_are_not_written_lines(tmp_path):
    skel, proj = tmp_path / "skel", tmp_path / "proj"
    for root in (skel, proj):
        (root / "items" / "migrations").mkdir(parents=True)
        (root / "items" / "migrations" / "__init__.py").write_text("")
    (proj / "items" / "models.py").write_text("class Item:\n    name = 1\n")
    (proj / "items" / "migrations" / "0001_initial.py").write_text("operations = [\n    1,\n]\n")
    assert core.written_lines(skel, proj) == 2  # models.py only
    assert core.count_tree(proj) == (5, 3)  # the migration is still a kept file


# --------------------------------------------------------------------------- threading defaults

FLASK_RUN = '''
class Flask(App):
    def run(self, host=None, port=None, debug=None, load_dotenv=True, **options):
        """Runs the application on a local development server."""
        options.setdefault("use_reloader", self.debug)
        options.setdefault("use_debugger", self.debug)
        options.setdefault("threaded", True)

        cli.show_server_banner(self.debug, self.name)

        from werkzeug.serving import run_simple

        try:
            run_simple(t.cast(str, host), port, self, **options)
        finally:
            self._got_first_request = False
'''

WERKZEUG_RUN_SIMPLE = '''
def run_simple(
    hostname: str,
    port: int,
    application: WSGIApplication,
    use_reloader: bool = False,
    use_debugger: bool = False,
    use_evalex: bool = True,
    extra_files: t.Iterable[str] | None = None,
    exclude_patterns: t.Iterable[str] | None = None,
    reloader_interval: int = 1,
    reloader_type: str = "auto",
    threaded: bool = False,
    processes: int = 1,
    request_handler: type[WSGIRequestHandler] | None = None,
    static_files: dict[str, str | tuple[str, str]] | None = None,
    passthrough_errors: bool = False,
    ssl_context: _TSSLContextArg | None = None,
) -> None:
    """Start a development server for a WSGI application."""
'''

DJANGO_RUNSERVER = """
class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", help="Optional port number, or ipaddr:port"
        )
        parser.add_argument(
            "--nothreading",
            action="store_false",
            dest="use_threading",
            help="Tells Django to NOT use threading.",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Tells Django to NOT use the auto-reloader.",
        )
"""


def test_flask_threaded_default():
    value, line = core.setdefault_value(FLASK_RUN, "threaded")
    assert value is True
    assert "threaded" in FLASK_RUN.splitlines()[line - 1]
    assert core.setdefault_value(FLASK_RUN, "processes") is None


def test_werkzeug_run_simple_default():
    value, line = core.function_arg_default(WERKZEUG_RUN_SIMPLE, "run_simple", "threaded")
    assert value is False
    assert "threaded" in WERKZEUG_RUN_SIMPLE.splitlines()[line - 1]
    assert core.function_arg_default(WERKZEUG_RUN_SIMPLE, "run_simple", "processes")[0] == 1
    assert core.function_arg_default(WERKZEUG_RUN_SIMPLE, "other", "threaded") is None


def test_keyword_only_default():
    src = "def serve(app, *, threads: int = 4, ident=None):\n    pass\n"
    assert core.function_arg_default(src, "serve", "threads")[0] == 4


def test_django_runserver_threading_default():
    value, line = core.argparse_dest_default(DJANGO_RUNSERVER, "use_threading")
    assert value is True  # store_false: threading on unless --nothreading
    assert core.argparse_dest_default(DJANGO_RUNSERVER, "missing") is None
    explicit = 'p.add_argument("--x", action="store_true", dest="x", default=True)\n'
    assert core.argparse_dest_default(explicit, "x")[0] is True
    assert (
        core.argparse_dest_default('p.add_argument("--y", dest="y", action="store_true")', "y")[0]
        is False
    )


# --------------------------------------------------------------------------- noise decisions


def test_spread():
    assert core.spread([1.0]) == 0
    assert core.spread([90.0, 100.0, 110.0]) == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("num", "den", "load", "cores", "ratio", "reason"),
    [
        ([1600, 1610], [200, 205], 0.2, 2, pytest.approx(1605 / 202.5), "agree"),
        ([1600, 1610], [200, 205], 1.6, 2, None, "load"),  # 1.6 > 2 x 0.75
        ([1600, 1610], [200, 205], 1.5, 2, pytest.approx(1605 / 202.5), "agree"),  # not above
        ([1000, 1600], [200, 205], 0.1, 2, None, "numerator repeats differ"),
        ([1600, 1610], [100, 300], 0.1, 8, None, "denominator repeats differ"),
        ([1600], [], 0.1, 2, None, "no measurements"),
        ([1600, 1610], [200, 205], None, 2, pytest.approx(1605 / 202.5), "n/a"),
    ],
)
def test_decide_ratio(num, den, load, cores, ratio, reason):
    got, note = core.decide_ratio(num, den, load=load, cores=cores)
    assert got == ratio
    assert reason in note


# --------------------------------------------------------------------------- CSV


def test_committed_measurements_schema():
    rows = measurements.read_rows(MEASUREMENTS)
    assert rows
    for fw in SEVEN + ("wsgiref",):
        have = {(r.measure, r.app) for r in rows if r.framework == fw}
        for app in ("hello", "json", "sqlite"):
            assert ("loc_written", app) in have, (fw, app)
            assert ("loc_project_files", app) in have, (fw, app)
        assert ("cpu_ms_per_request", "hello") in have, fw
    django = {(r.measure, r.app): r.value for r in rows if r.framework == "django"}
    assert django[("loc_written", "project-hello")] < django[("loc_project_files", "project-hello")]
    # the generated migration is kept but not written
    assert (
        django[("loc_written", "project-sqlite")] < django[("loc_project_files", "project-sqlite")]
    )
    for r in rows:
        assert r.unit in measurements.UNITS
        assert datetime.fromisoformat(r.date)
        assert r.python and r.machine and r.method
        if r.framework != "wsgiref" and r.measure != "threaded_default":
            assert r.versions, r
    defaults = {(r.framework, r.app): r.value for r in rows if r.measure == "threaded_default"}
    assert defaults.get(("flask", "flask.app.run")) == 1
    assert defaults.get(("flask", "werkzeug.run_simple")) == 0
    assert defaults.get(("django", "django.runserver")) == 1


# --------------------------------------------------------------------------- app sources


APP_FILES = sorted(APPS.rglob("*.py"))


def test_every_framework_has_hello_and_json():
    for fw in SEVEN + ("wsgiref",):
        assert (APPS / fw / "hello").is_dir() and (APPS / fw / "json").is_dir(), fw


@pytest.mark.parametrize("fw", SEVEN + ("wsgiref",))
def test_every_framework_has_a_sqlite_app(fw):
    src = (APPS / fw / "sqlite" / "app.py").read_text(encoding="utf-8")
    assert core.count_python_lines(src) > 0
    assert "sqlite3" in src and runner.DB_ENV in src  # the database path comes from the harness
    assert harness.app_dirs(fw).count(APPS / fw / "sqlite") == 1


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: str(p.relative_to(APPS)))
def test_app_sources_parse(path):
    text = path.read_text(encoding="utf-8")
    ast.parse(text)
    if path.name == "__init__.py" or path.parent.name == "migrations":
        return
    assert core.count_python_lines(text) > 0


def test_full_mode_footprint_is_the_plain_venv():
    """Full mode serves from a venv with gunicorn and waitress; the footprint is without them."""
    full = runner.Env("flask", Path("python"), dists=[("flask", "3", 10**6), ("gunicorn", "2", 1)])
    plain = runner.Env("flask", Path("python"), dists=[("flask", "3", 10**6)])
    run = harness.FrameworkRun(full, harness.Settings(), background_load=0, footprint_env=plain)
    run.footprint()
    got = {r.measure: r.value for r in run.rows}
    assert got == {"installed_mb": 1.0, "distributions": 1}


def test_cli_unknown_framework_is_rejected(capsys):
    from tools.evidence.__main__ import parse_args

    with pytest.raises(SystemExit):
        parse_args(["--frameworks", "nosuch"])
    assert "invalid choice" in capsys.readouterr().err
    assert Path(parse_args([]).out).name == "measurements.csv"
