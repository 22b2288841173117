"""Fixtures of the io_escrow tests.

* ``staking``: an io_staking deployment shared by the session (SPL Token stake mint), whose
  nodes the escrows are opened on; its slasher is the stand-in ``tests/programs/slash_caller``.
* ``env``: a fresh io_escrow of the test's own over it, initialized, with one enabled SPL
  Token payment mint ``usdc`` (6 decimals). ``env_any`` is the same with the mint of
  ``token_program`` parametrized over SPL Token and Token-2022.

Compute units recorded under a label (``EscrowEnv.send(..., label=...)``) are printed at
the end of the session.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_staking"))

from escrow_harness import (
    ESCROW_ELF,
    STAKING_ELF,
    TOKEN_PROGRAMS,
    EscrowEnv,
    new_escrow_env,
)
from staking_harness import ROOT, Env, SlashCaller, deploy_caller, new_deployment

from ionet.testing import TestCluster

CALLER_CRATE = ROOT / "tests" / "programs" / "slash_caller"
COMPUTE_UNITS: dict[str, list[int]] = {}
_SHARED: dict[str, Any] = {}


def _elf(path: Path) -> bytes:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make build` first")
    return path.read_bytes()


@pytest.fixture(scope="session")
def escrow_elf() -> bytes:
    return _elf(ESCROW_ELF)


@pytest.fixture(scope="session")
def slash_caller_elf() -> bytes:
    from sbfbuild.compile import compile_crate
    from sbfbuild.tools import find_toolchain

    return compile_crate(find_toolchain(), CALLER_CRATE, "slash_caller",
                         ROOT / "programs" / "target" / "slash_caller").linked.elf


@pytest.fixture
async def staking(cluster: TestCluster, slash_caller_elf: bytes) -> Env:
    if "staking" not in _SHARED:
        caller: SlashCaller = await deploy_caller(cluster, slash_caller_elf)
        _SHARED["staking"] = await new_deployment(cluster, _elf(STAKING_ELF), caller)
    return Env(cluster, _SHARED["staking"])


@pytest.fixture
async def bare_env(staking: Env, escrow_elf: bytes) -> EscrowEnv:
    """A fresh io_escrow with no payment mint yet."""
    env = await new_escrow_env(staking, escrow_elf)
    env.compute_units = COMPUTE_UNITS
    return env


@pytest.fixture
async def env(bare_env: EscrowEnv) -> EscrowEnv:
    await bare_env.add_mint("usdc")
    return bare_env


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def env_any(request: pytest.FixtureRequest, bare_env: EscrowEnv) -> EscrowEnv:
    await bare_env.add_mint("usdc", TOKEN_PROGRAMS[request.param])
    return bare_env


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not COMPUTE_UNITS:
        return
    terminalreporter.section("io_escrow compute units (transaction metadata)")
    width = max(len(label) for label in COMPUTE_UNITS)
    terminalreporter.write_line(f"{'instruction'.ljust(width)}  {'min':>7} {'max':>7}  samples")
    for label in sorted(COMPUTE_UNITS):
        units = COMPUTE_UNITS[label]
        terminalreporter.write_line(
            f"{label.ljust(width)}  {min(units):>7,} {max(units):>7,}  {len(units)}")
    size = ESCROW_ELF.stat().st_size if ESCROW_ELF.exists() else 0
    terminalreporter.write_line(f"io_escrow program size: {size:,} bytes")
