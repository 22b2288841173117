"""close_position: an empty position's rent back to its staker."""

from __future__ import annotations

from staking_harness import IO, Env, swapped

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY


async def test_close_position(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 100 * IO)
    address = env.program.position(node, staker.pubkey())
    rent = await env.cluster.balance(address)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(staker.pubkey(), node), [staker])
    lamports = await env.cluster.balance(staker.pubkey())
    sent = await env.send(env.program.close_position(staker.pubkey(), node), [staker],
                          payer=staker, label="close_position")
    assert await env.cluster.balance(staker.pubkey()) == lamports + rent - sent.fee
    assert await env.cluster.balance(address) == 0
    assert (await env.node(node)).position_count == 1
    assert env.event(sent, "PositionClosed")["staker"] == staker.pubkey()
    # Staking again opens a new position, with no claim on rewards from before.
    await env.send(env.program.costake(staker.pubkey(), node, 10 * IO), [staker])
    assert (await env.position(node, staker)).rewards_pending == 0


async def test_close_position_rejects_stake_or_rewards_left(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 100 * IO)
    await env.fails(env.program.close_position(staker.pubkey(), node), [staker],
                    error=E.PositionNotEmpty)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.fails(env.program.close_position(staker.pubkey(), node), [staker],
                    error=E.PositionNotEmpty)  # leaving, then unbonding
    # The owner's position keeps the owner's unpaid rewards.
    rewards = RewardTree([(node, 10 * IO)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    # The owner leaves once the co-staker is out of the active pool (the co-stake cap).
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    await env.fails(env.program.close_position(owner.pubkey(), node), [owner],
                    error=E.PositionNotEmpty)
    await env.send(env.program.claim_rewards(owner.pubkey(), node), [owner])
    await env.send(env.program.close_position(owner.pubkey(), node), [owner])


async def test_close_position_rejects_another_staker(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=10 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    thief = await env.cluster.new_funded_keypair()
    ix = swapped(env.program.close_position(thief.pubkey(), node),
                 env.program.position(node, thief.pubkey()),
                 env.program.position(node, owner.pubkey()))
    await env.fails(ix, [thief], error=A.ConstraintHasOne)


async def test_close_position_cannot_be_revived_in_the_same_transaction(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=10 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    await env.fails([env.program.close_position(owner.pubkey(), node),
                     env.program.request_unstake(owner.pubkey(), node)], [owner],
                    error=A.AccountNotInitialized)
    await env.fails([env.program.close_position(owner.pubkey(), node),
                     env.program.cancel_unstake(owner.pubkey(), node)], [owner],
                    error=A.AccountNotInitialized)
