"""Fixtures of the io_staking tests.

Every test owns its program state: ``env`` is a deployment of io_staking of the test's
own (a new program address, stake mint, treasury, config and keys), with a classic SPL
Token mint; ``env_any`` the same, parametrized over SPL Token and Token-2022 mints.
``fresh_env`` / ``fresh_env_any`` are the same (the names say it). What
tests do share is the validator of the session (``cluster``: its ledger, slot and clock,
which tests only ever move forward) and:

* ``caller``: the slasher stand-in (``tests/programs/slash_caller``), compiled once by the
  same toolchain and deployed once; it holds no state, and its ["slasher"] PDA is every
  deployment's slasher.

So a wrong payout breaks the books of one deployment and fails the one test that made
it; the invariant check (``Env.send``) names that test and the transaction.

Compute units recorded under a label (``Env.send(..., label=...)``) are summed up at the
end of the session in a table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from ionet.testing import TestCluster

# Pytest imports test modules with importlib (pyproject.toml); the tests of this directory
# share `staking_harness`, which this puts on the path.
sys.path.insert(0, str(Path(__file__).parent))

from staking_harness import (
    PROPERTY_SEED,
    ROOT,
    TOKEN_PROGRAMS,
    Env,
    SlashCaller,
    deploy_caller,
    new_deployment,
)

ELF = ROOT / "target" / "deploy" / "io_staking.so"
CALLER_CRATE = ROOT / "tests" / "programs" / "slash_caller"

_COMPUTE_UNITS: dict[str, list[int]] = {}
_SHARED: dict[str, Any] = {}


@pytest.fixture(scope="session")
def staking_elf() -> bytes:
    if not ELF.exists():
        pytest.fail(f"{ELF} is missing: run `make build` first")
    return ELF.read_bytes()


@pytest.fixture(scope="session")
def caller_elf() -> bytes:
    """The slasher stand-in, built by the same toolchain as the programs."""
    from sbfbuild.compile import compile_crate
    from sbfbuild.tools import find_toolchain

    compiled = compile_crate(find_toolchain(), CALLER_CRATE, "slash_caller",
                             ROOT / "programs" / "target" / "slash_caller")
    return compiled.linked.elf


@pytest.fixture
async def caller(cluster: TestCluster, caller_elf: bytes) -> SlashCaller:
    if "caller" not in _SHARED:
        _SHARED["caller"] = await deploy_caller(cluster, caller_elf)
    caller: SlashCaller = _SHARED["caller"]
    return caller


@pytest.fixture
def compute_units() -> dict[str, list[int]]:
    """The session's compute-unit log, for tests that build their own ``Env``."""
    return _COMPUTE_UNITS


async def own_env(request: pytest.FixtureRequest, cluster: TestCluster, elf: bytes,
                  caller: SlashCaller, token_program: str = "spl") -> Env:
    """A deployment of the requesting test's own, bound to its cluster connection."""
    deployment = await new_deployment(cluster, elf, caller, TOKEN_PROGRAMS[token_program])
    return Env(cluster, deployment, _COMPUTE_UNITS, test=request.node.nodeid)


@pytest.fixture
async def env(request: pytest.FixtureRequest, cluster: TestCluster, staking_elf: bytes,
              caller: SlashCaller) -> Env:
    return await own_env(request, cluster, staking_elf, caller)


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def env_any(request: pytest.FixtureRequest, cluster: TestCluster, staking_elf: bytes,
                  caller: SlashCaller) -> Env:
    return await own_env(request, cluster, staking_elf, caller, request.param)


@pytest.fixture
async def fresh_env(request: pytest.FixtureRequest, cluster: TestCluster, staking_elf: bytes,
                    caller: SlashCaller) -> Env:
    """``env`` (every ``env`` is fresh now); kept for the tests that say so."""
    return await own_env(request, cluster, staking_elf, caller)


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def fresh_env_any(request: pytest.FixtureRequest, cluster: TestCluster,
                        staking_elf: bytes, caller: SlashCaller) -> Env:
    """``env_any`` (every ``env_any`` is fresh now); kept for the tests that say so."""
    return await own_env(request, cluster, staking_elf, caller, request.param)


def _seed_line() -> str:
    return (f"io_staking property seed: {PROPERTY_SEED} "
            f"(IONET_PROPERTY_SEED={PROPERTY_SEED} repeats this run's examples)")


def pytest_report_header() -> str:
    return _seed_line()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(_seed_line())  # also under -q, where there is no header
    if not _COMPUTE_UNITS:
        return
    terminalreporter.section("io_staking compute units (transaction metadata)")
    width = max(len(label) for label in _COMPUTE_UNITS)
    terminalreporter.write_line(f"{'instruction'.ljust(width)}  {'min':>7} {'max':>7}  samples")
    for label in sorted(_COMPUTE_UNITS):
        units = _COMPUTE_UNITS[label]
        terminalreporter.write_line(
            f"{label.ljust(width)}  {min(units):>7,} {max(units):>7,}  {len(units)}")
    size = ELF.stat().st_size if ELF.exists() else 0
    terminalreporter.write_line(f"program size: {size:,} bytes")


