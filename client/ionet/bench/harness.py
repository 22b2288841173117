"""The deployments the bench measures, made by the test suite's own harnesses
(``tests/io_*/*_harness.py``): the same programs, wallets and invariant checks as the
tests, so that the bench and the budget tests measure one way."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet.testing import TestCluster

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "target" / "deploy"
SLASH_CALLER = ROOT / "tests" / "programs" / "slash_caller"


def _harness(name: str) -> ModuleType:
    for program in ("io_staking", "io_escrow", "io_slashing"):
        path = str(ROOT / "tests" / program)
        if path not in sys.path:
            sys.path.insert(0, path)
    return importlib.import_module(name)


def elf(program: str) -> bytes:
    path = DEPLOY / f"{program}.so"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make build` first")
    return path.read_bytes()


def _slash_caller_elf() -> bytes:
    """io_staking's slasher stand-in, built by the same toolchain as the programs."""
    from sbfbuild.compile import compile_crate
    from sbfbuild.tools import find_toolchain

    return compile_crate(find_toolchain(), SLASH_CALLER, "slash_caller",
                         ROOT / "programs" / "target" / "slash_caller").linked.elf


class Deployer:
    """Makes each program's measured environment on one cluster."""

    def __init__(self, cluster: TestCluster) -> None:
        self.cluster = cluster
        self._caller: Any = None

    async def staking(self, token_program: Pubkey, address: Keypair | None = None, *,
                      initialize: bool = True) -> Any:
        """A ``staking_harness.Env``: io_staking of its own (at ``address``, or a random
        one), slashed by the stand-in; ``initialize``: its config created."""
        h = _harness("staking_harness")
        if self._caller is None:
            self._caller = await h.deploy_caller(self.cluster, _slash_caller_elf())
        deployment = await h.new_deployment(self.cluster, elf("io_staking"), self._caller,
                                            token_program, program_keypair=address,
                                            initialize=initialize)
        return h.Env(self.cluster, deployment, test="ionet.bench")

    async def escrow(self, token_program: Pubkey) -> Any:
        """An ``escrow_harness.EscrowEnv`` over an io_staking of its own (SPL Token stake),
        with ``usdc``, a mint of ``token_program``, not enabled yet."""
        env = await _harness("escrow_harness").new_escrow_env(
            await self.staking(TOKEN_PROGRAM_ID), elf("io_escrow"))
        await env.add_mint("usdc", token_program, enable=False)
        return env

    async def slashing(self, token_program: Pubkey) -> Any:
        """A ``slashing_harness.SlashEnv``: io_slashing and its io_staking."""
        h = _harness("slashing_harness")
        pair = await h.new_pair(self.cluster, elf("io_staking"), elf("io_slashing"),
                                token_program=token_program)
        return h.SlashEnv(self.cluster, pair)

    async def check_escrow_books(self, env: Any) -> None:
        await _harness("escrow_harness").check_books(env)
