"""The coordinator's numbers, for ``make bench``.

* :func:`measure_ingestion`: records per second journaled from the spool and over HTTP
  (``POST /v1/usage`` through uvicorn on loopback, several clients at once), into a fresh
  SQLite journal; no cluster needed.
* :func:`measure_settlement`: end to end on a cluster (``ionet localnet``), with escrows
  the caller opened for ``coordinator``'s io_escrow deployment: waves of one record per
  escrow go into the spool of a coordinator running in this process; escrow settlements
  per second from the first record to the last settlement, and the lag from a record's
  arrival to its settlement (p50, p99).
* :func:`measure`: both, as one :class:`BenchResult`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import uvicorn
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.coordinator.http import make_app
from ionet.coordinator.journal import open_journal
from ionet.coordinator.metrics import Metrics
from ionet.coordinator.service import Coordinator, CoordinatorConfig
from ionet.coordinator.spool import Spool
from ionet.escrow import escrow_address

__all__ = ["BenchResult", "free_port", "measure", "measure_ingestion", "measure_settlement"]

_SECRET = b"bench-secret-bench-secret"


@dataclass(frozen=True)
class BenchResult:
    spool_records_per_second: float | None = None
    http_records_per_second: float | None = None
    escrows_settled_per_second: float | None = None
    lag_p50_seconds: float | None = None
    lag_p99_seconds: float | None = None
    settlements: int = 0

    def to_json(self) -> dict[str, float | int | None]:
        return asdict(self)


def _lines(prefix: str, escrows: Sequence[Pubkey], count: int, amount: int = 1) -> str:
    return "".join(json.dumps({"report_id": f"{prefix}-{i}", "escrow": str(escrows[i % len(
        escrows)]), "amount": amount}) + "\n" for i in range(count))


def free_port() -> int:
    """A loopback TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _spool_rate(folder: Path, records: int, per_file: int) -> float:
    journal = open_journal(f"sqlite:///{folder / 'spool.db'}")
    spool_dir = folder / "spool"
    spool_dir.mkdir()
    escrows = [Pubkey.new_unique() for _ in range(64)]
    for n in range(0, records, per_file):
        (spool_dir / f"{n}.jsonl").write_text(_lines(f"s{n}", escrows, per_file))
    spool = Spool(spool_dir, journal, Metrics(), escrow_address)
    started = time.perf_counter()
    added = spool.scan()
    elapsed = time.perf_counter() - started
    journal.close()
    return added / elapsed


async def _http_rate(folder: Path, records: int, per_request: int, clients: int) -> float:
    journal = open_journal(f"sqlite:///{folder / 'http.db'}")
    port = free_port()
    app = make_app(journal, Metrics(), _SECRET, escrow_address)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False,
                                           lifespan="off"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    escrows = [Pubkey.new_unique() for _ in range(64)]
    bodies = [json.dumps([json.loads(line) for line in _lines(f"h{n}", escrows, per_request)
                          .splitlines()]).encode() for n in range(0, records, per_request)]
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    headers = {"authorization": f"Bearer {_SECRET.decode()}"}

    async def client() -> None:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as c:
            while not queue.empty():
                answer = await c.post("/v1/usage", content=queue.get_nowait(), headers=headers)
                answer.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    server.should_exit = True
    await serving
    journal.close()
    return per_request * len(bodies) / elapsed


async def measure_ingestion(records: int = 20_000, *, per_file: int = 500,
                            per_request: int = 100, clients: int = 4) -> BenchResult:
    with tempfile.TemporaryDirectory(prefix="ionet-coordinator-bench-") as tmp:
        spool = _spool_rate(Path(tmp), records, per_file)
        http = await _http_rate(Path(tmp), records, per_request, clients)
    return BenchResult(spool_records_per_second=spool, http_records_per_second=http)


def _percentile(values: Sequence[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def measure_settlement(url: str, coordinator: Keypair, program_id: Pubkey,
                             escrows: Sequence[Pubkey], *, waves: int = 5,
                             interval: float = 0.2, amount: int = 1) -> BenchResult:
    """``escrows`` must be open on ``program_id`` with ``coordinator`` as its coordinator
    and room for ``waves * amount`` within their rate bound."""
    with tempfile.TemporaryDirectory(prefix="ionet-coordinator-bench-") as tmp:
        folder = Path(tmp)
        journal = open_journal(f"sqlite:///{folder / 'journal.db'}")
        spool = folder / "spool"
        spool.mkdir()
        config = CoordinatorConfig(url=url, coordinator=coordinator, program_id=program_id,
                                   spool=spool, priority_fee=0, poll_seconds=0.02,
                                   max_batch=255)
        service = Coordinator(config, journal)
        started = time.perf_counter()
        running = asyncio.create_task(service.run())
        for wave in range(waves):
            tmp_file = spool / f"w{wave}.tmp"
            tmp_file.write_text(_lines(f"w{wave}", escrows, len(escrows), amount))
            tmp_file.rename(tmp_file.with_suffix(".jsonl"))
            await asyncio.sleep(interval)
        config.until_idle = True  # all records are in: stop once they are settled
        await running
        elapsed = time.perf_counter() - started
        lags = sorted(journal.lags())
        [(settlements,)] = journal.rows(
            "SELECT COUNT(*) FROM settlements s JOIN transactions t ON t.id = s.tx_id "
            "WHERE t.state = 'landed'")
        journal.close()
    return BenchResult(escrows_settled_per_second=int(settlements) / elapsed,
                       lag_p50_seconds=_percentile(lags, 50),
                       lag_p99_seconds=_percentile(lags, 99), settlements=int(settlements))


async def measure(url: str, coordinator: Keypair, program_id: Pubkey,
                  escrows: Sequence[Pubkey], *, records: int = 20_000,
                  waves: int = 5) -> BenchResult:
    """:func:`measure_ingestion` and :func:`measure_settlement` in one result."""
    ingestion = await measure_ingestion(records)
    settlement = await measure_settlement(url, coordinator, program_id, escrows, waves=waves)
    return BenchResult(ingestion.spool_records_per_second, ingestion.http_records_per_second,
                       settlement.escrows_settled_per_second, settlement.lag_p50_seconds,
                       settlement.lag_p99_seconds, settlement.settlements)
