"""Load a comparison from CSV files: the plain import and the full data folder."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from .. import config
from ..core import validation as v
from ..core.comparison import CLAIM_COLUMNS, EVIDENCE_COLUMNS, VERDICTS, Comparison
from ..core.errors import DataError
from ..core.judgement import check_requirements
from .csvfile import CsvTable, read_csv_table


def _frame(table: CsvTable) -> pd.DataFrame:
    return pd.DataFrame(table.rows, columns=table.header, dtype=object)


def criteria_from_table(table: CsvTable) -> pd.DataFrame:
    """Check a read ``criteria.csv`` and return its criteria frame.

    Parameters
    ----------
    table : CsvTable
        The file as :func:`~fwcompare_nb.io.csvfile.read_csv_table` read it.

    Returns
    -------
    DataFrame
        As :func:`~fwcompare_nb.core.validation.validate_criteria` returns it.

    Raises
    ------
    DataError
        What :func:`~fwcompare_nb.core.validation.validate_criteria` refuses, naming the
        file and its line.
    """
    return v.validate_criteria(_frame(table), source=table.file, where=v.row_labels(table.lines))


def scores_from_table(table: CsvTable, criteria: pd.DataFrame, criteria_file: str) -> pd.DataFrame:
    """Check a read ``scores.csv`` against its criteria and return its scores frame.

    Parameters
    ----------
    table : CsvTable
        The file as :func:`~fwcompare_nb.io.csvfile.read_csv_table` read it; its first column
        names the alternatives, whatever its header.
    criteria : DataFrame
        The checked criteria (:func:`criteria_from_table`).
    criteria_file : str
        The criteria's file, named in messages about undeclared or missing criteria.

    Returns
    -------
    DataFrame
        As :func:`~fwcompare_nb.core.validation.validate_scores` returns it.

    Raises
    ------
    DataError
        The first column is a criterion, or what
        :func:`~fwcompare_nb.core.validation.validate_scores` refuses.
    """
    if table.header[0] in criteria.index:
        raise DataError(
            f"the first column must name the alternatives, not criterion {table.header[0]!r}",
            file=table.file,
            where="header",
            value=",".join(table.header),
            fix="add a first column 'alternative' with one name per row",
        )
    others = [i + 1 for i, h in enumerate(table.header) if i and h.strip().lower() == "alternative"]
    if others:
        # The first column names the alternatives whatever its header; another column headed
        # "alternative" would be read as a second set of names (or a criterion): ambiguous.
        raise DataError(
            f"column {others[0]} is headed 'alternative', but the first column "
            f"({table.header[0]!r}) is the one that names the alternatives",
            file=table.file,
            where="header",
            value=",".join(table.header),
            fix="put the names in the first column, headed 'alternative', and remove or rename "
            "the other",
        )
    frame = _frame(table).rename(columns={table.header[0]: "alternative"})
    return v.validate_scores(
        frame,
        criteria,
        source=table.file,
        where=v.row_labels(table.lines),
        criteria_source=criteria_file,
    )


def read_csv(
    scores_csv: str | Path, criteria_csv: str | Path, *, name: str | None = None
) -> Comparison:
    """Read the plain-CSV import: a wide scores file and a criteria file.

    Parameters
    ----------
    scores_csv : str or Path
        First column ``alternative`` (names), then one column per criterion id; UTF-8, BOM allowed.
    criteria_csv : str or Path
        Column ``id`` (required); optional ``name``, ``direction`` (``benefit``/``cost``,
        default benefit), ``weight`` (default 1), ``min``, ``max`` (declared scale),
        ``description``, ``group``.
    name : str, optional
        Title; defaults to the scores file's stem.

    Returns
    -------
    Comparison

    Raises
    ------
    DataError
        Naming the file, the line or column, the bad value and the fix.
    """
    criteria = criteria_from_table(read_csv_table(criteria_csv, required=("id",)))
    scores = scores_from_table(read_csv_table(scores_csv), criteria, str(criteria_csv))
    return Comparison(scores, criteria, name=name or Path(scores_csv).stem)


def _quick_evidence(frame, alt_at, crit_at, x, scale_min, scale_max) -> pd.DataFrame | None:
    """Check evidence rows all at once; ``None`` when any row fails (the loop then says why).

    Every check of :func:`_evidence_from` is here as an array operation on the same numbers
    (:func:`~fwcompare_nb.core.validation.quick_number`, the parse ``to_number`` uses), so a
    file that passes here passes there: the loop only runs to explain the first problem.
    """
    ia = frame["alternative"].map(alt_at)
    ja = frame["criterion"].map(crit_at)
    lo = np.array([v.quick_number(c) for c in frame["score_low"]], dtype=float)
    hi = np.array([v.quick_number(c) for c in frame["score_high"]], dtype=float)
    if ia.isna().any() or ja.isna().any() or not (np.isfinite(lo).all() and np.isfinite(hi).all()):
        return None
    ia, ja = ia.to_numpy(dtype=np.intp), ja.to_numpy(dtype=np.intp)
    if len(np.unique(ia * len(crit_at) + ja)) < len(ia):
        return None
    score = x[ia, ja]
    smin, smax = scale_min[ja], scale_max[ja]
    on_scale = np.isnan(smin) | ((smin <= lo) & (hi <= smax))
    if not ((lo <= score) & (score <= hi) & on_scale).all():
        return None
    out = frame.copy()
    out["score_low"], out["score_high"] = lo, hi
    return out.reset_index(drop=True)


def _evidence_from(table: CsvTable, scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    where = v.row_labels(table.lines)
    frame = _frame(table)[EVIDENCE_COLUMNS]
    seen: dict[tuple[str, str], int] = {}
    lows, highs = [], []
    # Positions and plain arrays: ``.at`` per row was 20 s of 400,000 rows (one per cell).
    alt_at = {a: i for i, a in enumerate(scores.index)}
    crit_at = {c: j for j, c in enumerate(criteria.index)}
    x = scores.to_numpy(dtype=float)
    scale_min = criteria["min"].to_numpy(dtype=float)
    scale_max = criteria["max"].to_numpy(dtype=float)
    quick = _quick_evidence(frame, alt_at, crit_at, x, scale_min, scale_max)
    if quick is not None:
        return quick
    for i, row in enumerate(frame.itertuples(index=False)):
        at = where(i)
        # A CsvTable's cells are str; the stubs type a row's fields as any scalar.
        alt, cid = cast(str, row.alternative), cast(str, row.criterion)
        if alt not in alt_at:
            raise DataError(
                "unknown alternative",
                file=table.file,
                where=f"{at}, column 'alternative'",
                value=alt,
                fix=f"use one of {', '.join(scores.index)}",
            )
        if cid not in crit_at:
            raise DataError(
                "unknown criterion",
                file=table.file,
                where=f"{at}, column 'criterion'",
                value=cid,
                fix=f"use a criterion id from criteria.csv ({', '.join(criteria.index)})",
            )
        if (alt, cid) in seen:
            raise DataError(
                f"duplicate evidence for ({alt}, {cid}) (also at {where(seen[alt, cid])})",
                file=table.file,
                where=at,
                fix="keep one row per alternative and criterion",
            )
        seen[alt, cid] = i
        kw = {"source": table.file, "fix": "write a number on the criterion's scale"}
        lo = v.to_number(row.score_low, where=f"{at}, column 'score_low'", what="score_low", **kw)
        hi = v.to_number(
            row.score_high, where=f"{at}, column 'score_high'", what="score_high", **kw
        )
        score = float(x[alt_at[alt], crit_at[cid]])
        if not lo <= score <= hi:
            raise DataError(
                f"range {lo:g}..{hi:g} does not contain the score {score:g} in scores.csv",
                file=table.file,
                where=at,
                value=(lo, hi),
                fix="make score_low <= score <= score_high",
            )
        smin, smax = float(scale_min[crit_at[cid]]), float(scale_max[crit_at[cid]])
        if not math.isnan(smin) and not (smin <= lo and hi <= smax):
            raise DataError(
                f"range leaves the declared scale {smin:g}..{smax:g}",
                file=table.file,
                where=at,
                value=(lo, hi),
                fix="keep the range on the scale",
            )
        lows.append(lo)
        highs.append(hi)
    frame["score_low"] = lows
    frame["score_high"] = highs
    return frame.reset_index(drop=True)


def _claims_from(table: CsvTable, scores: pd.DataFrame, criteria: pd.DataFrame) -> pd.DataFrame:
    where = v.row_labels(table.lines)
    frame = _frame(table)[CLAIM_COLUMNS]
    v.check_unique(list(frame["claim_id"]), source=table.file, where=where, what="claim_id")
    frameworks = {*scores.index, "both", "all"}
    for i, row in enumerate(frame.itertuples(index=False)):
        at = where(i)
        if row.verdict not in VERDICTS:
            raise DataError(
                "unknown verdict",
                file=table.file,
                where=f"{at}, column 'verdict'",
                value=row.verdict,
                fix=f"use one of {', '.join(VERDICTS)}",
            )
        if row.framework not in frameworks:
            raise DataError(
                "unknown framework",
                file=table.file,
                where=f"{at}, column 'framework'",
                value=row.framework,
                fix=f"use one of {', '.join(sorted(frameworks))}",
            )
        # A CsvTable's cells are str; the stubs type a row's fields as any scalar.
        ids = [c.strip() for c in cast(str, row.criterion).split(";") if c.strip()]
        bad = [c for c in ids if c not in criteria.index] or ([] if ids else [""])
        if bad:
            raise DataError(
                "unknown or missing criterion id",
                file=table.file,
                where=f"{at}, column 'criterion'",
                value=bad[0],
                fix="name one or more criterion ids from criteria.csv, separated by ';'",
            )
    return frame.reset_index(drop=True)


def _profiles_from(table: CsvTable, criteria: pd.DataFrame) -> pd.DataFrame:
    where = v.row_labels(table.lines)
    frame = _frame(table)
    names = list(frame["profile"])
    v.check_unique(names, source=table.file, where=where, what="profile")
    # "require" holds a preset's must-haves, unless a criterion is itself called so.
    extra = {"require"} - set(criteria.index)
    unknown = [
        c
        for c in table.header
        if c not in {"profile", "label", "description", *extra, *criteria.index}
    ]
    if unknown:
        raise DataError(
            f"column {unknown[0]!r} is not a declared criterion",
            file=table.file,
            where=f"column {unknown[0]!r}",
            fix="rename it to a criterion id or remove it",
        )
    missing = [c for c in criteria.index if c not in table.header]
    if missing:
        raise DataError(
            f"criterion {missing[0]!r} has no weight column",
            file=table.file,
            where="header",
            fix=f"add a column {missing[0]!r} (0 to ignore the criterion)",
        )
    out = pd.DataFrame(index=pd.Index(names, name="profile"))
    out["label"] = [r or n for r, n in zip(frame.get("label", names), names, strict=True)]
    out["description"] = list(frame.get("description", [""] * len(names)))
    for cid in criteria.index:
        out[cid] = [
            v.to_number(
                frame.at[i, cid],
                source=table.file,
                what="weight",
                where=f"{where(i)} (profile {names[i]!r}), column {cid!r}",
                fix="write a weight >= 0 (0 ignores the criterion)",
            )
            for i in range(len(names))
        ]
    for i, name in enumerate(names):
        w = out.loc[name, list(criteria.index)].astype(float)
        v.validate_weight_values(
            w,
            source=f"{table.file}: {where(i)} (profile {name!r})",
            fix_all_zero="give at least one criterion of this profile a weight > 0",
        )
    if extra and "require" in table.header:
        out["require"] = [
            _preset_requirements(str(frame.at[i, "require"] or ""), criteria, table.file,
                                 f"{where(i)} (profile {names[i]!r}), column 'require'")
            for i in range(len(names))
        ]  # fmt: skip
    return out


def _preset_requirements(text: str, criteria: pd.DataFrame, file: str, where: str) -> str:
    """Check a preset's must-haves (``"a>=3; b<=2"``) and write them back in one spelling."""
    specs = [part.strip() for part in text.split(";") if part.strip()]
    try:
        reqs = check_requirements(specs, criteria)
    except DataError as exc:
        raise DataError(exc.problem, file=file, where=where, value=exc.value,
                        fix=exc.fix) from None  # fmt: skip
    return ";".join(r.spec() for r in reqs)


# Optional files of a comparison folder: Comparison attribute -> file name.
SUPPLEMENTS = {
    "_evidence": config.EVIDENCE_FILE,
    "_claims": config.CLAIMS_FILE,
    "_profiles": config.PROFILES_FILE,
}
_REQUIRED = {
    config.CRITERIA_FILE: ("id",),
    config.EVIDENCE_FILE: tuple(EVIDENCE_COLUMNS),
    config.CLAIMS_FILE: tuple(CLAIM_COLUMNS),
    config.PROFILES_FILE: ("profile",),
}


def read_supplement(path: Path) -> CsvTable:
    """Read one of the comparison folder's CSV files with the columns its kind requires."""
    return read_csv_table(path, required=_REQUIRED.get(path.name, ()))


def parse_supplement(
    file: str, table: CsvTable, scores: pd.DataFrame, criteria: pd.DataFrame
) -> pd.DataFrame:
    """Validate an evidence, claims or profiles table against checked scores and criteria."""
    if file == config.EVIDENCE_FILE:
        return _evidence_from(table, scores, criteria)
    if file == config.CLAIMS_FILE:
        return _claims_from(table, scores, criteria)
    return _profiles_from(table, criteria)


def load_comparison(path: str | Path | None = None) -> Comparison:
    """Load a comparison folder: scores, criteria and, when present, evidence, claims, profiles.

    Parameters
    ----------
    path : str or Path, optional
        A folder with ``scores.csv`` and ``criteria.csv`` and optionally ``evidence.csv``,
        ``claims.csv`` and ``profiles.csv`` (see ``data/README.md``). Default: the bundled
        Django vs Flask comparison. A bare name (``"django-vs-flask"``) is looked up in ``data/``.

    Returns
    -------
    Comparison

    Raises
    ------
    DataError
        A missing folder or file, or any invalid value, naming the file, the line and the fix.
    """
    folder = Path(path) if path is not None else config.DEFAULT_COMPARISON_DIR
    if path is not None and not folder.exists() and (config.DATA_DIR / str(path)).is_dir():
        folder = config.DATA_DIR / str(path)
    if not folder.is_dir():
        raise DataError(
            "comparison folder not found",
            file=str(folder),
            fix="name a folder holding scores.csv and criteria.csv",
        )
    criteria_file = folder / config.CRITERIA_FILE
    comp = read_csv(folder / config.SCORES_FILE, criteria_file, name=folder.name)
    scores, criteria = comp.scores, comp.criteria
    extras: dict[str, Any] = {}
    for attr, file in SUPPLEMENTS.items():
        if (folder / file).exists():
            extras[attr] = parse_supplement(file, read_supplement(folder / file), scores, criteria)
    return Comparison(scores, criteria, name=folder.name, **extras)
