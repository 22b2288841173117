"""close_node: a node without positions or owner rewards becomes a tombstone (the account
and its rent stay, marked closed, keeping what its address was paid)."""

from __future__ import annotations

from solders.keypair import Keypair
from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY


async def test_close_node(env: Env) -> None:
    owner = await env.wallet()
    node_id = bytes(Keypair().pubkey())
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    node = env.program.node(node_id)
    rent = await env.cluster.balance(node)
    sent = await env.send(env.program.close_node(owner.pubkey(), node), [owner], payer=owner,
                          label="close_node")
    assert await env.cluster.balance(node) == rent
    assert (await env.node(node)).closed
    assert env.event(sent, "NodeClosed")["owner"] == owner.pubkey()


async def test_close_node_then_register_again_cannot_claim_twice(env: Env) -> None:
    owner = await env.wallet(1_000 * IO)
    node_id = bytes(Keypair().pubkey())
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    node = env.program.node(node_id)
    await env.send(env.program.stake(owner.pubkey(), node, 100 * IO), [owner])
    rewards = RewardTree([(node, 50 * IO)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    await env.send(env.program.claim_rewards(owner.pubkey(), node), [owner])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    await env.send(env.program.close_position(owner.pubkey(), node), [owner])
    await env.send(env.program.close_node(owner.pubkey(), node), [owner])
    # The same id again (by anyone) is reopened, and cannot replay the old root.
    squatter = await env.wallet()
    await env.send(env.program.reopen_node(squatter.pubkey(), node_id, 1, 10_000, 0),
                   [squatter])
    await env.fails(env.program.claim_node_rewards_from(rewards, node), [],
                    error=E.RootBeforeRegistration)


async def test_close_node_rejects_positions_or_owner_rewards(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=10 * IO)
    await env.fails(env.program.close_node(owner.pubkey(), node), [owner],
                    error=E.NodeNotEmpty)


async def test_close_node_rejects_a_jailed_node(env: Env) -> None:
    owner, node = await env.owner_with_node()
    await env.jail(node, await env.now() + 3_600)
    await env.fails(env.program.close_node(owner.pubkey(), node), [owner],
                    error=E.NodeJailed)


async def test_close_node_rejects_anyone_but_the_owner(env: Env) -> None:
    _, node = await env.owner_with_node()
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.program.close_node(intruder.pubkey(), node), [intruder],
                    error=E.NotNodeOwner)


async def test_close_node_cannot_be_revived_in_the_same_transaction(env: Env) -> None:
    owner, node = await env.owner_with_node()
    await env.fails([env.program.close_node(owner.pubkey(), node),
                     env.program.stake(owner.pubkey(), node, IO)], [owner],
                    error=E.NodeClosed)
