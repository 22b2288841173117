"""Adversarial review of io_escrow (s9): sequences of legal calls, each signer who it claims
to be, that try to move value to someone it does not belong to or keep someone from theirs.
One test per attack, run against the real binaries; each docstring gives the sequence,
what must hold, and what it checks that the other tests do not."""

from __future__ import annotations

import pytest
from escrow_harness import HOUR, IO, EscrowEnv, Supplier
from solders.instruction import Instruction
from solders.keypair import Keypair
from spl.token.instructions import (
    AuthorityType,
    CloseAccountParams,
    SetAuthorityParams,
    TransferCheckedParams,
    close_account,
    create_idempotent_associated_token_account,
    set_authority,
    transfer_checked,
)

from ionet.escrow import MAX_REFUND_GRACE_SECS, fee
from ionet.staking import UNSTAKE_ALL
from ionet.testing import SendFailed

DAY = 86_400
FEE_BPS = 25  # the harness's customer and supplier fees (io.net's 0.25 %)
BELOW_ONE_UNIT_OF_FEE = 10_000 // FEE_BPS - 1  # 399: an amount whose fee rounds to 0


async def test_the_admin_cannot_stretch_the_refund_grace_past_its_bound(
        env: EscrowEnv) -> None:
    """Instant privilege (admin): `update_config` takes effect at once, so an admin who
    also names the coordinator could set a refund grace of a century just before a
    customer's `open_escrow` lands (the customer signs no grace); that escrow's
    `refund_expired` would then wait a century, and the customer's rest would depend on
    the coordinator after all. A grace above MAX_REFUND_GRACE_SECS must be refused
    (RefundGraceTooLong) and one at the bound accepted. (test_update_config only checks
    who may call it.)"""
    usdc = env.mints["usdc"]
    settings = env.settings
    update = env.program.update_config
    for grace in (MAX_REFUND_GRACE_SECS + 1, 100 * 365 * DAY, 2**63 - 1):
        await env.fails(update(env.admin.pubkey(), settings.coordinator, settings.treasury,
                               grace), [env.admin], code=6023, message="RefundGraceTooLong")
    await env.send(update(env.admin.pubkey(), settings.coordinator, settings.treasury,
                          MAX_REFUND_GRACE_SECS), [env.admin])
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, duration=HOUR)
    state = await env.escrow(escrow)
    assert state.refund_after - state.expires_at == MAX_REFUND_GRACE_SECS


async def test_split_settlements_pay_the_supplier_fee_of_their_sum(env: EscrowEnv) -> None:
    """Rounding harvested by repetition (supplier, through the coordinator's cadence):
    ten `settle`s of 399 base units in one transaction each round the 0.25 % supplier fee
    down to 0, so the supplier pays no fee on 3 990 units that one settlement charges 9 of.
    The fee must be that of what was settled in total, however it was split: the escrow's
    supplier fees equal fee(settled) after every settlement, and the payout receives the
    rest. (test_settle checks the fee of one settlement only.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, min_charge=IO)
    parts = 10
    await env.send([env.settle(escrow, supplier, usdc, BELOW_ONE_UNIT_OF_FEE, k)
                    for k in range(parts)], [env.coordinator])
    settled = parts * BELOW_ONE_UNIT_OF_FEE
    state = await env.escrow(escrow)
    assert state.settled == settled
    assert state.supplier_fees == fee(settled, FEE_BPS) == 9
    assert await env.balance(env.payout(supplier, usdc)) == settled - 9
    # One more unit crosses no new boundary; the close's minimum charge is charged alike.
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])
    assert await env.balance(env.payout(supplier, usdc)) == IO - fee(IO, FEE_BPS)


async def test_split_top_ups_pay_the_customer_fee_of_their_sum(env: EscrowEnv) -> None:
    """Rounding harvested by repetition (customer): opening with 399 base units and
    topping up nine times 399 in one transaction rounds every 0.25 % customer fee down to
    0, so 3 990 units are deposited fee-free where one deposit pays 9. The customer fees
    must be those of everything paid in (fee(deposited + customer_fees)) after every
    top-up. (test_top_up checks the fee of one top-up only.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, BELOW_ONE_UNIT_OF_FEE)
    top_up = env.program.top_up(customer.pubkey(), escrow, usdc.address,
                                BELOW_ONE_UNIT_OF_FEE, usdc.token_program)
    await env.send([top_up] * 9, [customer])
    paid = 10 * BELOW_ONE_UNIT_OF_FEE
    state = await env.escrow(escrow)
    assert state.customer_fees == fee(paid, FEE_BPS) == 9
    assert state.deposited == paid - 9
    assert (await env.books(usdc)).fees_accrued == 9


async def test_a_leaving_costaker_keeps_the_node_eligible_through_the_exit_wait(
        env: EscrowEnv) -> None:
    """Cross-program timing (a customer who co-stakes the node): the owner's stake alone is
    below the minimum, the co-stake makes it eligible, a customer opens and uses it, and
    the co-staker asks to leave, hoping that `refund_ineligible` then gives back the usage
    not yet settled. The leaving stake still counts through the exit wait, so the refund
    is refused (NodeStillEligible) until `start_cooldown` (after the wait, which the owner
    sees coming) really takes it out; what was settled stays with the supplier.
    (test_refund_ineligible drops the owner's own stake only.)"""
    usdc = env.mints["usdc"]
    staking = env.staking
    supplier = await env.supplier(usdc, stake=150 * IO)  # the minimum is 200 IO
    costaker = await staking.costaker(supplier.node, 60 * IO)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 20 * IO)
    await env.advance(60)
    await env.send(env.settle(escrow, supplier, usdc, 50_000, 0), [env.coordinator])
    await staking.send(staking.program.request_unstake(costaker.pubkey(), supplier.node,
                                                       UNSTAKE_ALL), [costaker])
    refund = env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node,
                                           usdc.address)
    await env.fails(refund, [customer], code=6016, message="NodeStillEligible")
    wait = staking.settings.costaker_exit_wait_secs
    await env.advance(wait - 61)
    await env.fails(refund, [customer], code=6016, message="NodeStillEligible")
    await env.advance(61)
    await staking.send(staking.program.start_cooldown(supplier.node, costaker.pubkey()),
                       [customer])
    state = await env.escrow(escrow)
    await env.send(refund, [customer])
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        80 * IO + state.deposited - 50_000
    assert await env.balance(env.payout(supplier, usdc)) == 50_000 - fee(50_000, FEE_BPS)


async def test_a_customer_who_breaks_its_token_account_cannot_keep_the_minimum_charge(
        env: EscrowEnv) -> None:
    """Griefing the supplier (customer, SPL Token): the customer hands its associated
    token account to another key of its own (`SetAuthority` AccountOwner, which SPL Token
    allows), so that `close_escrow`, which refunds into it, fails and the minimum charge
    it would pay is never taken; after expiry and grace it takes the account back and
    `refund_expired`s everything. `settle` touches no account of the customer's, so the
    coordinator still takes the minimum charge (the rate bound counts it from opening)
    and the refund is only the rest. (No other test closes against a customer account
    that changed hands.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    accomplice = await env.cluster.new_funded_keypair()
    escrow = await env.open(customer, supplier, usdc, 10 * IO, min_charge=3 * IO,
                            duration=HOUR)
    account = env.token_account(customer.pubkey(), usdc)

    def hand(account_owner: Keypair, new_owner: Keypair) -> Instruction:
        return set_authority(SetAuthorityParams(
            program_id=usdc.token_program, account=account,
            authority=AuthorityType.ACCOUNT_OWNER, current_authority=account_owner.pubkey(),
            new_authority=new_owner.pubkey()))

    await env.send(hand(customer, accomplice), [customer])
    await env.fails(env.close(escrow, customer, supplier, usdc), [env.coordinator],
                    code=2015)
    await env.send(env.settle(escrow, supplier, usdc, 3 * IO, 0), [env.coordinator])
    state = await env.escrow(escrow)
    await env.advance_to(state.refund_after)
    await env.send(hand(accomplice, customer), [accomplice])
    await env.send(env.program.refund_expired(customer.pubkey(), escrow, usdc.address),
                   [customer])
    assert await env.balance(account) == 90 * IO + state.deposited - 3 * IO
    assert await env.balance(env.payout(supplier, usdc)) == 3 * IO - fee(3 * IO, FEE_BPS)


async def test_an_escrow_whose_node_changed_hands_is_refundable_at_once(
        env: EscrowEnv) -> None:
    """Identity reuse across programs (a node id given to a new owner): a customer opens on
    owner A's node (the escrow binds A's payout account); A unstakes, withdraws and closes
    the node (ineligible from the unstake on, but the customer did not watch); B reopens
    the same id and stakes, so the node is eligible again. The escrow still pays A (a
    settlement for B's work would go to A), and `refund_ineligible` said NodeStillEligible,
    so the customer was held to a supplier that left until expiry and grace. An escrow
    opened before its node's last registration must be refundable at once, and one opened
    after it not. (No other test reopens a node under an open escrow.)"""
    usdc = env.mints["usdc"]
    staking = env.staking
    node_id = bytes(Keypair().pubkey())
    first_owner = await staking.wallet(10_000 * IO)
    node = await staking.register(first_owner, node_id=node_id)
    await staking.send(staking.program.stake(first_owner.pubkey(), node, 200 * IO),
                       [first_owner])
    departed = Supplier(first_owner, node)
    await env.wallet(usdc, keypair=first_owner)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, departed, usdc, 10 * IO, duration=60 * DAY)
    await staking.send(staking.program.request_unstake(first_owner.pubkey(), node,
                                                       UNSTAKE_ALL), [first_owner])
    await env.advance(staking.settings.unstake_cooldown_secs)
    await staking.send([staking.program.withdraw(first_owner.pubkey(), node),
                        staking.program.close_position(first_owner.pubkey(), node),
                        staking.program.close_node(first_owner.pubkey(), node)], [first_owner])
    new_owner = await staking.wallet(10_000 * IO)
    await staking.send([staking.program.reopen_node(new_owner.pubkey(), node_id, 1, 10_000, 0),
                        staking.program.stake(new_owner.pubkey(), node, 200 * IO)], [new_owner])
    successor = Supplier(new_owner, node)
    await env.wallet(usdc, keypair=new_owner)
    later_customer = await env.wallet(usdc, 100 * IO)
    later = await env.open(later_customer, successor, usdc, 10 * IO)
    await env.fails(env.program.refund_ineligible(later_customer.pubkey(), later, node,
                                                  usdc.address), [later_customer],
                    code=6016, message="NodeStillEligible")
    deposited = (await env.escrow(escrow)).deposited
    sent = await env.send(env.program.refund_ineligible(customer.pubkey(), escrow, node,
                                                        usdc.address), [customer])
    assert env.event(sent, "EscrowClosed")["refund"] == deposited
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        90 * IO + deposited


async def test_a_partial_slash_frees_the_escrows_only_once_it_goes_below_the_minimum(
        env: EscrowEnv) -> None:
    """Cross-program (the slash hook io_slashing CPIs into): a node staked 1 % above its
    minimum takes an escrow and is paid a settlement; a 0.5 % slash, without a jail, leaves
    it eligible, so its customer cannot walk away with the usage not yet settled
    (NodeStillEligible); a second 1 % slash takes it below the minimum, and the customer
    gets the rest back at once while the supplier keeps what was settled. (The other
    refund_ineligible tests use a jail or the owner's own unstake, never a slash.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc, stake=202 * IO)  # the minimum is 200 IO
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 20 * IO, min_charge=IO)
    await env.send(env.settle(escrow, supplier, usdc, IO, 0), [env.coordinator])
    refund = env.program.refund_ineligible(customer.pubkey(), escrow, supplier.node,
                                           usdc.address)
    await env.staking.slash(supplier.node, 50)
    assert (await env.staking.node(supplier.node)).active.tokens >= 200 * IO
    await env.fails(refund, [customer], code=6016, message="NodeStillEligible")
    await env.staking.slash(supplier.node, 100)
    assert (await env.staking.node(supplier.node)).active.tokens < 200 * IO
    state = await env.escrow(escrow)
    await env.send(refund, [customer])
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        80 * IO + state.deposited - IO
    assert await env.balance(env.payout(supplier, usdc)) == IO - fee(IO, FEE_BPS)


async def test_an_extension_that_overflows_leaves_the_escrow_as_it_was(env: EscrowEnv) -> None:
    """A state left half-done (customer, amounts at the limit): `extend` to the largest
    time there is, where expiry + grace passes i64, must fail whole (MathOverflow) and
    leave expiry and refund time unchanged, so the refund still comes when it was due.
    (test_extend only extends to ordinary times.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, duration=HOUR)
    before = await env.escrow(escrow)
    await env.fails(env.program.extend(customer.pubkey(), escrow, 2**63 - 1), [customer],
                    code=6017, message="MathOverflow")
    after = await env.escrow(escrow)
    assert (after.expires_at, after.refund_after) == (before.expires_at, before.refund_after)
    await env.advance_to(before.refund_after)
    await env.send(env.program.refund_expired(customer.pubkey(), escrow, usdc.address),
                   [customer])


async def test_a_coordinator_replaced_mid_stream_leaves_no_gap_and_no_second_payment(
        env: EscrowEnv) -> None:
    """A config change in flight (admin, coordinator): the old coordinator has signed the
    next settlement when the admin names a new one. The old signature must be refused
    (NotCoordinator) even at the right sequence number, and the new coordinator settles
    that same number once (so nothing is skipped and nothing paid twice); a replay of it is
    WrongSequence. (test_update_config checks who may change the config, not what a
    settlement in flight does.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, min_charge=2 * IO)
    await env.send(env.settle(escrow, supplier, usdc, IO // 2, 0), [env.coordinator])
    old = env.coordinator
    in_flight = env.settle(escrow, supplier, usdc, IO // 2, 1, coordinator=old)
    successor = await env.cluster.new_funded_keypair()
    await env.send(env.program.update_config(env.admin.pubkey(), successor.pubkey(),
                                             env.settings.treasury,
                                             env.settings.refund_grace_secs), [env.admin])
    await env.fails(in_flight, [old], code=6003, message="NotCoordinator")
    await env.send(env.settle(escrow, supplier, usdc, IO // 2, 1, coordinator=successor),
                   [successor])
    await env.fails(env.settle(escrow, supplier, usdc, IO // 2, 1, coordinator=successor),
                    [successor], code=6012, message="WrongSequence")
    assert (await env.escrow(escrow)).settled == IO


async def test_fees_and_books_stay_exact_at_u64_max_and_a_recycled_deposit_overflows_whole(
        env: EscrowEnv) -> None:
    """Amounts at the limit (customer and supplier together): the whole supply of a mint,
    u64::MAX, goes into one escrow with rate and minimum charge at u64::MAX (the bound
    saturates, it must not wrap); the coordinator settles all of it at once; the supplier
    hands it back and the customer tops the same escrow up with it, so that what was paid
    into it passes u64::MAX. Fees must be exactly 0.25 % of the totals at every step (128-bit
    arithmetic), the top-up must fail whole (MathOverflow) with the books unchanged, and the
    close must still work. (No other test goes near u64::MAX.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    everything = 2**64 - 1
    customer = await env.wallet(usdc, everything)
    escrow = await env.open(customer, supplier, usdc, everything, rate=everything,
                            min_charge=everything)
    state = await env.escrow(escrow)
    assert state.customer_fees == fee(everything, FEE_BPS)
    assert state.deposited == everything - state.customer_fees
    await env.send(env.settle(escrow, supplier, usdc, state.deposited, 0), [env.coordinator])
    settled = await env.escrow(escrow)
    assert settled.supplier_fees == fee(state.deposited, FEE_BPS)
    payout = env.payout(supplier, usdc)
    paid_out = state.deposited - settled.supplier_fees
    assert await env.balance(payout) == paid_out
    customer_token = env.token_account(customer.pubkey(), usdc)
    await env.send(transfer_checked(TransferCheckedParams(
        program_id=usdc.token_program, source=payout, mint=usdc.address, dest=customer_token,
        owner=supplier.key, amount=paid_out, decimals=usdc.decimals)), [supplier.owner])
    books = await env.books(usdc)
    top_up = env.program.top_up(customer.pubkey(), escrow, usdc.address, paid_out,
                                usdc.token_program)
    await env.fails(top_up, [customer], code=6017, message="MathOverflow")
    assert await env.books(usdc) == books
    assert await env.escrow(escrow) == settled
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])
    assert await env.balance(customer_token) == paid_out


async def test_a_supplier_who_closes_its_payout_account_holds_no_customer_hostage(
        env: EscrowEnv) -> None:
    """Hostage state (supplier): the node owner empties and closes the payout account its
    escrows are bound to, so that every `settle` and `close_escrow` fails and its customers
    wait for expiry and grace. The account is an associated one, so anyone (here the
    coordinator) can create it again at the same address, for the same owner, and the close
    then pays the minimum charge to the supplier and the rest to the customer at once.
    (No other test settles or closes against a payout account that was closed.)"""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 100 * IO)
    escrow = await env.open(customer, supplier, usdc, 10 * IO, min_charge=IO)
    payout = env.payout(supplier, usdc)
    await env.send(close_account(CloseAccountParams(
        program_id=usdc.token_program, account=payout, dest=supplier.key,
        owner=supplier.key)), [supplier.owner])
    with pytest.raises(SendFailed) as refused:  # the token program's: no account there
        await env.cluster.send([env.close(escrow, customer, supplier, usdc)],
                               [env.coordinator])
    assert any("InvalidAccountData" in line for line in refused.value.logs)
    await env.send(create_idempotent_associated_token_account(
        env.coordinator.pubkey(), supplier.key, usdc.address, usdc.token_program),
        [env.coordinator], payer=env.coordinator)
    deposited = (await env.escrow(escrow)).deposited
    await env.send(env.close(escrow, customer, supplier, usdc), [env.coordinator])
    assert await env.balance(payout) == IO - fee(IO, FEE_BPS)
    assert await env.balance(env.token_account(customer.pubkey(), usdc)) == \
        90 * IO + deposited - IO
