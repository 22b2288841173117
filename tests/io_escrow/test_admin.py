"""The config: initialize (fee caps, durations), update_config, the two-step admin
rotation, set_paused, and fee changes: capped, delayed, never applied to open escrows."""

from __future__ import annotations

import pytest
from escrow_harness import IO, EscrowEnv
from solders.keypair import Keypair
from spl.token.instructions import create_associated_token_account
from staking_harness import Env

from ionet.deploy import deploy_program
from ionet.escrow import EscrowProgram, EscrowSettings, fee


async def test_initialize_stores_the_settings(env: EscrowEnv) -> None:
    config = await env.program.fetch_config(env.cluster.client)
    assert config is not None
    assert (config.admin, config.coordinator, config.treasury, config.staking_program) == (
        env.admin.pubkey(), env.coordinator.pubkey(), env.treasury.pubkey(),
        env.staking.program.program_id)
    assert (config.customer_fee_bps, config.supplier_fee_bps, config.fee_delay_secs,
            config.refund_grace_secs) == (25, 25, 7 * 86_400, 86_400)


@pytest.mark.parametrize("field", ["customer_fee_bps", "supplier_fee_bps"])
async def test_initialize_refuses_a_fee_above_the_cap(staking: Env, escrow_elf: bytes,
                                                       field: str) -> None:
    cluster = staking.cluster
    program = EscrowProgram(await deploy_program(cluster.client, cluster.wallet, Keypair(),
                                                 escrow_elf), staking.program.program_id)
    key = Keypair().pubkey()
    settings = EscrowSettings(key, key, staking.program.program_id, **{field: 1_001})
    env = EscrowEnv(staking, program, Keypair(), Keypair(), Keypair(), settings)
    await env.fails(program.initialize(cluster.wallet.pubkey(), key, settings), [], code=6005,
                    message="FeeAboveCap")
    settings = EscrowSettings(key, key, staking.program.program_id, refund_grace_secs=-1)
    await env.fails(program.initialize(cluster.wallet.pubkey(), key, settings), [], code=6006)
    # 10 % exactly is allowed.
    await cluster.send([program.initialize(cluster.wallet.pubkey(), key, EscrowSettings(
        key, key, staking.program.program_id, **{field: 1_000}))])


async def test_update_config_only_by_the_admin(env: EscrowEnv) -> None:
    intruder = await env.cluster.new_funded_keypair()
    ix = env.program.update_config(intruder.pubkey(), intruder.pubkey(), intruder.pubkey(), 0)
    await env.fails(ix, [intruder], code=6001, message="NotAdmin")
    new = Keypair().pubkey()
    sent = await env.send(env.program.update_config(env.admin.pubkey(), new, new, 3_600),
                          [env.admin], label="update_config")
    config = await env.program.fetch_config(env.cluster.client)
    assert config is not None and (config.coordinator, config.refund_grace_secs) == (new, 3_600)
    assert env.event(sent, "ConfigUpdated")["admin"] == env.admin.pubkey()
    await env.fails(env.program.update_config(env.admin.pubkey(), new, new, -1), [env.admin],
                    code=6006)


async def test_admin_rotation_takes_two_steps(env: EscrowEnv) -> None:
    new = await env.cluster.new_funded_keypair()
    await env.fails(env.program.accept_admin(new.pubkey()), [new], code=6002)
    await env.send(env.program.propose_admin(env.admin.pubkey(), new.pubkey()), [env.admin])
    stranger = await env.cluster.new_funded_keypair()
    await env.fails(env.program.accept_admin(stranger.pubkey()), [stranger], code=6002,
                    message="NotPendingAdmin")
    await env.send(env.program.accept_admin(new.pubkey()), [new])
    await env.fails(env.program.set_paused(env.admin.pubkey(), True), [env.admin], code=6001)
    await env.send(env.program.set_paused(new.pubkey(), True), [new])


async def test_set_paused_only_by_the_admin(env: EscrowEnv) -> None:
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.program.set_paused(intruder.pubkey(), True), [intruder], code=6001)
    sent = await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin],
                          label="set_paused")
    assert env.event(sent, "PausedSet")["paused"] is True
    await env.send(env.program.set_paused(env.admin.pubkey(), False), [env.admin])


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
