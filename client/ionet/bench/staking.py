"""io_staking: the units of every instruction on its common path, and of
``claim_node_rewards`` against the reward tree's size.

``env`` is the test harness's ``Env`` (``tests/io_staking/staking_harness.py``): a
deployment of its own, not initialized yet (at a fixed address, for the reward proofs'
sake: see :func:`fixed_node_id`), its invariants checked after every transaction.
Instructions that create accounts are counted at their first-try bump
(:func:`~ionet.bench.units.at_first_bump`). Instructions that
only io_slashing may call (slash, jail, ...) go through the slasher stand-in, and their
figure is io_staking's own invocation.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from solders.pubkey import Pubkey

from ionet.bench.units import Units, at_first_bump, measure, programdata
from ionet.merkle import RewardTree
from ionet.staking import DAY

IO = 10**6
TREE_DEPTHS = (1, 4, 8, 12, 16)


def fixed_node_id(name: str) -> bytes:
    """A node id that is the same on every run: with the deployment at a fixed address it
    fixes the node's address, so its reward leaf and proofs, whose cost depends on how the
    hashes sort."""
    return hashlib.sha256(f"ionet.bench {name}".encode()).digest()


async def instructions(env: Any) -> dict[str, Units]:
    p, pid = env.program, env.program.program_id
    units: dict[str, Units] = {}

    async def run(name: str, ix: Any, signers: Any = ()) -> None:
        units[name] = measure(await env.send(ix, signers, label=name))

    async def create(name: str, ix: Any, signers: Any, *created: list[bytes]) -> None:
        """Runs ``ix``, which creates our accounts of seeds ``created``."""
        sent = await env.send(ix, signers, label=name)
        units[name] = at_first_bump(measure(sent), *((pid, seeds) for seeds in created))

    wallet = env.cluster.wallet.pubkey()  # the upgrade authority
    sent = await env.send(p.initialize(wallet, env.admin.pubkey(), env.settings))
    units["initialize"] = at_first_bump(measure(sent), programdata(pid), *(
        (pid, [seed]) for seed in (b"config", b"rewards", b"stake_vault", b"reward_vault")))
    owner, node_id = await env.wallet(10_000 * IO), fixed_node_id("common path")
    await create("register_node", p.register_node(owner.pubkey(), node_id, 1, 10_000, 2_000),
                 [owner], [b"node", node_id])
    node = p.node(node_id)
    await create("stake (creates the position)", p.stake(owner.pubkey(), node, 1_000 * IO),
                 [owner], [b"position", bytes(node), bytes(owner.pubkey())])
    await run("stake", p.stake(owner.pubkey(), node, 1_000 * IO), [owner])
    staker = await env.wallet(1_000 * IO)
    await create("costake (creates the position)", p.costake(staker.pubkey(), node, 100 * IO),
                 [staker], [b"position", bytes(node), bytes(staker.pubkey())])
    await run("costake", p.costake(staker.pubkey(), node, 100 * IO), [staker])
    await run("request_unstake (owner)", p.request_unstake(owner.pubkey(), node, 500 * IO),
              [owner])
    await run("cancel_unstake", p.cancel_unstake(owner.pubkey(), node), [owner])
    await run("request_unstake (co-staker)", p.request_unstake(staker.pubkey(), node, 50 * IO),
              [staker])
    rewards = RewardTree([(node, 100 * IO), *((Pubkey(i.to_bytes(32, "big")), i)
                                               for i in range(1, 8))])
    await env.fund_rewards(rewards.total)
    authority = env.deployment.reward_authority
    await run("post_reward_root", p.post_reward_tree(authority.pubkey(), 1, rewards),
              [authority])
    await run("claim_node_rewards (8 leaves)", p.claim_node_rewards_from(rewards, node))
    await run("claim_rewards", p.claim_rewards(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await run("start_cooldown", p.start_cooldown(node, staker.pubkey()))
    units["slash (in a CPI, to treasury)"] = measure(await env.slash(node, 100), pid)
    await env.send(p.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    await env.advance(14 * DAY)
    await run("withdraw", p.withdraw(owner.pubkey(), node), [owner])
    units["jail (in a CPI)"] = measure(await env.jail(node, await env.now() + 60), pid)
    units["unjail (in a CPI)"] = measure(await env.unjail(node), pid)
    for name in ("raise_pending_slash", "lower_pending_slash"):
        build = getattr(p, name)
        sent = await env.send(env.caller.forward(build(env.caller.slasher, node)))
        units[f"{name} (in a CPI)"] = measure(sent, pid)
    pauser = env.deployment.pause_authority
    await run("set_paused", p.set_paused(pauser.pubkey(), False), [pauser])
    new_admin = await env.cluster.new_funded_keypair()
    await run("propose_admin", p.propose_admin(env.admin.pubkey(), new_admin.pubkey()),
              [env.admin])
    await run("accept_admin", p.accept_admin(new_admin.pubkey()), [new_admin])
    await run("update_config", p.update_config(new_admin.pubkey(), env.settings), [new_admin])
    # Empty a position and a node to close them.
    await env.send(p.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(p.start_cooldown(node, staker.pubkey()))
    await env.advance(14 * DAY)
    await env.send(p.withdraw(staker.pubkey(), node), [staker])
    await run("close_position", p.close_position(staker.pubkey(), node), [staker])
    other, empty = await env.owner_with_node()
    await run("close_node", p.close_node(other.pubkey(), empty), [other])
    await run("reopen_node", p.reopen_node(other.pubkey(), bytes((await env.node(empty)).node_id),
                                           1, 10_000, 0), [other])
    # A delayed change, applied.
    shorter = replace(env.settings, unstake_cooldown_secs=7 * DAY)
    await run("update_config (proposed)", p.update_config(new_admin.pubkey(), shorter),
              [new_admin])
    await env.advance(22 * DAY)
    await run("apply_config", p.apply_config())
    # Worthless shares, active and unbonding, cleared and their position closed.
    third, doomed = await env.owner_with_node(stake=1_000 * IO)
    await env.send(p.request_unstake(third.pubkey(), doomed, 500 * IO), [third])
    await env.slash(doomed, 10_000)
    await env.advance(14 * DAY)
    await run("clear_worthless", p.clear_worthless(doomed, third.pubkey()))
    return units


async def claim_node_rewards_by_tree_size(env: Any) -> dict[int, Units]:
    """``claim_node_rewards`` proven against trees of 2**depth leaves (a full tree, so that
    every proof has ``depth`` hashes), keyed by the number of leaves."""
    _, node = await env.owner_with_node(stake=1_000 * IO, node_id=fixed_node_id("tree sizes"))
    units: dict[int, Units] = {}
    for epoch, depth in enumerate(TREE_DEPTHS, start=1):
        others = [(Pubkey(i.to_bytes(32, "big")), 1) for i in range(1, 2**depth)]
        tree = RewardTree([(node, epoch * IO), *others])
        await env.post(tree)
        leaves = 2**depth
        units[leaves] = measure(await env.send(env.program.claim_node_rewards_from(tree, node),
                                               label=f"claim_node_rewards ({leaves} leaves)"))
    return units
