"""Read a CSV file defensively: every failure becomes a :class:`DataError` naming the file.

Returns the header and the rows as strings with their line numbers; turning text into numbers
and checking meaning is left to :mod:`fwcompare_nb.validation`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DataError

#: Largest input file read: 2,000 alternatives x 200 criteria of scores is about 2 MiB.
MAX_FILE_BYTES = 64 * 2**20


@dataclass(frozen=True)
class CsvTable:
    """A parsed CSV file: header, data rows (blank lines dropped) and each row's line number."""

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def read_text(path: str | Path) -> str:
    """Return a text file's content decoded as UTF-8 (a BOM is allowed and dropped).

    Raises
    ------
    DataError
        The file is missing, a folder, empty, binary or not UTF-8.
    """
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise DataError("file not found", file=name, fix="check the path and the file name")
    if path.is_dir():
        raise DataError("is a folder, not a file", file=name, fix="name the file itself")
    if not path.is_file():
        # A FIFO would block the read for ever, /dev/zero would never end.
        raise DataError(
            "is not a regular file (a pipe, device or socket)",
            file=name,
            fix="save the data to an ordinary CSV file and name that",
        )
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError(
            f"cannot read the file ({exc.strerror})",
            file=name,
            fix="check that it exists and that you may read it",
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise DataError(
            f"file is larger than {MAX_FILE_BYTES // 2**20} MiB",
            file=name,
            fix="split the comparison or drop columns it does not need",
        )
    if not data.strip():
        raise DataError("file is empty", file=name, fix="add a header row and data rows")
    if b"\x00" in data:
        raise DataError(
            "file is binary, not text",
            file=name,
            fix="export the sheet as CSV (UTF-8), not as a spreadsheet or archive",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            "file is not UTF-8 text",
            file=name,
            where=f"line {line}, byte {exc.start}",
            fix="save the file as UTF-8 (e.g. 'CSV UTF-8' in a spreadsheet program)",
        ) from None


def read_csv_table(path: str | Path, *, required: tuple[str, ...] = ()) -> CsvTable:
    """Read ``path`` as a CSV table and check its shape.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    required : tuple of str
        Column names that must appear in the header.

    Returns
    -------
    CsvTable
        Header names are stripped of surrounding white space.

    Raises
    ------
    DataError
        Missing/empty/binary file, malformed CSV, blank or duplicate header names, missing
        required columns, a row with the wrong number of fields, or no data rows.
    """
    name = str(path)
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines carry nothing
            if header is None:
                header = [cell.strip() for cell in record]
                header_line = line
                continue
            rows.append([cell.strip() for cell in record])
            lines.append(line)
    except csv.Error as exc:
        raise DataError(
            f"malformed CSV ({exc})",
            file=name,
            where=f"line {reader.line_num}",
            fix="check the quotes on that line: a field with a comma or quote must be quoted",
        ) from None
    assert header is not None  # read_text refused a blank file
    for i, col in enumerate(header, start=1):
        if not col:
            raise DataError(
                "a header name is blank",
                file=name,
                where=f"line {header_line}, column {i}",
                fix="give every column a name",
            )
    seen: dict[str, int] = {}
    for i, col in enumerate(header, start=1):
        if col in seen:
            raise DataError(
                f"duplicate column {col!r} (columns {seen[col]} and {i})",
                file=name,
                where=f"line {header_line}",
                fix="keep one column of each name",
            )
        seen[col] = i
    missing = [col for col in required if col not in seen]
    if missing:
        raise DataError(
            f"missing required column(s) {', '.join(map(repr, missing))}",
            file=name,
            where=f"header (line {header_line})",
            value=",".join(header),
            fix=f"add a header column named {missing[0]!r}",
        )
    for row, line in zip(rows, lines, strict=True):
        if len(row) != len(header):
            raise DataError(
                f"row has {len(row)} fields but the header has {len(header)}",
                file=name,
                where=f"line {line}",
                value=",".join(row),
                fix="give every row one value per header column (quote values that contain commas)",
            )
    if not rows:
        raise DataError("no data rows below the header", file=name, fix="add at least one row")
    return CsvTable(file=name, header=header, rows=rows, lines=lines)
