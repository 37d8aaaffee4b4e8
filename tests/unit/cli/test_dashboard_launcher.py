"""The dashboard's launcher (fwcompare_nb/cli/dashboard.py): the Voila command line and
environment it builds, its options, and that Voila finds the fwcompare template. Nothing here
starts a server (tests/integration/test_dashboard_offline.py does)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import pytest

from fwcompare_nb.cli import dashboard as launcher
from fwcompare_nb.core.errors import DataError

TEMPLATE_DIR = launcher.TEMPLATE_ROOT / "voila" / "templates" / launcher.TEMPLATE


def options(command: list[str]) -> dict[str, list[str]]:
    """``--name=value`` options of a command line, every value of each name."""
    found: dict[str, list[str]] = {}
    for arg in command[2:]:
        name, _, value = arg.partition("=")
        found.setdefault(name, []).append(value)
    return found


# --------------------------------------------------------------------------- voila_command
def test_default_command_serves_the_dashboard_like_users_get_it():
    command = launcher.voila_command()
    assert command[0] == str(Path(sys.executable).parent / "voila")
    assert command[1] == str(launcher.NOTEBOOK)
    assert launcher.NOTEBOOK.name == "dashboard.ipynb" and launcher.NOTEBOOK.is_file()
    opts = options(command)
    assert opts["--no-browser"] == [""]
    assert opts["--port"] == ["8866"]
    assert opts["--Voila.ip"] == ["127.0.0.1"]
    assert opts["--template"] == ["fwcompare"]
    assert opts["--preheat_kernel"] == ["True"]
    assert opts["--pool_size"] == [str(launcher.DEFAULT_POOL_SIZE)]
    # one option per extension (traitlets adds each to the list)
    assert opts["--VoilaConfiguration.extension_allowlist"] == list(launcher.EXTENSIONS)
    assert opts["--MappingKernelManager.cull_idle_timeout"] == ["600"]
    assert opts["--MappingKernelManager.cull_interval"] == ["60"]


def test_command_options():
    command = launcher.voila_command(
        "/tmp/x.ipynb", port=9000, ip="0.0.0.0", pool_size=3, voila="/opt/bin/voila"
    )
    assert command[:2] == ["/opt/bin/voila", "/tmp/x.ipynb"]
    opts = options(command)
    assert opts["--port"] == ["9000"]
    assert opts["--Voila.ip"] == ["0.0.0.0"]
    assert opts["--pool_size"] == ["3"]


def test_no_preheat_starts_a_kernel_per_request():
    opts = options(launcher.voila_command(preheat=False, pool_size=0))
    assert "--preheat_kernel" not in opts and "--pool_size" not in opts


@pytest.mark.parametrize(("cull", "interval"), [(600, "60"), (90, "45"), (20, "10"), (1, "1")])
def test_culling_is_checked_at_least_twice_per_idle_period(cull, interval):
    opts = options(launcher.voila_command(cull_idle=cull))
    assert opts["--MappingKernelManager.cull_idle_timeout"] == [str(cull)]
    assert opts["--MappingKernelManager.cull_interval"] == [interval]


def test_cull_zero_never_culls():
    opts = options(launcher.voila_command(cull_idle=0))
    assert not any(name.startswith("--MappingKernelManager") for name in opts)


def test_extra_options_come_last():
    command = launcher.voila_command(extra=["--Voila.token=s3cret", "--debug"])
    assert command[-2:] == ["--Voila.token=s3cret", "--debug"]


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"port": 0}, "port out of range"),
        ({"port": 70000}, "port out of range"),
        ({"pool_size": 0}, "pool size below 1"),
        ({"cull_idle": -1}, "negative idle time"),
    ],
)
def test_bad_values_are_refused(kwargs, problem):
    with pytest.raises(DataError, match=problem):
        launcher.voila_command(**kwargs)


# --------------------------------------------------------------------------- voila_env
def test_env_puts_the_template_root_first_on_jupyter_path():
    base = {"PATH": "/usr/bin", "JUPYTER_PATH": os.pathsep.join(["/a", "", "/b"])}
    env = launcher.voila_env(base)
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(launcher.TEMPLATE_ROOT), "/a", "/b"]
    assert env["PATH"] == "/usr/bin"
    assert base["JUPYTER_PATH"] == os.pathsep.join(["/a", "", "/b"])  # not modified
    # given twice, still once
    again = launcher.voila_env(env)
    assert again["JUPYTER_PATH"] == env["JUPYTER_PATH"]


def test_env_without_jupyter_path():
    env = launcher.voila_env({})
    assert env["JUPYTER_PATH"] == str(launcher.TEMPLATE_ROOT)
    assert launcher.ENV_PRESET not in env and launcher.ENV_COMPARISON not in env
    assert "VOILA_APP_IP" not in env


def test_env_defaults_to_this_process_environment(monkeypatch):
    monkeypatch.setenv("FWC_LAUNCHER_PROBE", "1")
    assert launcher.voila_env()["FWC_LAUNCHER_PROBE"] == "1"


def test_env_passes_preset_and_comparison_to_the_kernels():
    env = launcher.voila_env({}, preset="learning", comparison="python-web-frameworks")
    assert env["FWCOMPARE_DASHBOARD_PRESET"] == "learning"
    assert env["FWCOMPARE_DASHBOARD_COMPARISON"] == "python-web-frameworks"


def test_env_options_override_inherited_values_and_none_keeps_them():
    base = {launcher.ENV_PRESET: "old", launcher.ENV_COMPARISON: "old-comp"}
    assert launcher.voila_env(base, preset="new")[launcher.ENV_PRESET] == "new"
    kept = launcher.voila_env(base)
    assert kept[launcher.ENV_PRESET] == "old" and kept[launcher.ENV_COMPARISON] == "old-comp"


@pytest.mark.parametrize(
    ("ip", "expected"),
    [
        ("127.0.0.1", None),
        ("0.0.0.0", None),
        ("localhost", None),
        ("", None),
        ("192.168.1.20", "192.168.1.20"),
        ("fd00::20", "[fd00::20]"),
    ],
)
def test_kernels_are_told_where_the_server_listens(ip, expected):
    # a preheated kernel fetches its query string from VOILA_APP_IP (default 127.0.0.1)
    assert launcher.voila_env({}, ip=ip).get("VOILA_APP_IP") == expected


# --------------------------------------------------------------------------- the template
def test_template_extends_lab_and_is_found_by_voila():
    from voila.paths import collect_static_paths, collect_template_paths

    assert json.loads((TEMPLATE_DIR / "conf.json").read_text()) == {"base_template": "lab"}
    roots = [str(launcher.TEMPLATE_ROOT), *_jupyter_path()]
    paths = collect_template_paths(["voila", "nbconvert"], "fwcompare", root_dirs=roots)
    assert paths[0] == str(TEMPLATE_DIR)
    # lab's own files (and its static files, e.g. voila-style.js) come from the hierarchy
    assert any(p.endswith(os.path.join("voila", "templates", "lab")) for p in paths)
    static = collect_static_paths(["voila", "nbconvert"], "fwcompare", root_dirs=roots)
    assert any(Path(p, "voila-style.js").is_file() for p in static)


def test_the_links_the_template_drops_are_exactly_the_font_awesome_ones():
    """The template drops every line of the lab template's notebook_css block that links to
    Font Awesome on cdn.jsdelivr.net: that must be the two stylesheet links and nothing else,
    and no other line of Voila's lab template may point outside the server."""
    from voila.paths import collect_template_paths

    lab = next(
        Path(p, "index.html.j2")
        for p in collect_template_paths(["voila"], "lab", root_dirs=_jupyter_path())
        if Path(p, "index.html.j2").is_file()
    )
    lines = lab.read_text().splitlines()
    dropped = [line for line in lines if "cdn.jsdelivr.net/npm/@fortawesome/" in line]
    assert len(dropped) == 2, dropped
    assert all("<link" in line and "stylesheet" in line for line in dropped)
    assert {("all.min.css" in line, "v4-shims.min.css" in line) for line in dropped} == {
        (True, False),
        (False, True),
    }
    # Jinja comments ({# ... #}) are not sent to the browser
    rendered = re.sub(r"\{#.*?#\}", "", lab.read_text(), flags=re.DOTALL).splitlines()
    outside = [line for line in rendered if "://" in line and line not in dropped]
    assert outside == [], outside
    ours = (TEMPLATE_DIR / "index.html.j2").read_text()
    assert "{%- extends 'lab/index.html.j2' -%}" in ours
    assert "cdn.jsdelivr.net/npm/@fortawesome/" in ours  # the marker it filters on


def _jupyter_path() -> list[str]:
    from jupyter_core.paths import jupyter_path

    return jupyter_path()


# --------------------------------------------------------------------------- command line
def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    launcher.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["dashboard", *argv])


def test_subcommand_defaults():
    args = _parse()
    assert (args.port, args.ip, args.preset, args.comparison) == (8866, "127.0.0.1", None, None)
    assert (args.pool_size, args.preheat, args.cull_idle) == (1, True, 600)
    assert args.notebook == launcher.NOTEBOOK and args.voila_args == []


def test_subcommand_options_and_voila_options_after_double_dash():
    args = _parse(
        "--port", "9000", "--ip", "0.0.0.0", "--preset", "learning", "--comparison",
        "python-web-frameworks", "--pool-size", "2", "--no-preheat", "--cull-idle", "0",
        "--", "--Voila.token=s3cret",
    )  # fmt: skip
    assert (args.port, args.ip, args.preset) == (9000, "0.0.0.0", "learning")
    assert (args.comparison, args.pool_size) == ("python-web-frameworks", 2)
    assert (args.preheat, args.cull_idle, args.voila_args) == (False, 0, ["--Voila.token=s3cret"])


def test_print_command_prints_and_does_not_start(capsys, monkeypatch):
    monkeypatch.setattr(os, "execve", _must_not_run)
    assert launcher.main(["--print-command", "--preset", "learning", "--port", "9001"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"JUPYTER_PATH={launcher.TEMPLATE_ROOT}" in out[0]
    assert "FWCOMPARE_DASHBOARD_PRESET=learning" in out
    assert "--port=9001" in out[-1] and "--template=fwcompare" in out[-1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--preset", "no-such"], "no preset 'no-such' in the comparison 'django-vs-flask'"),
        (["--comparison", "no-such-folder"], "unknown comparison"),
        (["--notebook", "/no/such.ipynb"], "notebook not found"),
        (["--pool-size", "0"], "pool size below 1"),
    ],
)
def test_bad_choices_exit_2_before_any_server_starts(argv, message, capsys, monkeypatch):
    monkeypatch.setattr(os, "execve", _must_not_run)
    assert launcher.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(DataError) as info:
        launcher.check_choice("python-web-frameworks", "nope")
    assert "learning" in str(info.value) and "async-realtime" in str(info.value)


@pytest.mark.parametrize(
    ("comparison", "preset"),
    [(None, None), (None, "learning"), ("python-web-frameworks", "api-service"),
     ("django-vs-flask", None), ("examples/own", None)],
)  # fmt: skip
def test_known_choices_pass(comparison, preset):
    launcher.check_choice(comparison, preset)


def _must_not_run(*args, **kwargs):
    raise AssertionError("the launcher tried to start Voila")
