"""claim_rewards: a position's rewards to the staker's token account."""

from __future__ import annotations

from solders.pubkey import Pubkey
from staking_harness import IO, Env, swapped

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY, REWARD_PER_SHARE_SCALE, pending_rewards


async def credit(env: Env, node: Pubkey, amount: int) -> None:
    """Posts a root adding ``amount`` to ``node``'s cumulative reward and claims it."""
    state = await env.node(node)
    rewards = RewardTree([(node, state.rewards_claimed + amount)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])


async def test_claim_rewards_pays_owner_and_costakers(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=2_000 * IO, share_bps=4_000)
    small = await env.costaker(node, 250 * IO, tokens=250 * IO)
    large = await env.costaker(node, 750 * IO, tokens=750 * IO)
    await credit(env, node, 1_000 * IO)
    for staker, expected in ((owner, 600 * IO), (small, 100 * IO), (large, 300 * IO)):
        node_state, position = await env.node(node), await env.position(node, staker)
        assert pending_rewards(node_state, position) == expected
        before = await env.tokens(staker)
        sent = await env.send(env.program.claim_rewards(staker.pubkey(), node), [staker],
                              label="claim_rewards")
        assert await env.tokens(staker) == before + expected
        assert env.event(sent, "RewardsClaimed")["amount"] == expected
    assert (await env.reward_state()).paid >= 1_000 * IO
    assert (await env.position(node, large)).rewards_paid == 300 * IO


async def test_claim_rewards_rejects_nothing_to_claim(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 100 * IO)
    for who in (owner, staker):
        await env.fails(env.program.claim_rewards(who.pubkey(), node), [who],
                        error=E.NothingToClaim)
    await credit(env, node, 10 * IO)
    await env.send(env.program.claim_rewards(staker.pubkey(), node), [staker])
    await env.fails(env.program.claim_rewards(staker.pubkey(), node), [staker],
                    error=E.NothingToClaim)


async def test_claim_rewards_only_for_time_staked(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO, share_bps=5_000)
    early = await env.costaker(node, 500 * IO)
    await credit(env, node, 100 * IO)
    late = await env.costaker(node, 500 * IO)
    # A co-staker who asked to leave earns nothing from then on.
    await env.send(env.program.request_unstake(early.pubkey(), node), [early])
    await credit(env, node, 100 * IO)
    node_state = await env.node(node)
    assert pending_rewards(node_state, await env.position(node, early)) == 50 * IO
    assert pending_rewards(node_state, await env.position(node, late)) == 50 * IO


async def test_claim_rewards_never_blocks_or_depends_on_withdrawal(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO, share_bps=5_000)
    staker = await env.costaker(node, 500 * IO, tokens=500 * IO)
    await credit(env, node, 100 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(staker.pubkey(), node), [staker])
    assert await env.tokens(staker) == 500 * IO
    await env.send(env.program.claim_rewards(staker.pubkey(), node), [staker])
    assert await env.tokens(staker) == 550 * IO


async def test_claim_rewards_rejects_someone_elses_token_account(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await credit(env, node, 10 * IO)
    thief = await env.wallet()
    ix = env.program.claim_rewards(owner.pubkey(), node,
                                   staker_token=env.program.token_account(thief.pubkey()))
    await env.fails(ix, [owner], error=A.ConstraintTokenOwner)


async def test_claim_rewards_rejects_a_foreign_reward_vault(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await credit(env, node, 10 * IO)
    ix = swapped(env.program.claim_rewards(owner.pubkey(), node), env.program.reward_vault,
                 env.program.stake_vault)
    await env.fails(ix, [owner], error=A.ConstraintHasOne)


async def test_claim_rewards_rejects_while_paused(fresh_env: Env) -> None:
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await credit(env, node, 10 * IO)
    pauser = env.deployment.pause_authority
    await env.send(env.program.set_paused(pauser.pubkey(), True), [pauser])
    await env.fails(env.program.claim_rewards(owner.pubkey(), node), [owner],
                    error=E.Paused)


async def test_claim_rewards_rounds_down(env: Env) -> None:
    # Co-stake that does not divide the reward: each claim is rounded down, so the claims
    # never add up to more than the co-stakers' part.
    _, node = await env.owner_with_node(stake=2_000 * IO, share_bps=3_333)
    first = await env.costaker(node, 300 * IO + 7, tokens=400 * IO)
    second = await env.costaker(node, 200 * IO + 1, tokens=400 * IO)
    await credit(env, node, 10 * IO + 1)
    state = await env.node(node)
    paid = 0
    for staker in (first, second):
        position = await env.position(node, staker)
        earned = position.active_shares * (state.reward_per_share
                                           - position.reward_per_share_snapshot)
        assert earned % REWARD_PER_SHARE_SCALE != 0  # a fraction: the rounding shows
        before = await env.tokens(staker)
        await env.send(env.program.claim_rewards(staker.pubkey(), node), [staker])
        got = await env.tokens(staker) - before
        assert got == earned // REWARD_PER_SHARE_SCALE
        paid += got
    assert paid <= (10 * IO + 1) * 3_333 // 10_000
