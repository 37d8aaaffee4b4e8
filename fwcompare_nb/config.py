"""Paths, built from the package's location so that notebooks never hard-code them."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
#: Read-only input data; ``FWCOMPARE_DATA`` points elsewhere (e.g. a copy for experiments).
DATA_DIR = Path(os.environ.get("FWCOMPARE_DATA", PROJECT_DIR / "data"))
DEFAULT_COMPARISON = "django-vs-flask"
DEFAULT_COMPARISON_DIR = DATA_DIR / DEFAULT_COMPARISON
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"

# File names inside a comparison folder.
SCORES_FILE = "scores.csv"
CRITERIA_FILE = "criteria.csv"
EVIDENCE_FILE = "evidence.csv"
CLAIMS_FILE = "claims.csv"
PROFILES_FILE = "profiles.csv"
# Users' saved weight profiles (one JSON file each); ``FWCOMPARE_PROFILES`` points elsewhere.
PROFILES_DIR = Path(os.environ.get("FWCOMPARE_PROFILES", Path.home() / ".fwcompare" / "profiles"))
# Charts and reports exported from the explorer; ``FWCOMPARE_EXPORTS`` points elsewhere.
EXPORTS_DIR = Path(os.environ.get("FWCOMPARE_EXPORTS", Path.home() / "fwcompare-exports"))
# What the dashboard opens on, set by its launcher for the kernels (they inherit the server's
# environment): a preset id and a bundled comparison's key (see io/catalog.py).
DASHBOARD_PRESET_ENV = "FWCOMPARE_DASHBOARD_PRESET"
DASHBOARD_COMPARISON_ENV = "FWCOMPARE_DASHBOARD_COMPARISON"
# The package's version (also in pyproject.toml), for reports: here so that every layer may read it.
VERSION = "0.1.0"
