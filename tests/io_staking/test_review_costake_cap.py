"""Review item 2: the co-stake cap holds in every state.

Rule: the owner's exit (partial or full) never takes the node past its co-stake cap
(``CostakeCapExceeded``), so the owner cannot leave while co-stake depends on its stake;
the owner's remaining stake is free once the co-stakers have left. A node that is over its
cap anyway (the admin lowered the cap) is not eligible and earns its owner nothing. The
harness checks the cap after every instruction (``check_invariants``).
"""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY, UNSTAKE_ALL


async def test_owner_cannot_exit_fully_while_costake_exists(env: Env) -> None:
    """Attack: owner stakes 1 000 IO, a co-staker adds 1 000 IO (50 %), the owner asks to
    unstake everything (the full exit skipped the cap check) to leave the node on 100 %
    co-stake while still collecting the owner's share."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 1_000 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, UNSTAKE_ALL), [owner],
                    code=E.CostakeCapExceeded.code)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 1_000 * IO), [owner],
                    code=E.CostakeCapExceeded.code)


async def test_owner_cannot_exit_and_restake_a_little(env: Env) -> None:
    """Attack: owner stakes, a co-staker joins at the cap, the owner exits fully and
    re-stakes one token (so later partial exits compare against a tiny stake)."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 500 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node), [owner],
                    code=E.CostakeCapExceeded.code)
    # Down to the cap is allowed: 500 co-stake against 1 000 total.
    await env.send(env.program.request_unstake(owner.pubkey(), node, 500 * IO), [owner])
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 1), [owner],
                    code=E.CostakeCapExceeded.code)


async def test_owner_exits_fully_once_the_costakers_left(env: Env) -> None:
    """The owner is never held forever: once the co-stakers have moved into their cooldown,
    the owner's full exit goes through."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    assert (await env.position(node, owner)).active_shares == 0
