"""withdraw: unbonding stake, after its cooldown, at the unbonding pool's price."""

from __future__ import annotations

from staking_harness import IO, Env, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_withdraw_after_the_cooldown(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 400 * IO), [owner])
    before = await env.tokens(owner)
    await env.advance(14 * DAY)
    sent = await env.send(env.program.withdraw(owner.pubkey(), node), [owner],
                          label="withdraw")
    assert await env.tokens(owner) == before + 400 * IO
    state = await env.node(node)
    assert (state.unbonding.tokens, state.unbonding.shares) == (0, 0)
    assert (await env.position(node, owner)).unbonding_shares == 0
    event = env.event(sent, "Withdrawn")
    assert (event["amount"], event["shares"]) == (400 * IO, 400 * IO)


async def test_withdraw_by_a_costaker_after_wait_and_cooldown(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO, tokens=500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.advance(14 * DAY - 120)
    await env.fails(env.program.withdraw(staker.pubkey(), node), [staker],
                    error=E.StillUnbonding)
    await env.advance(120)
    await env.send(env.program.withdraw(staker.pubkey(), node), [staker])
    assert await env.tokens(staker) == 500 * IO


async def test_withdraw_pays_the_slashed_price(env: Env) -> None:
    # A slash during the cooldown lowers the payout instead of leaving the vault short.
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    other, second = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.slash(node, 2_500)
    await env.advance(14 * DAY)
    before = await env.tokens(owner)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    assert await env.tokens(owner) == before + 750 * IO
    assert (await env.node(second)).active.tokens == 1_000 * IO  # the other node is whole
    assert other  # (its owner is untouched)


async def test_withdraw_rejects_during_the_cooldown(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY - 120)
    await env.fails(env.program.withdraw(owner.pubkey(), node), [owner],
                    error=E.StillUnbonding)


async def test_withdraw_rejects_nothing_unbonding(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.fails(env.program.withdraw(owner.pubkey(), node), [owner],
                    error=E.NothingToWithdraw)


async def test_withdraw_rejects_someone_elses_token_account(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    thief = await env.wallet()
    ix = env.program.withdraw(owner.pubkey(), node,
                              staker_token=env.program.token_account(thief.pubkey()))
    await env.fails(ix, [owner], error=A.ConstraintTokenOwner)


async def test_withdraw_rejects_a_token_account_of_another_mint(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    foreign = await env.foreign_token_account(owner.pubkey())
    await env.fails(env.program.withdraw(owner.pubkey(), node, staker_token=foreign), [owner],
                    error=A.ConstraintTokenMint)


async def test_withdraw_rejects_the_vault_as_destination(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    ix = env.program.withdraw(owner.pubkey(), node, staker_token=env.program.stake_vault)
    await env.fails(ix, [owner], error=A.RequireKeysNeqViolated)


async def test_withdraw_rejects_another_stakers_position(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    thief = await env.wallet()
    ix = swapped(env.program.withdraw(thief.pubkey(), node),
                 env.program.position(node, thief.pubkey()),
                 env.program.position(node, owner.pubkey()))
    await env.fails(ix, [thief], error=A.ConstraintHasOne)


async def test_withdraw_works_while_paused(fresh_env: Env) -> None:
    env = fresh_env
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    pauser = env.deployment.pause_authority
    await env.send(env.program.set_paused(pauser.pubkey(), True), [pauser])
    before = await env.tokens(owner)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    assert await env.tokens(owner) == before + 1_000 * IO


async def test_withdraw_rejects_a_missing_signature(env: Env) -> None:
    # The staker's signature, not only its key: with the flag gone from the interface
    # definition, anyone could trigger a staker's withdrawal.
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.advance(14 * DAY)
    ix = unsigned(env.program.withdraw(owner.pubkey(), node), owner.pubkey())
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_withdraw_pays_a_fractional_price_rounded_down(env: Env) -> None:
    # Two holders in a slashed unbonding pool: a share is worth a fraction of a token, and
    # the payout rounds down (rounding up would pay out more than the pool holds).
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 7 * IO + 3), [owner])
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.slash(node, 3_333)
    await env.advance(14 * DAY)
    pool = (await env.node(node)).unbonding
    shares = (await env.position(node, owner)).unbonding_shares
    assert shares * pool.tokens % pool.shares != 0  # a fraction: the rounding shows
    before = await env.tokens(owner)
    await env.send(env.program.withdraw(owner.pubkey(), node), [owner])
    assert await env.tokens(owner) - before == shares * pool.tokens // pool.shares
