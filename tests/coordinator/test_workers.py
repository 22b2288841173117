"""Two coordinator workers on one PostgreSQL journal, one of them SIGKILLed at a random
moment: the other takes its escrows over once their leases run out, every record is
settled exactly once, and no two workers ever settled one escrow at the same time (no
transaction of either failed on a stale ``seq``)."""

from __future__ import annotations

import os
import random
import signal
import time

from coordinator_harness import IO, Scene, record, totals
from postgres_server import PostgresServer

from ionet.coordinator.journal import open_journal

SEED = int(os.environ.get("IONET_KILL_SEED") or random.randrange(2**32))


async def test_two_workers_one_killed(scene: Scene, postgres: PostgresServer) -> None:
    rng = random.Random(SEED)
    print(f"IONET_KILL_SEED={SEED}")
    journal = postgres.new_database()
    open_journal(journal).close()  # the tables, before the workers look at them
    lease = ["--lease-seconds", "2"]
    workers = {name: scene.start("--worker", name, *lease, journal=journal)
               for name in ("w1", "w2")}
    sent = []
    kill_after = None
    for wave in range(40):
        batch = [record(e, f"w{wave}-{i}", amount=rng.randint(1, IO))
                 for i, e in enumerate(scene.escrows)]
        sent += batch
        scene.write_spool(f"wave{wave}", batch)
        time.sleep(0.2)
        busy = scene.rows("SELECT 1 FROM transactions WHERE worker = 'w1'", journal)
        if kill_after is None and busy:
            kill_after = wave + rng.randint(0, 3)  # w1 is at work: kill it soon
        if kill_after is not None and wave >= kill_after and "w1" in workers:
            workers.pop("w1").send_signal(signal.SIGKILL)
        if "w1" not in workers and wave >= kill_after + 3:
            break
    assert "w1" not in workers, "w1 never settled anything"
    deadline = time.monotonic() + 40
    while scene.settled_records(journal) < len(sent):
        assert time.monotonic() < deadline, scene.status(journal)
        assert workers["w2"].poll() is None, workers["w2"].communicate()
        time.sleep(0.2)
    survivor = workers["w2"]
    survivor.send_signal(signal.SIGTERM)  # graceful: exits 0
    _out, err = survivor.communicate(timeout=20)
    assert survivor.returncode == 0, err

    expected = totals(sent)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    states = dict(scene.rows("SELECT state, COUNT(*) FROM transactions GROUP BY state",
                             journal))
    by_worker = dict(scene.rows("SELECT worker, COUNT(*) FROM transactions GROUP BY worker",
                                journal))
    assert set(states) <= {"landed", "expired"}, states  # nothing failed on a stale seq
    assert by_worker.get("w1", 0) > 0 and by_worker.get("w2", 0) > 0
    print(f"transactions by worker: {by_worker}, outcomes: {states}")


def test_spool_is_shared_safely(scene: Scene, postgres: PostgresServer) -> None:
    """Both workers watch one spool: each file is taken once."""
    journal = postgres.new_database()
    for i in range(6):
        scene.write_spool(f"f{i}", [record(scene.escrows[0], f"r{i}", amount=IO)])
    runs = [scene.start("--worker", name, "--until-idle", journal=journal)
            for name in ("w1", "w2")]
    for run in runs:
        _out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
    assert scene.rows("SELECT COUNT(*) FROM spool_files", journal) == [(6,)]
    assert len(list((scene.spool / "done").iterdir())) == 6
