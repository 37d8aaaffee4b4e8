"""A view of the dashboard as a URL query string, and back.

``?comparison=python-web-frameworks&preset=learning&method=topsis`` or, for weights that are no
preset, ``?comparison=django-vs-flask&weights=learning_curve:8,admin_interface:2&method=wsm``.
Your own scores and must-haves ride along as JSON (names may hold any character):
``own=[["Flask","async_support",3,"we use Flask-Sock"]]`` and ``require=["async_support>=3"]``.
Voila hands the page's query string to the kernel (``QUERY_STRING``); :func:`parse_query` reads
it without trusting it: every problem becomes a sentence for the page, and what is left is only
checked against the comparison later (:meth:`.dashboard.Dashboard.restore`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

#: The parameters a link may carry.
PARAMETERS = ("comparison", "preset", "weights", "method", "own", "require")
#: Longest query string read (a link with 200 criteria stays far below it).
MAX_QUERY = 16_000


@dataclass(frozen=True)
class ViewLink:
    """What a link asks the dashboard to show; ``None`` means "the default".

    Attributes
    ----------
    comparison : str or None
        A bundled comparison's key.
    preset : str or None
        A preset id of that comparison.
    weights : dict or None
        Weight by criterion id (criteria not named get 0).
    method : str or None
        A scoring method's key.
    own : tuple or None
        Own scores, ``(alternative, criterion, score, reason)`` each.
    requirements : tuple or None
        Must-haves as the CLI writes them, e.g. ``"async_support>=3"``.
    """

    comparison: str | None = None
    preset: str | None = None
    weights: Mapping[str, float] | None = field(default=None)
    method: str | None = None
    own: tuple[tuple[str, str, float, str], ...] | None = None
    requirements: tuple[str, ...] | None = None

    def query(self) -> str:
        """Write the query string (no ``?``) that :func:`parse_query` reads back to this view."""
        items = []
        if self.comparison is not None:
            items.append(("comparison", self.comparison))
        if self.preset is not None:
            items.append(("preset", self.preset))
        if self.weights is not None:
            items.append(("weights", format_weights(self.weights)))
        if self.method is not None:
            items.append(("method", self.method))
        if self.own:
            items.append(
                (
                    "own",
                    json.dumps(
                        [list(o) for o in self.own], ensure_ascii=False, separators=(",", ":")
                    ),
                )
            )
        if self.requirements:
            items.append(
                (
                    "require",
                    json.dumps(list(self.requirements), ensure_ascii=False, separators=(",", ":")),
                )
            )
        # ":" and "," are legal in a query and keep the weights readable in the address bar.
        return urlencode(items, safe=":,/")


def format_weights(weights: Mapping[str, float]) -> str:
    """Write ``{"a": 8.0, "b": 0.25}`` as ``"a:8,b:0.25"``: shortest exact text, no zeros.

    ``repr`` of a float is the shortest text that reads back to the same float, so a link
    restores weights exactly (an AHP result too), not rounded.
    """
    parts = []
    for cid, value in weights.items():
        value = float(value)
        if value == 0:
            continue
        text = repr(value)
        parts.append(f"{cid}:{text[:-2] if text.endswith('.0') else text}")
    return ",".join(parts)


def parse_weights(text: str) -> tuple[dict[str, float], list[str]]:
    """Read ``"a:8,b:0.25"``; returns the weights read and a sentence per item refused."""
    weights: dict[str, float] = {}
    problems = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        cid, sep, raw = item.partition(":")
        cid = cid.strip()
        try:
            value = float(raw) if sep else math.nan
        except ValueError:
            value = math.nan
        if not cid or not math.isfinite(value) or value < 0:
            problems.append(f"weights: {item!r} is not criterion:weight with a weight of 0 or more")
        elif cid in weights:
            problems.append(f"weights: criterion {cid!r} is given twice")
        else:
            weights[cid] = value
    return weights, problems


def parse_query(query: str) -> tuple[ViewLink, list[str]]:
    """Read a page's query string into a :class:`ViewLink` and the problems found.

    Parameters
    ----------
    query : str
        ``QUERY_STRING`` as Voila passes it (no leading ``?``; one is ignored).

    Returns
    -------
    ViewLink
        The parameters that could be read; the others are ``None``.
    list of str
        One sentence per unknown, repeated or malformed parameter, for the page.
    """
    problems: list[str] = []
    query = (query or "").lstrip("?")
    if len(query) > MAX_QUERY:
        return ViewLink(), [f"the link is {len(query):,} characters long; it was ignored"]
    values: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key not in PARAMETERS:
            problems.append(f"unknown parameter {key!r} (a link may carry {', '.join(PARAMETERS)})")
        elif key in values:
            problems.append(f"{key} is given twice; the first ({values[key]!r}) is used")
        elif not value.strip():
            problems.append(f"{key} is empty")
        else:
            values[key] = value.strip()
    weights = None
    if "weights" in values:
        weights, bad = parse_weights(values["weights"])
        problems += bad
        if bad or not weights:
            weights = None
            problems.append("the weights in the link were ignored")
    if weights is not None and "preset" in values:
        problems.append("the link gives both a preset and weights; the weights are used")
        values.pop("preset")
    own, bad = _read_own(values.get("own"))
    problems += bad
    reqs, bad = _read_requirements(values.get("require"))
    problems += bad
    link = ViewLink(
        comparison=values.get("comparison"),
        preset=values.get("preset"),
        weights=weights,
        method=values.get("method"),
        own=own,
        requirements=reqs,
    )
    return link, problems


def _json(text: str | None, key: str) -> tuple[object, list[str]]:
    if text is None:
        return None, []
    try:
        return json.loads(text), []
    except ValueError:
        return None, [f"{key} is not readable (JSON); it was ignored"]


def _read_own(text: str | None) -> tuple[tuple | None, list[str]]:
    """``own``: a JSON list of ``[alternative, criterion, score, reason]``."""
    data, problems = _json(text, "own")
    if data is None:
        return None, problems
    ok = isinstance(data, list) and all(
        isinstance(o, list) and len(o) == 4 and isinstance(o[0], str) and isinstance(o[1], str)
        and isinstance(o[2], (int, float)) and not isinstance(o[2], bool)
        and math.isfinite(o[2]) and isinstance(o[3], str)
        for o in data
    )  # fmt: skip
    if not ok:
        return None, ["own: not a list of [alternative, criterion, score, reason]; ignored"]
    return tuple((o[0], o[1], float(o[2]), o[3]) for o in data), []


def _read_requirements(text: str | None) -> tuple[tuple[str, ...] | None, list[str]]:
    """``require``: a JSON list of ``"criterion>=value"`` texts."""
    data, problems = _json(text, "require")
    if data is None:
        return None, problems
    if not (isinstance(data, list) and all(isinstance(r, str) for r in data)):
        return None, ['require: not a list of "criterion>=value" texts; ignored']
    return tuple(data), []
