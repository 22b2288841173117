"""``ionet localnet`` at scale: ``scale_report()`` measures, ``print_scale_report()`` prints.

* ``getProgramAccounts`` over 100 000 accounts of one program: a ``memcmp`` filter that
  matches 1 % of them, one that matches none, and all of them with a ``dataSlice`` of
  length 0 (time until the whole answer is received over a keep-alive connection);
* restart with ``--ledger`` holding them and a history of transfers (launch to the first
  healthy answer), and the node's resident memory then;
* the server's own CPU time per transaction above the runtime's (LiteSVM executing it),
  split into bookkeeping (``Validator.execute``), JSON-RPC (``handle_bytes``) and HTTP;
* confirmed transfers per second at 1, 4 and 64 requests in flight: pipelined on one
  keep-alive connection, and with solana-py's ``AsyncClient`` (pool capped, as all our
  clients are) from as many tasks.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import httpx
import orjson
from solana.rpc.commitment import Confirmed
from solders.account import Account
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction

from ionet.localnet.encoding import b58
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.localnet.pipeline import PipelinedConnection
from ionet.localnet.rpc_methods import handle_bytes
from ionet.localnet.validator import Validator
from ionet.rpc_client import async_client
from ionet.testing import LocalnetProcess, start_localnet_process

SCALE_PROGRAM: Final = Pubkey(hashlib.sha256(b"ionet localnet scale benchmark").digest())
ACCOUNT_BYTES: Final = 200
TAG_OFFSET: Final = 8
"""Byte ``TAG_OFFSET`` of an account is 1 in every ``match_every``-th account, else 0."""


def rpc_body(method: str, *params: Any, request_id: int = 1) -> bytes:
    return orjson.dumps({"jsonrpc": "2.0", "id": request_id, "method": method,
                         "params": list(params)})


def _result(answer: bytes) -> Any:
    doc = orjson.loads(answer)
    if "error" in doc:
        raise RuntimeError(f"the node answered an error: {doc['error']}")
    return doc["result"]


# ------------------------------------------------------------------ the ledger


def populate(validator: Validator, accounts: int, match_every: int = 100) -> None:
    """``accounts`` accounts of :data:`SCALE_PROGRAM`, 1 in ``match_every`` tagged."""
    for i in range(accounts):
        tag = b"\x01" if i % match_every == 0 else b"\x00"
        data = i.to_bytes(TAG_OFFSET, "little") + tag + os.urandom(31)
        data += bytes(ACCOUNT_BYTES - len(data))
        validator.set_account(Pubkey.new_unique(), Account(2_000_000, data, SCALE_PROGRAM,
                                                           False, 0))


def signed_transfers(payers: Sequence[Keypair], blockhash: Hash, count: int,
                     first_lamports: int = 1000) -> list[Transaction]:
    """``count`` distinct transfers, each from one of ``payers`` in turn."""
    sink = Pubkey.new_unique()
    out = []
    for i in range(count):
        payer = payers[i % len(payers)]
        ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=sink,
                                     lamports=first_lamports + i))
        out.append(Transaction([payer], Message.new_with_blockhash([ix], payer.pubkey(),
                                                                   blockhash), blockhash))
    return out


def write_ledger(path: Path, accounts: int, transactions: int, match_every: int = 100) -> None:
    """A ledger directory holding the accounts of :func:`populate` and ``transactions``
    confirmed transfers (written in-process, without fsync: it is a fixture)."""
    validator = start_validator(ValidatorConfig(ledger=path, reset=True, ledger_sync="write",
                                                log=lambda _message: None))
    populate(validator, accounts, match_every)
    validator.flush()
    for i in range(0, transactions, 100):
        for tx in signed_transfers([validator.wallet], validator.latest_blockhash,
                                   min(100, transactions - i), 1000 + i):
            validator.execute(VersionedTransaction.from_legacy(tx), preflight=True)
        validator.flush()
    validator.ledger.close()


# ------------------------------------------------------------------ measuring


def _best_ms(call: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def gpa_timings(url: str, accounts: int, match_every: int = 100, runs: int = 5,
                pid: int | None = None) -> dict[str, float]:
    """Milliseconds (best of ``runs``) per getProgramAccounts query, and with the node's
    ``pid`` its CPU milliseconds per query (mean; the machine's load does not change
    it); checks the counts."""
    def query(cfg: dict[str, Any]) -> bytes:
        return rpc_body("getProgramAccounts", str(SCALE_PROGRAM), {"encoding": "base64", **cfg})

    def memcmp(tag: int) -> dict[str, Any]:
        return {"filters": [{"memcmp": {"offset": TAG_OFFSET, "bytes": b58(bytes([tag]))}}]}

    cases = {"memcmp_1pct": (query(memcmp(1)), -(-accounts // match_every)),
             "memcmp_none": (query(memcmp(2)), 0),
             "all_slice0": (query({"dataSlice": {"offset": 0, "length": 0}}), accounts)}
    out: dict[str, float] = {}
    with PipelinedConnection(url) as conn:
        for name, (body, expected) in cases.items():
            found = len(_result(conn.post(body)))
            if found != expected:
                raise RuntimeError(f"getProgramAccounts {name}: {found} accounts, "
                                   f"not {expected}")
            cpu = cpu_seconds(pid) if pid is not None else 0.0
            out[f"{name}_ms"] = _best_ms(lambda b=body: conn.post(b), runs)  # type: ignore[misc]
            if pid is not None:
                out[f"{name}_cpu_ms"] = (cpu_seconds(pid) - cpu) / runs * 1000
    return out


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def restart(ledger: Path) -> tuple[float, LocalnetProcess]:
    """Seconds from launch to the first healthy answer of a node on ``ledger`` (the client
    is made first: its TLS context alone takes 30 ms or more)."""
    with httpx.Client(headers={"content-type": "application/json"}) as client:
        started = time.monotonic()
        proc = start_localnet_process(ledger=ledger, extra_args=["--quiet"], timeout=120)
        while client.post(proc.rpc_url, content=rpc_body("getHealth")).json().get(
                "result") != "ok":
            time.sleep(0.005)
        return time.monotonic() - started, proc


def _fund(conn: PipelinedConnection, payers: Sequence[Keypair]) -> Hash:
    for answer in conn.post_all([rpc_body("requestAirdrop", str(p.pubkey()), 10**12)
                                 for p in payers]):
        _result(answer)
    return Hash.from_string(_result(conn.post(rpc_body("getLatestBlockhash")))["value"]
                            ["blockhash"])


def _send_bodies(txs: Sequence[Transaction | VersionedTransaction]) -> list[bytes]:
    return [rpc_body("sendTransaction", base64.b64encode(bytes(tx)).decode(),
                     {"encoding": "base64"}, request_id=i) for i, tx in enumerate(txs)]


def pipelined_throughput(proc: LocalnetProcess, window: int, txs: Sequence[Transaction]
                         ) -> dict[str, float]:
    """Send ``txs`` with ``window`` requests in flight on one keep-alive connection, then
    confirm them all (getSignatureStatuses, 256 a request): confirmed tx/s, and the node's
    CPU time per transaction meanwhile."""
    bodies = _send_bodies(txs)
    signatures = [str(tx.signatures[0]) for tx in txs]
    with PipelinedConnection(proc.rpc_url) as conn:
        cpu = cpu_seconds(proc.process.pid)
        started = time.perf_counter()
        for answer in conn.post_all(bodies, window):
            _result(answer)
        confirmed = 0
        checks = [rpc_body("getSignatureStatuses", signatures[i : i + 256])
                  for i in range(0, len(signatures), 256)]
        for answer in conn.post_all(checks, window):
            confirmed += sum(1 for s in _result(answer)["value"]
                             if s is not None and s["err"] is None)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds(proc.process.pid) - cpu
    if confirmed != len(txs):
        raise RuntimeError(f"{len(txs) - confirmed} of {len(txs)} transactions not confirmed")
    return {"window": window, "transactions": len(txs), "tx_per_s": confirmed / seconds,
            "server_us_per_tx": cpu / len(txs) * 1e6}


def _cpu_us_each(items: Sequence[Any], run: Callable[[Any], object]) -> float:
    started = time.process_time()
    for item in items:
        run(item)
    return (time.process_time() - started) / len(items) * 1e6


def in_process_costs(count: int = 2000, rounds: int = 5) -> dict[str, float]:
    """CPU µs per transfer, best of ``rounds``: LiteSVM alone, ``Validator.execute`` and
    ``handle_bytes`` (sendTransaction) on an in-process node."""
    validator = start_validator(ValidatorConfig(log=lambda _message: None))
    payers = [Keypair() for _ in range(16)]
    for payer in payers:
        validator.airdrop(payer.pubkey(), 10**12)
    validator.flush()

    def transfers(round_: int, stage: int) -> list[VersionedTransaction]:
        lamports = 10**6 + (round_ * 3 + stage) * count  # no two alike
        return [VersionedTransaction.from_legacy(tx) for tx in
                signed_transfers(payers, validator.latest_blockhash, count, lamports)]

    runtime, execute, rpc = [], [], []
    for round_ in range(rounds):
        runtime.append(_cpu_us_each(transfers(round_, 0), validator.svm.send_transaction))
        execute.append(_cpu_us_each(transfers(round_, 1),
                                    lambda tx: validator.execute(tx, preflight=True)))
        bodies = _send_bodies(transfers(round_, 2))
        rpc.append(_cpu_us_each(bodies,
                                lambda body: handle_bytes(validator, body, flush=False)))
    return {"runtime_us": min(runtime), "execute_us": min(execute),
            "handle_bytes_us": min(rpc)}


async def solana_py_throughput(url: str, concurrency: int, count: int) -> float:
    """Confirmed tx/s with ``concurrency`` tasks on one capped-pool ``AsyncClient``."""
    from ionet.localnet.bench import _throughput

    client = async_client(url, Confirmed, timeout=60)
    try:
        payers = [Keypair() for _ in range(64)]
        for payer in payers:
            await client.request_airdrop(payer.pubkey(), 10**12)
        report = await _throughput(client, payers, count, concurrency, 1)
        return float(report["tx_per_s"])
    finally:
        await client.close()


def scale_report(accounts: int = 100_000, history: int = 10_000, transactions: int = 6000,
                 concurrency: Sequence[int] = (1, 4, 64), solana_py_transactions: int = 2000
                 ) -> dict[str, Any]:
    """All the figures of the module docstring, as one dict."""
    report: dict[str, Any] = {"accounts": accounts, "history": history}
    with tempfile.TemporaryDirectory(prefix="ionet-scale-") as tmp:
        ledger = Path(tmp)
        write_ledger(ledger, accounts, history)
        proc = start_localnet_process(ledger=ledger, extra_args=["--quiet"], timeout=120)
        proc.stop()  # the first start may compact the log; time the next one
        report["restart_s"], proc = restart(ledger)
        try:
            report["restart_cpu_s"] = cpu_seconds(proc.process.pid)
            report["rss_after_restart_mib"] = rss_mib(proc.process.pid)
            report["gpa"] = gpa_timings(proc.rpc_url, accounts, pid=proc.process.pid)
            report["rss_after_gpa_mib"] = rss_mib(proc.process.pid)
        finally:
            proc.stop()
    costs = in_process_costs()
    report["in_process"] = costs
    proc = start_localnet_process(extra_args=["--quiet"])
    try:
        with PipelinedConnection(proc.rpc_url) as conn:
            payers = [Keypair() for _ in range(64)]
            blockhash = _fund(conn, payers)
        txs = signed_transfers(payers, blockhash, transactions * len(concurrency))
        runs = [pipelined_throughput(proc, window, txs[i * transactions:(i + 1) * transactions])
                for i, window in enumerate(concurrency)]
        report["pipelined"] = runs
        server = min(r["server_us_per_tx"] for r in runs)
        report["per_tx_us"] = {
            "runtime": costs["runtime_us"],
            "bookkeeping": costs["execute_us"] - costs["runtime_us"],
            "json_rpc": costs["handle_bytes_us"] - costs["execute_us"],
            "http_and_confirming": server - costs["handle_bytes_us"],
            "server_above_runtime": server - costs["runtime_us"],
        }
        report["solana_py"] = {
            c: asyncio.run(solana_py_throughput(proc.rpc_url, c, solana_py_transactions))
            for c in concurrency}
    finally:
        proc.stop()
    return report


def print_scale_report(report: dict[str, Any]) -> None:
    gpa = report["gpa"]
    print(f"getProgramAccounts over {report['accounts']:,} accounts of one program "
          f"(best of 5, whole answer received):")
    for name, what in (("memcmp_1pct", "memcmp matching 1 %"),
                       ("memcmp_none", "memcmp matching nothing"),
                       ("all_slice0", "all, dataSlice length 0")):
        print(f"  {what:<28} {gpa[name + '_ms']:8.1f} ms "
              f"(node CPU {gpa[name + '_cpu_ms']:.1f} ms)")
    print(f"restart with --ledger ({report['accounts']:,} accounts, {report['history']:,} "
          f"transactions) to the first healthy answer: {report['restart_s']:.2f} s "
          f"(node CPU {report['restart_cpu_s']:.2f} s)")
    print(f"resident memory: {report['rss_after_restart_mib']:.0f} MiB after the restart, "
          f"{report['rss_after_gpa_mib']:.0f} MiB after the queries")
    cost = report["per_tx_us"]
    print(f"server CPU per transfer: runtime {cost['runtime']:.0f} µs; above it "
          f"{cost['server_above_runtime']:.0f} µs (bookkeeping {cost['bookkeeping']:.0f}, "
          f"JSON-RPC {cost['json_rpc']:.0f}, HTTP and confirming "
          f"{cost['http_and_confirming']:.0f})")
    print("confirmed transfers per second (sendTransaction, then getSignatureStatuses):")
    for run in report["pipelined"]:
        print(f"  pipelined keep-alive, {run['window']:>2} in flight: "
              f"{run['tx_per_s']:6.0f} tx/s (node CPU {run['server_us_per_tx']:.0f} µs/tx)")
    for concurrency, tx_per_s in report["solana_py"].items():
        print(f"  solana-py AsyncClient, {concurrency:>2} tasks:     {tx_per_s:6.0f} tx/s")


if __name__ == "__main__":
    print_scale_report(scale_report())
