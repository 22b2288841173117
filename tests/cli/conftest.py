"""Fixtures of the CLI tests: the real ``ionet`` console script, run as a subprocess against
the session's ``ionet localnet`` (``tests/conftest.py``'s ``cluster_backend``).

``world`` (session-wide) is a home directory with a Solana CLI config file pointing at the
localnet and a funded deployer keypair, a working directory whose ``Anchor.toml`` names a
fresh io_staking, deployed with ``ionet deploy`` and initialized with ``ionet init`` over a
new 6-decimal mint. ``cli`` runs ``ionet`` there; ``world.user(tokens)`` makes a funded
keypair file holding stake tokens. ``market`` (session-wide) adds io_escrow and io_slashing
deployed with an io_staking of their own (``market_harness``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from solders.keypair import Keypair
from solders.pubkey import Pubkey

# Pytest imports test modules with importlib (pyproject.toml); the tests of this directory
# share `cli_harness`, which this puts on the path.
sys.path.insert(0, str(Path(__file__).parent))

from cli_harness import DECIMALS, SLASHING_ID, STAKING_SO, TestCluster, World, write_keypair
from market_harness import Market, new_market


@pytest.fixture(scope="session")
def world(cluster_backend: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[World]:
    backend = cluster_backend["backend"]
    if backend == "inprocess":
        pytest.skip("the CLI tests need a validator reachable over HTTP")
    if backend == "external":
        pytest.skip("the CLI tests warp the clock of ionet localnet")
    if not STAKING_SO.exists():
        pytest.fail(f"{STAKING_SO} is missing: run `make build` first")
    url = cluster_backend["process"].rpc_url
    home = tmp_path_factory.mktemp("cli-home")
    workdir = tmp_path_factory.mktemp("cli-work")
    deployer = Keypair()
    deployer_path = write_keypair(home / "deployer.json", deployer)
    config = home / ".config" / "solana" / "cli" / "config.yml"
    config.parent.mkdir(parents=True)
    config.write_text(f"---\njson_rpc_url: \"{url}\"\nwebsocket_url: \"\"\n"
                      f"keypair_path: {deployer_path}\ncommitment: confirmed\n")
    w = World(url, home, workdir, deployer, deployer_path)
    w.call(lambda c: c.airdrop(deployer.pubkey(), 500 * 10**9))

    program = Keypair()
    program_path = write_keypair(home / "io_staking-keypair.json", program)
    w.program_id = program.pubkey()
    (workdir / "Anchor.toml").write_text(
        f"[programs.localnet]\nio_staking = \"{w.program_id}\"\n"
        f"io_slashing = \"{SLASHING_ID}\"\n")
    deployed = w.json("deploy", str(STAKING_SO), "--program-keypair", str(program_path))
    assert deployed["programs"][0]["programId"] == str(w.program_id)

    async def mint(cluster: TestCluster) -> Pubkey:
        return await cluster.create_mint(DECIMALS, w.mint_authority.pubkey())
    w.mint = w.call(mint)
    w.ok("init", "--mint", str(w.mint), "--reward-authority",
         str(w.reward_authority.pubkey()), "--pause-authority", str(w.pause_authority.pubkey()),
         "--min-stake-per-gpu", "200")
    yield w


@pytest.fixture
def cli(world: World) -> World:
    return world


@pytest.fixture(scope="session")
def market(world: World, tmp_path_factory: pytest.TempPathFactory) -> Market:
    return new_market(world, tmp_path_factory.mktemp("cli-market"))
