"""Review item 3: a jail forfeits only rewards of roots posted after the jail started, and
waiting for the jail to end does not dodge the forfeit.

Rule (``claim_node_rewards``, ``rules::jail_forfeits``): the node stores when its jail
started. A claim against a root posted before that is credited in full, jailed or not. A
claim against a root posted during the jail is forfeited; so is the node's first claim
against a root posted after the jail if none was made during it (what it adds covers the
jail). Rewards not claimed before the jail's first root count as that root's.
"""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.merkle import RewardTree
from ionet.staking import DAY


async def _claim(env: Env, tree: RewardTree, node) -> dict[str, object]:
    anyone = await env.cluster.new_funded_keypair()
    sent = await env.send(env.program.claim_node_rewards_from(tree, node), [anyone],
                          payer=anyone)
    return env.event(sent, "NodeRewardsClaimed")


async def test_anyone_cannot_make_a_jailed_node_forfeit_rewards_from_before_the_jail(
        env: Env) -> None:
    """Attack: a root crediting the node 100 IO is posted; the node is jailed; a stranger
    claims for the node at once, which forfeited the 100 IO earned before the jail."""
    _, node = await env.owner_with_node(stake=1_000 * IO)
    tree = RewardTree([(node, 100 * IO)])
    await env.post(tree)
    await env.advance(60)
    await env.jail(node, await env.now() + DAY)
    event = await _claim(env, tree, node)
    assert (event["owner_amount"], event["forfeited"]) == (100 * IO, 0)
    assert (await env.node(node)).owner_rewards == 100 * IO


async def test_owner_cannot_dodge_a_forfeit_by_claiming_after_the_jail(env: Env) -> None:
    """Attack: the node is jailed; a root posted during the jail credits it 50 IO; nobody
    claims it; the jail ends; the owner claims against a root posted after the jail (same
    cumulative), which credited the 50 IO earned in jail."""
    _, node = await env.owner_with_node(stake=1_000 * IO)
    await env.jail(node, await env.now() + DAY)
    await env.advance(60)
    await env.post(RewardTree([(node, 50 * IO)]))
    await env.advance(2 * DAY)
    after = RewardTree([(node, 50 * IO)])
    await env.post(after)
    event = await _claim(env, after, node)
    assert (event["owner_amount"], event["forfeited"]) == (0, 50 * IO)
    # What the node earns after that is its own again.
    later = RewardTree([(node, 80 * IO)])
    await env.post(later)
    event = await _claim(env, later, node)
    assert (event["owner_amount"], event["forfeited"]) == (30 * IO, 0)


async def test_a_root_posted_during_the_jail_is_forfeited(env: Env) -> None:
    """Sequence: jail, a root during it, a claim during it: forfeited; the jail ends and a
    later root credits only what is new."""
    _, node = await env.owner_with_node(stake=1_000 * IO)
    await env.jail(node, await env.now() + DAY)
    await env.advance(60)
    during = RewardTree([(node, 40 * IO)])
    await env.post(during)
    event = await _claim(env, during, node)
    assert event["forfeited"] == 40 * IO
    await env.advance(2 * DAY)
    after = RewardTree([(node, 70 * IO)])
    await env.post(after)
    event = await _claim(env, after, node)
    assert (event["owner_amount"], event["forfeited"]) == (30 * IO, 0)
