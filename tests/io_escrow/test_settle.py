"""`settle`: the coordinator pays the bound payout account `amount - supplier fee`;
`seq` must be the next one; never more than what is left, never above the rate bound."""

from __future__ import annotations

from escrow_harness import HOUR, IO, EscrowEnv, Mint, Supplier
from solders.keypair import Keypair
from staking_harness import swapped, unsigned

from ionet.escrow import fee


async def _opened(env: EscrowEnv, amount: int = 100 * IO, rate: int = 1_000,
                  min_charge: int = 0) -> tuple[Mint, Supplier, Keypair, object]:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, amount, rate=rate, min_charge=min_charge)
    return usdc, supplier, customer, escrow


async def test_settle_pays_the_supplier_less_the_fee(env_any: EscrowEnv) -> None:
    env = env_any
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    payout = env.payout(supplier, usdc)
    sent = await env.send(env.settle(escrow, supplier, usdc, 4 * IO, 0), [env.coordinator],
                          label=f"settle ({env.kind(usdc)})")
    assert await env.balance(payout) == 4 * IO - fee(4 * IO, 25)
    state = await env.escrow(escrow)
    assert (state.settled, state.next_seq, state.supplier_fees) == (
        4 * IO, env.seq(escrow, 1), fee(4 * IO, 25))
    assert env.event(sent, "Settled")["seq"] == env.seq(escrow, 0)
    await env.send(env.settle(escrow, supplier, usdc, 6 * IO, 1), [env.coordinator],
                   label=f"settle ({env.kind(usdc)})")
    assert (await env.escrow(escrow)).settled == 10 * IO


async def test_settle_rejects_a_replayed_and_a_reordered_seq(env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    await env.send(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator])
    paid = await env.balance(env.payout(supplier, usdc))
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator], code=6012,
                    message="WrongSequence")  # replayed
    await env.fails(env.settle(escrow, supplier, usdc, IO, 2), [env.coordinator], code=6012)
    assert await env.balance(env.payout(supplier, usdc)) == paid  # nothing paid twice
    await env.send(env.settle(escrow, supplier, usdc, IO, 1), [env.coordinator])


async def test_settle_is_bounded_by_the_rate_at_t_minus_1_and_t(env: EscrowEnv) -> None:
    """min_charge 1 IO, 100 base units per second: at opened_at + s the bound is exactly
    1 IO + 100 s."""
    usdc, supplier, _, escrow = await _opened(env, rate=100, min_charge=IO)
    opened = (await env.escrow(escrow)).opened_at
    await env.fails(env.settle(escrow, supplier, usdc, IO + 1, 0), [env.coordinator],
                    code=6013, message="RateExceeded")
    await env.advance_to(opened + 59)
    await env.fails(env.settle(escrow, supplier, usdc, IO + 6_000, 0), [env.coordinator],
                    code=6013)
    await env.expect_at(opened + 59)
    await env.advance_to(opened + 60)
    await env.send(env.settle(escrow, supplier, usdc, IO + 6_000, 0), [env.coordinator])
    await env.expect_at(opened + 60)
    await env.fails(env.settle(escrow, supplier, usdc, 1, 1), [env.coordinator], code=6013)


async def test_settle_stops_earning_at_the_expiry(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, rate=100, duration=HOUR)
    state = await env.escrow(escrow)
    await env.advance_to(state.expires_at + HOUR)
    earned = 100 * (state.expires_at - state.opened_at)
    await env.fails(env.settle(escrow, supplier, usdc, earned + 1, 0), [env.coordinator],
                    code=6013)
    await env.send(env.settle(escrow, supplier, usdc, earned, 0), [env.coordinator])


async def test_settle_never_pays_more_than_is_left(env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, amount=10 * IO, min_charge=100 * IO)
    left = (await env.escrow(escrow)).deposited
    await env.fails(env.settle(escrow, supplier, usdc, left + 1, 0), [env.coordinator],
                    code=6014, message="InsufficientBalance")
    await env.fails(env.settle(escrow, supplier, usdc, 0, 0), [env.coordinator], code=6008)
    await env.send(env.settle(escrow, supplier, usdc, left, 0), [env.coordinator])
    await env.fails(env.settle(escrow, supplier, usdc, 1, 1), [env.coordinator], code=6014)


async def test_settle_rejects_anyone_but_the_coordinator(env: EscrowEnv) -> None:
    usdc, supplier, customer, escrow = await _opened(env, min_charge=10 * IO)
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0, coordinator=intruder),
                    [intruder], code=6003, message="NotCoordinator")
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0, coordinator=customer),
                    [customer], code=6003)
    ix = unsigned(env.settle(escrow, supplier, usdc, IO, 0), env.coordinator.pubkey())
    await env.fails(ix, [], code=3010, message="AccountNotSigner")


async def test_settle_rejects_the_rotated_out_coordinator_at_once(env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    old, new = env.coordinator, await env.cluster.new_funded_keypair()
    await env.send(env.program.update_config(env.admin.pubkey(), new.pubkey(),
                                             env.treasury.pubkey(), 86_400), [env.admin])
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0, coordinator=old), [old],
                    code=6003, message="NotCoordinator")
    await env.send(env.settle(escrow, supplier, usdc, IO, 0, coordinator=new), [new])


async def test_settle_rejects_a_payout_account_other_than_the_bound_one(env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    thief = await env.wallet(usdc)
    ix = swapped(env.settle(escrow, supplier, usdc, IO, 0), env.payout(supplier, usdc),
                 env.token_account(thief.pubkey(), usdc))
    await env.fails(ix, [env.coordinator], code=6021, message="WrongPayout")


async def test_settle_rejects_an_escrow_of_another_mint_and_a_fake_token_program(
        env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    other = await env.add_mint("other")
    ix = env.program.settle(env.coordinator.pubkey(), escrow, env.payout(supplier, usdc),
                            other.address, IO, 0)
    await env.fails(ix, [env.coordinator], code=2001)  # ConstraintHasOne: escrow.mint
    fake = swapped(env.settle(escrow, supplier, usdc, IO, 0), usdc.token_program,
                   env.staking.program.program_id)
    await env.fails(fake, [env.coordinator], code=3008)  # InvalidProgramId


async def test_settle_refuses_while_paused(env: EscrowEnv) -> None:
    usdc, supplier, _, escrow = await _opened(env, min_charge=10 * IO)
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator], code=6004)
