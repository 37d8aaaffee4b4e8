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
