"""The database comparison in data/python-web-databases: valid, sourced, tied to its measurements.

The measurements themselves come from ``python -m tools.databases`` (its pure parts:
tests/unit/tools/test_databases.py)."""

from __future__ import annotations

import csv
import re

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import fwcompare_nb as fw  # noqa: E402
from fwcompare_nb.io.checking import check_folder, check_paths  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

FOLDER = ROOT / "data" / "python-web-databases"
MEASUREMENTS = ROOT / "data" / "evidence" / "database-measurements.csv"
DATABASES = ["SQLite", "PostgreSQL", "MariaDB", "MongoDB", "SQL Server"]
MEASURED = {"SQLite": "sqlite", "PostgreSQL": "postgresql", "MariaDB": "mariadb"}
UNMEASURED = ["MongoDB", "SQL Server"]
# criteria whose score follows from the measurements for the measured databases
MEASURED_CRITERIA = ["footprint", "setup_ops", "write_concurrency"]
#: The winner of every preset, the same under all three methods (README, profiles.csv).
WINNERS = {
    "prototype": "SQLite",
    "read-heavy-web-app": "PostgreSQL",
    "write-heavy-service": "PostgreSQL",
    "document-data": "MongoDB",
    "microsoft-shop": "SQL Server",
}
METHODS = ["wsm", "wpm", "topsis"]
MEASUREMENT_ID = re.compile(r"db:[a-z]+:[a-z_0-9]+(?::[a-z-]+)?")
# a source names a document and a place in it: "<document>, <section>" or "<document>: <page>"
PRECISE = re.compile(r"\w.*[,:>].*\w")


@pytest.fixture(scope="module")
def dbs() -> fw.Comparison:
    return fw.load_comparison("python-web-databases")


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, str]]:
    with open(MEASUREMENTS, newline="", encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def value(measured: dict[str, dict[str, str]], mid: str) -> float:
    return float(measured[mid]["value"])


def test_folder_validates_without_problems():
    assert check_folder(FOLDER) == []
    assert check_paths([FOLDER]) == []


def test_alternatives_criteria_and_scales(dbs):
    assert list(dbs.alternatives) == DATABASES
    assert len(dbs.criterion_ids) >= 12
    for cid in dbs.criterion_ids:
        assert (dbs.criteria.loc[cid, "min"], dbs.criteria.loc[cid, "max"]) == (1, 5), cid
    costs = set(dbs.criteria.index[dbs.criteria["direction"] == "cost"])
    assert costs == {"setup_ops", "footprint"}
    for needed in ("django_support", "sqlalchemy_support", "migrations", "json_features",
                   "full_text_search", "licence", "managed_hosting", "maturity",
                   "write_concurrency"):  # fmt: skip
        assert needed in dbs.criterion_ids
    scores = pd.read_csv(FOLDER / "scores.csv")
    assert not scores.isna().any().any()


def test_every_cell_has_evidence_with_a_precise_source(dbs, measured):
    ev = dbs.evidence.set_index(["alternative", "criterion"])
    assert not ev.index.duplicated().any()
    assert len(ev) == len(DATABASES) * len(dbs.criterion_ids)
    for alt in DATABASES:
        for cid in dbs.criterion_ids:
            row = ev.loc[(alt, cid)]
            score = float(dbs.scores.loc[alt, cid])
            assert row["score_low"] <= score <= row["score_high"], (alt, cid)
            assert len(str(row["rationale"]).split()) >= 8, (alt, cid)
            source = str(row["source"])
            for part in source.split("; "):
                if part.startswith("measured: "):
                    ids = MEASUREMENT_ID.findall(part)
                    assert ids and all(i in measured for i in ids), (alt, cid, part)
                else:
                    # a document and its section or page, never a bare site or title
                    assert PRECISE.search(part), (alt, cid, part)
                    assert not re.fullmatch(r"\s*(https?://)?[\w.-]+\.\w+/?\s*", part), part


def test_support_cells_say_which_kind_of_backend(dbs):
    ev = dbs.evidence.set_index(["alternative", "criterion"])
    for alt in DATABASES:
        django = ev.loc[(alt, "django_support"), "rationale"].lower()
        sqla = ev.loc[(alt, "sqlalchemy_support"), "rationale"].lower()
        assert "core backend" in django or "third-party" in django, alt
        assert "included dialect" in sqla or "none" in sqla or "external" in sqla, alt
    assert dbs.scores.loc["SQL Server", "django_support"] < 5  # mssql-django is third-party
    assert dbs.scores.loc["SQL Server", "sqlalchemy_support"] == 5
    assert dbs.scores.loc["MongoDB", "sqlalchemy_support"] == 1


def test_measured_cells_cite_the_measurements_and_quote_their_figures(dbs, measured):
    ev = dbs.evidence.set_index(["alternative", "criterion"])
    for alt, key in MEASURED.items():
        for cid in MEASURED_CRITERIA:
            row = ev.loc[(alt, cid)]
            ids = MEASUREMENT_ID.findall(row["source"])
            assert ids, (alt, cid)
            for mid in ids:
                assert mid in measured and measured[mid]["alternative"] == key, mid
                r = measured[mid]
                assert r["date"] in row["source"] and r["machine"] in row["source"]
            # every cited figure appears in the rationale as the file has it
            quoted = [mid for mid in ids if f"{value(measured, mid):g}" in row["rationale"]]
            assert quoted, (alt, cid, row["rationale"])
    for alt in UNMEASURED:
        for cid in MEASURED_CRITERIA:
            assert ev.loc[(alt, cid), "rationale"].startswith("Not measured"), (alt, cid)


def test_write_concurrency_cells_cite_the_web_app_measurements(dbs, measured):
    # the Flask app under gunicorn (tools/databases/webapp.py): every measured database's
    # write_concurrency cell cites its web ids, which the file has, and quotes their figures
    ev = dbs.evidence.set_index(["alternative", "criterion"])
    setups = {"SQLite": ["rollback-deferred", "wal-immediate"], "PostgreSQL": ["default"],
              "MariaDB": ["default"]}  # fmt: skip
    for alt, key in MEASURED.items():
        row = ev.loc[(alt, "write_concurrency")]
        ids = set(MEASUREMENT_ID.findall(row["source"]))
        for setup in setups[alt]:
            for measure in ("web_commits_per_s", "web_failed"):
                mid = f"db:{key}:{measure}:{setup}"
                assert mid in measured, mid
                assert mid in ids, (alt, mid)
                assert f"{value(measured, mid):g}" in row["rationale"], (alt, mid)
        assert "Flask" in row["rationale"], alt
    # every web run's table holds exactly the rows the app answered 201 for
    for mid, r in measured.items():
        if r["measure"] == "web_rows":
            assert "equal to" in r["note"] and "NOT" not in r["note"], mid
            failed = value(measured, mid.replace("web_rows", "web_failed"))
            assert value(measured, mid) + failed == float(r["n"]), mid


def _band(mb: float) -> int:
    return 1 + sum(mb >= edge for edge in (10, 100, 1000, 3000))


def test_measured_scores_follow_the_measurements(dbs, measured):
    # footprint: installed packages + new data directory + idle server memory, in bands
    for alt, key in MEASURED.items():
        total = sum(
            value(measured, f"db:{key}:{m}")
            for m in ("install_mb", "data_dir_mb", "idle_pss_mb")
            if f"db:{key}:{m}" in measured
        )
        assert dbs.scores.loc[alt, "footprint"] == _band(total), (alt, total)
    # setup_ops: 1 only without a server to run
    assert value(measured, "db:sqlite:startup_ms") < 1
    assert dbs.scores.loc["SQLite", "setup_ops"] == 1
    for alt in ("PostgreSQL", "MariaDB"):
        assert "db:" + MEASURED[alt] + ":init_ms" in measured
        assert dbs.scores.loc[alt, "setup_ops"] >= 3
    # write_concurrency: failures under the default settings, in the direct write test or in
    # its web-app variant (HTTP 500s), cap the score at 2; none in either, at least 4
    defaults = {"SQLite": "rollback-deferred", "PostgreSQL": "default", "MariaDB": "default"}
    for alt, setup in defaults.items():
        errors = value(measured, f"db:{MEASURED[alt]}:write_errors:{setup}")
        errors += value(measured, f"db:{MEASURED[alt]}:web_failed:{setup}")
        score = dbs.scores.loc[alt, "write_concurrency"]
        assert score <= 2 if errors > 0 else score >= 4, (alt, errors, score)
    assert value(measured, "db:sqlite:write_errors:rollback-deferred") > 0
    assert value(measured, "db:sqlite:write_errors:wal-immediate") == 0
    assert value(measured, "db:sqlite:web_failed:wal-immediate") == 0


def test_measurement_file_is_complete_and_documented(measured):
    for key in MEASURED.values():
        for m in ("install_mb", "packages", "data_dir_mb", "startup_ms"):
            assert f"db:{key}:{m}" in measured
    for row in measured.values():
        assert row["date"] and row["versions"] and row["machine"] and row["method"]
    readme = (ROOT / "data" / "evidence" / "README.md").read_text(encoding="utf-8")
    assert "database-measurements.csv" in readme
    for m in {row["measure"] for row in measured.values()}:
        assert f"`{m}`" in readme, m


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("preset", list(WINNERS))
def test_every_preset_has_its_winner_under_every_method(dbs, preset, method):
    rec = fw.recommend(dbs, preset, method)
    assert rec.winner == WINNERS[preset], (preset, method, rec.winner)
    assert rec.margin > 0
    assert fw.rank(dbs, preset, method).index[0] == WINNERS[preset]


def test_each_description_names_its_winner_in_one_sentence(dbs):
    assert set(dbs.profiles.index) == set(WINNERS)
    for preset, winner in WINNERS.items():
        text = dbs.profiles.loc[preset, "description"]
        assert f"{winner} wins" in text, preset
        assert text.count(". ") == 0, preset  # one sentence


def test_claims_reference_known_alternatives_and_criteria(dbs):
    claims = dbs.claims
    assert len(claims) >= 8
    assert set(claims["framework"]) <= set(DATABASES) | {"all", "both"}
    for ids in claims["criterion"]:
        assert all(c.strip() in dbs.criterion_ids for c in ids.split(";"))
    text = " ".join(claims["claim"]).lower()
    assert "sql server" in text and "best for flask" in text
    sql_server = claims[claims["claim"].str.contains("SQL Server")]
    assert (sql_server["evidence"].str.contains("mssql-django")).all()
