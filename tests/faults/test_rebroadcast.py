"""A settlement transaction the cluster dropped (the fault proxy never forwards the first
``sendTransaction``) lands by rebroadcast, same signature, within seconds: long before
its blockhash expires (150 slots of 400 ms), and paid exactly once."""

from __future__ import annotations

import time

from coordinator_harness import IO, Scene, record
from rpc_proxy import RpcFaultProxy
from settlement_check import (
    check_exactly_once,
    start_coordinator,
    stop_coordinator,
    wait_settled,
)

from ionet.coordinator.sender import REBROADCAST_SECONDS

DROP_FIRST_SEND = {"sendTransaction": {"drop_before": 0.0}}
"""Each kind of a rule comes once before the draws: only the first send is dropped."""


async def test_dropped_transaction_lands_by_rebroadcast(scene: Scene) -> None:
    sent = [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    log = scene.folder / "coordinator.log"
    with RpcFaultProxy(scene.rpc_url, DROP_FIRST_SEND, seed=1) as proxy:
        started = time.monotonic()
        process = start_coordinator(scene, proxy.url, log, "--worker", "w1")
        scene.write_spool("a", sent)
        wait_settled(scene, len(sent), [process], log, timeout=30)
        took = time.monotonic() - started
        stop_coordinator(process, log)
    assert proxy.by_method[("sendTransaction", "drop_before")] == 1
    dropped = scene.rows("SELECT signature, state FROM transactions ORDER BY id")[0]
    assert dropped[1] == "landed", dropped  # the first one sent: dropped, then landed
    assert "rebroadcast " + dropped[0] in log.read_text()
    assert took < 10 * REBROADCAST_SECONDS, f"{took:.1f} s: it waited for expiry"
    outcomes = await check_exactly_once(scene, sent)
    assert set(outcomes) == {"transactions landed"}, outcomes
