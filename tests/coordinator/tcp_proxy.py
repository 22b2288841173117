"""A TCP relay in front of the localnet, to take the cluster away from the coordinator
and give it back (connections refused while it is down), on the same port."""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import urlparse

__all__ = ["TcpProxy"]


class TcpProxy:
    def __init__(self, target_url: str) -> None:
        parsed = urlparse(target_url)
        assert parsed.hostname is not None and parsed.port is not None
        self.target = (parsed.hostname, parsed.port)
        self.port = 0
        self.server: asyncio.Server | None = None
        self.connections: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.connections |= {writer, upstream_writer}
        await asyncio.gather(self._pipe(reader, upstream_writer),
                             self._pipe(upstream_reader, writer))

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Refuses new connections and cuts the open ones."""
        assert self.server is not None
        self.server.close()
        for writer in self.connections:
            writer.close()
        self.connections.clear()
        await self.server.wait_closed()
        self.server = None
