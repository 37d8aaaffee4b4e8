"""fwcompare: a technology comparison as a live, evidence-backed decision.

The core (loading, validation, scoring, and the decision analyses: AHP weights, weight
stability, rank acceptability, group weights) needs only NumPy and pandas; plotting lives in
:mod:`fwcompare_nb.plots` and :mod:`fwcompare_nb.decision_plots`.
"""

from .ahp import AhpResult, ahp_weights, read_pairwise
from .errors import DataError
from .group import GroupResult, group_decision
from .loading import load_comparison, read_csv
from .methods import METHODS
from .model import Comparison
from .profile_store import ProfileStore
from .scoring import Recommendation, contributions, rank, recommend, resolve_weights
from .sensitivity import SensitivityResult, change_sentence, sensitivity
from .smaa import SmaaResult, rank_acceptability
from .summaries import claims_for, fragility_table, profile_table, verdict_table

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
    "Explorer",
    "ProfileStore",
    "Recommendation",
    "claims_for",
    "contributions",
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
__version__ = "0.1.0"


def __getattr__(name: str):
    # The explorer needs ipywidgets and ipympl; load them only when asked, so that the core
    # (and the CLI) import nothing but NumPy and pandas.
    if name in ("explorer", "Explorer"):
        from . import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'fwcompare_nb' has no attribute {name!r}")
