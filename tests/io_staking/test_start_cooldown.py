"""start_cooldown: a co-staker's leaving stake, after its exit wait, into the cooldown."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_start_cooldown_after_the_exit_wait(env_any: Env) -> None:
    env = env_any
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node, 200 * IO), [staker])
    await env.advance(7 * DAY)
    keeper = await env.cluster.new_funded_keypair()  # anyone may call it
    now = await env.now()
    sent = await env.send(env.program.start_cooldown(node, staker.pubkey()), [keeper],
                          payer=keeper, label="start_cooldown")
    state = await env.node(node)
    assert (state.active.tokens, state.unbonding.tokens) == (1_300 * IO, 200 * IO)
    assert state.costake_shares == state.costake_earning_shares == 300 * IO
    position = await env.position(node, staker)
    assert (position.active_shares, position.leaving_shares) == (300 * IO, 0)
    assert position.unbonding_shares == 200 * IO
    assert now + 14 * DAY <= position.unlock_at <= now + 14 * DAY + 60
    event = env.event(sent, "CooldownStarted")
    assert (event["amount"], event["unlock_at"]) == (200 * IO, position.unlock_at)


async def test_start_cooldown_rejects_before_the_wait_is_over(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY - 120)
    await env.fails(env.program.start_cooldown(node, staker.pubkey()), [],
                    error=E.ExitWaitNotOver)


async def test_start_cooldown_rejects_nothing_leaving(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.start_cooldown(node, owner.pubkey()), [],
                    error=E.NothingLeaving)


async def test_start_cooldown_takes_a_slash_during_the_wait(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.slash(node, 1_000)  # 10 % of the active pool, the leaving stake with it
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    state = await env.node(node)
    assert state.unbonding.tokens == 450 * IO
    assert state.active.tokens == 900 * IO
