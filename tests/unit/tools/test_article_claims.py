"""The article-claims script counts with the harness's line counter and runs without pandas.

It runs in a scratch venv that holds Flask and Django but not this project's dependencies, so
`tools.evidence`, its `core` and `runner`, and the script itself must import with the standard
library alone. The full run needs Flask and Django and is not part of the tests.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tools.evidence import article_claims, core

ROOT = Path(__file__).resolve().parents[3]


def test_imports_with_the_standard_library_only():
    code = textwrap.dedent("""
        import sys
        for name in ("fwcompare_nb", "pandas", "numpy", "flask", "django"):
            sys.modules[name] = None  # any import of these fails
        import tools.evidence.article_claims
    """)
    for argv in (["-c", code], ["tools/evidence/article_claims.py", "--help"]):
        proc = subprocess.run(
            [sys.executable, *argv], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "tools.evidence.article_claims", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert help_text.startswith("usage: python -m tools.evidence.article_claims")


def test_tree_code_lines_counts_python_like_the_harness(tmp_path):
    (tmp_path / "pages" / "templates").mkdir(parents=True)
    (tmp_path / "pages" / "__pycache__").mkdir()
    views = '"""Views."""\n\nimport json  # comment\n\n\ndef f():\n    """Doc."""\n    return 1\n'
    (tmp_path / "pages" / "views.py").write_text(views)
    (tmp_path / "pages" / "__pycache__" / "views.py").write_text("x = 1\n")
    (tmp_path / "pages" / "templates" / "a.html").write_text(
        "<!doctype html>\n\n  {# note #}\n  <!-- c -->\n  <p>{{ x }}</p>\n"
    )
    (tmp_path / "notes.db").write_text("")
    got = article_claims.tree_code_lines(tmp_path)
    assert got == {
        "pages/templates/a.html": ["<!doctype html>", "<p>{{ x }}</p>"],
        "pages/views.py": ["import json  # comment", "def f():", "return 1"],
    }
    assert got["pages/views.py"] == core.code_line_texts(views)
    assert core.count_tree(tmp_path) == (3, 1)  # the harness counts the .py file only


def test_embedded_apps_are_valid_python():
    apps = [article_claims.FLASK_HELLO, article_claims.FLASK_CRUD, article_claims.DJANGO_CRUD]
    apps += [article_claims.flask_full(), article_claims.django_full()]
    for files in apps:
        for rel, text in files.items():
            if rel.endswith(".py"):
                assert core.count_python_lines(article_claims.dedent(text)) > 0, rel
