"""Users' saved weight profiles: one small JSON file per profile in a folder.

A profile is a named set of weights by criterion id, saved so that a user can come back to it in
another session. The folder is :data:`fwcompare_nb.config.PROFILES_DIR` unless another one is
given (``FWCOMPARE_PROFILES`` moves the default). Each profile lives in ``<slug>.json``::

    {
      "schema": "fwcompare.weights",
      "schema_version": 2,
      "name": "Small team",
      "comparison": "django-vs-flask",
      "method": "wsm",
      "saved_at": "2025-01-31T12:00:00+00:00",
      "weights": {"learning_curve": 3.0, "admin_interface": 1.0},
      "own_scores": [{"alternative": "Flask", "criterion": "admin_interface",
                      "score": 3.0, "reason": "Flask-Admin is enough for us"}],
      "requirements": [{"criterion": "built_in_security", "op": ">=", "bound": 2.0}]
    }

Version 2 added ``own_scores`` (the user's own scores, :meth:`Comparison.with_scores`) and
``requirements`` (must-haves, :meth:`Comparison.with_requirements`), both optional; version 1
files (weights only) still load.

:func:`profile_json` builds a file's content, :func:`profile_file_name` its name: the store
saves with them and the explorer's downloads use them, so both give the same files.

Writes are atomic (a temporary file in the same folder, fsynced, then renamed over the target),
so a crash leaves either the old file or the new one, never half of one. Nothing is overwritten
unless the caller asks for it. Every bad file is reported as a
:class:`~fwcompare_nb.errors.DataError` that names the file and the fix.

This module belongs to the pure core: it needs only the standard library, NumPy and pandas.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import math
import os
import stat
import tempfile
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .. import config
from ..core.comparison import Comparison, resolve_weights
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.validation import check_weight_mapping, validate_weight_values
from .names import safe_stem

SCHEMA = "fwcompare.weights"
SCHEMA_VERSION = 2
MAX_NAME_LENGTH = 64
MAX_FILE_BYTES = 1024 * 1024
SUFFIX = ".json"
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".json.part"
# A slug longer than this would not fit the file systems' 255-byte limit on a file name once
# ``.json`` or the temporary file's ``.tmp-<slug>-XXXXXXXX.json.part`` is around it.
MAX_SLUG_BYTES = 200
# Temporary files of a save older than this are left by a killed save: removed. A save under
# way takes well under a second, so a concurrent save's file is never touched.
STALE_TEMP_SECONDS = 3600
LIST_COLUMNS = ["comparison", "method", "saved_at", "file"]

_FILE_FIX = "fix or delete the file, or save the profile again from fwcompare"
_FOLDER_FIX = "point FWCOMPARE_PROFILES (or the store's folder) at a folder you may write to"


class ProfileExistsError(DataError):
    """Saving would replace an existing profile and ``overwrite`` was not given."""


class ProfileFolderError(DataError, OSError):
    """The profiles folder cannot be created or written (read-only, full, a broken link...).

    A :class:`~fwcompare_nb.errors.DataError` that names the folder and the fix, and also an
    :class:`OSError` (with the original ``errno``) for callers that catch those.
    """

    def __str__(self) -> str:  # the DataError's message, not OSError's "[Errno n] ..."
        return self._format()


@dataclass(frozen=True, eq=False)
class SavedProfile:
    """One saved weight profile, as read from its file.

    Attributes
    ----------
    name : str
        The profile's name as the user typed it (stripped).
    weights : Series
        Float weights by criterion id (index ``id``), exactly as saved: not normalised, and
        only the criteria the user gave.
    comparison : str
        Name of the comparison the profile was saved for (``""`` if unknown).
    method : str
        Scoring method chosen when saving, one of :data:`fwcompare_nb.METHODS`.
    saved_at : str
        When it was saved, ISO 8601 in UTC, e.g. ``"2025-01-31T12:00:00+00:00"``.
    file : Path
        The JSON file it was read from.
    own_scores : tuple of dict
        ``{"alternative", "criterion", "score", "reason"}`` each (empty before version 2);
        checked against a comparison by :func:`judged`.
    requirements : tuple of dict
        ``{"criterion", "op", "bound"}`` each (empty before version 2).
    """

    name: str
    weights: pd.Series
    comparison: str
    method: str
    saved_at: str
    file: Path
    own_scores: tuple[dict, ...] = ()
    requirements: tuple[dict, ...] = ()


def check_name(name: object) -> str:
    """Return a profile name stripped, or raise a DataError saying what to change.

    Parameters
    ----------
    name : object
        The name as given; must be a string of 1 to 64 characters after stripping, without
        path separators or control characters, and not ``"."`` or ``".."``; its file name
        (:func:`slugify`, which may spell a character out in several letters) must be at most
        :data:`MAX_SLUG_BYTES` characters long.

    Raises
    ------
    DataError
        The name is not a string, is empty, too long (or makes too long a file name), or
        holds forbidden characters.
    """
    where = "profile name"
    if not isinstance(name, str):
        raise DataError(
            "a profile name must be text",
            where=where,
            value=type(name).__name__,
            fix="pass the name as a string, e.g. 'Small team'",
        )
    text = name.strip()
    if not text:
        raise DataError("the profile name is empty", where=where, fix="type a name for the profile")
    if len(text) > MAX_NAME_LENGTH:
        raise DataError(
            f"the profile name is {len(text)} characters long, more than {MAX_NAME_LENGTH}",
            where=where,
            value=text,
            fix=f"use a shorter name (at most {MAX_NAME_LENGTH} characters)",
        )
    if text in (".", ".."):
        raise DataError(
            "'.' and '..' cannot be profile names",
            where=where,
            value=text,
            fix="use a name with letters or digits",
        )
    separators = {"/", "\\", os.sep} | ({os.altsep} if os.altsep else set())
    if any(c in separators for c in text):
        raise DataError(
            "a profile name cannot contain '/' or '\\'",
            where=where,
            value=text,
            fix="use e.g. '-' instead of the slash",
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        raise DataError(
            "a profile name cannot contain control characters (tabs, line breaks, ...)",
            where=where,
            value=text,
            fix="remove them and type the name on one line",
        )
    slug_bytes = len(slugify(text).encode())
    if slug_bytes > MAX_SLUG_BYTES:
        # NFKD spells some characters out in several letters (a ligature, a symbol such as
        # U+FDFA in 18): 64 characters can make a file name no file system accepts.
        raise DataError(
            f"the profile name makes a file name of {slug_bytes + len(SUFFIX)} characters "
            f"(some characters are written out in several letters), more than "
            f"{MAX_SLUG_BYTES + len(SUFFIX)}",
            where=where,
            value=text,
            fix="use a shorter name, or plain letters and digits instead of symbols and ligatures",
        )
    return text


def slugify(name: str) -> str:
    """Turn a profile name into its file stem: lowercase ``[a-z0-9_-]``, everything else ``-``.

    Accents are dropped first (``"Équipe"`` -> ``"equipe"``). Names that give the same slug,
    e.g. ``"My Profile"`` and ``"my-profile"``, are the same profile.

    Parameters
    ----------
    name : str
        A profile name (checked by :func:`check_name`).

    Returns
    -------
    str
        The slug; a Windows device name such as ``con`` gets a trailing ``_``.
    """
    # The one file-name rule, unsqueezed: names saved by earlier versions keep their files.
    return safe_stem(name, limit=None, squeeze=False)


def profile_file_name(name: str) -> str:
    """Return the file name a profile is saved under: ``<slug>.json`` (see :func:`slugify`).

    A profile file is only read under this name (:func:`read_profile` refuses a ``.json`` file
    whose stem is not its name's slug), so a file meant for the profiles folder must be named so.

    Parameters
    ----------
    name : str
        A profile name; checked by :func:`check_name`.

    Returns
    -------
    str
        E.g. ``"small-team.json"`` for ``"Small team"``.

    Raises
    ------
    DataError
        The name breaks the rules of :func:`check_name`.
    """
    return slugify(check_name(name)) + SUFFIX


def profile_json(
    name: str,
    weights: Mapping[str, float] | pd.Series,
    *,
    comparison: str = "",
    method: str = "wsm",
    saved_at: datetime | None = None,
    own_scores: pd.DataFrame | list | None = None,
    requirements: list | tuple | None = None,
) -> bytes:
    """Build the content of a profile file, as :meth:`ProfileStore.save` writes it.

    The one place that writes the format (``fwcompare.weights``, version 1): the store saves
    these bytes and the explorer offers them as a download, so a downloaded profile put in the
    profiles folder (under :func:`profile_file_name`) is read like a saved one.

    Parameters
    ----------
    name : str
        1 to 64 characters (stripped), no path separators or control characters.
    weights : mapping or Series
        Weight by criterion id; finite, >= 0, not all zero. Stored as given (as floats), not
        normalised.
    comparison : str, optional
        Name of the comparison the weights are for, e.g. ``comparison.name``.
    method : {"wsm", "wpm", "topsis"}
        The scoring method to remember with the weights.
    saved_at : datetime, optional
        When the profile was saved (an aware datetime); default now, in UTC.
    own_scores : DataFrame or list of dict, optional
        The user's own scores: ``comparison.overrides`` (its ``bundled`` column is not kept).
    requirements : sequence, optional
        Must-haves: ``comparison.requirements`` or ``{"criterion", "op", "bound"}`` dicts.

    Returns
    -------
    bytes
        UTF-8 JSON, indented, ending with a newline.

    Raises
    ------
    DataError
        Bad name, weights, comparison, method or date, or a file over 1 MiB
        (:data:`MAX_FILE_BYTES`, which :func:`read_profile` refuses).
    """
    name = check_name(name)
    source = f"weights for profile {name!r}"
    values = check_weight_mapping(weights, source=source)
    if not isinstance(comparison, str):
        raise DataError(
            "the comparison name must be text",
            file=source,
            value=type(comparison).__name__,
            fix="pass comparison=comparison.name",
        )
    method = get_method(method, source=source, where="method").key
    when = datetime.now(UTC) if saved_at is None else saved_at
    if not isinstance(when, datetime) or when.utcoffset() is None:
        # A naive time would be read back as local time by whoever opens the file.
        raise DataError(
            "'saved_at' must be a datetime with a time zone",
            file=source,
            where="saved_at",
            value=when,
            fix="pass e.g. datetime.now(UTC)",
        )
    record = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "name": name,
        "comparison": comparison,
        "method": method,
        "saved_at": when.isoformat(timespec="seconds"),
        "weights": values,
        "own_scores": _own_scores_record(own_scores, source),
        "requirements": _requirements_record(requirements, source),
    }
    data = (json.dumps(record, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode()
    if len(data) > MAX_FILE_BYTES:
        # read_profile refuses such a file: never write what cannot be read back.
        raise DataError(
            f"the profile would be {len(data)} bytes; a weight profile may be at most "
            f"{MAX_FILE_BYTES} bytes (1 MiB)",
            file=source,
            where="weights",
            value=f"{len(values)} weights",
            fix="weight fewer criteria, or give the criteria shorter ids",
        )
    return data


def _own_scores_record(own: pd.DataFrame | list | None, source: str) -> list[dict]:
    rows = own.to_dict("records") if isinstance(own, pd.DataFrame) else list(own or [])
    out = []
    for row in rows:
        try:
            score = float(row["score"])
            item = {
                "alternative": str(row["alternative"]),
                "criterion": str(row["criterion"]),
                "score": score,
                "reason": str(row.get("reason", "") or ""),
            }
        except (KeyError, TypeError, ValueError):
            raise DataError(
                "an own score needs alternative, criterion and a numeric score",
                file=source, where="own_scores", value=row,
                fix="pass comparison.overrides",
            ) from None  # fmt: skip
        if not math.isfinite(score):
            raise DataError("an own score is not finite", file=source, where="own_scores",
                            value=score, fix="give a finite score")  # fmt: skip
        out.append(item)
    return out


def _requirements_record(reqs: list | tuple | None, source: str) -> list[dict]:
    out = []
    for req in reqs or []:
        item = req.to_dict() if hasattr(req, "to_dict") else dict(req)
        try:
            item = {"criterion": str(item["criterion"]), "op": str(item["op"]),
                    "bound": float(item["bound"])}  # fmt: skip
        except (KeyError, TypeError, ValueError):
            raise DataError(
                "a requirement needs criterion, op and a numeric bound",
                file=source, where="requirements", value=req,
                fix="pass comparison.requirements",
            ) from None  # fmt: skip
        if item["op"] not in (">=", "<=") or not math.isfinite(item["bound"]):
            raise DataError(
                "a requirement is criterion >= or <= a finite bound",
                file=source,
                where="requirements",
                value=item,
                fix="pass comparison.requirements",
            )
        out.append(item)
    return out


def _read_list(data: dict, key: str, fields: dict, source: str) -> tuple[dict, ...]:
    """Read ``own_scores`` or ``requirements`` (version 2; absent: empty) with checked types."""
    items = data.get(key, [])
    if not isinstance(items, list):
        raise DataError(f"{key!r} is not a list", file=source, where=key,
                        value=type(items).__name__, fix="save the profile again")  # fmt: skip
    out = []
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict) or not set(fields) <= set(item):
            raise DataError(f"each entry needs {', '.join(fields)}", file=source, where=where,
                            value=item, fix="save the profile again")  # fmt: skip
        for name, kind in fields.items():
            value = item[name]
            ok = (
                isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value)
                if kind is float
                else isinstance(value, str)
            )  # fmt: skip
            if not ok:
                raise DataError(f"{name!r} is not {'a finite number' if kind is float else 'text'}",
                                file=source, where=f"{where}.{name}", value=value,
                                fix="save the profile again")  # fmt: skip
        out.append({name: item[name] for name in fields})
    return tuple(out)


def judged(saved: SavedProfile, comparison: Comparison) -> Comparison:
    """Apply a saved profile's own scores and must-haves to ``comparison``.

    Parameters
    ----------
    saved : SavedProfile
        From :func:`read_profile` or :meth:`ProfileStore.load`.
    comparison : Comparison
        The comparison the profile is for (its own scores and must-haves are replaced).

    Returns
    -------
    Comparison
        With the profile's scores and requirements, checked as :meth:`Comparison.with_scores`
        and :meth:`Comparison.with_requirements` check them (a bad entry names the file).

    Raises
    ------
    DataError
        An entry the comparison refuses (unknown alternative or criterion, off scale), or
        every alternative ruled out.
    """
    try:
        comp = comparison.without_scores().with_requirements([])
        if saved.own_scores:
            cells = [(o["alternative"], o["criterion"], o["score"], o["reason"])
                     for o in saved.own_scores]  # fmt: skip
            comp = comp.with_scores(cells)
        return comp.with_requirements(list(saved.requirements))
    except DataError as exc:
        raise DataError(exc.problem, file=str(saved.file), where=exc.where, value=exc.value,
                        fix=exc.fix) from None  # fmt: skip


def _reject_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_profile(path: str | Path) -> SavedProfile:
    """Read and check one profile file.

    Parameters
    ----------
    path : str or Path
        A ``*.json`` file written by :meth:`ProfileStore.save` (or by hand in that format).

    Returns
    -------
    SavedProfile

    Raises
    ------
    DataError
        The file is not a regular file (a FIFO, a device, a folder: never opened so, never
        waited for), cannot be read, is over 1 MiB, is not JSON or not a JSON object, is not an
        fwcompare weights file, needs a newer fwcompare, or has a missing or invalid field
        (including weights that are not numbers, negative, NaN or all zero). The message names
        the file and says how to fix it.
    """
    path = Path(path)
    src = str(path)
    try:
        # Only regular files are opened: a FIFO would block the open (and so the listing,
        # and the explorer's start-up) until something writes to it; a device reads forever.
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(src, mode)
        # Non-blocking, and checked again on the open file: a FIFO swapped in meanwhile
        # neither blocks the open nor gets read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _not_regular(src, info.st_mode)
            size = info.st_size
            raw = f.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        raise DataError(
            f"cannot read the file ({exc.strerror or exc})",
            file=src,
            fix="check that it exists and that you may read it",
        ) from None
    if size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        raise DataError(
            f"the file is {max(size, len(raw))} bytes; a weight profile is never over "
            f"{MAX_FILE_BYTES} bytes (1 MiB), so this is not one",
            file=src,
            fix="move the file out of the profiles folder",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"the file is not UTF-8 text (bad byte at offset {exc.start})",
            file=src,
            fix=_FILE_FIX,
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"the file is not valid JSON ({exc.msg})",
            file=src,
            where=f"line {exc.lineno}, column {exc.colno}",
            fix="the file is damaged or cut short; " + _FILE_FIX,
        ) from None
    except _DuplicateKey as exc:
        raise DataError(
            "a key appears twice in the file",
            file=src,
            value=exc.key,
            fix="keep one entry per key",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DataError(f"the file is not usable JSON ({exc})", file=src, fix=_FILE_FIX) from None
    if not isinstance(data, dict):
        raise DataError(
            f"the file holds a JSON {_json_type(data)}, "
            "not an fwcompare weight profile (a JSON object)",
            file=src,
            fix="move the file out of the profiles folder",
        )
    schema = data.get("schema")
    if schema != SCHEMA:
        raise DataError(
            "not an fwcompare weight profile: "
            + (
                f"the 'schema' field is not {SCHEMA!r}"
                if "schema" in data
                else f'it has no \'schema\' field (a profile has "schema": "{SCHEMA}")'
            ),
            file=src,
            where="schema",
            value=schema,
            fix="move files other than saved profiles out of the profiles folder",
        )
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataError(
            "'schema_version' must be a whole number >= 1",
            file=src,
            where="schema_version",
            value=version,
            fix=f"set it to {SCHEMA_VERSION}",
        )
    if version > SCHEMA_VERSION:
        raise DataError(
            f"the profile was saved by a newer fwcompare (schema version {version}; "
            f"this one reads up to {SCHEMA_VERSION})",
            file=src,
            where="schema_version",
            fix="upgrade fwcompare (pip install -U fwcompare-nb) to read it",
        )
    fields: dict[str, str] = {}
    for key in ("name", "comparison", "method", "saved_at"):
        value = data.get(key)
        if not isinstance(value, str):
            problem = f"the field {key!r} is missing" if key not in data else f"{key!r} is not text"
            raise DataError(
                problem,
                file=src,
                where=key,
                value=value if key in data else None,
                fix=f"give {key!r} as a JSON string, or save the profile again",
            )
        fields[key] = value
    try:
        name = check_name(fields["name"])
    except DataError as exc:
        raise DataError(exc.problem, file=src, where="name", value=exc.value, fix=exc.fix) from None
    if path.suffix == SUFFIX and path.stem != slugify(name):
        raise DataError(
            f"the file name does not match the profile name {name!r}",
            file=src,
            fix=f"rename the file to {slugify(name) + SUFFIX!r} or change 'name' to match it",
        )
    method = get_method(fields["method"], source=src, where="method").key
    try:
        datetime.fromisoformat(fields["saved_at"])
    except ValueError:
        raise DataError(
            "'saved_at' is not an ISO 8601 date and time",
            file=src,
            where="saved_at",
            value=fields["saved_at"],
            fix="write it like '2025-01-31T12:00:00+00:00', or save the profile again",
        ) from None
    weights = _read_weights(data.get("weights", None), present="weights" in data, source=src)
    own_fields = {"alternative": str, "criterion": str, "score": float, "reason": str}
    own = _read_list(data, "own_scores", own_fields, src)
    reqs = _read_list(data, "requirements", {"criterion": str, "op": str, "bound": float}, src)
    return SavedProfile(
        name=name,
        weights=weights,
        comparison=fields["comparison"],
        method=method,
        saved_at=fields["saved_at"],
        file=path,
        own_scores=own,
        requirements=reqs,
    )


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((text for test, text in kinds if test(mode)), "a special file")


def _not_regular(src: str, mode: int) -> DataError:
    return DataError(
        f"not a regular file but {_file_kind(mode)}, so not a weight profile",
        file=src,
        fix="move it out of the profiles folder",
    )


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"


def _read_weights(value: object, *, present: bool, source: str) -> pd.Series:
    fix = "write 'weights' as an object of criterion id to number, e.g. {\"learning_curve\": 3}"
    if not isinstance(value, dict):
        raise DataError(
            "the field 'weights' is missing" if not present else "'weights' is not an object",
            file=source,
            where="weights",
            value=_json_type(value) if present else None,
            fix=fix,
        )
    if not value:
        raise DataError(
            "'weights' is empty", file=source, where="weights", fix="give at least one weight > 0"
        )
    # Checked here rather than by check_weight_mapping: a file gets fixes for the file (JSON
    # types, quotes), and a NaN or an overflowing number in it is "not finite", not "missing".
    out: dict[str, float] = {}
    for key, w in value.items():
        where = f"weights, criterion {key!r}"
        if not key.strip():
            raise DataError(
                "a criterion id is empty", file=source, where="weights", value=key, fix=fix
            )
        # JSON numbers only: a quoted "3" or true is a sign of a hand edit gone wrong.
        if isinstance(w, bool) or not isinstance(w, int | float):
            raise DataError(
                f"the weight is a JSON {_json_type(w)}, not a number",
                file=source,
                where=where,
                value=w,
                fix="write the weight as a number >= 0 without quotes",
            )
        try:
            out[key] = float(w)
        except OverflowError:
            out[key] = math.inf
    series = pd.Series(out, dtype=float, name="weight")
    series.index.name = "id"
    validate_weight_values(series, source=source)
    return series


def _fsync_directory(directory: Path) -> None:
    """Make a rename or unlink in ``directory`` durable where the platform allows it."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:  # Windows: directories cannot be opened for fsync
        return
    try:
        fd = os.open(directory, os.O_RDONLY | flag)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems do not support it; the rename itself is still atomic
    finally:
        os.close(fd)


class ProfileStore:
    """A folder of saved weight profiles.

    Parameters
    ----------
    directory : str, Path or None
        The folder; default :data:`fwcompare_nb.config.PROFILES_DIR` (``~/.fwcompare/profiles``
        unless ``FWCOMPARE_PROFILES`` says otherwise). It need not exist: it is created, with
        its parents, by the first :meth:`save`.

    Notes
    -----
    A profile is identified by the slug of its name (see :func:`slugify`), which is also its
    file name, so ``"My Profile"`` and ``"my-profile"`` name the same profile. Files whose name
    starts with ``.`` (such as the temporary ``.tmp-*.json.part`` files of an interrupted save)
    are never read.
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        base = config.PROFILES_DIR if directory is None else directory
        self.directory = Path(base).expanduser()

    def __repr__(self) -> str:
        return f"ProfileStore({str(self.directory)!r})"

    # -- reading ---------------------------------------------------------------------------

    def _path(self, name: str) -> Path:
        return self.directory / profile_file_name(name)

    def _check_folder(self) -> bool:
        """Whether the folder exists; a DataError if it is a file or a link to nowhere."""
        folder = self.directory
        if folder.is_symlink() and not folder.exists():
            target = os.path.join(folder.parent, os.readlink(folder))
            raise DataError(
                f"the profiles folder is a symbolic link to {target}, which does not exist",
                file=str(folder),
                fix=f"create the folder {target}, remove the link, or point "
                "FWCOMPARE_PROFILES at a folder",
            )
        if not folder.exists():
            return False
        if not folder.is_dir():
            raise DataError(
                "the profiles folder is a file, not a folder",
                file=str(folder),
                fix="move that file away or point FWCOMPARE_PROFILES at a folder",
            )
        return True

    def _files(self) -> list[Path]:
        if not self._check_folder():
            return []
        self._remove_stale_temps()
        return sorted(p for p in self.directory.glob("*" + SUFFIX) if not p.name.startswith("."))

    def _remove_stale_temps(self) -> None:
        """Delete the temporary files of saves killed over :data:`STALE_TEMP_SECONDS` ago.

        Only regular files named like the store's temporary files are removed; a folder that
        cannot be written keeps them (nothing else depends on their removal).
        """
        now = time.time()
        for path in self.directory.glob(TEMP_PREFIX + "*" + TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                    path.unlink()

    def _scan(self) -> tuple[list[SavedProfile], list[DataError]]:
        good: list[SavedProfile] = []
        bad: list[DataError] = []
        for path in self._files():
            if path.is_dir():
                continue
            try:
                good.append(read_profile(path))
            except DataError as exc:
                bad.append(exc)
        good.sort(key=lambda p: (p.name.casefold(), p.name))
        return good, bad

    def list(self) -> pd.DataFrame:
        """List the readable profiles, sorted by name (ignoring case).

        Returns
        -------
        DataFrame
            Index ``name``; columns ``comparison``, ``method``, ``saved_at`` (str) and ``file``
            (Path). Empty (with those columns) when the folder does not exist or holds no
            profiles. Files that cannot be read are left out; see :meth:`problems`.
        """
        good, _ = self._scan()
        frame = pd.DataFrame(
            [[p.comparison, p.method, p.saved_at, p.file] for p in good],
            columns=LIST_COLUMNS,
            index=pd.Index([p.name for p in good], name="name", dtype=object),
            dtype=object,
        )
        return frame

    # ``builtins.list``: in this class body, ``list`` names the method above.
    def problems(self) -> builtins.list[DataError]:
        """One DataError per ``*.json`` file in the folder that is not a readable profile.

        Each names the file, what is wrong and the fix (unreadable, corrupt, foreign or from a
        newer fwcompare). Empty when every file is fine or the folder does not exist.
        """
        return self._scan()[1]

    def exists(self, name: str) -> bool:
        """Whether a profile file is saved under ``name`` (or a name with the same slug).

        True even if that file is damaged: :meth:`save` would refuse to replace it without
        ``overwrite=True``.
        """
        return self._path(check_name(name)).is_file()

    def _missing(self, name: str, path: Path) -> DataError:
        names = list(self.list().index)
        fix = (
            f"use one of the saved profiles: {', '.join(map(repr, names))}"
            if names
            else f"no profiles are saved in {self.directory} yet; save one first"
        )
        return DataError(f"no saved profile named {name!r}", file=str(path), fix=fix)

    def load(self, name: str) -> SavedProfile:
        """Read the profile saved under ``name``.

        Raises
        ------
        DataError
            No such profile (the message lists the saved names), or its file is bad (see
            :func:`read_profile`).
        """
        name = check_name(name)
        path = self._path(name)
        if not (path.exists() or path.is_symlink()):
            raise self._missing(name, path)
        return read_profile(path)  # says what is wrong with a FIFO, a folder, a broken link

    # -- writing ---------------------------------------------------------------------------

    def _refuse_overwrite(self, name: str, path: Path) -> ProfileExistsError:
        try:
            held_by = read_profile(path).name
        except DataError:
            held_by = None
        if held_by is None:
            problem = f"a file for profile {name!r} already exists (it cannot be read)"
        elif held_by == name:
            problem = f"a profile named {name!r} already exists"
        else:
            problem = (
                f"profile {name!r} would replace the saved profile {held_by!r} "
                "(the two names give the same file name)"
            )
        return ProfileExistsError(
            problem,
            file=str(path),
            fix="pass overwrite=True (tick 'overwrite') to replace it, or choose another name",
        )

    def save(
        self,
        name: str,
        weights: Mapping[str, float] | pd.Series,
        *,
        comparison: str = "",
        method: str = "wsm",
        overwrite: bool = False,
        own_scores: pd.DataFrame | builtins.list | None = None,
        requirements: builtins.list | tuple | None = None,
    ) -> Path:
        """Save a weight profile atomically and return its file.

        Parameters
        ----------
        name : str
            1 to 64 characters (stripped), no path separators or control characters.
        weights : mapping or Series
            Weight by criterion id; finite, >= 0, not all zero. Stored as given (as floats),
            not normalised.
        comparison : str, optional
            Name of the comparison the weights are for, e.g. ``comparison.name``.
        method : {"wsm", "wpm", "topsis"}
            The scoring method to remember with the weights.
        overwrite : bool
            Replace an existing profile with the same name (or the same slug).
        own_scores, requirements : optional
            The user's own scores and must-haves (see :func:`profile_json`).

        Returns
        -------
        Path
            The profile's file, ``<directory>/<slug>.json``.

        Raises
        ------
        ProfileExistsError
            The profile exists and ``overwrite`` is false; the old file is left as it was.
        DataError
            Bad name, weights, comparison or method, or a profile over 1 MiB; nothing is
            written.
        ProfileFolderError
            The folder cannot be created or written (a file or a broken link in its place,
            read-only, full...): a DataError naming the folder and the fix (and an OSError).
            The old file (if any) is left as it was and no temporary file remains.
        """
        name = check_name(name)
        data = profile_json(name, weights, comparison=comparison, method=method,
                            own_scores=own_scores, requirements=requirements)  # fmt: skip
        path = self._path(name)
        exists = self._check_folder()
        if exists and (path.exists() or path.is_symlink()) and not overwrite:
            raise self._refuse_overwrite(name, path)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise self._cannot_write(exc, "cannot create the profiles folder") from None
        self._remove_stale_temps()
        try:
            self._write_atomic(path, data, overwrite=overwrite, name=name)
        except OSError as exc:
            raise self._cannot_write(exc, f"cannot save profile {name!r}") from None
        return path

    def _cannot_write(self, exc: OSError, problem: str) -> ProfileFolderError:
        error = ProfileFolderError(
            f"{problem} ({exc.strerror or exc})",
            file=str(self.directory),
            fix="check that the folder and its parents exist as folders and that you may "
            f"write there (e.g. chmod u+w), or {_FOLDER_FIX}",
        )
        error.errno, error.strerror, error.filename = exc.errno, exc.strerror, exc.filename
        return error

    def _write_atomic(self, path: Path, data: bytes, *, overwrite: bool, name: str) -> None:
        fd, tmp_name = tempfile.mkstemp(
            dir=self.directory, prefix=f"{TEMP_PREFIX}{path.stem}-", suffix=TEMP_SUFFIX
        )
        tmp = Path(tmp_name)
        try:
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            if overwrite:
                os.replace(tmp, path)
            else:
                self._publish_new(tmp, path, name)
        finally:
            # After a successful replace the temp name is gone; after os.link both names exist.
            with contextlib.suppress(OSError):
                tmp.unlink()
        _fsync_directory(self.directory)

    def _publish_new(self, tmp: Path, path: Path, name: str) -> None:
        """Move ``tmp`` to ``path`` only if no file is there, even if another process races us."""
        try:
            os.link(tmp, path)  # atomic and fails if the target exists
        except FileExistsError:
            raise self._refuse_overwrite(name, path) from None
        except (OSError, NotImplementedError, AttributeError):
            # Hard links unsupported here (some network or FAT file systems): check, then rename.
            if path.exists():
                raise self._refuse_overwrite(name, path) from None
            os.replace(tmp, path)

    def delete(self, name: str) -> None:
        """Delete the profile saved under ``name`` (also when its file is damaged).

        Raises
        ------
        DataError
            No such profile (the message lists the saved names); ProfileFolderError if the
            folder does not let it be deleted.
        """
        name = check_name(name)
        path = self._path(name)
        if not path.is_file():
            raise self._missing(name, path)
        try:
            path.unlink()
        except OSError as exc:
            raise self._cannot_write(exc, f"cannot delete profile {name!r}") from None
        _fsync_directory(self.directory)


def weights_for(saved: SavedProfile, comparison: Comparison) -> pd.Series:
    """Return a saved profile's weights for ``comparison``, normalised to sum 1.

    Parameters
    ----------
    saved : SavedProfile
        From :meth:`ProfileStore.load`.
    comparison : Comparison
        The comparison to score; every criterion id in the profile must be one of its criteria.
        Criteria the profile leaves out get weight 0.

    Returns
    -------
    Series
        As :func:`fwcompare_nb.resolve_weights`: float by criterion id, summing to 1.

    Raises
    ------
    DataError
        The profile weights criteria that the comparison does not have (typically it was
        saved for another comparison); the message names the file, the ids and both
        comparisons.
    """
    known = set(comparison.criterion_ids)
    unknown = [cid for cid in saved.weights.index if cid not in known]
    if unknown:
        made_for = (
            f"comparison {saved.comparison!r}" if saved.comparison else "an unnamed comparison"
        )
        raise DataError(
            f"profile {saved.name!r} was saved for {made_for} and weights criteria that "
            f"comparison {comparison.name!r} does not have: {', '.join(map(repr, unknown))}",
            file=str(saved.file),
            fix=(
                f"load a profile saved for {comparison.name!r}, or save this one again with "
                f"weights for its criteria ({', '.join(comparison.criterion_ids)})"
            ),
        )
    return resolve_weights(comparison, saved.weights)


__all__ = [
    "ProfileExistsError",
    "ProfileFolderError",
    "ProfileStore",
    "SavedProfile",
    "check_name",
    "profile_file_name",
    "profile_json",
    "read_profile",
    "slugify",
    "weights_for",
]


def stakeholders_from_profiles(
    profiles: Sequence[SavedProfile], comparison: Comparison
) -> dict[str, pd.Series]:
    """Turn saved profiles into the stakeholders of a group decision: ``{name: weights}``.

    Parameters
    ----------
    profiles : sequence of SavedProfile
        From :meth:`ProfileStore.load` or :func:`read_profile`.
    comparison : Comparison
        The comparison the group decides on.

    Returns
    -------
    dict
        Profile name -> normalised weights (:func:`weights_for`), in the given order: what
        :func:`fwcompare_nb.group_decision` takes.

    Raises
    ------
    DataError
        Two profiles with the same name, or a profile :func:`weights_for` refuses (named as
        the stakeholder).
    """
    out: dict[str, pd.Series] = {}
    for i, saved in enumerate(profiles):
        if not isinstance(saved, SavedProfile):
            raise DataError(
                "expected saved profiles",
                where=f"profiles[{i}]",
                value=type(saved).__name__,
                fix="pass profiles loaded with ProfileStore.load or read_profile",
            )
        if saved.name in out:
            raise DataError(
                "two stakeholders have the same name",
                where="stakeholders",
                value=saved.name,
                fix="give each stakeholder a different name",
            )
        try:
            out[saved.name] = weights_for(saved, comparison)
        except DataError as exc:
            where = f"stakeholder {saved.name!r}" + (f", {exc.where}" if exc.where else "")
            raise DataError(
                exc.problem, file=exc.file, where=where, value=exc.value, fix=exc.fix
            ) from exc
    return out
