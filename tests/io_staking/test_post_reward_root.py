"""post_reward_root: a new epoch's Merkle root, only if the reward vault can pay it."""

from __future__ import annotations

from solders.keypair import Keypair
from staking_harness import DECIMALS, IO, Env, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.merkle import RewardTree


def tree(*amounts: int) -> RewardTree:
    return RewardTree((Keypair().pubkey(), amount) for amount in amounts)


async def test_post_reward_root(fresh_env_any: Env) -> None:
    env = fresh_env_any
    rewards = tree(100 * IO, 250 * IO)
    await env.fund_rewards(350 * IO)
    authority = env.deployment.reward_authority
    sent = await env.send(env.program.post_reward_tree(authority.pubkey(), 1, rewards),
                          [authority], label="post_reward_root")
    state = await env.reward_state()
    assert (state.epoch, bytes(state.root), state.root_total) == (1, rewards.root, 350 * IO)
    event = env.event(sent, "RewardRootPosted")
    assert (event["epoch"], bytes(event["root"]), event["total"]) == (1, rewards.root, 350 * IO)
    # Epochs may be skipped, never repeated or reordered.
    await env.send(env.program.post_reward_tree(authority.pubkey(), 5, rewards), [authority])
    for epoch in (5, 4):
        await env.fails(env.program.post_reward_tree(authority.pubkey(), epoch, rewards),
                        [authority], error=E.StaleEpoch)


async def test_post_reward_root_rejects_a_total_the_vault_cannot_pay(fresh_env: Env) -> None:
    env = fresh_env
    await env.fund_rewards(100 * IO)
    authority = env.deployment.reward_authority
    await env.fails(env.program.post_reward_tree(authority.pubkey(), 1, tree(100 * IO + 1)),
                    [authority], error=E.RewardVaultShort)
    await env.send(env.program.post_reward_tree(authority.pubkey(), 1, tree(100 * IO)),
                   [authority])


async def test_post_reward_root_counts_what_was_already_paid(fresh_env: Env) -> None:
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    first = RewardTree([(node, 100 * IO)])
    await env.post(first)
    await env.send(env.program.claim_node_rewards_from(first, node), [])
    await env.send(env.program.claim_rewards(owner.pubkey(), node), [owner])
    assert await env.balance(env.program.reward_vault) == 0
    # Cumulative 150 of which 100 were paid: the vault needs 50 more.
    authority = env.deployment.reward_authority
    second = RewardTree([(node, 150 * IO)])
    await env.fails(env.program.post_reward_tree(authority.pubkey(), 2, second), [authority],
                    error=E.RewardVaultShort)
    await env.fund_rewards(50 * IO)
    await env.send(env.program.post_reward_tree(authority.pubkey(), 2, second), [authority])


async def test_post_reward_root_rejects_another_signer(env: Env) -> None:
    impostor = await env.cluster.new_funded_keypair()
    await env.fails(env.program.post_reward_tree(impostor.pubkey(), 10**9, tree(0)),
                    [impostor], error=E.NotRewardAuthority)


async def test_post_reward_root_rejects_a_missing_signature(env: Env) -> None:
    authority = env.deployment.reward_authority.pubkey()
    ix = unsigned(env.program.post_reward_tree(authority, 10**9, tree(0)), authority)
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_a_funder_covers_a_root_with_fund_reward_vault(fresh_env_any: Env) -> None:
    env = fresh_env_any
    funder = await env.wallet(350 * IO)
    await env.send(env.program.fund_reward_vault(funder.pubkey(), 350 * IO, DECIMALS),
                   [funder])
    assert (await env.balance(env.program.reward_vault), await env.tokens(funder)) == \
        (350 * IO, 0)
    authority = env.deployment.reward_authority
    await env.send(env.program.post_reward_tree(authority.pubkey(), 1, tree(350 * IO)),
                   [authority])
    await env.fails(env.program.post_reward_tree(authority.pubkey(), 2, tree(350 * IO + 1)),
                    [authority], error=E.RewardVaultShort)
