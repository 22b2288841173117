"""`python -m sbfbuild build [program ...]`: builds SBPF v0 programs from no_std Rust.

`python -m sbfbuild test` runs the programs' host unit tests (`cargo test`) with the same
toolchain; `python -m sbfbuild link OBJECT OUT` links one relocatable object.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .compile import CompileError
from .linker import LinkError, link
from .tools import ToolchainError

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sbfbuild", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build programs into target/deploy")
    build_cmd.add_argument("programs", nargs="*", help="program names (default: all)")
    build_cmd.add_argument("--root", type=Path, default=ROOT)
    test_cmd = sub.add_parser("test", help="run the programs' host unit tests")
    test_cmd.add_argument("--root", type=Path, default=ROOT)
    link_cmd = sub.add_parser("link", help="link one BPF relocatable object")
    link_cmd.add_argument("object", type=Path)
    link_cmd.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "link":
            args.out.write_bytes(link(args.object.read_bytes()).elf)
            return 0
        if args.command == "test":
            from .project import host_tests

            return host_tests(args.root)
        from .project import build, table

        print(table(build(args.root, args.programs or None)))
        return 0
    except (CompileError, LinkError, ToolchainError) as err:
        print(f"sbfbuild: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
