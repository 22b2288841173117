"""A slasher change in io_staking never freezes a node's stakers for good.

The sequence of the review: the admin proposes a new slasher (it applies 22 days later);
on day 21 a reporter of the current io_slashing proposes a slash, which freezes the
node's withdrawals; on day 22 the change applies. The old io_slashing can now neither
execute nor cancel its proposal (io_staking refuses its PDA), so it can never lower the
node's pending count: that count must no longer hold the node's stakers. The new slasher
(a second io_slashing bound to the same io_staking) still freezes withdrawals with its own
proposals.
"""

from __future__ import annotations

from dataclasses import replace

from slashing_harness import SlashEnv, bind_slashing
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import IO

from ionet.deploy import deploy_program
from ionet.generated.io_staking.errors import custom as S
from ionet.staking import DAY, pending_slashes

UNBONDING = 100 * IO


async def _changed_during_a_proposal(old: SlashEnv, slashing_elf: bytes
                                     ) -> tuple[SlashEnv, Keypair, Pubkey, int]:
    """Runs the review's sequence up to the applied change: returns the new slasher's env,
    the node's owner (``UNBONDING`` unlocked), the node and the old slasher's proposal."""
    staking = old.staking
    slashing_id = await deploy_program(old.cluster.client, old.cluster.wallet, Keypair(),
                                       slashing_elf)
    new = SlashEnv(old.cluster, await bind_slashing(old.cluster, slashing_id,
                                                    old.deployment.staking),
                   old.compute_units)
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await old.send(staking.program.request_unstake(owner.pubkey(), node, UNBONDING), [owner])

    changed = replace(staking.settings, slasher=new.program.slasher)
    await old.send(staking.program.update_config(staking.admin.pubkey(), changed),
                   [staking.admin])
    await staking.advance(21 * DAY)
    seq = await old.propose(node, 1_000)
    withdraw = staking.program.withdraw(owner.pubkey(), node)
    await old.fails(withdraw, [owner], error=S.SlashPending)
    await staking.advance(DAY + 60)
    await old.send(staking.program.apply_config())
    config = await staking.program.fetch_config(old.cluster.client)
    assert config is not None and config.slasher == new.program.slasher
    return new, owner, node, seq


async def test_a_proposal_of_a_replaced_slasher_no_longer_holds_the_stakers(
        fresh_senv: SlashEnv, elfs: tuple[bytes, bytes]) -> None:
    old = fresh_senv
    _, owner, node, seq = await _changed_during_a_proposal(old, elfs[1])
    # The old slasher's proposal is stuck: io_staking refuses its PDA now.
    await old.fails(old.program.cancel(old.reporter.pubkey(), node, seq), [old.reporter],
                    error=S.NotSlasher)
    await old.at((await old.proposal(node, seq)).challenge_ends_at)
    await old.fails(old.execute_ix(node, seq), error=S.NotSlasher)

    # The count the old slasher left stays on the node, but freezes nothing.
    config = await old.staking.program.fetch_config(old.cluster.client)
    assert config is not None
    left = await old.staking.node(node)
    assert (left.pending_slashes, pending_slashes(config, left)) == (1, 0)
    tokens = await old.staking.tokens(owner)
    await old.send(old.staking.program.withdraw(owner.pubkey(), node), [owner])
    assert await old.staking.tokens(owner) == tokens + UNBONDING


async def test_the_new_slashers_proposals_still_freeze_withdrawals(
        fresh_senv: SlashEnv, elfs: tuple[bytes, bytes]) -> None:
    old = fresh_senv
    new, owner, node, _ = await _changed_during_a_proposal(old, elfs[1])
    withdraw = new.staking.program.withdraw(owner.pubkey(), node)
    seq = await new.propose(node, 1_000)
    # The old slasher's count was dropped, not added to.
    assert (await new.staking.node(node)).pending_slashes == 1
    await new.fails(withdraw, [owner], error=S.SlashPending)

    await new.send(new.program.cancel(new.reporter.pubkey(), node, seq), [new.reporter])
    assert (await new.staking.node(node)).pending_slashes == 0
    await new.send(withdraw, [owner])
