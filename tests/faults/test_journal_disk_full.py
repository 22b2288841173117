"""The journal's disk full under a running coordinator (``ionet coordinator run`` with a spool
and HTTP ingestion): the journal lives on a 4 MiB tmpfs, which the test fills to the last
byte. New records are refused with a clear error (HTTP 507 saying the disk is full; a spool
file stays in the spool, the log says why), the records accepted before are kept, and once
there is room again everything is settled exactly once.

A tmpfs mount needs root (CAP_SYS_ADMIN), as the suite runs here and in CI; an unprivileged
run fails with that reason rather than pretend (SQLite reports RLIMIT_FSIZE as an I/O
error, not a full disk, so ``ulimit -f`` would not test this path)."""

from __future__ import annotations

import errno
import json
import os
import random
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from coordinator_harness import Scene, record
from fault_log import add_faults
from rpc_proxy import RpcFaultProxy
from settlement_check import (
    Record,
    check_exactly_once,
    free_port,
    start_coordinator,
    stop_coordinator,
    wait_settled,
    wait_until,
)

SEED = int(os.environ.get("IONET_FAULT_SEED") or random.randrange(2**32))
TOKEN = "fault-test-token-0123456789"
FULL = "the journal's disk is full"


@contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    if os.geteuid() != 0:
        pytest.fail("the disk-full test mounts a tmpfs: run the suite as root (CI does)")
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                   check=True, capture_output=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def _fill(folder: Path) -> Path:
    """Writes a file until the file system has no byte left."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 1):  # then the last partial block
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    return filler


def _post(port: int, records: list[Record]) -> httpx.Response:
    return httpx.post(f"http://127.0.0.1:{port}/v1/usage", content=json.dumps(records),
                      headers={"authorization": f"Bearer {TOKEN}"}, timeout=30)


def _batch(scene: Scene, rng: random.Random, prefix: str, count: int) -> list[Record]:
    # Long report ids: a batch needs more pages than the journal's WAL already has.
    return [record(rng.choice(scene.escrows), f"{prefix}-{i}-{'x' * 100}",
                   amount=rng.randint(1, 10**4)) for i in range(count)]


async def test_full_journal_disk_refuses_new_records_and_loses_none(
        scene: Scene, tmp_path: Path) -> None:
    print(f"IONET_FAULT_SEED={SEED}")
    rng = random.Random(SEED)
    token = tmp_path / "token"
    token.write_text(TOKEN)
    port = free_port()
    log = tmp_path / "coordinator.log"
    refusals = {"http 507": 0, "spool file kept": 0}
    with _tmpfs(tmp_path / "fs", "4m") as fs, \
            RpcFaultProxy(scene.rpc_url, {"*": {"http_503": 1.0}}, seed=SEED) as proxy:
        journal = f"sqlite:///{fs / 'journal.db'}"
        # The cluster is away (every answer 503): accepted records wait in the journal.
        coordinator = start_coordinator(scene, proxy.url, log, "--http", f"127.0.0.1:{port}",
                                        "--auth-token-file", str(token), journal=journal)
        wait_until(lambda: _healthy(port), "the HTTP endpoint")
        accepted = _batch(scene, rng, "http-a", 20)
        assert _post(port, accepted).status_code == 202
        spooled = _batch(scene, rng, "spool-a", 20)
        scene.write_spool("a", spooled)
        wait_until(lambda: not (scene.spool / "a.jsonl").exists(), "the spool file taken")

        filler = _fill(fs)
        refused = _batch(scene, rng, "http-b", 400)
        answer = _post(port, refused)
        assert answer.status_code == 507 and FULL in answer.json()["error"], answer.text
        refusals["http 507"] += 1
        waiting = _batch(scene, rng, "spool-b", 400)
        scene.write_spool("b", waiting)
        wait_until(lambda: f"spool: {FULL}" in log.read_text(), "the spool's refusal in the log")
        assert (scene.spool / "b.jsonl").exists(), "a refused spool file stays in the spool"
        refusals["spool file kept"] += 1
        proxy.schedule = {}  # the cluster is back; the disk is still full
        time.sleep(1.0)
        assert coordinator.poll() is None, log.read_text()[-2000:]
        kept = scene.rows("SELECT report_id FROM records", journal)
        assert sorted(r[0] for r in kept) == sorted(r["report_id"] for r in accepted + spooled)

        filler.unlink()
        assert _post(port, refused).status_code == 202  # the client sends it again
        sent = accepted + spooled + refused + waiting
        wait_settled(scene, len(sent), [coordinator], log, journal=journal)
        stop_coordinator(coordinator, log)
        outcomes = await check_exactly_once(scene, sent, journal)
    add_faults({"journal_disk_full": 1}, {"exactly once": 1, **outcomes, **refusals,
                                             "records settled once": len(sent)})


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
