"""`top_up`: the customer adds funds, less the customer fee at the escrow's own rate."""

from __future__ import annotations

from escrow_harness import IO, EscrowEnv

from ionet.escrow import fee


async def test_top_up_adds_less_the_escrows_own_fee(env_any: EscrowEnv) -> None:
    env = env_any
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO)
    before = await env.escrow(escrow)
    sent = await env.send(env.program.top_up(customer.pubkey(), escrow, usdc.address, 7 * IO,
                                             usdc.token_program), [customer],
                          label=f"top_up ({env.kind(usdc)})")
    after = await env.escrow(escrow)
    assert after.deposited == before.deposited + 7 * IO - fee(7 * IO, 25)
    assert after.customer_fees == before.customer_fees + fee(7 * IO, 25)
    assert env.event(sent, "ToppedUp")["deposited"] == after.deposited


async def test_top_up_keeps_the_fee_fixed_at_opening(bare_env: EscrowEnv) -> None:
    env = bare_env
    usdc = await env.add_mint("usdc")
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO)
    await env.send(env.program.propose_fees(env.admin.pubkey(), 1_000, 1_000), [env.admin])
    await env.advance(env.settings.fee_delay_secs)
    before = await env.escrow(escrow)
    await env.send(env.program.top_up(customer.pubkey(), escrow, usdc.address, 10 * IO),
                   [customer])
    assert (await env.escrow(escrow)).deposited == before.deposited + 10 * IO - fee(10 * IO, 25)


async def test_top_up_rejects_zero_others_and_a_pause(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO)
    await env.fails(env.program.top_up(customer.pubkey(), escrow, usdc.address, 0), [customer],
                    code=6008)
    other = await env.wallet(usdc, 100 * IO)
    await env.fails(env.program.top_up(other.pubkey(), escrow, usdc.address, IO), [other],
                    code=2001)
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    await env.fails(env.program.top_up(customer.pubkey(), escrow, usdc.address, IO),
                    [customer], code=6004)
