"""Deploys and upgrades programs on any cluster through the BPF Upgradeable Loader, over
JSON-RPC, as `solana program deploy` does: a buffer, its writes (sent concurrently),
then DeployWithMaxDataLen or Upgrade; and ``publish_idl``, which puts a program's IDL on
chain as `anchor idl init | upgrade` does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import Transaction

from ionet import loader_v3, onchain_idl

__all__ = ["DeployError", "deploy_program", "publish_idl", "upgrade_program"]

_WRITES_IN_FLIGHT = 64
_CONFIRM_TIMEOUT_SECONDS = 60.0


class DeployError(Exception):
    """A deployment step failed; ``step`` names it, ``logs`` are the program logs."""

    def __init__(self, step: str, reason: str, logs: Sequence[str] = ()) -> None:
        self.step = step
        self.logs = list(logs)
        super().__init__(f"{step} failed: {reason}" + "".join(f"\n  {line}" for line in logs))


async def _send(client: AsyncClient, step: loader_v3.Step,
                blockhash: Hash | None = None) -> Signature:
    if blockhash is None:
        blockhash = (await client.get_latest_blockhash(Confirmed)).value.blockhash
    payer = step.signers[0].pubkey()
    tx = Transaction(step.signers, Message(step.instructions, payer), blockhash)
    try:
        result = await client.send_raw_transaction(
            bytes(tx), opts=TxOpts(skip_confirmation=True, preflight_commitment=Confirmed))
    except RPCException as err:
        data = getattr(err.args[0], "data", None)
        logs = getattr(data, "logs", None) or []
        raise DeployError(step.name, str(err.args[0]), logs) from None
    return result.value


async def _confirm(client: AsyncClient, signatures: dict[Signature, str]) -> None:
    pending = dict(signatures)
    deadline = asyncio.get_running_loop().time() + _CONFIRM_TIMEOUT_SECONDS
    while pending:
        keys = list(pending)
        statuses = (await client.get_signature_statuses(keys)).value
        for signature, status in zip(keys, statuses, strict=True):
            if status is None:
                continue
            if status.err is not None:
                raise DeployError(pending[signature], str(status.err))
            if status.confirmation_status is not None:
                del pending[signature]
        if pending:
            if asyncio.get_running_loop().time() > deadline:
                raise DeployError(next(iter(pending.values())), "not confirmed in time")
            await asyncio.sleep(0.05)


async def _run(client: AsyncClient, steps: Sequence[loader_v3.Step]) -> None:
    """Sends steps one after another, waiting for each."""
    for step in steps:
        await _confirm(client, {await _send(client, step): step.name})


async def _run_concurrently(client: AsyncClient, steps: Sequence[loader_v3.Step]) -> None:
    for start in range(0, len(steps), _WRITES_IN_FLIGHT):
        batch = steps[start : start + _WRITES_IN_FLIGHT]
        # One blockhash for the batch: each write differs, so their signatures do too.
        blockhash = (await client.get_latest_blockhash(Confirmed)).value.blockhash
        signatures = await asyncio.gather(*(_send(client, s, blockhash) for s in batch))
        await _confirm(client, {sig: s.name for sig, s in zip(signatures, batch, strict=True)})


async def _rent_table(client: AsyncClient, *sizes: int) -> dict[int, int]:
    values = await asyncio.gather(*(client.get_minimum_balance_for_rent_exemption(n)
                                    for n in sizes))
    return {size: v.value for size, v in zip(sizes, values, strict=True)}


async def _write_buffer(client: AsyncClient, payer: Keypair, authority: Keypair,
                        elf: bytes) -> Pubkey:
    buffer = Keypair()
    rent = await _rent_table(client, loader_v3.BUFFER_METADATA_SIZE + len(elf))
    create, *writes = loader_v3.buffer_steps(payer, authority, buffer, elf, rent.__getitem__)
    await _run(client, [create])
    await _run_concurrently(client, writes)
    return buffer.pubkey()


async def deploy_program(client: AsyncClient, payer: Keypair, program: Keypair, elf: bytes,
                         upgrade_authority: Keypair | None = None,
                         max_data_len: int | None = None) -> Pubkey:
    """Deploys ``elf`` at ``program``'s address; returns the program id.

    ``upgrade_authority`` defaults to ``payer``; ``max_data_len`` (room for later
    upgrades) to twice the program's size.
    """
    authority = upgrade_authority or payer
    buffer = await _write_buffer(client, payer, authority, elf)
    rent = await _rent_table(client, loader_v3.PROGRAM_ACCOUNT_SIZE)
    length = max_data_len if max_data_len is not None else 2 * len(elf)
    await _run(client, [loader_v3.deploy_step(payer, program, authority, buffer, length,
                                              rent.__getitem__)])
    return program.pubkey()


async def upgrade_program(client: AsyncClient, payer: Keypair, program_id: Pubkey, elf: bytes,
                          upgrade_authority: Keypair) -> None:
    """Replaces the code of ``program_id`` with ``elf``."""
    buffer = await _write_buffer(client, payer, upgrade_authority, elf)
    await _run(client, [loader_v3.upgrade_step(payer, program_id, upgrade_authority, buffer)])


async def publish_idl(client: AsyncClient, authority: Keypair, program_id: Pubkey,
                      idl: dict[str, Any]) -> str:
    """Puts ``idl`` on chain for ``program_id`` with ``authority`` (who pays) as its IDL
    authority; "created", "upgraded" or "unchanged" (see ``ionet.onchain_idl.publish``)."""

    async def send(instructions: list[Instruction], signers: list[Keypair], what: str) -> None:
        await _run(client, [loader_v3.Step(what, instructions, [authority, *signers])])

    async def fetch(address: Pubkey) -> bytes | None:
        info = (await client.get_account_info(address, Confirmed)).value
        return None if info is None else bytes(info.data)

    async def rent(size: int) -> int:
        return (await client.get_minimum_balance_for_rent_exemption(size)).value

    return await onchain_idl.publish(program_id, idl, authority, send, fetch, rent)
