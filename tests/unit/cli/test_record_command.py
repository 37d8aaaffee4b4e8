"""``python -m fwcompare_nb record``: one line out, the file in the folder, bad input exits 2."""

from __future__ import annotations

import pytest

import fwcompare_nb as fw
from fwcompare_nb.cli.main import main
from fwcompare_nb.reporting.record import decision_record

PWF = ["--data", str(fw.config.DATA_DIR / "python-web-frameworks")]
SLUG = "use-flask-for-learning-web-development-django-vs-flask"


def test_record_writes_the_next_file_and_prints_one_line(tmp_path, capsys):
    folder = tmp_path / "decisions"
    argv = ["record", "--profile", "learning", "-o", str(folder), "--samples", "500"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out == f"wrote {folder / f'0001-{SLUG}.md'}\n"
    text = (folder / f"0001-{SLUG}.md").read_text(encoding="utf-8")
    assert text == decision_record(fw.load_comparison(), "learning", samples=500)
    assert main([*argv, "--status", "accepted"]) == 0
    second = folder / f"0002-{SLUG}.md"
    assert capsys.readouterr().out == f"wrote {second}\n"
    assert "status: accepted" in second.read_text(encoding="utf-8").splitlines()
    assert (folder / f"0001-{SLUG}.md").read_text(encoding="utf-8") == text  # untouched


def test_default_folder_is_docs_decisions(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["record", "--samples", "500", "--method", "topsis"]) == 0
    written = list((tmp_path / "docs" / "decisions").iterdir())
    assert len(written) == 1 and written[0].name.startswith("0001-use-")
    assert capsys.readouterr().out.strip() == f"wrote {written[0].relative_to(tmp_path)}"


def test_own_scores_and_must_haves_reach_the_record(tmp_path, capsys):
    argv = ["record", *PWF, "--profile", "async-realtime", "--require", "async_support>=3",
            "--score", "Flask:async_support=3", "-o", str(tmp_path), "--samples", "500"]  # fmt: skip
    assert main(argv) == 0
    path = capsys.readouterr().out.split(" ", 1)[1].strip()
    text = open(path, encoding="utf-8").read()
    assert "our score 3 (because given on the command line), the data's 2." in text
    assert "rules out Pyramid (1, 2 short), Bottle (1, 2 short)" in text


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--status", "accepted: yes"], "status"),
        (["--samples", "0"], "samples"),
        (["--profile", "nope"], "unknown profile"),
        (["--require", "maturity>=9"], "off"),
        (["--samples", "many"], "invalid int value"),
        (["--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, extra, fragment):
    argv = ["record", "-o", str(tmp_path / "out"), *extra]
    if "--samples" not in extra:
        argv += ["--samples", "500"]
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's own errors
        status = exc.code
    assert status == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and fragment in captured.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_file_in_place_of_the_folder_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["record", "-o", str(blocker), "--samples", "500"]) == 2
    assert "cannot keep records there" in capsys.readouterr().err
    assert blocker.read_text() == "x"
