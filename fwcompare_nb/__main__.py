"""``python -m fwcompare_nb``: see :mod:`fwcompare_nb.cli`."""

import sys

from .cli import main

sys.exit(main())
