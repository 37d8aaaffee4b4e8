"""One self-contained report of a recommendation, as HTML or PDF, for readers without a notebook.

The HTML is a single file: CSS inline, every chart a base64 ``data:`` PNG, no scripts, no
external resources (a Content-Security-Policy forbids both), so it opens offline and can be
mailed or archived as it is. It is rendered by Jinja2 with autoescaping on: every text that
comes from the data (names, descriptions, evidence, claims) is escaped by the template, and the
only markup-bearing values are the chart data URIs, whose base64 alphabet needs no escaping.
Charts are ``<img>`` sources rather than inline SVG, so no data text ever reaches the page as
markup, not even in matplotlib's own (escaped) SVG.

PDF is the same HTML printed by headless Chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import subprocess
import tempfile
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd

from .. import config
from ..analysis.sensitivity import SensitivityResult, change_sentence, sensitivity
from ..analysis.smaa import SHOWN_CONFIDENCE, SmaaResult, rank_acceptability
from ..core.comparison import VERDICTS, Comparison
from ..core.errors import DataError
from ..core.methods import get_method
from ..core.scoring import Recommendation, Weights, recommend
from ..core.text import percent, percent_towards
from ..core.validation import check_choice
from ..io.files import check_target, write_atomic
from ..plots.style import TOP_ALTERNATIVES, shown_count
from . import export

__all__ = ["FORMATS", "build_report", "find_chromium", "html_to_pdf", "write_report"]

FORMATS = ("html", "pdf")
CHROMIUM = "/usr/bin/chromium"
PDF_TIMEOUT = 120.0  # seconds; printing a report takes 1-3 s
TEMPLATE = "report.html.j2"
CHART_ORDER = ("ranking", "contributions", "matrix")  # sensitivity, robustness: own sections
TOP_CHANGES = 3
TOP_DECIDING = 5
#: The ranking table, and the evidence table of each criterion, list at most this many
#: alternatives (the best-ranked) and say how many more there are: a report on 2,000
#: alternatives stays a readable page (and the acceptability table, like the charts, shows the
#: best :data:`~fwcompare_nb.plots.style.TOP_ALTERNATIVES` and sums the places beyond).
TOP_RANKING = 50


@cache
def _environment() -> jinja2.Environment:
    # A plain folder loader: works from a source checkout and an installed wheel alike.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in the template fails instead of printing ""
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _number(x: float) -> str:
    return "–" if pd.isna(x) else f"{float(x):g}"


def _weights_label(comparison: Comparison, weights: Weights, profile: str | None) -> dict:
    """Describe the weights: a preset's label and description, custom, or the file's defaults.

    Returns ``{"label", "preset", "description"}``; ``preset`` is the preset's id or ``""``.
    """
    name = profile if profile is not None else weights if isinstance(weights, str) else None
    profiles = comparison.profiles
    if name is not None and name in profiles.index:
        return {
            "label": str(profiles.at[name, "label"] or name),
            "preset": str(name),
            "description": str(profiles.at[name, "description"] or ""),
        }
    if name is not None:
        return {"label": str(name), "preset": str(name), "description": ""}
    if weights is None:
        return {"label": "default weights of the criteria file", "preset": "", "description": ""}
    return {"label": "custom", "preset": "", "description": ""}


def _png_uri(fig) -> str:
    return "data:image/png;base64," + base64.b64encode(export.figure_bytes(fig, "png")).decode()


def _charts(
    comparison: Comparison,
    rec: Recommendation,
    sens: SensitivityResult,
    smaa: SmaaResult,
    caption: str,
) -> dict:
    figures = export.draw_charts(comparison, rec, sens, smaa, caption=caption)
    return {
        name: {
            "name": name,
            "uri": _png_uri(fig),
            "caption": export.CHARTS[name][:1].upper() + export.CHARTS[name][1:] + ".",
        }
        for name, fig in figures.items()
    }


def _ranking_rows(rec: Recommendation) -> list[dict]:
    return [
        {"rank": int(r["rank"]), "alternative": str(alt), "score": f"{r['score']:.3f}"}
        for alt, r in rec.ranking.head(TOP_RANKING).iterrows()
    ]


def _versus(comparison: Comparison) -> str:
    """Name the alternatives ("A vs B"), or the first :data:`TOP_ALTERNATIVES` and a count."""
    names = [str(a) for a in comparison.alternatives[:TOP_ALTERNATIVES]]
    more = len(comparison.alternatives) - len(names)
    return " vs ".join(names) + (f" and {more:,} more" if more > 0 else "")


def _weight_rows(comparison: Comparison, rec: Recommendation) -> list[dict]:
    crit = comparison.criteria
    order = np.argsort(-rec.weights.to_numpy(), kind="stable")  # ties keep the declared order
    rows = []
    for cid in rec.weights.index[order]:
        c = crit.loc[cid]
        rows.append(
            {
                "name": str(c["name"]),
                "description": str(c["description"] or ""),
                "group": str(c["group"] or ""),
                "direction": "higher is better" if c["direction"] == "benefit" else
                             "lower is better",
                "weight": percent(rec.weights[cid]),
                "zero": bool(rec.weights[cid] == 0),
            }
        )  # fmt: skip
    return rows


def _flip_rows(sens: SensitivityResult) -> list[dict]:
    iv = sens.intervals
    iv = iv[np.isfinite(iv["change_needed"])].sort_values("change_needed", kind="stable")
    return [
        {
            "name": str(r["name"]),
            "weight": percent(r["weight"]),
            "stays": (
                f"{percent_towards(r['stable_from'], up=True)} – "
                f"{percent_towards(r['stable_to'], up=False)}"
            ),
            "flips_to": str(r["flips_to"]),
        }
        for _, r in iv.iterrows()
    ]


def _acceptability(smaa: SmaaResult, rec: Recommendation) -> dict:
    """Tabulate the best-ranked :data:`TOP_ALTERNATIVES` by their first places.

    Beyond as many places, one column sums the rest (a 2,000 x 2,000 table was 100 MB of HTML).
    """
    acc = smaa.acceptability.reindex(rec.ranking.index)  # best first, as the ranking table
    shown = shown_count(len(acc))
    table = acc.iloc[:shown, :shown]
    rest = acc.iloc[:shown, shown:].sum(axis=1) if acc.shape[1] > shown else None
    last = int(acc.columns[-1]) if len(acc.columns) else 0
    return {
        "ranks": [int(r) for r in table.columns],
        "rest": "" if rest is None else f"Places {shown + 1:,}–{last:,}",
        "rows": [
            {
                "alternative": str(alt),
                "shares": [percent(p, 0) for p in row]
                + ([] if rest is None else [percent(rest[alt], 0)]),
            }
            for alt, row in table.iterrows()
        ],
        "more": len(acc) - shown,
    }


def _evidence(comparison: Comparison, rec: Recommendation | None = None) -> list[dict]:
    """Per criterion (declared order), each alternative's score with its evidence, if any.

    With more than :data:`TOP_RANKING` alternatives, only the best-ranked of ``rec``.
    """
    ev = comparison.evidence
    if ev.empty:
        return []
    by_cell = {(str(r.alternative), str(r.criterion)): r for r in ev.itertuples(index=False)}
    scores, crit = comparison.scores, comparison.criteria
    alts = list(comparison.alternatives)
    if rec is not None and len(alts) > TOP_RANKING:  # the best-ranked, in the comparison's order
        best = set(rec.ranking.index[:TOP_RANKING])
        alts = [a for a in alts if a in best]
    groups = []
    for cid, c in crit.iterrows():
        rows = []
        for alt in alts:
            r = by_cell.get((str(alt), str(cid)))
            if r is None:
                extra = {"range": "", "rationale": "", "source": "", "missing": True}
            else:
                lo, hi = _number(r.score_low), _number(r.score_high)
                extra = {
                    "range": lo if lo == hi else f"{lo}–{hi}",
                    "rationale": str(r.rationale or ""),
                    "source": str(r.source or ""),
                    "missing": False,
                }
            rows.append({"alternative": str(alt), "score": _number(scores.at[alt, cid]), **extra})
        groups.append({"name": str(c["name"]), "id": str(cid), "rows": rows})
    return groups


def _claims(comparison: Comparison) -> dict:
    claims = comparison.claims
    if claims.empty:
        return {"rows": [], "counts": []}
    rows = [
        {
            "id": str(r.claim_id),
            "section": str(r.section or ""),
            "framework": str(r.framework),
            "claim": str(r.claim),
            "verdict": str(r.verdict),
            # a CSS class only from the known verdicts, never from the data itself
            "css": f"v-{r.verdict}" if r.verdict in VERDICTS else "v-other",
            "evidence": str(r.evidence or ""),
        }
        for r in claims.itertuples(index=False)
    ]
    counts = claims["verdict"].value_counts()
    order = [v for v in VERDICTS if v in counts] + [v for v in counts.index if v not in VERDICTS]
    return {"rows": rows, "counts": [(str(v), int(counts[v])) for v in order]}


def build_report(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
    samples: int | None = None,
    seed: int = 0,
) -> str:
    """Build the whole report as one self-contained HTML page.

    Parameters
    ----------
    comparison : Comparison
    weights : None, str, mapping or Series
        As :func:`fwcompare_nb.resolve_weights` accepts: the criteria's default weights, a preset
        name, or weights by criterion id.
    method : {"wsm", "wpm", "topsis"}
    profile : str, optional
        The name shown for the weights: a preset's id shows its label and description. Default:
        ``weights`` when that is a preset name, otherwise "custom" (or the defaults).
    samples, seed : int
        SMAA-2 sampling (weights drawn ``around`` the current ones; see
        :func:`fwcompare_nb.rank_acceptability`).

    Returns
    -------
    str
        UTF-8 HTML with inline CSS and every chart as a base64 PNG; no scripts, no external URLs.

    Raises
    ------
    DataError
        Bad weights, method, samples or seed (as the analyses raise them).
    """
    rec = recommend(comparison, weights, method)
    sens = sensitivity(comparison, rec.weights, rec.method)
    smaa = rank_acceptability(comparison, rec.weights, rec.method, samples=samples, seed=seed,
                              confidence_for=SHOWN_CONFIDENCE)  # fmt: skip
    caption = export.weights_caption(comparison, rec, weights, profile=profile)
    charts = _charts(comparison, rec, sens, smaa, caption)
    alternatives = [str(a) for a in comparison.alternatives]
    deciding = [
        {"name": str(r["name"]), "share": percent(r["share"], 0)}
        for _, r in rec.deciding.head(TOP_DECIDING).iterrows()
    ]
    context = {
        "name": str(comparison.name),
        "versus": _versus(comparison),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "version": config.VERSION,
        "method": get_method(rec.method).short,
        "method_name": get_method(rec.method).label,
        "weights": _weights_label(comparison, weights, profile),
        "headline": rec.headline(),
        "winner": rec.winner,
        "runner_up": rec.runner_up,
        "margin": f"{rec.margin:.3f}",
        "tie": rec.tie,
        "deciding": deciding,
        "ranking": _ranking_rows(rec),
        "ranking_more": max(0, len(rec.ranking) - TOP_RANKING),
        "top_ranking": TOP_RANKING,
        "criteria": _weight_rows(comparison, rec),
        "charts": [charts[n] for n in CHART_ORDER],
        "sensitivity_chart": charts["sensitivity"],
        "robustness_chart": charts["robustness"],
        "changes": change_sentence(sens, TOP_CHANGES),
        "flips": _flip_rows(sens),
        "smaa": {
            "sentence": smaa.sentence(),
            "samples": f"{smaa.samples:,}",
            "seed": smaa.seed,
            "concentration": f"{smaa.concentration:g}",
            "ranged": bool(len(comparison.evidence)),
            **_acceptability(smaa, rec),
        },
        "evidence": _evidence(comparison, rec),
        "evidence_more": max(0, len(alternatives) - TOP_RANKING) if len(comparison.evidence) else 0,
        "claims": _claims(comparison),
        "judgement": _judgement(comparison),
        "counts": {
            "alternatives": len(alternatives),
            "criteria": len(comparison.criterion_ids),
            "evidence": len(comparison.evidence),
            "claims": len(comparison.claims),
        },
    }
    return _environment().get_template(TEMPLATE).render(context)


def _judgement(comparison: Comparison) -> dict:
    """Give the user's own scores (beside the data's, with its evidence) and must-haves."""
    names = comparison.criterion_names
    ev = comparison.evidence.set_index(["alternative", "criterion"])
    own = []
    for o in comparison.overrides.itertuples(index=False):
        key = (o.alternative, o.criterion)
        evidence = ""
        if key in ev.index:
            e = ev.loc[key]
            evidence = f"{e['score_low']:g}–{e['score_high']:g}: {e['rationale']} ({e['source']})"
        own.append({
            "alternative": str(o.alternative), "criterion": str(names[o.criterion]),
            "score": f"{o.score:g}", "bundled": f"{o.bundled:g}", "reason": str(o.reason),
            "evidence": evidence,
        })  # fmt: skip
    ruled = [
        {"alternative": str(r.alternative), "text": str(r.text), "shortfall": f"{r.shortfall:g}"}
        for r in comparison.ruled_out.itertuples(index=False)
    ]
    return {
        "own": own,
        "requirements": [r.spec() for r in comparison.requirements],
        "ruled_out": ruled,
    }


def find_chromium() -> str:
    """Find the Chromium to print PDFs with: :data:`CHROMIUM`, else one on the PATH.

    Returns
    -------
    str
        The browser's path.

    Raises
    ------
    DataError
        None is installed.
    """
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    raise DataError(
        "a PDF report needs Chromium, which is not installed",
        file=CHROMIUM,
        fix="install it (apt-get install chromium fonts-liberation) or write fmt='html' and "
        "print that from a browser",
    )


def html_to_pdf(html: str, *, timeout: float = PDF_TIMEOUT) -> bytes:
    """Print an HTML page to PDF with headless Chromium (page size: the page's CSS ``@page``).

    Raises
    ------
    DataError
        Chromium is missing, fails, times out or writes no PDF.
    """
    exe = find_chromium()
    with tempfile.TemporaryDirectory(prefix="fwc-report-") as tmp:
        source, out = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--print-to-pdf={out}", f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", source.as_uri(),
        ]  # fmt: skip
        fix = "check that `chromium --headless --print-to-pdf` works here, or use fmt='html'"
        try:
            # Its own process group: on a time-out the whole Chromium (renderers too) goes.
            proc = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True,
            )  # fmt: skip
        except OSError as exc:
            raise DataError(
                f"cannot start Chromium ({exc.strerror or exc})", file=exe, fix=fix
            ) from exc
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise DataError(
                f"Chromium did not print the PDF within {timeout:g} s", file=exe, fix=fix
            ) from exc
        data = out.read_bytes() if out.is_file() else b""
        if proc.returncode != 0 or not data.startswith(b"%PDF"):
            tail = err.decode(errors="replace").strip().splitlines()[-3:]
            raise DataError(
                f"Chromium could not print the PDF (exit code {proc.returncode})",
                file=exe,
                value=" | ".join(tail) or None,
                fix=fix,
            )
        return data


def write_report(
    comparison: Comparison,
    path: str | Path,
    weights: Weights = None,
    method: str = "wsm",
    *,
    fmt: str = "html",
    profile: str | None = None,
    samples: int | None = None,
    seed: int = 0,
) -> Path:
    """Write the report (see :func:`build_report`) to ``path`` as HTML or PDF, atomically.

    The whole file is built first and then written to a temporary file beside ``path`` and
    renamed, so a failure never leaves a partial report (nor replaces an older one). Missing
    parent folders are created.

    Parameters
    ----------
    comparison, weights, method, profile, samples, seed
        As :func:`build_report`.
    path : str or Path
        The file to write.
    fmt : {"html", "pdf"}
        ``pdf`` prints the HTML with headless Chromium.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    DataError
        Unknown format; Chromium missing or failing (PDF); bad weights or method; ``path``
        cannot be written (the message names it).
    """
    fmt = check_choice(fmt, FORMATS, what="report format")
    if fmt == "pdf":
        find_chromium()  # before the work, not after it
    path = check_target(path)
    html = build_report(comparison, weights, method, profile=profile, samples=samples, seed=seed)
    data = html.encode("utf-8") if fmt == "html" else html_to_pdf(html)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)  # with the permissions of a normal new file
    except OSError as exc:
        raise DataError(
            f"cannot write the report ({exc.strerror or exc})",
            file=str(path),
            fix="choose a file in a folder you can write to",
        ) from exc
    return path
