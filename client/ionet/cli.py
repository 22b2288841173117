"""The ``ionet`` command. Each subcommand registers itself in ``build_parser``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def _add_localnet(sub: argparse._SubParsersAction) -> None:
    from ionet.localnet.cli import add_arguments, run

    parser = sub.add_parser(
        "localnet",
        help="run a local Solana JSON-RPC node (LiteSVM) with our programs deployed",
        description="A Solana JSON-RPC + WebSocket node over the Agave runtime (LiteSVM), "
        "with the Anchor.toml programs deployed through the upgradeable loader.",
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_localnet,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ionet")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
