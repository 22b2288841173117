"""What the fault tests share: the coordinator run as a separate process (``ionet
coordinator run``, its log in a file so that a long run never blocks on a pipe), a stream of
usage records written to its spool, and the exactly-once check at the end."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from coordinator_harness import Scene, record, totals
from staking_harness import ROOT

__all__ = ["Record", "another_client", "check_exactly_once", "fast_blocks", "free_port",
           "start_coordinator", "stop_coordinator", "stream", "wait_settled", "wait_until"]

Record = dict[str, Any]


def start_coordinator(scene: Scene, url: str, log: Path, *args: str,
                      env: Mapping[str, str] | None = None,
                      journal: str | None = None) -> subprocess.Popen[str]:
    with log.open("a") as stderr:
        return subprocess.Popen(scene.argv("run", *args, url=url, journal=journal),
                                stdout=subprocess.DEVNULL, stderr=stderr, text=True, cwd=ROOT,
                                env={**os.environ, **(env or {})})


def stop_coordinator(process: subprocess.Popen[str], log: Path) -> None:
    """SIGTERM; it must stop cleanly (exit 0) once its transaction in flight is journaled."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert process.returncode == 0, f"coordinator exited {process.returncode}: " \
        f"{log.read_text()[-3000:]}"


def wait_settled(scene: Scene, count: int, processes: Sequence[subprocess.Popen[str]],
                 log: Path, timeout: float = 60, journal: str | None = None) -> None:
    deadline = time.monotonic() + timeout
    while scene.settled_records(journal) < count:
        for process in processes:
            assert process.poll() is None, f"coordinator exited {process.returncode}: " \
                f"{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, \
            f"{scene.settled_records(journal)} of {count} records settled: " \
            f"{log.read_text()[-3000:]}"
        time.sleep(0.1)


def stream(scene: Scene, rng: random.Random, prefix: str, files: int, per_file: int,
           sent: list[Record], gap: float = 0.2) -> None:
    """Writes ``files`` spool files of ``per_file`` records (and now and then a duplicate
    of an earlier report), ``gap`` seconds apart; appends them to ``sent``."""
    for i in range(files):
        batch = [record(rng.choice(scene.escrows), f"{prefix}-{i}-{j}",
                        amount=rng.randint(1, 10**5)) for j in range(per_file)]
        if sent and rng.random() < 0.3:
            batch.append(rng.choice(sent))
        sent += batch
        scene.write_spool(f"{prefix}-{i}", batch)
        time.sleep(gap)


async def check_exactly_once(scene: Scene, sent: Sequence[Record],
                             journal: str | None = None) -> dict[str, int]:
    """Every record settled once: each escrow's on-chain ``settled`` is the sum of its
    records and each payout account holds exactly that; no ``seq`` landed twice and the
    landed ones are consecutive up to each escrow's ``next_seq``; every report journaled
    once and settled; nothing failed or in flight. Returns the transactions' outcome
    counts."""
    expected = totals(sent)
    assert await scene.settled() == {e.address: expected.get(e.address, 0)
                                     for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    reports = sorted({str(r["report_id"]) for r in sent})
    journaled = sorted(str(row[0]) for row in scene.rows("SELECT report_id FROM records",
                                                         journal))
    assert journaled == reports, "every record journaled exactly once"
    assert scene.settled_records(journal) == len(reports), "no usage record lost"
    landed = scene.rows("SELECT s.escrow, s.seq FROM settlements s JOIN transactions t "
                        "ON t.id = s.tx_id WHERE t.state = 'landed' AND s.amount > 0", journal)
    assert len(landed) == len(set(landed)), "a settlement seq used twice"
    found = await scene.env.program.fetch_escrows(scene.env.cluster.client, scene.mint.address)
    for escrow in scene.escrows:
        seqs = sorted(int(seq) for key, seq in landed if key == str(escrow.address))
        next_seq = found[escrow.address].next_seq
        assert seqs == list(range(next_seq - len(seqs), next_seq)), (escrow.address, seqs,
                                                                     next_seq)
    status = scene.status(journal)
    assert status["failed"] == [] and status["in_flight"] == [], status
    states = scene.rows("SELECT state, COUNT(*) FROM transactions GROUP BY state", journal)
    return {f"transactions {state}": int(count) for state, count in states}


@contextmanager
def _in_background(url: str, body: dict[str, Any], every: float) -> Iterator[None]:
    """Posts ``body`` to ``url`` every ``every`` seconds on a thread, while in the block."""
    stop = threading.Event()

    def loop() -> None:
        with httpx.Client(timeout=10) as http:
            while not stop.wait(every):
                with contextlib.suppress(httpx.HTTPError):
                    http.post(url, json=body)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def fast_blocks(rpc_url: str, slots: int = 12,
                every: float = 0.25) -> contextlib.AbstractContextManager[None]:
    """Moves the validator ``slots`` slots on every ``every`` seconds (not its time), so
    that a blockhash expires within seconds, not the minute 150 slots of 400 ms take: a
    transaction the proxy dropped before the validator saw it is found expired quickly."""
    return _in_background(rpc_url, {"jsonrpc": "2.0", "id": 1, "method": "ionet_advanceClock",
                                    "params": [{"seconds": 0, "slots": slots}]}, every)


def another_client(url: str, every: float = 0.05) -> contextlib.AbstractContextManager[None]:
    """A second client polling ``url`` (``getSlot``) meanwhile: the coordinator's requests
    are one at a time, so only with another client's in flight can a proxy hand answers
    back in another order than the requests came."""
    return _in_background(url, {"jsonrpc": "2.0", "id": 1, "method": "getSlot"}, every)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
