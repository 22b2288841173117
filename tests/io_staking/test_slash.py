"""slash: bps of both of a node's pools, signed by the slashing program's ["slasher"] PDA.

The slashing program does not exist yet: ``tests/programs/slash_caller`` stands in for it,
forwarding the instruction by CPI and signing with its own ["slasher"] PDA, which every
test deployment names as its slasher.
"""

from __future__ import annotations

from dataclasses import replace

from solders.instruction import AccountMeta, Instruction
from staking_harness import IO, Env, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_slash_takes_bps_of_both_pools(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 400 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 200 * IO), [owner])
    positions = [await env.position(node, who) for who in (owner, staker)]
    treasury = await env.balance(env.deployment.treasury)
    sent = await env.slash(node, 1_500, label="slash (via CPI, to treasury)")
    state = await env.node(node)
    assert state.active.tokens == 1_200 * IO - 180 * IO
    assert state.unbonding.tokens == 200 * IO - 30 * IO
    assert (state.active.shares, state.unbonding.shares) == (1_200 * IO, 200 * IO)
    assert state.slashed_total == 210 * IO
    # Positions are untouched: their shares are simply worth less.
    assert [await env.position(node, who) for who in (owner, staker)] == positions
    assert await env.balance(env.deployment.treasury) == treasury + 210 * IO
    event = env.event(sent, "NodeSlashed")
    assert (event["bps"], event["active_amount"], event["unbonding_amount"], event["burned"]) \
        == (1_500, 180 * IO, 30 * IO, False)


async def test_slash_burns_when_configured(fresh_env_any: Env) -> None:
    env = fresh_env_any
    admin = env.admin
    settings = replace(env.settings, slash_burn=True)
    await env.send(env.program.update_config(admin.pubkey(), settings), [admin])
    env.deployment.settings = settings
    _, node = await env.owner_with_node(stake=1_000 * IO)
    supply = await env.supply()
    sent = await env.slash(node, 10_000, label="slash (via CPI, burning)")
    assert await env.supply() == supply - 1_000 * IO
    assert env.event(sent, "NodeSlashed")["burned"] is True
    assert (await env.node(node)).active.tokens == 0


async def test_slash_rejects_a_signer_that_is_not_the_slasher_pda(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    impostor = await env.cluster.new_funded_keypair()
    ix = env.program.slash(impostor.pubkey(), node, 10_000, env.deployment.treasury)
    await env.fails(ix, [impostor], error=E.NotSlasher)


async def test_slash_rejects_the_slasher_key_without_its_signature(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    slasher = env.caller.slasher
    ix = unsigned(env.program.slash(slasher, node, 10_000, env.deployment.treasury), slasher)
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_slash_rejects_another_programs_slasher_pda(env: Env) -> None:
    # The caller's PDA of another seed, or another program signing for its own PDA, are
    # not config.slasher: only the configured program's ["slasher"] PDA may slash.
    _, node = await env.owner_with_node(stake=1_000 * IO)
    other = await env.cluster.new_funded_keypair()
    ix = env.program.slash(other.pubkey(), node, 100, env.deployment.treasury)
    forwarded = env.caller.forward(ix)
    metas = list(forwarded.accounts)
    metas[3] = AccountMeta(other.pubkey(), True, False)
    await env.fails(Instruction(forwarded.program_id, bytes(forwarded.data), metas), [other],
                    error=E.NotSlasher)


async def test_slash_rejects_bps_out_of_range(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    for bps in (0, 10_001):
        ix = env.program.slash(env.caller.slasher, node, bps, env.deployment.treasury)
        await env.fails(env.caller.forward(ix), [], error=E.InvalidSlashBps)


async def test_slash_rejects_another_treasury(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    attacker = await env.wallet()
    ix = env.program.slash(env.caller.slasher, node, 1_000,
                           env.program.token_account(attacker.pubkey()))
    await env.fails(env.caller.forward(ix), [], error=A.ConstraintHasOne)


async def test_slash_rejects_a_foreign_vault(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    ix = swapped(env.program.slash(env.caller.slasher, node, 1_000, env.deployment.treasury),
                 env.program.stake_vault, env.program.reward_vault)
    await env.fails(env.caller.forward(ix), [], error=A.ConstraintHasOne)


async def test_slash_of_everything_depletes_the_node(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    await env.slash(node, 10_000)
    state = await env.node(node)
    assert (state.active.tokens, state.unbonding.tokens) == (0, 0)
    # Worthless shares take no new money ...
    await env.fails(env.program.stake(owner.pubkey(), node, 10 * IO), [owner],
                    error=E.PoolDepleted)
    newcomer = await env.wallet(100 * IO)
    await env.fails(env.program.costake(newcomer.pubkey(), node, 10 * IO), [newcomer],
                    error=E.PoolDepleted)
    # ... but every old share can leave, for nothing (the owner after the co-staker, as
    # the co-stake cap wants).
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    state = await env.node(node)
    assert (state.active.shares, state.unbonding.shares) == (0, 0)
    # Then the node takes stake again, at one share per token.
    await env.send(env.program.stake(owner.pubkey(), node, 10 * IO), [owner])
    assert (await env.node(node)).active.shares == 10 * IO


async def test_slash_of_an_empty_node_moves_nothing(env: Env) -> None:
    _, node = await env.owner_with_node()
    sent = await env.slash(node, 5_000)
    assert env.event(sent, "NodeSlashed")["active_amount"] == 0
