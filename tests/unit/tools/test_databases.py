"""The pure parts of tools/databases (the measuring run itself needs the servers: see
data/python-web-databases/README.md), a tiny SQLite write test and, where Flask and gunicorn
are installed, a tiny run of the web-app variant against SQLite."""

from __future__ import annotations

from importlib.util import find_spec

import pytest

from tools.databases import core, webapp, workload

STATUS = """\
Package: base-lib
Status: install ok installed
Priority: optional
Version: 1.0
Installed-Size: 1000

Package: coreutils
Status: install ok installed
Essential: yes
Priority: required
Version: 9.1
Installed-Size: 500
Depends: base-lib (>= 1.0)

Package: db-server
Status: install ok installed
Version: 2.0
Installed-Size: 2000
Pre-Depends: adduser
Depends: db-common (= 2.0), base-lib, awk-virtual | missing-pkg, gone-pkg
Description: a server
 with a continuation line: Depends: not-a-field

Package: db-common
Status: install ok installed
Version: 2.0
Installed-Size: 300
Depends: db-server:any

Package: adduser
Status: install ok installed
Version: 3
Installed-Size: 100

Package: mawk
Status: install ok installed
Version: 1.3
Installed-Size: 50
Provides: awk-virtual

Package: removed
Status: deinstall ok config-files
Installed-Size: 9999
"""


@pytest.fixture
def packages() -> dict[str, core.Package]:
    return core.parse_dpkg_status(STATUS)


def test_parse_keeps_installed_packages_and_their_fields(packages):
    assert set(packages) == {"base-lib", "coreutils", "db-server", "db-common", "adduser", "mawk"}
    server = packages["db-server"]
    assert server.installed_kb == 2000 and server.version == "2.0"
    assert server.depends == (
        ("adduser",),
        ("db-common",),
        ("base-lib",),
        ("awk-virtual", "missing-pkg"),
        ("gone-pkg",),
    )
    assert packages["coreutils"].essential and packages["mawk"].provides == ("awk-virtual",)


def test_closure_follows_alternatives_virtual_names_and_cycles(packages):
    closure = core.dependency_closure(packages, ["db-server"])
    assert closure == {"db-server", "db-common", "base-lib", "adduser", "mawk"}
    assert core.dependency_closure(packages, ["not-installed"]) == set()


def test_footprint_leaves_out_the_base_system(packages):
    assert core.base_system(packages) == {"coreutils", "base-lib"}
    mb, names = core.footprint(packages, ["db-server"])
    assert names == ["adduser", "db-common", "db-server", "mawk"]
    assert mb == round((100 + 300 + 2000 + 50) * 1024 / 1e6, 2)


def test_summaries():
    assert core.median([3, 1, 2]) == 2
    assert core.percentile([], 95) == 0.0
    assert core.percentile([5], 95) == 5
    assert core.percentile(range(101), 95) == pytest.approx(95)
    assert core.spread([1.0, 3.0]) == "1.0..3.0 over 2"
    kinds = core.error_kinds(["database is locked"] * 3 + ["disk I/O error"])
    assert kinds == "3x database is locked; 1x disk I/O error"
    assert core.error_kinds([]) == ""
    assert core.measurement_id("sqlite", "writes_per_s", "wal-immediate") == (
        "db:sqlite:writes_per_s:wal-immediate"
    )
    assert core.measurement_id("mariadb", "install_mb") == "db:mariadb:install_mb"


def _row(mid: str, value: float) -> core.Row:
    return core.Row(
        mid, "sqlite", "m", "", value, "ms", 1, "how", "v", "py", "mach", "date", "a, b"
    )


def test_rows_round_trip_and_ids_are_unique(tmp_path):
    path = tmp_path / "out" / "m.csv"
    core.write_rows([_row("db:a:x", 1.5), _row("db:a:y", 2400)], path)
    back = core.read_rows(path)
    assert list(back) == ["db:a:x", "db:a:y"]
    assert back["db:a:y"]["value"] == "2400" and back["db:a:x"]["note"] == "a, b"
    assert list(back["db:a:x"]) == core.COLUMNS
    with pytest.raises(ValueError, match="duplicate"):
        core.write_rows([_row("db:a:x", 1), _row("db:a:x", 2)], path)
    assert [p.name for p in path.parent.iterdir()] == ["m.csv"]  # no temporary file left


def test_sqlite_write_test_counts_commits_and_failures(tmp_path):
    spec = {"kind": "sqlite", "path": str(tmp_path / "t.db"), "journal": "wal",
            "begin": "BEGIN IMMEDIATE", "timeout": 5.0}  # fmt: skip
    workload.create_table(spec)
    result = workload.run(spec, workers=2, transactions=5)
    assert result.committed + len(result.errors) == 10
    assert result.errors == []  # IMMEDIATE waits for the lock instead of failing
    summary = workload.summary([result])
    assert summary["write_errors"] == 0 and summary["writes_per_s"] > 0
    conn = workload.connect(spec)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 10
    conn.close()


def test_web_summary_takes_the_median_rate_and_sums_failures_and_rows():
    runs = [
        webapp.WebResult(wall_s=1.0, created=8, failed=2, rows=8, errors=["x"] * 2),
        webapp.WebResult(wall_s=2.0, created=10, rows=10),
        webapp.WebResult(wall_s=1.0, created=9, failed=0, other=1, rows=9, errors=["y"]),
    ]
    assert [r.commits_per_s for r in runs] == [8.0, 5.0, 9.0]
    assert webapp.summary(runs) == {
        "web_commits_per_s": 8.0,
        "web_failed": 3.0,  # HTTP 500s and any other non-201 answer
        "web_rows": 27.0,
        "created": 27.0,
    }
    assert webapp.WebResult(wall_s=0).commits_per_s == 0.0


@pytest.mark.skipif(
    find_spec("flask") is None or find_spec("gunicorn") is None,
    reason="the web-app variant needs flask and gunicorn, which live only in the measuring "
    "tool's scratch venv (/tmp/dbmeasure-venv), not in the project's test venv",
)
def test_web_variant_serves_the_sqlite_app_with_gunicorn(tmp_path):
    spec = {"kind": "sqlite", "path": str(tmp_path / "web.db"), "journal": "wal",
            "begin": "BEGIN IMMEDIATE", "timeout": 5.0}  # fmt: skip
    workload.create_table(spec)
    server = webapp.Gunicorn(spec, workers=2, log=tmp_path / "gunicorn.log")
    server.start()
    try:
        results = [webapp.run(server.port, spec, clients=2, requests=3) for _ in range(2)]
    finally:
        server.stop()
    assert server.proc is None
    for r in results:
        assert (r.created, r.failed, r.other, r.rows) == (6, 0, 0, 6), r.errors
    summary = webapp.summary(results)
    assert summary["web_failed"] == 0 and summary["web_rows"] == summary["created"] == 12
    assert summary["web_commits_per_s"] > 0
    assert "Flask" in webapp.versions() and "gunicorn" in webapp.versions()
