"""The evidence harness run for real: app servers on 127.0.0.1, HTTP checks, timed load.

No network: the live run uses the standard library's wsgiref apps with the current interpreter.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fwcompare_nb.io import measurements
from tools.evidence import core, harness, runner

APPS = runner.APPS_DIR


def test_live_wsgiref_run(tmp_path):
    """The real harness, quick settings, on the stdlib app with the current interpreter."""
    env = runner.Env.current("wsgiref")
    settings = harness.Settings(repeats=1, load_seconds=1.0, concurrency=2)
    run = harness.FrameworkRun(env, settings, log=lambda _msg: None)
    assert run.run(("lines", "cpu")) == []
    got = {(r.measure, r.app): r for r in run.rows}
    assert got[("loc_written", "hello")].value == core.count_tree(APPS / "wsgiref" / "hello")[0]
    assert got[("loc_written", "json")].value > got[("loc_written", "hello")].value
    cpu = got[("cpu_ms_per_request", "hello")]
    assert cpu.value > 0 and cpu.n > 10  # two 1-second repeats: 2 s of bounded load
    path = measurements.write_measurements(run.rows, tmp_path / "m.csv")
    assert len(measurements.read_rows(path)) == len(run.rows)


def test_live_wsgiref_sqlite_run(tmp_path):
    """The sqlite app through the harness: checked over HTTP, its database in a temp dir."""
    app_dir = tmp_path / "apps" / "wsgiref" / "sqlite"
    app_dir.mkdir(parents=True)
    (app_dir / "app.py").write_bytes((APPS / "wsgiref" / "sqlite" / "app.py").read_bytes())
    env = runner.Env.current("wsgiref")
    run = harness.FrameworkRun(env, harness.Settings(repeats=1), apps_dir=tmp_path / "apps")
    run.log = lambda _msg: None
    assert run.run(("lines",)) == []
    got = {(r.measure, r.app): r.value for r in run.rows}
    assert got[("loc_written", "sqlite")] == core.count_tree(app_dir)[0] > 0
    assert got[("loc_project_files", "sqlite")] == got[("loc_written", "sqlite")]
    with runner.Server(env, app_dir, ready_path="/items") as srv:
        db = Path(srv._db_dir.name) / "items.db"
        runner.check_app(srv.port, "sqlite")
        runner.check_app(srv.port, "sqlite")
        status, body = runner.request(srv.port, "GET", "/items")
        assert status == 200 and [i["id"] for i in json.loads(body)] == [1, 2]
        assert db.is_file() and db.stat().st_size > 0  # persisted in SQLite, not in memory
    assert not db.exists()  # the temporary directory is removed with the server
    assert not list(app_dir.glob("*.db")) and not list(tmp_path.glob("*.db"))
    assert not list(APPS.rglob("*.db"))  # nothing written into the repository


def test_server_failure_is_a_clear_error(tmp_path):
    (tmp_path / "app.py").write_text("raise SystemExit('broken app')\n")
    with pytest.raises(runner.HarnessError, match="did not answer"):
        with runner.Server(runner.Env.current("wsgiref"), tmp_path, timeout=5):
            pass


def test_check_app_rejects_wrong_answer():
    with runner.Server(runner.Env.current("wsgiref"), APPS / "wsgiref" / "hello") as srv:
        runner.check_app(srv.port, "hello")
        with pytest.raises(runner.HarnessError):
            runner.check_app(srv.port, "json")  # the hello app has no /items
