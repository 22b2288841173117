"""A TCP relay in front of the localnet (or a Unix socket: the test PostgreSQL server), to
take it away from the coordinator and give it back on the same port: refusing connections
while it is down (`stop`), or, like a host that has gone silent, accepting them and never
answering (`silence`), or holding what is said on the open ones too, as a host that stops
answering in the middle of a statement (`stall`)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from urllib.parse import urlparse

__all__ = ["TcpProxy"]


class TcpProxy:
    def __init__(self, target_url: str | None = None, *, unix_socket: Path | None = None
                 ) -> None:
        self.target: tuple[str, int] | None = None
        if target_url is not None:
            parsed = urlparse(target_url)
            assert parsed.hostname is not None and parsed.port is not None
            self.target = (parsed.hostname, parsed.port)
        self.unix_socket = unix_socket
        self.port = 0
        self.server: asyncio.Server | None = None
        self.connections: set[asyncio.StreamWriter] = set()
        self.answering = asyncio.Event()
        self.answering.set()
        self.flowing = asyncio.Event()  # cleared: the open connections relay nothing
        self.flowing.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            while data := await reader.read(65536):
                await self.flowing.wait()
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.answering.is_set():
            # Silent: the connection is accepted, and nothing is ever said on it.
            await self.answering.wait()
            writer.close()
            return
        if self.unix_socket is not None:
            upstream_reader, upstream_writer = await asyncio.open_unix_connection(
                self.unix_socket)
        else:
            assert self.target is not None
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self.connections |= {writer, upstream_writer}
        await asyncio.gather(self._pipe(reader, upstream_writer),
                             self._pipe(upstream_reader, writer))

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    def _cut(self) -> None:
        for writer in self.connections:
            writer.close()
        self.connections.clear()

    def silence(self) -> None:
        """Cuts the open connections and answers no new one until `answer`."""
        self.answering.clear()
        self._cut()

    def stall(self) -> None:
        """Keeps the open connections open but relays nothing on them, and answers no new
        one, until `answer`."""
        self.answering.clear()
        self.flowing.clear()

    def answer(self) -> None:
        """Relays again (the connections held silent are closed)."""
        self.answering.set()
        self.flowing.set()

    async def stop(self) -> None:
        """Refuses new connections and cuts the open ones."""
        assert self.server is not None
        self.server.close()
        self._cut()
        await self.server.wait_closed()
        self.server = None
