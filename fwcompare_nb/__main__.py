"""``python -m fwcompare_nb``: see :mod:`fwcompare_nb.cli`."""

import sys

from .cli.main import main

sys.exit(main())
