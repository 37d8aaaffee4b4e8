"""Matplotlib charts: of a comparison and its recommendation, of how firm it is, of evidence.

``plot_*`` functions draw once on ``ax`` (or a new figure) and return the Axes; the ``*Chart``
classes keep their artists and ``update`` them in place, which is what the explorer does.
Alternatives keep one colour everywhere (:func:`alternative_colors`).
"""

from .comparison import (
    ContributionsChart,
    MatrixChart,
    RankingChart,
    plot_contributions,
    plot_matrix,
    plot_ranking,
)
from .evidence import plot_measure
from .robustness import (
    AcceptabilityChart,
    TornadoChart,
    plot_acceptability,
    plot_disagreement,
    plot_tornado,
)
from .style import OKABE_ITO, alternative_colors

__all__ = [
    "OKABE_ITO",
    "AcceptabilityChart",
    "ContributionsChart",
    "MatrixChart",
    "RankingChart",
    "TornadoChart",
    "alternative_colors",
    "plot_acceptability",
    "plot_contributions",
    "plot_disagreement",
    "plot_matrix",
    "plot_measure",
    "plot_ranking",
    "plot_tornado",
]
