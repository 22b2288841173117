"""`make demo`: the end-to-end scenario against the embedded local validator.

Starts `ionet localnet` (JSON-RPC over LiteSVM, programs deployed at their Anchor.toml ids
through the upgradeable loader), then walks through the protocol as its users would,
printing every transaction's compute units and events.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet import loader_v3
from ionet.events import decode_events
from ionet.generated.io_escrow import instructions as escrow
from ionet.generated.io_slashing import instructions as slashing
from ionet.testing import TestCluster, start_localnet_process

ROOT = Path(__file__).resolve().parents[2]


class Scenario:
    """Sends the scenario's transactions and reports each one."""

    def __init__(self, cluster: TestCluster) -> None:
        self.cluster = cluster
        self.rows: list[tuple[str, int, str]] = []

    async def step(self, title: str, program: str, instructions: Sequence[Instruction],
                   signers: Sequence[Keypair]) -> None:
        sent = await self.cluster.send(list(instructions), list(signers))
        events = decode_events(program, self.cluster.program_ids[program], sent.logs)
        names = ", ".join(e.name for e in events) or "-"
        self.rows.append((title, sent.compute_units, names))
        print(f"  {title:<44} {sent.compute_units:>7,} CU   {names}")


def config_address(program_id: Pubkey) -> Pubkey:
    return Pubkey.find_program_address([b"config"], program_id)[0]


async def run(cluster: TestCluster) -> None:
    scenario = Scenario(cluster)
    admin = cluster.wallet
    for name, module in (("io_escrow", escrow), ("io_slashing", slashing)):
        program_id = cluster.program_ids[name]
        ix = module.initialize(
            {"admin": admin.pubkey()},
            {"config": config_address(program_id), "authority": admin.pubkey(),
             "program_data": loader_v3.programdata_address(program_id)},
            program_id=program_id,
        )
        await scenario.step(f"{name}: initialize (upgrade authority)", name, [ix], [admin])


def main() -> int:
    print("starting ionet localnet ...")
    process = start_localnet_process(anchor_toml=ROOT / "Anchor.toml", extra_args=["--quiet"])
    try:
        print(f"listening on {process.rpc_url} (started in {process.startup_seconds:.2f} s)")
        for name, program_id in sorted(process.program_ids.items()):
            print(f"  {name:<12} {program_id}")

        async def scenario() -> None:
            cluster = process.connect()
            try:
                await run(cluster)
            finally:
                await cluster.close()

        asyncio.run(scenario())
        print("demo finished")
        return 0
    finally:
        process.stop()


if __name__ == "__main__":
    sys.exit(main())
