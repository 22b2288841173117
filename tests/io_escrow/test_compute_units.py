"""Compute units of every instruction, from the transaction metadata, held to budgets a
little above the measured figures (SPL Token, one transfer each unless noted), so that a
regression fails. The issue's goals: settle <= 8,500 CU; settle_batch under 500 CU per
additional escrow (tests/io_escrow/test_settle_batch.py also checks 20 and the largest
batch of one transaction)."""

from __future__ import annotations

from escrow_harness import ESCROW_ELF, HOUR, IO, EscrowEnv
from solders.pubkey import Pubkey
from spl.token.instructions import create_associated_token_account

BUDGETS = {
    "open_escrow": 12_300,  # creates the escrow (canonical bump 255) + one transfer
    "top_up": 8_300,
    "extend": 700,
    "settle": 8_500,
    "settle_batch x1": 8_700,
    "close_escrow": 16_200,  # two transfers: supplier and customer
    "refund_expired": 8_500,
    "refund_ineligible": 8_800,
    "sweep_fees": 8_500,
    "set_paused": 600,
    "propose_fees": 800,
    "update_config": 600,
}

# The program's size (what its deployer pays rent for), held to a budget a little above the
# built size so that a regression fails. The goal is 48 KiB besides the ~12 KB of Anchor's
# IDL instructions (as io_slashing's).
MAX_PROGRAM_BYTES = 70_000


def _job_with_bump_255(env: EscrowEnv, customer: Pubkey) -> int:
    """A job id whose escrow address is found at the first bump (no extra derivations)."""
    for job in range(1, 1_000):
        seeds = [b"escrow", bytes(customer), job.to_bytes(8, "little")]
        if Pubkey.find_program_address(seeds, env.program.program_id)[1] == 255:
            return job
    raise AssertionError("no job id with bump 255")


async def test_compute_units_within_budget(env: EscrowEnv) -> None:
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)
    units: dict[str, int] = {}

    async def run(label: str, ix, signers) -> None:  # type: ignore[no-untyped-def]
        sent = await env.send(ix, signers, label=label)
        units[label] = sent.compute_units

    p, c = env.program, env.coordinator
    job = _job_with_bump_255(env, customer.pubkey())
    expires = await env.now() + HOUR
    await run("open_escrow", p.open_escrow(customer.pubkey(), job, supplier.node, supplier.key,
                                           usdc.address, 100 * IO, 1_000, 10 * IO, expires),
              [customer])
    escrow = p.escrow(customer.pubkey(), job)
    env.first_seq[escrow] = (await env.escrow(escrow)).next_seq
    await run("top_up", p.top_up(customer.pubkey(), escrow, usdc.address, IO), [customer])
    await run("extend", p.extend(customer.pubkey(), escrow, expires + HOUR), [customer])
    await run("settle", env.settle(escrow, supplier, usdc, IO, 0), [c])
    await run("settle_batch x1", p.settle_batch(c.pubkey(), supplier.node,
                                                env.payout(supplier, usdc), usdc.address,
                                                [(escrow, IO, env.seq(escrow, 1))]), [c])
    await run("close_escrow", env.close(escrow, customer, supplier, usdc, IO, 2), [c])
    expired = await env.open(customer, supplier, usdc, 10 * IO, duration=1)
    await env.advance(1 + env.settings.refund_grace_secs)
    await run("refund_expired", p.refund_expired(customer.pubkey(), expired, usdc.address),
              [customer])
    jailed = await env.supplier(usdc)
    punished = await env.open(customer, jailed, usdc, 10 * IO)
    await env.staking.jail(jailed.node, await env.now() + HOUR)
    await run("refund_ineligible", p.refund_ineligible(customer.pubkey(), punished,
                                                       jailed.node, usdc.address), [customer])
    await env.staking.raw_send([create_associated_token_account(
        env.cluster.wallet.pubkey(), env.treasury.pubkey(), usdc.address, usdc.token_program)])
    await run("sweep_fees", p.sweep_fees(env.treasury.pubkey(), usdc.address), [])
    admin = env.admin
    await run("update_config", p.update_config(admin.pubkey(), c.pubkey(),
                                               env.treasury.pubkey(), 86_400), [admin])
    await run("propose_fees", p.propose_fees(admin.pubkey(), 30, 30), [admin])
    await run("set_paused", p.set_paused(admin.pubkey(), True), [admin])

    over = {k: (v, BUDGETS[k]) for k, v in units.items() if v > BUDGETS[k]}
    assert not over, f"over budget (units, budget): {over}"
    print("\n".join(f"{k:>20}: {v:>7,} CU" for k, v in units.items()))


def test_program_size_is_within_budget() -> None:
    size = ESCROW_ELF.stat().st_size
    assert size <= MAX_PROGRAM_BYTES, f"io_escrow is {size:,} bytes"
