"""``python -m ionet``: the same as ``ionet``."""

import sys

from ionet.cli import main

sys.exit(main())
