"""``python -m ionet.localnet``: the same as ``ionet localnet``."""

import argparse
import sys

from ionet.localnet.cli import add_arguments, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ionet localnet", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
