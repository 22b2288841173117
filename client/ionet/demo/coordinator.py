"""The coordinator chapter: a stream of usage records settled by the coordinator service,
run as a separate process (``python -m ionet coordinator run ... --until-idle``), then
checked against the escrows on chain.

Records are JSON lines in the spool directory, each file written as ``x.tmp`` and renamed
to ``x.jsonl`` once complete: ``{"report_id", "escrow", "seconds" | "amount", "final"}``.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from solders.transaction import VersionedTransaction

from ionet.demo.cast import write_keypair
from ionet.demo.narrator import DemoFailed, describe
from ionet.demo.scene import OpenedEscrow, Scene

ROOT = Path(__file__).resolve().parents[3]
RUN_TIMEOUT_SECS = 90
HOURS_OF_WORK = 2


@dataclass(frozen=True)
class Usage:
    """One usage record: GPU seconds (IO escrows here) or an amount (USDC escrows)."""

    report_id: str
    escrow: OpenedEscrow
    seconds: int = 0
    amount: int = 0
    final: bool = False

    def to_json(self) -> str:
        measure = {"seconds": self.seconds} if self.seconds else {"amount": self.amount}
        return json.dumps({"report_id": self.report_id, "escrow": str(self.escrow.address),
                           **measure, "final": self.final})

    @property
    def charge(self) -> int:
        """What the record is worth in the escrow's base units."""
        return self.amount or self.seconds * self.escrow.rate_per_second


@dataclass(frozen=True)
class SpoolFile:
    what: str
    records: list[Usage]


def usage_stream(scene: Scene) -> list[list[SpoolFile]]:
    """The files of two coordinator runs. The second run, on the same journal, gets a
    report of the first again (it must be ignored) and the end of Eve's first job (a
    final record: the coordinator closes the escrow and refunds the rest)."""
    eve_ada, eve_ben, finn_ben, finn_ada, gus_cleo = scene.escrows
    usdc = scene.usdc

    def hour(n: int) -> SpoolFile:
        return SpoolFile(f"hour {n}: GPU seconds for the IO escrows, amounts for USDC", [
            Usage(f"eve-1-h{n}", eve_ada, seconds=1_800),
            Usage(f"eve-2-h{n}", eve_ben, seconds=1_200),
            Usage(f"finn-1-h{n}", finn_ben, amount=usdc.units("0.9") * n),
            Usage(f"finn-2-h{n}", finn_ada, amount=usdc.units("1.5") * (n + 1)),
            Usage(f"gus-1-h{n}", gus_cleo, amount=usdc.units("0.18"))])

    first, second = hour(1), hour(2)
    last = SpoolFile(f"{second.records[0].report_id} again, and Eve's final report",
                     [second.records[0], Usage("eve-1-end", eve_ada, seconds=600, final=True)])
    return [[first, second], [last]]


def write_spool(directory: Path, index: int, records: list[Usage]) -> Path:
    """Writes one complete records file (write, then rename: the coordinator takes only
    ``*.jsonl``)."""
    directory.mkdir(parents=True, exist_ok=True)
    partial = directory / f"usage-{index:04d}.tmp"
    partial.write_text("".join(r.to_json() + "\n" for r in records))
    return partial.rename(partial.with_suffix(".jsonl"))


def run_coordinator(scene: Scene, keypair: Path) -> float:
    """Runs the coordinator until everything in the spool is settled; its seconds."""
    args = [sys.executable, "-m", "ionet", "coordinator", "run", "-u", scene.cluster.rpc_url,
            "-k", str(keypair), "--journal", f"sqlite:///{scene.work_dir / 'journal.sqlite'}",
            "--spool", str(scene.work_dir / "spool"), "--until-idle"]
    started = time.monotonic()
    try:
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True,
                              timeout=RUN_TIMEOUT_SECS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DemoFailed(f"the coordinator was not idle after {RUN_TIMEOUT_SECS} s") from exc
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
        raise DemoFailed(f"the coordinator exited with {done.returncode}: {said}")
    return time.monotonic() - started


async def settle_usage(scene: Scene) -> None:
    narrator, cast = scene.narrator, scene.cast
    narrator.chapter(
        "The coordinator settles usage",
        f"{HOURS_OF_WORK} hours of GPU time pass. The nodes report usage; the coordinator "
        "service journals every record exactly once (SQLite) and settles each node's "
        "escrows in settle_batch transactions. It runs as its own process with its own "
        "keypair, the one io_escrow names as coordinator.")
    await scene.cluster.advance_time(HOURS_OF_WORK * 3_600)
    keypair = write_keypair(cast.coordinator, scene.work_dir / "coordinator.json")
    spool = scene.work_dir / "spool"
    left = {e.address: await _left(scene, e) for e in scene.escrows}
    refunds_before = {e.address: await scene.balance(e.customer, e.mint)
                      for e in scene.escrows}
    settled: list[Usage] = []
    index = 0
    for run_number, files in enumerate(usage_stream(scene), 1):
        for file in files:
            index += 1
            path = write_spool(spool, index, file.records)
            narrator.say(f"{path.name}: {len(file.records)} records ({file.what})")
        seconds = run_coordinator(scene, keypair)
        again = " on the same journal" if run_number > 1 else ""
        narrator.say(f"[green]✓[/] coordinator run {run_number}{again}: everything settled, "
                     f"it exited after {seconds:.1f} s")
        settled += [r for file in files for r in file.records]
    unique = {r.report_id: r for r in settled}
    narrator.say(f"{len(settled)} records sent, {len(settled) - len(unique)} of them a "
                 "repeat: it must be paid once")
    for opened in scene.escrows:
        records = [r for r in unique.values() if r.escrow == opened]
        expected = sum(r.charge for r in records)
        state = await scene.fetch_escrow(opened)
        who = f"{opened.customer.name}'s escrow {opened.job_id}"
        if any(r.final for r in records):
            refunded = await scene.balance(opened.customer, opened.mint) \
                - refunds_before[opened.address]
            if state is not None or refunded != left[opened.address] - expected:
                raise DemoFailed(f"{who}: not closed with {expected} settled")
            narrator.say(f"{who}: {opened.mint.show(expected)} settled, closed, "
                         f"{opened.mint.show(refunded)} refunded")
            continue
        if state is None or state.settled != expected:
            found = "closed" if state is None else opened.mint.show(state.settled)
            raise DemoFailed(f"{who}: settled {found}, the records add up to "
                             f"{opened.mint.show(expected)}")
        narrator.say(f"{who}: settled {opened.mint.show(state.settled)} = the sum of its "
                     f"{len(records)} records")
    await record_coordinator_units(scene)


async def _left(scene: Scene, opened: OpenedEscrow) -> int:
    state = await scene.fetch_escrow(opened)
    if state is None:
        raise DemoFailed(f"{opened.customer.name}'s escrow {opened.job_id} is missing")
    return state.deposited - state.settled


async def record_coordinator_units(scene: Scene) -> None:
    """Adds the compute units of the coordinator's transactions to the report's table."""
    cluster = scene.cluster
    found = await cluster.rpc("getSignaturesForAddress", str(scene.cast.coordinator.key),
                              {"commitment": "confirmed"})
    for entry in found:
        if entry["err"] is not None:
            continue
        raw = await cluster.rpc("getTransaction", entry["signature"],
                                {"commitment": "confirmed", "encoding": "base64",
                                 "maxSupportedTransactionVersion": 0})
        message = VersionedTransaction.from_bytes(
            base64.b64decode(raw["transaction"][0])).message
        keys = message.account_keys
        labels = [describe(cluster.program_ids, keys[ix.program_id_index], bytes(ix.data))
                  for ix in message.instructions]
        ours = [label for label in labels if label]
        if ours:
            scene.narrator.record(" + ".join(ours) + " (coordinator)",
                                  raw["meta"]["computeUnitsConsumed"])
