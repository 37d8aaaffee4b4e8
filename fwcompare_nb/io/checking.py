"""Find every problem in data files, not just the first (``python -m fwcompare_nb validate``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

import pandas as pd

from .. import config
from ..core.errors import DataError
from .csvfile import CsvTable
from .loading import criteria_from_table, parse_supplement, read_supplement, scores_from_table


def _row_problems(
    table: CsvTable, check: Callable[[CsvTable], object], whole_only: tuple[str, ...] = ()
) -> list[DataError]:
    """Check the whole table, then each row alone, so that one bad cell hides no other.

    The whole-table pass finds what spans rows (duplicates, header problems); the row passes
    find each bad row. Messages already seen are dropped, and so are row-pass problems in
    ``whole_only`` (such as "all weights are zero"), which only the whole table can judge.
    A table that passes whole has no row pass: a row alone can only fail for a reason the whole
    table fails for too, or one in ``whole_only``, which is dropped (checking 2,000 rows one by
    one took 40 s).
    """
    try:
        check(table)
    except DataError as exc:
        found: dict[str, DataError] = {str(exc): exc}
    else:
        return []
    for row, line in zip(table.rows, table.lines, strict=True):
        try:
            check(replace(table, rows=[row], lines=[line]))
        except DataError as exc:
            if exc.problem not in whole_only:
                found.setdefault(str(exc), exc)
    return list(found.values())


def _read(path: Path, problems: list[DataError]) -> CsvTable | None:
    """Read any file of the folder with the columns its kind requires, or record why not."""
    try:
        return read_supplement(path)
    except DataError as exc:
        problems.append(exc)
        return None


def check_folder(folder: Path) -> list[DataError]:
    """Every problem found in a comparison folder's files."""
    problems: list[DataError] = []
    crit_file = folder / config.CRITERIA_FILE
    table = _read(crit_file, problems)
    criteria = None
    if table is not None:
        found = _row_problems(table, criteria_from_table, whole_only=("all weights are zero",))
        problems += found
        if not found:
            criteria = criteria_from_table(table)
    scores_table = _read(folder / config.SCORES_FILE, problems)
    if scores_table is None or criteria is None:
        return problems
    found = _row_problems(scores_table, lambda t: scores_from_table(t, criteria, str(crit_file)))
    problems += found
    if found:
        return problems
    scores = scores_from_table(scores_table, criteria, str(crit_file))
    for file in (config.EVIDENCE_FILE, config.CLAIMS_FILE, config.PROFILES_FILE):
        path = folder / file
        if path.exists():
            sup = _read(path, problems)
            if sup is not None:
                # partial binds this file now (a lambda would need a default argument, which
                # defeats type inference).
                problems += _row_problems(
                    sup, partial(parse_supplement, file, scores=scores, criteria=criteria)
                )
    return problems


def check_paths(paths: Iterable[str | Path]) -> list[DataError]:
    """Every problem in the given comparison folders or files.

    A file is checked as part of its folder (its ``criteria.csv`` is needed to judge scores);
    problems in other files of that folder are reported too.
    """
    problems: list[DataError] = []
    done: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            problems.append(DataError("not found", file=str(path), fix="check the path"))
            continue
        folder = path if path.is_dir() else path.parent
        if folder.resolve() in done:
            continue
        done.add(folder.resolve())
        problems += check_folder(folder)
    return problems


def problems_frame(problems: list[DataError]) -> pd.DataFrame:
    """Problems as a DataFrame: ``file, where, problem, value, fix``."""
    return pd.DataFrame(
        [
            {"file": p.file, "where": p.where, "problem": p.problem, "value": p.value, "fix": p.fix}
            for p in problems
        ],
        columns=["file", "where", "problem", "value", "fix"],
    )
