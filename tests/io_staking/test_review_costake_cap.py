"""Review item 2: the co-stake cap holds in every state.

Rule: the owner's exit (partial or full) never takes the node past its co-stake cap
(``CostakeCapExceeded``), so the owner cannot leave while co-stake depends on its stake;
the owner's remaining stake is free once the co-stakers have left. A node that is over its
cap anyway (the admin lowered the cap) is not eligible and earns its owner nothing. The
harness checks the cap after every instruction (``check_invariants``).
"""

from __future__ import annotations

from dataclasses import replace

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY, UNSTAKE_ALL, is_eligible, within_costake_cap


async def test_owner_cannot_exit_fully_while_costake_exists(env: Env) -> None:
    """Attack: owner stakes 1 000 IO, a co-staker adds 1 000 IO (50 %), the owner asks to
    unstake everything (the full exit skipped the cap check) to leave the node on 100 %
    co-stake while still collecting the owner's share."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 1_000 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, UNSTAKE_ALL), [owner],
                    error=E.CostakeCapExceeded)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 1_000 * IO), [owner],
                    error=E.CostakeCapExceeded)


async def test_owner_cannot_exit_and_restake_a_little(env: Env) -> None:
    """Attack: owner stakes, a co-staker joins at the cap, the owner exits fully and
    re-stakes one token (so later partial exits compare against a tiny stake)."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 500 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node), [owner],
                    error=E.CostakeCapExceeded)
    # Down to the cap is allowed: 500 co-stake against 1 000 total.
    await env.send(env.program.request_unstake(owner.pubkey(), node, 500 * IO), [owner])
    await env.fails(env.program.request_unstake(owner.pubkey(), node, 1), [owner],
                    error=E.CostakeCapExceeded)


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


async def test_a_node_over_a_lowered_cap_earns_its_owner_nothing(fresh_env: Env) -> None:
    """Sequence: a node at the 50 % cap; the admin lowers the cap to 20 % (a delayed
    change), which leaves the node over it; the node is then ineligible: its owner's part
    of a reward is forfeited, the co-stakers keep theirs, and the owner still cannot exit
    below the cap."""
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO, share_bps=2_000)
    staker = await env.costaker(node, 1_000 * IO)
    lower = replace(env.settings, max_costake_bps=2_000)
    await env.send(env.program.update_config(env.admin.pubkey(), lower), [env.admin])
    await env.advance(env.settings.unstake_cooldown_secs + env.settings.costaker_exit_wait_secs
                      + DAY)
    env.over_cap_ok = True
    await env.send(env.program.apply_config(), [])
    config, state = await env.config(), await env.node(node)
    assert not within_costake_cap(state, config.max_costake_bps)
    assert not is_eligible(config, state, await env.now())
    tree = RewardTree([(node, 100 * IO)])
    await env.post(tree)
    sent = await env.send(env.program.claim_node_rewards_from(tree, node), [])
    event = env.event(sent, "NodeRewardsClaimed")
    assert (event["owner_amount"], event["costaker_amount"], event["forfeited"]) == \
        (0, 20 * IO, 80 * IO)
    await env.fails(env.program.request_unstake(owner.pubkey(), node, IO), [owner],
                    error=E.CostakeCapExceeded)
    # New co-stake is refused; the co-staker can still leave, which brings the node back.
    await env.fails(env.program.costake(staker.pubkey(), node, IO), [staker],
                    error=E.CostakeCapExceeded)
    await env.send(env.program.request_unstake(staker.pubkey(), node, 750 * IO), [staker])
    await env.advance(env.settings.costaker_exit_wait_secs)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    assert within_costake_cap(await env.node(node), config.max_costake_bps)
