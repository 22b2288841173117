"""Review item 1: the co-stakers' reward accumulator cannot be saturated, and the
co-stakers' share never falls to the owner.

Rules (programs/io_staking/src/rules.rs, ``split_reward``): the accumulator is a u128
(scale 1e12), which the u64 cumulative rewards of one node can never overflow; what
rounding leaves out of the accumulator is carried to the node's next reward for the
co-stakers; when co-stake exists but none of it earns (every co-staker is leaving), the
co-stakers' part is forfeited (it stays in the reward vault); only a node without any
co-stake pays its owner the whole reward.
"""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.merkle import RewardTree


async def _claim(env: Env, node, cumulative: int) -> dict[str, object]:
    tree = RewardTree([(node, cumulative)])
    await env.post(tree)
    sent = await env.send(env.program.claim_node_rewards_from(tree, node), [])
    return env.event(sent, "NodeRewardsClaimed")


async def test_dust_costake_cannot_redirect_the_costakers_share_to_the_owner(env: Env) -> None:
    """Attack: the owner co-stakes 1 base unit from a second wallet, then has the node claim
    a reward whose co-staker part (18.446744 IO over one share) pushes a u64 accumulator to
    within 7.4e10 of u64::MAX; a real co-staker joins with 1 000 IO; the next reward's
    co-staker part (100 IO, an increase of 1e11 per share) overflowed it, and the whole
    reward went to the owner. It must reach the co-stakers."""
    _, node = await env.owner_with_node(stake=2_000 * IO, share_bps=2_000)
    await env.costaker(node, 1, tokens=10)
    first = 92_233_720  # 20 % of it: 18 446 744 base units
    event = await _claim(env, node, first)
    assert event["costaker_amount"] == 18_446_744
    real = await env.costaker(node, 1_000 * IO)
    event = await _claim(env, node, first + 500 * IO)
    assert (event["owner_amount"], event["costaker_amount"], event["forfeited"]) == \
        (400 * IO, 100 * IO, 0)
    before = await env.tokens(real)
    await env.send(env.program.claim_rewards(real.pubkey(), node), [real])
    paid = await env.tokens(real) - before
    # Its share of 100 IO over 1 000 IO + 1 base unit of earning shares, rounded down.
    assert 100 * IO - 2 <= paid <= 100 * IO


async def test_no_earning_costakers_forfeits_their_share_not_to_the_owner(env: Env) -> None:
    """Attack: every co-staker has asked to leave (leaving shares earn nothing); the node
    claims a reward; the co-stakers' 20 % must not be added to the owner's rewards (it is
    forfeited and stays in the reward vault)."""
    _, node = await env.owner_with_node(stake=2_000 * IO, share_bps=2_000)
    leaver = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(leaver.pubkey(), node), [leaver])
    event = await _claim(env, node, 100 * IO)
    assert (event["owner_amount"], event["costaker_amount"], event["forfeited"]) == \
        (80 * IO, 0, 20 * IO)
    assert (await env.node(node)).owner_rewards == 80 * IO


async def test_a_node_without_costake_pays_its_owner_everything(env: Env) -> None:
    """The stated rule: no co-stake at all (nobody backs the node) means the owner's
    terms are the whole reward."""
    _, node = await env.owner_with_node(stake=1_000 * IO, share_bps=2_000)
    event = await _claim(env, node, 100 * IO)
    assert (event["owner_amount"], event["costaker_amount"], event["forfeited"]) == \
        (100 * IO, 0, 0)


async def test_rounding_left_out_of_the_accumulator_stays_with_the_costakers(env: Env) -> None:
    """Attack: co-stake so large (1.5 M IO, 1.5e12 shares) that a 1-base-unit co-staker part
    rounds to nothing in the accumulator (1e12 / 1.5e12), which handed the part to the
    owner; claimed three times, the owner must get none of it and the co-staker part of it
    (the rest stays carried for the co-stakers)."""
    _, node = await env.owner_with_node(stake=3_000_000 * IO, share_bps=10_000)
    staker = await env.costaker(node, 1_500_000 * IO)
    for total in range(1, 4):
        event = await _claim(env, node, total)
        assert event["owner_amount"] == 0
    assert (await env.node(node)).owner_rewards == 0
    before = await env.tokens(staker)
    await env.send(env.program.claim_rewards(staker.pubkey(), node), [staker])
    assert await env.tokens(staker) - before == 1
