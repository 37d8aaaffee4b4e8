"""Command line: rank, check and analyse a comparison with ``python -m fwcompare_nb``.

Commands: ``recommend | profiles | validate | ahp | sensitivity | robustness | group | report |
charts | record | page | dashboard``.

Bad input exits with status 2 and one line on stderr naming the file and the fix;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import pandas as pd

from ..analysis.summaries import profile_table
from ..core.comparison import Comparison
from ..core.errors import DataError
from ..core.judgement import parse_score
from ..core.methods import METHODS, get_method
from ..core.scoring import ranking_csv, recommend, resolve_weights
from ..core.text import visible
from ..io.checking import check_paths
from ..io.loading import load_comparison, read_csv
from ..io.profiles import judged, read_profile, weights_for
from . import analysis, dashboard, page, record
from .common import output_path

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _add_data_args(p: argparse.ArgumentParser) -> None:
    src = p.add_argument_group("data (default: the bundled django-vs-flask comparison)")
    src.add_argument("--data", metavar="DIR", help="a comparison folder (see data/README.md)")
    src.add_argument("--matrix", metavar="SCORES.csv", help="plain-CSV scores (needs --criteria)")
    src.add_argument("--criteria", metavar="CRITERIA.csv", help="plain-CSV criteria")
    own = p.add_argument_group("your own judgement")
    own.add_argument(
        "--score", action="append", default=[], metavar="ALTERNATIVE:CRITERION=VALUE",
        help="your own score for one cell, on the criterion's scale (repeatable)",
    )  # fmt: skip
    own.add_argument(
        "--require", action="append", default=[], metavar="CRITERION>=VALUE",
        help="a must-have: a minimum (>=) for a benefit or a maximum (<=) for a cost; "
        "alternatives that miss it are ruled out before weighting (repeatable)",
    )  # fmt: skip


def _add_weight_args(p: argparse.ArgumentParser) -> None:
    w = p.add_mutually_exclusive_group()
    w.add_argument("--profile", metavar="NAME", help="a preset of the comparison (see 'profiles')")
    w.add_argument("--weights", metavar="ID=W,...", help="weights by criterion id; others get 0")
    w.add_argument(
        "--weights-file",
        metavar="PROFILE.json",
        help="weights from a saved profile (the explorer's, or the dashboard's download); "
        "its method is not applied: give --method",
    )
    p.add_argument("--method", choices=METHODS, default="wsm", help="scoring method (default wsm)")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of every subcommand.

    Returns
    -------
    argparse.ArgumentParser
        Its usage errors exit with status 2 and one line on stderr.
    """
    parser = _Parser(prog="python -m fwcompare_nb", description=__doc__.splitlines()[0])
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    rec = sub.add_parser(
        "recommend", help="rank the alternatives", description="Rank the alternatives."
    )
    _add_data_args(rec)
    _add_weight_args(rec)
    rec.add_argument("--format", choices=("table", "json", "csv"), default="table")

    prof = sub.add_parser(
        "profiles", help="list the weight presets", description="List the presets."
    )
    _add_data_args(prof)
    prof.add_argument("--format", choices=("table", "json"), default="table")

    val = sub.add_parser("validate", help="check data files and report every problem")
    val.add_argument("paths", nargs="+", metavar="PATH", help="comparison folders or their files")
    analysis.add_parsers(sub, _add_data_args, _add_weight_args)

    rep = sub.add_parser(
        "report",
        help="write one self-contained HTML (or PDF) report",
        description="Recommendation, ranking, weights, charts, what would change the answer, "
        "robustness, evidence and claims in one offline HTML file (PDF through Chromium).",
    )
    _add_data_args(rep)
    _add_weight_args(rep)
    rep.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="report.html or .pdf; an existing folder names the file after the comparison "
        "and preset, as the explorer's export does",
    )
    rep.add_argument("--format", choices=("html", "pdf"), help="default: from the file name")
    rep.add_argument(
        "--samples", type=int, default=None,
        help="SMAA samples (default 20,000; fewer beyond 50,000 score ranges)",
    )  # fmt: skip
    rep.add_argument("--seed", type=int, default=0, help="SMAA seed (%(default)s)")

    charts = sub.add_parser(
        "charts",
        help="write every chart as PNG or SVG",
        description="Ranking, contributions, matrix, sensitivity and robustness charts for the "
        "given weights, one file each in the output folder.",
    )
    _add_data_args(charts)
    _add_weight_args(charts)
    charts.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    charts.add_argument("--format", choices=("png", "svg"), default="png")
    record.add_parser(sub, _add_data_args, _add_weight_args)
    page.add_parser(sub, _add_data_args, _add_weight_args)
    dashboard.add_parser(sub)
    return parser


def _load(args: argparse.Namespace) -> Comparison:
    if args.matrix or args.criteria:
        if args.data:
            raise DataError("give either --data or --matrix/--criteria, not both", fix="drop one")
        if not (args.matrix and args.criteria):
            raise DataError("--matrix and --criteria go together", fix="give both files")
        comp = read_csv(args.matrix, args.criteria)
    else:
        comp = load_comparison(args.data)
    return _judged(comp, args)


def _judged(comp: Comparison, args: argparse.Namespace) -> Comparison:
    """Apply the command line's own scores and must-haves to a comparison.

    A ``--weights-file`` profile's own scores and must-haves, or a ``--profile`` preset's
    must-haves, come first; ``--score`` and ``--require`` are added on top of them.
    """
    if getattr(args, "weights_file", None):
        comp = judged(read_profile(args.weights_file), comp)
    if getattr(args, "profile", None):
        # A preset's own must-haves (profiles.csv's 'require' column) come with it.
        comp = comp.with_requirements(comp.preset_requirements(args.profile))
    if args.score:
        cells = [parse_score(text) for text in args.score]
        comp = comp.with_scores(cells, reason="given on the command line")
    if args.require:
        comp = comp.with_requirements([*comp.requirements, *args.require])
    return comp


def parse_weights(text: str) -> dict[str, str]:
    """``"a=2,b=1"`` -> ``{"a": "2", "b": "1"}`` (numbers are checked by resolve_weights)."""
    out: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise DataError(
                "malformed --weights item",
                value=item,
                fix="write id=weight pairs separated by commas",
            )
        if key.strip() in out:
            raise DataError(
                "criterion given twice in --weights", value=key.strip(), fix="give it once"
            )
        out[key.strip()] = value.strip()
    if not out:
        raise DataError("--weights is empty", fix="write id=weight pairs separated by commas")
    return out


def _weights(args: argparse.Namespace) -> dict[str, str] | str | pd.Series | None:
    if getattr(args, "weights_file", None):
        return weights_for(read_profile(args.weights_file), _load(args))
    return parse_weights(args.weights) if args.weights else args.profile


def _recommend(args: argparse.Namespace) -> str:
    comp = _load(args)
    weights = _weights(args)
    rec = recommend(comp, weights, args.method)
    ranking = rec.ranking.reset_index()
    if args.format == "json":
        payload = {
            "method": rec.method,
            "profile": args.profile,
            "weights": {k: round(float(v), 12) for k, v in rec.weights.items()},
            "ranking": [
                {"alternative": r.alternative, "score": float(r.score), "rank": int(r.rank)}
                for r in ranking.itertuples()
            ],
            "winner": rec.winner,
            "margin": rec.margin,
            "own_scores": comp.overrides.to_dict("records"),
            "requirements": [r.to_dict() for r in comp.requirements],
            "ruled_out": comp.ruled_out.to_dict("records"),
        }
        return json.dumps(payload, indent=2)
    if args.format == "csv":
        return ranking_csv(rec.ranking).rstrip("\n")
    which = args.profile or ("custom" if args.weights or args.weights_file else "default")
    title = f"{comp.name}: {get_method(rec.method).short}, weights: {which}"
    table = ranking[["rank", "alternative", "score"]].to_string(
        index=False, formatters={"score": "{:.4f}".format}
    )
    return f"{title}\n{table}\n{rec.headline()}"


def _report(args: argparse.Namespace) -> str:
    from ..reporting.report import write_report  # matplotlib and jinja2: only when asked

    fmt = args.format or ("pdf" if args.output.lower().endswith(".pdf") else "html")
    comp = _load(args)
    output = output_path(args, comp, f"report.{fmt}")
    path = write_report(
        comp, output, _weights(args), args.method, fmt=fmt, profile=args.profile,
        samples=args.samples, seed=args.seed,
    )  # fmt: skip
    return f"wrote {path}"


def _charts(args: argparse.Namespace) -> str:
    from ..reporting.export import export_charts

    paths = export_charts(_load(args), args.output, _weights(args), args.method, args.format)
    return "\n".join(f"wrote {p}" for p in paths)


def _profiles(args: argparse.Namespace) -> str:
    comp = _load(args)
    table = profile_table(comp)
    if args.format == "json":
        rows = [
            {
                "profile": name,
                "label": row.label,
                "description": row.description,
                "winner_wsm": row.winner,
                "margin_wsm": row.margin,
                "weights": {k: float(v) for k, v in resolve_weights(comp, name).items()},
            }
            for name, row in table.iterrows()
        ]
        return json.dumps(rows, indent=2)
    if table.empty:
        return f"{comp.name}: no profiles (add profiles.csv to the folder)"
    out = table[["label", "winner", "margin"]].rename(
        columns={"winner": "winner (wsm)", "margin": "margin"}
    )
    return out.to_string(formatters={"margin": "{:.4f}".format})


def _validate(args: argparse.Namespace) -> tuple[str, int]:
    problems = check_paths(args.paths)
    if not problems:
        return f"OK: no problems found in {', '.join(args.paths)}", 0
    lines = [f"{len(problems)} problem(s) found:"] + [f"- {p}" for p in problems]
    return "\n".join(lines), EXIT_BAD_INPUT


def _print(text: str, file=None) -> None:
    # Data text reaches the terminal as text: a name's ESC[2J or carriage return is shown as
    # its escape, never acted on; the output's own line breaks stay.
    print("\n".join(visible(line) for line in str(text).split("\n")), file=file or sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    print = _print  # noqa: A001 - every line printed below passes through visible()
    try:
        if args.command == "recommend":
            print(_recommend(args))
        elif args.command == "profiles":
            print(_profiles(args))
        elif args.command == "ahp":
            print(analysis.run_ahp(args))
        elif args.command == "sensitivity":
            print(analysis.run_sensitivity(args, _load, _weights))
        elif args.command == "robustness":
            print(analysis.run_robustness(args, _load, _weights))
        elif args.command == "group":
            print(analysis.run_group(args, _load))
        elif args.command == "report":
            print(_report(args))
        elif args.command == "charts":
            print(_charts(args))
        elif args.command == "record":
            print(record.run(args, _load, _weights))
        elif args.command == "page":
            print(page.run(args, _load, _weights))
        elif args.command == "dashboard":
            return dashboard.run(args)
        else:
            text, status = _validate(args)
            print(text, file=sys.stdout if status == 0 else sys.stderr)
            return status
    except DataError as exc:
        if args.debug:
            raise
        print(f"error: {visible(exc)}", file=sys.stderr)  # one line, whatever the data holds
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
