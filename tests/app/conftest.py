"""Fixtures of the wallet app's tests: ``world`` is io_staking, io_slashing and io_escrow
(real binaries, fresh addresses, deployed once for these tests on the session's ``ionet
localnet``) and the real ``ionet app`` serving them, started as a subprocess in a working
directory whose ``Anchor.toml`` names the three programs. The harnesses of the programs'
own tests set the scenes up; everything under test goes through the app's HTTP API.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

# Pytest imports test modules with importlib (pyproject.toml): the programs' harnesses and
# this directory's helpers go on the path.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_staking"))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_slashing"))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_escrow"))

from app_world import AppWorld, Shared, free_port
from escrow_harness import ESCROW_ELF, new_escrow_env
from slashing_harness import SLASHING_ELF, STAKING_ELF, SlashEnv, new_pair
from staking_harness import Env

from ionet.testing import TestCluster

IONET = Path(sys.executable).with_name("ionet")
_SHARED: dict[str, Shared] = {}


def _wait_ready(process: subprocess.Popen[str], url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"ionet app exited ({process.returncode}): "
                               f"{process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/api/config", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("ionet app did not answer in time")


@pytest.fixture(scope="session")
def app_processes() -> Iterator[list[subprocess.Popen[str]]]:
    """The ``ionet app`` processes of the session, stopped at its end."""
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


async def _deploy(cluster: TestCluster, rpc_url: str, workdir: Path,
                  processes: list[subprocess.Popen[str]]) -> Shared:
    for elf in (STAKING_ELF, SLASHING_ELF, ESCROW_ELF):
        if not elf.exists():
            pytest.fail(f"{elf} is missing: run `make build` first")
    pair = await new_pair(cluster, STAKING_ELF.read_bytes(), SLASHING_ELF.read_bytes())
    senv = SlashEnv(cluster, pair)
    escrow = await new_escrow_env(senv.staking, ESCROW_ELF.read_bytes())
    usdc = await escrow.add_mint("usdc")
    (workdir / "Anchor.toml").write_text(
        f"[programs.localnet]\nio_staking = \"{pair.staking.program.program_id}\"\n"
        f"io_slashing = \"{pair.program.program_id}\"\n"
        f"io_escrow = \"{escrow.program.program_id}\"\n")
    port = free_port()
    process = subprocess.Popen([str(IONET), "app", "--url", rpc_url, "--port", str(port)],
                               cwd=workdir, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    processes.append(process)
    url = f"http://127.0.0.1:{port}"
    _wait_ready(process, url)
    return Shared(pair, escrow, usdc, url)


@pytest.fixture
async def world(cluster: TestCluster, cluster_backend: dict[str, Any],
                app_processes: list[subprocess.Popen[str]],
                tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[AppWorld]:
    if cluster_backend["backend"] != "http":
        pytest.skip("the wallet app talks to ionet localnet over HTTP")
    if "shared" not in _SHARED:
        _SHARED["shared"] = await _deploy(cluster, cluster_backend["process"].rpc_url,
                                          tmp_path_factory.mktemp("app"), app_processes)
    shared = _SHARED["shared"]
    senv = SlashEnv(cluster, shared.pair)
    escrow = replace(shared.escrow, staking=Env(cluster, shared.pair.staking))
    async with httpx.AsyncClient(base_url=shared.url, timeout=30) as http:
        yield AppWorld(senv, escrow, shared.usdc, shared.url, http)
