"""`make slides` in Chromium: the reveal.js deck opens from file:// with nothing but itself (no
request to any other URL, no console error), one slide at a time, code hidden, and the explorer's
slide shows its headline and charts as images, with prose that speaks of no slider.

Screenshots of the title and the explorer's slide go to ``test-output/slides/``.
"""

from __future__ import annotations

import subprocess
import time

import pytest

import fwcompare_nb as fw
from tests.conftest import ROOT

from ._browser import require_browser

pytestmark = pytest.mark.browser

OUTPUT = ROOT / "test-output" / "slides"
PROFILE = "large-project"
EXPLORER = "The explorer: your weights, your answer"
CODE = ("import fwcompare_nb", "explorer_snapshot", "fw.recommend(", "plots.plot_")
BUILD_TIMEOUT = 300  # seconds; the build takes about 10 s

# Per slide: its heading, whether it is the one shown, whether any of it can be seen (another
# slide may be on the page but hidden: visibility, display, opacity or off screen), whether its
# content fits (no overflow at the bottom, no table or image past its right edge), its images and
# its text.
SLIDES_JS = """() => Array.from(document.querySelectorAll('.reveal .slides > section')).map(s => {
  const style = getComputedStyle(s), box = s.getBoundingClientRect();
  const seen = style.display !== 'none' && style.visibility !== 'hidden'
    && Number(style.opacity) > 0 && box.width > 0 && box.height > 0
    && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
  const heading = s.querySelector('h1, h2');
  return {
    heading: heading ? heading.textContent.replace(/¶$/, '').trim() : '',
    present: s.classList.contains('present'), seen: seen,
    fits: s.scrollHeight <= s.clientHeight + 1 && Array.from(s.querySelectorAll('table, img'))
      .every(e => e.getBoundingClientRect().right <= box.right + 1),
    height: [s.scrollHeight, s.clientHeight],
    images: Array.from(s.querySelectorAll('img')).map(i => [i.alt, i.naturalWidth, i.width]),
    text: s.innerText,
  };
})"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    """The slides as `make slides` writes them (into a temporary REPORTS folder)."""
    out = tmp_path_factory.mktemp("slides")
    start = time.monotonic()
    run = subprocess.run(
        ["make", "--no-print-directory", "slides", f"REPORTS={out}", f"PROFILE={PROFILE}"],
        cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    path = out / "01-slides.slides.html"
    print(f"make slides: {time.monotonic() - start:.1f} s, {path.stat().st_size / 1e6:.1f} MB")
    return path


def test_the_file_loads_nothing_from_anywhere(deck):
    text = deck.read_text(encoding="utf-8")
    assert "<script src=" not in text and '<link rel="stylesheet" href=' not in text
    assert "unpkg.com" not in text and "cdnjs" not in text and "fonts.googleapis" not in text


def test_slides_open_offline_one_at_a_time_with_the_explorer_as_images(deck, comparison):
    require_browser()
    from benchmarks._voila import chromium_page

    OUTPUT.mkdir(parents=True, exist_ok=True)
    url = deck.as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with chromium_page(viewport=(1280, 720)) as page:
        # Every request but the file itself (and its data: images) is a failure, whether or not
        # the route lets it through: other files beside it, a CDN, a font.
        page.on("request", lambda r: r.url.startswith("data:") or requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.Reveal !== undefined && Reveal.isReady()")

        slides = page.evaluate(SLIDES_JS)
        assert len(slides) >= 8, [s["heading"] for s in slides]  # one per section at least
        assert page.evaluate("Reveal.getTotalSlides()") == len(slides)
        assert [s["seen"] for s in slides] == [True] + [False] * (len(slides) - 1)
        page.screenshot(path=str(OUTPUT / "slide-title.png"))

        # Code hidden: no input area, no line of the notebook's code on any slide.
        assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor").count() == 0
        body = page.text_content(".reveal .slides")  # every slide's, seen or not
        assert not [c for c in CODE if c in body]

        # Every slide in turn: one seen at a time (once the fade is over), its content within it.
        explorer = None
        for index in range(len(slides)):
            page.evaluate(f"Reveal.slide({index})")
            page.wait_for_function(
                f"() => {{ const all = ({SLIDES_JS})(); "
                f"return all[{index}].seen && all.filter(s => s.seen).length === 1; }}"
            )
            now = page.evaluate(SLIDES_JS)
            assert now[index]["seen"] and now[index]["present"], index
            assert now[index]["fits"], (now[index]["heading"], now[index]["height"])
            if now[index]["heading"] == EXPLORER:
                page.screenshot(path=str(OUTPUT / "slide-explorer.png"))
                explorer = now[index]

        # The explorer's slide: the headline and the two charts, drawn (natural width > 0).
        assert explorer is not None, [s["heading"] for s in slides]
        expected = fw.recommend(comparison, PROFILE).headline()
        assert expected in explorer["text"]
        alts = [alt for alt, natural, shown in explorer["images"] if natural > 0 and shown > 200]
        assert [a.split(" chart")[0] for a in alts] == ["Ranking", "Contributions"], alts
        assert "slider" not in explorer["text"].lower()
        assert page.locator(".widget-area, .jupyter-widgets").count() == 0

    assert requests == [url], requests
    assert errors == []
