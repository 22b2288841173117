"""`open_escrow`: the customer deposits for one eligible io_staking node; the customer fee
is taken at the fees in force; the payout account is bound."""

from __future__ import annotations

from escrow_harness import HOUR, IO, STAKING_ELF, EscrowEnv
from solders.system_program import TransferParams, transfer
from staking_harness import Env, new_deployment, non_canonical_address, swapped

from ionet.escrow import fee
from ionet.staking import config_address


async def test_open_escrow_deposits_takes_the_fee_and_binds_the_payout(
        env_any: EscrowEnv) -> None:
    env = env_any
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    escrow = await env.open(customer, supplier, usdc, 100 * IO, rate=1_000, min_charge=5 * IO,
                            label=f"open_escrow ({env.kind(usdc)})")
    state = await env.escrow(escrow)
    taken = fee(100 * IO, 25)
    assert state.deposited == 100 * IO - taken and state.customer_fees == taken
    assert state.payout == env.payout(supplier, usdc) and state.node == supplier.node
    assert (state.customer_fee_bps, state.supplier_fee_bps) == (25, 25)
    assert state.settled == 0 and state.next_seq % 2**24 == 0 and state.next_seq > 0
    assert state.refund_after == state.expires_at + env.settings.refund_grace_secs
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == 900 * IO
    books = await env.books(usdc)
    assert (books.owed, books.fees_accrued, books.open_escrows) == (state.deposited, taken, 1)


async def test_open_escrow_rejects_a_zero_amount_and_a_past_expiry(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    now = await env.now()
    open_ = env.program.open_escrow
    await env.fails(open_(customer.pubkey(), 1, supplier.node, supplier.key, usdc.address, 0,
                          1, 0, now + HOUR), [customer], code=6008, message="ZeroAmount")
    await env.fails(open_(customer.pubkey(), 1, supplier.node, supplier.key, usdc.address,
                          IO, 1, 0, now), [customer], code=6009, message="InvalidExpiry")


async def test_open_escrow_rejects_an_under_staked_and_a_jailed_node(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    under = await env.supplier(usdc, stake=200 * IO - 1)
    customer = await env.wallet(usdc, 1_000 * IO)
    expires = await env.now() + HOUR
    await env.fails(env.program.open_escrow(customer.pubkey(), 1, under.node, under.key,
                                            usdc.address, IO, 1, 0, expires), [customer],
                    code=6010, message="NodeNotEligible")
    jailed = await env.supplier(usdc)
    await env.staking.jail(jailed.node, await env.now() + HOUR)
    await env.fails(env.program.open_escrow(customer.pubkey(), 1, jailed.node, jailed.key,
                                            usdc.address, IO, 1, 0, expires), [customer],
                    code=6011, message="NodeJailed")


async def test_open_escrow_rejects_a_payout_account_of_another_owner_or_mint(
        env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    expires = await env.now() + HOUR
    stranger = await env.wallet(usdc)
    ix = env.program.open_escrow(customer.pubkey(), 1, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, expires,
                                 payout=env.token_account(stranger.pubkey(), usdc))
    await env.fails(ix, [customer], code=2015)  # ConstraintTokenOwner
    other = await env.add_mint("other", enable=False)
    await env.wallet(other, keypair=supplier.owner)
    ix = env.program.open_escrow(customer.pubkey(), 1, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, expires,
                                 payout=env.token_account(supplier.key, other))
    await env.fails(ix, [customer], code=2014)  # ConstraintTokenMint


async def test_open_escrow_rejects_look_alike_staking_accounts(env: EscrowEnv) -> None:
    """A Node or StakingConfig with the right bytes but owned by another program (a second
    io_staking deployment, not the configured one), and our own accounts in their place."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    expires = await env.now() + HOUR
    other = Env(env.cluster, await new_deployment(env.cluster, STAKING_ELF.read_bytes(),
                                                  env.staking.deployment.caller))
    owner, node = await other.owner_with_node(200 * IO)
    await env.wallet(usdc, keypair=owner)
    ix = env.program.open_escrow(customer.pubkey(), 1, node, owner.pubkey(), usdc.address,
                                 IO, 1, 0, expires)
    await env.fails(ix, [customer], code=3007,
                    message="AccountOwnedByWrongProgram")  # the look-alike node

    ix = env.program.open_escrow(customer.pubkey(), 1, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, expires)
    look_alike_config = swapped(ix, env.program.staking_config,
                                config_address(other.program.program_id))
    await env.fails(look_alike_config, [customer], code=3007)
    ours = swapped(ix, env.program.staking_config, env.program.config)
    await env.fails(ours, [customer], code=3007)
    # io_staking's config where its node is expected: type cosplay.
    cosplay = swapped(ix, supplier.node, env.program.staking_config)
    await env.fails(cosplay, [customer], code=3002, message="AccountDiscriminatorMismatch")


async def test_open_escrow_refuses_while_paused_and_the_same_job_twice(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    await env.open(customer, supplier, usdc, IO, job_id=7)
    expires = await env.now() + HOUR
    again = env.program.open_escrow(customer.pubkey(), 7, supplier.node, supplier.key,
                                    usdc.address, IO, 1, 0, expires)
    await env.fails(again, [customer], code=3000,
                    message="AccountDiscriminatorAlreadySet")
    await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin])
    ix = env.program.open_escrow(customer.pubkey(), 8, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, expires)
    await env.fails(ix, [customer], code=6004, message="Paused")


async def test_open_escrow_rejects_a_non_canonical_address_and_survives_a_pre_funded_one(
        env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    expires = await env.now() + HOUR
    ix = env.program.open_escrow(customer.pubkey(), 9, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, expires)
    seeds = [b"escrow", bytes(customer.pubkey()), (9).to_bytes(8, "little")]
    fake = non_canonical_address(seeds, env.program.program_id)
    await env.fails(swapped(ix, env.program.escrow(customer.pubkey(), 9), fake), [customer],
                    code=2006)  # ConstraintSeeds
    # Lamports sent to the address first do not keep it from being created.
    await env.staking.raw_send([transfer(TransferParams(
        from_pubkey=customer.pubkey(), to_pubkey=env.program.escrow(customer.pubkey(), 9),
        lamports=1_000_000))], [customer], payer=customer)
    await env.send(ix, [customer])
    assert (await env.escrow(env.program.escrow(customer.pubkey(), 9))).deposited > 0


async def test_open_escrow_rejects_the_vault_as_the_customers_account(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    ix = env.program.open_escrow(customer.pubkey(), 3, supplier.node, supplier.key,
                                 usdc.address, IO, 1, 0, await env.now() + HOUR,
                                 customer_token=env.program.vault(usdc.address))
    await env.fails(ix, [customer], code=2504)  # RequireKeysNeqViolated: the same account twice
