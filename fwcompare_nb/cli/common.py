"""What the subcommand modules share: how they get the data and weights, and output naming."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..core.comparison import Comparison, Weights
from ..io.names import file_stem

#: Reads the comparison from the parsed command line (own scores and must-haves applied).
Loader = Callable[[argparse.Namespace], Comparison]
#: Reads the weights from the parsed command line (a preset name, weights by id, or None).
WeightsOf = Callable[[argparse.Namespace], Weights]


def output_path(args: argparse.Namespace, comparison: Comparison, suffix: str) -> Path:
    """Where ``-o`` asks a file to go: the path given, or a name inside an existing folder.

    In a folder the file is named from the comparison and the preset (``custom`` for weights
    given, ``default`` for none) by :func:`~fwcompare_nb.io.names.file_stem`, as the explorer's
    export names it, so data text can never lead it out of the folder. A symbolic link to a
    folder is left for the writer to refuse.

    Parameters
    ----------
    args : argparse.Namespace
        With ``output``, ``profile``, ``weights`` and ``weights_file``.
    comparison : Comparison
        Whose name the file takes.
    suffix : str
        What follows the stem, e.g. ``"report.html"`` or ``"page.html"``.

    Returns
    -------
    Path
    """
    output = Path(args.output)
    if output.is_dir() and not output.is_symlink():
        which = args.profile or ("custom" if args.weights or args.weights_file else "default")
        output = output / f"{file_stem(comparison.name, which)}-{suffix}"
    return output
