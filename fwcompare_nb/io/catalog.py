"""The comparisons that ship in ``data/``: which folders hold one, and what to call them.

A folder holds a comparison when it has ``scores.csv`` and ``criteria.csv`` (the plain-CSV
contract, ``data/README.md``). The dashboard offers them by key, the folder's path below the
data folder with ``/`` (``"django-vs-flask"``, ``"examples/own"``), so a link or a command line
names one of them and never a path of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..core.comparison import Comparison
from ..core.errors import DataError
from .loading import load_comparison

#: Levels below the data folder searched for comparisons (``data/x`` and ``data/x/y``).
MAX_DEPTH = 2
_SMALL_WORDS = frozenset({"vs", "and", "or", "of", "with"})


@dataclass(frozen=True)
class CatalogEntry:
    """One bundled comparison.

    Attributes
    ----------
    key : str
        Its folder below the data folder, ``/``-separated: how links and commands name it.
    label : str
        What a menu shows (``"Django vs Flask"``).
    folder : Path
        The folder.
    """

    key: str
    label: str
    folder: Path

    def load(self) -> Comparison:
        """Load and validate the comparison (a :class:`DataError` says what is wrong)."""
        return load_comparison(self.folder)


def label_for(key: str) -> str:
    """Make a menu label from a folder key (``"web-frameworks"`` -> ``"Web Frameworks"``).

    Parameters
    ----------
    key : str
        The folder key; only its last part is used, with the parent in brackets when nested.

    Returns
    -------
    str
        Words capitalised except short joining words ("vs", "and", ...).
    """
    *parents, last = key.split("/")
    words = last.replace("_", "-").split("-")
    text = " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in words if w)
    return f"{text} ({'/'.join(parents)})" if parents else text


def bundled_comparisons(data_dir: str | Path | None = None) -> list[CatalogEntry]:
    """Every folder under the data folder that holds a comparison, the default one first.

    Parameters
    ----------
    data_dir : str or Path, optional
        Default :data:`fwcompare_nb.config.DATA_DIR`.

    Returns
    -------
    list of CatalogEntry
        Sorted by key, except that the default comparison (if present) comes first. Folders are
        not validated here: :meth:`CatalogEntry.load` does that.
    """
    root = Path(data_dir) if data_dir is not None else config.DATA_DIR
    found = []
    for depth in range(1, MAX_DEPTH + 1):
        for folder in sorted(root.glob("/".join(["*"] * depth))):
            # Real folders only: a symlink could lead out of the data folder.
            if folder.is_symlink() or not folder.is_dir():
                continue
            if all((folder / f).is_file() for f in (config.SCORES_FILE, config.CRITERIA_FILE)):
                key = folder.relative_to(root).as_posix()
                found.append(CatalogEntry(key, label_for(key), folder))
    found.sort(key=lambda e: (e.key != config.DEFAULT_COMPARISON, e.key))
    return found


def find_entry(entries: list[CatalogEntry], key: str) -> CatalogEntry:
    """Find the entry with this key, or raise a DataError listing the keys there are.

    Parameters
    ----------
    entries : list of CatalogEntry
        From :func:`bundled_comparisons`.
    key : str
        The key asked for.

    Returns
    -------
    CatalogEntry

    Raises
    ------
    DataError
        No entry has that key.
    """
    for entry in entries:
        if entry.key == key:
            return entry
    raise unknown_comparison(entries, key)


def unknown_comparison(entries: list[CatalogEntry], key: str) -> DataError:
    """Make the error for a comparison key that is none of ``entries``, listing their keys."""
    return DataError(
        "unknown comparison",
        value=key,
        fix="choose one of: " + ", ".join(e.key for e in entries),
    )
