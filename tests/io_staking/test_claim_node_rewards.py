"""claim_node_rewards: a node's cumulative reward, proven against the current root."""

from __future__ import annotations

from solders.keypair import Keypair
from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree
from ionet.staking import REWARD_PER_SHARE_SCALE


async def test_claim_node_rewards_splits_by_the_costaker_share(env_any: Env) -> None:
    env = env_any
    _, node = await env.owner_with_node(stake=1_000 * IO, share_bps=2_500)
    await env.costaker(node, 400 * IO)
    rewards = RewardTree([(node, 1_000 * IO), (Keypair().pubkey(), 7 * IO)])
    await env.post(rewards)
    anyone = await env.cluster.new_funded_keypair()
    sent = await env.send(env.program.claim_node_rewards_from(rewards, node), [anyone],
                          payer=anyone, label="claim_node_rewards (2 leaves)")
    state = await env.node(node)
    assert state.rewards_claimed == 1_000 * IO
    assert state.owner_rewards == 750 * IO
    assert state.reward_per_share == 250 * IO * REWARD_PER_SHARE_SCALE // (400 * IO)
    event = env.event(sent, "NodeRewardsClaimed")
    assert (event["owner_amount"], event["costaker_amount"], event["forfeited"]) == \
        (750 * IO, 250 * IO, 0)
    assert (await env.reward_state()).credited >= 1_000 * IO


async def test_claim_node_rewards_of_a_large_tree(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    rows = [(node, 5 * IO)] + [(Keypair().pubkey(), i) for i in range(1, 2**12)]
    rewards = RewardTree(rows)
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [],
                   label="claim_node_rewards (4096 leaves)")
    assert len(rewards.proof(node)) == 12


async def test_claim_node_rewards_after_missed_epochs_loses_nothing(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    await env.post(RewardTree([(node, 100 * IO)]))
    await env.post(RewardTree([(node, 250 * IO)]))
    latest = RewardTree([(node, 400 * IO), (Keypair().pubkey(), 1)])
    await env.post(latest)
    await env.send(env.program.claim_node_rewards_from(latest, node), [])
    assert (await env.node(node)).owner_rewards == 400 * IO


async def test_claim_node_rewards_rejects_a_second_claim(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    rewards = RewardTree([(node, 100 * IO), (Keypair().pubkey(), 3)])
    await env.post(rewards)
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    await env.fails(env.program.claim_node_rewards_from(rewards, node), [],
                    error=E.NothingToClaim)
    # A later root credits only the difference.
    later = RewardTree([(node, 130 * IO)])
    await env.post(later)
    await env.send(env.program.claim_node_rewards_from(later, node), [])
    assert (await env.node(node)).owner_rewards == 130 * IO


async def test_claim_node_rewards_rejects_a_wrong_amount_or_proof(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    other = Keypair().pubkey()
    rewards = RewardTree([(node, 100 * IO), (other, 3 * IO), (Keypair().pubkey(), 1)])
    await env.post(rewards)
    proof = rewards.proof(node)
    for cumulative, path in [(101 * IO, proof), (100 * IO, proof[:-1]),
                             (100 * IO, [*proof, proof[0]]), (3 * IO, rewards.proof(other))]:
        await env.fails(env.program.claim_node_rewards(node, cumulative, path), [],
                        error=E.InvalidProof)


async def test_claim_node_rewards_rejects_a_root_from_before_registration(env: Env) -> None:
    owner = await env.wallet(1_000 * IO)
    node_id = bytes(Keypair().pubkey())
    node = env.program.node(node_id)
    # A root that already names the address (say, of a node closed and registered again).
    rewards = RewardTree([(node, 100 * IO)])
    await env.post(rewards)
    await env.send(env.program.register_node(owner.pubkey(), node_id, 1, 10_000, 0), [owner])
    await env.fails(env.program.claim_node_rewards_from(rewards, node), [],
                    error=E.RootBeforeRegistration)


async def test_claim_node_rewards_of_a_jailed_node_forfeits(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    await env.costaker(node, 500 * IO)
    await env.jail(node, await env.now() + 3_600)
    rewards = RewardTree([(node, 100 * IO)])
    await env.post(rewards)
    sent = await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    assert env.event(sent, "NodeRewardsClaimed")["forfeited"] == 100 * IO
    state = await env.node(node)
    assert (state.owner_rewards, state.reward_per_share) == (0, 0)
    assert (state.rewards_claimed, state.rewards_forfeited) == (100 * IO, 100 * IO)


async def test_claim_node_rewards_rejects_credit_the_vault_cannot_cover(fresh_env: Env) -> None:
    # A root whose announced total understates its leaves: claims stop at the vault.
    env = fresh_env
    _, node = await env.owner_with_node(stake=1_000 * IO)
    _, other = await env.owner_with_node(stake=1_000 * IO)
    rewards = RewardTree([(node, 60 * IO), (other, 60 * IO)])
    await env.fund_rewards(100 * IO)
    authority = env.deployment.reward_authority
    await env.send(env.program.post_reward_root(authority.pubkey(), 1, rewards.root, 100 * IO),
                   [authority])
    await env.send(env.program.claim_node_rewards_from(rewards, node), [])
    await env.fails(env.program.claim_node_rewards_from(rewards, other), [],
                    error=E.RewardVaultShort)


async def test_claim_node_rewards_rejects_while_paused(fresh_env: Env) -> None:
    env = fresh_env
    _, node = await env.owner_with_node(stake=1_000 * IO)
    rewards = RewardTree([(node, 100 * IO)])
    await env.post(rewards)
    pauser = env.deployment.pause_authority
    await env.send(env.program.set_paused(pauser.pubkey(), True), [pauser])
    await env.fails(env.program.claim_node_rewards_from(rewards, node), [],
                    error=E.Paused)
