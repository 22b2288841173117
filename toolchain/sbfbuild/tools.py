"""Finds the Rust and LLVM tools that can build for `bpfel-unknown-none`.

rustup's toolchains usually come first on PATH and have no BPF core library; Debian's
`rustc-web` with `libstd-rust-web-dev-bpf` does. So instead of trusting PATH, every
candidate `rustc` is asked for its sysroot, and the first whose sysroot holds a
`bpfel-unknown-none` library is taken. The LLVM tools must read that rustc's bitcode,
so their major version is the rustc's LLVM version. Environment overrides:
`SBF_RUSTC`, `SBF_CARGO`, `SBF_LLVM_BIN` (a folder with opt-N/llc-N or opt/llc).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TARGET = "bpfel-unknown-none"
_RUSTC_CANDIDATES = ("/usr/bin/rustc", "/usr/local/bin/rustc")


class ToolchainError(Exception):
    """No usable tool was found; the message says what to install or set."""


@dataclass(frozen=True)
class Toolchain:
    rustc: Path
    cargo: Path
    opt: Path
    llc: Path
    llvm_dis: Path
    llvm_link: Path
    llvm_major: int

    def llvm_tool(self, name: str) -> Path:
        """Another tool of the same LLVM (llvm-mc for the linker's fixtures, ...)."""
        return _llvm_tool(name, self.llvm_major)

    def environment(self) -> dict[str, str]:
        """The environment cargo runs in: our rustc first, rustup out of the way."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("RUSTUP_TOOLCHAIN", "RUSTC_WRAPPER", "CARGO_BUILD_TARGET")}
        env["RUSTC"] = str(self.rustc)
        env["PATH"] = os.pathsep.join([str(self.rustc.parent), env.get("PATH", "")])
        env["CARGO_TERM_COLOR"] = "never"
        return env


def _run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _has_bpf_std(rustc: Path) -> bool:
    try:
        sysroot = _run([str(rustc), "--print", "sysroot"]).strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return (Path(sysroot) / "lib" / "rustlib" / TARGET / "lib").is_dir()


def _rustc_candidates() -> list[Path]:
    if override := os.environ.get("SBF_RUSTC"):
        return [Path(override)]
    found = [Path(p) for p in _RUSTC_CANDIDATES]
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        found.append(Path(directory) / "rustc")
    return [p for p in dict.fromkeys(found) if p.is_file()]


def _llvm_tool(name: str, major: int) -> Path:
    folders = []
    if override := os.environ.get("SBF_LLVM_BIN"):
        folders.append(Path(override))
    folders.append(Path(f"/usr/lib/llvm-{major}/bin"))
    for folder in folders:
        for candidate in (folder / f"{name}-{major}", folder / name):
            if candidate.is_file():
                return candidate
    if path := shutil.which(f"{name}-{major}"):
        return Path(path)
    raise ToolchainError(
        f"{name}-{major} not found: install Debian's llvm-{major} "
        f"(apt-get install llvm-{major}) or set SBF_LLVM_BIN"
    )


@cache
def find_toolchain() -> Toolchain:
    """The first rustc with a BPF core library, its cargo, and matching LLVM tools."""
    rustc = next((p for p in _rustc_candidates() if _has_bpf_std(p)), None)
    if rustc is None:
        raise ToolchainError(
            f"no rustc with a {TARGET} core library found: install Debian's rustc-web "
            "cargo-web libstd-rust-web-dev-bpf, or set SBF_RUSTC"
        )
    cargo = Path(os.environ.get("SBF_CARGO") or rustc.parent / "cargo")
    if not cargo.is_file():
        raise ToolchainError(f"no cargo beside {rustc}: install cargo-web or set SBF_CARGO")
    version = _run([str(rustc), "-vV"])
    match = re.search(r"^LLVM version: (\d+)", version, re.MULTILINE)
    if match is None:
        raise ToolchainError(f"{rustc} -vV does not report its LLVM version")
    major = int(match.group(1))
    return Toolchain(rustc, cargo, _llvm_tool("opt", major), _llvm_tool("llc", major),
                     _llvm_tool("llvm-dis", major), _llvm_tool("llvm-link", major), major)
