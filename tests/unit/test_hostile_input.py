"""Hostile input at every entry point (issue 13): each class of failure the tester found.

Each test failed before its fix: names that are words such as "NA", terminal escapes and
spreadsheet formulas in output, control characters in SVG, pipes and devices as files, outputs
that are not files, a preset id that walks out of the export folder, ids that are not CSS
tokens, method names in another case.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.core.errors import DataError
from fwcompare_nb.core.text import visible
from fwcompare_nb.io.csvfile import read_text
from fwcompare_nb.io.files import check_target
from fwcompare_nb.reporting.export import export_charts
from tests.conftest import ROOT

CRITERIA = "id,name\nprice,Price ($) / Support ($$$)\nsp ace,Spa ce\n"


@pytest.fixture
def hostile(tmp_path):
    (tmp_path / "criteria.csv").write_text(CRITERIA)
    (tmp_path / "scores.csv").write_text(
        'alternative,price,sp ace\nNA,1,2\nnull,2,2\n"=HYPERLINK(""x"")",3,1\n'
        '"\x1b[2Jevil",2,3\n"a\x01b",1,1\n'
    )
    return tmp_path


def cli(*args: str) -> list[str]:
    return ["recommend", "--matrix", args[0], "--criteria", args[1], *args[2:]]


@pytest.mark.parametrize("word", ["NA", "None", "null", "n/a", "NaN"])
def test_names_that_are_words_are_names(tmp_path, word):
    (tmp_path / "c.csv").write_text("id\nq\n")
    (tmp_path / "s.csv").write_text(f"alternative,q\n{word},1\nother,2\n")
    comp = fw.read_csv(tmp_path / "s.csv", tmp_path / "c.csv")
    assert comp.alternatives == [word, "other"]
    (tmp_path / "s.csv").write_text("alternative,q\nx,NA\n")  # as a score it is still missing
    with pytest.raises(DataError, match="missing score"):
        fw.read_csv(tmp_path / "s.csv", tmp_path / "c.csv")


def test_table_output_shows_escapes_instead_of_sending_them(hostile, capsys):
    assert main(cli(str(hostile / "scores.csv"), str(hostile / "criteria.csv"))) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x01" not in out
    assert "\\x1b[2Jevil" in out and "a\\x01b" in out


def test_csv_output_neutralises_formulas_and_control_characters(hostile, capsys):
    args = cli(str(hostile / "scores.csv"), str(hostile / "criteria.csv"), "--format", "csv")
    assert main(args) == 0
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("\"'=HYPERLINK") for r in rows), rows
    assert not any(r.startswith(("=", "+", "-", "@")) for r in rows)
    assert all("\x1b" not in r for r in rows)


def test_an_error_is_one_line_whatever_the_id_holds(tmp_path, capsys):
    (tmp_path / "c.csv").write_text('id\n"a\nb"\n')
    (tmp_path / "s.csv").write_text("alternative,zz\nx,1\n")
    assert main(cli(str(tmp_path / "s.csv"), str(tmp_path / "c.csv"))) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a\\x0ab" in err


def test_svg_charts_stay_well_formed_and_names_stay_plain(hostile, tmp_path):
    comp = fw.read_csv(hostile / "scores.csv", hostile / "criteria.csv")
    paths = export_charts(comp, tmp_path / "out", fmt="svg", samples=200)
    for path in paths:
        root = ET.parse(path).getroot()  # control characters would make it malformed
        assert root.tag.endswith("svg")
    text = (tmp_path / "out" / "matrix.svg").read_text()
    assert "Price ($) / Support ($$$)" in text  # no mathtext: the dollars are text
    assert "a\\x01b" in text


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_pipes_and_devices_are_refused_not_read(tmp_path, special):
    path = tmp_path / "in.csv"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path = special
    # In a subprocess with a deadline: before the fix this blocked for ever (or read /dev/zero).
    code = (
        "import sys; from fwcompare_nb.cli.main import main; "
        f"sys.exit(main(['recommend', '--matrix', {str(path)!r}, '--criteria', {str(path)!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)  # fmt: skip
    assert run.returncode == 2 and "is not a regular file" in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1


def test_nul_anywhere_means_binary(tmp_path):
    path = tmp_path / "s.csv"
    path.write_bytes(b"alternative,q\n" + b"x,1\n" * 5000 + b"\x00")
    with pytest.raises(DataError, match="binary"):
        read_text(path)


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder"])
def test_outputs_that_are_not_files_are_left_alone(tmp_path, kind, capsys):
    target = tmp_path / "report.html"
    victim = tmp_path / "victim.html"
    victim.write_text("keep me")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(victim)
    else:
        target.mkdir()
    with pytest.raises(DataError, match="left as it is"):
        check_target(target)
    done = main(["report", "-o", str(target), "--samples", "100"])
    if kind == "folder":  # an existing folder: the report goes inside it, named as it says
        assert done == 0 and [p.name for p in target.iterdir()] == [
            "django-vs-flask-default-report.html"
        ]
    else:
        assert done == 2 and "left as it is" in capsys.readouterr().err
    assert victim.read_text() == "keep me"
    assert target.is_symlink() or not target.is_file()


def test_preset_id_cannot_lead_the_export_out_of_its_folder(tmp_path):
    from fwcompare_nb.app.explorer import Explorer
    from fwcompare_nb.io.profiles import ProfileStore

    folder = tmp_path / "data" / "hostile"
    folder.mkdir(parents=True)
    for name in ("scores.csv", "criteria.csv", "profiles.csv"):
        text = (ROOT / "data" / "django-vs-flask" / name).read_text()
        if name == "profiles.csv":
            text = text.replace("\nlearning,", "\nx/../../../PWNED,")
        (folder / name).write_text(text)
    comp = fw.load_comparison(folder)
    ex = Explorer(comp, profile="x/../../../PWNED", store=ProfileStore(tmp_path / "p"))
    folder = tmp_path / "exports" / "deep"
    ex.export_dir.value = str(folder)
    path = ex.export_report()
    assert path is not None and path.parent == folder, ex.export_status.value
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    assert not list(tmp_path.rglob("PWNED*"))


@pytest.mark.parametrize("profile", ["x/../../../PWNED", None])
def test_report_into_a_folder_is_named_inside_it(tmp_path, capsys, profile):
    # ``report -o FOLDER`` names the file from the comparison and preset, by the explorer's rule.
    folder = tmp_path / "data" / "..CON"
    folder.mkdir(parents=True)
    for name in ("scores.csv", "criteria.csv", "profiles.csv"):
        text = (ROOT / "data" / "django-vs-flask" / name).read_text()
        (folder / name).write_text(text.replace("\nlearning,", "\nx/../../../PWNED,"))
    out = tmp_path / "out" / "deep"
    out.mkdir(parents=True)
    args = ["report", "--data", str(folder), "-o", str(out), "--samples", "100"]
    assert main(args + (["--profile", profile] if profile else [])) == 0
    written = capsys.readouterr().out
    [path] = out.iterdir()
    assert path.name == ("con_-x-pwned-report.html" if profile else "con_-default-report.html")
    assert written.strip() == f"wrote {path}"
    assert not list(tmp_path.rglob("PWNED*"))


def test_ids_become_css_tokens_and_methods_any_case(tmp_path, hostile):
    from fwcompare_nb.app.explorer import Explorer
    from fwcompare_nb.io.profiles import ProfileStore

    comp = fw.read_csv(hostile / "scores.csv", hostile / "criteria.csv")
    ex = Explorer(comp, method="WSM", store=ProfileStore(tmp_path / "p"))
    assert ex.method.value == "wsm"
    classes = ex.sliders["sp ace"]._dom_classes
    assert "fwc-weight-sp_20ace" in classes and all(" " not in c for c in classes)
    assert visible("ok") == "ok"


def test_a_second_alternative_column_is_named_not_misread(tmp_path, capsys):
    (tmp_path / "c.csv").write_text("id\nc1\n")
    (tmp_path / "s.csv").write_text("framework,alternative,c1\nDjango,x,1\nFlask,y,2\n")
    assert main(cli(str(tmp_path / "s.csv"), str(tmp_path / "c.csv"))) == 2
    err = capsys.readouterr().err
    assert "column 2 is headed 'alternative'" in err and "'framework'" in err
    assert err.count("\n") == 1


def test_cli_group_keeps_a_saved_profile_named_like_a_preset(tmp_path, capsys):
    from fwcompare_nb.io.profiles import ProfileStore

    ProfileStore(tmp_path).save("learning", {"admin_interface": 5, "learning_curve": 1})
    args = [
        "group",
        "preset:learning",
        "learning",
        "preset:large-project",
        "--store",
        str(tmp_path),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "3 stakeholders" in out and "learning (saved)" in out


def test_weights_near_the_float_limit_keep_their_proportions(tmp_path):
    import warnings

    from fwcompare_nb.io.profiles import ProfileStore, weights_for

    huge = {"learning_curve": 1e308, "admin_interface": 1e308, "documentation": 5e307}
    store = ProfileStore(tmp_path)
    store.save("huge", huge)
    saved = store.load("huge")  # the store's reading, as --weights-file's
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning on the way
        w = weights_for(saved, fw.load_comparison())
    assert w["learning_curve"] == pytest.approx(0.4) and w["documentation"] == pytest.approx(0.2)


def test_live_explorer_charts_show_control_characters_as_escapes(hostile, tmp_path):
    from matplotlib.text import Text

    from fwcompare_nb.app.explorer import Explorer
    from fwcompare_nb.io.profiles import ProfileStore

    comp = fw.read_csv(hostile / "scores.csv", hostile / "criteria.csv")
    ex = Explorer(comp, store=ProfileStore(tmp_path / "p"))
    for fig in (ex.fig_ranking, ex.fig_contrib, ex.fig_matrix):
        fig.draw_without_rendering()
        texts = [t.get_text() for t in fig.findobj(Text)]
        assert not any("\x1b" in t or "\x01" in t for t in texts), texts
    assert any("\\x1b[2Jevil" in t for t in texts)
