"""Exactly-once settlement through a faulty JSON-RPC path: the coordinator (``ionet
coordinator run``, a separate process; two workers sharing the journal) settles a stream
of usage records through :class:`rpc_proxy.RpcFaultProxy` under each fault kind alone,
then under all of them at once. A coordinator sends one request at a time, so another
client polls the proxy meanwhile for answers to be handed back out of order. After each
phase every record is settled exactly once (``settlement_check.check_exactly_once``).
``IONET_FAULT_SEED`` replays a run."""

from __future__ import annotations

import os
import random
import time
from contextlib import nullcontext
from pathlib import Path

from coordinator_harness import Scene
from fault_log import add_faults
from rpc_proxy import KINDS, RpcFaultProxy, Schedule
from settlement_check import (
    Record,
    another_client,
    check_exactly_once,
    fast_blocks,
    start_coordinator,
    stop_coordinator,
    stream,
    wait_settled,
)

SEED = int(os.environ.get("IONET_FAULT_SEED") or random.randrange(2**32))
SEND = "sendTransaction"

ALONE: dict[str, Schedule] = {
    "delay": {"*": {"delay": 0.3}},
    "drop_before": {SEND: {"drop_before": 0.4}, "*": {"drop_before": 0.1}},
    "drop_after": {SEND: {"drop_after": 0.5}, "*": {"drop_after": 0.1}},
    "http_503": {"*": {"http_503": 0.2}},
    "http_429": {"*": {"http_429": 0.2}},
    "behind": {"*": {"behind": 0.25}},
    "reorder": {"*": {"reorder": 0.5}},
}
MIXED: Schedule = {
    SEND: {"drop_before": 0.15, "drop_after": 0.2, "delay": 0.1, "reorder": 0.1},
    "*": {"delay": 0.08, "drop_before": 0.03, "drop_after": 0.03, "http_503": 0.04,
          "http_429": 0.04, "behind": 0.03, "reorder": 0.15},
}


def _unseen(counts: dict[str, int], wanted: set[str]) -> set[str]:
    return {kind for kind in wanted if not counts.get(kind)}


async def test_each_fault_alone_settles_exactly_once(scene: Scene,
                                                      tmp_path: Path) -> None:
    print(f"IONET_FAULT_SEED={SEED}")
    assert set(ALONE) == set(KINDS)
    rng = random.Random(SEED)
    sent: list[Record] = []
    log = tmp_path / "coordinator.log"
    for kind, schedule in ALONE.items():
        started = time.monotonic()
        with fast_blocks(scene.rpc_url), \
                RpcFaultProxy(scene.rpc_url, schedule, seed=rng.randrange(2**32)) as proxy, \
                another_client(proxy.url) if kind == "reorder" else nullcontext():
            processes = [start_coordinator(scene, proxy.url, log, "--worker", w)
                         for w in ("a", "b")]
            stream(scene, rng, kind, files=4, per_file=4, sent=sent, gap=0.15)
            wait_settled(scene, len({r["report_id"] for r in sent}), processes, log)
            for process in processes:
                stop_coordinator(process, log)
        assert proxy.counts[kind] > 0, f"no {kind} injected"
        assert kind != "reorder" or proxy.out_of_order > 0, "no answer reordered"
        outcomes = await check_exactly_once(scene, sent)
        add_faults(proxy.counts, {"exactly once": 1, **outcomes,
                                     "answers out of order": proxy.out_of_order})
        print(kind, f"{time.monotonic() - started:.1f}s", dict(proxy.by_method), outcomes)
    add_faults({}, {"records settled once": len({r["report_id"] for r in sent})})


async def test_mixed_faults_two_workers_settle_exactly_once(scene: Scene,
                                                            tmp_path: Path) -> None:
    print(f"IONET_FAULT_SEED={SEED}")
    rng = random.Random(SEED + 1)
    sent: list[Record] = []
    log = tmp_path / "coordinator.log"
    with fast_blocks(scene.rpc_url), \
            RpcFaultProxy(scene.rpc_url, MIXED, seed=rng.randrange(2**32)) as proxy, \
            another_client(proxy.url):
        processes = [start_coordinator(scene, proxy.url, log, "--worker", w)
                     for w in ("a", "b")]
        stream(scene, rng, "mixed", files=8, per_file=5, sent=sent, gap=0.2)
        wait_settled(scene, len({r["report_id"] for r in sent}), processes, log, timeout=90)
        for process in processes:
            stop_coordinator(process, log)
    print(dict(proxy.by_method))
    assert not _unseen(dict(proxy.counts), {"drop_before", "drop_after", "reorder"}), \
        proxy.counts
    outcomes = await check_exactly_once(scene, sent)
    add_faults(proxy.counts, {"exactly once": 1, **outcomes,
                                 "answers out of order": proxy.out_of_order,
                                 "records settled once": len({r["report_id"] for r in sent})})
