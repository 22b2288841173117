"""`close_escrow`: the coordinator closes an escrow (optionally with a final settlement);
the supplier gets at least min(min_charge, deposited), the customer the rest and the rent;
the account cannot be revived in the same transaction."""

from __future__ import annotations

from escrow_harness import IO, EscrowEnv
from solders.system_program import TransferParams, transfer

from ionet.escrow import fee


async def test_close_escrow_settles_refunds_and_returns_the_rent(env_any: EscrowEnv) -> None:
    env = env_any
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=10 * IO)
    await env.send(env.settle(escrow, supplier, usdc, 3 * IO, 0), [env.coordinator])
    deposited = (await env.escrow(escrow)).deposited
    lamports = await env.cluster.balance(customer.pubkey())
    rent = (await env.cluster.account(escrow)).lamports  # type: ignore[union-attr]
    sent = await env.send(env.close(escrow, customer, supplier, usdc, 4 * IO, 1),
                          [env.coordinator], label=f"close_escrow ({env.kind(usdc)})")
    # Final settlement 4 IO, then the minimum charge tops the supplier up to 10 IO.
    assert await env.balance(env.payout(supplier, usdc)) == 10 * IO - fee(3 * IO, 25) \
        - fee(4 * IO, 25) - fee(3 * IO, 25)
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        900 * IO + deposited - 10 * IO
    assert await env.cluster.account(escrow) is None
    assert await env.cluster.balance(customer.pubkey()) == lamports + rent
    event = env.event(sent, "EscrowClosed")
    assert (event["reason"], event["refund"], event["settled"]) == (0, deposited - 10 * IO,
                                                                    10 * IO)


async def test_close_escrow_pays_at_most_what_was_deposited_as_minimum(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 5 * IO, min_charge=50 * IO)
    deposited = (await env.escrow(escrow)).deposited
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])
    assert await env.balance(env.payout(supplier, usdc)) == deposited - fee(deposited, 25)
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == 995 * IO


async def test_close_escrow_rejects_others_and_a_replayed_final_seq(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=10 * IO)
    await env.send(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator])
    await env.fails(env.close(escrow, customer, supplier, usdc, IO, 0), [env.coordinator],
                    code=6012)
    intruder = await env.cluster.new_funded_keypair()
    ix = env.program.close_escrow(intruder.pubkey(), escrow, customer.pubkey(),
                                  env.payout(supplier, usdc), usdc.address)
    await env.fails(ix, [intruder], code=6003, message="NotCoordinator")
    # The refund goes to the escrow's customer only.
    thief = await env.wallet(usdc)
    ix = env.program.close_escrow(env.coordinator.pubkey(), escrow, thief.pubkey(),
                                  env.payout(supplier, usdc), usdc.address)
    await env.fails(ix, [env.coordinator], code=2001)  # ConstraintHasOne: escrow.customer


async def test_close_escrow_works_while_paused_without_a_final_settlement(
        env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=IO)
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    await env.fails(env.close(escrow, customer, supplier, usdc, IO, 0), [env.coordinator],
                    code=6004)
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])


async def test_close_escrow_cannot_be_revived_in_the_same_transaction(env: EscrowEnv) -> None:
    """Closing, then refunding lamports to the address in the same transaction, leaves an
    account the program no longer accepts (data zeroed, owned by the system program)."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, min_charge=IO)
    revive = transfer(TransferParams(from_pubkey=customer.pubkey(), to_pubkey=escrow,
                                     lamports=10_000_000))
    await env.send([env.close(escrow, customer, supplier, usdc), revive],
                   [env.coordinator, customer])
    account = await env.cluster.account(escrow)
    assert account is not None and account.owner != env.program.program_id
    assert bytes(account.data) == b""
    await env.fails(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator],
                    code=3012)  # AccountNotInitialized
    await env.fails(env.program.refund_expired(customer.pubkey(), escrow, usdc.address),
                    [customer], code=3012)
