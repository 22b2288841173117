"""``python -m ionet.localnet``: the same as ``ionet localnet``."""

import sys

from ionet.localnet.cli import make_parser, run


def main(argv: list[str] | None = None) -> int:
    return run(make_parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
