"""What the explorer shows, kept apart from the widgets that show it.

One :class:`ExplorerState` per explorer: the weights in effect, the method, the preset, the
recommendation they give and the messages on the page. The explorer's controller writes it;
panels (the analysis tabs) observe it with traitlets and are handed it with the comparison and
the callbacks they may use, never the explorer itself (the way solara's examples keep state
apart from components).
"""

from __future__ import annotations

import pandas as pd
import traitlets

from ..core.scoring import Recommendation

#: The preset menu's value for weights that are no preset.
CUSTOM = "custom"


class ExplorerState(traitlets.HasTraits):
    """The explorer's state; observe a trait to follow it (``state.observe(f, "recommendation")``).

    Attributes
    ----------
    weights : Series
        The weights in effect, normalised, by criterion id (exact: not rounded to the sliders).
    method : str
        The scoring method's key.
    preset : str
        The preset shown, or ``"custom"``.
    recommendation : Recommendation
        What the weights and method give: the one result the headline, charts and tabs show.
    messages : dict
        What the page says is wrong, by the part of the page it is about (escaped HTML text).
    """

    weights = traitlets.Instance(pd.Series, allow_none=True)
    method = traitlets.Unicode("wsm")
    preset = traitlets.Unicode(CUSTOM)
    recommendation = traitlets.Instance(Recommendation, allow_none=True)
    messages = traitlets.Dict()
