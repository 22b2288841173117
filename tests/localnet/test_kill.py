"""SIGKILL ``ionet localnet --ledger`` at random moments; it never loses what it acknowledged
and never lands what it refused.

Rounds of three kinds, in turn: a kill under concurrent load (single sendTransaction
requests and JSON-RPC batches of 16), a kill during start-up while the node upgrades its
program (the ``.so`` alternates between two ELFs), and a kill while a client deploys a
program over JSON-RPC (under load too). After every restart:

* every acknowledged signature has a successful status;
* every balance equals its start plus the sum of the transfers that landed (the
  acknowledged ones, and those in flight at the kill that the node shows as landed);
* nothing refused (a blockhash that had expired) has a status, and sending it again is
  still refused, as is a new transaction on a blockhash that expired before the kill;
* no blockhash handed out before the restart is handed out again;
* a program deployed over RPC is either absent or complete.

``IONET_KILL_ROUNDS`` sets the number of kills (default 36, under a minute);
``IONET_KILL_SEED`` the random seed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from solana.rpc.async_api import AsyncClient
from solders.hash import Hash
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet.deploy import deploy_program
from ionet.loader_v3 import programdata_address

ROUNDS = int(os.environ.get("IONET_KILL_ROUNDS", "36"))
SEED = int(os.environ.get("IONET_KILL_SEED", str(random.randrange(1 << 30))))
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
TOKEN = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
FEE = 5000
SENDER_LAMPORTS = 100 * 10**9
RECIPIENT_LAMPORTS = 10**9
WORKERS = 4
SENDERS_PER_WORKER = 4
BATCH = 16


def _elf(program: Pubkey) -> bytes:
    account = LiteSVM().get_account(program)
    assert account is not None
    return bytes(account.data)


@dataclass
class Node:
    """One ``ionet localnet`` process; its stdout read by a thread."""

    process: subprocess.Popen[str]
    stderr_path: Path
    endpoints: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)

    @staticmethod
    def spawn(workspace: Path, ledger: Path, log: Path) -> Node:
        args = [sys.executable, "-m", "ionet.localnet", "--rpc-port", "0", "--ws-port", "0",
                "--print-endpoints", "--ledger", str(ledger),
                "--anchor-toml", str(workspace / "Anchor.toml"),
                "--wallet", str(workspace / "wallet.json")]
        stderr = log.open("w")
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, text=True)
        stderr.close()
        node = Node(process, log)
        threading.Thread(target=node._read, daemon=True).start()
        return node

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("ENDPOINTS "):
                self.endpoints.put(json.loads(line[len("ENDPOINTS "):]))

    def url(self, timeout: float = 30.0) -> str:
        try:
            return str(self.endpoints.get(timeout=timeout)["rpc"])
        except queue.Empty:
            self.kill()
            raise AssertionError(f"no start: {self.stderr_path.read_text()}") from None

    def listening(self) -> bool:
        return not self.endpoints.empty()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@dataclass
class Book:
    """What the clients were told, and what that implies."""

    balances: dict[Pubkey, int] = field(default_factory=dict)
    acknowledged: dict[str, tuple[Pubkey, Pubkey, int]] = field(default_factory=dict)
    landed: set[str] = field(default_factory=set)
    in_flight: dict[str, tuple[Pubkey, Pubkey, int]] = field(default_factory=dict)
    refused: dict[str, bytes] = field(default_factory=dict)
    blockhashes: set[str] = field(default_factory=set)
    unexpected: list[Any] = field(default_factory=list)
    counter: int = 0
    stats: dict[str, int] = field(default_factory=lambda: {
        "kills": 0, "kills_under_load": 0, "kills_in_startup_after_listening": 0,
        "kills_in_startup_after_upgrade_before_listening": 0,
        "kills_in_startup_before_upgrade_done": 0, "kills_during_rpc_deploy": 0,
        "deploys_completed": 0, "deploys_cut": 0, "in_flight_found_landed": 0,
        "in_flight_not_landed": 0, "refused_rechecked": 0, "torn_tails_reported": 0,
        "signature_checks": 0})

    def land(self, signature: str, transfer: tuple[Pubkey, Pubkey, int]) -> None:
        if signature in self.landed:
            return
        self.landed.add(signature)
        sender, recipient, lamports = transfer
        self.balances[sender] -= lamports + FEE
        self.balances[recipient] += lamports


async def _rpc(http: httpx.AsyncClient, method: str, *params: Any) -> Any:
    doc = (await http.post("", json={"jsonrpc": "2.0", "id": 1, "method": method,
                                     "params": list(params)})).json()
    assert "error" not in doc, (method, doc)
    return doc["result"]


def _send_body(raw: bytes, i: int) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": i, "method": "sendTransaction",
            "params": [base64.b64encode(raw).decode(), {"encoding": "base64"}]}


def _transfer(book: Book, sender: Keypair, recipient: Pubkey, blockhash: Hash
              ) -> tuple[str, bytes, tuple[Pubkey, Pubkey, int]]:
    book.counter += 1
    lamports = 1000 + book.counter
    ix = transfer(TransferParams(from_pubkey=sender.pubkey(), to_pubkey=recipient,
                                 lamports=lamports))
    tx = Transaction([sender], Message.new_with_blockhash([ix], sender.pubkey(), blockhash),
                     blockhash)
    return str(tx.signatures[0]), bytes(tx), (sender.pubkey(), recipient, lamports)


async def _worker(url: str, book: Book, senders: list[Keypair], recipients: list[Pubkey],
                  batch: int, rng: random.Random) -> None:
    """Send transfers until the node dies; book every answer."""
    first: Hash | None = None
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        while True:
            try:
                latest = (await _rpc(http, "getLatestBlockhash"))["value"]["blockhash"]
            except (httpx.HTTPError, json.JSONDecodeError):
                return
            book.blockhashes.add(latest)
            blockhash = Hash.from_string(latest)
            first = first or blockhash
            if rng.random() < 0.2:
                blockhash = first  # expired by now, if the clock jumped since
            txs = [_transfer(book, rng.choice(senders), rng.choice(recipients), blockhash)
                   for _ in range(batch)]
            for signature, _, moved in txs:
                book.in_flight[signature] = moved
            body: Any = [_send_body(raw, i) for i, (_, raw, _) in enumerate(txs)]
            try:
                answer = (await http.post("", json=body if batch > 1 else body[0])).json()
            except (httpx.HTTPError, json.JSONDecodeError):
                return  # killed: what was in flight stays in book.in_flight
            answers = answer if isinstance(answer, list) else [answer]
            by_id = {a["id"]: a for a in answers}
            for i, (signature, raw, moved) in enumerate(txs):
                del book.in_flight[signature]
                reply = by_id[i]
                if reply.get("result") == signature:
                    book.acknowledged[signature] = moved
                    book.land(signature, moved)
                elif "Blockhash not found" in reply.get("error", {}).get("message", ""):
                    book.refused[signature] = raw
                else:
                    book.unexpected.append(reply)


async def _expire_blockhashes(url: str, rng: random.Random) -> None:
    """Now and then, move the clock 151-300 slots: blockhashes in use expire."""
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        while True:
            await asyncio.sleep(rng.uniform(0.05, 0.3))
            try:
                await _rpc(http, "ionet_advanceClock",
                           {"seconds": 1, "slots": rng.randint(151, 300)})
            except (httpx.HTTPError, json.JSONDecodeError):
                return


async def _verify(url: str, book: Book, senders: list[Keypair], old_blockhash: str | None,
                  programs: dict[Pubkey, bytes], wallet: Keypair, elf: bytes) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        # What was in flight at the kill either landed (and counts) or did not.
        in_flight = list(book.in_flight.items())
        book.in_flight.clear()
        for i in range(0, len(in_flight), 256):
            chunk = in_flight[i : i + 256]
            statuses = (await _rpc(http, "getSignatureStatuses", [s for s, _ in chunk],
                                   {"searchTransactionHistory": True}))["value"]
            for (signature, moved), status in zip(chunk, statuses, strict=True):
                if status is not None:
                    assert status["err"] is None, status
                    book.land(signature, moved)
                    book.stats["in_flight_found_landed"] += 1
                else:
                    book.stats["in_flight_not_landed"] += 1
        # Every acknowledged transaction is there.
        acknowledged = list(book.acknowledged)
        for i in range(0, len(acknowledged), 256):
            chunk = acknowledged[i : i + 256]
            statuses = (await _rpc(http, "getSignatureStatuses", chunk,
                                   {"searchTransactionHistory": True}))["value"]
            missing = [s for s, st in zip(chunk, statuses, strict=True)
                       if st is None or st["err"] is not None]
            assert not missing, f"acknowledged but lost after a restart: {missing[:3]}"
        book.stats["signature_checks"] += len(acknowledged)
        # Balances are exactly what the landed transfers make them.
        keys = list(book.balances)
        for i in range(0, len(keys), 100):
            chunk = keys[i : i + 100]
            accounts = (await _rpc(http, "getMultipleAccounts", [str(k) for k in chunk],
                                   {"encoding": "base64"}))["value"]
            for key, account in zip(chunk, accounts, strict=True):
                assert account is not None and account["lamports"] == book.balances[key], \
                    (key, account and account["lamports"], book.balances[key])
        # Nothing refused lands now; resending it is refused again.
        refused = list(book.refused.items())
        for i in range(0, len(refused), 256):
            chunk = refused[i : i + 256]
            statuses = (await _rpc(http, "getSignatureStatuses", [s for s, _ in chunk],
                                   {"searchTransactionHistory": True}))["value"]
            assert statuses == [None] * len(chunk), "a refused transaction landed"
        for signature, raw in rng_sample(refused, 32):
            reply = (await http.post("", json=_send_body(raw, 1))).json()
            assert "Blockhash not found" in reply.get("error", {}).get("message", ""), \
                (signature, reply)
            book.stats["refused_rechecked"] += 1
        # A new transaction on a blockhash that expired before the kill is refused.
        if old_blockhash is not None:
            signature, raw, _ = _transfer(book, senders[0], Keypair().pubkey(),
                                          Hash.from_string(old_blockhash))
            reply = (await http.post("", json=_send_body(raw, 1))).json()
            assert "Blockhash not found" in reply.get("error", {}).get("message", ""), reply
            valid = await _rpc(http, "isBlockhashValid", old_blockhash)
            assert valid["value"] is False
        # A blockhash is never handed out twice.
        for _ in range(3):
            latest = (await _rpc(http, "getLatestBlockhash"))["value"]["blockhash"]
            assert latest not in book.blockhashes, "a blockhash handed out again"
            book.blockhashes.add(latest)
            await _rpc(http, "ionet_advanceClock", {"seconds": 0, "slots": 1})
        # A deployment is all or nothing.
        for program_id in list(programs):
            account = (await _rpc(http, "getAccountInfo", str(program_id),
                                  {"encoding": "base64"}))["value"]
            if account is None:
                del programs[program_id]
                continue
            assert account["executable"]
            data = (await _rpc(http, "getAccountInfo", str(programdata_address(program_id)),
                               {"encoding": "base64"}))["value"]
            blob = base64.b64decode(data["data"][0])
            assert blob[45 : 45 + len(elf)] == elf


async def _check_program(url: str, program_id: Pubkey, elf: bytes) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        data = (await _rpc(http, "getAccountInfo", str(programdata_address(program_id)),
                           {"encoding": "base64"}))["value"]
        assert base64.b64decode(data["data"][0])[45 : 45 + len(elf)] == elf


_sample_rng = random.Random(0)


def rng_sample(items: list[tuple[str, bytes]], n: int) -> list[tuple[str, bytes]]:
    return items if len(items) <= n else _sample_rng.sample(items, n)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Path]:
    deploy = tmp_path / "target" / "deploy"
    deploy.mkdir(parents=True)
    (deploy / "memo_copy.so").write_bytes(_elf(MEMO))
    program = Keypair()
    (deploy / "memo_copy-keypair.json").write_text(json.dumps(list(bytes(program))))
    (tmp_path / "wallet.json").write_text(json.dumps(list(bytes(Keypair()))))
    (tmp_path / "Anchor.toml").write_text(
        f'[programs.localnet]\nmemo_copy = "{program.pubkey()}"\n'
        '[provider]\ncluster = "localnet"\nwallet = "wallet.json"\n')
    yield tmp_path


async def _kill_under_load(node: Node, url: str, book: Book, groups: list[list[Keypair]],
                           recipients: list[Pubkey], rng: random.Random,
                           deploy: tuple[Keypair, Keypair, bytes] | None) -> str:
    """Expire a blockhash, load the node (and deploy a program), SIGKILL it at a random
    moment; return the expired blockhash."""
    async with httpx.AsyncClient(base_url=url, timeout=10) as http:
        expired = (await _rpc(http, "getLatestBlockhash"))["value"]["blockhash"]
        book.blockhashes.add(expired)
        await _rpc(http, "ionet_advanceClock", {"seconds": 1, "slots": 151})
    tasks = [asyncio.create_task(_worker(url, book, group, recipients,
                                         BATCH if i % 2 else 1, random.Random(rng.random())))
             for i, group in enumerate(groups)]
    tasks.append(asyncio.create_task(_expire_blockhashes(url, random.Random(rng.random()))))
    deploying = None
    if deploy is not None:
        wallet, program, elf = deploy

        async def go() -> None:
            client = AsyncClient(url, timeout=10)
            try:
                await deploy_program(client, wallet, program, elf)
            finally:
                await client.close()

        deploying = asyncio.create_task(go())
        tasks.append(deploying)
    await asyncio.sleep(rng.uniform(0.1, 0.8))
    if deploying is not None:
        book.stats["deploys_completed" if deploying.done() else "deploys_cut"] += 1
    node.kill()
    for task in tasks:
        with contextlib.suppress(Exception):  # what a client raises when its node dies
            await asyncio.wait_for(task, 15)
    # A failed deploy leaves the rest of its concurrent writes running: end them here.
    rest = asyncio.all_tasks() - {asyncio.current_task()}
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)
    return expired


# A client connecting at the moment its node is killed can leave anyio's happy-eyeballs
# connect attempt unstarted when its task is cancelled; Python then warns about it.
@pytest.mark.filterwarnings(
    "ignore:coroutine 'connect_tcp.<locals>.try_connect' was never awaited:RuntimeWarning")
def test_sigkill_never_loses_acknowledged_nor_lands_refused(workspace: Path, tmp_path: Path
                                                            ) -> None:
    rng = random.Random(SEED)
    ledger = tmp_path / "ledger"
    logs = tmp_path / "logs"
    logs.mkdir()
    memo, token = _elf(MEMO), _elf(TOKEN)
    wallet = Keypair.from_bytes(bytes(json.loads((workspace / "wallet.json").read_text())))
    book = Book()
    groups = [[Keypair() for _ in range(SENDERS_PER_WORKER)] for _ in range(WORKERS)]
    senders = [k for g in groups for k in g]
    recipients = [Keypair().pubkey() for _ in range(3)]
    programs: dict[Pubkey, bytes] = {}
    starts = 0
    so = workspace / "target" / "deploy" / "memo_copy.so"
    upgraded = Pubkey.from_string(
        tomllib.loads((workspace / "Anchor.toml").read_text())["programs"]["localnet"]["memo_copy"])

    startup = [0.3]  # seconds from spawn to listening, last measured

    def start() -> tuple[Node, str]:
        nonlocal starts
        starts += 1
        spawned = time.monotonic()
        node = Node.spawn(workspace, ledger, logs / f"{starts}.log")
        url = node.url()
        startup[0] = time.monotonic() - spawned
        return node, url

    async def setup(url: str) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            for key, lamports in [*((k.pubkey(), SENDER_LAMPORTS) for k in senders),
                                  *((k, RECIPIENT_LAMPORTS) for k in recipients)]:
                await _rpc(http, "requestAirdrop", str(key), lamports)
                book.balances[key] = lamports

    node, url = start()
    asyncio.run(setup(url))
    started = time.monotonic()
    try:
        for round_ in range(ROUNDS):
            kind = ("load", "startup", "deploy")[round_ % 3]
            old_blockhash = None
            if kind == "startup":
                # A kill in start-up, while the node upgrades its program from disk.
                node.kill()
                so.write_bytes(token if so.read_bytes() == memo else memo)
                killed_log = logs / f"{starts}-killed.log"
                node = Node.spawn(workspace, ledger, killed_log)
                time.sleep(rng.uniform(0.3, 1.1) * startup[0])  # imports, replay, upgrade
                listening = node.listening()
                node.kill()
                if listening:
                    book.stats["kills_in_startup_after_listening"] += 1
                elif "upgraded memo_copy" in killed_log.read_text():
                    book.stats["kills_in_startup_after_upgrade_before_listening"] += 1
                else:
                    book.stats["kills_in_startup_before_upgrade_done"] += 1
            else:
                deploy = None
                if kind == "deploy":
                    program = Keypair()
                    programs[program.pubkey()] = memo
                    deploy = (wallet, program, memo)
                old_blockhash = asyncio.run(_kill_under_load(node, url, book, groups,
                                                             recipients, rng, deploy))
                book.stats["kills_during_rpc_deploy" if kind == "deploy"
                           else "kills_under_load"] += 1
            node.kill()
            book.stats["kills"] += 1
            node, url = start()
            asyncio.run(_verify(url, book, senders, old_blockhash, programs, wallet, memo))
            if kind == "startup":  # the program from disk is the one deployed
                asyncio.run(_check_program(url, upgraded, so.read_bytes()))
    finally:
        node.kill()
    torn = sum("incomplete write" in p.read_text() for p in logs.iterdir())
    book.stats["torn_tails_reported"] = torn
    for p in logs.iterdir():
        text = p.read_text()
        assert "Traceback" not in text, text
    report = {**book.stats, "seed": SEED, "acknowledged": len(book.acknowledged),
              "landed": len(book.landed), "refused": len(book.refused),
              "seconds": round(time.monotonic() - started, 1)}
    print("kill test:", json.dumps(report))
    assert not book.unexpected, book.unexpected[:3]
    assert book.stats["kills"] == ROUNDS
    assert len(book.acknowledged) > 50 * ROUNDS // 3 and book.refused
