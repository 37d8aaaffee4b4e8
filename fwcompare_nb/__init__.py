"""fwcompare: a technology comparison as a live, evidence-backed decision.

Scoring (:mod:`fwcompare_nb.core`), files (:mod:`fwcompare_nb.io`) and the analyses (AHP
weights, weight stability, rank acceptability, group weights: :mod:`fwcompare_nb.analysis`) need
only NumPy and pandas; charts live in :mod:`fwcompare_nb.plots`, the explorer in
:mod:`fwcompare_nb.app` (see the README, "How the code is laid out").
"""

from . import config
from .analysis.ahp import AhpResult, ahp_weights
from .analysis.group import GroupResult, group_decision
from .analysis.sensitivity import SensitivityResult, change_sentence, sensitivity
from .analysis.smaa import SmaaResult, rank_acceptability
from .analysis.summaries import claims_for, fragility_table, profile_table, verdict_table
from .core.comparison import Comparison
from .core.errors import DataError
from .core.methods import METHODS
from .core.scoring import Recommendation, contributions, rank, recommend, resolve_weights
from .io.loading import load_comparison, read_csv
from .io.pairwise import read_pairwise
from .io.profiles import ProfileStore

__all__ = [
    "METHODS",
    "AhpResult",
    "GroupResult",
    "SensitivityResult",
    "SmaaResult",
    "ahp_weights",
    "change_sentence",
    "group_decision",
    "rank_acceptability",
    "read_pairwise",
    "sensitivity",
    "Comparison",
    "DataError",
    "Dashboard",
    "Explorer",
    "ProfileStore",
    "Recommendation",
    "claims_for",
    "contributions",
    "dashboard_app",
    "explorer",
    "fragility_table",
    "load_comparison",
    "profile_table",
    "rank",
    "read_csv",
    "recommend",
    "resolve_weights",
    "verdict_table",
]
__version__ = config.VERSION


def __getattr__(name: str):
    # The explorer needs ipywidgets and ipympl; load them only when asked, so that the core
    # (and the CLI) import nothing but NumPy and pandas.
    if name in ("explorer", "Explorer"):
        from .app import explorer as widgets

        return getattr(widgets, name)
    if name in ("dashboard_app", "Dashboard"):
        from .app import dashboard

        return getattr(dashboard, name)
    raise AttributeError(f"module 'fwcompare_nb' has no attribute {name!r}")
