"""``python -m fwcompare_nb dashboard``: serve the explorer as a Voila app, fast and offline.

One launcher for users, ``make dashboard``, the browser tests and the benchmarks, so that they all
start Voila the same way:

* ``voila notebooks/dashboard.ipynb`` from this interpreter's environment, ``--no-browser``, on
  127.0.0.1 by default (nothing is served to the network unless asked);
* preheated kernels (``--preheat_kernel=True --pool_size=N``): each kernel imports the package and
  builds the default view before anyone asks for the page, so a visitor waits for the browser,
  not for Python. The notebook then waits for the request (``voila.utils.wait_for_request``) to
  read its query string. ``--no-preheat`` starts one kernel per request instead;
* the ``fwcompare`` Voila template shipped in the package (``fwcompare_nb/app/voila/templates``):
  Voila's ``lab`` template without its two Font Awesome links to cdn.jsdelivr.net (Voila's own
  bundle already carries Font Awesome 5.15.4) and setting the cookie Voila's "tab closed: shut
  my kernel down" request needs; found through ``JUPYTER_PATH``;
* only the lab extensions the page needs (:data:`EXTENSIONS`), whatever else is installed;
* a kernel whose page is gone is shut down after :data:`DEFAULT_CULL_IDLE` idle seconds;
* the preset and the comparison reach the kernels through :data:`ENV_PRESET` and
  :data:`ENV_COMPARISON` (kernels inherit the server's environment).

:func:`voila_command` and :func:`voila_env` are pure: they build what :func:`run` executes.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import config
from ..core.errors import DataError

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
#: Kernels kept ready per notebook. One answers a visitor at once; the next visitor within the
#: refill time (4.5-6 s measured here: a kernel start, the import, the default view) waits for
#: that kernel (7-10 s). Each waiting kernel holds ~150 MB (benchmarks/bench_startup.py).
DEFAULT_POOL_SIZE = 1
NOTEBOOK = config.NOTEBOOKS_DIR / "dashboard.ipynb"
#: The Voila template the page is rendered with (``voila/templates/fwcompare`` below
#: :data:`TEMPLATE_ROOT`).
TEMPLATE = "fwcompare"
#: A Jupyter data folder (``voila/templates/<name>``) put first on ``JUPYTER_PATH``, which is
#: where Voila looks for templates and for their static files. A path, not an import: the command
#: line and the explorer are sibling layers.
TEMPLATE_ROOT = Path(__file__).resolve().parents[1] / "app"
#: The lab extensions the page loads, and no others: whatever else is installed in the environment
#: (a JupyterLab add-on, code highlighting) stays out of the dashboard's page. The page needs
#: all three: @jupyter-widgets/jupyterlab-manager registers the widget classes (without it no
#: widget renders: "No version of module @jupyter-widgets/controls is registered"), Voila's
#: widgets-manager8 runs them on the page, jupyter-matplotlib draws the ipympl charts. The first
#: and the last were built for JupyterLab 4.6 and 4.5 while Voila 0.5's page provides 4.2: the
#: page logs 13 "Unsatisfied version ... of shared singleton module" warnings for them (9 and
#: 4), harmless (the page's own copy is used) and not removable here.
EXTENSIONS = (
    "@jupyter-widgets/jupyterlab-manager",
    "@voila-dashboards/widgets-manager8",
    "jupyter-matplotlib",
)
#: Seconds a kernel whose page is gone (no connection) may stay idle before it is shut down.
#: Closing the tab normally shuts it down at once (see the template); this catches the rest: a
#: browser that crashed, a laptop that went to sleep, a lost network. A page still open keeps
#: its kernel however long it stays idle (Jupyter does not cull connected kernels by default),
#: and preheated kernels are never culled.
DEFAULT_CULL_IDLE = 600
ENV_PRESET = config.DASHBOARD_PRESET_ENV
ENV_COMPARISON = config.DASHBOARD_COMPARISON_ENV
# Addresses on which the server also answers 127.0.0.1, where kernels look for it by default.
_REACHED_ON_LOOPBACK = {"", "0.0.0.0", "::", "*", "localhost", "127.0.0.1"}


def voila_executable() -> Path:
    """Return the ``voila`` script of the environment this Python runs in."""
    return Path(sys.executable).parent / "voila"


def voila_command(
    notebook: str | Path = NOTEBOOK,
    *,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    pool_size: int = DEFAULT_POOL_SIZE,
    preheat: bool = True,
    cull_idle: int = DEFAULT_CULL_IDLE,
    voila: str | Path | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """Build the command line that serves ``notebook`` with Voila.

    Parameters
    ----------
    notebook : str or Path
        The notebook to serve (default: ``notebooks/dashboard.ipynb``).
    port : int
        The TCP port.
    ip : str
        The address to listen on (default 127.0.0.1: this machine only).
    pool_size : int
        Preheated kernels kept ready (>= 1); ignored without ``preheat``.
    preheat : bool
        Run the notebook in pooled kernels before any request (the notebook must call
        ``voila.utils.wait_for_request()`` before it reads the query string).
    cull_idle : int
        Shut down a kernel with no page connected after this many idle seconds (0: never).
    voila : str or Path, optional
        The ``voila`` executable (default: :func:`voila_executable`).
    extra : sequence of str
        More Voila options, appended last, e.g. ``--Voila.token=...``. Not one of the options
        above: traitlets refuses a value given twice.

    Returns
    -------
    list of str
        The arguments for :func:`subprocess.Popen` (no shell).

    Raises
    ------
    DataError
        A port outside 1-65535, a pool size below 1 or a negative ``cull_idle``.
    """
    if not 0 < port < 65536:
        raise DataError("port out of range", value=port, fix="give a port from 1 to 65535")
    if preheat and pool_size < 1:
        raise DataError(
            "pool size below 1", value=pool_size, fix="give at least 1, or use --no-preheat"
        )
    if cull_idle < 0:
        raise DataError("negative idle time", value=cull_idle, fix="give seconds, or 0 for never")
    command = [
        str(voila if voila is not None else voila_executable()),
        str(notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
    ]
    # One option per item: traitlets adds each to the list (its JSON form is deprecated).
    command += [f"--VoilaConfiguration.extension_allowlist={name}" for name in EXTENSIONS]
    if preheat:
        command += ["--preheat_kernel=True", f"--pool_size={pool_size}"]
    if cull_idle:
        # checked every minute at most, and at least twice per idle period
        interval = max(1, min(60, cull_idle // 2))
        command += [
            f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
            f"--MappingKernelManager.cull_interval={interval}",
        ]
    return command + list(extra)


def voila_env(
    base: Mapping[str, str] | None = None,
    *,
    preset: str | None = None,
    comparison: str | None = None,
    ip: str = DEFAULT_IP,
) -> dict[str, str]:
    """Build the environment Voila runs in (and its kernels inherit).

    Parameters
    ----------
    base : mapping, optional
        The environment to start from (default: :data:`os.environ`); it is not modified.
    preset : str, optional
        The preset the page opens on, as :data:`ENV_PRESET`. When None an inherited value
        stays.
    comparison : str, optional
        The comparison the page opens on (its folder below ``data/``), as
        :data:`ENV_COMPARISON`. When None an inherited value stays.
    ip : str
        The address Voila listens on. A preheated kernel fetches its request's query string
        from the server over a websocket to ``VOILA_APP_IP`` (default 127.0.0.1); when the
        server listens on one other address only, the kernel is told that address.

    Returns
    -------
    dict
        A new environment: :data:`TEMPLATE_ROOT` first on ``JUPYTER_PATH``, and the variables
        above.
    """
    env = dict(os.environ if base is None else base)
    paths = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(
        [str(TEMPLATE_ROOT), *(p for p in paths if p != str(TEMPLATE_ROOT))]
    )
    if preset is not None:
        env[ENV_PRESET] = preset
    if comparison is not None:
        env[ENV_COMPARISON] = comparison
    if ip not in _REACHED_ON_LOOPBACK:
        env["VOILA_APP_IP"] = f"[{ip}]" if ":" in ip else ip  # an IPv6 address in a URL
    return env


def check_choice(comparison: str | None, preset: str | None) -> None:
    """Fail before the server starts when the comparison or the preset does not exist.

    The dashboard would report either on the page and fall back to its defaults; on the
    command line the one who typed it learns at once.

    Parameters
    ----------
    comparison : str, optional
        A comparison's key: its folder below ``data/`` (``"python-web-frameworks"``,
        ``"examples/own"``), as the dashboard's chooser and links name it. Default: the
        dashboard's first (Django vs Flask).
    preset : str, optional
        A preset (profile id) of that comparison.

    Raises
    ------
    DataError
        No such comparison (the message lists the keys), it does not load, or it has no such
        preset (the message lists the presets).
    """
    if comparison is None and preset is None:
        return
    # pandas: only when there is something to check
    from ..io.catalog import bundled_comparisons, find_entry

    entries = bundled_comparisons()
    if comparison is not None:
        entry = find_entry(entries, comparison)
    elif entries:
        entry = entries[0]
    else:
        raise DataError("no comparison found", file=str(config.DATA_DIR))
    comp = entry.load()
    if preset is not None and preset not in comp.preset_ids:
        known = comp.preset_ids
        raise DataError(
            f"no preset {preset!r} in the comparison {entry.key!r}",
            fix=f"give one of: {', '.join(known)}" if known else "leave --preset out",
        )


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``dashboard`` on the command line's subparsers.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        What ``ArgumentParser.add_subparsers`` returned.

    Returns
    -------
    argparse.ArgumentParser
        The subcommand's parser.
    """
    parser = sub.add_parser(
        "dashboard",
        help="serve the explorer as an app with Voila (127.0.0.1:8866)",
        description="Serve notebooks/dashboard.ipynb with Voila: preheated kernels, no request "
        "outside the server, only the lab extensions the page needs. Extra Voila options go "
        "after --, e.g. -- --Voila.token=SECRET.",
    )
    _add_arguments(parser)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="TCP port (%(default)s)")
    parser.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help="address to listen on (%(default)s: this machine only; 0.0.0.0: every interface)",
    )
    parser.add_argument("--preset", metavar="ID", help="the preset the page opens on")
    parser.add_argument(
        "--comparison",
        metavar="NAME",
        help="the comparison the page opens on: its folder below data/, e.g. python-web-frameworks",
    )
    parser.add_argument(
        "--pool-size",
        type=int,
        default=DEFAULT_POOL_SIZE,
        metavar="N",
        help="preheated kernels kept ready (%(default)s); each holds its memory",
    )
    parser.add_argument(
        "--no-preheat",
        dest="preheat",
        action="store_false",
        help="start a kernel per request instead (slower pages, no idle kernels)",
    )
    parser.add_argument(
        "--cull-idle",
        type=int,
        default=DEFAULT_CULL_IDLE,
        metavar="SECONDS",
        help="shut down a kernel whose page is gone after this long idle (%(default)s; 0: never)",
    )
    parser.add_argument(
        "--notebook", type=Path, default=NOTEBOOK, help="the notebook to serve (the dashboard)"
    )
    parser.add_argument(
        "--print-command",
        action="store_true",
        help="print the Voila command and the variables it gets, and exit",
    )
    parser.add_argument(
        "voila_args",
        nargs="*",
        metavar="VOILA_OPTION",
        default=[],
        help="more Voila options, after --: ... dashboard -- --Voila.token=SECRET",
    )


def run(args: argparse.Namespace) -> int:
    """Serve the dashboard until Voila stops (Ctrl-C); the handler of ``dashboard``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by the parser of :func:`add_parser`.

    Returns
    -------
    int
        Voila's exit status (0 after a clean stop).

    Raises
    ------
    DataError
        An unknown comparison or preset, a bad port or pool size, a missing notebook.
    """
    if not Path(args.notebook).is_file():
        raise DataError("notebook not found", file=str(args.notebook), fix="give --notebook PATH")
    command = voila_command(
        args.notebook, port=args.port, ip=args.ip, pool_size=args.pool_size,
        preheat=args.preheat, cull_idle=args.cull_idle, extra=args.voila_args,
    )  # fmt: skip
    env = voila_env(preset=args.preset, comparison=args.comparison, ip=args.ip)
    if args.print_command:
        for name in ("JUPYTER_PATH", ENV_PRESET, ENV_COMPARISON, "VOILA_APP_IP"):
            if name in env:
                print(f"{name}={env[name]}")
        print(shlex.join(command))
        return 0
    check_choice(env.get(ENV_COMPARISON), env.get(ENV_PRESET))
    kernels = f"{args.pool_size} preheated kernel(s)" if args.preheat else "a kernel per page"
    print(
        f"fwcompare dashboard: http://{args.ip}:{args.port}/ ({kernels}); Ctrl-C stops it",
        file=sys.stderr,
        flush=True,
    )
    if os.name == "posix":
        # Voila in this process: Ctrl-C and SIGTERM reach it directly and it stops its kernels.
        os.execve(command[0], command, env)
    import subprocess  # pragma: no cover - not POSIX

    try:  # pragma: no cover
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:  # pragma: no cover
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m fwcompare_nb.cli.dashboard``: the subcommand on its own.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: Voila's, or 2 for bad input.
    """
    parser = argparse.ArgumentParser(
        prog="python -m fwcompare_nb.cli.dashboard", description=__doc__.splitlines()[0]
    )
    _add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
