"""The PostgreSQL journal lost while the coordinator ingests and settles: its backend
terminated again and again (``pg_terminate_backend``), then the server shut down and
started again. The process keeps running, ``POST /v1/usage`` answers 503 while the
journal is away (the client sends the batch again) and 202 once it is back, spool files
wait in the spool, and every escrow's on-chain settled amount equals its records' sum."""

from __future__ import annotations

import asyncio
import random
import signal
import subprocess
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

import httpx
import psycopg
from coordinator_harness import IO, Scene, record, serving, totals, until
from postgres_server import PORT, PostgresServer
from tcp_proxy import TcpProxy

from ionet.coordinator.bench import free_port
from ionet.coordinator.journal_postgres import PROBE_TIMEOUT, STATEMENT_DEADLINE

TOKEN = "t" * 32
TERMINATE = """SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()"""


def _terminate_backends(journal: str) -> int:
    with psycopg.connect(journal, autocommit=True) as conn:
        row = conn.execute(TERMINATE).fetchone()
    return int(row[0]) if row else 0


async def _post(client: httpx.AsyncClient, batch: list[dict[str, Any]]) -> int:
    answer = await client.post("/v1/usage", json=batch,
                               headers={"authorization": f"Bearer {TOKEN}"})
    assert answer.status_code in (202, 503), answer.text
    return answer.status_code


async def _post_until_accepted(client: httpx.AsyncClient, batch: list[dict[str, Any]],
                               timeout: float = 20) -> int:
    """Sends ``batch`` until it is accepted, as a client must; returns the 503s seen."""
    refused = 0
    deadline = time.monotonic() + timeout
    while await _post(client, batch) == 503:
        refused += 1
        assert time.monotonic() < deadline, "the journal did not come back"
        await asyncio.sleep(0.2)
    return refused


async def _serve(scene: Scene, journal: str) -> tuple[subprocess.Popen[str], str]:
    """The coordinator (worker w1) over ``journal``, with its HTTP intake up: the process
    and the intake's base URL."""
    scene.folder.joinpath("token").write_text(TOKEN)
    port = free_port()
    process = scene.start("--http", f"127.0.0.1:{port}", "--auth-token-file",
                          str(scene.folder / "token"), "--worker", "w1", journal=journal)
    base = f"http://127.0.0.1:{port}"
    await serving(base, process)
    return process, base


async def _settled_and_stopped(scene: Scene, process: subprocess.Popen[str], journal: str,
                               sent: list[dict[str, Any]]) -> str:
    """Waits until every record sent is settled, stops the coordinator (SIGTERM, exit 0),
    checks the on-chain totals against the records' sums; returns its log."""

    def all_settled() -> bool:
        assert process.poll() is None, process.communicate()
        return scene.settled_records(journal) == len(sent)

    await until(all_settled, "every record to settle", timeout=40)
    process.send_signal(signal.SIGTERM)
    _out, err = await asyncio.to_thread(process.communicate, timeout=20)
    assert process.returncode == 0, err
    assert "journal reconnected" in err and "Traceback" not in err, err
    expected = totals(sent)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)
    return err


async def test_journal_lost_and_back(scene: Scene, postgres: PostgresServer) -> None:
    rng = random.Random(7)
    journal = postgres.new_database()
    process, base = await _serve(scene, journal)
    sent: list[dict[str, Any]] = []
    terminated = 0
    async with httpx.AsyncClient(base_url=base) as client:
        # Backends terminated while records stream in and settlements go out.
        for wave in range(12):
            spooled = [record(e, f"s{wave}-{i}", amount=rng.randint(1, IO))
                       for i, e in enumerate(scene.escrows)]
            posted = [record(e, f"h{wave}-{i}", amount=rng.randint(1, IO))
                      for i, e in enumerate(scene.escrows)]
            scene.write_spool(f"wave{wave}", spooled)
            await _post_until_accepted(client, posted)
            sent += spooled + posted
            await asyncio.sleep(rng.uniform(0.05, 0.3))
            if wave % 2:
                terminated += await asyncio.to_thread(_terminate_backends, journal)
        assert terminated >= 6
        # The server down: HTTP is refused with a reason, the spool waits.
        scene.write_spool("before", [record(e, f"b{i}", amount=IO)
                                     for i, e in enumerate(scene.escrows)])
        await asyncio.to_thread(postgres.shut_down)
        down = [record(e, f"d{i}", amount=IO) for i, e in enumerate(scene.escrows)]
        answer = await client.post("/v1/usage", json=down,
                                   headers={"authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 503, answer.text
        assert "unreachable" in answer.json()["error"]
        assert answer.headers["retry-after"] == "1"
        scene.write_spool("while_down", [record(e, f"w{i}", amount=IO)
                                         for i, e in enumerate(scene.escrows)])
        await asyncio.sleep(1.0)
        assert (scene.spool / "while_down.jsonl").exists()
        assert process.poll() is None
        await asyncio.to_thread(postgres.serve)
        await _post_until_accepted(client, down)
        sent += down + [record(e, f"b{i}", amount=IO) for i, e in enumerate(scene.escrows)]
        sent += [record(e, f"w{i}", amount=IO) for i, e in enumerate(scene.escrows)]

    err = await _settled_and_stopped(scene, process, journal, sent)
    assert err.count("journal connection lost") >= 2, err
    assert scene.rows("SELECT COUNT(*) FROM records", journal) == [(len(sent),)]


async def _journal_host_away(scene: Scene, postgres: PostgresServer,
                             take_away: Callable[[TcpProxy], None], seconds: float,
                             longest_wait: float) -> None:
    """The journal reached through a relay that `take_away` makes stop answering for
    `seconds`: every POST meanwhile is answered within `longest_wait` (503 while the
    journal is away, 202 once it is back), and nothing is lost."""
    direct = postgres.new_database()  # the test's own queries: not through the relay,
    database = urlparse(direct).path.lstrip("/")  # which runs in the test's event loop
    proxy = TcpProxy(unix_socket=postgres.socket_dir / f".s.PGSQL.{PORT}")
    await proxy.start()
    journal = f"postgresql://postgres@127.0.0.1:{proxy.port}/{database}"
    process, base = await _serve(scene, journal)
    sent = [record(e, f"before{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await _post_until_accepted(client, sent)
        take_away(proxy)
        refused, slowest = 0, 0.0
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            batch = [record(e, f"away{refused}-{i}", amount=IO)
                     for i, e in enumerate(scene.escrows)]
            asked = time.monotonic()
            status = await _post(client, batch)
            slowest = max(slowest, time.monotonic() - asked)
            if status == 202:
                sent += batch
            else:
                refused += 1
            await asyncio.sleep(0.2)
        assert refused >= 10, refused
        assert slowest < longest_wait, f"a POST waited {slowest:.1f} s for the journal"
        proxy.answer()
        back = [record(e, f"back{i}", amount=IO) for i, e in enumerate(scene.escrows)]
        await _post_until_accepted(client, back, timeout=30)
        sent += back

    await _settled_and_stopped(scene, process, direct, sent)
    await proxy.stop()


async def test_a_silent_journal_host_does_not_stall_the_service(
        scene: Scene, postgres: PostgresServer) -> None:
    """The journal's host stops answering (a connection there waits out its 5 s connect
    timeout): the coordinator reconnects in the background, so every POST is answered at
    once."""
    await _journal_host_away(scene, postgres, TcpProxy.silence, seconds=7, longest_wait=1.5)


async def test_a_journal_host_silent_mid_statement_is_given_up_on(
        scene: Scene, postgres: PostgresServer) -> None:
    """The journal's host stops answering with statements on the wire (the connection
    stays open, nothing comes back; TCP alone would wait many minutes): after
    STATEMENT_DEADLINE the server is asked, on a new connection, whether it is running the
    statement; it does not answer, so the connection is counted lost, and the coordinator
    answers and reconnects as above."""
    await _journal_host_away(scene, postgres, TcpProxy.stall,
                             seconds=STATEMENT_DEADLINE + PROBE_TIMEOUT + 7,
                             longest_wait=STATEMENT_DEADLINE + PROBE_TIMEOUT + 1.5)
