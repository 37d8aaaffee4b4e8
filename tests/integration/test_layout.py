"""The explorer's layout measured in a real browser (issue 11): JupyterLab and Voila, three
window sizes, each analysis tab opened in turn.

Hosts: ``voila`` (``make dashboard``), ``lab`` (``make lab``: notebook 01 after Run All, the file
browser open beside it) and ``lab_nofiles`` (the same page with the file browser closed). Sizes:
1024x768, 1440x900, 1920x1080. One test per host x size; inside it the four tabs of the
``.fwc-decision`` Tab widget are opened one after the other and, once the opened tab is drawn and
the layout has stopped moving, ``getBoundingClientRect`` in the page looks for:

* **overlap**: two of the explorer's panels (``PANELS``) painting over each other (more than 1 px
  both ways; a panel's extent is its box plus its visible descendants, clipped where an ancestor
  clips; a panel inside another in the DOM is not an overlap);
* **slider**: a weight slider's track (``.noUi-target`` in ``[class*=fwc-weight-]``) under 120 px
  wide or not fully visible, its readout or share label hidden or outside the page area;
* **clipped text**: an element of the explorer with visible text cut by its own box
  (``scrollWidth > clientWidth + 1`` with overflow hidden: labels, buttons, tab titles,
  readouts) or by an ancestor that clips without scrolling; a dropdown or list box whose option
  text is wider than the box. Not checked: text inside boxes that scroll (overflow auto/scroll,
  e.g. the evidence panel; a box that scrolls sideways is reported as *sideways* instead),
  canvases, text fields (their value scrolls when typed in);
* **sideways**: the page or an ancestor of the explorer scrolling sideways (Voila:
  ``document.documentElement.scrollWidth > innerWidth``, the page's scroller ``#rendered_cells``;
  Lab: the notebook, the cell's output area), the explorer's right edge beyond the page area (Voila
  window / Lab notebook panel), any box inside the explorer that scrolls sideways (ipywidgets 8
  boxes are ``overflow: auto``: content wider than the box gets a scroll bar instead of
  spilling), and every ``fwc-`` element cut off sideways (part of it scrolled or clipped away).

All violations of one host x size go into one failure message (host, size, tab, element class,
numbers; x in px from the window's left edge, y in px from the explorer's top; what every tab
shows is said once), also written to ``test-output/layout/<host>-<w>x<h>.txt``. A screenshot per
host x size x tab goes to ``test-output/layout/<host>-<w>x<h>-tab<i>.png``: Voila's whole page,
Lab's window with the notebook scrolled over the whole explorer (stitched from viewport shots:
the page scrolls inside an element, so ``full_page`` would only show the window; the page's own
scroll bar shows once per shot).

Chromium draws scroll bars here, as on a Linux or Windows desktop (Playwright hides them in
headless mode by default: every scrolling box then has 15 px more room than a user's, and a box
that scrolls sideways shows no bar). ``test_checks_on_a_known_page`` checks the measurement itself
on a hand-made page: what it must report and what it must leave alone (hidden, zero-size and
nested panels, text that fits or wraps in a box that scrolls up and down).

One server per host for the module, one browser page per host resized with
``page.set_viewport_size`` (checked: a page opened at 1024x768 or 1440x900 measured exactly the same
geometry and violations as one opened at 1920x1080 and resized, in Voila and in Lab). The module
takes ~1.5-2 min (Lab starts and runs notebook 01 once for both Lab variants); one host and size
~25-45 s::

    .venv/bin/python -m pytest tests/integration/test_layout.py -k "voila-1024"
    .venv/bin/python -m pytest tests/integration/test_layout.py -k "lab-1440"
    .venv/bin/python -m pytest tests/integration/test_layout.py -k "lab_nofiles and 1920"

(``-k lab`` selects both Lab variants; ``-k "voila and not 1920"`` two sizes.)
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import pytest

from benchmarks._voila import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    _only_local,
    lab_server,
    voila_server,
    wait_ready,
)

from ._browser import TIMEOUT_MS, lab_run_all, require_browser, wait_until

pytestmark = pytest.mark.browser

OUTPUT = ROOT / "test-output" / "layout"
NOTEBOOK = "notebooks/01-django-vs-flask.ipynb"
SIZES = ((1024, 768), (1440, 900), (1920, 1080))
HOSTS = ("voila", "lab", "lab_nofiles")
PANELS = (
    ".fwc-weights",
    ".fwc-chart-ranking",
    ".fwc-chart-contributions",
    ".fwc-decision",
    ".fwc-chart-matrix",
    ".fwc-evidence",
    ".fwc-saved-profiles",
    ".fwc-downloads",  # the export box (Lab only) sits in the same wrapping row
)
MIN_TRACK_PX = 120
# What shows that a tab's content is computed (text set by the kernel); absent = not waited for.
TAB_READY = (
    ".fwc-sensitivity-sentence",
    ".fwc-robustness-sentence",
    ".fwc-ahp-result",
    ".fwc-group-members",
)
QUIET_S = 0.6  # the layout must stay the same this long before it is measured
SETTLE_S = 20.0


class LayoutError(AssertionError):
    """The layout violations of one host x size, all in one message."""


@dataclass
class Host:
    name: str
    page: object
    scroller: str  # the element the explorer scrolls in (closest ancestor matching)
    area: str  # what the explorer must fit in, for messages
    whole_page: bool  # screenshot the whole scroller (Voila) or the explorer's part (Lab)
    file_browser: bool | None = None  # Lab: the left sidebar's file browser open or closed


# --------------------------------------------------------------------------- in the page
SHARED_JS = r"""
const root = document.querySelector('.fwc-explorer');
const scroller = root.closest(SCROLLER) || document.scrollingElement;
const sRect = scroller.getBoundingClientRect();
const areaL = Math.max(0, sRect.left + scroller.clientLeft);
const areaR = Math.min(innerWidth, sRect.left + scroller.clientLeft + scroller.clientWidth);
const rootRect = root.getBoundingClientRect();
const R = x => Math.round(x);
const Y = y => Math.round(y - rootRect.top);
const shown = el => {
  const r = el.getBoundingClientRect();
  if (r.width < 0.5 || r.height < 0.5) return false;
  const cs = getComputedStyle(el);
  return cs.visibility === 'visible' && parseFloat(cs.opacity) > 0;
};
const scrolls = v => v === 'auto' || v === 'scroll';
// The part of el's box that ancestors do not clip away: sideways any ancestor and the window;
// up and down only ancestors inside the page's scroller (the page itself scrolls).
// With untilScroller, only the ancestors up to the first one that scrolls sideways (what is
// beyond it can be scrolled to; that box is reported as scrolling sideways instead).
const visibleBox = (el, untilScroller = false) => {
  const r = el.getBoundingClientRect();
  let l = r.left, rt = r.right, t = r.top, b = r.bottom;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (untilScroller && scrolls(cs.overflowX)) break;
    const ar = a.getBoundingClientRect();
    const cl = ar.left + a.clientLeft, ct = ar.top + a.clientTop;
    const clipX = cs.overflowX !== 'visible';
    const clipY = cs.overflowY !== 'visible';
    if (clipX && a !== document.documentElement) {
      l = Math.max(l, cl); rt = Math.min(rt, cl + a.clientWidth);
    }
    if (clipY && !a.contains(scroller)) { t = Math.max(t, ct); b = Math.min(b, ct + a.clientHeight); }
  }
  return untilScroller ? {l, r: rt, t, b} : {l: Math.max(l, 0), r: Math.min(rt, innerWidth), t, b};
};
const fwcOf = el => [...el.classList].filter(c => c.startsWith('fwc-')).map(c => '.' + c).join('');
const textOf = el => {
  const t = (el.tagName === 'SELECT' ? (el.options[el.selectedIndex] || {}).text || ''
             : el.textContent || '').trim().replace(/\s+/g, ' ');
  return t.length > 40 ? t.slice(0, 39) + '…' : t;
};
const describe = el => {
  const own = fwcOf(el);
  const cl = el.classList;
  const kind = cl.contains('lm-TabBar-tabLabel') || cl.contains('lm-TabBar-tab') ? 'tab title'
    : cl.contains('widget-label') ? 'label' : cl.contains('widget-readout') ? 'readout'
    : el.tagName === 'BUTTON' ? 'button' : el.tagName === 'SELECT' ? (el.multiple ? 'list box' : 'dropdown')
    : cl.contains('jupyter-matplotlib-canvas-container') ? 'chart canvas box'
    : el.tagName === 'CANVAS' ? 'chart canvas'
    : cl.contains('widget-hbox') ? 'row (HBox)' : cl.contains('widget-vbox') ? 'column (VBox)'
    : cl.contains('widget-tab-contents') ? 'tab contents'
    : el.tagName.toLowerCase() + (cl.length ? '.' + cl[cl.length - 1] : '');
  const text = ['tab title', 'label', 'readout', 'button', 'dropdown'].includes(kind) || (!own && el.children.length === 0)
    ? textOf(el) : '';
  const name = own || kind;
  const quoted = text ? ` '${text}'` : '';
  if (own) return name + quoted;
  // a box without a name of its own: say which named parts it holds
  const held = [];
  const walk = e => { for (const c of e.children) { if (held.length > 3) return; if (fwcOf(c)) held.push(fwcOf(c)); else walk(c); } };
  if (el.children.length) walk(el);
  const holds = held.length ? ` holding ${held.slice(0, 3).join(', ')}${held.length > 3 ? ', …' : ''}` : '';
  let a = el.parentElement;
  while (a && !fwcOf(a)) a = a.parentElement;
  return `${name}${quoted}${holds} in ${a ? fwcOf(a) : 'the page'}`;
};
"""

MEASURE_JS = (
    "([SCROLLER, PANELS, MIN_TRACK]) => {"
    + SHARED_JS
    + r"""
const out = [];
const add = (kind, what, detail) => out.push({kind, what, detail});
const all = [root, ...root.querySelectorAll('*')];

// ---- overlap of the panels
const extent = p => {
  let e = null;
  for (const el of [p, ...p.querySelectorAll('*')]) {
    if (!shown(el)) continue;
    const v = visibleBox(el);
    if (v.r - v.l <= 0 || v.b - v.t <= 0) continue;
    e = e ? {l: Math.min(e.l, v.l), r: Math.max(e.r, v.r), t: Math.min(e.t, v.t), b: Math.max(e.b, v.b)} : v;
  }
  return e;
};
const panels = [];
for (const sel of PANELS) {
  const el = root.querySelector(sel);
  if (!el) { add('missing', sel, 'not in the explorer (renamed? the test looks for it)'); continue; }
  if (!shown(el)) continue;
  panels.push({sel, el, ext: extent(el)});
}
for (let i = 0; i < panels.length; i++) {
  for (let j = i + 1; j < panels.length; j++) {
    const a = panels[i], b = panels[j];
    if (!a.ext || !b.ext || a.el.contains(b.el) || b.el.contains(a.el)) continue;
    const l = Math.max(a.ext.l, b.ext.l), r = Math.min(a.ext.r, b.ext.r);
    const t = Math.max(a.ext.t, b.ext.t), bo = Math.min(a.ext.b, b.ext.b);
    if (r - l > 1 && bo - t > 1) {
      const span = p => `${p.sel} x ${R(p.ext.l)}-${R(p.ext.r)} y ${Y(p.ext.t)}-${Y(p.ext.b)}`;
      add('overlap', `${a.sel} and ${b.sel}`,
          `${R(r - l)}x${R(bo - t)} px in common at x ${R(l)}-${R(r)}, y ${Y(t)}-${Y(bo)} (${span(a)}; ${span(b)})`);
    }
  }
}

// ---- weight sliders
const inArea = (el, what, owner) => {
  if (!el) { add('slider', `${what} of ${owner}`, 'missing'); return; }
  if (!shown(el)) { add('slider', `${what} of ${owner}`, 'not visible (zero size or hidden)'); return; }
  const r = el.getBoundingClientRect(), v = visibleBox(el);
  if (r.left < areaL - 1 || r.right > areaR + 1 || v.r - v.l < r.width - 1)
    add('slider', `${what} of ${owner}`,
        `x ${R(r.left)}-${R(r.right)}, visible ${R(Math.max(0, v.r - v.l))} of ${R(r.width)} px (page area x ${R(areaL)}-${R(areaR)})`);
};
const sliders = root.querySelectorAll('[class*=fwc-weight-] .noUi-target');
for (const track of sliders) {
  const owner = [...track.closest('[class*=fwc-weight-]').classList].find(c => c.startsWith('fwc-weight-'));
  const slider = track.closest('.' + owner);
  if (!shown(track)) {
    const r = track.getBoundingClientRect();
    add('slider', `.${owner} track`, `not visible: ${R(r.width)}x${R(r.height)} px (collapsed or hidden)`);
  }
  else {
    const r = track.getBoundingClientRect(), v = visibleBox(track);
    if (r.width < MIN_TRACK) add('slider', `.${owner} track`, `${R(r.width)} px wide (< ${MIN_TRACK})`);
    if (v.r - v.l < r.width - 1)
      add('slider', `.${owner} track`, `cut off: ${R(Math.max(0, v.r - v.l))} of ${R(r.width)} px visible`);
  }
  inArea(slider.querySelector('.widget-readout'), 'readout', '.' + owner);
  inArea(root.querySelector('.fwc-share-' + owner.slice('fwc-weight-'.length)), 'share label', '.' + owner);
}
if (!sliders.length) add('missing', '[class*=fwc-weight-] .noUi-target', 'no weight slider found');

// ---- clipped text
const ctx = document.createElement('canvas').getContext('2d');
const textWidth = (text, cs) => {
  ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return ctx.measureText(text).width;
};
const reported = new Set();
for (const s of root.querySelectorAll('select')) {
  if (!shown(s)) continue;
  const cs = getComputedStyle(s);
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const options = s.multiple ? [...s.options] : [s.options[s.selectedIndex]].filter(Boolean);
  // a list box's options have padding of their own; a dropdown's arrow is in its padding
  const need = o => { const os = getComputedStyle(o);
    return textWidth(o.text.trim(), os) + (s.multiple ? parseFloat(os.paddingLeft) + parseFloat(os.paddingRight) : 0); };
  const cut = options.map(o => [o.text.trim(), need(o)]).filter(([, w]) => w > room + 1);
  reported.add(s);
  if (cut.length)
    add('clipped text', describe(s),
        cut.slice(0, 3).map(([t, w]) => `'${t}' needs ${R(w)} px, has ${R(room)}`).join('; ')
        + (cut.length > 3 ? ` (+${cut.length - 3} more options)` : ''));
}
const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
const blocks = new Set();
for (const el of all) {
  if (['CANVAS', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION'].includes(el.tagName) || el.closest('select')) continue;
  if (!ownText(el)) continue;
  let b = el;
  while (b !== root && ['inline', 'contents'].includes(getComputedStyle(b).display)) b = b.parentElement;
  blocks.add(b);
}
for (const b of blocks) {
  // squeezed to no width still counts (its text is all cut); hidden (no height) does not
  const bs = getComputedStyle(b);
  if (b.getBoundingClientRect().height < 0.5 || bs.visibility !== 'visible' || parseFloat(bs.opacity) === 0) continue;
  const cs = getComputedStyle(b);
  if (scrolls(cs.overflowX)) continue;  // scrolls on purpose (reported as sideways if it does)
  reported.add(b);
  if (cs.overflowX !== 'visible' && b.scrollWidth > b.clientWidth + 1) {
    add('clipped text', describe(b), `shows ${b.clientWidth} of ${b.scrollWidth} px`);
    continue;
  }
  // cut by an ancestor that clips (below the first box that scrolls sideways)
  const range = document.createRange();
  range.selectNodeContents(b);
  const tr = range.getBoundingClientRect(), v = visibleBox(b, true);
  if (tr.width > 0 && (tr.right > v.r + 1 || tr.left < v.l - 1))
    add('clipped text', describe(b),
        `text x ${R(tr.left)}-${R(tr.right)}, visible ${R(Math.max(0, Math.min(tr.right, v.r) - Math.max(tr.left, v.l)))} of ${R(tr.width)} px`);
}

// ---- sideways overflow
const de = document.documentElement;
if (de.scrollWidth > innerWidth + 1)
  add('sideways', 'the page', `document scrollWidth ${de.scrollWidth} > innerWidth ${innerWidth}`);
for (let a = root.parentElement; a && a !== de; a = a.parentElement) {
  const ox = getComputedStyle(a).overflowX;
  if (ox !== 'visible' && a.scrollWidth > a.clientWidth + 1) {
    const name = a.id ? '#' + a.id : '.' + ([...a.classList].find(c => c.startsWith('jp-')) || a.classList[0] || a.tagName);
    add('sideways', name, `${scrolls(ox) ? 'scrolls' : 'clips'} sideways: ${a.scrollWidth} px of content in ${a.clientWidth} px`);
  }
}
if (rootRect.right > areaR + 1 || rootRect.left < areaL - 1)
  add('sideways', '.fwc-explorer', `spans x ${R(rootRect.left)}-${R(rootRect.right)}, beyond the page area x ${R(areaL)}-${R(areaR)}`);
for (const el of all) {
  if (reported.has(el) || !shown(el) || ['SELECT', 'INPUT', 'TEXTAREA'].includes(el.tagName)) continue;
  const ox = getComputedStyle(el).overflowX;
  if (ox !== 'visible' && el.scrollWidth > el.clientWidth + 1)
    add('sideways', describe(el), `${scrolls(ox) ? 'scrolls' : 'clips'} sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
}
const charts = [...root.querySelectorAll('.jupyter-matplotlib canvas:first-of-type')];
for (const el of all) {
  if (!(fwcOf(el) || charts.includes(el)) || !shown(el)) continue;
  const r = el.getBoundingClientRect(), v = visibleBox(el);
  const seen = Math.max(0, v.r - v.l);
  if (seen < r.width - 1)
    add('cut off', describe(el), `${R(seen)} of ${R(r.width)} px visible (x ${R(r.left)}-${R(r.right)}, visible ${R(v.l)}-${R(Math.max(v.l, v.r))})`);
}
return {violations: out, area: [R(areaL), R(areaR)], root: [R(rootRect.left), R(rootRect.right), R(rootRect.width), R(rootRect.height)],
        panels: panels.map(p => [p.sel, p.ext && [R(p.ext.l), R(p.ext.r), Y(p.ext.t), Y(p.ext.b)]])};
}"""
)

# What must stay the same for QUIET_S before measuring: the panels' boxes, the explorer's
# scroll sizes, the open tab's box and text, which canvases are drawn.
SIGNATURE_JS = (
    "([SCROLLER, PANELS]) => {"
    + SHARED_JS
    + r"""
const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return [R(r.left), R(r.top - rootRect.top), R(r.width), R(r.height)]; };
const contents = root.querySelector('.fwc-decision .widget-tab-contents');
const open = contents && [...contents.children].find(c => !c.classList.contains('lm-mod-hidden'));
const drawn = [...root.querySelectorAll('.jupyter-matplotlib canvas:first-of-type')].filter(shown).map(c =>
  c.width > 0 && c.getContext('2d').getImageData(0, 0, 1, 1).data[3] > 0);
return JSON.stringify([R(areaL), R(areaR), root.scrollWidth, root.scrollHeight, PANELS.map(s => box(root.querySelector(s))),
                       box(open), open ? open.innerText.length : -1, drawn]);
}"""
)

TAB_OPEN_JS = r"""([i, ready]) => {
  const tabs = document.querySelectorAll('.fwc-explorer .fwc-decision .lm-TabBar-tab');
  if (!tabs[i] || !tabs[i].classList.contains('lm-mod-current')) return false;
  const contents = document.querySelector('.fwc-explorer .fwc-decision .widget-tab-contents');
  const open = [...contents.children].filter(c => !c.classList.contains('lm-mod-hidden'));
  if (open.length !== 1 || open[0].getBoundingClientRect().height <= 0) return false;
  const mark = ready && open[0].querySelector(ready);
  return !mark || mark.innerText.trim().length > 0;
}"""

SCROLL_GEOMETRY_JS = r"""([sel, whole]) => {
  const root = document.querySelector('.fwc-explorer');
  const s = root.closest(sel) || document.scrollingElement;
  const r = s.getBoundingClientRect(), rr = root.getBoundingClientRect();
  const top = Math.max(0, Math.round(r.top + s.clientTop));
  const start = s.scrollTop;
  let y0 = 0, y1 = s.scrollHeight;
  if (!whole) {
    y0 = Math.max(0, Math.round(start + rr.top - top - 12));
    y1 = Math.min(s.scrollHeight, Math.round(start + rr.bottom - top + 12));
  }
  return {top, height: Math.min(s.clientHeight, innerHeight - top), start, y0, y1, max: s.scrollHeight,
          left: Math.max(0, Math.floor(r.left)), right: Math.min(innerWidth, Math.ceil(r.right))};
}"""

SCROLL_TO_JS = r"""([sel, y]) => new Promise(done => {
  const s = document.querySelector('.fwc-explorer').closest(sel) || document.scrollingElement;
  s.scrollTop = y;
  requestAnimationFrame(() => requestAnimationFrame(() => done(s.scrollTop)));
})"""


# --------------------------------------------------------------------------- helpers
def settle(host: Host, what: str) -> bool:
    """Wait until the layout has not changed for QUIET_S; False if it never settled."""
    page = host.page
    last, since, start = None, time.monotonic(), time.monotonic()
    while time.monotonic() - start < SETTLE_S:
        sig = page.evaluate(SIGNATURE_JS, [host.scroller, list(PANELS)])
        now = time.monotonic()
        if sig != last:
            last, since = sig, now
        elif now - since >= QUIET_S:
            return True
        time.sleep(0.1)
    print(f"layout never settled after {what} ({SETTLE_S:.0f} s): measured anyway")
    return False


def open_tab(host: Host, index: int) -> str:
    page = host.page
    tab = page.locator(".fwc-explorer .fwc-decision .lm-TabBar-tab").nth(index)
    title = tab.text_content().strip()
    tab.click()
    wait_until(
        page,
        f"tab {index} ({title!r}) to open and show its content",
        TAB_OPEN_JS,
        [index, TAB_READY[index] if index < len(TAB_READY) else None],
        timeout_ms=30_000,
    )
    if not settle(host, f"opening tab {index}"):
        title += " (layout never settled)"
    return title


def set_file_browser(host: Host) -> None:
    """Open or close JupyterLab's file browser (the left sidebar's first tab)."""
    page = host.page
    is_open = "() => { const f = document.querySelector('#filebrowser'); " \
              "return !!f && f.getBoundingClientRect().width > 0; }"  # fmt: skip
    if page.evaluate(is_open) != host.file_browser:
        page.click(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']")
        wait_until(
            page,
            f"the file browser to be {'open' if host.file_browser else 'closed'}",
            f"() => ({is_open})() === {'true' if host.file_browser else 'false'}",
        )


def save_screenshot(host: Host, path) -> None:
    """The page as tall as the explorer's scroller needs, stitched from viewport shots (the page
    scrolls inside an element; ``full_page`` would only show the window). The first shot is
    whole; below it only the scroller's columns continue (Lab's sidebars are not repeated)."""
    from PIL import Image

    page = host.page
    size = page.viewport_size
    width, height = size["width"], size["height"]
    g = page.evaluate(SCROLL_GEOMETRY_JS, [host.scroller, host.whole_page])
    top, view, y0, y1 = g["top"], g["height"], g["y0"], g["y1"]
    left, right = g["left"], g["right"]
    below = max(0, height - top - view)
    image = Image.new("RGB", (width, top + (y1 - y0) + below), "white")
    y, first = y0, True
    try:
        while True:
            s = page.evaluate(SCROLL_TO_JS, [host.scroller, y])
            shot = Image.open(io.BytesIO(page.screenshot()))
            lo, hi = max(s, y0), min(s + view, y1)
            x0, x1 = (0, width) if first else (left, right)
            if first:
                image.paste(shot.crop((0, 0, width, top)), (0, 0))
                first = False
            if hi > lo:
                image.paste(shot.crop((x0, top + lo - s, x1, top + hi - s)), (x0, top + lo - y0))
            if hi >= y1 or s + view >= g["max"] or hi <= y:
                image.paste(shot.crop((0, top + view, width, height)), (0, top + y1 - y0))
                break
            y = hi
    finally:
        page.evaluate(SCROLL_TO_JS, [host.scroller, g["start"]])
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


KIND_ORDER = ("missing", "overlap", "slider", "clipped text", "sideways", "cut off")


def format_state(violations: list[dict]) -> list[str]:
    """Violations grouped by kind; the same detail on several elements said once."""
    lines = []
    for kind in KIND_ORDER:
        found = [v for v in violations if v["kind"] == kind]
        by_detail: dict[str, list[str]] = {}
        for v in found:
            by_detail.setdefault(v["detail"], []).append(v["what"])
        for detail, whats in by_detail.items():
            more = f" and {len(whats) - 2} more" if len(whats) > 3 else ""
            names = ", ".join(whats if len(whats) <= 3 else whats[:2]) + more
            lines.append(f"    {kind}: {names}: {detail}")
    return lines


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (Playwright's sync API allows one at a time), with
    the scroll bars a desktop Chromium on Linux or Windows draws: Playwright hides them in
    headless mode (``--hide-scrollbars``), which gives every scrolling box 15 px more room than a
    user has and hides the bar a box that scrolls sideways shows."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            ignore_default_args=["--hide-scrollbars"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(browser, size: tuple[int, int]):
    """A page that reaches 127.0.0.1 only (as benchmarks/_voila.chromium_page's)."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.route("**/*", _only_local)
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture(scope="module")
def lab_page(browser):
    """Notebook 01 in JupyterLab after Run All (shared by the two Lab variants)."""
    with lab_server(NOTEBOOK) as url:
        page = new_page(browser, SIZES[-1])
        lab_run_all(page, url)
        yield page
        page.close()


@pytest.fixture(scope="module", params=HOSTS)
def host(request, browser):
    if request.param == "voila":
        with voila_server() as url:
            page = new_page(browser, SIZES[-1])
            wait_ready(page, url, timeout_ms=90_000)
            yield Host("voila", page, "#rendered_cells", "Voila page", whole_page=True)
            page.close()
        return
    page = request.getfixturevalue("lab_page")
    open_files = request.param == "lab"
    yield Host(request.param, page, ".jp-WindowedPanel-outer", "notebook panel",
               whole_page=False, file_browser=open_files)  # fmt: skip


# --------------------------------------------------------------------------- the test
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_layout(host, size):
    page = host.page
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    if host.file_browser is not None:
        set_file_browser(host)
    settle(host, "resizing")
    n_tabs = page.locator(".fwc-explorer .fwc-decision .lm-TabBar-tab").count()
    assert n_tabs == 4, f"{host.name}: {n_tabs} tabs in .fwc-decision, expected 4"
    state = f"{host.name}-{width}x{height}"
    heads, per_tab, bad, missing = [], [], 0, []
    for index in range(n_tabs):
        title = open_tab(host, index)
        page.evaluate("document.querySelector('.fwc-explorer').scrollIntoView({block: 'start'})")
        found = page.evaluate(MEASURE_JS, [host.scroller, list(PANELS), MIN_TRACK_PX])
        shot = OUTPUT / f"{state}-tab{index}.png"
        save_screenshot(host, shot)
        violations = found["violations"]
        missing += [v for v in violations if v["kind"] == "missing"]
        bad += len(violations)
        left, right, w, h = found["root"]
        heads.append(
            f"  tab {index} {title!r}: {len(violations)} violations (explorer {w}x{h} px at "
            f"x {left}-{right}, {host.area} x {found['area'][0]}-{found['area'][1]}; "
            f"{shot.relative_to(ROOT)})"
        )
        per_tab.append(format_state(violations))
    # what every tab shows is said once
    common = [line for line in per_tab[0] if all(line in other for other in per_tab[1:])]
    report = [f"{host.name} {width}x{height}: {bad} violations"]
    if common:
        report += ["  in every tab:", *common]
    for head, lines in zip(heads, per_tab, strict=True):
        report += [head, *(line for line in lines if line not in common)]
    text = "\n".join(report)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{state}.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    # A panel the test cannot find is the test's problem, not a layout one.
    assert not missing, f"the test's selectors no longer match the explorer: {missing}"
    if bad:
        raise LayoutError(
            "layout violations (x: px from the window's left edge; y: px from the explorer's "
            f"top):\n{text}"
        )


# --------------------------------------------------------------------------- the checks
KNOWN_PAGE = """<!doctype html><html><head><style>
body { margin: 0; font: 14px sans-serif; }
#rendered_cells { position: absolute; inset: 0; overflow: auto; }
.nowrap { overflow: hidden; white-space: nowrap; }
</style></head><body><div id="rendered_cells"><div class="fwc-explorer" style="width: 900px">
 <div style="display: flex; height: 100px">
  <div class="fwc-weights" style="width: 300px; flex: none">
   <div class="fwc-weight-a" style="display: flex">
    <div class="noUi-target" style="width: 100px; height: 4px"></div>
    <div class="widget-readout">5.0</div></div>
   <div class="fwc-share-a">5%</div>
   <div class="fwc-weight-b" style="display: flex">
    <div class="noUi-target" style="width: 150px; height: 4px"></div>
    <div class="widget-readout">5.0</div></div>
   <div class="fwc-share-b" style="position: relative; left: 1000px; width: 40px">5%</div>
  </div>
  <div class="fwc-chart-ranking" style="width: 200px; height: 80px; margin-left: -50px; flex: none">
  </div>
 </div>
 <div style="position: relative">
  <div class="fwc-decision" style="height: 120px">
   <div class="fwc-chart-contributions" style="width: 100px; height: 50px"></div></div>
  <div class="fwc-evidence" style="visibility: hidden; position: absolute; top: 0; width: 300px;
       height: 100px">hidden panel</div>
  <div class="fwc-chart-matrix" style="position: absolute; top: 0; width: 0; height: 0"></div>
  <div class="fwc-downloads" style="display: none"></div>
  <div class="fwc-saved-profiles" style="display: none">
   <div class="widget-label nowrap" style="width: 10px">A hidden long label</div></div>
 </div>
 <div class="fwc-export-box">
  <div class="widget-label nowrap" style="width: 50px; text-overflow: ellipsis">A rather long label</div>
  <div class="widget-label nowrap" style="width: 200px; text-overflow: ellipsis">Fits</div>
  <div class="widget-label nowrap" style="width: 0; height: 20px">Squeezed</div>
  <button class="fwc-export nowrap" style="width: 40px"><i></i>Export charts</button>
  <div style="height: 40px; width: 200px; overflow: auto"><p>A long paragraph that wraps
   inside a box that scrolls up and down, as the evidence panel does, which is fine.</p></div>
  <div style="width: 100px; overflow: auto"><div style="width: 300px">wide, in a scroller</div></div>
  <select style="width: 80px"><option>A much too long option label</option></select>
  <select style="width: 200px"><option>Short</option></select>
  <select multiple style="width: 60px"><option>Long option in a list</option><option>ok</option>
  </select>
  <div class="jupyter-matplotlib"><div style="width: 150px; overflow: hidden">
   <canvas width="300" height="20"></canvas></div></div>
 </div>
</div></div></body></html>"""

KNOWN_VIOLATIONS = [
    ("overlap", ".fwc-weights and .fwc-chart-ranking"),
    ("slider", ".fwc-weight-a track"),
    ("slider", "share label of .fwc-weight-b"),
    ("clipped text", "dropdown 'A much too long option label' in .fwc-export-box"),
    ("clipped text", "list box in .fwc-export-box"),
    ("clipped text", "label 'A rather long label' in .fwc-export-box"),
    ("clipped text", "label 'Squeezed' in .fwc-export-box"),
    ("clipped text", ".fwc-export 'Export charts'"),
    ("sideways", "#rendered_cells"),
    ("sideways", "div in .fwc-export-box"),
    ("sideways", "div in .fwc-export-box"),
    ("cut off", ".fwc-share-b"),
    ("cut off", "chart canvas in .fwc-export-box"),
]


def test_checks_on_a_known_page(browser):
    """The measurement itself on a hand-made page: it reports what is wrong there and nothing
    else: not hidden, zero-size or nested panels, text that fits or wraps in a box that scrolls
    up and down, a dropdown that fits."""
    page = new_page(browser, (1000, 700))
    try:
        page.set_content(KNOWN_PAGE)
        found = page.evaluate(MEASURE_JS, ["#rendered_cells", list(PANELS), MIN_TRACK_PX])
    finally:
        page.close()
    got = sorted((v["kind"], v["what"]) for v in found["violations"])
    said = "\n".join(f"{v['kind']}: {v['what']}: {v['detail']}" for v in found["violations"])
    assert got == sorted(KNOWN_VIOLATIONS), said
    details = {(v["kind"], v["what"]): v["detail"] for v in found["violations"]}
    assert details["slider", ".fwc-weight-a track"] == "100 px wide (< 120)"
    assert details["overlap", ".fwc-weights and .fwc-chart-ranking"].startswith("50x80 px")
