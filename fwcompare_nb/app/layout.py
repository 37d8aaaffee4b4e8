"""How the explorer's rows are laid out: they wrap rather than overflow."""

from __future__ import annotations

import ipywidgets as widgets


def wrapping(align: str = "flex-start") -> widgets.Layout:
    """Lay out a row whose items move to the next line when the page is too narrow for them.

    Parameters
    ----------
    align : str
        How the items line up across the row (CSS ``align-items``).

    Returns
    -------
    ipywidgets.Layout
        A new layout (a widget's layout is its own).
    """
    return widgets.Layout(flex_flow="row wrap", align_items=align, max_width="100%")


def css_token(text: str) -> str:
    """Make an id usable inside a CSS class name: ``[A-Za-z0-9_-]`` stay, others become ``_XX``.

    A criterion id such as ``"sp ace"`` would otherwise add two classes (``fwc-weight-sp`` and
    ``ace``) and ``"a.b"`` could not be selected. Ordinary ids are unchanged, so
    ``fwc-weight-learning_curve`` is still what tests and scripts select.

    Parameters
    ----------
    text : str
        The id.

    Returns
    -------
    str
        The token; each other character as ``_`` and its code point in hex (``" "`` -> ``_20``).

    Examples
    --------
    >>> css_token("learning_curve"), css_token("sp ace"), css_token("a.b/c")
    ('learning_curve', 'sp_20ace', 'a_2eb_2fc')
    """
    return "".join(
        c if c.isascii() and (c.isalnum() or c in "_-") else f"_{ord(c):x}" for c in text
    )


def close_tree(widget: widgets.Widget) -> None:
    """Close a widget and every widget it holds (children, layout, style, toolbar...).

    The kernel keeps a widget until it is closed; a replaced explorer would otherwise stay in
    memory with all its sliders and canvases.
    """
    seen: set[int] = set()
    todo = [widget]
    while todo:
        w = todo.pop()
        if id(w) in seen:
            continue
        seen.add(id(w))
        for name in w.keys:
            value = getattr(w, name, None)
            items = value if isinstance(value, (tuple, list)) else (value,)
            todo.extend(v for v in items if isinstance(v, widgets.Widget))
        w.close()
