"""An escrow opened again at the same address (same customer and job id) after a refund
or the coordinator's close is settled for its own usage only: nothing of the earlier
opening is paid again, lost, or keeps the new one from being settled."""

from __future__ import annotations

import signal

from coordinator_harness import DEPOSIT, IO, MIN_CHARGE, RATE, EscrowRef, Scene, record
from escrow_harness import HOUR, new_escrow_env
from staking_harness import Env

from ionet.coordinator.journal import open_journal
from ionet.coordinator.planner import plan_escrow
from ionet.coordinator.records import UsageRecord
from ionet.escrow import opening_slot


async def _refund_and_reopen(scene: Scene, escrow: EscrowRef) -> None:
    env = scene.env
    await env.advance_to((await env.escrow(escrow.address)).refund_after)
    await env.send(env.program.refund_expired(escrow.customer.pubkey(), escrow.address,
                                              scene.mint.address, scene.mint.token_program),
                   [escrow.customer])
    await _reopen(scene, escrow)


async def _reopen(scene: Scene, escrow: EscrowRef) -> None:
    again = await scene.env.open(escrow.customer, escrow.supplier, scene.mint, DEPOSIT,
                                 rate=RATE, min_charge=MIN_CHARGE, job_id=escrow.job_id)
    assert again == escrow.address


async def test_the_reviewers_sequence_on_each_journal(staking: Env, escrow_elf: bytes,
                                                      journal_url: str) -> None:
    """Job 42: 5 IO settled, refunded, opened again, 1 IO of new usage: the plan is 1 IO,
    and stays 1 IO as the rate bound grows."""
    env = await new_escrow_env(staking, escrow_elf, supplier_fee_bps=0)
    usdc = await env.add_mint("usdc")
    customer = await env.wallet(usdc, 100 * IO)
    supplier = await env.supplier(usdc)
    j = open_journal(journal_url)
    try:
        e = await env.open(customer, supplier, usdc, 10 * IO, min_charge=5 * IO,
                           duration=HOUR, job_id=42)
        first = opening_slot(await env.escrow(e))
        j.add_records([UsageRecord("r1", e, None, 5 * IO, False)], "t")
        j.bind_opening(str(e), first)
        d = plan_escrow(j.usage(str(e), first), await env.escrow(e), await env.now())
        assert d.settlement is not None and d.settlement.amount == 5 * IO
        await env.send(env.settle(e, supplier, usdc, 5 * IO, 0), [env.coordinator])
        j.mark_settled(str(e), first, d.settlement.through_record, False)
        await env.advance_to((await env.escrow(e)).refund_after)
        await env.send(env.program.refund_expired(customer.pubkey(), e, usdc.address,
                                                  usdc.token_program), [customer])
        assert await env.open(customer, supplier, usdc, 10 * IO, min_charge=5 * IO,
                              duration=HOUR, job_id=42) == e
        second = opening_slot(await env.escrow(e))
        assert second != first
        j.add_records([UsageRecord("r2", e, None, IO, False)], "t")
        j.bind_opening(str(e), second)
        for _ in range(2):
            d = plan_escrow(j.usage(str(e), second), await env.escrow(e), await env.now())
            assert d.settlement is not None and d.settlement.amount == IO
            assert d.settlement.opening == second
            await env.advance(HOUR // 2)  # the bound grows past 6 IO; still 1 IO
        assert j.backlog().failed == []
    finally:
        j.close()


async def test_reopened_after_refund_expired_is_paid_its_own_usage_across_a_crash(
        scene: Scene) -> None:
    escrow = scene.escrows[0]
    scene.write_spool("a", [record(escrow, "r1", amount=5 * IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    await _refund_and_reopen(scene, escrow)
    scene.write_spool("b", [record(escrow, "r2", amount=IO)])
    # Killed once the new opening's settlement is sent, before its outcome is journaled.
    killed = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "sent"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert (await scene.settled())[escrow.address] == IO
    assert (await scene.paid())[escrow.supplier.node] == 6 * IO  # 5 IO once, then 1 IO
    assert scene.settled_records() == 2
    assert scene.rows("SELECT COUNT(DISTINCT opening) FROM settlements") == [(2,)]
    status = scene.status()
    assert status["failed"] == [] and status["backlog"] == []


async def test_reopened_after_the_coordinators_close_is_settled(scene: Scene) -> None:
    """Closed by a final record; a record planned while nothing is open arrived after the
    close (reported, never paid); after the reopening, records are the new opening's."""
    escrow = scene.escrows[0]
    scene.write_spool("a", [record(escrow, "r1", amount=5 * IO, final=True)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert (await scene.settled())[escrow.address] is None
    scene.write_spool("late", [record(escrow, "late", amount=2 * IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 1 and "arrived after the escrow was closed" in done.stderr
    await _reopen(scene, escrow)
    scene.write_spool("b", [record(escrow, "r2", amount=IO)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 1 and "arrived after the escrow was closed" in done.stderr
    assert (await scene.settled())[escrow.address] == IO  # the new opening, r2 only
    scene.write_spool("c", [record(escrow, "r3", amount=3 * IO, final=True)])
    done = scene.run("run", "--until-idle")
    assert done.returncode == 1  # "late" stays unpaid, and says so
    assert (await scene.settled())[escrow.address] is None  # closed again
    # Each close pays the supplier at least the opening's min_charge (and no more here).
    assert (await scene.paid())[escrow.supplier.node] == 2 * MIN_CHARGE
    assert scene.rows("SELECT report_id FROM records WHERE settled_at IS NULL") == [("late",)]
    [failed] = scene.status()["failed"]
    assert failed["unsettled_records"] == 1 and failed["permanent"]
    assert scene.status()["totals"]["closed_escrows"] == 1
