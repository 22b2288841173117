"""Benchmark ``ionet localnet`` over loopback: ``python -m ionet.localnet.bench``.

Starts the server in a subprocess (start-up time = launch to first healthy answer), then
drives it with solana-py's ``AsyncClient``: sustained throughput of signed system transfers
sent with ``sendTransaction`` (preflight on) and confirmed with ``getSignatureStatuses``,
and the latency of single calls. Transactions are signed before the clock starts, so the
numbers are the node's and the transport's, not the client's signing.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import TxOpts
from solders.commitment_config import CommitmentLevel
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcSendTransactionConfig
from solders.rpc.requests import SendRawTransaction
from solders.rpc.responses import SendTransactionResp
from solders.signature import Signature
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from ionet.testing import start_localnet_process

_SEND_OPTS = TxOpts(skip_confirmation=True, skip_preflight=False, preflight_commitment=Confirmed)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50_ms": pick(0.5), "p90_ms": pick(0.9), "p99_ms": pick(0.99),
            "mean_ms": statistics.fmean(ordered) * 1000}


async def _startup(runs: int, anchor_toml: Path | None) -> dict[str, float]:
    """Launch to first healthy answer, deploying the Anchor.toml programs (if given)."""
    times = []
    programs = ["--anchor-toml", str(anchor_toml)] if anchor_toml else ["--no-programs"]
    wallet = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    wallet.write(json.dumps(list(bytes(Keypair()))))
    wallet.close()
    for _ in range(runs):
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "ionet.localnet", "--rpc-port", "0",
                                 "--print-endpoints", "--quiet", "--wallet", wallet.name,
                                 *programs], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = json.loads(line.split(" ", 1)[1])["rpc"]
        async with httpx.AsyncClient() as http:
            while True:
                try:
                    r = await http.post(url, json={"jsonrpc": "2.0", "id": 1,
                                                   "method": "getHealth"})
                    if r.json().get("result") == "ok":
                        break
                except httpx.HTTPError:
                    await asyncio.sleep(0.01)
        times.append(time.monotonic() - started)
        proc.terminate()
        proc.wait()
    Path(wallet.name).unlink()
    return {"min_s": min(times), "median_s": statistics.median(times), "max_s": max(times),
            "programs": anchor_toml is not None}


def _signed_transfers(payers: list[Keypair], blockhash: Hash, count: int) -> list[bytes]:
    sink = Pubkey.new_unique()
    out = []
    for i in range(count):
        payer = payers[i % len(payers)]
        ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=sink,
                                     lamports=1000 + i))
        message = Message.new_with_blockhash([ix], payer.pubkey(), blockhash)
        out.append(bytes(Transaction([payer], message, blockhash)))
    return out


async def _throughput(client: AsyncClient, payers: list[Keypair], count: int,
                      concurrency: int, batch: int) -> dict[str, float]:
    """``batch`` = 1: one ``send_raw_transaction`` per transaction; more: JSON-RPC batches
    of that many ``sendTransaction`` requests through solana-py's provider."""
    blockhash = (await client.get_latest_blockhash()).value.blockhash
    txs = _signed_transfers(payers, blockhash, count)
    queue = list(reversed(txs))
    pending: list[Signature] = []
    confirmed = 0
    send_latency: list[float] = []
    config = RpcSendTransactionConfig(preflight_commitment=CommitmentLevel.Confirmed)

    async def sender() -> None:
        while queue:
            if batch == 1:
                raw = queue.pop()
                t = time.perf_counter()
                sig = (await client.send_raw_transaction(raw, opts=_SEND_OPTS)).value
                send_latency.append(time.perf_counter() - t)
                pending.append(sig)
                continue
            chunk = [queue.pop() for _ in range(min(batch, len(queue)))]
            bodies = tuple(SendRawTransaction(raw, config) for raw in chunk)
            t = time.perf_counter()
            answers = await client._provider.make_batch_request(
                bodies, tuple(SendTransactionResp for _ in bodies))  # type: ignore[arg-type]
            send_latency.append(time.perf_counter() - t)
            pending.extend(a.value for a in answers if isinstance(a, SendTransactionResp))

    async def confirmer(done: asyncio.Event) -> None:
        """Polls getSignatureStatuses with up to 256 signatures, every 20 ms at most."""
        nonlocal confirmed
        while not (done.is_set() and not pending):
            if len(pending) < 256 and not done.is_set():
                await asyncio.sleep(0.02)
            if not pending:
                continue
            batch = pending[:256]
            del pending[:256]
            statuses = (await client.get_signature_statuses(batch)).value
            for sig, status in zip(batch, statuses, strict=True):
                if status is not None and status.err is None:
                    confirmed += 1
                else:
                    pending.append(sig)

    started = time.perf_counter()
    done = asyncio.Event()
    confirm_task = asyncio.create_task(confirmer(done))
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    done.set()
    await confirm_task
    elapsed = time.perf_counter() - started
    return {"transactions": count, "seconds": elapsed, "tx_per_s": confirmed / elapsed,
            "concurrency": concurrency, "batch": batch, **{f"send_{k}": v for k, v in
                                           _percentiles(send_latency).items()}}


def _process_worker(rpc_url: str, count: int, concurrency: int, start_at: float,
                    results: Any) -> None:
    """One client process: its own payers and AsyncClient; single requests."""

    async def go() -> None:
        client = AsyncClient(rpc_url, commitment=Confirmed, timeout=60)
        payers = [Keypair() for _ in range(16)]
        for payer in payers:
            await client.request_airdrop(payer.pubkey(), 10**12)
        await asyncio.sleep(max(0.0, start_at - time.time()))
        report = await _throughput(client, payers, count, concurrency, 1)
        await client.close()
        results.put((report["tx_per_s"] * report["seconds"], report["seconds"]))

    asyncio.run(go())


def _multi_process(rpc_url: str, processes: int, count: int, concurrency: int
                   ) -> dict[str, float]:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    start_at = time.time() + 4.0  # time for every worker to start and sign
    workers = [ctx.Process(target=_process_worker,
                           args=(rpc_url, count // processes, concurrency, start_at, results))
               for _ in range(processes)]
    for w in workers:
        w.start()
    done = [results.get(timeout=600) for _ in workers]
    for w in workers:
        w.join()
    confirmed = sum(c for c, _ in done)
    elapsed = max(t for _, t in done)
    return {"processes": processes, "concurrency": concurrency, "transactions": confirmed,
            "seconds": elapsed, "tx_per_s": confirmed / elapsed}


def _raw_latency(rpc_url: str, bodies: list[bytes]) -> dict[str, float]:
    """Sequential keep-alive HTTP/1.1 requests on one socket: the node's own latency."""
    import socket

    host, port = rpc_url.split("//", 1)[1].rsplit(":", 1)
    samples = []
    with socket.create_connection((host, int(port))) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for body in bodies:
            request = (b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                       b"\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
            t = time.perf_counter()
            sock.sendall(request)
            data = b""
            while True:
                data += sock.recv(65536)
                head, sep, rest = data.partition(b"\r\n\r\n")
                if sep:
                    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                    if len(rest) >= length:
                        break
            samples.append(time.perf_counter() - t)
    return _percentiles(samples)


def _rpc_body(method: str, *params: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": 1, "method": method,
                       "params": list(params)}).encode()


async def _latency(name: str, call: Callable[[], Awaitable[Any]], n: int
                   ) -> tuple[str, dict[str, float]]:
    samples = []
    for _ in range(n):
        t = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - t)
    return name, _percentiles(samples)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from ionet.localnet.cli import find_anchor_toml

    anchor_toml = args.anchor_toml or find_anchor_toml(Path.cwd())
    report: dict[str, Any] = {"startup": await _startup(args.startup_runs, anchor_toml)}
    ledger = tempfile.TemporaryDirectory(prefix="ionet-bench-") if args.ledger else None
    sync = ["--ledger-sync", args.ledger_sync] if ledger else []
    proc = start_localnet_process(extra_args=["--quiet", *sync],
                                  ledger=Path(ledger.name) if ledger else None)
    report["ledger"] = args.ledger_sync if ledger else None
    try:
        client = AsyncClient(proc.rpc_url, commitment=Confirmed, timeout=60)
        payers = [Keypair() for _ in range(args.payers)]
        for payer in payers:
            await client.request_airdrop(payer.pubkey(), 10**12)
        wallet = proc.wallet.pubkey()
        blockhash = (await client.get_latest_blockhash()).value.blockhash
        one = _signed_transfers(payers[:1], blockhash, args.latency_calls)
        it = iter(one)
        latencies = dict([
            await _latency("getHealth", lambda: client.is_connected(), args.latency_calls),
            await _latency("getLatestBlockhash", lambda: client.get_latest_blockhash(),
                           args.latency_calls),
            await _latency("getBalance", lambda: client.get_balance(wallet), args.latency_calls),
            await _latency("getAccountInfo", lambda: client.get_account_info(wallet),
                           args.latency_calls),
            await _latency("sendTransaction",
                           lambda: client.send_raw_transaction(next(it), opts=_SEND_OPTS),
                           args.latency_calls),
        ])
        report["latency"] = latencies
        n = args.latency_calls
        fresh = _signed_transfers(payers[1:2], blockhash, n)
        report["raw_latency"] = {
            "getHealth": _raw_latency(proc.rpc_url, [_rpc_body("getHealth")] * n),
            "getBalance": _raw_latency(proc.rpc_url, [_rpc_body("getBalance", str(wallet))] * n),
            "getAccountInfo": _raw_latency(proc.rpc_url, [_rpc_body(
                "getAccountInfo", str(wallet), {"encoding": "base64"})] * n),
            "sendTransaction": _raw_latency(proc.rpc_url, [_rpc_body(
                "sendTransaction", base64.b64encode(raw).decode(), {"encoding": "base64"})
                for raw in fresh]),
        }
        runs = []
        for concurrency in args.concurrency:
            runs.append(await _throughput(client, payers, args.transactions, concurrency, 1))
        for batch in args.batch:
            runs.append(await _throughput(client, payers, args.transactions, 2, batch))
        report["throughput"] = runs
        await client.close()
        report["processes"] = [
            _multi_process(proc.rpc_url, n, args.transactions, args.process_concurrency)
            for n in args.processes]
    finally:
        proc.stop()
        if ledger is not None:
            ledger.cleanup()
    return report


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The options of ``python -m ionet.localnet.bench`` (``argv``; None: the command line)."""
    parser = argparse.ArgumentParser(prog="python -m ionet.localnet.bench", description=__doc__)
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--payers", type=int, default=64)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16],
                        help="in-flight single requests (one run each)")
    parser.add_argument("--batch", type=int, nargs="*", default=[16, 64],
                        help="transactions per JSON-RPC batch request (one run each, "
                        "2 batches in flight)")
    parser.add_argument("--processes", type=int, nargs="*", default=[2],
                        help="client processes sending single requests (one run each)")
    parser.add_argument("--process-concurrency", type=int, default=4,
                        help="in-flight requests per client process")
    parser.add_argument("--ledger", action="store_true",
                        help="run the node with --ledger (a temporary directory)")
    parser.add_argument("--ledger-sync", choices=["fsync", "write"], default="fsync",
                        help="the node's --ledger-sync (with --ledger)")
    parser.add_argument("--latency-calls", type=int, default=300)
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--anchor-toml", type=Path, default=None,
                        help="programs deployed in the start-up runs (default: the nearest "
                        "Anchor.toml)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    report = asyncio.run(run(args))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    s = report["startup"]
    what = "with the Anchor.toml programs deployed" if s["programs"] else "no programs"
    print(f"start-up to first healthy answer ({what}): median {s['median_s']:.3f} s "
          f"(min {s['min_s']:.3f}, max {s['max_s']:.3f})")
    print("latency per call (sequential, solana-py AsyncClient):")
    for name, p in report["latency"].items():
        print(f"  {name:<20} p50 {p['p50_ms']:.3f} ms  p90 {p['p90_ms']:.3f} ms  "
              f"p99 {p['p99_ms']:.3f} ms")
    print("latency per call (sequential, raw keep-alive socket: the node + loopback):")
    for name, p in report["raw_latency"].items():
        print(f"  {name:<20} p50 {p['p50_ms']:.3f} ms  p90 {p['p90_ms']:.3f} ms  "
              f"p99 {p['p99_ms']:.3f} ms")
    print("sustained sendTransaction + getSignatureStatuses confirmation (solana-py):")
    for r in report["throughput"]:
        print(f"  batch {r['batch']:>3} x concurrency {r['concurrency']:>3}: "
              f"{r['tx_per_s']:.0f} tx/s "
              f"({r['transactions']} tx in {r['seconds']:.2f} s; request p50 "
              f"{r['send_p50_ms']:.2f} ms, p99 {r['send_p99_ms']:.2f} ms)")
    for r in report["processes"]:
        print(f"  {r['processes']} client processes x concurrency {r['concurrency']}, single "
              f"requests: {r['tx_per_s']:.0f} tx/s ({r['transactions']:.0f} tx in "
              f"{r['seconds']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
