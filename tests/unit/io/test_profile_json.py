"""A profile file's content and name made in memory: the same bytes the store saves, checked alike."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io.profiles import (
    ProfileStore,
    profile_file_name,
    profile_json,
    read_profile,
)

WEIGHTS = {"learning_curve": 3, "admin_interface": 1.5, "flexibility": 0}
WHEN = datetime(2025, 1, 31, 12, 0, tzinfo=UTC)


def without_date(raw: bytes) -> dict[str, object]:
    data = json.loads(raw.decode("utf-8"))
    del data["saved_at"]
    return data


def test_the_store_saves_exactly_these_bytes(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path)
    path = store.save("Équipe 1", WEIGHTS, comparison="django-vs-flask", method="topsis")
    saved = path.read_bytes()
    made = profile_json("Équipe 1", WEIGHTS, comparison="django-vs-flask", method="topsis")
    # Equal but for the time of saving: same keys in the same order, same layout.
    stamp = json.loads(saved)["saved_at"]
    made_stamp = json.loads(made)["saved_at"]
    assert made.replace(made_stamp.encode(), stamp.encode()) == saved
    assert list(json.loads(made)) == list(json.loads(saved))
    assert path.name == profile_file_name("Équipe 1") == "equipe-1.json"


def test_bytes_read_back_as_a_profile(tmp_path: Path) -> None:
    data = profile_json(" Small team ", WEIGHTS, comparison="django-vs-flask", method="WPM",
                        saved_at=WHEN)  # fmt: skip
    path = tmp_path / profile_file_name("Small team")
    path.write_bytes(data)
    saved = read_profile(path)
    assert saved.name == "Small team"  # stripped, as the store does
    assert saved.method == "wpm"
    assert saved.comparison == "django-vs-flask"
    assert saved.saved_at == "2025-01-31T12:00:00+00:00"
    assert saved.weights.to_dict() == {k: float(v) for k, v in WEIGHTS.items()}
    assert data.endswith(b"}\n") and b'\n  "schema": "fwcompare.weights"' in data
    assert ProfileStore(tmp_path).list().index.tolist() == ["Small team"]


def test_series_weights_are_stored_as_given_not_normalised() -> None:
    weights = pd.Series([0.25, 0.75], index=["learning_curve", "flexibility"])
    data = json.loads(profile_json("x", weights))
    assert data["weights"] == {"learning_curve": 0.25, "flexibility": 0.75}
    assert data["comparison"] == "" and data["method"] == "wsm"


def test_saved_at_keeps_its_time_zone_and_defaults_to_now_in_utc() -> None:
    plus_two = datetime(2025, 6, 1, 8, 30, 15, 999, tzinfo=timezone(timedelta(hours=2)))
    assert json.loads(profile_json("x", WEIGHTS, saved_at=plus_two))["saved_at"] == (
        "2025-06-01T08:30:15+02:00"
    )
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = datetime.fromisoformat(json.loads(profile_json("x", WEIGHTS))["saved_at"])
    assert stamp.utcoffset() == timedelta(0) and before <= stamp <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("args", "kwargs", "says"),
    [
        (("a/b", WEIGHTS), {}, "cannot contain '/'"),
        (("", WEIGHTS), {}, "empty"),
        (("x" * 65, WEIGHTS), {}, "more than 64"),
        (("line\nbreak", WEIGHTS), {}, "control characters"),
        (("x", {}), {}, "no weights"),
        (("x", {"a": -1}), {}, "negative"),
        (("x", {"a": math.nan}), {}, "missing weight"),
        (("x", {"a": 0, "b": 0}), {}, "all weights are zero"),
        (("x", WEIGHTS), {"method": "best"}, "method"),
        (("x", WEIGHTS), {"comparison": 3}, "comparison name must be text"),
        (("x", WEIGHTS), {"saved_at": datetime(2025, 1, 31)}, "time zone"),
        (("x", WEIGHTS), {"saved_at": "2025-01-31"}, "time zone"),
    ],
)
def test_bad_input_is_refused_with_a_data_error(args, kwargs, says) -> None:
    with pytest.raises(DataError, match=says):
        profile_json(*args, **kwargs)


def test_a_refused_profile_is_not_saved(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles")
    with pytest.raises(DataError):
        store.save("x", {"a": -1})
    assert not store.directory.exists()  # checked before the folder is made


@pytest.mark.parametrize(
    ("name", "file"),
    [("Small team", "small-team.json"), ("  Équipe ü ", "equipe-u.json"), ("con", "con_.json")],
)
def test_profile_file_name_is_the_slug(name: str, file: str) -> None:
    assert profile_file_name(name) == file


def test_profile_file_name_refuses_what_the_store_refuses() -> None:
    with pytest.raises(DataError, match="cannot contain"):
        profile_file_name("../../etc/passwd")
