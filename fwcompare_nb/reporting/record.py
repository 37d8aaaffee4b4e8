"""The decision as a record: an Architecture Decision Record in the MADR format.

:func:`decision_record` writes one comparison, weighting and method as Markdown with the
headings of MADR (Markdown Architectural Decision Records, https://adr.github.io/madr/): YAML
front matter with the status and date, then *Context and Problem Statement*, *Decision
Drivers*, *Considered Options*, *Decision Outcome* (with *Consequences* and *Confirmation*),
*Pros and Cons of the Options* and *More Information*. Every figure in it is computed here from
the package (the recommendation, the stability intervals, the rank acceptability) and every
name, rationale, source and reason from the data passes through :func:`markdown_text`, so it
stays text. :func:`write_record` numbers the file after the records already in a folder, as
adr-tools does, and never overwrites one.

Nothing here draws: the module needs NumPy and pandas only, so the command line and the explorer
can call it cheaply.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..analysis.sensitivity import SensitivityResult, change_sentence, sensitivity
from ..analysis.smaa import SHOWN_CONFIDENCE, SmaaResult, rank_acceptability
from ..core.comparison import Comparison, Weights
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.scoring import Recommendation, recommend
from ..core.text import percent, percent_towards, score_text, visible
from ..io.files import create_new
from ..io.names import safe_stem

__all__ = [
    "STATUS_PATTERN",
    "decision_record",
    "markdown_text",
    "record_title",
    "write_record",
]

#: What a status may be: a word or a few (``proposed``, ``accepted``, ``superseded by 0005``),
#: safe as a plain YAML value in the front matter.
STATUS_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/-]{0,59}")
#: Options listed by name (considered options, pros and cons); the rest are counted.
TOP_OPTIONS = 15
#: Criteria listed as decision drivers; the rest are summed up in one line.
TOP_DRIVERS = 12
#: Criteria named as good or bad for each option, and as the winner's consequences.
TOP_POINTS = 3
#: Criteria on which the winner is weaker than the runner-up, named one by one.
TOP_WEAKER = 5
#: Rows of the stability table and sentences of what would change the answer.
TOP_CHANGES = 12
#: Record files: ``NNNN-slug.md``; the number of the highest one decides the next.
RECORD_NAME = re.compile(r"(\d+)-[^/\\]*\.md")
#: The longest slug of a record's file name (adr-tools uses the whole title).
MAX_SLUG = 60
_TOL = 1e-12
_ORDINALS = ("first", "second", "third")

# Markdown's metacharacters, escaped wherever they stand; HTML's as entities. "_" between two
# letters or digits is left alone (it can neither open nor close emphasis there).
_SPECIAL = re.compile(r"[\\`*_\[\]#|~$&<>]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_WORD = re.compile(r"[^\W_]")
# What starts a block only at the start of a line: a list item or setext underline ("-", "+",
# "="), an ordered list item ("1." or "1)").
_ORDERED = re.compile(r"(\d+)([.)])")


def _escape(match: re.Match) -> str:
    char, text, at = match.group(), match.string, match.start()
    if char in _ENTITIES:
        return _ENTITIES[char]
    if char == "_" and 0 < at < len(text) - 1:
        if _WORD.match(text[at - 1]) and _WORD.match(text[at + 1]):
            return char
    return "\\" + char


def markdown_text(text: object) -> str:
    r"""Write data text so that Markdown shows it as written and builds nothing from it.

    Control characters are shown as their escapes (:func:`~fwcompare_nb.core.text.visible`),
    so the result is one line; ``&``, ``<`` and ``>`` become HTML entities (no tag, no
    autolink); ``\ ` * _ [ ] # | ~ $`` get a backslash (no emphasis, link, code, heading,
    table cell or math); a ``-``, ``+``, ``=`` or ``1.`` at the start gets one too (no list
    item or setext heading, wherever the text is placed); leading and trailing spaces become
    ``&#32;`` (no indented code block, no hard line break). Rendered, the result reads as
    ``visible(text)``.

    Parameters
    ----------
    text : object
        A name, rationale, source or reason from data (``str()`` of it is used).

    Returns
    -------
    str
        Markdown source for inline text, table cells included.

    Examples
    --------
    >>> markdown_text("[link](http://x) *bold* <script>")
    '\\[link\\](http://x) \\*bold\\* &lt;script&gt;'
    >>> markdown_text("1. learning_curve | # x")
    '1\\. learning_curve \\| \\# x'
    >>> markdown_text("\x1b[2J")
    '\\\\x1b\\[2J'
    """
    shown = visible(text)
    out = _SPECIAL.sub(_escape, shown)
    if out[:1] in ("-", "+", "="):
        out = "\\" + out
    elif ordered := _ORDERED.match(out):
        out = ordered.group(1) + "\\" + out[ordered.end(1) :]
    stripped = out.strip(" ")
    if stripped != out:
        lead = len(out) - len(out.lstrip(" "))
        trail = len(out) - len(out.rstrip(" "))
        out = "&#32;" * lead + stripped + "&#32;" * trail if stripped else "&#32;" * len(out)
    return out


def _quoted(text: object) -> str:
    return f'"{markdown_text(text)}"'


def _names(items: list[str], top: int = TOP_OPTIONS, word: str = "and") -> str:
    """Join names as ``"A, B and C"`` (escaped), at most ``top`` by name and then a count."""
    shown = [markdown_text(a) for a in items[:top]]
    more = len(items) - len(shown)
    if more > 0:
        return ", ".join(shown) + f" {word} {more:,} more"
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" {word} " + shown[-1]


def _number(x: float) -> str:
    return "–" if pd.isna(x) else f"{float(x):g}"


def _situation(comparison: Comparison, weights: Weights, profile: str | None) -> dict[str, str]:
    """Describe the weights in words: ``{"kind", "id", "label", "description"}``.

    ``kind`` is ``preset`` (one of the comparison's), ``named`` (a name given for weights that
    are no preset), ``custom`` or ``default``.
    """
    name = profile if profile is not None else weights if isinstance(weights, str) else None
    if name is not None and name in comparison.preset_ids:
        label = comparison.preset_label(name)
        description = comparison.preset_description(name)
        return {
            "kind": "preset",
            "id": str(name),
            "label": label if label and label != "nan" else str(name),
            "description": description if description != "nan" else "",
        }
    if name is not None:
        return {"kind": "named", "id": str(name), "label": str(name), "description": ""}
    if weights is None:
        return {"kind": "default", "id": "", "label": "the default weights", "description": ""}
    return {"kind": "custom", "id": "", "label": "custom weights", "description": ""}


def _tied(rec: Recommendation) -> list[str]:
    first = rec.ranking[rec.ranking["rank"] == 1]
    return [str(a) for a in first.index]


def _or_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _title_parts(comparison: Comparison, rec: Recommendation, situation: dict) -> tuple[str, str]:
    """Name the chosen option(s) and the situation, as plain text (escape before use)."""
    chosen = _or_names(_tied(rec)[:3]) if rec.tie else rec.winner
    if situation["kind"] in ("preset", "named"):
        where = f"{situation['label']} ({comparison.name})"
    else:
        where = f"{comparison.name} with {situation['label']}"
    return chosen, where


def record_title(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
) -> str:
    """Title a decision record: ``"Use <winner> for <situation>"``, as plain text.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        As :func:`fwcompare_nb.resolve_weights` accepts.
    method : {"wsm", "wpm", "topsis"}
    profile : str, optional
        The name of the weights (see :func:`decision_record`).

    Returns
    -------
    str
        E.g. ``"Use Flask for Learning web development (django-vs-flask)"``; alternatives that
        tie are joined by "or". Data text unescaped: :func:`write_record` makes its file name
        from it with :func:`~fwcompare_nb.io.names.safe_stem`.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> record_title(fw.load_comparison(), "learning")
    'Use Flask for Learning web development (django-vs-flask)'
    """
    rec = recommend(comparison, weights, method)
    chosen, where = _title_parts(comparison, rec, _situation(comparison, weights, profile))
    return f"Use {chosen} for {where}"


def _check_status(status: str) -> str:
    if not isinstance(status, str) or not STATUS_PATTERN.fullmatch(status):
        raise DataError(
            "a record's status is a word or a few: letters, digits, spaces, '.', '_', '/', '-'",
            value=status,
            fix="use e.g. proposed, accepted, rejected, deprecated or 'superseded by 0005'",
        )
    return status.strip()


def _check_date(date: dt.date | str | None) -> str:
    if date is None:
        return dt.datetime.now(dt.UTC).date().isoformat()
    if isinstance(date, dt.datetime):
        return date.date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(str(date)).isoformat()
    except ValueError:
        raise DataError(
            "a record's date is YYYY-MM-DD", value=date, fix="use e.g. 2026-12-01"
        ) from None


def _direction(criteria: pd.DataFrame, cid: str) -> str:
    return "higher is better" if criteria.at[cid, "direction"] == "benefit" else "lower is better"


def _ordinal(rank: int) -> str:
    return _ORDINALS[rank - 1] if rank <= len(_ORDINALS) else f"rank {rank}"


def _evidence_text(row) -> str:
    """``" Evidence: <rationale> (source: <source>)"``, escaped; "" without evidence."""
    if row is None:
        return ""
    rationale = "" if pd.isna(row.rationale) else str(row.rationale).strip()
    source = "" if pd.isna(row.source) else str(row.source).strip()
    text = f" Evidence: {markdown_text(rationale)}" if rationale else ""
    if source:
        text += (
            f" (source: {markdown_text(source)})" if text else f" Source: {markdown_text(source)}"
        )
    return text


class _Facts:
    """What the record says, computed once: the recommendation and both analyses."""

    def __init__(
        self,
        comparison: Comparison,
        weights: Weights,
        method: str,
        samples: int | None,
        seed: int | None,
    ) -> None:
        self.comparison = comparison
        self.rec: Recommendation = recommend(comparison, weights, method)
        self.method = get_method(self.rec.method)
        self.sens: SensitivityResult = sensitivity(comparison, self.rec.weights, self.rec.method)
        self.smaa: SmaaResult = rank_acceptability(
            comparison, self.rec.weights, self.rec.method, samples=samples, seed=seed,
            weight_sampling="around", confidence_for=SHOWN_CONFIDENCE,
        )  # fmt: skip
        self.criteria = comparison.criteria
        self.names = comparison.criterion_names
        self.scores = comparison.scores
        self.data_scores = comparison.data_scores
        self.overrides = comparison.overrides
        self.ruled_out = comparison.ruled_out
        ev = comparison.evidence
        self.evidence = {
            (str(r.alternative), str(r.criterion)): r for r in ev.itertuples(index=False)
        }
        self.own = {
            (str(r.alternative), str(r.criterion)): r
            for r in self.overrides.itertuples(index=False)
        }

    @property
    def confidence(self) -> float:
        """The share of sampled weightings in which the winner is first."""
        return float(self.smaa.acceptability[1][self.rec.winner])

    def cell(self, alternative: str, cid: str) -> str:
        """Write a score with its evidence, or the user's own score beside the data's."""
        score = self.data_scores.at[alternative, cid]
        own = self.own.get((alternative, cid))
        evidence = _evidence_text(self.evidence.get((alternative, cid)))
        if own is None:
            return f"{_number(score)}.{evidence}"
        why = f" because {markdown_text(own.reason)}" if own.reason else ""
        data = f" The data's score {_number(own.bundled)}" + (f":{evidence}" if evidence else ".")
        return f"{_number(own.score)}, our own score{why}.{data}"


def _front_matter(status: str, date: str) -> list[str]:
    return ["---", f"status: {status}", f"date: {date}", "---", ""]


def _context(f: _Facts, situation: dict) -> list[str]:
    comp, rec = f.comparison, f.rec
    alts = [str(a) for a in rec.ranking.index]
    lines = ["## Context and Problem Statement", ""]
    which = _names(sorted(alts, key=str.casefold) if len(alts) <= TOP_OPTIONS else alts,
                   word="or")  # fmt: skip
    also = ""
    if len(f.ruled_out):
        out = list(dict.fromkeys(str(a) for a in f.ruled_out["alternative"]))
        also = f" ({len(out):,} more ruled out by must-haves: {_names(out)})"
    lines.append(
        f"Which option should we use from the comparison {_quoted(comp.name)}: {which}{also}? "
        f"The comparison scores {len(comp.data_scores):,} alternatives on "
        f"{len(comp.criterion_ids):,} criteria with {len(comp.evidence):,} evidence rows"
        + (f" and {len(comp.claims):,} checked claims." if len(comp.claims) else ".")
    )
    lines.append("")
    if situation["kind"] == "preset":
        text = (
            f"The weights are the preset {_quoted(situation['label'])} "
            f"(id {markdown_text(situation['id'])})"
        )
        desc = situation["description"].strip()
        text += f": {markdown_text(desc)}" if desc else "."
    elif situation["kind"] == "named":
        text = f"The weights are {_quoted(situation['label'])}, set for this decision."
    elif situation["kind"] == "custom":
        text = "The weights are custom, set for this decision (see Decision Drivers)."
    else:
        text = "The weights are the defaults of the comparison's criteria file."
    lines += [text, ""]
    lines.append(
        f"The options are ranked by the method {markdown_text(f.method.label)}; a higher score "
        "is better."
    )
    if len(f.overrides):
        n = len(f.overrides)
        lines.append(
            f"{n:,} score{'s are' if n != 1 else ' is'} our own instead of the data's "
            "(listed under More Information)."
        )
    if comp.requirements:
        lines.append(
            "Must-haves screen the options before any weighting: "
            + "; ".join(markdown_text(r.spec()) for r in comp.requirements)
            + "."
        )
    lines.append("")
    return lines


def _drivers(f: _Facts) -> list[str]:
    w = f.rec.weights
    order = np.argsort(-w.to_numpy(), kind="stable")  # ties keep the declared order
    ranked = [str(c) for c in w.index[order] if w[c] > 0]
    lines = ["## Decision Drivers", ""]
    for cid in ranked[:TOP_DRIVERS]:
        lines.append(
            f"* {markdown_text(f.names[cid])}: {percent(w[cid])} of the weight "
            f"({_direction(f.criteria, cid)})"
        )
    rest = ranked[TOP_DRIVERS:]
    if rest:
        lines.append(
            f"* {len(rest):,} more criteria with {percent(float(w[rest].sum()))} of the weight "
            "together"
        )
    for req in f.comparison.requirements:
        bound = "at least" if req.op == ">=" else "at most"
        lines.append(
            f"* Must-have: {markdown_text(f.names[req.criterion])} {bound} {req.bound:g} "
            f"({markdown_text(req.spec())})"
        )
    zero = [str(f.names[c]) for c in w.index if w[c] == 0]
    if zero:
        lines.append(f"* Not weighed (0%): {_names(zero)}")
    return [*lines, ""]


def _ruled_out_by(f: _Facts) -> dict[str, pd.DataFrame]:
    return {str(alt): rows for alt, rows in f.ruled_out.groupby("alternative", sort=False)}


def _options(f: _Facts) -> list[str]:
    rec = f.rec
    lines = ["## Considered Options", ""]
    for alt, r in rec.ranking.head(TOP_OPTIONS).iterrows():
        lines.append(
            f"* {markdown_text(alt)}: {_ordinal(int(r['rank']))}, {f.method.short} score "
            f"{r['score']:.3f}"
        )
    more = len(rec.ranking) - TOP_OPTIONS
    if more > 0:
        lines.append(f"* {more:,} more, ranked below these")
    out = _ruled_out_by(f)
    for alt, rows in list(out.items())[:TOP_OPTIONS]:
        lines.append(
            f"* {markdown_text(alt)}: ruled out by a must-have "
            f"({'; '.join(markdown_text(t) for t in rows['text'])})"
        )
    if len(out) > TOP_OPTIONS:
        lines.append(f"* {len(out) - TOP_OPTIONS:,} more ruled out by must-haves")
    return [*lines, ""]


def _outcome(f: _Facts) -> list[str]:
    rec, m = f.rec, f.method
    lines = ["## Decision Outcome", ""]
    smaa = f.smaa
    near = "weightings drawn around these weights"
    if rec.runner_up is None:
        lines.append(
            f"Chosen option: {_quoted(rec.winner)}, because it is the only option left"
            + (" after the must-haves." if len(f.ruled_out) else ".")
        )
    elif rec.tie:
        tied = _tied(rec)
        lines.append(
            f"Chosen option: {' or '.join(_quoted(a) for a in tied[:TOP_OPTIONS])}: they tie "
            f"under {m.short} (score {rec.ranking['score'].iloc[0]:.3f}), so these criteria and "
            "weights do not decide between them; decide on what they leave out."
        )
    else:
        lines.append(
            f"Chosen option: {_quoted(rec.winner)}, because it comes first under "
            f"{markdown_text(m.label)} with these weights, {score_text(rec.margin)} ahead of "
            f"{markdown_text(rec.runner_up)}, and stays first in {percent(f.confidence)} of "
            f"{near}."
        )
    lines += ["", markdown_text(rec.headline()), ""]
    if rec.runner_up is not None:
        best, second = rec.ranking["score"].iloc[0], rec.ranking["score"].iloc[1]
        lines.append(
            f"Margin: {score_text(rec.margin)} ({markdown_text(rec.winner)} {best:.3f}, "
            f"{markdown_text(rec.runner_up)} {second:.3f}; {m.short} scores, higher is better)."
        )
        lines.append("")
    lines.append(
        f"Confidence: {markdown_text(rec.winner)} is first in {percent(f.confidence)} of {near}. "
        f"{markdown_text(smaa.settings_sentence())}"
    )
    lines.append("")
    lines += _consequences(f)
    lines += _confirmation(f)
    return lines


def _weaker(f: _Facts, alternative: str, other: str) -> list[str]:
    """Weighted criteria on which ``alternative`` contributes less than ``other``, worst first."""
    c = f.rec.contributions
    gap = (c.loc[other] - c.loc[alternative]).round(12)
    w = f.rec.weights
    gap = gap[(gap > _TOL) & (w.reindex(gap.index) > 0)]
    return [str(cid) for cid in gap.sort_values(ascending=False, kind="stable").index]


def _consequences(f: _Facts) -> list[str]:
    rec = f.rec
    lines = ["### Consequences", ""]
    if rec.runner_up is None or rec.tie:
        if rec.runner_up is None:
            lines.append("* Neutral, because there was nothing to compare it with")
        else:
            lines.append("* Neutral, because the tied options differ only where the weights "
                         "balance out")  # fmt: skip
    else:
        for cid, r in rec.deciding.head(TOP_POINTS).iterrows():
            lines.append(
                f"* Good, because it leads {markdown_text(rec.runner_up)} on "
                f"{markdown_text(r['name'])}: {_number(f.scores.at[rec.winner, cid])} against "
                f"{_number(f.scores.at[rec.runner_up, cid])} ({_direction(f.criteria, cid)}; "
                f"{percent(r['share'], 0)} of its lead)"
            )
        weaker = _weaker(f, rec.winner, rec.runner_up)
        for cid in weaker[:TOP_WEAKER]:
            lines.append(
                f"* Bad, because it is weaker than {markdown_text(rec.runner_up)} on "
                f"{markdown_text(f.names[cid])}: {_number(f.scores.at[rec.winner, cid])} "
                f"against {_number(f.scores.at[rec.runner_up, cid])} "
                f"({_direction(f.criteria, cid)}; weight {percent(rec.weights[cid])})"
            )
        if len(weaker) > TOP_WEAKER:
            rest = [str(f.names[c]) for c in weaker[TOP_WEAKER:]]
            lines.append(
                f"* Bad, because it is also weaker than {markdown_text(rec.runner_up)} on "
                f"{_names(rest)}, which weigh less"
            )
    if len(f.overrides):
        n = len(f.overrides)
        lines.append(
            f"* Neutral, because {n:,} of the scores behind it {'are' if n != 1 else 'is'} our "
            "own (see More Information)"
        )
    if len(f.ruled_out):
        out = list(dict.fromkeys(str(a) for a in f.ruled_out["alternative"]))
        lines.append(f"* Neutral, because must-haves ruled out {_names(out)} before weighting")
    return [*lines, ""]


def _confirmation(f: _Facts) -> list[str]:
    lines = ["### Confirmation", ""]
    changes = change_sentence(f.sens, 3)
    if f.rec.runner_up is None:
        lines.append("Revisit the decision when another option becomes available.")
    else:
        lines.append(
            "Revisit the decision when the priorities move this far (one weight moved, the others "
            "rescaled in proportion), or when the scores or their evidence change:"
        )
        lines.append("")
        lines += [f"* {markdown_text(s)}" for s in changes]
    return [*lines, ""]


def _points(f: _Facts, alternative: str) -> list[str]:
    """List a ranked option's good and bad points, with the evidence.

    The weighted criteria where its contribution is furthest above or below the others'
    average, largest first.
    """
    c = f.rec.contributions
    others = c.drop(index=alternative)
    if others.empty:
        return ["* Neutral, because it is the only option left"]
    gap = (c.loc[alternative] - others.mean(axis=0)).round(12)
    w = f.rec.weights.reindex(gap.index)
    gap = gap[w > 0]
    good = gap[gap > _TOL].sort_values(ascending=False, kind="stable").head(TOP_POINTS)
    bad = gap[gap < -_TOL].sort_values(ascending=True, kind="stable").head(TOP_POINTS)
    lines = []
    others_scores = f.scores.drop(index=alternative)
    for word, part in (("Good", good), ("Bad", bad)):
        for cid in part.index:
            if len(others_scores) == 1:
                them = (
                    f"{markdown_text(others_scores.index[0])} {_number(others_scores[cid].iloc[0])}"
                )
            else:
                them = f"the others {float(others_scores[cid].mean()):.3g} on average"
            lines.append(
                f"* {word}, because of {markdown_text(f.names[cid])} "
                f"({_direction(f.criteria, cid)}; {them}): " + f.cell(alternative, str(cid))
            )
    if not lines:
        lines.append("* Neutral, because it scores as the others do on every weighted criterion")
    return lines


def _pros_and_cons(f: _Facts) -> list[str]:
    rec = f.rec
    lines = ["## Pros and Cons of the Options", ""]
    n = len(rec.ranking)
    for alt, r in rec.ranking.head(TOP_OPTIONS).iterrows():
        lines += [f"### {markdown_text(alt)}", ""]
        lines.append(
            f"{_ordinal(int(r['rank'])).capitalize()} of {n:,}, {f.method.short} score "
            f"{r['score']:.3f}."
        )
        lines += ["", *_points(f, str(alt)), ""]
    if n > TOP_OPTIONS:
        lines += [f"{n - TOP_OPTIONS:,} more options, ranked lower, are not detailed here.", ""]
    out = _ruled_out_by(f)
    for alt, rows in list(out.items())[:TOP_OPTIONS]:
        lines += [f"### {markdown_text(alt)}", "", "Ruled out before weighting.", ""]
        for r in rows.itertuples(index=False):
            lines.append(
                f"* Bad, because it misses the must-have {markdown_text(r.requirement)} "
                f"by {r.shortfall:g} ({markdown_text(r.text)}): " + f.cell(alt, str(r.criterion))
            )
        lines.append("")
    return lines


def _table_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _more_information(f: _Facts, date: str) -> list[str]:
    rec, comp = f.rec, f.comparison
    lines = ["## More Information", "", "### Ranking", ""]
    lines.append(_table_row(["Rank", "Option", f"{f.method.short} score"]))
    lines.append(_table_row(["---:", "---", "---:"]))
    for alt, r in rec.ranking.head(TOP_OPTIONS).iterrows():
        lines.append(_table_row([str(int(r["rank"])), markdown_text(alt), f"{r['score']:.4f}"]))
    if len(rec.ranking) > TOP_OPTIONS:
        lines += ["", f"{len(rec.ranking) - TOP_OPTIONS:,} more options, ranked lower."]
    lines += ["", "### What would change the answer", ""]
    iv = f.sens.intervals
    iv = iv[np.isfinite(iv["change_needed"])].sort_values("change_needed", kind="stable")
    if iv.empty or rec.runner_up is None:
        lines.append(markdown_text(change_sentence(f.sens)[0]))
    else:
        lines.append(
            f"Each weight moved alone, the others rescaled in proportion: the range over which "
            f"{markdown_text(rec.winner)} stays first, and who is first beyond it (exact for WSM "
            "and WPM, to 1e-6 for TOPSIS)."
        )
        lines += ["", _table_row(["Criterion", "Weight now", "Stays first from – to", "Beyond"])]
        lines.append(_table_row(["---", "---:", "---", "---"]))
        for _, r in iv.head(TOP_CHANGES).iterrows():
            stays = (
                f"{percent_towards(r['stable_from'], up=True)} – "
                f"{percent_towards(r['stable_to'], up=False)}"
            )
            lines.append(
                _table_row(
                    [
                        markdown_text(r["name"]),
                        percent(r["weight"]),
                        stays,
                        markdown_text(r["flips_to"]),
                    ]
                )  # fmt: skip
            )
        if len(iv) > TOP_CHANGES:
            lines += ["", f"{len(iv) - TOP_CHANGES:,} more criteria need larger changes."]
    if len(f.overrides):
        lines += ["", "### Our own scores", ""]
        for r in f.overrides.itertuples(index=False):
            why = f"because {markdown_text(r.reason)}" if r.reason else "no reason given"
            evidence = _evidence_text(f.evidence.get((str(r.alternative), str(r.criterion))))
            lines.append(
                f"* {markdown_text(r.alternative)}, {markdown_text(f.names[r.criterion])}: "
                f"our score {_number(r.score)} ({why}), the data's {_number(r.bundled)}." + evidence
            )
    if comp.requirements:
        lines += ["", "### Must-haves", ""]
        for req in comp.requirements:
            failed = f.ruled_out[f.ruled_out["criterion"] == req.criterion]
            bound = "at least" if req.op == ">=" else "at most"
            head = (
                f"* {markdown_text(f.names[req.criterion])} {bound} {req.bound:g} "
                f"({markdown_text(req.spec())}): "
            )
            if failed.empty:
                lines.append(head + "every option meets it")
            else:
                lines.append(
                    head
                    + "rules out "
                    + ", ".join(
                        f"{markdown_text(r.alternative)} ({_number(r.score)}, "
                        f"{r.shortfall:g} short)"
                        for r in failed.itertuples(index=False)
                    )
                )
    lines += ["", "### How this was computed", ""]
    lines.append(
        f"Written by fwcompare {config.VERSION} on {date} from the comparison "
        f"{_quoted(comp.name)}. Confidence: {markdown_text(f.smaa.settings_sentence())} "
        "Pros and cons: the weighted criteria on which each option's contribution is furthest "
        "above or below the others' average, with the evidence behind its score."
    )
    return [*lines, ""]


def decision_record(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
    status: str = "proposed",
    date: dt.date | str | None = None,
    samples: int | None = None,
    seed: int | None = 0,
) -> str:
    """Write the decision as an Architecture Decision Record in the MADR format (Markdown).

    The single entry point for the command line (``record``) and the explorer.

    Parameters
    ----------
    comparison : Comparison
        The comparison, with the user's own scores and must-haves if any
        (:meth:`~fwcompare_nb.Comparison.with_scores`,
        :meth:`~fwcompare_nb.Comparison.with_requirements`).
    weights : None, str, mapping or Series
        As :func:`fwcompare_nb.resolve_weights` accepts: the criteria's defaults, a preset's id,
        or weights by criterion id.
    method : {"wsm", "wpm", "topsis"}
    profile : str, optional
        The name of the weights: a preset's id gives its label and description. Default:
        ``weights`` when that is a preset's id.
    status : str
        The record's status (MADR: proposed, rejected, accepted, deprecated, superseded by ...);
        see :data:`STATUS_PATTERN`.
    date : datetime.date or str, optional
        ``YYYY-MM-DD``; default today (UTC).
    samples, seed : int, optional
        SMAA-2 sampling of the confidence (weights drawn around the given ones; see
        :func:`fwcompare_nb.rank_acceptability`).

    Returns
    -------
    str
        The Markdown text: front matter (status, date), the title ("Use <winner> for
        <situation>") and MADR's sections. Data text is escaped with :func:`markdown_text`.

    Raises
    ------
    DataError
        Bad weights, method, samples or seed (as the analyses raise them), status or date.

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> text = decision_record(fw.load_comparison(), "learning", date="2026-12-01",
    ...                        samples=1000)
    >>> text.splitlines()[:5]
    ['---', 'status: proposed', 'date: 2026-12-01', '---', '']
    >>> text.splitlines()[5]
    '# Use Flask for Learning web development (django-vs-flask)'
    """
    return _build(comparison, weights, method, profile, status, date, samples, seed)[0]


def _build(
    comparison: Comparison,
    weights: Weights,
    method: str,
    profile: str | None,
    status: str,
    date: dt.date | str | None,
    samples: int | None,
    seed: int | None,
) -> tuple[str, str]:
    """Build the record's text and its title as plain text (for the file name)."""
    status = _check_status(status)
    day = _check_date(date)
    situation = _situation(comparison, weights, profile)
    f = _Facts(comparison, weights, method, samples, seed)
    chosen, where = _title_parts(comparison, f.rec, situation)
    lines = _front_matter(status, day)
    lines += [f"# Use {markdown_text(chosen)} for {markdown_text(where)}", ""]
    lines += _context(f, situation)
    lines += _drivers(f)
    lines += _options(f)
    lines += _outcome(f)
    lines += _pros_and_cons(f)
    lines += _more_information(f, day)
    return "\n".join(lines).rstrip("\n") + "\n", f"Use {chosen} for {where}"


def _next_number(folder: Path) -> int:
    numbers = [
        int(m.group(1)) for entry in os.listdir(folder) if (m := RECORD_NAME.fullmatch(entry))
    ]
    return max(numbers, default=0) + 1


def write_record(
    comparison: Comparison,
    folder: str | Path,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
    status: str = "proposed",
    date: dt.date | str | None = None,
    samples: int | None = None,
    seed: int | None = 0,
) -> Path:
    """Write :func:`decision_record` as the next numbered record in a folder.

    The file is ``NNNN-<slug>.md``: four digits, one more than the highest record already in
    the folder (``0001`` in an empty one), as adr-tools numbers them; the slug is the title made
    safe by :func:`~fwcompare_nb.io.names.safe_stem`, so the file is always inside ``folder``
    whatever the comparison or preset is called. An existing file is never overwritten: when
    the name is taken (another writer, a link, a pipe), the next number is used.

    Parameters
    ----------
    comparison : Comparison
    folder : str or Path
        Where the records are kept (e.g. ``docs/decisions``); created if missing.
    weights, method, profile, status, date, samples, seed
        As :func:`decision_record`.

    Returns
    -------
    Path
        The new file.

    Raises
    ------
    DataError
        As :func:`decision_record` (nothing is written then), or ``folder`` is not a folder
        and cannot be made one.

    Examples
    --------
    >>> import tempfile, fwcompare_nb as fw
    >>> folder = tempfile.mkdtemp()
    >>> write_record(fw.load_comparison(), folder, "learning", samples=1000).name
    '0001-use-flask-for-learning-web-development-django-vs-flask.md'
    """
    text, title = _build(comparison, weights, method, profile, status, date, samples, seed)
    slug = safe_stem(title, limit=MAX_SLUG, default="decision")
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        number = _next_number(target)
    except OSError as exc:
        raise DataError(
            f"cannot keep records there ({exc.strerror or exc})",
            file=str(target),
            fix="give a folder you can write to (it is created if missing)",
        ) from None
    data = text.encode("utf-8")
    for _ in range(1000):
        path = target / f"{number:04d}-{slug}.md"
        try:
            if create_new(path, data):
                return path
        except OSError as exc:
            raise DataError(
                f"cannot write the record ({exc.strerror or exc})",
                file=str(path),
                fix="give a folder you can write to",
            ) from None
        number += 1
    raise DataError(  # pragma: no cover - a thousand names taken at once
        "no free record number", file=str(target), fix="remove stray files from the folder"
    )
