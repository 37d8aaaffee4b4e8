"""The profile store under hostile folders (issue 13, class 4 "Files").

A FIFO among the profiles, a name that outgrows the file system's limit once normalised, a
folder that is a broken link or read-only, a profile too big to load back and the leftovers
of a killed save: each is a DataError that names the file or folder and the fix, never a hang,
an OSError or a file the store cannot read back.
"""

from __future__ import annotations

import os
import signal
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

import fwcompare_nb as fw
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.io import profiles as ps
from fwcompare_nb.io.profiles import ProfileStore

T = TypeVar("T")

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
needs_alarm = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM here")


class Hung(Exception):
    pass


@contextmanager
def deadline(seconds: int = 5) -> Iterator[None]:
    """Fail instead of hanging: a blocked open() of a FIFO is interrupted by the alarm."""

    def ring(signum: int, frame: object) -> None:
        raise Hung(f"still blocked after {seconds} s")

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def within(call: Callable[[], T], seconds: int = 5) -> T:
    with deadline(seconds):
        return call()


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles")


# -- a FIFO (or any non-regular file) in the profiles folder ---------------------------------


@needs_fifo
@needs_alarm
def test_a_fifo_named_like_a_profile_is_a_problem_not_a_hang(store: ProfileStore) -> None:
    store.save("Team", {"a": 1})
    fifo = store.directory / "x.json"
    os.mkfifo(fifo)
    assert list(within(store.list).index) == ["Team"]
    problems = within(store.problems)
    assert len(problems) == 1
    assert problems[0].file == str(fifo)
    assert "not a regular file" in str(problems[0]) and "FIFO" in str(problems[0])
    assert "Fix:" in str(problems[0])
    with pytest.raises(DataError, match="not a regular file"):
        within(lambda: store.load("x"))
    with pytest.raises(DataError, match="not a regular file"):
        within(lambda: ps.read_profile(fifo))
    # Saving under its name without overwrite refuses (reading the old file must not hang).
    with pytest.raises(ps.ProfileExistsError):
        within(lambda: store.save("x", {"a": 1}))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@needs_alarm
def test_a_device_named_like_a_profile_is_not_read(store: ProfileStore) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    store.directory.mkdir(parents=True)
    (store.directory / "zero.json").symlink_to("/dev/zero")
    problems = within(store.problems)
    assert [p.file for p in problems] == [str(store.directory / "zero.json")]
    assert "character device" in str(problems[0])


@needs_fifo
@needs_alarm
def test_explorer_starts_with_a_fifo_in_the_profiles_folder(
    comparison: fw.Comparison, store: ProfileStore
) -> None:
    from fwcompare_nb.app.explorer import Explorer

    store.save("Team", fw.resolve_weights(comparison, "learning"), comparison=comparison.name)
    os.mkfifo(store.directory / "x.json")
    ex = within(lambda: Explorer(comparison, profile="learning", store=store), seconds=60)
    assert "saved:Team" in [v for _, v in ex.decision.members.options]


def test_read_profile_refuses_a_file_swapped_for_a_fifo_after_the_check(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened without blocking and checked again on the open file: no window for a hang."""
    if not hasattr(os, "mkfifo") or not hasattr(os, "O_NONBLOCK"):
        pytest.skip("no FIFOs here")
    path = store.save("Team", {"a": 1})
    real_stat = os.stat

    def stat_then_swap(target: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if Path(str(target)) == path and stat.S_ISREG(result.st_mode):
            path.unlink()
            os.mkfifo(path)
        return result

    monkeypatch.setattr(ps.os, "stat", stat_then_swap)
    with pytest.raises(DataError, match="not a regular file"), deadline():
        ps.read_profile(path)


# -- names that outgrow the file system once normalised --------------------------------------


def test_a_name_that_expands_past_the_file_name_limit_is_refused(store: ProfileStore) -> None:
    name = "\ufdfa" * 20  # one character, 18 under NFKD: 360 characters of slug
    assert len(name) <= ps.MAX_NAME_LENGTH
    for call in (
        lambda: ps.check_name(name),
        lambda: ps.profile_file_name(name),
        lambda: ps.profile_json(name, {"a": 1}),
        lambda: store.save(name, {"a": 1}),
        lambda: store.load(name),
        lambda: store.exists(name),
    ):
        with pytest.raises(DataError, match="file name") as info:
            call()
        assert "Fix:" in str(info.value) and "shorter name" in str(info.value)
    assert not store.directory.exists()


def test_the_longest_allowed_file_name_saves_and_loads(store: ProfileStore) -> None:
    # As long a slug as the check lets through: the file and its temporary file both fit.
    name = "\ufb03" * ps.MAX_NAME_LENGTH  # 'ffi' ligature: 3 letters each, 192 in all
    path = store.save(name, {"a": 1})
    assert len(path.name.encode()) <= 255
    assert store.load(name).name == name


# -- a profiles folder that cannot be written ------------------------------------------------


def test_a_dangling_symlink_as_the_profiles_folder_is_a_data_error(tmp_path: Path) -> None:
    link = tmp_path / "profiles"
    link.symlink_to(tmp_path / "gone")
    store = ProfileStore(link)
    for call in (lambda: store.save("Team", {"a": 1}), store.list, store.problems):
        with pytest.raises(DataError) as info:
            call()
        text = str(info.value)
        assert str(link) in text and "does not exist" in text and "Fix:" in text
        assert "FWCOMPARE_PROFILES" in text
    assert not (tmp_path / "gone").exists()


def test_a_read_only_profiles_folder_is_a_data_error(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.directory.mkdir(parents=True)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ps.tempfile, "mkstemp", refused)
    with pytest.raises(DataError) as info:
        store.save("Team", {"a": 1})
    text = str(info.value)
    assert str(store.directory) in text and "Permission denied" in text
    assert "Fix:" in text and "FWCOMPARE_PROFILES" in text
    assert isinstance(info.value, OSError)  # callers that caught OSError still do


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_really_read_only_profiles_folder_is_a_data_error(store: ProfileStore) -> None:
    store.directory.mkdir(parents=True)
    store.directory.chmod(0o555)
    try:
        with pytest.raises(DataError, match="cannot save"):
            store.save("Team", {"a": 1})
    finally:
        store.directory.chmod(0o755)


def test_a_profiles_folder_that_cannot_be_created_is_a_data_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    store = ProfileStore(tmp_path / "file" / "profiles")  # a parent that is a file
    with pytest.raises(DataError, match="Fix:") as info:
        store.save("Team", {"a": 1})
    assert str(store.directory) in str(info.value)


def test_the_explorer_shows_a_read_only_folder_in_its_panel(
    comparison: fw.Comparison, store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fwcompare_nb.app.explorer import Explorer

    ex = Explorer(comparison, profile="learning", store=store)

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ps.tempfile, "mkstemp", refused)
    ex.profiles.name.value = "Team"
    ex.profiles.save_button.click()  # as on the page
    assert "Permission denied" in ex.profiles.status.value
    assert ex.last_error is None and "Internal error" not in ex.error.value


# -- save and load agree on the size limit ---------------------------------------------------


def test_a_profile_over_the_size_limit_is_not_saved(store: ProfileStore) -> None:
    weights = {f"criterion_{i:06d}_" + "x" * 40: 1.0 for i in range(20_000)}
    with pytest.raises(DataError, match="1 MiB") as info:
        ps.profile_json("Huge", weights)
    assert "Fix:" in str(info.value)
    with pytest.raises(DataError, match="1 MiB"):
        store.save("Huge", weights)
    assert not (store.directory / "huge.json").exists()


def test_a_profile_just_under_the_limit_saves_and_loads(store: ProfileStore) -> None:
    weights = {f"c{i:06d}" + "x" * 20: 1.0 for i in range(20_000)}
    data = ps.profile_json("Big", weights)
    assert len(data) <= ps.MAX_FILE_BYTES
    store.save("Big", weights)
    assert len(store.load("Big").weights) == 20_000


# -- leftovers of a killed save --------------------------------------------------------------


def _temp(store: ProfileStore, stem: str, age_seconds: float) -> Path:
    store.directory.mkdir(parents=True, exist_ok=True)
    path = store.directory / f"{ps.TEMP_PREFIX}{stem}-abc123{ps.TEMP_SUFFIX}"
    path.write_text('{"schema": "fwcompa')
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


@pytest.mark.parametrize("action", ["list", "problems", "save"])
def test_stale_temp_files_are_removed_fresh_ones_kept(store: ProfileStore, action: str) -> None:
    old = _temp(store, "team", 2 * 3600)
    fresh = _temp(store, "other", 60)  # maybe a save under way in another process
    if action == "save":
        store.save("Team", {"a": 1})
    else:
        getattr(store, action)()
    assert not old.exists()
    assert fresh.exists()


def test_only_temp_files_are_cleaned_up(store: ProfileStore) -> None:
    store.directory.mkdir(parents=True)
    then = time.time() - 10 * 3600
    keep = [
        store.directory / "notes.part",
        store.directory / ".tmp-notes.txt",
        store.directory / ".hidden.json.part",
    ]
    for path in keep:
        path.write_text("mine")
        os.utime(path, (then, then))
    folder = store.directory / f"{ps.TEMP_PREFIX}dir{ps.TEMP_SUFFIX}"
    folder.mkdir()
    os.utime(folder, (then, then))
    store.list()
    assert all(p.exists() for p in keep) and folder.is_dir()
