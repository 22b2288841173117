"""Value-flow attacks (shared/design/security.md): sequences of legal calls that must not
move value to the wrong party or keep anyone from theirs."""

from __future__ import annotations

from escrow_harness import HOUR, IO, EscrowEnv

from ionet.escrow import fee


async def test_a_donation_to_the_vault_changes_nothing_owed(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=IO)
    books = await env.books(usdc)
    await env.donate(usdc, 7 * IO)
    assert await env.books(usdc) == books  # the books do not see it
    deposited = (await env.escrow(escrow)).deposited
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        900 * IO + deposited - IO
    assert await env.balance(env.program.vault(usdc.address)) == \
        7 * IO + (await env.books(usdc)).fees_accrued


async def test_the_rate_bound_holds_across_settle_batch_and_close(env: EscrowEnv) -> None:
    """Cap escape by state: whatever path pays, the total never passes the bound."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, rate=0, min_charge=3 * IO)
    await env.send(env.settle(escrow, supplier, usdc, 2 * IO, 0), [env.coordinator])
    batch = env.program.settle_batch(env.coordinator.pubkey(), supplier.node,
                                     env.payout(supplier, usdc), usdc.address,
                                     [(escrow, IO + 1, env.seq(escrow, 1))])
    await env.fails(batch, [env.coordinator], code=6013)
    await env.fails(env.close(escrow, customer, supplier, usdc, IO + 1, 1), [env.coordinator],
                    code=6013)
    await env.send(env.close(escrow, customer, supplier, usdc, IO, 1), [env.coordinator])
    assert await env.balance(env.payout(supplier, usdc)) == \
        3 * IO - fee(2 * IO, 25) - fee(IO, 25)


async def test_a_reopened_job_id_takes_no_settlement_of_the_closed_escrow(
        env: EscrowEnv) -> None:
    """Identity reuse: the same customer and job id give the same address; the new escrow
    starts from nothing and its sequence numbers from its own opening slot."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    first = await env.open(customer, supplier, usdc, 50 * IO, min_charge=5 * IO, job_id=42)
    old_seq = env.seq(first, 0)
    await env.send(env.settle(first, supplier, usdc, 5 * IO, 0), [env.coordinator])
    await env.send(env.close(first, customer, supplier, usdc), [env.coordinator])
    await env.advance(1)
    again = await env.open(customer, supplier, usdc, 10 * IO, min_charge=5 * IO, job_id=42)
    assert again == first
    state = await env.escrow(again)
    assert (state.settled, state.deposited) == (0, 10 * IO - fee(10 * IO, 25))
    assert state.next_seq > old_seq + 1
    for seq in (old_seq, old_seq + 1):  # what was signed for the old escrow
        ix = env.program.settle(env.coordinator.pubkey(), again, env.payout(supplier, usdc),
                                usdc.address, IO, seq)
        await env.fails(ix, [env.coordinator], code=6012)


async def test_a_dead_coordinator_locks_nobody_and_a_pause_blocks_no_refund(
        env: EscrowEnv) -> None:
    """Griefing and hostage state: with the coordinator gone and the program paused, the
    customer still gets the rest back, at a time only the customer's own wait decides."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 20 * IO, min_charge=IO, duration=HOUR)
    await env.send(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator])
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    state = await env.escrow(escrow)
    await env.advance_to(state.refund_after)
    await env.send(env.program.refund_expired(customer.pubkey(), escrow, usdc.address),
                   [customer])
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        980 * IO + state.deposited - IO


async def test_a_jailed_supplier_keeps_what_was_settled_and_nothing_more(
        env: EscrowEnv) -> None:
    """Once jailed, the node's escrows are refundable at once, and the coordinator can
    settle no more than the rate bound allows before the customer takes the rest."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 50 * IO, rate=0, min_charge=2 * IO)
    await env.send(env.settle(escrow, supplier, usdc, 2 * IO, 0), [env.coordinator])
    await env.staking.jail(supplier.node, await env.now() + HOUR)
    await env.fails(env.settle(escrow, supplier, usdc, 1, 1), [env.coordinator], code=6013)
    await env.send(env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node,
                                                 usdc.address), [customer])
    assert await env.balance(env.payout(supplier, usdc)) == 2 * IO - fee(2 * IO, 25)
