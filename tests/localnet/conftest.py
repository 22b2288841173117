"""Fixtures of the protocol tests: one ``ionet localnet`` subprocess for the session,
reached over loopback by solana-py's clients and by raw JSON-RPC."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair

from ionet.testing import LocalnetProcess, TestCluster, start_localnet_process

Rpc = Callable[..., Awaitable[Any]]


@pytest.fixture(scope="session")
def server() -> Iterator[LocalnetProcess]:
    process = start_localnet_process(extra_args=["--quiet"])
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def cluster(server: LocalnetProcess) -> AsyncIterator[TestCluster]:
    """The protocol tests always talk to a real server (whatever IONET_TEST_BACKEND says)."""
    c = server.connect()
    try:
        yield c
    finally:
        await c.close()


@pytest.fixture
def client(cluster: TestCluster) -> AsyncClient:
    return cluster.client


@pytest.fixture
async def http(server: LocalnetProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.rpc_url, timeout=30) as c:
        yield c


@pytest.fixture
def raw(http: httpx.AsyncClient) -> Rpc:
    """``await raw(method, *params)`` -> the whole JSON-RPC response object."""

    async def call(method: str, *params: Any) -> Any:
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}
        response = await http.post("/", json=body)
        assert response.status_code == 200
        return response.json()

    return call


@pytest.fixture
def rpc(raw: Rpc) -> Rpc:
    """``await rpc(method, *params)`` -> ``result`` (fails the test on an error object)."""

    async def call(method: str, *params: Any) -> Any:
        doc = await raw(method, *params)
        assert "error" not in doc, doc
        return doc["result"]

    return call


@pytest.fixture
async def funded(client: AsyncClient) -> Keypair:
    keypair = Keypair()
    await client.request_airdrop(keypair.pubkey(), 100 * 10**9)
    return keypair
