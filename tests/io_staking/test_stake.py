"""stake: the node owner's self-stake into the node's active pool."""

from __future__ import annotations

from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import IO, Env, non_canonical_address, swapped, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import POSITION_SEED


async def test_stake_mints_shares_one_to_one(env_any: Env) -> None:
    env = env_any
    owner, node = await env.owner_with_node()
    before = await env.balance(env.program.stake_vault)
    sent = await env.send(env.program.stake(owner.pubkey(), node, 500 * IO), [owner],
                          label="stake (first, creates the position)")
    state = await env.node(node)
    assert (state.active.tokens, state.active.shares) == (500 * IO, 500 * IO)
    assert state.position_count == 1
    position = await env.position(node, owner)
    assert (position.node, position.staker) == (node, owner.pubkey())
    assert position.active_shares == 500 * IO
    assert await env.balance(env.program.stake_vault) == before + 500 * IO
    event = env.event(sent, "Staked")
    assert (event["node"], event["staker"]) == (node, owner.pubkey())
    assert (event["amount"], event["shares"], event["costake"]) == (500 * IO, 500 * IO, False)

    await env.send(env.program.stake(owner.pubkey(), node, 100 * IO), [owner], label="stake")
    assert (await env.position(node, owner)).active_shares == 600 * IO
    assert (await env.node(node)).position_count == 1


async def test_stake_ignores_tokens_sent_straight_to_the_vault(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.mint(env.program.stake_vault, 5_000 * IO)  # a "donation"
    await env.send(env.program.stake(owner.pubkey(), node, 1_000 * IO), [owner])
    state = await env.node(node)
    assert (state.active.tokens, state.active.shares) == (2_000 * IO, 2_000 * IO)


async def test_stake_into_a_prefunded_position_address(env: Env) -> None:
    owner, node = await env.owner_with_node()
    position = env.program.position(node, owner.pubkey())
    await env.send(transfer(TransferParams(from_pubkey=owner.pubkey(), to_pubkey=position,
                                           lamports=1_000)), [owner], payer=owner)
    await env.send(env.program.stake(owner.pubkey(), node, 10 * IO), [owner])
    assert (await env.position(node, owner)).active_shares == 10 * IO


async def test_stake_rejects_a_non_owner(env: Env) -> None:
    _, node = await env.owner_with_node()
    other = await env.wallet(100 * IO)
    await env.fails(env.program.stake(other.pubkey(), node, 10 * IO), [other],
                    error=E.NotNodeOwner)


async def test_stake_rejects_zero(env: Env) -> None:
    owner, node = await env.owner_with_node()
    await env.fails(env.program.stake(owner.pubkey(), node, 0), [owner], error=E.ZeroAmount)


async def test_stake_rejects_more_than_the_owner_holds(env: Env) -> None:
    owner, node = await env.owner_with_node()
    # The token program's own InsufficientFunds (1); nothing of ours changes.
    await env.fails_insufficient_funds(env.program.stake(owner.pubkey(), node, 10**9 * IO),
                                      [owner])


async def test_stake_rejects_a_missing_signature(env: Env) -> None:
    owner, node = await env.owner_with_node()
    ix = unsigned(env.program.stake(owner.pubkey(), node, 10 * IO), owner.pubkey())
    await env.fails(ix, [], error=A.AccountNotSigner)


async def test_stake_rejects_a_foreign_vault(env: Env) -> None:
    owner, node = await env.owner_with_node()
    attacker = await env.wallet()
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO), env.program.stake_vault,
                 env.program.token_account(attacker.pubkey()))
    await env.fails(ix, [owner], error=A.ConstraintHasOne)


async def test_stake_rejects_another_mint(env: Env) -> None:
    owner, node = await env.owner_with_node()
    foreign = await env.foreign_token_account(owner.pubkey())
    other_mint = Keypair().pubkey()
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO, owner_token=foreign),
                 env.program.stake_mint, other_mint)
    await env.fails(ix, [owner], error=A.ConstraintHasOne)


async def test_stake_rejects_a_fake_token_program(env: Env) -> None:
    owner, node = await env.owner_with_node()
    fake = TOKEN_2022_PROGRAM_ID if env.program.token_program == TOKEN_PROGRAM_ID \
        else TOKEN_PROGRAM_ID
    # Not a token program at all: InvalidProgramId; the other token program: it is not
    # the one the config stores (has_one).
    for program, error in ((env.caller.program_id, A.InvalidProgramId),
                           (fake, A.ConstraintHasOne)):
        ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO),
                     env.program.token_program, program)
        await env.fails(ix, [owner], error=error)


async def test_stake_rejects_someone_elses_position(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    costaker = await env.costaker(node, 100 * IO)
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO),
                 env.program.position(node, owner.pubkey()),
                 env.program.position(node, costaker.pubkey()))
    await env.fails(ix, [owner], error=A.ConstraintHasOne)


async def test_stake_rejects_a_position_of_another_node(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=10 * IO)
    other = await env.register(owner)
    ix = swapped(env.program.stake(owner.pubkey(), other, 10 * IO),
                 env.program.position(other, owner.pubkey()),
                 env.program.position(node, owner.pubkey()))
    await env.fails(ix, [owner], error=A.ConstraintHasOne)


async def test_stake_rejects_a_non_canonical_position_address(env: Env) -> None:
    owner, node = await env.owner_with_node()
    fake = non_canonical_address([POSITION_SEED, bytes(node), bytes(owner.pubkey())],
                                 env.program.program_id)
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO),
                 env.program.position(node, owner.pubkey()), fake)
    await env.fails(ix, [owner], error=A.ConstraintSeeds)


async def test_stake_rejects_the_vault_as_source(env: Env) -> None:
    owner, node = await env.owner_with_node()
    ix = env.program.stake(owner.pubkey(), node, 10 * IO, owner_token=env.program.stake_vault)
    await env.fails(ix, [owner], error=A.RequireKeysNeqViolated)


async def test_stake_rejects_another_account_type_as_node(env: Env) -> None:
    owner, node = await env.owner_with_node()
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO), node,
                 env.program.reward_state)
    await env.fails(ix, [owner], error=A.AccountDiscriminatorMismatch)


async def test_stake_rejects_a_node_owned_by_another_program(env: Env) -> None:
    owner, node = await env.owner_with_node()
    lookalike = env.deployment.treasury  # a token account: owned by the token program
    ix = swapped(env.program.stake(owner.pubkey(), node, 10 * IO), node, lookalike)
    ix = swapped(ix, env.program.position(node, owner.pubkey()),
                 env.program.position(lookalike, owner.pubkey()))
    await env.fails(ix, [owner], error=A.AccountOwnedByWrongProgram)
