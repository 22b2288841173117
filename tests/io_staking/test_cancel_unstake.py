"""cancel_unstake: everything leaving or unbonding back into the active pool."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_cancel_unstake_by_the_owner(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 400 * IO), [owner])
    sent = await env.send(env.program.cancel_unstake(owner.pubkey(), node), [owner],
                          label="cancel_unstake")
    state = await env.node(node)
    assert (state.active.tokens, state.unbonding.tokens) == (1_000 * IO, 0)
    position = await env.position(node, owner)
    assert (position.active_shares, position.unbonding_shares, position.unlock_at) == \
        (1_000 * IO, 0, 0)
    assert env.event(sent, "UnstakeCancelled")["amount"] == 400 * IO


async def test_cancel_unstake_by_a_costaker_leaving_and_unbonding(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node, 200 * IO), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.send(env.program.request_unstake(staker.pubkey(), node, 100 * IO), [staker])
    sent = await env.send(env.program.cancel_unstake(staker.pubkey(), node), [staker])
    event = env.event(sent, "UnstakeCancelled")
    assert (event["amount"], event["leaving_shares"]) == (200 * IO, 100 * IO)
    state = await env.node(node)
    assert state.active.tokens == 1_500 * IO
    assert state.costake_shares == state.costake_earning_shares == 500 * IO
    position = await env.position(node, staker)
    assert (position.active_shares, position.leaving_shares, position.unbonding_shares) == \
        (500 * IO, 0, 0)


async def test_cancel_unstake_rejects_nothing_to_cancel(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.cancel_unstake(owner.pubkey(), node), [owner],
                    error=E.NothingToCancel)


async def test_cancel_unstake_rejects_a_jailed_node(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.jail(node, await env.now() + 3_600)
    await env.fails(env.program.cancel_unstake(owner.pubkey(), node), [owner],
                    error=E.NodeJailed)


async def test_cancel_unstake_rejects_costake_beyond_the_cap(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    first = await env.costaker(node, 1_000 * IO)
    await env.send(env.program.request_unstake(first.pubkey(), node), [first])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, first.pubkey()), [])
    await env.costaker(node, 1_000 * IO)
    await env.fails(env.program.cancel_unstake(first.pubkey(), node), [first],
                    error=E.CostakeCapExceeded)
