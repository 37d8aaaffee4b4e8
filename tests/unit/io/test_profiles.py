"""Saved weight profiles: round trips, refusals, atomic writes and bad files."""

from __future__ import annotations

import json
import math
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

import fwcompare_nb as fw
from fwcompare_nb import config
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io import profiles as ps
from fwcompare_nb.io.profiles import (
    ProfileExistsError,
    ProfileStore,
    SavedProfile,
    slugify,
    weights_for,
)

WEIGHTS = {"learning_curve": 3, "admin_interface": 1.5, "flexibility": 0}


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles")


def entries(directory: Path) -> list[str]:
    """Every name in the folder, hidden temp files included."""
    return sorted(os.listdir(directory)) if directory.exists() else []


def record(name: str = "Team", **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "schema": "fwcompare.weights",
        "schema_version": 1,
        "name": name,
        "comparison": "django-vs-flask",
        "method": "wsm",
        "saved_at": "2025-01-31T12:00:00+00:00",
        "weights": {"learning_curve": 2.0, "admin_interface": 1.0},
    }
    data.update(changes)
    return data


def write_file(store: ProfileStore, content: str | bytes, stem: str = "team") -> Path:
    store.directory.mkdir(parents=True, exist_ok=True)
    path = store.directory / f"{stem}.json"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# -- round trip, list, exists, delete ------------------------------------------------------


def test_round_trip_keeps_weights_and_metadata(store: ProfileStore) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    path = store.save("Small team", WEIGHTS, comparison="django-vs-flask", method="topsis")
    after = datetime.now(UTC)
    assert path == store.directory / "small-team.json"
    saved = store.load("Small team")
    assert isinstance(saved, SavedProfile)
    expected = pd.Series(
        {"learning_curve": 3.0, "admin_interface": 1.5, "flexibility": 0.0}, name="weight"
    )
    expected.index.name = "id"
    pd.testing.assert_series_equal(saved.weights, expected)  # as given: not normalised
    assert saved.name == "Small team"
    assert saved.comparison == "django-vs-flask"
    assert saved.method == "topsis"
    assert saved.file == path
    stamp = datetime.fromisoformat(saved.saved_at)
    assert stamp.utcoffset() == timedelta(0)
    assert before <= stamp <= after


def test_series_weights_and_stripped_name(store: ProfileStore) -> None:
    weights = pd.Series([0.25, 0.75], index=["learning_curve", "flexibility"])
    store.save("  Solo dev  ", weights)
    saved = store.load("Solo dev")
    assert saved.name == "Solo dev"
    assert saved.weights.to_dict() == {"learning_curve": 0.25, "flexibility": 0.75}
    assert saved.comparison == "" and saved.method == "wsm"


def test_file_format_is_pretty_utf8_json(store: ProfileStore) -> None:
    path = store.save("Équipe ü", {"learning_curve": 2}, comparison="django-vs-flask")
    assert path.name == "equipe-u.json"
    raw = path.read_bytes()
    assert "Équipe ü".encode() in raw  # not \u-escaped
    assert raw.endswith(b"}\n") and b'\n  "schema": ' in raw
    data = json.loads(raw.decode("utf-8"))
    assert list(data) == [
        "schema",
        "schema_version",
        "name",
        "comparison",
        "method",
        "saved_at",
        "weights",
        "own_scores",
        "requirements",
    ]
    assert data["schema"] == "fwcompare.weights" and data["schema_version"] == 2
    assert data["own_scores"] == [] and data["requirements"] == []
    assert data["weights"] == {"learning_curve": 2.0}
    assert store.load("Équipe ü").name == "Équipe ü"


def test_missing_directory_lists_empty_and_save_creates_it(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "a" / "b" / "profiles")
    frame = store.list()
    assert frame.empty
    assert list(frame.columns) == ["comparison", "method", "saved_at", "file"]
    assert frame.index.name == "name"
    assert store.problems() == []
    assert not store.exists("x")
    assert not store.directory.exists()  # reading never creates it
    store.save("x", {"a": 1})
    assert store.directory.is_dir()
    assert store.exists("x")


def test_default_directory_comes_from_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "PROFILES_DIR", tmp_path / "from-config")
    assert ProfileStore().directory == tmp_path / "from-config"
    assert ProfileStore(str(tmp_path)).directory == tmp_path


def test_list_exists_delete(store: ProfileStore) -> None:
    store.save("beta", {"a": 1}, comparison="c1", method="wpm")
    store.save("Alpha", {"a": 2}, comparison="c2")
    store.save("gamma", {"b": 1})
    frame = store.list()
    assert list(frame.index) == ["Alpha", "beta", "gamma"]  # by name, ignoring case
    assert frame.index.name == "name"
    assert list(frame.columns) == ["comparison", "method", "saved_at", "file"]
    assert frame.loc["beta", "comparison"] == "c1"
    assert frame.loc["beta", "method"] == "wpm"
    assert frame.loc["Alpha", "file"] == store.directory / "alpha.json"
    datetime.fromisoformat(frame.loc["gamma", "saved_at"])

    assert store.exists("beta") and store.exists("ALPHA") and not store.exists("delta")
    store.delete("beta")
    assert not store.exists("beta")
    assert list(store.list().index) == ["Alpha", "gamma"]
    assert entries(store.directory) == ["alpha.json", "gamma.json"]
    with pytest.raises(DataError, match="no saved profile named 'beta'") as info:
        store.delete("beta")
    assert "Fix:" in str(info.value) and "'Alpha', 'gamma'" in str(info.value)


def test_delete_removes_a_damaged_file(store: ProfileStore) -> None:
    write_file(store, "{not json")
    assert store.exists("Team")
    store.delete("Team")
    assert entries(store.directory) == []


# -- overwrite, slugs, names --------------------------------------------------------------


def test_overwrite_refused_without_flag_and_old_file_unchanged(store: ProfileStore) -> None:
    path = store.save("Team", {"a": 1})
    old = path.read_bytes()
    with pytest.raises(ProfileExistsError) as info:
        store.save("Team", {"a": 5})
    assert isinstance(info.value, DataError)
    message = str(info.value)
    assert str(path) in message and "Fix:" in message
    assert "overwrite=True" in message and "tick 'overwrite'" in message
    assert path.read_bytes() == old
    assert entries(store.directory) == ["team.json"]


def test_overwrite_true_replaces(store: ProfileStore) -> None:
    store.save("Team", {"a": 1}, comparison="old")
    path = store.save("Team", {"b": 4}, comparison="new", overwrite=True)
    saved = store.load("Team")
    assert saved.weights.to_dict() == {"b": 4.0}
    assert saved.comparison == "new"
    assert entries(store.directory) == [path.name]


def test_names_with_the_same_slug_are_the_same_profile(store: ProfileStore) -> None:
    path = store.save("My Profile", {"a": 1})
    old = path.read_bytes()
    with pytest.raises(ProfileExistsError, match="'My Profile'") as info:
        store.save("my-profile", {"a": 2})
    assert "'my-profile'" in str(info.value) and str(path) in str(info.value)
    assert path.read_bytes() == old
    assert store.exists("my-profile") and store.exists("MY PROFILE")
    assert store.load("my-profile").name == "My Profile"

    store.save("my-profile", {"a": 2}, overwrite=True)
    assert list(store.list().index) == ["my-profile"]
    assert entries(store.directory) == ["my-profile.json"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("My Profile", "my-profile"),
        ("Équipe", "equipe"),
        ("a.b/c", "a-b-c"),
        ("snake_case-9", "snake_case-9"),
        ("CON", "con_"),
    ],
)
def test_slugify(name: str, expected: str) -> None:
    assert slugify(name) == expected


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a/b", "'/'"),
        ("a\\b", "'/'"),
        ("..", "'.' and '..'"),
        (".", "'.' and '..'"),
        ("x" * 65, "more than 64"),
        ("two\nlines", "control characters"),
        ("tab\there", "control characters"),
        ("nul\x00", "control characters"),
        (42, "must be text"),
        (None, "must be text"),
    ],
)
def test_bad_names_refused(store: ProfileStore, name: object, fragment: str) -> None:
    for call in (
        lambda: store.save(name, {"a": 1}),  # type: ignore[arg-type]
        lambda: store.load(name),  # type: ignore[arg-type]
        lambda: store.exists(name),  # type: ignore[arg-type]
        lambda: store.delete(name),  # type: ignore[arg-type]
    ):
        with pytest.raises(DataError, match="Fix:") as info:
            call()
        assert fragment in str(info.value)
    assert entries(store.directory) == []


def test_longest_name_accepted(store: ProfileStore) -> None:
    store.save("x" * 64, {"a": 1})
    assert store.load("x" * 64).name == "x" * 64


@pytest.mark.parametrize(
    ("weights", "fragment"),
    [
        ({}, "no weights"),
        ({"a": -1}, "negative"),
        ({"a": math.nan}, "missing weight"),  # NaN reads as a missing value
        ({"a": math.inf}, "not finite"),
        ({"a": 0, "b": 0.0}, "all weights are zero"),
        ({"a": "heavy"}, "not a number"),
        ({"a": True}, "not a number"),
        ({"a": None}, "missing weight"),
        ({"": 1}, "non-empty text"),
        ({1: 1}, "non-empty text"),
        ([1, 2], "mapping or Series"),
        (pd.Series([1.0, 2.0], index=["a", "a"]), "twice"),
    ],
)
def test_bad_weights_refused_before_writing(
    store: ProfileStore, weights: object, fragment: str
) -> None:
    with pytest.raises(DataError, match="Fix:") as info:
        store.save("Team", weights)  # type: ignore[arg-type]
    assert fragment in str(info.value)
    assert "'Team'" in str(info.value)
    assert entries(store.directory) == []


def test_bad_method_and_comparison_refused(store: ProfileStore) -> None:
    with pytest.raises(DataError, match="unknown scoring method.*Fix: use one of: wsm"):
        store.save("Team", {"a": 1}, method="ahp")
    with pytest.raises(DataError, match="comparison name must be text"):
        store.save("Team", {"a": 1}, comparison=None)  # type: ignore[arg-type]
    assert entries(store.directory) == []
    store.save("Team", {"a": 1}, method="TOPSIS")
    assert store.load("Team").method == "topsis"


def test_directory_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "profiles"
    blocker.write_text("not a folder")
    store = ProfileStore(blocker)
    for call in (store.list, lambda: store.save("Team", {"a": 1})):
        with pytest.raises(DataError, match="is a file, not a folder.*Fix:"):
            call()
    assert blocker.read_text() == "not a folder"


# -- atomic writes -------------------------------------------------------------------------


def test_failed_replace_keeps_old_file_and_leaves_no_temp(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save("Team", {"a": 1})
    old = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        assert Path(src).exists()  # the new content was complete before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ps.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        store.save("Team", {"a": 9}, overwrite=True)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert entries(store.directory) == ["team.json"]
    assert store.load("Team").weights.to_dict() == {"a": 1.0}


def test_interrupt_during_replace_cleans_up(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save("Team", {"a": 1})
    old = path.read_bytes()

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ps.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save("Team", {"a": 9}, overwrite=True)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert entries(store.directory) == ["team.json"]


def test_crash_after_half_the_temp_file_is_written(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save("Team", {"a": 1})
    old = path.read_bytes()
    real_write = os.write
    seen: list[str] = []

    def half_then_crash(fd: int, data: bytes) -> int:
        if seen:
            raise OSError(5, "Input/output error")
        seen.append(os.readlink(f"/proc/self/fd/{fd}") if Path("/proc/self/fd").exists() else "")
        return real_write(fd, bytes(data[: len(data) // 2]))  # a short write, as the OS may do

    monkeypatch.setattr(ps.os, "write", half_then_crash)
    with pytest.raises(OSError, match="Input/output error"):
        store.save("Team", {"a": 9, "b": 3}, overwrite=True)
    monkeypatch.undo()
    if seen[0]:  # where /proc exists: the write went to a hidden temp file next to the target
        temp = Path(seen[0])
        assert temp.parent == store.directory
        assert temp.name.startswith(".tmp-team-") and temp.name.endswith(".json.part")
    assert path.read_bytes() == old
    assert entries(store.directory) == ["team.json"]


def test_failed_fsync_of_a_new_profile_leaves_nothing(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("Other", {"a": 1})

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(ps.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output error"):
        store.save("Team", {"a": 9})
    monkeypatch.undo()
    assert entries(store.directory) == ["other.json"]
    assert list(store.list().index) == ["Other"]
    assert store.problems() == []


def test_data_is_fsynced_before_it_is_published(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save("Team", {"a": 1})
    calls: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def spy_fsync(fd: int) -> None:
        calls.append(("fsync", fd))
        real_fsync(fd)

    def spy_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(("replace", (Path(src), Path(dst))))
        real_replace(src, dst)

    monkeypatch.setattr(ps.os, "fsync", spy_fsync)
    monkeypatch.setattr(ps.os, "replace", spy_replace)
    target = store.save("Team", {"a": 2}, overwrite=True)
    monkeypatch.undo()
    kinds = [kind for kind, _ in calls]
    assert kinds[:2] == ["fsync", "replace"]  # the temp file's data first, then the rename
    src, dst = calls[1][1]  # type: ignore[misc]
    assert dst == target and src.parent == target.parent  # same folder: rename is atomic
    if hasattr(os, "O_DIRECTORY"):
        assert kinds == ["fsync", "replace", "fsync"]  # and the folder entry afterwards


def test_new_profile_never_replaces_a_file_created_meanwhile(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process saves the same name between our check and our rename: we refuse."""
    store.directory.mkdir(parents=True)
    real_link = os.link
    theirs = json.dumps(record("Team")).encode()

    def racing_link(src: str | Path, dst: str | Path) -> None:
        Path(dst).write_bytes(theirs)
        real_link(src, dst)

    monkeypatch.setattr(ps.os, "link", racing_link)
    with pytest.raises(ProfileExistsError, match="already exists"):
        store.save("Team", {"a": 9})
    monkeypatch.undo()
    assert (store.directory / "team.json").read_bytes() == theirs
    assert entries(store.directory) == ["team.json"]


def test_save_works_where_hard_links_are_not_supported(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(ps.os, "link", no_links)
    store.save("Team", {"a": 1})
    with pytest.raises(ProfileExistsError):
        store.save("Team", {"a": 2})
    monkeypatch.undo()
    assert store.load("Team").weights.to_dict() == {"a": 1.0}
    assert entries(store.directory) == ["team.json"]


def test_stray_temp_and_hidden_files_are_ignored(store: ProfileStore) -> None:
    store.save("Team", {"a": 1})
    (store.directory / ".tmp-team-abc123.json.part").write_text('{"schema": "fwcompa')
    (store.directory / ".tmp-x-1.json").write_text("half")
    (store.directory / "notes.txt").write_text("not a profile")
    (store.directory / "sub.json").mkdir()
    assert list(store.list().index) == ["Team"]
    assert store.problems() == []
    assert store.load("Team").weights.to_dict() == {"a": 1.0}


# -- bad files -----------------------------------------------------------------------------

GOOD = json.dumps(record(), indent=2)

BAD_FILES: list[tuple[str, str | bytes, str]] = [
    ("truncated", GOOD[: len(GOOD) // 2], "not valid JSON"),
    ("empty", "", "not valid JSON"),
    ("array", "[1, 2, 3]", "JSON array"),
    ("string", '"team"', "JSON string"),
    (
        "package.json",
        json.dumps({"name": "team", "version": "1.0.0", "dependencies": {}}),
        "not an fwcompare weight profile",
    ),
    ("other schema", json.dumps(record(schema="other.thing")), "'schema' field"),
    ("newer version", json.dumps(record(schema_version=3)), "upgrade fwcompare"),
    ("version as text", json.dumps(record(schema_version="1")), "'schema_version' must be"),
    ("version zero", json.dumps(record(schema_version=0)), "'schema_version' must be"),
    (
        "no name",
        json.dumps({k: v for k, v in record().items() if k != "name"}),
        "'name' is missing",
    ),
    ("name not text", json.dumps(record(name=7)), "'name' is not text"),
    ("bad name", json.dumps(record(name="a/b")), "'/'"),
    ("name of another file", json.dumps(record(name="Other")), "does not match"),
    ("bad method", json.dumps(record(method="ahp")), "unknown scoring method"),
    ("bad saved_at", json.dumps(record(saved_at="yesterday")), "ISO 8601"),
    (
        "no comparison",
        json.dumps({k: v for k, v in record().items() if k != "comparison"}),
        "'comparison' is missing",
    ),
    (
        "no weights",
        json.dumps({k: v for k, v in record().items() if k != "weights"}),
        "'weights' is missing",
    ),
    ("weights list", json.dumps(record(weights=[1, 2])), "'weights' is not an object"),
    ("weights empty", json.dumps(record(weights={})), "'weights' is empty"),
    (
        "weight string",
        json.dumps(record(weights={"learning_curve": "3"})),
        "JSON string, not a number",
    ),
    ("weight bool", json.dumps(record(weights={"learning_curve": True})), "not a number"),
    ("weight null", json.dumps(record(weights={"learning_curve": None})), "not a number"),
    ("weight negative", json.dumps(record(weights={"learning_curve": -1})), "negative"),
    ("weight NaN", json.dumps(record(weights={"learning_curve": math.nan})), "not a finite"),
    ("weight Infinity", json.dumps(record(weights={"learning_curve": math.inf})), "not a finite"),
    ("weight huge int", GOOD.replace("2.0", "1" + "0" * 400), "not a finite"),
    (
        "all zero",
        json.dumps(record(weights={"learning_curve": 0, "flexibility": 0.0})),
        "all weights are zero",
    ),
    ("empty id", json.dumps(record(weights={" ": 1})), "criterion id is empty"),
    (
        "duplicate key",
        GOOD.replace('"learning_curve": 2.0', '"flexibility": 1, "flexibility": 2'),
        "twice",
    ),
    ("not utf-8", GOOD.encode("utf-8").replace(b"Team", b"T\xe9am"), "not UTF-8"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "JSON"),
    ("huge", GOOD + " " * (1024 * 1024), "1 MiB"),
]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [pytest.param(content, fragment, id=case) for case, content, fragment in BAD_FILES],
)
def test_bad_file_refused_with_file_and_fix(
    store: ProfileStore, content: str | bytes, fragment: str
) -> None:
    path = write_file(store, content)
    with pytest.raises(DataError) as info:
        store.load("Team")
    message = str(info.value)
    assert fragment in message
    assert str(path) in message
    assert "Fix:" in message
    # The store keeps working: the bad file is reported, not listed, and not overwritten.
    assert store.list().empty
    problems = store.problems()
    assert [str(p) for p in problems] == [message]
    assert store.exists("Team")
    with pytest.raises(ProfileExistsError):
        store.save("Team", {"a": 1})
    assert path.read_bytes() == (content.encode() if isinstance(content, str) else content)


def test_invalid_json_reports_line_and_column(store: ProfileStore) -> None:
    path = write_file(store, '{\n  "schema": "fwcompare.weights",\n  "name" "Team"\n}')
    with pytest.raises(DataError, match=r"line 3, column 10") as info:
        store.load("Team")
    assert str(path) in str(info.value)


def test_utf8_bom_and_unknown_extra_fields_accepted(store: ProfileStore) -> None:
    write_file(store, b"\xef\xbb\xbf" + json.dumps(record(note="hand-written")).encode())
    assert store.load("Team").weights.to_dict() == {"learning_curve": 2.0, "admin_interface": 1.0}


def test_huge_file_is_not_read(store: ProfileStore, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_file(store, GOOD + " " * (1024 * 1024))
    monkeypatch.setattr(ps.json, "loads", lambda *a, **k: pytest.fail("parsed a huge file"))
    with pytest.raises(DataError, match=r"over 1048576 bytes \(1 MiB\)") as info:
        ps.read_profile(path)
    assert str(path) in str(info.value)


def test_missing_profile_lists_saved_names(store: ProfileStore) -> None:
    with pytest.raises(DataError, match="no saved profile named 'Team'") as info:
        store.load("Team")
    assert str(store.directory / "team.json") in str(info.value)
    assert "Fix:" in str(info.value) and "save one first" in str(info.value)

    store.save("Solo", {"a": 1})
    store.save("Enterprise", {"a": 1})
    with pytest.raises(DataError, match="'Enterprise', 'Solo'") as info:
        store.load("Team")
    assert "Fix: use one of the saved profiles" in str(info.value)


def test_good_and_bad_files_side_by_side(store: ProfileStore) -> None:
    store.save("Solo", {"a": 1})
    store.save("Enterprise", {"a": 1})
    bad1 = write_file(store, "[]", stem="broken")
    bad2 = write_file(store, json.dumps({"name": "x", "version": "1"}), stem="package")
    assert list(store.list().index) == ["Enterprise", "Solo"]
    problems = store.problems()
    assert len(problems) == 2
    assert all(isinstance(p, DataError) and "Fix:" in str(p) for p in problems)
    assert sorted(p.file for p in problems) == sorted([str(bad1), str(bad2)])


# -- weights_for ---------------------------------------------------------------------------


def test_weights_for_matches_resolve_weights(
    store: ProfileStore, comparison: fw.Comparison
) -> None:
    store.save("Team", WEIGHTS, comparison=comparison.name)
    w = weights_for(store.load("Team"), comparison)
    assert w.sum() == pytest.approx(1.0)
    pd.testing.assert_series_equal(w, fw.resolve_weights(comparison, WEIGHTS))
    assert list(w.index) == comparison.criterion_ids
    assert w["learning_curve"] == pytest.approx(3 / 4.5)
    assert w["admin_interface"] == pytest.approx(1.5 / 4.5)
    assert (w.drop(["learning_curve", "admin_interface"]) == 0).all()
    fw.rank(comparison, w)  # usable as is


def test_weights_for_refuses_unknown_criteria(
    store: ProfileStore, comparison: fw.Comparison
) -> None:
    store.save(
        "Shop",
        {"learning_curve": 1, "checkout_speed": 2, "tax_rules": 1},
        comparison="shop-engines",
    )
    saved = store.load("Shop")
    with pytest.raises(DataError) as info:
        weights_for(saved, comparison)
    message = str(info.value)
    assert str(saved.file) in message
    assert "'checkout_speed', 'tax_rules'" in message
    assert "'learning_curve'" not in message.split("Fix:")[0]
    assert "saved for comparison 'shop-engines'" in message
    assert repr(comparison.name) in message
    assert "Fix:" in message and "admin_interface" in message.split("Fix:")[1]


def test_weights_for_unnamed_comparison(store: ProfileStore, comparison: fw.Comparison) -> None:
    store.save("Loose", {"nope": 1})
    with pytest.raises(DataError, match="saved for an unnamed comparison"):
        weights_for(store.load("Loose"), comparison)
