"""One crate to one SBPF v0 program: cargo -> bitcode -> opt -> IR fix-up -> llc -> link.

    cargo rustc --crate-type staticlib --target bpfel-unknown-none   (fat LTO, panic=abort)
      -> lib<crate>.a holding LLVM bitcode
      -> opt -strip-debug        (the prebuilt core carries DWARF; llc would emit .debug_*)
      -> irfix                   (variable-length memcpy/memmove/memset -> syscalls)
      -> llc -mcpu=v2            (v2: no ALU32/JMP32 encodings, which SBPF v0 rejects)
      -> linker.link             (ET_REL -> ET_DYN the loader accepts)
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .irfix import fix_memory_intrinsics
from .linker import LinkedProgram, link
from .tools import TARGET, Toolchain

# The release profile every program is built with, passed on cargo's command line so that
# a crate cannot build differently by accident. Fat LTO internalizes everything but
# `entrypoint`, which is what removes core::fmt and unused code.
CARGO_PROFILE = {
    "profile.release.panic": '"abort"',
    "profile.release.lto": '"fat"',
    "profile.release.codegen-units": "1",
    "profile.release.opt-level": "2",
    "profile.release.debug": "false",
    "profile.release.overflow-checks": "false",
    "profile.release.incremental": "false",
}

LLC_FLAGS = (
    "-march=bpfel",
    "-mcpu=v2",
    "-mattr=+allows-misaligned-mem-access",
    "-profile-guided-section-prefix=false",
    "-bpf-stack-size=4096",
    "-max-store-memcpy=1024",
    "-filetype=obj",
)

_BITCODE_MAGIC = b"BC\xc0\xde"


class CompileError(Exception):
    """A step of the pipeline failed; the message names the step and shows its output."""


@dataclass(frozen=True)
class CompiledProgram:
    crate: str
    linked: LinkedProgram
    memory_intrinsics_rewritten: int


def _run(step: str, args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise CompileError(f"{step} failed ({' '.join(args[:2])} ...):\n{output}")
    return result


def archive_members(archive: bytes) -> list[tuple[str, bytes]]:
    """The members of a System V / GNU `ar` archive."""
    if not archive.startswith(b"!<arch>\n"):
        raise CompileError("not an ar archive")
    members, pos, names = [], 8, b""
    while pos + 60 <= len(archive):
        header = archive[pos : pos + 60]
        name = header[:16].decode().strip()
        size = int(header[48:58].decode().strip())
        body = archive[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name == "//":
            names = body
            continue
        if name.startswith("/") and name[1:].isdigit():
            start = int(name[1:])
            name = names[start : names.index(b"/\n", start)].decode()
        members.append((name.rstrip("/"), body))
    return members


def cargo_staticlib(toolchain: Toolchain, workspace: Path, crate: str, target_dir: Path) -> Path:
    """Builds `crate` of the cargo workspace as a BPF static library; returns the .a."""
    args = [str(toolchain.cargo), "rustc", "--offline", "--release", "--quiet",
            "--target", TARGET, "--manifest-path", str(workspace / "Cargo.toml"),
            "-p", crate, "--crate-type", "staticlib", "--target-dir", str(target_dir)]
    for key, value in CARGO_PROFILE.items():
        args += ["--config", f"{key}={value}"]
    _run(f"cargo build of {crate}", args, env=toolchain.environment())
    return target_dir / TARGET / "release" / f"lib{crate.replace('-', '_')}.a"


def lower_bitcode(toolchain: Toolchain, bitcode: list[bytes], work: Path) -> tuple[bytes, int]:
    """Bitcode modules -> one BPF relocatable object; returns (object, rewritten calls)."""
    inputs = []
    for i, module in enumerate(bitcode):
        path = work / f"module{i}.bc"
        path.write_bytes(module)
        inputs.append(str(path))
    merged = work / "merged.bc"
    if len(inputs) == 1:
        merged = Path(inputs[0])
    else:
        _run("llvm-link", [str(toolchain.llvm_link), *inputs, "-o", str(merged)])
    stripped = work / "stripped.bc"
    _run("opt", [str(toolchain.opt), "-strip-debug", str(merged), "-o", str(stripped)])
    ir = _run("llvm-dis", [str(toolchain.llvm_dis), str(stripped), "-o", "-"]).stdout
    fixed, rewritten = fix_memory_intrinsics(ir)
    fixed_path = work / "fixed.ll"
    fixed_path.write_text(fixed)
    obj = work / "program.o"
    _run("llc", [str(toolchain.llc), *LLC_FLAGS, str(fixed_path), "-o", str(obj)])
    return obj.read_bytes(), rewritten


def compile_crate(toolchain: Toolchain, workspace: Path, crate: str,
                  target_dir: Path) -> CompiledProgram:
    """Builds one crate of `workspace` into a linked SBPF v0 program."""
    archive = cargo_staticlib(toolchain, workspace, crate, target_dir)
    bitcode = [body for _, body in archive_members(archive.read_bytes())
               if body.startswith(_BITCODE_MAGIC)]
    if not bitcode:
        raise CompileError(f"{archive} holds no LLVM bitcode: is the target {TARGET}?")
    with tempfile.TemporaryDirectory(prefix="sbfbuild-") as tmp:
        obj, rewritten = lower_bitcode(toolchain, bitcode, Path(tmp))
    return CompiledProgram(crate, link(obj), rewritten)
