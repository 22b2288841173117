"""Exactly once across crashes: the coordinator process is SIGKILLed at random points of
its work (records committed but the spool file not moved, a transaction journaled but not
sent, sent but its answer not journaled, in the middle of reconciling on start) and at
random times, and restarted each time. At the end: every record was settled exactly once
(each escrow's on-chain ``settled`` is the sum of its records, each payout account holds
exactly what its escrows settled), including escrows closed by a final record."""

from __future__ import annotations

import os
import random
import signal
import time

from coordinator_harness import MIN_CHARGE, Scene, record, totals

from ionet.coordinator.faults import POINTS as ALL_POINTS
from ionet.coordinator.journal import open_journal

# This scene's batches need no lookup table: a kill at "table" has its own test
# (test_settlement.py).
POINTS = tuple(p for p in ALL_POINTS if p != "table")

SEED = int(os.environ.get("IONET_KILL_SEED") or random.randrange(2**32))
POINT_KILLS = 38
TIMED_KILLS = 12


def _run_to_kill(scene: Scene, point: str, nth: int) -> bool:
    """Runs until idle with a kill at ``point``; whether it was killed."""
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": f"{point}:{nth}"})
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.returncode == -signal.SIGKILL


def _kill_at_random_time(scene: Scene, rng: random.Random, latest: float) -> bool:
    """Starts a run and kills it at a random time up to ``latest`` seconds in; whether it
    was still running then."""
    process = scene.start("--until-idle")
    time.sleep(rng.uniform(0.05, latest))
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGKILL)
    _out, err = process.communicate()
    assert process.returncode in (0, -signal.SIGKILL), err
    return alive


async def test_sigkill_at_random_points_doubles_and_loses_nothing(scene: Scene) -> None:
    rng = random.Random(SEED)
    print(f"IONET_KILL_SEED={SEED}")
    sent: list[dict[str, object]] = []
    closing = scene.escrows[:2]
    kills = {point: 0 for point in POINTS} | {"timed": 0}
    step, in_flight = 0, False
    while sum(kills[p] for p in POINTS) < POINT_KILLS:
        step += 1
        batch = [record(rng.choice(scene.escrows[2:]), f"s{step}-{j}",
                        amount=rng.randint(1, 10**5)) for j in range(rng.randint(1, 3))]
        batch += [record(closing[step % 2], f"c{step}", amount=rng.randint(1, 10**4))]
        if sent and rng.random() < 0.3:
            batch.append(rng.choice(sent))  # a duplicate report
        sent += batch
        scene.write_spool(f"f{step}", batch)
        # Right after a kill with a transaction in flight, the restart reconciles it.
        point = "reconcile" if in_flight and rng.random() < 0.5 else rng.choice(POINTS)
        killed = _run_to_kill(scene, point, rng.choice((1, 1, 2)))
        kills[point] += killed
        in_flight = killed and point in ("journaled", "sent")
    finals = [record(e, f"final-{i}", amount=7, final=True) for i, e in enumerate(closing)]
    sent += finals
    scene.write_spool("finals", finals)
    # A run that ends before its kill makes the next kills come sooner: how long a run
    # takes depends on the machine's load.
    latest = 1.3
    for step in range(TIMED_KILLS * 10):
        if kills["timed"] >= TIMED_KILLS:
            break
        batch = [record(rng.choice(scene.escrows[2:]), f"t{step}-{j}", amount=rng.randint(1, 10**5))
                 for j in range(3)]
        sent += batch
        scene.write_spool(f"t{step}", batch)
        killed = _kill_at_random_time(scene, rng, latest)
        kills["timed"] += killed
        if not killed:
            latest = max(0.1, latest * 0.7)
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    print(f"kills: {kills}, total {sum(kills.values())}")
    assert sum(kills.values()) >= 50 and all(kills.values())

    expected = totals(sent)
    settled = await scene.settled()
    closed = {e.address for e in closing}
    assert {k: v for k, v in settled.items() if k not in closed} == \
        {e.address: expected.get(e.address, 0) for e in scene.escrows if e.address not in closed}
    assert all(settled[k] is None for k in closed), "final records close their escrows"
    # A close pays at least the minimum charge: the closed escrows paid that much here.
    paid = {k: (MIN_CHARGE if k in closed else v) for k, v in expected.items()}
    assert all(expected[k] < MIN_CHARGE for k in closed)
    assert await scene.paid() == scene.by_supplier(paid)
    status = scene.status()
    reports = len({r["report_id"] for r in sent})
    assert status["totals"]["records"] == status["totals"]["settled_records"] == reports
    assert status["failed"] == [] and status["in_flight"] == []


async def test_a_wrong_journal_cannot_pay_twice(scene: Scene) -> None:
    """The journal wrongly says a landed transaction never landed: the restart works
    from each escrow's on-chain ``settled`` and ``seq``, so it pays nothing again."""
    records = [record(e, f"r{i}", amount=1_000 + i) for i, e in enumerate(scene.escrows)]
    scene.write_spool("a", records)
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "sent"})
    assert done.returncode == -signal.SIGKILL
    journal = open_journal(scene.journal)
    with journal.transaction():
        journal.execute("UPDATE transactions SET state = 'expired'")  # the lie
    journal.close()
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    assert scene.status()["totals"]["settled_records"] == len(records)
