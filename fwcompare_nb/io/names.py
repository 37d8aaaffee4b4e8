"""File names made from data text, by one rule.

The profile store, the downloads, the explorer's exports, the dashboard's uploads and the CLI
all use it.

A comparison's name, a preset's id or a profile's name is whatever a CSV file or a user said:
``"../../etc/x"``, ``"CON"``, ``"日本語"``, 300 characters. Every file name built from such text
goes through :func:`safe_stem`, so it is always one plain name inside the folder it is written
to: lowercase ASCII letters, digits, ``-`` and ``_``; no dot (so no ``..``, no hidden file, no
second extension), no separator, no Windows device name, never empty, bounded in length.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_STEM", "file_stem", "safe_stem", "stem_of"]

#: The longest stem :func:`safe_stem` returns unless told otherwise: far below every file
#: system's 255-byte limit, leaving room for a suffix such as ``-ranking.csv``.
MAX_STEM = 80
#: How much of a :func:`file_stem` the preset's id may take.
MAX_PRESET_IN_STEM = 30
# The preset id of weights that are no preset (``app.state.CUSTOM``, which io cannot import).
_CUSTOM = "custom"

_KEEP = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
# Device names Windows refuses as file names whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)


def safe_stem(
    text: object, *, limit: int | None = MAX_STEM, squeeze: bool = True, default: str = "untitled"
) -> str:
    """Turn any text into a file name stem that stays inside its folder.

    Accents are dropped (``"Équipe"`` -> ``"equipe"``), letters lowered, and every character
    other than ``[a-z0-9_-]`` becomes ``-``.

    Parameters
    ----------
    text : object
        A name from data or from a user (``str()`` of it is used).
    limit : int or None, default :data:`MAX_STEM`
        The most characters (all ASCII, so bytes) returned; ``None`` for no cut. The cut falls
        on a ``-`` when one is near, so a word is not split.
    squeeze : bool, default True
        Join runs of ``-`` into one and trim ``-`` and ``_`` at both ends, for a readable name
        (``"Web frameworks (7)"`` -> ``"web-frameworks-7"``). The profile store passes
        ``False``: its file names must stay what earlier versions wrote (``"a  b"`` ->
        ``"a--b"``), and distinct names should rarely meet in one file.
    default : str, default "untitled"
        The stem when nothing is left (``""``, ``"日本語"``, ``"../.."``); itself made safe.

    Returns
    -------
    str
        A non-empty stem of ``[a-z0-9_-]``; a Windows device name such as ``con`` gets a
        trailing ``_``.

    Examples
    --------
    >>> safe_stem("Django vs Flask")
    'django-vs-flask'
    >>> safe_stem("x/../../../somewhere/PWNED")
    'x-somewhere-pwned'
    >>> safe_stem("CON"), safe_stem("日本語", default="comparison")
    ('con_', 'comparison')
    >>> safe_stem("My  Profile", squeeze=False)
    'my--profile'
    """
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    decomposed = unicodedata.normalize("NFKD", str(text))
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stem = "".join(c if c in _KEEP else "-" for c in base)
    if squeeze:
        stem = re.sub(r"-{2,}", "-", stem).strip("-_")
    if limit is not None and len(stem) > limit:
        head = stem[:limit]
        if stem[limit] != "-" and "-" in head[limit // 2 :]:
            head = head.rsplit("-", 1)[0]  # not in the middle of a word
        stem = head.rstrip("-_") if squeeze else head
    if not stem:
        # The default goes through the same rule (its own default "untitled" is never empty).
        return safe_stem(default, limit=limit)
    return stem + "_" if stem in _RESERVED else stem


def stem_of(file_name: object, *, default: str = "untitled", limit: int | None = MAX_STEM) -> str:
    r"""Give the safe stem of a file name from someone else (an upload), without its folders.

    ``"C:\Users\me\scores.csv"`` and ``"../../scores.csv"`` both give ``"scores"``: only the
    last part of either kind of path counts, and its last extension is dropped.

    Parameters
    ----------
    file_name : object
        The name as given.
    default : str, default "untitled"
        The stem when nothing usable is left.
    limit : int or None, default :data:`MAX_STEM`
        As for :func:`safe_stem`.

    Returns
    -------
    str
        See :func:`safe_stem`.

    Examples
    --------
    >>> stem_of("../../My Scores.CSV")
    'my-scores'
    """
    last = str(file_name).replace("\\", "/").rsplit("/", 1)[-1]
    base, dot, _ext = last.rpartition(".")
    return safe_stem(base if dot and base.strip(".") else last, limit=limit, default=default)


def file_stem(comparison_name: str, preset: str | None) -> str:
    """Name the downloads of a comparison and preset: ``"django-vs-flask-learning"``.

    Parameters
    ----------
    comparison_name : str
        The comparison's name (from its folder or file: anything).
    preset : str or None
        The preset's id; ``None`` (or ``"custom"``) for weights that are no preset.

    Returns
    -------
    str
        :func:`safe_stem` of each, joined by ``-``, at most
        :data:`MAX_STEM` characters: safe as a file name anywhere (``"../../etc/x"`` gives
        ``"etc-x"``).
    """
    # Each part cut on its own: a long comparison name never pushes the preset out.
    comp = safe_stem(comparison_name, limit=MAX_STEM - MAX_PRESET_IN_STEM - 1, default="comparison")
    which = safe_stem(preset or _CUSTOM, limit=MAX_PRESET_IN_STEM, default=_CUSTOM)
    return f"{comp}-{which}"
