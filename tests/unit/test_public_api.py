"""The public API and the package's structure: names kept, layers and privacy respected."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import fwcompare_nb as fw
from fwcompare_nb.core.methods import METHODS, REGISTRY, get_method

PACKAGE = Path(fw.__file__).resolve().parent

# Every name ``import fwcompare_nb as fw`` exported before the package was split into layers
# (commit dba646d): none may disappear.
EXPORTED_BEFORE_THE_SPLIT = [
    "METHODS", "AhpResult", "GroupResult", "SensitivityResult", "SmaaResult", "ahp_weights",
    "change_sentence", "group_decision", "rank_acceptability", "read_pairwise", "sensitivity",
    "Comparison", "DataError", "Explorer", "ProfileStore", "Recommendation", "claims_for",
    "contributions", "explorer", "fragility_table", "load_comparison", "profile_table", "rank",
    "read_csv", "recommend", "resolve_weights", "verdict_table",
]  # fmt: skip
PLOTS_BEFORE_THE_SPLIT = [
    "plot_ranking", "plot_contributions", "plot_matrix", "plot_tornado", "plot_acceptability",
    "plot_disagreement", "plot_measure", "alternative_colors", "OKABE_ITO",
]  # fmt: skip


@pytest.mark.parametrize("name", EXPORTED_BEFORE_THE_SPLIT)
def test_every_name_of_the_public_api_is_kept(name):
    assert name in fw.__all__
    assert getattr(fw, name) is not None


def test_the_api_lists_what_it_has():
    assert sorted(fw.__all__) == sorted(set(fw.__all__))
    for name in fw.__all__:
        getattr(fw, name)
    assert fw.__version__ == fw.config.VERSION


@pytest.mark.parametrize("name", PLOTS_BEFORE_THE_SPLIT)
def test_charts_are_reached_through_fwcompare_nb_plots(name):
    from fwcompare_nb import plots

    assert getattr(plots, name) is not None


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages([str(PACKAGE)], prefix="fwcompare_nb.")
        if not m.name.endswith("__main__")
    ]


def test_every_module_imports():
    for name in _modules():
        importlib.import_module(name)


def _own(level: int, name: str | None, path: Path) -> str | None:
    """The absolute name of an import inside the package, or None for other packages."""
    if level == 0:
        return name if name and name.split(".")[0] == "fwcompare_nb" else None
    package = list(path.relative_to(PACKAGE.parent).parent.parts)  # the file's own package
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def test_no_module_imports_another_modules_private_names():
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _own(node.level, node.module, path)
                if target is None:
                    continue
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(PACKAGE)}: {target}.{alias.name}")
    assert not found, found


def test_method_labels_come_from_the_registry():
    assert METHODS == tuple(REGISTRY) == ("wsm", "wpm", "topsis")
    for key, method in REGISTRY.items():
        assert method.key == key and get_method(key.upper()) is method
        assert method.short.lower() == key
    # no module spells a method's label itself
    labels = [m.label for m in REGISTRY.values()] + [m.axis_label for m in REGISTRY.values()]
    for path in PACKAGE.rglob("*.py"):
        if path.name == "methods.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not [label for label in labels if label in text], path


def test_importing_the_core_loads_no_charts_widgets_or_templates():
    code = (
        "import sys, fwcompare_nb.core.scoring, fwcompare_nb.analysis.smaa, fwcompare_nb.io.loading;"
        "print(sorted(m for m in ('matplotlib', 'ipywidgets', 'ipympl', 'jinja2') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
