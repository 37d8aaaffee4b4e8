r"""A live decision page: one HTML file that recomputes the WSM ranking in the browser.

:func:`live_page` returns one HTML document that works offline in any modern browser, with no
Python kernel and no network: a preset menu and one slider per criterion recompute the ranking,
the contributions and the recommendation sentence as they move; the evidence of every criterion
is listed below. :func:`write_page` writes it (``python -m fwcompare_nb page -o decision.html``).

How it is built
---------------
* **One normalisation.** The weight-free WSM terms (each score min-max normalised on its
  criterion's declared scale, or the alternatives' min..max where none is declared; cost criteria
  reversed) are computed in Python by the package's own kernel,
  ``comparison.terms(get_method("wsm"))``, and embedded as data: one row per (alternative,
  criterion). The browser only weighs them: ``score_a = sum_c w_c * term_ac / sum_c w_c``, which
  is :func:`~fwcompare_nb.core.scoring.rank`'s WSM score for the same weights (to ~1e-16).
* **Charts by a library.** The charts are Vega-Lite, written with Altair and compiled to Vega by
  ``vl-convert-python``, which also provides Vega, Vega-Lite and vega-embed as one JavaScript
  bundle (``vl_convert.javascript_bundle()``) inlined in the page: nothing is fetched, and a
  Content-Security-Policy forbids any request (``default-src 'none'``; Vega compiles its
  expressions with ``Function``, hence ``'unsafe-eval'``).
* **Weights.** Each criterion's weight is a Vega-Lite param bound to a range input (0..10);
  every chart and the sentence are computed from those params by Vega's dataflow
  (``calculate``, ``joinaggregate``, ``window`` and ``aggregate`` transforms; the sentence is a
  text mark, worded and rounded as :meth:`Recommendation.headline
  <fwcompare_nb.core.scoring.Recommendation.headline>`, "mainly on ..." included). The preset
  menu is a param bound to a select. Vega-Lite params cannot set each other, so the page's own
  script (a few lines on the Vega view's API) does it: choosing a preset sets every slider to the
  preset's weights (``view.signal(...)``; the bound inputs follow), and moving a slider away from
  the selected preset's weights switches the menu to "Custom". The sliders are thus the single
  source of the weights, and what they show is what is scored.
* **Your judgement.** The comparison is shown as given: own scores (:attr:`Comparison.overrides
  <fwcompare_nb.core.comparison.Comparison.overrides>`) are scored and marked in the evidence,
  and alternatives ruled out by must-haves are listed as ruled out (they are not scored).
* **Only WSM.** The page computes the weighted sum; when another method was asked for, the page
  says so (WPM and TOPSIS are in the report and on the command line).
* **Data stays text.** Data text reaches the page as HTML-escaped text or inside JSON in which
  ``<``, ``>``, ``&`` and the line separators are ``\\u`` escapes, and Vega writes it into SVG
  text nodes (``textContent``): a name like ``<script>`` is shown, never run.

For tests and other scripts the page keeps the Vega view on ``window.fwcView`` (after the
``fwc-ready`` event on ``document``); ``view.data("scores")`` holds one row per alternative
(``alternative``, ``score``, ``pos``: 1 = first) and ``view.data("headline")`` the sentence.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import vl_convert as vlc

from .. import config
from ..core.comparison import Comparison
from ..core.methods import get_method
from ..core.scoring import Recommendation, Weights, recommend
from ..io.files import check_target, write_atomic
from ..plots.style import TOP_ALTERNATIVES

__all__ = ["SLIDER_MAX", "live_page", "write_page"]

#: The sliders run from 0 to this; a preset whose weights exceed it is scaled to fit.
SLIDER_MAX = 10.0
#: One step of a slider (the explorer's).
SLIDER_STEP = 0.5
#: The evidence tables list at most this many alternatives per criterion (the best-ranked for
#: the starting weights) and say how many more there are.
TOP_EVIDENCE = 50
#: The criteria that the sentence names as deciding, at most (as :meth:`Recommendation.headline`).
TOP_DECIDING = 3
CUSTOM = "custom"
START = "start"
CHART_WIDTH = 480
ROW_HEIGHT = 24


# --------------------------------------------------------------------------------- weights


def _slider_values(weights: pd.Series) -> list[float]:
    """Weights as the sliders show them: as given when they fit 0..10, else scaled to max 10."""
    w = weights.to_numpy(dtype=float)
    top = float(w.max()) if w.size else 0.0
    if top > SLIDER_MAX:
        w = w / top * SLIDER_MAX
    return [float(x) for x in w]


def _start_entry(comparison: Comparison, weights: Weights, preset: str | None) -> dict | None:
    """Return the menu entry of the starting weights when they are not a preset, else None."""
    if preset is not None:
        return None
    w = comparison.resolve_weights(weights)
    values = w.to_numpy(dtype=float) / float(w.max()) * SLIDER_MAX
    label = "Criteria file's weights" if weights is None else "Your weights"
    return {"value": START, "label": label, "weights": [float(x) for x in values]}


def _menu(comparison: Comparison, weights: Weights, preset: str | None) -> list[dict]:
    """List the preset menu: the starting weights (if not a preset), the presets, Custom."""
    entries = []
    start = _start_entry(comparison, weights, preset)
    if start is not None:
        entries.append(start)
    profiles = comparison.profiles
    ids = comparison.criterion_ids
    for i, pid in enumerate(comparison.preset_ids):
        raw = profiles.loc[pid, ids].astype(float)
        entries.append(
            {
                "value": f"p{i}",
                "label": comparison.preset_label(pid) or str(pid),
                "weights": _slider_values(raw),
                "id": str(pid),
            }
        )
    entries.append({"value": CUSTOM, "label": "Custom (sliders moved)", "weights": None})
    return entries


def _which_preset(comparison: Comparison, weights: Weights, profile: str | None) -> str | None:
    name = profile if profile is not None else weights if isinstance(weights, str) else None
    return name if name is not None and name in comparison.preset_ids else None


# --------------------------------------------------------------------------------- the spec


def _w(i: int) -> str:
    return f"w{i}"


def _score_text_expr(v: str) -> str:
    """Write ``v`` as :func:`~fwcompare_nb.core.text.score_text` does, in a Vega expression."""
    expr = f"format({v}, '.12f')"
    for digits in range(11, 2, -1):
        expr = f"abs({v}) >= {0.5 * 10.0**-digits!r} ? format({v}, '.{digits}f') : {expr}"
    return f"({v} == 0 ? format({v}, '.3f') : {expr})"


def _headline_expr(k: int, short: str) -> str:
    """Write the sentence of :meth:`Recommendation.headline` as a Vega expression."""
    names = [f"criterion_names[datum.r{j}]" for j in range(1, TOP_DECIDING + 1)]
    # How many criteria decide (r_j = -1: none), then "A", "A and B", "A, B and C".
    n = " + ".join(f"(datum.r{j} >= 0 ? 1 : 0)" for j in range(1, TOP_DECIDING + 1))
    reasons = (
        f"(({n}) == 1 ? {names[0]} : ({n}) == 2 ? {names[0]} + ' and ' + {names[1]} : "
        f"{names[0]} + ', ' + {names[1]} + ' and ' + {names[2]})"
    )
    because = f"(datum.r1 >= 0 ? ', mainly on ' + {reasons} : '')"
    margin = "(datum.score - datum.next_score)"
    first = (
        f"datum.alternative + ' comes first ({short} score ' + format(datum.score, '.3f') + '), '"
        f" + {_score_text_expr(margin)} + ' ahead of ' + datum.next + {because} + '.'"
    )
    tie = f"datum.alternative + ' and ' + datum.next + ' tie ({short}).'"
    sentence = (
        f"!isValid(datum.next) ? datum.alternative + ' is the only alternative.' : "
        f"datum.score12 == datum.next_score12 ? {tie} : {first}"
    )
    return f"weight_total > 0 ? ({sentence}) : {json.dumps(_ZERO_WEIGHTS)}"


_ZERO_WEIGHTS = "Every weight is 0: move a slider above 0 to rank the alternatives."


def _spec(comparison: Comparison, menu: list[dict], start: list[float], note: str) -> dict:
    """Build the Vega-Lite spec (a dict) of the sentence, the ranking and the contributions."""
    ids = comparison.criterion_ids
    names = [str(n) for n in comparison.criterion_names.loc[ids]]
    k = len(ids)
    terms = comparison.terms(get_method("wsm"))[0]  # (alternatives, criteria), 0..1
    alternatives = comparison.alternatives
    order = comparison.name_order
    rows = pd.DataFrame(
        {
            "alternative": np.repeat(np.array(alternatives, dtype=object), k),
            "order": np.repeat(order, k).astype(int),
            "ci": np.tile(np.arange(k), len(alternatives)),
            "criterion": np.tile(np.array(names, dtype=object), len(alternatives)),
            "term": terms.reshape(-1).astype(float),
        }
    )
    params: list[Any] = [
        alt.param(
            name="preset",
            value=next((e["value"] for e in menu if e.get("selected")), menu[0]["value"]),
            bind=alt.binding_select(
                options=[e["value"] for e in menu],
                labels=[e["label"] for e in menu],
                name="Weights: ",
                element="#fwc-preset",
            ),
        )
    ]
    params += [
        alt.param(
            name=_w(i),
            value=start[i],
            bind=alt.binding_range(
                min=0, max=SLIDER_MAX, step=SLIDER_STEP, name=names[i], element="#fwc-sliders"
            ),
        )
        for i in range(k)
    ]
    params.append(alt.param(name="criterion_names", value=names))
    params.append(alt.param(name="note", value=note))
    # One line for each sentence of the note (own scores, ruled out).
    lines = ("\n" + note.strip()).replace(". Ruled out: ", ".\nRuled out: ") if note else ""
    params.append(alt.param(name="note_lines", value=lines))
    total = " + ".join(_w(i) for i in range(k))
    params.append(alt.param(name="weight_total", expr=total))
    weight_of = "[" + ", ".join(_w(i) for i in range(k)) + "][datum.ci]"

    base = alt.Chart(alt.Data(values=rows.to_dict("records"))).transform_calculate(
        weight=weight_of,
        contribution="weight_total > 0 ? datum.weight * datum.term / weight_total : 0",
    ).transform_joinaggregate(
        score="sum(contribution)", groupby=["alternative"]
    ).transform_calculate(
        score12="round(datum.score * 1e12) / 1e12"
    ).transform_window(
        pos="dense_rank()", sort=[alt.SortField("score12", "descending"), alt.SortField("order")]
    )  # fmt: skip
    shown = min(len(alternatives), TOP_ALTERNATIVES)
    y = alt.Y(
        "alternative:N",
        sort=alt.EncodingSortField("pos", op="min", order="ascending"),
        title=None,
        axis=alt.Axis(labelLimit=220),
    )

    headline = (
        base.transform_calculate(
            signed="datum.pos == 1 ? datum.contribution : datum.pos == 2 ? -datum.contribution : 0"
        )
        .transform_joinaggregate(advantage="sum(signed)", groupby=["ci"])
        .transform_window(
            window=[  # the row k further on is the runner-up's row of the same criterion
                alt.WindowFieldDef(op="lead", field="alternative", param=k, **{"as": "next"}),
                alt.WindowFieldDef(op="lead", field="score", param=k, **{"as": "next_score"}),
            ],
            sort=[alt.SortField("pos"), alt.SortField("ci")],
            frame=[None, None],
        )
        .transform_filter("datum.pos == 1")
        .transform_calculate(adv12="round(datum.advantage * 1e12) / 1e12")
        .transform_window(
            arank="row_number()",
            sort=[alt.SortField("adv12", "descending"), alt.SortField("ci")],
            frame=[None, None],
        )
        .transform_calculate(
            **{
                f"d{j}": f"datum.arank == {j} && datum.adv12 > 0 ? datum.ci : -1"
                for j in range(1, TOP_DECIDING + 1)
            }
        )
        .transform_aggregate(
            **{f"r{j}": f"max(d{j})" for j in range(1, TOP_DECIDING + 1)},
            groupby=["alternative", "score", "score12", "next", "next_score"],
        )
        .transform_calculate(next_score12="round(datum.next_score * 1e12) / 1e12")
        .transform_calculate(sentence=_headline_expr(k, get_method("wsm").short))
        # headline: as Recommendation.headline() writes it; shown: the same in short lines
        .transform_calculate(
            headline="datum.sentence + note",
            shown="replace(datum.sentence, ', mainly on ', ',\\nmainly on ') + note_lines",
        )
        .mark_text(
            align="left",
            baseline="top",
            fontSize=15,
            fontWeight="bold",
            lineBreak="\n",
            lineHeight=20,
            limit=CHART_WIDTH + 150,
        )  # fmt: skip
        .encode(text="shown:N", x=alt.value(0), y=alt.value(0))
        .properties(name="headline", width=CHART_WIDTH, height=20 * (2 + lines.count("\n")))
    )
    ranking = (
        base.transform_filter("datum.ci == 0")
        .transform_filter(f"datum.pos <= {shown}")
        .mark_bar(color="#0a5bb5")
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 1]), title="WSM score (0..1)"),
            y=y,
            tooltip=[
                alt.Tooltip("pos:O", title="rank"),
                "alternative:N",
                alt.Tooltip("score:Q", format=".3f"),
            ],
        )
        .properties(
            name="ranking", width=CHART_WIDTH, height=ROW_HEIGHT * shown, title="Ranking (WSM)"
        )  # fmt: skip
    )
    labels = (
        base.transform_filter("datum.ci == 0")
        .transform_filter(f"datum.pos <= {shown}")
        .mark_text(align="left", dx=4)
        .encode(x="score:Q", y=y, text=alt.Text("score:Q", format=".3f"))
    )
    domain = list(dict.fromkeys(names))
    contributions = (
        base.transform_filter(f"datum.pos <= {shown}")
        .mark_bar()
        .encode(
            x=alt.X(
                "sum(contribution):Q",
                scale=alt.Scale(domain=[0, 1]),
                title="Contribution to the score (weight x normalised score)",
            ),  # fmt: skip
            y=y,
            color=alt.Color(
                "criterion:N",
                scale=alt.Scale(domain=domain, scheme="tableau20"),
                legend=alt.Legend(title="Criterion", orient="bottom", columns=3, labelLimit=170),
            ),
            order=alt.Order("ci:Q"),
            tooltip=[
                "alternative:N",
                "criterion:N",
                alt.Tooltip("contribution:Q", format=".3f"),
                alt.Tooltip("term:Q", format=".3f", title="normalised score"),
            ],
        )
        .properties(
            name="contributions",
            width=CHART_WIDTH,
            height=ROW_HEIGHT * shown,
            title="What each criterion adds",
        )  # fmt: skip
    )
    chart = alt.vconcat(headline, ranking + labels, contributions, spacing=24).add_params(*params)
    chart = chart.configure_view(stroke=None)  # no frame around the sentence
    return chart.to_dict()


def _vega(vl_spec: dict) -> dict:
    """Compile to Vega and add the named datasets ``scores`` and ``headline`` for scripts."""
    spec = vlc.vegalite_to_vega(vl_spec)
    data = spec["data"]

    def has_window(d: dict, field: str) -> bool:
        return any(
            t["type"] == "window" and field in t.get("as", []) for t in d.get("transform", [])
        )

    (base,) = [d["name"] for d in data if has_window(d, "pos")]
    (headline,) = [d["name"] for d in data if any(
        t["type"] == "formula" and t.get("as") == "headline" for t in d.get("transform", [])
    )]  # fmt: skip
    data.append(
        {
            "name": "scores",
            "source": base,
            "transform": [{"type": "filter", "expr": "datum.ci === 0"}],
        }  # fmt: skip
    )
    data.append({"name": "headline", "source": headline})
    return spec


# --------------------------------------------------------------------------------- the HTML


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, allow_nan=False, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _num(x: object) -> str:
    return "–" if x is None or pd.isna(x) else f"{float(x):g}"  # type: ignore[arg-type]


@cache
def _bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (they set window.vegaEmbed, .vega)."""
    js = vlc.javascript_bundle()
    # Inside <script> only "</script" (any case) would end it early; the bundle has none.
    if "</script" in js.lower():  # pragma: no cover - a future bundle
        js = js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    return js


_CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d0d7de; --soft: #f6f8fa; --accent: #0a5bb5; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 15px/1.5 "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 78rem; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 2rem 0 .4rem; border-bottom: 2px solid var(--line); }
p { margin: .4rem 0 .7rem; }
.explain, .small { color: var(--muted); font-size: .92rem; }
.note { border-left: 4px solid #d4a72c; background: #fff8e5; padding: .4rem .8rem; }
.live { display: flex; gap: 1.5rem; align-items: flex-start; flex-wrap: wrap; }
.controls { flex: 0 0 20rem; max-width: 100%; border: 1px solid var(--line); border-radius: 6px;
            padding: .6rem .8rem; background: var(--soft); }
.controls .vega-bind { margin: .25rem 0; }
.controls .vega-bind label { display: grid; grid-template-columns: 9rem 1fr 2.8rem;
                             align-items: center; gap: .4rem; font-size: .88rem; }
.controls .vega-bind-name { overflow-wrap: anywhere; }
.controls input[type=range] { width: 100%; }
#fwc-preset .vega-bind label { grid-template-columns: 4.5rem 1fr; }
#fwc-preset select { width: 100%; font: inherit; }
#fwc-preset-description { font-size: .85rem; color: var(--muted); margin: .3rem 0 .6rem; }
#fwc-chart { flex: 1 1 36rem; min-width: 0; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: var(--soft); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.src { overflow-wrap: anywhere; color: var(--muted); font-size: .82rem; }
details { margin: .3rem 0; }
summary { cursor: pointer; font-weight: 600; }
.own { font-weight: 600; color: #8a4b00; }
.out { color: var(--muted); }
"""

# The page's own script: it embeds the compiled Vega spec, keeps the view on window.fwcView,
# links the preset menu and the sliders (module docstring), and shows the preset's description.
_SCRIPT = """
(function () {
  var spec = JSON.parse(document.getElementById('fwc-spec').textContent);
  var menu = JSON.parse(document.getElementById('fwc-menu').textContent);
  var k = menu.criteria;
  var byValue = {}, described = {};
  menu.entries.forEach(function (e) {
    byValue[e.value] = e.weights;
    described[e.value] = e.description || '';
  });
  function describe(value) {
    document.getElementById('fwc-preset-description').textContent = described[value] || '';
  }
  vegaEmbed('#fwc-chart', spec, {mode: 'vega', renderer: 'svg',
      actions: {export: true, source: false, compiled: false, editor: false}})
    .then(function (result) {
      var view = result.view;
      window.fwcView = view;
      view.addSignalListener('preset', function (name, value) {
        describe(value);
        var w = byValue[value];
        if (!w) return;
        for (var i = 0; i < k; i++) view.signal('w' + i, w[i]);
        view.runAsync();
      });
      function weightMoved() {
        var w = byValue[view.signal('preset')];
        if (!w) return;
        for (var i = 0; i < k; i++) {
          if (view.signal('w' + i) !== w[i]) { view.signal('preset', 'custom').runAsync(); return; }
        }
      }
      for (var i = 0; i < k; i++) view.addSignalListener('w' + i, weightMoved);
      describe(view.signal('preset'));
      return view.runAsync();
    })
    .then(function () {
      window.fwcReady = true;
      document.dispatchEvent(new Event('fwc-ready'));
    })
    .catch(function (error) {
      console.error(error);
      document.getElementById('fwc-chart').textContent = 'The charts could not be drawn: ' + error;
    });
})();
"""


def _judgement_html(comparison: Comparison) -> str:
    """Own scores, must-haves and the alternatives they rule out ("" when there are none)."""
    parts = []
    names = comparison.criterion_names
    over = comparison.overrides
    if len(over):
        rows = "".join(
            f"<tr><td>{_e(r.alternative)}</td><td>{_e(names.get(r.criterion, r.criterion))}</td>"
            f'<td class="num">{_num(r.score)}</td><td class="num">{_num(r.bundled)}</td>'
            f"<td>{_e(r.reason)}</td></tr>"
            for r in over.itertuples()
        )
        parts.append(
            f"<h3>Your own scores ({len(over)})</h3><table><thead><tr><th>Alternative</th>"
            "<th>Criterion</th><th>Your score</th><th>Data's score</th><th>Why</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    if comparison.requirements:
        items = "".join(
            f"<li>{_e(names.get(r.criterion, r.criterion))} {_e(r.op)} {_num(r.bound)}</li>"
            for r in comparison.requirements
        )
        parts.append(f"<h3>Must-haves</h3><ul>{items}</ul>")
    out = comparison.ruled_out
    if len(out):
        rows = "".join(
            f"<tr><td>{_e(r.alternative)}</td><td>{_e(r.text)}</td>"
            f'<td class="num">{_num(r.shortfall)}</td></tr>'
            for r in out.itertuples()
        )
        parts.append(
            f"<h3>Ruled out ({out['alternative'].nunique()})</h3>"
            '<p class="explain">These alternatives miss a must-have: they are not scored and do '
            "not appear in the charts.</p><table><thead><tr><th>Alternative</th>"
            "<th>Misses</th><th>By</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    if not parts:
        return ""
    return '<section id="fwc-judgement"><h2>Your judgement</h2>' + "".join(parts) + "</section>"


def _evidence_html(comparison: Comparison, rec: Recommendation) -> str:
    """One folding table per criterion: every alternative's score, range, rationale, source."""
    criteria = comparison.criteria
    data = comparison.data_scores
    over = {(r.alternative, r.criterion): r for r in comparison.overrides.itertuples()}
    ruled = set(comparison.ruled_out["alternative"])
    ranked = [str(a) for a in rec.ranking.index]
    order = ranked + [str(a) for a in data.index if a in ruled]
    shown, more = order[:TOP_EVIDENCE], max(0, len(order) - TOP_EVIDENCE)
    sections = []
    for cid, c in criteria.iterrows():
        ev = comparison.evidence_for(str(cid))
        scale = (
            f"scale {_num(c['min'])}–{_num(c['max'])}"
            if not pd.isna(c["min"])
            else "no declared scale: the alternatives' lowest to highest"
        )
        direction = "higher is better" if c["direction"] == "benefit" else "lower is better"
        rows = []
        for a in shown:
            own = over.get((a, cid))
            if own is not None:
                score = (
                    f'<span class="own">{_num(own.score)} (yours; data: {_num(own.bundled)})</span>'
                )
            else:
                score = _num(data.at[a, cid])
            if a in ev.index:
                r = ev.loc[a]
                if isinstance(r, pd.DataFrame):
                    r = r.iloc[0]
                low, high = r["score_low"], r["score_high"]
                rng = "" if pd.isna(low) else f"{_num(low)}–{_num(high)}"
                why, src = r["rationale"], r["source"]
            else:
                rng, why, src = "", "", ""
            name = _e(a) + (' <span class="out">(ruled out)</span>' if a in ruled else "")
            rows.append(
                f'<tr><td>{name}</td><td class="num">{score}</td><td class="num">{_e(rng)}</td>'
                f"<td>{_e('' if pd.isna(why) else why)}</td>"
                f'<td class="src">{_e("" if pd.isna(src) else src)}</td></tr>'
            )
        tail = f'<p class="small">… and {more} more alternatives.</p>' if more else ""
        sections.append(
            f'<details><summary>{_e(c["name"])} <span class="small">({_e(direction)}, '
            f"{_e(scale)})</span></summary>"
            f'<p class="explain">{_e(c.get("description", "") or "")}</p>'
            "<table><thead><tr><th>Alternative</th><th>Score</th><th>Range</th>"
            "<th>Rationale</th><th>Source</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{tail}</details>"
        )
    return (
        '<section id="fwc-evidence"><h2>The evidence, criterion by criterion</h2>'
        '<p class="explain">The scores the ranking uses, with the range the evidence allows and '
        "where it comes from. Open a criterion to read it.</p>" + "".join(sections) + "</section>"
    )


def live_page(
    comparison: Comparison,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
) -> str:
    """Build the live decision page: one offline HTML file that ranks by WSM in the browser.

    Parameters
    ----------
    comparison : Comparison
        What is compared, as given: own scores applied, must-haves screened
        (:meth:`~fwcompare_nb.core.comparison.Comparison.with_scores`,
        :meth:`~fwcompare_nb.core.comparison.Comparison.with_requirements`).
    weights : None, str, mapping or Series
        The starting weights (see :func:`~fwcompare_nb.core.scoring.resolve_weights`): a preset
        opens the page on that preset; other weights are the menu's first entry.
    method : {"wsm", "wpm", "topsis"}
        The method that was asked for. The page computes WSM only; for another method it says
        so (the report and the command line rank by it).
    profile : str, optional
        The preset the weights come from, when they are given as numbers.

    Returns
    -------
    str
        The HTML document (about 1 MB, most of it Vega).

    Raises
    ------
    DataError
        Unknown method, preset or criterion, or weights that cannot be used (as
        :func:`~fwcompare_nb.core.scoring.recommend`).

    Examples
    --------
    >>> import fwcompare_nb as fw
    >>> page = live_page(fw.load_comparison(), "learning")
    >>> page.startswith("<!DOCTYPE html>") and 'src="http' not in page
    True
    """
    asked = get_method(method)  # an unknown method fails here, with the known ones listed
    rec = recommend(comparison, weights, "wsm")
    preset = _which_preset(comparison, weights, profile)
    menu = _menu(comparison, weights, preset)
    if preset is not None:
        selected = next(e for e in menu if e.get("id") == preset)
    else:
        selected = menu[0]
    for e in menu:
        e["selected"] = e is selected
        pid = e.get("id")
        e["description"] = comparison.preset_description(pid) if pid is not None else ""
    vl = _spec(comparison, menu, selected["weights"], rec.judgement_note())
    spec = _vega(vl)
    method_note = (
        ""
        if asked.key == "wsm"
        else f'<p class="note">You asked for {_e(asked.short)}; this page computes WSM (the '
        "weighted sum) only. The report and <code>python -m fwcompare_nb recommend "
        f"--method {_e(asked.key)}</code> rank by {_e(asked.short)}.</p>"
    )
    payload = {
        "criteria": len(comparison.criterion_ids),
        "entries": [
            {"value": e["value"], "weights": e["weights"], "description": e["description"]}
            for e in menu
        ],
    }
    title = f"{comparison.name}: {' vs '.join(comparison.alternatives[:4])}"
    if len(comparison.alternatives) > 4:
        title += f" and {len(comparison.alternatives) - 4} more"
    csp = (
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'unsafe-inline'; img-src data: blob:"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="fwcompare_nb {_e(config.VERSION)}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
<script>{_bundle()}</script>
</head>
<body>
<main>
<h1>{_e(title)}</h1>
<p class="explain">A live decision page: choose a preset or move the sliders, and the ranking,
the contributions and the sentence are recomputed here, in your browser (no Python, no network).
Scores are the weighted sum (WSM) of each score normalised to 0..1 on its criterion's scale,
lower-is-better criteria reversed; weights count relative to each other.</p>
{method_note}
<div class="live">
<div class="controls" id="fwc-controls">
<div id="fwc-preset"></div>
<p id="fwc-preset-description"></p>
<div id="fwc-sliders"></div>
</div>
<div id="fwc-chart"></div>
</div>
<noscript><p class="note">This page needs JavaScript for its charts. For the starting weights:
{_e(rec.headline())}</p></noscript>
{_judgement_html(comparison)}
{_evidence_html(comparison, rec)}
<p class="small">Made by fwcompare_nb {_e(config.VERSION)} (python -m fwcompare_nb page). Charts:
Vega-Lite, inlined.</p>
</main>
<script type="application/json" id="fwc-spec">{_json_for_script(spec)}</script>
<script type="application/json" id="fwc-menu">{_json_for_script(payload)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def write_page(
    comparison: Comparison,
    path: str | Path,
    weights: Weights = None,
    method: str = "wsm",
    *,
    profile: str | None = None,
) -> Path:
    """Write :func:`live_page` to ``path`` atomically (a crash never leaves half a file).

    Parameters
    ----------
    comparison : Comparison
        What is compared.
    path : str or Path
        The HTML file to write; its folder must exist.
    weights, method, profile
        As :func:`live_page`.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    DataError
        ``path`` is a symbolic link, a folder or a FIFO (checked before any work), or as
        :func:`live_page`.

    Examples
    --------
    >>> import tempfile, fwcompare_nb as fw
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_page(fw.load_comparison(), Path(tmp) / "decision.html", "learning")
    ...     out.stat().st_size > 500_000
    True
    """
    target = check_target(path)
    text = live_page(comparison, weights, method, profile=profile)
    return write_atomic(target, text.encode("utf-8"))
