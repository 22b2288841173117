"""costake: anyone but the owner backs a node, within the co-stake cap."""

from __future__ import annotations

from staking_harness import IO, Env, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E


async def test_costake_up_to_the_cap(env_any: Env) -> None:
    env = env_any
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.wallet(2_000 * IO)
    sent = await env.send(env.program.costake(staker.pubkey(), node, 400 * IO), [staker],
                          label="costake (first, creates the position)")
    event = env.event(sent, "Staked")
    assert (event["staker"], event["amount"], event["costake"]) == (staker.pubkey(), 400 * IO,
                                                                    True)
    # 50 % of the active stake: co-stake may reach the owner's own stake, not pass it.
    await env.send(env.program.costake(staker.pubkey(), node, 600 * IO), [staker],
                   label="costake")
    state = await env.node(node)
    assert state.active.tokens == 2_000 * IO
    assert state.costake_shares == state.costake_earning_shares == 1_000 * IO
    assert (await env.position(node, staker)).active_shares == 1_000 * IO


async def test_costake_rejects_beyond_the_cap(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    first = await env.costaker(node, 600 * IO)
    second = await env.wallet(1_000 * IO)
    await env.fails(env.program.costake(second.pubkey(), node, 401 * IO), [second],
                    error=E.CostakeCapExceeded)
    await env.send(env.program.costake(second.pubkey(), node, 400 * IO), [second])
    await env.fails(env.program.costake(first.pubkey(), node, 1), [first],
                    error=E.CostakeCapExceeded)


async def test_costake_rejects_a_node_without_owner_stake(env: Env) -> None:
    _, node = await env.owner_with_node()
    staker = await env.wallet(100 * IO)
    await env.fails(env.program.costake(staker.pubkey(), node, 1 * IO), [staker],
                    error=E.CostakeCapExceeded)


async def test_costake_rejects_the_owner(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.costake(owner.pubkey(), node, 10 * IO), [owner],
                    error=E.OwnerCannotCostake)


async def test_costake_rejects_a_jailed_node(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.wallet(100 * IO)
    await env.jail(node, await env.now() + 3_600)
    await env.fails(env.program.costake(staker.pubkey(), node, 10 * IO), [staker],
                    error=E.NodeJailed)


async def test_costake_rejects_a_missing_signature(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.wallet(100 * IO)
    ix = unsigned(env.program.costake(staker.pubkey(), node, 10 * IO), staker.pubkey())
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_costake_after_a_slash_mints_more_shares_rounding_down(env: Env) -> None:
    _, node = await env.owner_with_node(stake=3_000 * IO)
    await env.slash(node, 3_333)  # 999.9 IO taken, rounded down to the stakers' favour
    state = await env.node(node)
    assert state.active.tokens == 3_000 * IO - 999_900_000
    staker = await env.costaker(node, 1_000 * IO)
    position = await env.position(node, staker)
    assert position.active_shares == 1_000 * IO * state.active.shares // state.active.tokens
