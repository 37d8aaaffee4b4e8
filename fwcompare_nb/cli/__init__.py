"""The command line: ``python -m fwcompare_nb`` (or ``fwcompare``)."""

from .main import main

__all__ = ["main"]
