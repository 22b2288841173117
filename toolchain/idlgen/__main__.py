"""`python -m idlgen generate | check`: writes or verifies every file derived from the
interface definitions (programs/*/idl.json):

* programs/<name>/src/interface/*.rs            the program's Rust interface, by job
* programs/<name>/src/instructions/mod.rs       the list of handler modules
* client/ionet/idl/<name>.json                  legacy IDL with the program id (anchorpy)
* client/ionet/idl/<name>.anchor-0.30.json      Anchor 0.30+ IDL (TypeScript), in the package
* target/idl/<name>.json                        the same, where Anchor >= 0.30 writes it
* target/types/<name>.ts                        its TypeScript type, as `anchor idl type` prints it
* client/ionet/generated/<name>/                anchorpy client-gen output
* client/ionet/generated/<name>/pdas.py         PDA seeds and address functions
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from . import program_ids
from .client import generate_client
from .pdas import render_pdas
from .rust import render
from .spec import to_legacy_with_address, to_spec
from .typescript import idl_type
from .workspace import ROOT, Targets, programs


def _json(value: object) -> bytes:
    return (json.dumps(value, indent=2) + "\n").encode()


def generated_files(targets: list[Targets]) -> dict[Path, bytes]:
    """Every generated file, relative to the root, with its content."""
    files: dict[Path, bytes] = {}
    for t in targets:
        for rel, text in render(t.program).items():
            files[t.rust_src / rel] = text.encode()
        legacy = to_legacy_with_address(t.program, t.address)
        files[t.legacy_idl] = _json(legacy)
        spec = to_spec(t.program, t.address)
        files[t.spec_idl] = _json(spec)
        files[t.target_idl] = files[t.spec_idl]
        files[t.target_types] = idl_type(spec).encode()
        with tempfile.TemporaryDirectory() as tmp:
            idl_path = Path(tmp) / f"{t.program.name}.json"
            idl_path.write_bytes(files[t.legacy_idl])
            for rel, content in generate_client(idl_path, t.address).items():
                files[t.client / rel] = content
        files[t.client / "pdas.py"] = render_pdas(t.program).encode()
    return files


def _strays(root: Path, targets: list[Targets], files: dict[Path, bytes]) -> list[Path]:
    """Files in the generated client folders that the generator would not write."""
    folders = [t.client for t in targets] + [t.rust_src / "interface" for t in targets]
    return [path.relative_to(root)
            for folder in folders for path in sorted((root / folder).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
            and path.relative_to(root) not in files]


def generate(root: Path) -> int:
    program_ids.sync(root, program_ids.program_names(root))
    targets = programs(root)
    files = generated_files(targets)
    for stray in _strays(root, targets, files):
        (root / stray).unlink()
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != content:
            path.write_bytes(content)
    (root / "client" / "ionet" / "generated" / "__init__.py").touch()
    print(f"idlgen: {len(files)} files up to date")
    return 0


def stale_files(root: Path) -> list[str]:
    """Generated files that differ from what the interface definitions give."""
    targets = programs(root)
    files = generated_files(targets)
    stale = [str(rel) for rel, content in files.items()
             if not (root / rel).exists() or (root / rel).read_bytes() != content]
    stale += [f"{stray} (not generated)" for stray in _strays(root, targets, files)]
    return sorted(stale)


def check(root: Path) -> int:
    stale = stale_files(root)
    if stale:
        print("idlgen: stale generated files (run `make generate`):", *stale, sep="\n  ")
        return 1
    print("idlgen: every generated file is up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="idlgen", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["generate", "check"])
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    return generate(args.root) if args.command == "generate" else check(args.root)


if __name__ == "__main__":
    sys.exit(main())
