"""Where the interface definitions are and where their generated files go."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .model import Program

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Targets:
    """Every file generated for one program, relative to the repository root."""

    program: Program
    address: str

    @property
    def rust_src(self) -> Path:
        """The program's `src/`: the generated `interface/` and `instructions/mod.rs`."""
        return Path("programs") / self.program.name / "src"

    @property
    def legacy_idl(self) -> Path:
        return Path("client") / "ionet" / "idl" / f"{self.program.name}.json"

    @property
    def spec_idl(self) -> Path:
        return Path("client") / "ionet" / "idl" / f"{self.program.name}.anchor-0.30.json"

    @property
    def target_idl(self) -> Path:
        """The 0.30 IDL where Anchor >= 0.30 writes it (what anchor-cli and TS read)."""
        return Path("target") / "idl" / f"{self.program.name}.json"

    @property
    def target_types(self) -> Path:
        """The TypeScript type of the 0.30 IDL, where `anchor build` writes it."""
        return Path("target") / "types" / f"{self.program.name}.ts"

    @property
    def client(self) -> Path:
        return Path("client") / "ionet" / "generated" / self.program.name


def program_ids(root: Path = ROOT) -> dict[str, str]:
    """Program ids from Anchor.toml's [programs.localnet]."""
    anchor = tomllib.loads((root / "Anchor.toml").read_text())
    return dict(anchor.get("programs", {}).get("localnet", {}))


def programs(root: Path = ROOT) -> list[Targets]:
    """Every program with an interface definition (programs/<name>/idl.json)."""
    ids = program_ids(root)
    targets = []
    for idl_path in sorted((root / "programs").glob("*/idl.json")):
        program = Program.load(idl_path)
        if program.name not in ids:
            raise SystemExit(
                f"{program.name} has no id in Anchor.toml [programs.localnet]: run `make build`"
            )
        targets.append(Targets(program, ids[program.name]))
    return targets
