"""The validator itself killed under the coordinator: ``ionet localnet --ledger`` SIGKILLed
at random moments while the coordinator settles a stream of records, or just before records
it then holds until the node is back, and restarted on the same port over the same ledger.
The coordinator rides it out (its RPC calls are retried; a transaction whose answer died
with the node is followed up, found landed or expired and signed again) and every record is
settled exactly once. ``IONET_FAULT_SEED`` replays."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from coordinator_harness import new_scene
from escrow_harness import STAKING_ELF
from fault_log import add_faults
from settlement_check import (
    Record,
    check_exactly_once,
    fast_blocks,
    free_port,
    start_coordinator,
    stop_coordinator,
    stream,
    wait_settled,
    wait_until,
)
from solders.keypair import Keypair
from staking_harness import Env, deploy_caller, new_deployment

from ionet.testing import LocalnetProcess, start_localnet_process

SEED = int(os.environ.get("IONET_FAULT_SEED") or random.randrange(2**32))
KILLS = 4


def _start(wallet: Keypair, ledger: Path, ports: tuple[int, int]) -> LocalnetProcess:
    return start_localnet_process(wallet=wallet, ledger=ledger, extra_args=[
        "--rpc-port", str(ports[0]), "--ws-port", str(ports[1]), "--quiet"])


def _sigkill(node: LocalnetProcess) -> None:
    node.process.send_signal(signal.SIGKILL)
    node.process.wait()
    node.stop()  # only its temporary wallet file is left to remove


async def test_localnet_sigkilled_and_restarted_under_load(
        escrow_elf: bytes, slash_caller_elf: bytes,
        tmp_path: Path) -> None:
    print(f"IONET_FAULT_SEED={SEED}")
    rng = random.Random(SEED)
    wallet, ledger = Keypair(), tmp_path / "ledger"
    ports = (free_port(), free_port())
    node = _start(wallet, ledger, ports)
    cluster = node.connect()
    try:
        caller = await deploy_caller(cluster, slash_caller_elf)
        staking = Env(cluster, await new_deployment(cluster, STAKING_ELF.read_bytes(), caller))
        scene = await new_scene(staking, escrow_elf, tmp_path, nodes=2, escrows_per_node=2)
        sent: list[Record] = []
        log = tmp_path / "coordinator.log"
        backlog = 0  # kills with records ingested and not settled yet
        with fast_blocks(scene.rpc_url):
            coordinator = start_coordinator(scene, scene.rpc_url, log)
            for kill in range(KILLS):
                # Once the coordinator is settling again, more records, and the kill in
                # the middle of their settlement.
                # Counted before the records go in: the coordinator may settle them all
                # before `stream` returns.
                before = scene.settled_records()
                stream(scene, rng, f"k{kill}", files=2, per_file=3, sent=sent, gap=0.05)
                wait_settled(scene, before + 1, [coordinator], log)
                # Even kills land in the middle of a settlement (if it is not over first);
                # odd ones take the node away before the next records, which the
                # coordinator then takes in and cannot settle until the node is back.
                if kill % 2 == 0:
                    stream(scene, rng, f"k{kill}b", files=1, per_file=4, sent=sent, gap=0)
                    wait_until(lambda: not list(scene.spool.glob("*.jsonl")),
                               "the spool taken")
                    time.sleep(rng.uniform(0, 0.05))
                    _sigkill(node)
                else:
                    _sigkill(node)
                    stream(scene, rng, f"k{kill}b", files=1, per_file=4, sent=sent, gap=0)
                    wait_until(lambda: not list(scene.spool.glob("*.jsonl")),
                               "the spool taken")
                backlog += scene.settled_records() < len({r["report_id"] for r in sent})
                time.sleep(rng.uniform(0.3, 0.8))
                node = _start(wallet, ledger, ports)
            stream(scene, rng, "after", files=2, per_file=3, sent=sent, gap=0.1)
            wait_settled(scene, len({r["report_id"] for r in sent}), [coordinator], log)
            stop_coordinator(coordinator, log)
        outcomes = await check_exactly_once(scene, sent)
        assert backlog and "retrying" in log.read_text(), "no kill under load"
        add_faults({"localnet_sigkill": KILLS}, {"exactly once": 1, **outcomes,
                                                    "localnet kills with a backlog": backlog,
                                                    "records settled once": len(
                                                        {r["report_id"] for r in sent})})
    finally:
        await cluster.close()
        node.stop()
