"""Running the bundled notebook in ``make lab`` and saving it leaves ``git status`` clean.

A temporary git repository holds a copy of this working tree (so the real one is never written
to). JupyterLab is started there by ``make lab`` itself (this interpreter's environment as
``VENV``, the set-up step skipped, ``LAB_ARGS`` for the port, the token and no browser), so it
reads ``.jupyter/jupyter_server_config.py`` exactly as a developer's session does. Debian's
headless Chromium opens notebook 01, runs every cell, and saves with Ctrl+S. The file on disk
must then be byte for byte the committed one: no outputs, execution counts or widget state.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from benchmarks._voila import ROOT, _private_env, _serve, chromium_page, free_port

from ._browser import (
    OUTPUT,
    TIMEOUT_MS,
    lab_all_cells_ran,
    lab_kernel_idle,
    lab_run_all,
    require_browser,
    wait_until,
)
from .test_jupyterlab import NOTEBOOK

pytestmark = pytest.mark.browser


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@localhost")
    env.update(GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@localhost")
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _repository_copy(dest: Path) -> Path:
    """This working tree's files (tracked, and new ones git does not ignore) committed in a
    fresh repository at ``dest``: uncommitted edits are tested too."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        src = ROOT / name
        if src.is_file():  # a tracked file deleted in the working tree is left out
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    _git(dest, "init", "--quiet")
    _git(dest, "add", "--all")
    _git(dest, "commit", "--quiet", "--no-gpg-sign", "--message", "copy of the working tree")
    assert _git(dest, "status", "--porcelain") == ""
    return dest


def _make_lab_command(repo: Path, port: int, token: str) -> list[str]:
    """``make lab`` in ``repo`` with this environment, its set-up step skipped."""
    venv = Path(sys.prefix)
    lab_args = (
        f"--no-browser --port={port} --IdentityProvider.token={token} "
        "--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"
    )
    return [
        "make", "--no-print-directory", "-C", str(repo),
        "-o", str(venv / ".fwcompare-installed"),  # $(STAMP): never reinstall into this venv
        "lab", f"VENV={venv}", f"LAB_ARGS={lab_args}",
    ]  # fmt: skip


def _wait_for_save(page, path: Path, before: int, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.stat().st_mtime_ns != before:
            time.sleep(0.5)  # the contents manager writes atomically; let it finish
            return
        time.sleep(0.1)
    failed = OUTPUT / "failure.png"
    failed.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(failed))
    tail = log.read_text(errors="replace")[-3000:]
    pytest.fail(f"{path.name} was not saved within {timeout:.0f} s of Ctrl+S ({failed})\n{tail}")


def test_run_all_and_save_in_make_lab_leaves_git_status_clean():
    require_browser()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fwc-lab-save-") as tmp:
        repo = _repository_copy(Path(tmp) / "repo")
        saved = repo / NOTEBOOK
        committed = saved.read_bytes()
        port, token = free_port(), os.urandom(12).hex()
        env = _private_env(tmp)
        env.pop("JUPYTER_CONFIG_PATH", None)
        # No "get notified about Jupyter news?" toast over the page (as test_jupyterlab).
        settings = Path(tmp) / "lab-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        command, log = _make_lab_command(repo, port, token), Path(tmp) / "lab.log"
        # Given a notebook, Jupyter serves the notebook's folder (as `make lab` does for users).
        url = f"http://127.0.0.1:{port}/lab/tree/{saved.name}?token={token}"
        with (
            _serve(command, env, port, 90.0, log),
            chromium_page(viewport=(1500, 1400)) as page,
        ):
            page.set_default_timeout(TIMEOUT_MS)
            lab_run_all(page, url)
            lab_all_cells_ran(page)
            lab_kernel_idle(page, 90_000)
            # The page holds what a run adds: charts, the explorer, execution counts.
            assert page.locator(".jp-OutputArea-output img").count() >= 3
            dirty = "() => document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')"
            assert page.evaluate(f"!!({dirty})()"), "Run All left the notebook unmodified?"
            before = saved.stat().st_mtime_ns
            page.click(".jp-Notebook .jp-Cell .jp-InputPrompt >> nth=0")
            page.keyboard.press("Control+s")
            # Polled on animation frames: headless Chromium draws no frame unless asked, and
            # Lab's save waits for one.
            wait_until(page, "the notebook tab to show it saved", f"() => !({dirty})()")
            _wait_for_save(page, saved, before, log)
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / "jupyterlab-saved.png"))
        now = saved.read_bytes()
        status = _git(repo, "status", "--porcelain")
        print(f"\nmake lab, Run All, Ctrl+S in {time.monotonic() - started:.1f} s")
    if now != committed:
        diff = difflib.unified_diff(
            committed.decode().splitlines(), now.decode().splitlines(), "committed", "saved",
            lineterm="", n=1,
        )  # fmt: skip
        pytest.fail("the saved notebook differs from the committed one:\n" + "\n".join(
            list(diff)[:80]))  # fmt: skip
    assert status == "", status
