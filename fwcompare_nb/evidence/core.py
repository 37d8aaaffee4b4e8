"""Pure, testable core of the evidence harness: line counting, source parsing, noise, CSV.

Nothing here starts a process or touches the network; everything takes text or numbers and
returns text or numbers, so the tests can pin the behaviour on small snippets.
"""

from __future__ import annotations

import ast
import csv
import difflib
import io
import os
import re
import statistics
import tempfile
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path

from fwcompare_nb.errors import DataError

#: Columns of ``measurements.csv``, in order.
COLUMNS = (
    "framework",
    "measure",
    "app",
    "value",
    "unit",
    "n",
    "method",
    "versions",
    "python",
    "machine",
    "date",
    "note",
)
#: Units a measurement may use.
UNITS = frozenset({"lines", "files", "MB", "count", "ms", "bool", "ratio", "req/s"})
#: Measures whose value may be blank (a declined ratio: the note says why).
DECLINABLE = frozenset({"threaded_speedup"})
#: Load above ``cores * LOAD_FACTOR`` makes timing ratios untrustworthy.
LOAD_FACTOR = 0.75
#: Repeats whose spread exceeds this fraction of their median disagree.
MAX_SPREAD = 0.25


# --------------------------------------------------------------------------- line counting


def python_code_lines(text: str) -> set[int]:
    """Line numbers that hold code.

    A line counts when it holds a token other than a comment and is not part of a docstring
    (the first statement of a module, class or function when it is a string literal). Blank
    lines, comment-only lines and docstrings do not count; a multi-line string that is not a
    docstring counts every line it spans.

    Parameters
    ----------
    text : str
        Python source.

    Returns
    -------
    set of int
        1-based line numbers.

    Raises
    ------
    SyntaxError
        When ``text`` is not valid Python.
    """
    doc_lines: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            doc_lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    skip = {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENCODING,
        tokenize.ENDMARKER,
    }
    lines: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type not in skip:
            lines.update(range(tok.start[0], tok.end[0] + 1))
    return lines - doc_lines


def count_python_lines(text: str) -> int:
    """Number of code lines in Python source (see `python_code_lines`)."""
    return len(python_code_lines(text))


def code_line_texts(text: str) -> list[str]:
    """The code lines of Python source, stripped of surrounding whitespace, in order."""
    src = text.splitlines()
    return [src[i - 1].strip() for i in sorted(python_code_lines(text))]


def project_files(root: Path) -> list[Path]:
    """Source files a project keeps: ``*.py`` below ``root``, caches and databases excluded."""
    return sorted(
        p
        for p in root.rglob("*.py")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    )


def count_tree(root: Path) -> tuple[int, int]:
    """Code lines and number of Python files below ``root``.

    Returns
    -------
    tuple of int
        ``(code_lines, files)``.
    """
    files = project_files(root)
    return sum(count_python_lines(p.read_text(encoding="utf-8")) for p in files), len(files)


def added_or_changed(before: Sequence[str], after: Sequence[str]) -> int:
    """Lines of ``after`` that are new or changed relative to ``before`` (a line diff)."""
    n = 0
    matcher = difflib.SequenceMatcher(a=list(before), b=list(after), autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            n += j2 - j1
    return n


_SECRET = re.compile(r"^SECRET_KEY\s*=.*$")


def normalise_generated(line: str) -> str:
    """Make a generated line comparable across runs (Django's random ``SECRET_KEY``)."""
    return "SECRET_KEY = <generated>" if _SECRET.match(line) else line


def written_lines(skeleton: Path, project: Path) -> int:
    """Code lines a developer wrote or edited in ``project`` relative to a generated skeleton.

    Files absent from the skeleton count in full; files present in both count the lines added
    or changed (code lines only, compared stripped, the generated secret key ignored).
    """
    total = 0
    for path in project_files(project):
        rel = path.relative_to(project)
        after = [normalise_generated(s) for s in code_line_texts(path.read_text("utf-8"))]
        base = skeleton / rel
        before = (
            [normalise_generated(s) for s in code_line_texts(base.read_text("utf-8"))]
            if base.is_file()
            else []
        )
        total += added_or_changed(before, after)
    return total


# --------------------------------------------------------------------------- threading defaults


def _literal(node: ast.AST | None) -> object:
    try:
        return ast.literal_eval(node) if node is not None else None
    except ValueError:
        return None


def setdefault_value(source: str, key: str) -> tuple[object, int] | None:
    """Value and line of the first ``<x>.setdefault("key", VALUE)`` call in ``source``.

    Flask's ``Flask.run`` sets its threading default this way:
    ``options.setdefault("threaded", True)``.
    """
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "setdefault"
            and len(node.args) == 2
            and _literal(node.args[0]) == key
        ):
            return _literal(node.args[1]), node.lineno
    return None


def function_arg_default(source: str, function: str, arg: str) -> tuple[object, int] | None:
    """Default value and line of parameter ``arg`` of function ``function`` in ``source``.

    Werkzeug's ``run_simple(..., threaded: bool = False, ...)`` is read this way.
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function:
            a = node.args
            positional = a.posonlyargs + a.args
            pairs = list(
                zip(positional[len(positional) - len(a.defaults) :], a.defaults, strict=True)
            )
            pairs += [
                (k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is not None
            ]
            for param, default in pairs:
                if param.arg == arg:
                    return _literal(default), default.lineno
    return None


def argparse_dest_default(source: str, dest: str) -> tuple[object, int] | None:
    """Default of the argparse option stored in ``dest``, from ``add_argument`` calls in source.

    An explicit ``default=`` wins; otherwise ``store_false`` means True, ``store_true`` False.
    Django's ``runserver`` declares ``--nothreading`` with ``action="store_false",
    dest="use_threading"``, so threading is on by default.
    """
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_argument"
        ):
            continue
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        if _literal(kw.get("dest")) != dest:
            continue
        if "default" in kw:
            return _literal(kw["default"]), node.lineno
        action = _literal(kw.get("action"))
        if action == "store_false":
            return True, node.lineno
        if action == "store_true":
            return False, node.lineno
        return None, node.lineno
    return None


# --------------------------------------------------------------------------- noise decisions


def spread(values: Sequence[float]) -> float:
    """Relative spread of repeats: ``(max - min) / median`` (0 for fewer than two values)."""
    if len(values) < 2:
        return 0.0
    med = statistics.median(values)
    return (max(values) - min(values)) / med if med else float("inf")


def too_noisy(load: float | None, cores: int, factor: float = LOAD_FACTOR) -> bool:
    """True when the machine's 1-minute load average exceeds ``cores * factor``."""
    return load is not None and load > cores * factor


def decide_ratio(
    numerator: Sequence[float],
    denominator: Sequence[float],
    *,
    load: float | None,
    cores: int,
    factor: float = LOAD_FACTOR,
    max_spread: float = MAX_SPREAD,
) -> tuple[float | None, str]:
    """Ratio of the medians of two series of repeats, or None with the reason it is declined.

    The ratio is declined when the machine is busy (load > ``cores * factor``), when either
    series is empty, or when the repeats of either series differ by more than ``max_spread``
    of their median.

    Returns
    -------
    tuple
        ``(ratio or None, note)``.
    """
    if too_noisy(load, cores, factor):
        return None, f"declined: load {load:.2f} > {cores} cores x {factor}"
    if not numerator or not denominator:
        return None, "declined: no measurements"
    for label, series in (("numerator", numerator), ("denominator", denominator)):
        s = spread(series)
        if s > max_spread:
            return None, f"declined: {label} repeats differ by {s:.0%} > {max_spread:.0%}"
    den = statistics.median(denominator)
    if den <= 0:
        return None, "declined: zero denominator"
    shown = "n/a" if load is None else f"{load:.2f}"
    return statistics.median(
        numerator
    ) / den, f"repeats agree within {max_spread:.0%}; load {shown}"


# --------------------------------------------------------------------------- the CSV


@dataclass
class Measurement:
    """One row of ``measurements.csv`` (see ``data/evidence/README.md``)."""

    framework: str
    measure: str
    app: str
    value: float | int | str | None
    unit: str
    n: int = 1
    method: str = ""
    versions: str = ""
    python: str = ""
    machine: str = ""
    date: str = ""
    note: str = field(default="")


def format_value(value: object) -> str:
    """CSV text for a value: blank for None, ints as ints, floats with up to 3 decimals."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else ""
    return str(value)


def write_measurements(rows: Iterable[Measurement], path: Path) -> Path:
    """Write rows to ``path`` atomically (a temporary file in the same folder, then replace).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                rec = asdict(row)
                rec["value"] = format_value(rec["value"])
                writer.writerow(rec)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_measurements(path: Path) -> list[Measurement]:
    """Read and validate ``measurements.csv``.

    Raises
    ------
    fwcompare_nb.errors.DataError
        On missing columns, unknown units, non-numeric values, bad counts or non-ISO dates.
    """
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(
                "missing columns",
                file=str(path),
                value=missing,
                fix="re-run `python -m fwcompare_nb.evidence`",
            )
        out = []
        names = {f.name for f in fields(Measurement)}
        for i, rec in enumerate(reader, start=2):
            where = f"line {i}"
            if rec["unit"] not in UNITS:
                raise DataError("unknown unit", file=str(path), where=where, value=rec["unit"])
            value: float | None
            if rec["value"] == "":
                if rec["measure"] not in DECLINABLE:
                    raise DataError("blank value", file=str(path), where=where)
                value = None
            else:
                try:
                    value = float(rec["value"])
                except ValueError:
                    raise DataError(
                        "value is not a number", file=str(path), where=where, value=rec["value"]
                    ) from None
            try:
                n = int(rec["n"])
                datetime.fromisoformat(rec["date"])
            except ValueError:
                raise DataError(
                    "bad n or non-ISO date",
                    file=str(path),
                    where=where,
                    value=(rec["n"], rec["date"]),
                ) from None
            kwargs = {k: v for k, v in rec.items() if k in names}
            kwargs.update(value=value, n=n)
            out.append(Measurement(**kwargs))
        return out
