"""set_paused: a paused program refuses stake, co-stake and claims; exits keep working."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import DAY


async def test_set_paused_refuses_new_stake_and_claims(fresh_env: Env) -> None:
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 100 * IO)
    rewards = RewardTree([(node, 10 * IO)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    await env.send(env.program.request_unstake(staker.pubkey(), node, 50 * IO), [staker])
    pauser = env.deployment.pause_authority
    sent = await env.send(env.program.set_paused(pauser.pubkey(), True), [pauser],
                          label="set_paused")
    assert env.event(sent, "PausedSet")["paused"] is True
    assert (await env.config()).paused
    for ix, signer in [(env.program.stake(owner.pubkey(), node, IO), owner),
                       (env.program.costake(staker.pubkey(), node, IO), staker),
                       (env.program.cancel_unstake(staker.pubkey(), node), staker),
                       (env.program.claim_rewards(owner.pubkey(), node), owner)]:
        await env.fails(ix, [signer], error=E.Paused)
    # Exits go on.
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    # The admin may resume, too.
    await env.send(env.program.set_paused(env.admin.pubkey(), False), [env.admin])
    await env.send(env.program.stake(owner.pubkey(), node, IO), [owner])
    await env.send(env.program.claim_rewards(owner.pubkey(), node), [owner])


async def test_set_paused_rejects_anyone_else(fresh_env: Env) -> None:
    intruder = await fresh_env.cluster.new_funded_keypair()
    await fresh_env.fails(fresh_env.program.set_paused(intruder.pubkey(), True), [intruder],
                          error=E.NotPauseAuthority)
