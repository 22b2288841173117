"""`extend`: the customer moves the expiry, and the refund time with it, later only."""

from __future__ import annotations

from escrow_harness import HOUR, IO, EscrowEnv


async def test_extend_moves_the_expiry_and_the_refund_time(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, duration=HOUR)
    state = await env.escrow(escrow)
    extend = env.program.extend
    await env.fails(extend(customer.pubkey(), escrow, state.expires_at), [customer],
                    code=6009, message="InvalidExpiry")
    sent = await env.send(extend(customer.pubkey(), escrow, state.expires_at + HOUR),
                          [customer], label="extend")
    after = await env.escrow(escrow)
    assert after.expires_at == state.expires_at + HOUR
    assert after.refund_after == state.refund_after + HOUR
    assert env.event(sent, "Extended")["refund_after"] == after.refund_after
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(extend(intruder.pubkey(), escrow, after.expires_at + 1), [intruder],
                    code=2001)
