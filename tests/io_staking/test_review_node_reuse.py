"""Review item 5: a closed node id cannot be paid twice.

Rule: ``close_node`` leaves a tombstone (the account stays, marked closed, with its
``rewards_claimed``); ``register_node`` refuses the id; ``reopen_node`` gives it to a new
owner and keeps what was claimed, so a later root with the same cumulative pays nothing.
"""

from __future__ import annotations

from solders.keypair import Keypair
from staking_harness import IO, Env

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY
from ionet.testing import SendFailed


async def test_a_closed_node_id_is_not_paid_twice(env: Env) -> None:
    """Attack: claim a node's rewards, empty and close it, register the same id again,
    post a root with the same cumulative amount for that address, claim again."""
    owner = await env.wallet(1_000 * IO)
    node_id = bytes(Keypair().pubkey())
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    node = env.program.node(node_id)
    await env.send(env.program.stake(owner.pubkey(), node, 300 * IO), [owner])
    rewards = RewardTree([(node, 50 * IO)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    await env.send(env.program.claim_rewards(owner.pubkey(), node), [owner])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    await env.send(env.program.close_position(owner.pubkey(), node), [owner])
    await env.send(env.program.close_node(owner.pubkey(), node), [owner])
    squatter = await env.wallet()
    try:
        # The attack's re-registration (which the old close_node made possible) ...
        await env.send(env.program.register_node(squatter.pubkey(), node_id, 1, 10_000, 0),
                       [squatter])
    except SendFailed as refused:
        # ... is refused at a tombstone; the id is taken over with reopen_node instead.
        assert refused.code == A.AccountDiscriminatorAlreadySet.code
        await env.send(env.program.reopen_node(squatter.pubkey(), node_id, 1, 10_000, 0),
                       [squatter])
    assert (await env.node(node)).owner == squatter.pubkey()
    again = RewardTree([(node, 50 * IO), (Keypair().pubkey(), 1)])
    await env.post(again)
    await env.fails(env.program.claim_node_rewards_from(again, node), [],
                    error=E.NothingToClaim)
    # Only what is new for the address is paid.
    more = RewardTree([(node, 60 * IO)])
    await env.post(more)
    sent = await env.send(env.program.claim_node_rewards_from(more, node), [])
    assert env.event(sent, "NodeRewardsClaimed")["owner_amount"] == 10 * IO


async def test_a_closed_node_takes_no_stake_and_no_rewards(env: Env) -> None:
    """A tombstone is inert: no stake, no claims, no second close; reopening an open node
    is refused."""
    owner, node = await env.owner_with_node()
    await env.fails(env.program.reopen_node(owner.pubkey(), bytes((await env.node(node)).node_id),
                                            1, 10_000, 0), [owner], error=E.NodeNotClosed)
    await env.send(env.program.close_node(owner.pubkey(), node), [owner])
    node_id = bytes((await env.node(node)).node_id)
    await env.fails(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner],
                    error=A.AccountDiscriminatorAlreadySet)
    await env.fails(env.program.stake(owner.pubkey(), node, IO), [owner],
                    error=E.NodeClosed)
    await env.fails(env.program.close_node(owner.pubkey(), node), [owner],
                    error=E.NodeClosed)
    tree = RewardTree([(node, 5 * IO)])
    await env.post(tree)
    await env.fails(env.program.claim_node_rewards_from(tree, node), [],
                    error=E.NodeClosed)
