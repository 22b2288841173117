"""`make build` for this repository, the way `anchor build` works for an Anchor one:
program keypairs and Anchor.toml ids, every program crate to `target/deploy/<name>.so`,
and a table of what was built. The IDLs in `target/idl/` and their TypeScript types in
`target/types/` are generated from the interface definitions (`make generate`) and
committed, like every generated file.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from idlgen import program_ids

from .compile import compile_crate
from .tools import find_toolchain


@dataclass(frozen=True)
class BuiltProgram:
    name: str
    path: Path
    size: int
    instructions: int
    seconds: float


def build(root: Path, names: list[str] | None = None) -> list[BuiltProgram]:
    """Builds the named programs (default: all) of `root`."""
    all_names = program_ids.program_names(root)
    program_ids.sync(root, all_names)
    toolchain = find_toolchain()
    deploy = root / "target" / "deploy"
    deploy.mkdir(parents=True, exist_ok=True)
    built = []
    for name in names or all_names:
        started = time.perf_counter()
        compiled = compile_crate(toolchain, root / "programs", name,
                                 root / "programs" / "target" / "sbf")
        out = deploy / f"{name}.so"
        if not out.exists() or out.read_bytes() != compiled.linked.elf:
            out.write_bytes(compiled.linked.elf)
        built.append(BuiltProgram(name, out, len(compiled.linked.elf),
                                  compiled.linked.instructions, time.perf_counter() - started))
    return built


def table(built: list[BuiltProgram]) -> str:
    rows = [("program", "size (bytes)", "instructions", "build (s)")]
    rows += [(b.name, f"{b.size:,}", f"{b.instructions:,}", f"{b.seconds:.2f}") for b in built]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        numbers = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        cells = [row[0].ljust(widths[0]), *numbers]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def host_tests(root: Path) -> int:
    """Runs `cargo test` over the programs' workspace on the host; returns its exit code."""
    toolchain = find_toolchain()
    args = [str(toolchain.cargo), "test", "--offline", "--quiet", "--workspace", "--lib",
            "--manifest-path", str(root / "programs" / "Cargo.toml"),
            "--target-dir", str(root / "programs" / "target" / "host")]
    return subprocess.run(args, env=toolchain.environment()).returncode
