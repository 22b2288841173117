"""The coordinator chapter: a stream of usage records settled by the coordinator service,
run as a separate process (``python -m ionet coordinator run ... --until-idle``), then
checked against the escrows on chain.

Records are JSON lines in the spool directory, each file written as ``x.tmp`` and renamed
to ``x.jsonl`` once complete: ``{"report_id", "escrow", "seconds" | "amount", "final"}``.
"""

from __future__ import annotations

import base64
import itertools
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
from ionet.escrow import Escrow, remaining

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
    scene.narrator.chapter(
        "The coordinator settles usage",
        f"{HOURS_OF_WORK} hours of GPU time pass. The nodes report usage; the coordinator "
        "service journals every record exactly once (SQLite) and settles each node's "
        "escrows in settle_batch transactions. It runs as its own process with its own "
        "keypair, the one io_escrow names as coordinator.")
    await scene.cluster.advance_time(HOURS_OF_WORK * 3_600)
    left = {e.address: remaining(await _escrow(scene, e)) for e in scene.escrows}
    wallets = {e.address: await scene.balance(e.customer, e.mint) for e in scene.escrows}
    records = _send_usage(scene)
    unique = {r.report_id: r for r in records}
    scene.narrator.say(f"{len(records)} records sent, {len(records) - len(unique)} of them "
                       "a repeat: it must be paid once")
    for opened in scene.escrows:
        mine = [r for r in unique.values() if r.escrow == opened]
        expected = sum(r.charge for r in mine)
        who, mint = f"{opened.customer.name}'s escrow {opened.job_id}", opened.mint
        state = await scene.fetch_escrow(opened)
        if any(r.final for r in mine):
            refunded = await scene.balance(opened.customer, mint) - wallets[opened.address]
            if state is not None or refunded != left[opened.address] - expected:
                raise DemoFailed(f"{who}: not closed with {mint.show(expected)} settled")
            scene.narrator.say(f"{who}: {mint.show(expected)} settled, closed, "
                               f"{mint.show(refunded)} refunded")
        elif state is None or state.settled != expected:
            found = "nothing (closed)" if state is None else mint.show(state.settled)
            raise DemoFailed(f"{who}: settled {found}, the records add up to "
                             f"{mint.show(expected)}")
        else:
            scene.narrator.say(f"{who}: settled {mint.show(state.settled)} = the sum of its "
                               f"{len(mine)} records")
    await record_coordinator_units(scene)


def _send_usage(scene: Scene) -> list[Usage]:
    """Writes the stream into the spool and runs the coordinator after each part of it;
    returns every record sent."""
    keypair = write_keypair(scene.cast.coordinator, scene.work_dir / "coordinator.json")
    sent: list[Usage] = []
    numbers = itertools.count(1)
    for run_number, files in enumerate(usage_stream(scene), 1):
        for file in files:
            path = write_spool(scene.work_dir / "spool", next(numbers), file.records)
            scene.narrator.say(f"{path.name}: {len(file.records)} records ({file.what})")
            sent += file.records
        seconds = run_coordinator(scene, keypair)
        again = " on the same journal" if run_number > 1 else ""
        scene.narrator.say(f"[green]✓[/] coordinator run {run_number}{again}: everything "
                           f"settled, it exited after {seconds:.1f} s")
    return sent


async def _escrow(scene: Scene, opened: OpenedEscrow) -> Escrow:
    state = await scene.fetch_escrow(opened)
    if state is None:
        raise DemoFailed(f"{opened.customer.name}'s escrow {opened.job_id} is missing")
    return state


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
