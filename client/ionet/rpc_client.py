"""solana-py's ``AsyncClient`` with a capped connection pool, for all our own clients.

solana-py gives each ``AsyncClient`` an httpx pool of up to 100 connections: 64 concurrent
tasks then open 64 connections, and on a small machine the client's per-connection work
makes throughput collapse (measured against ``ionet localnet`` on 2 cores: 170 tx/s at
64 tasks against 359 at 4). With a few connections, extra tasks wait for a free one.
"""

from __future__ import annotations

from typing import Final

import httpx
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment

MAX_CONNECTIONS: Final = 4
"""Connections per client: enough to keep a node busy, few enough to stay cheap."""


def async_client(url: str, commitment: Commitment | None = None, timeout: float = 30,
                 max_connections: int = MAX_CONNECTIONS) -> AsyncClient:
    """An ``AsyncClient`` for ``url`` whose pool holds at most ``max_connections``."""
    client = AsyncClient(url, commitment=commitment, timeout=timeout)
    limits = httpx.Limits(max_connections=max_connections,
                          max_keepalive_connections=max_connections)
    # Waiting for a pooled connection counts against the pool timeout: no limit on that.
    client._provider.session = httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, pool=None), limits=limits)
    return client
