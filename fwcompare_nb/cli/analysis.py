"""Command-line subcommands for the analyses: ``ahp``, ``sensitivity``, ``robustness``, ``group``.

Each ``run_*`` function returns the text to print; bad input raises :class:`DataError`, which
:mod:`.cli` turns into one line on stderr and exit status 2. ``--format json`` prints exactly the
documented JSON (the result's ``to_dict()``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..analysis.ahp import ahp_weights, inconsistency_message
from ..analysis.group import AGGREGATIONS, group_decision
from ..analysis.sensitivity import change_sentence, sensitivity
from ..analysis.smaa import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    WEIGHT_SAMPLING,
    rank_acceptability,
)
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.methods import METHODS, get_method
from ..core.text import percent
from ..io.pairwise import read_pairwise
from ..io.profiles import ProfileStore, read_profile, stakeholders_from_profiles
from .common import Loader, WeightsOf

#: ``robustness`` shows at most this many alternatives and ranks in its table by default.
TOP_ROWS = 10


def add_parsers(sub, add_data_args: Callable, add_weight_args: Callable) -> None:
    """Register the four subcommands on the CLI's subparsers."""
    ahp = sub.add_parser(
        "ahp",
        help="criterion weights from pairwise judgements (AHP)",
        description="Principal-eigenvector weights and Saaty's consistency ratio from a square "
        "CSV of pairwise judgements (numbers or fractions such as 1/3; full matrix or upper "
        "triangle).",
    )
    ahp.add_argument("pairwise", metavar="PAIRWISE.csv")
    ahp.add_argument("--format", choices=("table", "json"), default="table")

    sens = sub.add_parser(
        "sensitivity",
        help="what would change the answer: each weight's stability interval",
        description="For each criterion, the interval of its weight (others rescaled in "
        "proportion) over which the current winner stays first, and who wins outside it.",
    )
    add_data_args(sens)
    add_weight_args(sens)
    sens.add_argument("--format", choices=("table", "json"), default="table")

    rob = sub.add_parser(
        "robustness",
        help="rank acceptability under uncertain weights and scores (SMAA-2)",
        description="Monte Carlo rank acceptability: how often each alternative takes each "
        "rank when weights (and scores within their evidence ranges) are drawn at random.",
    )
    add_data_args(rob)
    add_weight_args(rob)
    rob.add_argument(
        "--samples", type=int, default=None,
        help=f"default {DEFAULT_SAMPLES:,}; fewer beyond 50,000 score ranges",
    )  # fmt: skip
    rob.add_argument("--seed", type=int, default=0, help="default %(default)s")
    rob.add_argument(
        "--weight-sampling", choices=WEIGHT_SAMPLING, default=None,
        help="around the given weights (Dirichlet) or uniform over all weightings; default: "
        "around with --profile or --weights, as in the explorer and the report, else uniform",
    )  # fmt: skip
    rob.add_argument(
        "--concentration", type=float, default=DEFAULT_CONCENTRATION,
        help="for 'around': higher = closer to the weights (default %(default)s)",
    )  # fmt: skip
    rob.add_argument(
        "--top", type=int, default=TOP_ROWS, metavar="N",
        help="table: the N alternatives most often first, and ranks 1 to N "
        "(default %(default)s; 0 shows all; --format json always has all)",
    )  # fmt: skip
    rob.add_argument(
        "--no-score-ranges", action="store_true",
        help="keep scores fixed instead of drawing them within their ranges",
    )  # fmt: skip
    rob.add_argument("--format", choices=("table", "json"), default="table")

    grp = sub.add_parser(
        "group",
        help="combine stakeholders' weights and show where they disagree",
        description="Each STAKEHOLDER is a saved profile name (see --store), a profile JSON "
        "file, or preset:NAME for one of the comparison's presets.",
    )
    add_data_args(grp)
    grp.add_argument("stakeholders", nargs="+", metavar="STAKEHOLDER")
    grp.add_argument("--store", metavar="DIR", help="saved profiles folder (default: the app's)")
    grp.add_argument(
        "--how", choices=AGGREGATIONS, default="geometric",
        help="how to combine the weights (default %(default)s)",
    )  # fmt: skip
    grp.add_argument("--method", choices=METHODS, default="wsm")
    grp.add_argument("--format", choices=("table", "json"), default="table")


def _json(payload: dict) -> str:
    return json.dumps(payload, indent=2, allow_nan=False)


def run_ahp(args: argparse.Namespace) -> str:
    """Run ``ahp``: AHP weights and consistency from a pairwise CSV file.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: ``pairwise`` (the file) and ``format``.

    Returns
    -------
    str
        The weights, largest first, and the consistency ratio, with the judgements to revise
        when it is above 0.1; or, for ``--format json``, the result's ``to_dict()``.

    Raises
    ------
    DataError
        The file or its matrix is bad (see :func:`~fwcompare_nb.io.pairwise.read_pairwise`
        and :func:`~fwcompare_nb.analysis.ahp.ahp_weights`).
    """
    result = ahp_weights(read_pairwise(args.pairwise), source=str(args.pairwise))
    if args.format == "json":
        return _json(result.to_dict())
    table = result.weights.sort_values(ascending=False).to_frame("weight")
    lines = [
        f"AHP weights from {args.pairwise}",
        table.to_string(formatters={"weight": "{:.4f}".format}),
        f"consistency ratio {result.consistency_ratio:.4f} "
        f"({'consistent' if result.consistent else 'NOT consistent'}: the limit is 0.1)",
    ]
    if not result.consistent:
        lines.append(inconsistency_message(result))
    return "\n".join(lines)


def run_sensitivity(args: argparse.Namespace, load: Loader, weights_of: WeightsOf) -> str:
    """Run ``sensitivity``: each criterion's weight interval over which the winner stays first.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: data, weights, ``method`` and ``format``.
    load : callable
        Reads the comparison the arguments name.
    weights_of : callable
        The weights the arguments give (a preset name, weights by id, or None).

    Returns
    -------
    str
        A table of the intervals, most fragile first, and the sentences on what would change
        the answer; or, for ``--format json``, the result's ``to_dict()``.

    Raises
    ------
    DataError
        Bad data, weights or method.
    """
    comp = load(args)
    result = sensitivity(comp, weights_of(args), args.method)
    if args.format == "json":
        return _json(result.to_dict())
    frame = result.intervals.sort_values("change_needed")
    shown = pd.DataFrame(
        {
            "criterion": frame["name"],
            "weight": frame["weight"].map(percent),
            "winner stays first for": [
                f"{percent(a)} .. {percent(b)}"
                for a, b in zip(frame["stable_from"], frame["stable_to"], strict=True)
            ],
            "below": frame["flips_below"].fillna("-"),
            "above": frame["flips_above"].fillna("-"),
        }
    )
    head = f"{comp.name}: {get_method(result.method).short}, {result.winner} first"
    return "\n".join([head, shown.to_string(index=False), *change_sentence(result, top=3)])


def run_robustness(args: argparse.Namespace, load: Loader, weights_of: WeightsOf) -> str:
    """Run ``robustness``: SMAA-2 rank acceptability and confidence factors.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: data, weights, ``method``, ``samples``, ``seed``,
        ``weight_sampling``, ``concentration``, ``no_score_ranges`` and ``format``.
    load : callable
        Reads the comparison the arguments name.
    weights_of : callable
        The weights the arguments give (a preset name, weights by id, or None).

    Returns
    -------
    str
        A line on the settings, the share of samples giving each alternative each rank with
        its confidence factor, and a one-sentence summary; or, for ``--format json``, the
        result's ``to_dict()``.

    Raises
    ------
    DataError
        Bad data, weights, method or sampling settings (as
        :func:`~fwcompare_nb.analysis.smaa.rank_acceptability` refuses them).
    """
    if args.top < 0:
        raise DataError("--top must be 0 (all) or more", value=args.top, fix="e.g. --top 20")
    comp = load(args)
    result = rank_acceptability(
        comp, weights_of(args), args.method, samples=args.samples, seed=args.seed,
        weight_sampling=args.weight_sampling, concentration=args.concentration,
        score_ranges=not args.no_score_ranges,
        # A table shows the --top alternatives most often first: only theirs are computed.
        confidence_for=args.top or None if args.format == "table" else None,
    )  # fmt: skip
    if args.format == "json":
        return _json(result.to_dict())
    acc = result.acceptability.rename(columns=lambda r: f"rank {r}")
    acc["confidence"] = result.confidence
    head = f"{comp.name}, {get_method(result.method).short}: {result.settings_sentence()}"
    m = len(acc)
    cut = ""
    if args.top and m > args.top:
        # 2,000 alternatives make a 2,000 x 2,000 table (tens of MB on a terminal): show the
        # alternatives most often first and the first ranks, and say what was left out.
        first = result.acceptability.iloc[:, 0]  # ties: the earlier row, as confidence_for
        keep = first.sort_values(ascending=False, kind="stable").index[: args.top]
        acc = acc.loc[keep, [*acc.columns[: args.top], "confidence"]]
        cut = (
            f"\n(the {args.top} of {m:,} alternatives most often first, ranks 1 to {args.top}; "
            "--top 0 shows all, --format json gives everything)"
        )
    body = acc.to_string(float_format=lambda v: f"{v:.3f}", na_rep="-")
    return f"{head}\n{body}{cut}\n{result.sentence()}"


def _stakeholders(comp: Comparison, names: list[str], store_dir: str | None) -> dict:
    store = ProfileStore(store_dir) if store_dir else ProfileStore()
    out: dict[str, object] = {}
    seen: set[tuple[str, str]] = set()  # (kind, name): the identity of a stakeholder
    for item in names:
        if item.startswith("preset:"):
            kind, key = "preset", item.removeprefix("preset:")
            value: object = key
        else:
            saved = read_profile(item) if item.endswith(".json") and Path(item).is_file() else None
            saved = saved or store.load(item)
            kind, key = "saved", saved.name
            value = stakeholders_from_profiles([saved], comp)[saved.name]
        if (kind, key) in seen:
            raise DataError("stakeholder given twice", value=key, fix="name each one once")
        seen.add((kind, key))
        # A saved profile named like a preset is another stakeholder: both are kept, told apart.
        out[key if key not in out else f"{key} ({kind})"] = value
    return out


def run_group(args: argparse.Namespace, load: Loader) -> str:
    """Run ``group``: combine the stakeholders' weights and show where they disagree.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line: data, ``stakeholders`` (saved profile names, profile JSON
        files or ``preset:NAME``), ``store``, ``how``, ``method`` and ``format``.
    load : callable
        Reads the comparison the arguments name.

    Returns
    -------
    str
        Each stakeholder's and the group's recommendation, the criteria they disagree on most
        and a one-sentence summary; or, for ``--format json``, the result's ``to_dict()``.

    Raises
    ------
    DataError
        Bad data, an unknown or unreadable profile, a stakeholder given twice, or what
        :func:`~fwcompare_nb.analysis.group.group_decision` refuses.
    """
    comp = load(args)
    result = group_decision(comp, _stakeholders(comp, args.stakeholders, args.store),
                            method=args.method, how=args.how)  # fmt: skip
    if args.format == "json":
        return _json(result.to_dict())
    rec = result.recommendations.copy()
    dis = result.disagreement.head(8)
    shown = pd.DataFrame(
        {
            "criterion": dis["name"],
            "group": dis["group"].map(percent),
            "lowest": [
                f"{percent(v)} ({p})" for v, p in zip(dis["min"], dis["lowest"], strict=True)
            ],
            "highest": [
                f"{percent(v)} ({p})" for v, p in zip(dis["max"], dis["highest"], strict=True)
            ],
        }
    )
    return "\n".join(
        [
            f"{comp.name}: {len(result.stakeholder_weights)} stakeholders, {result.how} mean, "
            f"{get_method(result.method).short}",
            rec.to_string(float_format=lambda v: f"{v:.3f}"),
            "",
            "Where they disagree most:",
            shown.to_string(index=False),
            result.sentence(),
        ]
    )
