"""io_escrow: the units of every instruction on its common path, and of ``settle_batch``
at 1, 5, 10, 20 escrows and at the largest batch one v0 transaction with an address
lookup table holds.

``env`` is the test harness's ``EscrowEnv`` (``tests/io_escrow/escrow_harness.py``), with
one payment mint, ``usdc``, of the token program being measured, which
:func:`instructions` enables. Instructions that create accounts are counted at their
first-try bump (:func:`~ionet.bench.units.at_first_bump`).
"""

from __future__ import annotations

from typing import Any

from solders.message import MessageV0
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction
from spl.token.instructions import create_associated_token_account

from ionet.bench.units import Units, at_first_bump, measure, programdata

IO = 10**6
HOUR = 3_600
PACKET = 1_232  # the most bytes a transaction may have
MAX_ACCOUNTS = 64  # the most accounts a transaction may lock
BATCH_SIZES = (1, 5, 10, 20)
WORKED = 60  # seconds of GPU time before a settlement: its bound has a rate x time term


def _job_with_bump_255(env: Any, customer: Pubkey) -> int:
    """A job id whose escrow address is found at the first bump (no extra derivations)."""
    for job in range(1, 1_000):
        seeds = [b"escrow", bytes(customer), job.to_bytes(8, "little")]
        if Pubkey.find_program_address(seeds, env.program.program_id)[1] == 255:
            return job
    raise AssertionError("no job id with bump 255")


async def instructions(env: Any) -> dict[str, Units]:
    """Every instruction once; ends with the program unpaused, under another admin."""
    p, c, admin, usdc = env.program, env.coordinator, env.admin, env.mints["usdc"]
    pid, mint = p.program_id, bytes(usdc.address)
    units: dict[str, Units] = {"initialize": at_first_bump(
        measure(env.initialized), programdata(pid), (pid, [b"config"]))}
    units["enable_mint"] = at_first_bump(measure(await env.enable(usdc)),
                                         (pid, [b"payment_mint", mint]), (pid, [b"vault", mint]))
    supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 1_000 * IO)

    async def run(name: str, ix: Any, signers: Any) -> None:
        units[name] = measure(await env.send(ix, signers, label=name))

    job = _job_with_bump_255(env, customer.pubkey())
    expires = await env.now() + HOUR
    await run("open_escrow", p.open_escrow(customer.pubkey(), job, supplier.node, supplier.key,
                                           usdc.address, 100 * IO, 1_000, 10 * IO, expires,
                                           usdc.token_program),
              [customer])
    escrow = p.escrow(customer.pubkey(), job)
    env.first_seq[escrow] = (await env.escrow(escrow)).next_seq
    await run("top_up", p.top_up(customer.pubkey(), escrow, usdc.address, IO,
                                 usdc.token_program), [customer])
    await run("extend", p.extend(customer.pubkey(), escrow, expires + HOUR), [customer])
    await env.advance(WORKED)
    await run("settle", env.settle(escrow, supplier, usdc, IO, 0), [c])
    await run("close_escrow", env.close(escrow, customer, supplier, usdc, IO, 1), [c])
    expired = await env.open(customer, supplier, usdc, 10 * IO, duration=1)
    await env.advance(1 + env.settings.refund_grace_secs)
    await run("refund_expired", p.refund_expired(customer.pubkey(), expired, usdc.address,
                                                 usdc.token_program), [customer])
    jailed = await env.supplier(usdc)
    punished = await env.open(customer, jailed, usdc, 10 * IO)
    await env.staking.jail(jailed.node, await env.now() + HOUR)
    await run("refund_ineligible", p.refund_ineligible(customer.pubkey(), punished,
                                                       jailed.node, usdc.address,
                                                       usdc.token_program), [customer])
    await env.staking.raw_send([create_associated_token_account(
        env.cluster.wallet.pubkey(), env.treasury.pubkey(), usdc.address, usdc.token_program)])
    await run("sweep_fees", p.sweep_fees(env.treasury.pubkey(), usdc.address,
                                         usdc.token_program), [])
    await run("update_config", p.update_config(admin.pubkey(), c.pubkey(),
                                               env.treasury.pubkey(), 86_400), [admin])
    await run("propose_fees", p.propose_fees(admin.pubkey(), 30, 30), [admin])
    await run("set_paused", p.set_paused(admin.pubkey(), True), [admin])
    await env.send(p.set_paused(admin.pubkey(), False), [admin])
    new_admin = await env.cluster.new_funded_keypair()
    await run("propose_admin", p.propose_admin(admin.pubkey(), new_admin.pubkey()), [admin])
    await run("accept_admin", p.accept_admin(new_admin.pubkey()), [new_admin])
    return units


async def settle_batch_by_size(env: Any) -> dict[int, Units]:
    """``settle_batch`` of one node's escrows, keyed by the batch's size: ``BATCH_SIZES``
    and the largest that fits one v0 transaction with a lookup table."""
    usdc = env.mints["usdc"]
    supplier = await env.supplier(usdc)
    buyer = await env.wallet(usdc, 10_000 * IO)
    check, env.check = env.check, False  # the caller checks the books once, after the batches
    try:
        escrows = [await env.open(buyer, supplier, usdc, 10 * IO, min_charge=5 * IO)
                   for _ in range(60)]
    finally:
        env.check = check
    await env.advance(WORKED)
    payout = env.payout(supplier, usdc)
    table = await env.cluster.create_lookup_table(
        [*escrows, env.program.config, env.program.payment_mint(usdc.address),
         env.program.vault(usdc.address), usdc.address, usdc.token_program, supplier.node,
         payout])
    blockhash = (await env.cluster.client.get_latest_blockhash()).value.blockhash
    seqs = dict.fromkeys(escrows, 0)

    def batch(count: int) -> Any:
        chosen = sorted(escrows, key=seqs.__getitem__)[:count]
        return env.program.settle_batch(env.coordinator.pubkey(), supplier.node, payout,
                                        usdc.address,
                                        [(e, 1, env.seq(e, seqs[e])) for e in chosen],
                                        usdc.token_program), chosen

    def fits(count: int) -> bool:
        ix, _ = batch(count)
        message = MessageV0.try_compile(env.coordinator.pubkey(), [ix], [table], blockhash)
        size = len(bytes(VersionedTransaction(message, [env.coordinator])))
        return size <= PACKET and len(ix.accounts) <= MAX_ACCOUNTS

    largest = max(n for n in range(1, len(escrows) + 1) if fits(n))
    units: dict[int, Units] = {}
    for count in (*BATCH_SIZES, largest):
        ix, chosen = batch(count)
        for e in chosen:
            seqs[e] += 1
        units[count] = measure(await env.cluster.send([ix], [env.coordinator],
                                                      payer=env.coordinator,
                                                      lookup_tables=[table]))
    return units
