"""`sweep_fees`: exactly the accrued fees, to the treasury only."""

from __future__ import annotations

from escrow_harness import IO, EscrowEnv
from spl.token.instructions import create_associated_token_account

from ionet.escrow import fee


async def test_sweep_fees_moves_exactly_the_accrued_fees(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=20 * IO)
    await env.send(env.settle(escrow, supplier, usdc, 10 * IO, 0), [env.coordinator])
    await env.donate(usdc, 5 * IO)  # a gift to the vault is nobody's fee
    await env.staking.raw_send([create_associated_token_account(
        env.cluster.wallet.pubkey(), env.treasury.pubkey(), usdc.address, usdc.token_program)])
    accrued = (await env.books(usdc)).fees_accrued
    assert accrued == fee(100 * IO, 25) + fee(10 * IO, 25)
    sent = await env.send(env.program.sweep_fees(env.treasury.pubkey(), usdc.address),
                          label="sweep_fees")
    assert await env.balance(env.token_account(env.treasury.pubkey(), usdc)) == accrued
    assert env.event(sent, "FeesSwept")["amount"] == accrued
    books = await env.books(usdc)
    assert (books.fees_accrued, books.fees_swept) == (0, accrued)
    await env.fails(env.program.sweep_fees(env.treasury.pubkey(), usdc.address), [],
                    code=6022, message="NothingToSweep")
    # Only to the treasury's account.
    other = await env.wallet(usdc)
    await env.send(env.settle(escrow, supplier, usdc, 1, 1), [env.coordinator])
    ix = env.program.sweep_fees(other.pubkey(), usdc.address)
    await env.fails(ix, [], code=2015)  # ConstraintTokenOwner
