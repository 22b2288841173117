"""Outages: the cluster unreachable (the coordinator keeps ingesting, retries with
backoff and settles everything once it is back), a node behind what it has already read,
and a transaction whose blockhash
expired before it was sent (found not landed on restart, signed again with a fresh
blockhash) or after it landed (found landed: not sent again)."""

from __future__ import annotations

import asyncio
import json
import signal

import httpx
from coordinator_harness import IO, Scene, record, serving, totals, until
from tcp_proxy import TcpProxy

from ionet.coordinator.bench import free_port
from ionet.coordinator.chain import Chain


async def test_cluster_down_and_back(scene: Scene) -> None:
    proxy = TcpProxy(scene.rpc_url)
    await proxy.start()
    first = [record(e, f"a{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("first", first)
    token = scene.folder / "token"
    token.write_text("t" * 32)
    port = free_port()
    process = scene.start("--http", f"127.0.0.1:{port}", "--auth-token-file", str(token),
                          url=proxy.url)
    await serving(f"http://127.0.0.1:{port}", process)
    settled = scene.settled_records
    await until(lambda: settled() == len(first), "the first records to settle")
    await proxy.stop()
    second = [record(e, f"b{i}", amount=2 * IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("second", second)
    # Ingestion goes on while the cluster is away, spool and HTTP; nothing is settled.
    await until(lambda: not (scene.spool / "second.jsonl").exists(), "ingestion")
    posted = [record(e, f"p{i}", amount=IO // 2) for i, e in enumerate(scene.escrows)]
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"http://127.0.0.1:{port}/v1/usage", json=posted,
                                   headers={"authorization": f"Bearer {'t' * 32}"})
    assert answer.status_code == 202, answer.text
    await asyncio.sleep(1.5)
    assert settled() == len(first)
    assert process.poll() is None
    await proxy.start()
    await until(lambda: settled() == len(first) + len(second) + len(posted), "the settlement")
    assert process.poll() is None
    # Down again, and SIGTERM meanwhile: it stops at once, the records stay journaled.
    await proxy.stop()
    third = [record(e, f"c{i}", amount=3 * IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("third", third)
    await until(lambda: not (scene.spool / "third.jsonl").exists(), "ingestion")
    process.send_signal(signal.SIGTERM)
    _out, err = await asyncio.to_thread(process.communicate, timeout=15)
    assert process.returncode == 0, err
    assert "retrying" in err  # the outage was seen, and retried
    assert scene.status()["totals"]["records"] == 4 * len(first)
    await proxy.start()
    # (in a thread: the proxy runs in this event loop)
    done = await asyncio.to_thread(scene.run, "run", "--until-idle", url=proxy.url)
    assert done.returncode == 0, done.stderr
    expected = totals(first + second + posted + third)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    await proxy.stop()


async def test_expired_blockhash_is_signed_again_only_if_it_did_not_land(scene: Scene) -> None:
    records = [record(e, f"r{i}", amount=IO) for i, e in enumerate(scene.escrows)]
    scene.write_spool("a", records[:3])
    # Journaled, never sent: then its blockhash expires.
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "journaled"})
    assert done.returncode == -signal.SIGKILL
    [(unsent,)] = scene.rows("SELECT signature FROM transactions")
    await scene.env.cluster.advance_time(0, slots=160)
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    reconciled = [json.loads(line)["msg"] for line in done.stderr.splitlines()
                  if "reconciled on start" in line]
    assert len(reconciled) == 1 and unsent in reconciled[0] and "'expired': ['" in \
        reconciled[0]
    states = dict(scene.rows("SELECT signature, state FROM transactions"))
    assert states.pop(unsent) == "expired"
    assert set(states.values()) == {"landed"}
    # Sent and landed, the answer lost: after expiry it is found landed, not sent again.
    scene.write_spool("b", records[3:])
    done = scene.run("run", "--until-idle", env={"IONET_COORDINATOR_KILL_AT": "sent"})
    assert done.returncode == -signal.SIGKILL
    [(landed_unknown,)] = scene.rows("SELECT signature FROM transactions "
                                               "WHERE state = 'pending'")
    await scene.env.cluster.advance_time(0, slots=160)
    done = scene.run("run", "--until-idle")
    assert done.returncode == 0, done.stderr
    assert dict(scene.rows("SELECT signature, state FROM transactions"))[
        landed_unknown] == "landed"
    expected = totals(records)
    assert await scene.settled() == {e.address: expected[e.address] for e in scene.escrows}
    assert await scene.paid() == scene.by_supplier(expected)


class _LaggingNode(httpx.AsyncBaseTransport):
    """The real localnet, except that while ``behind_at`` is set, getMultipleAccounts is
    answered as a node stuck at that slot answers it: its old state (here, no accounts),
    or -32016 for a ``minContextSlot`` past it."""

    def __init__(self, url: str) -> None:
        self.url, self.upstream = url, httpx.AsyncClient()
        self.behind_at: int | None = None
        self.refused = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        doc = json.loads(await request.aread())
        if self.behind_at is None or doc["method"] != "getMultipleAccounts":
            answer = await self.upstream.post(self.url, json=doc)
            return httpx.Response(answer.status_code, content=answer.content)
        wanted = doc["params"][1].get("minContextSlot", 0)
        if wanted > self.behind_at:
            self.refused += 1
            return httpx.Response(200, json={"jsonrpc": "2.0", "id": doc["id"], "error": {
                "code": -32016, "message": "Minimum context slot has not been reached",
                "data": {"contextSlot": self.behind_at}}})
        return httpx.Response(200, json={"jsonrpc": "2.0", "id": doc["id"], "result": {
            "context": {"slot": self.behind_at}, "value": [None] * len(doc["params"][0])}})


async def test_a_node_behind_the_last_answer_cannot_report_an_escrow_gone(
        scene: Scene) -> None:
    """After a failover to a node that is behind, the escrow the coordinator has seen open
    is still read as open (the read waits for a node that has caught up), not as gone: a
    gone escrow's unsettled records fail for good."""
    chain = Chain(scene.rpc_url, max_backoff=0.2)
    node = _LaggingNode(scene.rpc_url)
    chain.http = httpx.AsyncClient(transport=node)
    escrow = scene.escrows[0].address
    try:
        assert escrow in await chain.accounts([escrow])
        node.behind_at = chain.newest_slot - 5

        async def catch_up() -> None:
            await asyncio.sleep(1.0)
            node.behind_at = None

        caught_up = asyncio.ensure_future(catch_up())
        assert escrow in await chain.accounts([escrow])
        await caught_up
        assert node.refused >= 3, node.refused
    finally:
        await chain.close()
        await node.upstream.aclose()
