"""The deterministic part of the bench: every program's compute units and sizes, and the
peers beside them. The budget tests and ``make bench`` both take their figures from
:func:`deterministic`, on an in-process validator of its own."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from solders.keypair import Keypair
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

from ionet.bench import escrow, peers, sizes, slashing, staking
from ionet.bench.harness import Deployer
from ionet.bench.units import Units
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.testing import TestCluster, connect_inprocess

SCHEMA_VERSION = 1
TOKEN_COLUMNS = {"spl_token": TOKEN_PROGRAM_ID, "token_2022": TOKEN_2022_PROGRAM_ID}
PROGRAMS = ("io_staking", "io_escrow", "io_slashing")
START_TIME = 2_000_000_000  # 2033-05-18, after any wall time this validator starts at
Table = dict[str, dict[str, dict[str, int]]]  # instruction -> token column -> figures


def _put(table: Table, column: str, measured: dict[str, Units]) -> None:
    for name, units in measured.items():
        table.setdefault(name, {})[column] = {"total": units.total, "token": units.token,
                                              "own": units.own}


async def compute_units(cluster: TestCluster) -> tuple[dict[str, Table], int]:
    """Per program, each instruction's units in each token column; and the largest
    ``settle_batch`` one transaction holds."""
    # Costs depend on elapsed times (an escrow's bound is min_charge + rate x time): the
    # clock starts at a fixed second and moves only when a scene moves it.
    await cluster.set_time(START_TIME, freeze=True)
    deploy = Deployer(cluster)
    tables: dict[str, Table] = {name: {} for name in PROGRAMS}
    largest = 0
    for column, token_program in TOKEN_COLUMNS.items():
        address = Keypair.from_seed(hashlib.sha256(f"ionet.bench {column}".encode()).digest())
        env = await deploy.staking(token_program, address, initialize=False)
        _put(tables["io_staking"], column, await staking.instructions(env))
        by_leaves = await staking.claim_node_rewards_by_tree_size(env)
        _put(tables["io_staking"], column,
             {f"claim_node_rewards ({n} leaves)": u for n, u in by_leaves.items()})
        env = await deploy.escrow(token_program)
        _put(tables["io_escrow"], column, await escrow.instructions(env))
        by_size = await escrow.settle_batch_by_size(env)
        await deploy.check_escrow_books(env)
        largest = max(by_size)
        _put(tables["io_escrow"], column, {
            (f"settle_batch x{n}" if n in escrow.BATCH_SIZES else "settle_batch (largest)"): u
            for n, u in by_size.items()})
        env = await deploy.slashing(token_program)
        _put(tables["io_slashing"], column, await slashing.instructions(env))
    return tables, largest


async def _measure(cluster: TestCluster) -> dict[str, Any]:
    tables, largest = await compute_units(cluster)
    programs = {name: {**await sizes.program(cluster, name), "compute_units": tables[name]}
                for name in PROGRAMS}
    return {"schema_version": SCHEMA_VERSION, "programs": programs,
            "settle_batch_largest": largest, "peers": peers.compare(programs)}


def deterministic() -> dict[str, Any]:
    """The results without the timing section: the same on every run of the same code."""
    validator = start_validator(ValidatorConfig(wallet=Keypair(), log=lambda _message: None))

    async def run() -> dict[str, Any]:
        cluster = connect_inprocess(validator)
        try:
            return await _measure(cluster)
        finally:
            await cluster.close()

    return asyncio.run(run())
