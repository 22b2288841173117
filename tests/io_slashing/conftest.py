"""Fixtures of the io_slashing tests.

* ``senv``: io_slashing and io_staking (classic SPL Token) deployed once per session and
  shared by the tests that do not change the config (each uses fresh nodes, owners and
  proposals); ``fresh_senv``: a pair of the test's own.
* io_staking's test harness (``tests/io_staking/staking_harness.py``) drives the staking
  side; its invariants are checked after every transaction.

Compute units recorded under a label are printed at the end of the session.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from ionet.testing import TestCluster

# Pytest imports test modules with importlib (pyproject.toml): this puts the harnesses of
# this directory and of io_staking's tests on the path.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_staking"))
# The cross-program test opens escrows with io_escrow's harness.
sys.path.insert(0, str(Path(__file__).parents[1] / "io_escrow"))

from slashing_harness import SLASHING_ELF, STAKING_ELF, Deployment, SlashEnv, new_pair

HERE = Path(__file__).parent
COMPUTE_UNITS: dict[str, list[int]] = {}
_SHARED: dict[str, Deployment] = {}


def _elf(path: Path) -> bytes:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make build` first")
    return path.read_bytes()


@pytest.fixture(scope="session")
def elfs() -> tuple[bytes, bytes]:
    """(io_staking, io_slashing) as built."""
    return _elf(STAKING_ELF), _elf(SLASHING_ELF)


@pytest.fixture(scope="session")
def caller_elf() -> bytes:
    """io_staking's slasher stand-in (``tests/programs/slash_caller``): another program
    signing for its own ["slasher"] PDA, which is not io_staking's config.slasher here."""
    from sbfbuild.compile import compile_crate
    from sbfbuild.tools import find_toolchain

    root = HERE.parents[1]
    compiled = compile_crate(find_toolchain(), root / "tests" / "programs" / "slash_caller",
                             "slash_caller", root / "programs" / "target" / "slash_caller")
    return compiled.linked.elf


@pytest.fixture
def compute_units() -> dict[str, list[int]]:
    """The session's compute-unit log, for tests that build their own ``SlashEnv``."""
    return COMPUTE_UNITS


@pytest.fixture
async def senv(cluster: TestCluster, elfs: tuple[bytes, bytes]) -> SlashEnv:
    if "pair" not in _SHARED:
        _SHARED["pair"] = await new_pair(cluster, *elfs)
    return SlashEnv(cluster, _SHARED["pair"], COMPUTE_UNITS)


@pytest.fixture
async def fresh_senv(cluster: TestCluster, elfs: tuple[bytes, bytes]) -> SlashEnv:
    return SlashEnv(cluster, await new_pair(cluster, *elfs), COMPUTE_UNITS)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not COMPUTE_UNITS:
        return
    terminalreporter.section("io_slashing compute units (transaction metadata)")
    width = max(len(label) for label in COMPUTE_UNITS)
    terminalreporter.write_line(f"{'instruction'.ljust(width)}  {'min':>7} {'max':>7}  samples")
    for label in sorted(COMPUTE_UNITS):
        units = COMPUTE_UNITS[label]
        terminalreporter.write_line(
            f"{label.ljust(width)}  {min(units):>7,} {max(units):>7,}  {len(units)}")
    size = SLASHING_ELF.stat().st_size if SLASHING_ELF.exists() else 0
    terminalreporter.write_line(f"program size: {size:,} bytes")
