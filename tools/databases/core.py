"""Pure parts of the database measurements: dpkg status, dependency closure, summaries, rows."""

from __future__ import annotations

import csv
import os
import re
import statistics
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

#: Columns of the measurements file, in order (documented in data/evidence/README.md).
COLUMNS = [
    "id",
    "alternative",
    "measure",
    "setup",
    "value",
    "unit",
    "n",
    "method",
    "versions",
    "python",
    "machine",
    "date",
    "note",
]


@dataclass(frozen=True)
class Package:
    """One installed Debian package, as far as the footprint needs it."""

    name: str
    version: str
    installed_kb: int
    priority: str
    essential: bool
    depends: tuple[tuple[str, ...], ...]  # Depends + Pre-Depends: groups of alternatives
    provides: tuple[str, ...]


def _names(field: str) -> tuple[tuple[str, ...], ...]:
    """``"a (>= 1), b | c:any"`` -> ``(("a",), ("b", "c"))``: names only, no versions or arch."""
    groups = []
    for group in field.split(","):
        alts = tuple(
            re.sub(r"\s*\(.*?\)|:\w+|\s*\[.*?\]", "", alt).strip()
            for alt in group.split("|")
            if alt.strip()
        )
        if alts:
            groups.append(alts)
    return tuple(groups)


def parse_dpkg_status(text: str) -> dict[str, Package]:
    """Installed packages from the text of ``/var/lib/dpkg/status``.

    Only stanzas whose ``Status`` ends in ``installed`` count; continuation lines are ignored
    (none of the fields used here spans lines). Multi-arch duplicates keep the first stanza.
    """
    found: dict[str, Package] = {}
    for stanza in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        for line in stanza.splitlines():
            if line[:1] in (" ", "\t") or ":" not in line:
                continue
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
        if not fields.get("Package") or not fields.get("Status", "").endswith(" installed"):
            continue
        name = fields["Package"]
        if name in found:
            continue
        depends = _names(fields.get("Pre-Depends", "")) + _names(fields.get("Depends", ""))
        found[name] = Package(
            name=name,
            version=fields.get("Version", ""),
            installed_kb=int(fields.get("Installed-Size", "0") or 0),
            priority=fields.get("Priority", "optional"),
            essential=fields.get("Essential", "no") == "yes",
            depends=depends,
            provides=tuple(a for g in _names(fields.get("Provides", "")) for a in g),
        )
    return found


def dependency_closure(packages: dict[str, Package], roots: Iterable[str]) -> set[str]:
    """The roots and everything they depend on (Depends and Pre-Depends, recursively).

    Of a group of alternatives (``a | b``) the first installed one is followed; a virtual name
    resolves to the installed packages providing it. Names not installed are skipped.
    """
    providers: dict[str, list[str]] = {}
    for pkg in packages.values():
        for virtual in pkg.provides:
            providers.setdefault(virtual, []).append(pkg.name)
    seen: set[str] = set()
    todo = [r for r in roots if r in packages]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for group in packages[name].depends:
            for alt in group:
                if alt in packages:
                    todo.append(alt)
                    break
                if alt in providers:
                    todo.extend(providers[alt])
                    break
    return seen


def base_system(packages: dict[str, Package]) -> set[str]:
    """The Essential packages and everything they depend on: what every Debian system has."""
    return dependency_closure(packages, [n for n, p in packages.items() if p.essential])


def footprint(packages: dict[str, Package], roots: Iterable[str]) -> tuple[float, list[str]]:
    """MB (10^6 bytes) of the roots' dependency closure without the Debian base system.

    The base system (:func:`base_system`: Essential packages and their dependencies, such as
    libc6) is left out, since every Debian install has it; dpkg's ``Installed-Size`` is in KiB.
    Returns (MB, sorted package names).
    """
    base = base_system(packages)
    names = sorted(n for n in dependency_closure(packages, roots) if n not in base)
    kib = sum(packages[n].installed_kb for n in names)
    return round(kib * 1024 / 1e6, 2), names


def median(values: Iterable[float]) -> float:
    """Median of the values (at least one)."""
    return float(statistics.median(list(values)))


def percentile(values: Iterable[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    data = sorted(values)
    if not data:
        return 0.0
    if len(data) == 1:
        return float(data[0])
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return float(data[lo] + (data[hi] - data[lo]) * (pos - lo))


def spread(values: list[float]) -> str:
    """``"min..max over n"`` for a note."""
    return f"{min(values):.1f}..{max(values):.1f} over {len(values)}"


def error_kinds(messages: Iterable[str]) -> str:
    """Distinct error messages with their counts, most frequent first (``"3x database is
    locked"``); empty when there were none."""
    counts: dict[str, int] = {}
    for m in messages:
        counts[m] = counts.get(m, 0) + 1
    return "; ".join(f"{c}x {m}" for m, c in sorted(counts.items(), key=lambda kv: -kv[1]))


def measurement_id(alternative: str, measure: str, setup: str = "") -> str:
    """Stable id of a measurement: ``db:<alternative>:<measure>[:<setup>]``."""
    return ":".join(["db", alternative, measure] + ([setup] if setup else []))


@dataclass(frozen=True)
class Row:
    """One measurement; the fields are the file's columns (see COLUMNS)."""

    id: str
    alternative: str
    measure: str
    setup: str
    value: float
    unit: str
    n: int
    method: str
    versions: str
    python: str
    machine: str
    date: str
    note: str = ""


def write_rows(rows: list[Row], path: Path) -> None:
    """Write the rows as CSV (replacing the file atomically: temporary file + rename)."""
    ids = [r.id for r in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate measurement ids")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                data = asdict(row)
                data["value"] = f"{row.value:g}" if abs(row.value) < 1e15 else str(row.value)
                writer.writerow(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_rows(path: Path) -> dict[str, dict[str, str]]:
    """The file's rows by id (values as text)."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}
