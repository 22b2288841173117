"""``python -m ionet.cli``: the same as ``ionet``."""

import sys

from ionet.cli import main

sys.exit(main())
