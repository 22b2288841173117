"""request_unstake: the owner's stake goes into its cooldown; a co-staker's first waits."""

from __future__ import annotations

from staking_harness import IO, Env, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY, is_eligible


async def test_request_unstake_by_the_owner_starts_the_cooldown(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    now = await env.now()
    sent = await env.send(env.program.request_unstake(owner.pubkey(), node, 300 * IO), [owner],
                          label="request_unstake (owner)")
    state = await env.node(node)
    assert (state.active.tokens, state.unbonding.tokens) == (700 * IO, 300 * IO)
    position = await env.position(node, owner)
    assert (position.active_shares, position.unbonding_shares) == (700 * IO, 300 * IO)
    assert now + 14 * DAY <= position.unlock_at <= now + 14 * DAY + 60
    event = env.event(sent, "UnstakeRequested")
    assert (event["amount"], event["leaving"], event["ready_at"]) == (300 * IO, False,
                                                                      position.unlock_at)
    # Stake in its cooldown no longer counts toward the node's minimum (200 IO per GPU).
    config = await env.config()
    assert is_eligible(config, state, await env.now())
    await env.send(env.program.request_unstake(owner.pubkey(), node, 600 * IO), [owner])
    assert not is_eligible(config, await env.node(node), await env.now())


async def test_request_unstake_all(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    position = await env.position(node, owner)
    assert (position.active_shares, position.unbonding_shares) == (0, 1_000 * IO)


async def test_request_unstake_by_a_costaker_waits_first(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    now = await env.now()
    sent = await env.send(env.program.request_unstake(staker.pubkey(), node, 200 * IO),
                          [staker], label="request_unstake (co-staker)")
    state = await env.node(node)
    # Still counted (active) and slashable, no longer earning.
    assert state.active.tokens == 1_500 * IO
    assert state.costake_shares == 500 * IO
    assert state.costake_earning_shares == 300 * IO
    position = await env.position(node, staker)
    assert (position.active_shares, position.leaving_shares) == (500 * IO, 200 * IO)
    assert now + 7 * DAY <= position.leave_ready_at <= now + 7 * DAY + 60
    assert env.event(sent, "UnstakeRequested")["leaving"] is True


async def test_request_unstake_rounds_in_the_pools_favour(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=3)
    await env.slash(node, 3_334)  # 3 tokens, 3 shares -> 2 tokens (1 taken, rounded down)
    assert (await env.node(node)).active.tokens == 2
    # 1 token is 1.5 shares: 2 shares are burned, so the remaining share keeps its value.
    await env.send(env.program.request_unstake(owner.pubkey(), node, 1), [owner])
    state = await env.node(node)
    assert (state.active.tokens, state.active.shares) == (1, 1)
    assert (state.unbonding.tokens, state.unbonding.shares) == (1, 1)


async def test_request_unstake_rejects_more_than_held(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 1_000 * IO + 1), [owner],
                    error=E.InsufficientStake)


async def test_request_unstake_rejects_leaving_shares_twice(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node, 400 * IO), [staker])
    await env.fails(env.program.request_unstake(staker.pubkey(), node, 101 * IO), [staker],
                    error=E.InsufficientStake)


async def test_request_unstake_rejects_zero(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 0), [owner],
                    error=E.ZeroAmount)


async def test_request_unstake_rejects_another_stakers_signature(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    thief = await env.wallet()
    ix = env.program.request_unstake(owner.pubkey(), node)
    await env.fails(swapped(ix, owner.pubkey(), thief.pubkey()), [thief],
                    error=A.ConstraintHasOne)


async def test_request_unstake_rejects_a_missing_signature(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    ix = unsigned(env.program.request_unstake(owner.pubkey(), node), owner.pubkey())
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_request_unstake_by_the_owner_keeps_costake_within_the_cap(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 800 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 201 * IO), [owner],
                    error=E.CostakeCapExceeded)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 200 * IO), [owner])
    # Leaving entirely too is held to the cap while co-stake depends on the owner's stake
    # (test_review_costake_cap.py).
    await env.fails(env.program.request_unstake(owner.pubkey(), node), [owner],
                    error=E.CostakeCapExceeded)
    assert (await env.position(node, owner)).active_shares == 800 * IO


async def test_request_unstake_works_while_paused_and_jailed(fresh_env: Env) -> None:
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.jail(node, await env.now() + 3_600)
    pauser = env.deployment.pause_authority
    await env.send(env.program.set_paused(pauser.pubkey(), True), [pauser])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    assert (await env.position(node, owner)).unbonding_shares == 1_000 * IO
