"""The whole pipeline: cargo -> bitcode -> opt -> IR fix-up -> llc -> link, on a fixture
crate and on our programs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbfbuild import tools
from sbfbuild.compile import archive_members, compile_crate
from sbfbuild.tools import Toolchain, ToolchainError

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("data", [b"", b"abc", b"even", bytes(range(64)), bytes(100)])
def test_memory_intrinsics_and_function_pointers_run(toolchain: Toolchain, tmp_path: Path,
                                                     runtime, data: bytes) -> None:
    compiled = compile_crate(toolchain, FIXTURES, "memops", tmp_path / "target")
    assert compiled.memory_intrinsics_rewritten >= 2
    assert {"sol_memcpy_", "sol_memset_"} <= set(compiled.linked.syscalls)

    meta = runtime.call(compiled.linked.elf, data)

    n = min(len(data), 64)
    expected = data[:n] + b"\xab" * (64 - n)
    if n % 2:
        expected = bytes(~b & 0xFF for b in expected)
    assert bytes(meta.return_data().data) == expected


def test_builds_are_byte_identical(toolchain: Toolchain, tmp_path: Path) -> None:
    first = compile_crate(toolchain, ROOT / "programs", "io_staking", tmp_path / "a")
    second = compile_crate(toolchain, ROOT / "programs", "io_staking", tmp_path / "b")
    assert first.linked.elf == second.linked.elf


def test_archive_members_reads_gnu_long_names() -> None:
    long_name = "a-very-long-member-name-over-sixteen.o"
    names = f"{long_name}/\n".encode()
    archive = b"!<arch>\n"
    archive += b"//".ljust(48) + str(len(names)).encode().ljust(10) + b"`\n" + names
    body = b"BC\xc0\xde payload"
    archive += b"/0".ljust(48) + str(len(body)).encode().ljust(10) + b"`\n" + body + b"\n"
    assert archive_members(archive) == [(long_name, body)]


def test_missing_toolchain_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("SBF_RUSTC", str(tmp_path / "no-rustc"))
    tools.find_toolchain.cache_clear()
    try:
        with pytest.raises(ToolchainError, match="libstd-rust-web-dev-bpf"):
            tools.find_toolchain()
    finally:
        tools.find_toolchain.cache_clear()
