"""Fixtures of the io_staking tests.

* ``env``: a deployment of io_staking shared by the tests of a session (per token
  program), with a classic SPL Token mint; tests that do not change the config use it with
  fresh owners and nodes. ``env_any`` is the same, parametrized over SPL Token and
  Token-2022 mints.
* ``fresh_env`` / ``fresh_env_any``: a deployment of the test's own, for tests that change
  the config (pause, settings, admin) or need particular settings.
* ``caller``: the slasher stand-in (``tests/programs/slash_caller``), compiled once by the
  same toolchain and deployed once; its ["slasher"] PDA is every deployment's slasher.

Compute units recorded under a label (``Env.send(..., label=...)``) are summed up at the
end of the session in a table.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from ionet.testing import TestCluster

# Pytest imports test modules with importlib (pyproject.toml); the tests of this directory
# share `staking_harness`, which this puts on the path.
sys.path.insert(0, str(Path(__file__).parent))

from staking_harness import (
    ROOT,
    TOKEN_PROGRAMS,
    Deployment,
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


async def _shared(cluster: TestCluster, elf: bytes, caller: SlashCaller,
                  kind: str) -> Deployment:
    if kind not in _SHARED:
        _SHARED[kind] = await new_deployment(cluster, elf, caller, TOKEN_PROGRAMS[kind])
    deployment: Deployment = _SHARED[kind]
    return deployment


@pytest.fixture
def compute_units() -> dict[str, list[int]]:
    """The session's compute-unit log, for tests that build their own ``Env``."""
    return _COMPUTE_UNITS


def _env(cluster: TestCluster, deployment: Deployment) -> Env:
    return Env(cluster, deployment, _COMPUTE_UNITS)


@pytest.fixture
async def env(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> Env:
    return _env(cluster, await _shared(cluster, staking_elf, caller, "spl"))


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def env_any(request: pytest.FixtureRequest, cluster: TestCluster, staking_elf: bytes,
                  caller: SlashCaller) -> Env:
    return _env(cluster, await _shared(cluster, staking_elf, caller, request.param))


@pytest.fixture
async def fresh_env(cluster: TestCluster, staking_elf: bytes,
                    caller: SlashCaller) -> AsyncIterator[Env]:
    yield _env(cluster, await new_deployment(cluster, staking_elf, caller))


@pytest.fixture(params=sorted(TOKEN_PROGRAMS))
async def fresh_env_any(request: pytest.FixtureRequest, cluster: TestCluster,
                        staking_elf: bytes, caller: SlashCaller) -> Env:
    return _env(cluster, await new_deployment(cluster, staking_elf, caller,
                                              TOKEN_PROGRAMS[request.param]))


def pytest_terminal_summary(terminalreporter: Any) -> None:
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


