"""Scenes for the coordinator tests: a fresh io_escrow deployment over the session's
io_staking one, escrows on a few nodes, and ``ionet coordinator`` run as a real separate
process (``python -m ionet.cli coordinator ...``) against the session's ``ionet localnet``.

Every escrow is opened with a ``min_charge`` of half its deposit, so that usage up to that
much is within the rate bound at once (the clock need not move), and the supplier fee is
0, so that a payout account's balance is exactly what was settled to it.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from escrow_harness import IO, EscrowEnv, Mint, Supplier, new_escrow_env
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import ROOT, Env

from ionet.coordinator.journal import open_journal

DEPOSIT = 100 * IO
MIN_CHARGE = 50 * IO
RATE = 1_000


@dataclass
class EscrowRef:
    address: Pubkey
    customer: Keypair
    supplier: Supplier
    job_id: int


@dataclass
class Scene:
    env: EscrowEnv
    mint: Mint
    suppliers: list[Supplier]
    escrows: list[EscrowRef]
    folder: Path
    spool: Path = field(init=False)
    keypair_path: Path = field(init=False)
    journal: str = field(init=False)

    def __post_init__(self) -> None:
        self.spool = self.folder / "spool"
        self.spool.mkdir(exist_ok=True)
        self.keypair_path = self.folder / "coordinator.json"
        self.keypair_path.write_text(json.dumps(list(bytes(self.env.coordinator))))
        self.journal = f"sqlite:///{self.folder / 'journal.db'}"

    @property
    def rpc_url(self) -> str:
        return self.env.cluster.rpc_url

    # ---- the coordinator process

    def argv(self, command: str = "run", *args: str, url: str | None = None,
             journal: str | None = None) -> list[str]:
        base = [sys.executable, "-m", "ionet.cli", "coordinator", command,
                "-u", url or self.rpc_url, "-k", str(self.keypair_path),
                "--program-id", str(self.env.program.program_id),
                "--journal", journal or self.journal]
        if command == "run":
            base += ["--spool", str(self.spool), "--priority-fee", "0"]
        return base + list(args)

    def run(self, command: str = "run", *args: str, env: Mapping[str, str] | None = None,
            timeout: float = 60, url: str | None = None, journal: str | None = None
            ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.argv(command, *args, url=url, journal=journal),
                              capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env={**os.environ, **(env or {})})

    def start(self, *args: str, env: Mapping[str, str] | None = None, url: str | None = None,
              journal: str | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(self.argv("run", *args, url=url, journal=journal),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT, env={**os.environ, **(env or {})})

    def rows(self, query: str, journal: str | None = None) -> list[tuple[Any, ...]]:
        """A query's rows from the journal (``journal``, or the scene's SQLite one)."""
        opened = open_journal(journal or self.journal)
        try:
            return opened.rows(query)
        finally:
            opened.close()

    def settled_records(self, journal: str | None = None) -> int:
        return int(self.rows("SELECT COUNT(*) FROM records WHERE settled_at IS NOT NULL",
                             journal)[0][0])

    def status(self, journal: str | None = None) -> dict[str, Any]:
        done = self.run("status", "--output", "json", journal=journal)
        assert done.returncode == 0, done.stderr
        return dict(json.loads(done.stdout))

    # ---- records

    def write_spool(self, name: str, records: Iterable[Mapping[str, Any]]) -> Path:
        """Writes ``name.jsonl`` as writers must: ``name.tmp``, then rename."""
        tmp = self.spool / f"{name}.tmp"
        tmp.write_text("".join(json.dumps(dict(r)) + "\n" for r in records))
        return tmp.replace(self.spool / f"{name}.jsonl")

    # ---- the chain

    async def settled(self) -> dict[Pubkey, int | None]:
        """Each escrow's on-chain ``settled`` (None once closed)."""
        found = await self.env.program.fetch_escrows(self.env.cluster.client, self.mint.address)
        return {e.address: (found[e.address].settled if e.address in found else None)
                for e in self.escrows}

    async def paid(self) -> dict[Pubkey, int]:
        """Each supplier's payout balance (no supplier fee: all that was settled)."""
        return {s.node: await self.env.balance(self.env.payout(s, self.mint))
                for s in self.suppliers}

    def by_supplier(self, amounts: Mapping[Pubkey, int]) -> dict[Pubkey, int]:
        totals = {s.node: 0 for s in self.suppliers}
        for escrow in self.escrows:
            totals[escrow.supplier.node] += amounts.get(escrow.address, 0)
        return totals


async def until(condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
    """Waits (without blocking the event loop) until ``condition()``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def serving(base_url: str, process: subprocess.Popen[str], timeout: float = 20) -> None:
    """Waits until the coordinator ``process`` answers HTTP at ``base_url``."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base_url) as client:
        while True:
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "no HTTP server"
            await asyncio.sleep(0.1)


def record(escrow: EscrowRef | Pubkey, report_id: str, *, amount: int | None = None,
           seconds: int | None = None, final: bool = False) -> dict[str, Any]:
    address = escrow.address if isinstance(escrow, EscrowRef) else escrow
    doc: dict[str, Any] = {"report_id": report_id, "escrow": str(address), "final": final}
    if amount is not None:
        doc["amount"] = amount
    if seconds is not None:
        doc["seconds"] = seconds
    return doc


def totals(records: Sequence[Mapping[str, Any]]) -> dict[Pubkey, int]:
    """What ``records`` (amounts only, each report id once) add up to per escrow."""
    seen: dict[str, Mapping[str, Any]] = {}
    for r in records:
        seen.setdefault(str(r["report_id"]), r)
    found: dict[Pubkey, int] = {}
    for r in seen.values():
        key = Pubkey.from_string(str(r["escrow"]))
        found[key] = found.get(key, 0) + int(r["amount"])
    return found


async def new_scene(staking: Env, elf: bytes, folder: Path, *, nodes: int,
                    escrows_per_node: int, customers: int = 1) -> Scene:
    env = await new_escrow_env(staking, elf, supplier_fee_bps=0)
    mint = await env.add_mint("usdc")
    env.check = False  # the scene's set-up is not what is tested
    buyers = [await env.wallet(mint, 10_000 * IO) for _ in range(customers)]
    suppliers = [await env.supplier(mint) for _ in range(nodes)]
    escrows = []
    for i in range(nodes * escrows_per_node):
        supplier = suppliers[i % nodes]
        customer = buyers[i % customers]
        job = 1_000 + i
        address = await env.open(customer, supplier, mint, DEPOSIT, rate=RATE,
                                 min_charge=MIN_CHARGE, job_id=job)
        escrows.append(EscrowRef(address, customer, supplier, job))
    return Scene(env, mint, suppliers, escrows, folder)


__all__ = ["DEPOSIT", "IO", "MIN_CHARGE", "RATE", "EscrowRef", "Scene", "new_scene",
           "record", "serving", "totals", "until"]
