"""A notebook as reveal.js slides in one HTML file that opens offline, code hidden.

:func:`build_slides` (``make slides``) runs a notebook with papermill, with its ``static``
parameter set to True, and converts it with nbconvert's reveal.js exporter. nbconvert's own
template fetches reveal.js, jQuery, require.js, Mermaid, MathJax and the widget manager from
CDNs; this one (:data:`TEMPLATE`, which extends it) inlines reveal.js's script and CSS from the
``sphinx-revealjs`` package, which ships reveal.js's ``dist`` files, and loads nothing else, so
the file works from ``file://`` with no network and asks nothing of any server.

A live widget cannot be shown in a static file, so the conversion refuses a notebook that still
has one. A notebook gives its widgets a static stand-in when ``static`` is True; notebook 01
shows :func:`explorer_snapshot` (the explorer's headline and charts as images) instead of the
explorer.

Run it as ``python -m fwcompare_nb.reporting.slides NOTEBOOK -o OUT.html -p profile learning``.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.comparison import Comparison
from ..core.methods import get_method
from ..core.scoring import recommend
from ..io.files import write_atomic
from . import export

if TYPE_CHECKING:  # nbformat comes with nbconvert, imported only when slides are made
    from matplotlib.figure import Figure
    from nbformat import NotebookNode

__all__ = ["ExplorerSnapshot", "build_slides", "explorer_snapshot", "render_slides", "run_notebook"]

REVEAL_PACKAGE = "sphinx_revealjs"  # its _static/revealjs/ is reveal.js's release tree
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SIZE = (1280, 720)  # the slides' own size in px (16:9); reveal.js scales it to the window
THEME = "white"
KERNEL = "python3"

#: reveal.js's options (https://revealjs.com/config/): ``hash`` keeps the slide in the URL, so a
#: reload or a link opens the same slide
REVEAL_CONFIG = {
    "hash": True,
    "controls": True,
    "progress": True,
    "slideNumber": "c/t",
    "transition": "fade",
    "center": False,
    "width": SIZE[0],
    "height": SIZE[1],
}

# The slides' own rules, after the notebook's and the theme's CSS: headings as written (the theme
# capitalises them); a slide still too tall after FIT_JS scrolls instead of being cut off.
EXTRA_CSS = """
:root { --r-heading-text-transform: none; }
.reveal .slides > section, .reveal .slides > section > section { height: 100%; overflow-y: auto; }
.reveal .jp-RenderedHTMLCommon table { font-size: 16px; }
"""

# A slide taller or wider than the deck (a table of 30 rows or 20 columns, a tall chart) is
# scaled down to fit rather than cut off, to half its size at most; its children are zoomed, not
# the slide, whose box is the deck's. A table may scroll inside its output area, so its own
# width counts. Run for the slide shown, once its images have their sizes.
FIT_JS = """
function fwcFit(slide) {
  if (!slide) return;
  const parts = Array.from(slide.children);
  parts.forEach((p) => { p.style.zoom = ""; });
  const tables = Array.from(slide.querySelectorAll("table")).map((t) => t.offsetWidth);
  const wide = Math.max(slide.scrollWidth, ...tables);
  const fit = Math.min(slide.clientHeight / slide.scrollHeight, slide.clientWidth / wide);
  if (fit < 1) parts.forEach((p) => { p.style.zoom = Math.max(fit, 0.5); });
}
Reveal.on("ready", (event) => fwcFit(event.currentSlide));
Reveal.on("slidechanged", (event) => fwcFit(event.currentSlide));
window.addEventListener("load", () => fwcFit(Reveal.getCurrentSlide()));
"""

TEMPLATE = r"""
{%- extends 'reveal/index.html.j2' -%}
{#- nbconvert's reveal.js template less everything it fetches: reveal.js and its theme are
    inline (resources.offline); no jQuery, require.js, Mermaid, MathJax or widget manager. -#}
{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.language_code }}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
{%- set title = nb.metadata.get('title', resources['metadata']['name']) %}
<title>{{ title | escape_html_keep_quotes }}</title>
<style type="text/css">
{{ resources.offline.reveal_css }}
</style>
{% for css in resources.inlining.css -%}
<style type="text/css">
{{ css }}
</style>
{% endfor -%}
{{ self.notebook_css() }}
<style type="text/css">
{{ resources.offline.theme_css }}
{{ resources.offline.extra_css }}
</style>
</head>
{%- endblock header -%}
{%- block footer_js -%}
<script>
{{ resources.offline.reveal_js }}
</script>
<script>
{{ resources.offline.fit_js }}
Reveal.initialize({{ resources.offline.config }});
</script>
{%- endblock footer_js -%}
"""


# --- reveal.js from its package -------------------------------------------------------------


def reveal_dir() -> Path:
    """Return the folder of reveal.js's release files (``dist/``, ``plugin/``).

    Returns
    -------
    Path
        ``sphinx_revealjs/_static/revealjs`` of the installed ``sphinx-revealjs``.

    Raises
    ------
    FileNotFoundError
        The package is missing or holds no ``dist/reveal.js``.
    """
    # find_spec locates the package without importing it (its import loads Sphinx)
    spec = find_spec(REVEAL_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        root = Path(folder) / "_static" / "revealjs"
        if (root / "dist" / "reveal.js").is_file():
            return root
    raise FileNotFoundError(
        "reveal.js not found: the slides need the sphinx-revealjs package "
        "(`make setup`, or `pip install sphinx-revealjs`)"
    )


def reveal_version(root: Path | None = None) -> str:
    """Return the version of reveal.js in ``root`` (default :func:`reveal_dir`), e.g. "5.2.0"."""
    head = ((root or reveal_dir()) / "dist" / "reveal.js").read_text(encoding="utf-8")[:300]
    match = re.search(r"reveal\.js (\d+\.\d+\.\d+)", head)
    return match.group(1) if match else "unknown"


def _inline(text: str, tag: str) -> str:
    # An end tag inside the text would close the <script>/<style> element early.
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


@cache
def offline_assets(theme: str = THEME) -> dict[str, str]:
    """Return what the template inlines: reveal.js's script, its CSS and a theme's CSS.

    Parameters
    ----------
    theme : str
        A theme of ``dist/theme/`` (white, black, simple, ...).

    Returns
    -------
    dict
        ``reveal_js``, ``reveal_css``, ``theme_css``, ``extra_css`` (:data:`EXTRA_CSS`), ``fit_js``,
        ``config`` (:data:`REVEAL_CONFIG` as JSON) and ``version``.
    """
    dist = reveal_dir() / "dist"
    theme_css = (dist / "theme" / f"{theme}.css").read_text(encoding="utf-8")
    # The themes @import their web fonts (a file beside them or a font CDN): a request outside
    # this file. Without them the theme's fallback fonts (Helvetica, sans-serif) are used.
    theme_css = re.sub(r"@import\s+url\([^)]*\)\s*;", "", theme_css)
    return {
        "reveal_js": _inline((dist / "reveal.js").read_text(encoding="utf-8"), "script"),
        "reveal_css": _inline((dist / "reveal.css").read_text(encoding="utf-8"), "style"),
        "theme_css": _inline(theme_css, "style"),
        "extra_css": EXTRA_CSS,
        "fit_js": FIT_JS,
        "config": json.dumps(REVEAL_CONFIG),
        "version": reveal_version(dist.parent),
    }


# --- running and converting -------------------------------------------------------------------


def run_notebook(notebook: str | Path, parameters: Mapping[str, Any] | None = None) -> NotebookNode:
    """Run a notebook with papermill in its own folder, ``static`` set to True.

    Parameters
    ----------
    notebook : str or Path
        The ``.ipynb`` file (left unchanged: nothing is written).
    parameters : mapping, optional
        Papermill parameters; ``static=True`` is added unless given.

    Returns
    -------
    NotebookNode
        The executed notebook.
    """
    import papermill

    path = Path(notebook).resolve()
    return papermill.execute_notebook(
        str(path), None, parameters={"static": True, **(parameters or {})},
        cwd=str(path.parent), kernel_name=KERNEL, progress_bar=False, log_output=False,
    )  # fmt: skip


def _live_widgets(nb: NotebookNode) -> list[int]:
    """Return the (0-based) indices of the code cells that show a live widget."""
    return [
        i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
        for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})
    ]  # fmt: skip


def _title(nb: NotebookNode) -> str | None:
    """Return the notebook's first ``# heading``, if it has one: the page's title."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def render_slides(nb: NotebookNode, *, theme: str = THEME, title: str | None = None) -> str:
    """Convert an executed notebook into one self-contained reveal.js HTML page, code hidden.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook; ``slideshow.slide_type`` of its cells makes the slides.
    theme : str
        reveal.js's theme.
    title : str, optional
        The page's title; default the notebook's first ``# heading``, else "Notebook".

    Returns
    -------
    str
        The HTML: reveal.js, CSS and every image inline; it loads nothing from anywhere.

    Raises
    ------
    ValueError
        A cell shows a live widget (an empty box in a static file): run the notebook with
        ``static=True`` and give that widget a static stand-in.
    """
    from nbconvert import SlidesExporter

    live = _live_widgets(nb)
    if live:
        cells = ", ".join(str(i + 1) for i in sorted(set(live)))
        raise ValueError(
            f"cell(s) {cells} show a live widget, which a static slide cannot show: "
            "when the notebook's `static` parameter is True, show images instead"
        )
    exporter = SlidesExporter(
        raw_template=TEMPLATE, exclude_input=True, exclude_input_prompt=True,
        exclude_output_prompt=True,
    )  # fmt: skip
    resources = {"offline": offline_assets(theme), "metadata": {"name": title or _title(nb)}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def build_slides(
    notebook: str | Path, output: str | Path, parameters: Mapping[str, Any] | None = None
) -> Path:
    """Run ``notebook`` (:func:`run_notebook`) and write its slides (:func:`render_slides`).

    Parameters
    ----------
    notebook : str or Path
        The notebook to run.
    output : str or Path
        The HTML file to write (its folder is created).
    parameters : mapping, optional
        Papermill parameters, e.g. ``{"profile": "learning"}``.

    Returns
    -------
    Path
        ``output``.
    """
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    body = render_slides(run_notebook(notebook, parameters))
    return write_atomic(out, body.encode("utf-8"))


# --- the explorer as images -------------------------------------------------------------------

SNAPSHOT_CHARTS = {"ranking": 5.2, "contributions": 6.6}  # chart -> width in inches, side by side


@dataclass(frozen=True)
class ExplorerSnapshot:
    """The explorer's view of one set of weights, drawn once: what a static page shows.

    Parameters
    ----------
    what : str
        What it shows: the weights and the method, one sentence.
    headline : str
        The recommendation's headline.
    charts : dict
        Chart name -> (PNG bytes, alternative text).
    """

    what: str
    headline: str
    charts: dict[str, tuple[bytes, str]]

    def __repr__(self) -> str:
        return f"{self.what}\n{self.headline}"

    def _repr_html_(self) -> str:
        # Inline styles: the same look in a slide, an HTML export and JupyterLab.
        images = "".join(
            f'<img style="flex: {SNAPSHOT_CHARTS[name]} 1 0; min-width: 0; max-width: 100%; '
            f'height: auto; margin: 0" alt="{html.escape(alt)}" '
            f'src="data:image/png;base64,{base64.b64encode(png).decode()}">'
            for name, (png, alt) in self.charts.items()
        )
        return (
            '<div class="fwc-snapshot">'
            f'<p style="margin: 0 0 0.4em">{html.escape(self.what)}</p>'
            f'<p style="margin: 0 0 0.6em"><strong>{html.escape(self.headline)}</strong></p>'
            f'<div style="display: flex; gap: 1em; align-items: flex-start">{images}</div>'
            "</div>"
        )


def _rewrap_caption(fig: Figure, width: float) -> None:
    """Wrap the caption line under a chart again for a new width (in inches)."""
    # ~15 characters per inch at the caption's 8 pt, as export.draw_charts wraps it
    caption = fig.get_supxlabel()
    for text in fig.texts:
        if caption and text.get_text() == caption:
            text.set_text(textwrap.fill(" ".join(caption.split()), int(width * 15)))


def explorer_snapshot(
    comparison: Comparison, profile: str | None = None, method: str = "wsm"
) -> ExplorerSnapshot:
    """Draw what the explorer opens on, as images: its headline, ranking and contributions.

    Parameters
    ----------
    comparison : Comparison
        The comparison.
    profile : str, optional
        A preset's id (the explorer's ``profile``); default the criteria file's weights.
    method : {"wsm", "wpm", "topsis"}
        The scoring method.

    Returns
    -------
    ExplorerSnapshot
        Shown as HTML with the charts as ``<img>`` PNGs (notebooks display it as is).
    """
    rec = recommend(comparison, profile, method)
    figures = export.chart_figures(comparison, profile, method, profile=profile)
    weights = f'the preset "{comparison.preset_label(profile)}"' if profile else "default weights"
    what = (
        f"The explorer as it opens on {weights}, scored with {get_method(rec.method).short}. "
        "In JupyterLab or the dashboard the weights can be moved, and the headline and the "
        "charts follow."
    )
    caption = export.weights_caption(comparison, rec, profile, profile=profile)
    # side by side at one height: the taller of the two as chart_figures draws them
    height = max(figures[name].get_size_inches()[1] for name in SNAPSHOT_CHARTS)
    charts = {}
    for name, width in SNAPSHOT_CHARTS.items():
        figures[name].set_size_inches(width, height)
        _rewrap_caption(figures[name], width)
        alt = f"{name.capitalize()} chart: {export.CHARTS[name]} ({caption})"
        charts[name] = (export.figure_bytes(figures[name], "png"), alt)
    return ExplorerSnapshot(what, rec.headline(), charts)


# --- command line -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Build slides from the command line (``make slides``); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m fwcompare_nb.reporting.slides", description=__doc__.splitlines()[0]
    )
    parser.add_argument("notebook", type=Path, help="the notebook to run and convert")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the HTML file")
    parser.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
        help="a papermill parameter, as a string (repeat for more)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        out = build_slides(args.notebook, args.output, dict(args.parameter))
    except Exception as exc:  # a failing cell, a live widget, no reveal.js: say it in one line
        print(f"slides: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    size = out.stat().st_size / 1e6
    version = offline_assets()["version"]
    print(f"wrote {out} ({size:.1f} MB, reveal.js {version} inline, opens offline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
