"""Reading and reshaping measured evidence without rerunning anything."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io import measurements
from fwcompare_nb.io.measurements import COLUMNS, measure_table, read_measurements
from fwcompare_nb.plots.evidence import plot_measure

HEADER = ",".join(COLUMNS)
ROWS = """flask,loc_written,hello,5,lines,1,count,flask 3.1.3,3.11.7,ci,2026-11-24,
flask,loc_written,json,14,lines,1,count,flask 3.1.3,3.11.7,ci,2026-11-24,
django,loc_written,hello,9,lines,1,count,django 5.2.19,3.11.7,ci,2026-11-24,"single file"
django,loc_written,json,21,lines,1,count,django 5.2.19,3.11.7,ci,2026-11-24,
flask,installed_mb,,4.2,MB,1,du,flask 3.1.3,3.11.7,ci,2026-11-24,
django,installed_mb,,33.1,MB,1,du,django 5.2.19,3.11.7,ci,2026-11-24,
"""


@pytest.fixture
def csv(tmp_path):
    path = tmp_path / "measurements.csv"
    path.write_text(HEADER + "\n" + ROWS, encoding="utf-8")
    return path


def test_measure_table_pivots_frameworks_by_app(csv):
    m = read_measurements(csv)
    loc = measure_table(m, "loc_written")
    assert list(loc.columns) == ["hello", "json"]
    assert loc.loc["django", "json"] == 21 and loc.loc["flask", "hello"] == 5
    assert loc.attrs["unit"] == "lines"
    size = measure_table(m, "installed_mb")
    assert list(size.columns) == ["value"] and size.loc["django", "value"] == pytest.approx(33.1)


def test_missing_file_and_measure_and_column_are_refused(tmp_path, csv):
    with pytest.raises(DataError, match="make evidence"):
        read_measurements(tmp_path / "none.csv")
    with pytest.raises(DataError, match="installed_mb, loc_written"):
        measure_table(read_measurements(csv), "speed")
    bad = tmp_path / "bad.csv"
    bad.write_text("framework,measure,value\nflask,x,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        read_measurements(bad)


def test_plot_measure_draws_one_bar_per_framework_and_app(csv):
    ax = plot_measure(measure_table(read_measurements(csv), "loc_written"), title="LOC")
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()] == ["flask", "django"]  # smallest first
    plt.close(ax.figure)


# --------------------------------------------------------------------------- the CSV the evidence harness writes


def test_csv_round_trip(tmp_path):
    rows = [
        measurements.Measurement(
            "flask",
            "loc_written",
            "hello",
            5,
            "lines",
            1,
            "m",
            "flask 3",
            "py",
            "m",
            "2026-11-24T00:00:00+00:00",
        ),
        measurements.Measurement(
            "flask",
            "cpu_ms_per_request",
            "hello",
            0.123456,
            "ms",
            900,
            date="2026-11-24",
            note='a "quoted", note',
        ),
        measurements.Measurement(
            "flask",
            "threaded_speedup",
            "blocking",
            None,
            "ratio",
            2,
            date="2026-11-24",
            note="declined: load",
        ),
    ]
    path = measurements.write_measurements(rows, tmp_path / "sub" / "m.csv")
    assert not list(path.parent.glob("*.tmp"))  # the temporary file was replaced, not left
    back = measurements.read_rows(path)
    assert [r.value for r in back] == [5.0, 0.123, None]
    assert back[1].note == 'a "quoted", note' and back[1].n == 900


@pytest.mark.parametrize(
    ("column", "bad"), [("unit", "parsecs"), ("value", "abc"), ("date", "24/11/2026"), ("n", "x")]
)
def test_csv_rejects_bad_rows(tmp_path, column, bad):
    row = measurements.Measurement(
        "flask", "loc_written", "hello", 5, "lines", 1, date="2026-11-24"
    )
    path = measurements.write_measurements([row], tmp_path / "m.csv")
    text = path.read_text().splitlines()
    cells = text[1].split(",")
    cells[measurements.COLUMNS.index(column)] = bad
    path.write_text("\n".join([text[0], ",".join(cells)]) + "\n")
    with pytest.raises(DataError):
        measurements.read_rows(path)


def test_csv_rejects_missing_column(tmp_path):
    (tmp_path / "m.csv").write_text("framework,measure\nflask,x\n")
    with pytest.raises(DataError, match="missing columns"):
        measurements.read_rows(tmp_path / "m.csv")
