"""`refund_expired`: the customer takes the rest back from expires_at + grace on (not a
second earlier), once."""

from __future__ import annotations

from escrow_harness import HOUR, IO, EscrowEnv


async def test_refund_expired_at_t_minus_1_and_t(env_any: EscrowEnv) -> None:
    env = env_any
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=5 * IO,
                            duration=HOUR)
    await env.send(env.settle(escrow, supplier, usdc, 2 * IO, 0), [env.coordinator])
    state = await env.escrow(escrow)
    assert state.refund_after == state.expires_at + 86_400
    refund = env.program.refund_expired(customer.pubkey(), escrow, usdc.address,
                                        usdc.token_program)
    await env.fails(refund, [customer], code=6015, message="NotExpired")  # before expiry
    await env.advance_to(state.refund_after - 1)
    await env.fails(refund, [customer], code=6015)
    await env.expect_at(state.refund_after - 1)
    await env.advance_to(state.refund_after)
    sent = await env.send(refund, [customer], label=f"refund_expired ({env.kind(usdc)})")
    await env.expect_at(state.refund_after)
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        900 * IO + state.deposited - 2 * IO
    assert env.event(sent, "EscrowClosed")["reason"] == 1
    # A second refund finds no escrow.
    await env.fails(refund, [customer], code=3012, message="AccountNotInitialized")


async def test_refund_expired_only_by_the_customer(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, duration=HOUR)
    await env.advance(HOUR + 86_400)
    thief = await env.wallet(usdc)
    ix = env.program.refund_expired(thief.pubkey(), escrow, usdc.address)
    await env.fails(ix, [thief], code=2001)  # ConstraintHasOne: escrow.customer
    # Works while paused: a customer can always get unspent funds back.
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    await env.send(env.program.refund_expired(customer.pubkey(), escrow, usdc.address),
                   [customer])
