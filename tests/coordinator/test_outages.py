"""Outages: the cluster unreachable (the coordinator keeps ingesting, retries with
backoff and settles everything once it is back), and a transaction whose blockhash
expired before it was sent (found not landed on restart, signed again with a fresh
blockhash) or after it landed (found landed: not sent again)."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections.abc import Callable

from coordinator_harness import IO, Scene, record, totals
from tcp_proxy import TcpProxy


async def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def test_cluster_down_and_back(scene: Scene) -> None:
    proxy = TcpProxy(scene.rpc_url)
    await proxy.start()
    first = [record(e, f"a{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("first", first)
    process = scene.start(url=proxy.url)
    settled = scene.settled_records
    await _wait_for(lambda: settled() == len(first), 30, "the first records to settle")
    await proxy.stop()
    second = [record(e, f"b{i}", amount=2 * IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("second", second)
    # Ingestion goes on while the cluster is away; nothing is settled meanwhile.
    await _wait_for(lambda: not (scene.spool / "second.jsonl").exists(), 10, "ingestion")
    await asyncio.sleep(1.5)
    assert settled() == len(first)
    assert process.poll() is None
    await proxy.start()
    await _wait_for(lambda: settled() == len(first) + len(second), 30, "the settlement")
    assert process.poll() is None
    # Down again, and SIGTERM meanwhile: it stops at once, the records stay journaled.
    await proxy.stop()
    third = [record(e, f"c{i}", amount=3 * IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("third", third)
    await _wait_for(lambda: not (scene.spool / "third.jsonl").exists(), 10, "ingestion")
    process.send_signal(signal.SIGTERM)
    _out, err = await asyncio.to_thread(process.communicate, timeout=15)
    assert process.returncode == 0, err
    assert "retrying" in err  # the outage was seen, and retried
    assert scene.status()["totals"]["records"] == 3 * len(first)
    await proxy.start()
    # (in a thread: the proxy runs in this event loop)
    done = await asyncio.to_thread(scene.run, "run", "--until-idle", url=proxy.url)
    assert done.returncode == 0, done.stderr
    expected = totals(first + second + third)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    await proxy.stop()


async def test_expired_blockhash_is_signed_again_only_if_it_did_not_land(scene: Scene) -> None:
    records = [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("a", records[:3])
    # Journaled, never sent: then its blockhash expires.
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "journaled"})
    assert done.returncode == -signal.SIGKILL
    [(unsent,)] = scene.rows("SELECT signature FROM transactions")
    await scene.env.cluster.advance_time(0, slots=160)
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    reconciled = [json.loads(line)["msg"] for line in done.stderr.splitlines()
                  if "reconciled on start" in line]
    assert len(reconciled) == 1 and unsent in reconciled[0] and "'expired': ['" in \
        reconciled[0]
    states = dict(scene.rows("SELECT signature, state FROM transactions"))
    assert states.pop(unsent) == "expired"
    assert set(states.values()) == {"landed"}
    # Sent and landed, the answer lost: after expiry it is found landed, not sent again.
    scene.write_spool("b", records[3:])
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "sent"})
    assert done.returncode == -signal.SIGKILL
    [(landed_unknown,)] = scene.rows("SELECT signature FROM transactions "
                                               "WHERE state = 'pending'")
    await scene.env.cluster.advance_time(0, slots=160)
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert dict(scene.rows("SELECT signature, state FROM transactions"))[
        landed_unknown] == "landed"
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
