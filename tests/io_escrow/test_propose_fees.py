"""`propose_fees`: capped, delayed (tested at t-1 and t), never applied to open escrows."""

from __future__ import annotations

from escrow_harness import IO, EscrowEnv

from ionet.escrow import fee


async def test_a_fee_change_applies_from_its_time_on_and_never_to_open_escrows(
        env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    before = await env.open(customer, supplier, usdc, 10 * IO)
    await env.fails(env.program.propose_fees(env.admin.pubkey(), 1_001, 0), [env.admin],
                    code=6005, message="FeeAboveCap")
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.program.propose_fees(intruder.pubkey(), 0, 0), [intruder], code=6001)
    sent = await env.send(env.program.propose_fees(env.admin.pubkey(), 1_000, 500),
                          [env.admin], label="propose_fees")
    change_at = env.event(sent, "FeesProposed")["change_at"]
    assert isinstance(change_at, int)
    await env.advance_to(change_at - 1)
    early = await env.open(customer, supplier, usdc, 10 * IO)  # one second early: old fees
    await env.expect_at(change_at - 1)
    await env.advance_to(change_at)
    late = await env.open(customer, supplier, usdc, 10 * IO)
    await env.expect_at(change_at)
    assert [((e := await env.escrow(x)).customer_fee_bps, e.supplier_fee_bps)
            for x in (before, early, late)] == [(25, 25), (25, 25), (1_000, 500)]
    assert (await env.escrow(late)).customer_fees == fee(10 * IO, 1_000)
    # The open escrow still settles at its own supplier fee.
    await env.send(env.settle(before, supplier, usdc, 100, 0), [env.coordinator])
    assert (await env.escrow(before)).supplier_fees == fee(100, 25)
