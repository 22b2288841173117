"""JSON-RPC 2.0 framing, error objects, HTTP details and concurrent clients."""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair
from solders.rpc.requests import GetBalance, GetSlot, GetVersion
from solders.rpc.responses import GetBalanceResp, GetSlotResp, GetVersionResp
from solders.system_program import TransferParams, transfer

from ionet.testing import LocalnetProcess, TestCluster, connect_http


async def _post(http: httpx.AsyncClient, body: bytes | str) -> httpx.Response:
    return await http.post("/", content=body, headers={"content-type": "application/json"})


async def test_error_objects(http: httpx.AsyncClient) -> None:
    cases = [
        (b"{not json", -32700),
        (b"[]", -32600),
        (b"42", -32600),
        (json.dumps({"id": 1, "method": "getSlot"}), -32600),  # no "jsonrpc": "2.0"
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": 5}), -32600),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "noSuchMethod"}), -32601),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getBalance"}), -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getBalance", "params": ["xyz"]}),
         -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getBalance", "params": {"a": 1}}),
         -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getSlot",
                     "params": [{"commitment": "bogus"}]}), -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getSignatureStatuses",
                     "params": [["x"] * 257]}), -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "requestAirdrop",
                     "params": [str(Keypair().pubkey()), -5]}), -32602),
        (json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getSlot",
                     "params": [{"minContextSlot": 10**12}]}), -32016),
    ]
    for body, code in cases:
        response = await _post(http, body)
        assert response.status_code == 200
        doc = response.json()
        assert doc["jsonrpc"] == "2.0", body
        assert doc["error"]["code"] == code, (body, doc)
        assert isinstance(doc["error"]["message"], str)
        assert "result" not in doc


async def test_batches(http: httpx.AsyncClient) -> None:
    batch = [
        {"jsonrpc": "2.0", "id": 1, "method": "getSlot"},
        {"jsonrpc": "2.0", "id": "two", "method": "nope"},
        {"jsonrpc": "2.0", "method": "getSlot"},  # a notification: no answer
        7,
        {"jsonrpc": "2.0", "id": 3, "method": "getHealth"},
    ]
    doc = (await _post(http, json.dumps(batch))).json()
    assert [a["id"] for a in doc] == [1, "two", None, 3]
    assert isinstance(doc[0]["result"], int)
    assert doc[1]["error"]["code"] == -32601
    assert doc[2]["error"]["code"] == -32600
    assert doc[3]["result"] == "ok"
    # Only notifications: nothing to answer.
    response = await _post(http, json.dumps([{"jsonrpc": "2.0", "method": "getSlot"}]))
    assert response.status_code == 200 and response.content == b""


async def test_solana_py_batch(client: AsyncClient, funded: Keypair) -> None:
    provider = client._provider
    answers = await provider.make_batch_request(
        (GetSlot(), GetBalance(funded.pubkey()), GetVersion()),
        (GetSlotResp, GetBalanceResp, GetVersionResp))
    assert answers[0].value > 0
    assert answers[1].value == 100 * 10**9
    assert answers[2].value.solana_core


async def test_http_details(server: LocalnetProcess, http: httpx.AsyncClient) -> None:
    response = await http.get("/health")
    assert response.status_code == 200 and response.text == "ok"
    assert (await http.get("/")).status_code == 405
    options = await http.options("/")
    assert options.headers["access-control-allow-origin"] == "*"
    # Chunked body, Expect: 100-continue, pipelining and Connection: close on one socket.
    port = int(server.rpc_url.rsplit(":", 1)[1])
    body = json.dumps({"jsonrpc": "2.0", "id": 9, "method": "getHealth"}).encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    requests = (
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
        + b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        + b"POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: %d\r\n\r\n"
        % len(body) + body
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(requests)
    await writer.drain()
    data = await asyncio.wait_for(reader.read(), 5)  # the server closes after the third
    writer.close()
    assert data.count(b"HTTP/1.1 200 OK") == 3
    assert data.count(b'"result":"ok"') == 3
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(body))
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(body)
        assert b'"result":"ok"' in s.recv(1000)


async def test_concurrent_clients(cluster: TestCluster, server: LocalnetProcess) -> None:
    """Twenty clients, each with its own connection, sending and reading at once."""
    payers = [await cluster.new_funded_keypair(10**9) for _ in range(20)]

    async def worker(payer: Keypair) -> int:
        c = connect_http(server.rpc_url, payer)
        try:
            sink = Keypair().pubkey()
            for i in range(5):
                await c.send([transfer(TransferParams(from_pubkey=payer.pubkey(),
                                                      to_pubkey=sink, lamports=10**6 + i))])
            return await c.balance(sink)
        finally:
            await c.close()

    balances = await asyncio.gather(*(worker(p) for p in payers))
    assert balances == [5 * 10**6 + 10] * 20
