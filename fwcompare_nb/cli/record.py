"""The ``record`` subcommand: the decision as an Architecture Decision Record (MADR).

``python -m fwcompare_nb record [data and weights as for recommend] [-o docs/decisions/]
[--status proposed|accepted|...] [--samples N] [--seed S]`` writes the next numbered record
(``NNNN-<slug>.md``) into the folder with :func:`~fwcompare_nb.reporting.record.write_record`
and prints ``wrote <path>``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..reporting.record import write_record
from .common import Loader, WeightsOf

#: Where records go unless ``-o`` says otherwise (relative to the current folder).
DEFAULT_FOLDER = "docs/decisions"


def add_parser(sub, add_data_args: Callable, add_weight_args: Callable) -> None:
    """Register ``record`` on the CLI's subparsers.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The CLI's subparsers.
    add_data_args, add_weight_args : callable
        The CLI's helpers adding the data (``--data``, ``--score``, ``--require``, ...) and
        weight (``--profile``, ``--weights``, ``--method``, ...) options.
    """
    rec = sub.add_parser(
        "record",
        help="write the decision as a numbered Markdown decision record (MADR)",
        description="Write the recommendation as an Architecture Decision Record in the MADR "
        "format: context, decision drivers (the weights), considered options, the outcome with "
        "its confidence and what would change it, and each option's pros and cons with their "
        "evidence. The file is numbered after the records already in the folder and never "
        "overwrites one.",
    )
    add_data_args(rec)
    add_weight_args(rec)
    rec.add_argument(
        "-o", "--output", default=DEFAULT_FOLDER, metavar="DIR",
        help="the folder of decision records, created if missing (default %(default)s/)",
    )  # fmt: skip
    rec.add_argument(
        "--status", default="proposed",
        help="the record's status: proposed (default), accepted, rejected, deprecated, "
        "superseded by NNNN, ...",
    )  # fmt: skip
    rec.add_argument(
        "--samples", type=int, default=None,
        help="SMAA samples for the confidence (default 20,000; fewer beyond 50,000 score "
        "ranges)",
    )  # fmt: skip
    rec.add_argument("--seed", type=int, default=0, help="SMAA seed (%(default)s)")


def run(args: argparse.Namespace, load: Loader, weights_of: WeightsOf) -> str:
    """Run ``record``: write the next decision record into the folder.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.
    load : callable
        Reads the comparison from ``args`` (own scores and must-haves applied).
    weights_of : callable
        Reads the weights from ``args``.

    Returns
    -------
    str
        ``"wrote <path>"``.

    Raises
    ------
    DataError
        Bad data, weights, method, samples, seed or status, or a folder that cannot hold
        records.
    """
    comp = load(args)
    path = write_record(
        comp, args.output, weights_of(args), args.method,
        profile=args.profile, status=args.status, samples=args.samples, seed=args.seed,
    )  # fmt: skip
    return f"wrote {path}"
