"""Every time rule of io_staking at its exact second: refused at ``t - 1`` with the exact
error, allowed at ``t``. The clock is set and frozen at each second (``Env.at``), so a
rule that unlocks one second early or late fails here.

* withdraw: ``now >= unlock_at``, ``unlock_at = request + unstake_cooldown_secs``;
* start_cooldown: ``now >= leave_ready_at``, ``leave_ready_at = request +
  costaker_exit_wait_secs``; its cooldown then runs from that call;
* a later request restarts the position's one unlock time;
* jail: a node is jailed while ``now < jailed_until``: stake, costake, cancel_unstake and
  close_node are refused up to ``jailed_until - 1``, and a root posted up to then is
  forfeited;
* jail itself needs ``until > now``.
"""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree


async def test_withdraw_unlocks_at_the_exact_end_of_the_cooldown(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    start = await env.now() + 10
    await env.at(start)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 400 * IO), [owner])
    unlock = (await env.position(node, owner)).unlock_at
    assert unlock == start + env.settings.unstake_cooldown_secs
    await env.at(unlock - 1)
    await env.fails(env.program.withdraw(owner.pubkey(), node), [owner],
                    error=E.StillUnbonding)
    await env.at(unlock)
    before = await env.tokens(owner)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    assert await env.tokens(owner) == before + 400 * IO


async def test_a_new_request_restarts_the_cooldown_to_the_second(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    first = await env.now() + 10
    await env.at(first)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    second = first + 1_000
    await env.at(second)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    unlock = second + env.settings.unstake_cooldown_secs
    assert (await env.position(node, owner)).unlock_at == unlock
    await env.at(unlock - 1)  # long after the first request's unlock time
    await env.fails(env.program.withdraw(owner.pubkey(), node), [owner],
                    error=E.StillUnbonding)
    await env.at(unlock)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])


async def test_costaker_exit_wait_then_cooldown_to_the_second(env_any: Env) -> None:
    env = env_any
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO, tokens=500 * IO)
    start = await env.now() + 10
    await env.at(start)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    ready = (await env.position(node, staker)).leave_ready_at
    assert ready == start + env.settings.costaker_exit_wait_secs
    await env.at(ready - 1)
    await env.fails(env.program.start_cooldown(node, staker.pubkey()), [],
                    error=E.ExitWaitNotOver)
    await env.at(ready)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    unlock = (await env.position(node, staker)).unlock_at
    assert unlock == ready + env.settings.unstake_cooldown_secs
    await env.at(unlock - 1)
    await env.fails(env.program.withdraw(staker.pubkey(), node), [staker],
                    error=E.StillUnbonding)
    await env.at(unlock)
    await env.send(env.program.withdraw(staker.pubkey(), node), [staker])
    assert await env.tokens(staker) == 500 * IO


async def test_a_jail_ends_at_its_exact_second_for_stake_and_costake(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.wallet(100 * IO)
    until = await env.now() + 3_600
    await env.jail(node, until)
    await env.at(until - 1)
    await env.fails(env.program.stake(owner.pubkey(), node, 10 * IO), [owner],
                    error=E.NodeJailed)
    await env.fails(env.program.costake(staker.pubkey(), node, 10 * IO), [staker],
                    error=E.NodeJailed)
    await env.at(until)
    await env.send(env.program.stake(owner.pubkey(), node, 10 * IO), [owner])
    await env.send(env.program.costake(staker.pubkey(), node, 10 * IO), [staker])


async def test_a_jail_ends_at_its_exact_second_for_cancel_unstake(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    until = await env.now() + 3_600
    await env.jail(node, until)
    await env.at(until - 1)
    await env.fails(env.program.cancel_unstake(owner.pubkey(), node), [owner],
                    error=E.NodeJailed)
    await env.at(until)
    await env.send(env.program.cancel_unstake(owner.pubkey(), node), [owner])
    assert (await env.node(node)).active.tokens == 1_000 * IO


async def test_a_jail_ends_at_its_exact_second_for_close_node(env: Env) -> None:
    owner, node = await env.owner_with_node()
    until = await env.now() + 3_600
    await env.jail(node, until)
    await env.at(until - 1)
    await env.fails(env.program.close_node(owner.pubkey(), node), [owner],
                    error=E.NodeJailed)
    await env.at(until)
    sent = await env.send(env.program.close_node(owner.pubkey(), node), [owner])
    assert env.event(sent, "NodeClosed")["node"] == node


async def test_a_root_posted_in_jail_is_forfeited_up_to_its_last_second(env: Env) -> None:
    # A jail forfeits what is claimed against a root posted before it ends
    # (``rules::jail_forfeits``): posted at ``until - 1``, forfeited; at ``until``, paid.
    _, node = await env.owner_with_node(stake=1_000 * IO)
    until = await env.now() + 3_600
    await env.jail(node, until)
    await env.at(until - 1)
    first = RewardTree([(node, 10 * IO)])
    await env.post(first)
    sent = await env.send(env.program.claim_node_rewards_from(first, node), [])
    assert env.event(sent, "NodeRewardsClaimed")["forfeited"] == 10 * IO
    await env.at(until)
    second = RewardTree([(node, 30 * IO)])
    await env.post(second)
    sent = await env.send(env.program.claim_node_rewards_from(second, node), [])
    event = env.event(sent, "NodeRewardsClaimed")
    assert event["forfeited"] == 0
    assert event["owner_amount"] == 20 * IO  # no co-stakers: all of it to the owner
    state = await env.node(node)
    assert (state.rewards_forfeited, state.owner_rewards) == (10 * IO, 20 * IO)


async def test_jail_needs_an_end_after_now(env: Env) -> None:
    _, node = await env.owner_with_node()
    now = await env.now() + 10
    await env.at(now)
    ix = env.program.jail(env.caller.slasher, node, now)
    await env.fails(env.caller.forward(ix), [], error=E.InvalidJailTime)
    sent = await env.jail(node, now + 1)
    assert env.event(sent, "NodeJailed")["until"] == now + 1
