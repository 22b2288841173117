"""Arbitrary signer: io_staking's slasher instructions (slash, jail, raise and lower the
pending counter) called directly, with a forged signer, with the slasher PDA's key but no
signature, or through another program that signs for its own ["slasher"] PDA."""

from __future__ import annotations

from slashing_harness import SlashEnv
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from staking_harness import IO, SlashCaller, deploy_caller, unsigned

from ionet.generated.io_staking.errors import anchor as SA
from ionet.generated.io_staking.errors import custom as S
from ionet.testing import TestCluster


def _slasher_instructions(senv: SlashEnv, slasher: Pubkey, node: Pubkey) -> list[Instruction]:
    staking = senv.staking.program
    return [
        staking.slash(slasher, node, 10_000, senv.treasury),
        staking.jail(slasher, node, 2**40),
        staking.raise_pending_slash(slasher, node),
        staking.lower_pending_slash(slasher, node),
    ]


async def test_a_forged_slasher_cannot_call_io_staking(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    await senv.propose(node, 100)  # pending 1: lowering it would free the node
    impostor = await senv.cluster.new_funded_keypair()
    for ix in _slasher_instructions(senv, impostor.pubkey(), node):
        await senv.fails(ix, [impostor], error=S.NotSlasher, account="config")
    for ix in _slasher_instructions(senv, senv.program.slasher, node):
        await senv.fails(unsigned(ix, senv.program.slasher), error=SA.AccountNotSigner,
                         account="slasher")
    state = await senv.staking.node(node)
    assert (state.pending_slashes, state.jailed_until) == (1, 0)
    assert state.active.tokens == 1_000 * IO


async def test_another_programs_slasher_pda_cannot_call_io_staking(
        cluster: TestCluster, senv: SlashEnv, caller_elf: bytes) -> None:
    caller: SlashCaller = await deploy_caller(cluster, caller_elf)
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    for ix in _slasher_instructions(senv, caller.slasher, node):
        await senv.fails(caller.forward(ix), error=S.NotSlasher, account="config")
    assert (await senv.staking.node(node)).active.tokens == 1_000 * IO
