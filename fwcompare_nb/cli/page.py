"""``python -m fwcompare_nb page``: write the live decision page (one offline HTML file).

The page (:func:`fwcompare_nb.reporting.page.live_page`) recomputes the WSM ranking in the
browser as its preset menu and sliders move: no Python, no network.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .common import Loader, WeightsOf, output_path


def add_parser(sub, add_data_args: Callable, add_weight_args: Callable) -> None:
    """Register the ``page`` subcommand on the CLI's subparsers.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The CLI's subparsers.
    add_data_args, add_weight_args : callable
        Add the data options (``--data``, ``--score``, ``--require``, ...) and the weight options
        (``--profile``, ``--weights``, ``--weights-file``, ``--method``) to a parser.
    """
    page = sub.add_parser(
        "page",
        help="write a live decision page: one offline HTML file with sliders (WSM)",
        description="One HTML file that works offline in any modern browser: a preset menu and "
        "one slider per criterion recompute the WSM ranking, the contributions and the "
        "recommendation in the browser; the evidence of each criterion is listed. The page "
        "computes WSM only.",
    )
    add_data_args(page)
    add_weight_args(page)
    page.add_argument(
        "-o", "--output", required=True, metavar="FILE",
        help="decision.html; an existing folder names the file after the comparison and preset",
    )  # fmt: skip


def run(args: argparse.Namespace, load: Loader, weights_of: WeightsOf) -> str:
    """Run ``page``: write the live page and say where.

    Parameters
    ----------
    args : argparse.Namespace
        The parsed command line.
    load : callable
        Reads the comparison from ``args`` (own scores and must-haves applied).
    weights_of : callable
        Reads the weights from ``args`` (a preset name, weights by id, or None).

    Returns
    -------
    str
        ``"wrote <path>"``.

    Raises
    ------
    DataError
        Bad data, weights or output path (one line on stderr, exit status 2).
    """
    from ..reporting.page import write_page  # altair and vl-convert: only when asked

    comp = load(args)
    output = output_path(args, comp, "page.html")
    path = write_page(comp, output, weights_of(args), args.method, profile=args.profile)  # type: ignore[arg-type]
    return f"wrote {path}"
