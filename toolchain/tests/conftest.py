"""Fixtures for the toolchain's tests: assembling BPF fixtures, running linked programs."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from solders.keypair import Keypair
from solders.litesvm import LiteSVM

from ionet import svm as svm_api
from sbfbuild.tools import Toolchain, find_toolchain


@pytest.fixture(scope="session")
def toolchain() -> Toolchain:
    return find_toolchain()


@pytest.fixture
def assemble(toolchain: Toolchain, tmp_path: Path) -> Callable[[str], bytes]:
    """BPF assembly text -> relocatable object, with llvm-mc."""

    def run(source: str) -> bytes:
        src = tmp_path / "fixture.s"
        obj = tmp_path / "fixture.o"
        src.write_text(source)
        subprocess.run([str(toolchain.llvm_tool("llvm-mc")), "-triple", "bpfel", "-mcpu=v2",
                        "-filetype=obj", str(src), "-o", str(obj)], check=True)
        return obj.read_bytes()

    return run


class Runtime:
    """A LiteSVM with a funded payer: deploys linked programs through loader v3, calls them."""

    def __init__(self) -> None:
        self.svm: LiteSVM = svm_api.new_svm()
        self.payer = Keypair()
        self.svm.airdrop(self.payer.pubkey(), 10**12)

    def deploy(self, elf: bytes) -> Keypair:
        program = Keypair()
        svm_api.deploy_program(self.svm, self.payer, program, elf)
        return program

    def call(self, elf: bytes, data: bytes = b"") -> svm_api.TransactionMetadata:
        from solders.instruction import Instruction

        program = self.deploy(elf)
        return svm_api.send(self.svm, [Instruction(program.pubkey(), data, [])], [self.payer])


@pytest.fixture
def runtime() -> Runtime:
    return Runtime()
