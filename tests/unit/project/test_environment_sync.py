"""environment.yml must list exactly pyproject.toml's dependencies (runtime + test extra)."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

_REQ = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*?)\s*$")


def _normalise(requirement: str) -> tuple[str, str]:
    match = _REQ.match(requirement)
    assert match, f"cannot parse requirement {requirement!r}"
    name, spec = match.groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def _environment_yml() -> dict[str, str]:
    """A tiny reader for the flat conda file (no YAML dependency needed)."""
    deps: dict[str, str] = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped:
            continue
        if not line.startswith(" "):
            in_deps = stripped == "dependencies:"
            continue
        item = stripped.strip()
        if in_deps and item.startswith("- ") and not item.endswith(":"):
            name, spec = _normalise(item[2:])
            deps[name] = spec
    return deps


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + [
        r for extra in project["optional-dependencies"].values() for r in extra
    ]
    return dict(_normalise(r) for r in reqs)


def test_environment_yml_matches_pyproject():
    conda = _environment_yml()
    conda.pop("pip", None)
    python = conda.pop("python")
    assert python == ">=3.11"
    assert conda == _pyproject(), "environment.yml and pyproject.toml list different dependencies"


def test_python_requirement_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == _environment_yml()["python"]
