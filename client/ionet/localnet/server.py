"""HTTP JSON-RPC and WebSocket servers around a :class:`Validator` (one asyncio loop).

The HTTP side is a small HTTP/1.1 server on ``asyncio.Protocol`` (keep-alive, pipelining,
``Expect: 100-continue``, chunked bodies, CORS, ``GET /health``): requests are answered
in the order they arrive, each by the synchronous ``handle_bytes``. It is ours rather than
a library's because it costs less: answering a constant body over a keep-alive connection
on this 2-core machine took 12 µs of server CPU a request (5 pipelined), uvicorn with
httptools 46 (23) and aiohttp 56 (48), next to about 100 µs for a sendTransaction. The
WebSocket side uses the ``websockets`` package (already a solana-py dependency).

Nothing leaves the node before the state it reports is durable: answers and notifications
wait in a :class:`Committer`, which writes what the validator did as one ledger record,
has it fsync-ed by a worker thread while the loop executes the next requests, and then
sends them (a group commit: one write and one sync for all that a sync's time gathers).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ionet.localnet.ledger import LedgerError
from ionet.localnet.rpc_methods import handle_bytes
from ionet.localnet.subscriptions import Subscriptions
from ionet.localnet.validator import Validator

log = logging.getLogger("ionet.localnet")

_TCP_QUICKACK: Final = getattr(socket, "TCP_QUICKACK", 12)
_MARK_SECONDS: Final = 1.0
"""How often the ledger's mark (its length known to be on disk) is brought up to date."""
MAX_BODY: Final = 50 * 1024 * 1024
MAX_HEADER: Final = 64 * 1024
_CORS: Final = (
    b"Access-Control-Allow-Origin: *\r\n"
    b"Access-Control-Allow-Methods: POST, GET, OPTIONS\r\n"
    b"Access-Control-Allow-Headers: *\r\n"
)
_REASONS: Final = {200: b"OK", 204: b"No Content", 400: b"Bad Request", 404: b"Not Found",
                   405: b"Method Not Allowed", 413: b"Payload Too Large",
                   415: b"Unsupported Media Type"}


def _response(status: int, body: bytes, keep_alive: bool,
              content_type: bytes = b"application/json") -> bytes:
    head = b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b"OK"))
    head += b"Content-Type: " + content_type + b"\r\nContent-Length: %d\r\n" % len(body)
    head += _CORS
    if not keep_alive:
        head += b"Connection: close\r\n"
    return head + b"\r\n" + body


class Committer:
    """Holds what the node is about to say until what it says is durable (group commit).

    ``later(send)`` queues a sender. At the end of the event loop's turn ``commit``
    writes what the validator did (one ledger record) and, while a worker thread
    fdatasyncs it, the loop goes on executing requests; when the sync is done the senders
    queued before the write run, in order, and what queued up meanwhile is committed
    next. If the ledger cannot be written, nothing queued is sent and ``on_failure`` is
    called: the node must stop, as its memory is ahead of its ledger.
    """

    def __init__(self, validator: Validator,
                 on_failure: Callable[[LedgerError], None]) -> None:
        self.validator = validator
        self.on_failure = on_failure
        self.waiting: list[Callable[[], None]] = []
        self.scheduled = False
        self.syncing: asyncio.Future[None] | None = None
        self.failed = False

    def later(self, send: Callable[[], None]) -> None:
        if self.failed:
            return
        if self.validator.ledger is None:
            send()  # in memory: nothing to wait for
            return
        self.waiting.append(send)
        self._schedule()

    def _schedule(self) -> None:
        if not self.scheduled and self.syncing is None:
            self.scheduled = True
            asyncio.get_running_loop().call_soon(self.commit)

    def _fail(self, exc: LedgerError) -> None:
        self.failed = True
        self.waiting.clear()
        self.on_failure(exc)

    def commit(self) -> None:
        """Write what is pending; send what waits once it is on disk."""
        self.scheduled = False
        if self.failed or self.syncing is not None:
            return  # the next commit follows the sync in flight
        try:
            self.validator.flush(sync=False)
        except LedgerError as exc:
            self._fail(exc)
            return
        waiting, self.waiting = self.waiting, []
        ledger = self.validator.ledger
        if ledger is None or not ledger.needs_sync():
            for send in waiting:
                send()
            return
        self.syncing = asyncio.get_running_loop().run_in_executor(None, ledger.sync)
        self.syncing.add_done_callback(lambda done: self._synced(done, waiting))

    def _synced(self, done: asyncio.Future[None], waiting: list[Callable[[], None]]) -> None:
        self.syncing = None
        exc = done.exception()
        if exc is not None:
            self._fail(exc if isinstance(exc, LedgerError) else LedgerError(str(exc)))
            return
        for send in waiting:
            send()
        if self.waiting:
            self._schedule()

    async def drain(self) -> None:
        """Commit everything, synchronously to the end (for a stop)."""
        if self.syncing is not None:
            with contextlib.suppress(Exception):
                await self.syncing
        if self.failed:
            return
        try:
            self.validator.flush()
        except LedgerError as exc:
            self._fail(exc)
            return
        waiting, self.waiting = self.waiting, []
        for send in waiting:
            send()


class HttpProtocol(asyncio.Protocol):
    """One HTTP/1.1 connection."""

    def __init__(self, validator: Validator, committer: Committer) -> None:
        self.validator = validator
        self.committer = committer
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.sock: socket.socket | None = None
        self.continued = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.sock = transport.get_extra_info("socket")
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.sock.setsockopt(socket.IPPROTO_TCP, _TCP_QUICKACK, 1)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and not self.transport.is_closing():
            if not self._one_request():
                break
        if self.buffer and self.sock is not None:
            # A request arrived in pieces (clients such as httpx write the headers and the
            # body separately, without TCP_NODELAY): acknowledge at once, or the client's
            # Nagle algorithm holds the body back until our delayed ACK.
            with contextlib.suppress(OSError):
                self.sock.setsockopt(socket.IPPROTO_TCP, _TCP_QUICKACK, 1)

    def _send(self, data: bytes, close: bool = False) -> None:
        """Write ``data`` once everything before it is durable (in order, per connection)."""
        transport = self.transport
        assert transport is not None

        def send() -> None:
            if not transport.is_closing():
                transport.write(data)
                if close:
                    transport.close()

        self.committer.later(send)

    def _fail(self, status: int, message: bytes) -> None:
        assert self.transport is not None
        self._send(_response(status, message, False, b"text/plain"), close=True)
        self.transport.pause_reading()
        self.buffer.clear()

    def _one_request(self) -> bool:
        """Answer the first complete request in the buffer; False if there is none."""
        buf = self.buffer
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > MAX_HEADER:
                self._fail(400, b"header too large")
            return False
        lines = bytes(buf[:end]).split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            self._fail(400, b"bad request line")
            return False
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        keep_alive = version == b"HTTP/1.1"
        connection = headers.get(b"connection", b"").lower()
        if connection == b"close":
            keep_alive = False
        elif connection == b"keep-alive":
            keep_alive = True
        start = end + 4
        if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
            parsed = self._chunked(start)
            if parsed is None:
                return False
            body, consumed = parsed
        else:
            try:
                length = int(headers.get(b"content-length", b"0"))
            except ValueError:
                self._fail(400, b"bad content-length")
                return False
            if length > MAX_BODY:
                self._fail(413, b"request too large")
                return False
            if len(buf) - start < length:
                if headers.get(b"expect", b"").lower() == b"100-continue" and \
                        not self.continued:
                    self._send(b"HTTP/1.1 100 Continue\r\n\r\n")
                    self.continued = True
                return False
            body = bytes(buf[start : start + length])
            consumed = start + length
        del buf[:consumed]
        self.continued = False
        self._send(self._answer(method, target, body, keep_alive), close=not keep_alive)
        if not keep_alive:
            assert self.transport is not None
            self.transport.pause_reading()
            return False
        return True

    def _chunked(self, start: int) -> tuple[bytes, int] | None:
        buf = self.buffer
        pos = start
        body = bytearray()
        while True:
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                return None
            size = int(bytes(buf[pos:eol]).split(b";")[0] or b"0", 16)
            if size == 0:
                trailer = buf.find(b"\r\n", eol + 2)
                if trailer < 0:
                    return None
                return bytes(body), trailer + 2
            if len(buf) < eol + 2 + size + 2:
                return None
            body += buf[eol + 2 : eol + 2 + size]
            pos = eol + 2 + size + 2
            if len(body) > MAX_BODY:
                self._fail(413, b"request too large")
                return None

    def _answer(self, method: bytes, target: bytes, body: bytes, keep_alive: bool) -> bytes:
        if method == b"POST":
            answer = handle_bytes(self.validator, body, flush=False)  # the committer flushes
            return _response(200, answer or b"", keep_alive)
        if method == b"GET":
            if target.split(b"?")[0] == b"/health":
                return _response(200, b"ok", keep_alive, b"text/plain")
            return _response(405, b"Used HTTP Method is not allowed. POST or OPTIONS is required",
                             keep_alive, b"text/plain")
        if method == b"OPTIONS":
            return _response(200, b"", keep_alive, b"text/plain")
        return _response(405, b"Used HTTP Method is not allowed. POST or OPTIONS is required",
                         keep_alive, b"text/plain")


class _WsConnection:
    """Queues notifications of one WebSocket connection, sent in order by one task once
    what they report is durable."""

    def __init__(self, ws: ServerConnection, committer: Committer) -> None:
        self.ws = ws
        self.committer = committer
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()

    def send_text(self, text: str) -> None:
        self.committer.later(lambda: self.queue.put_nowait(text))

    async def writer(self) -> None:
        while True:
            text = await self.queue.get()
            if text is None:
                return
            await self.ws.send(text)


@dataclass
class Endpoints:
    rpc_url: str
    ws_url: str
    rpc_port: int
    ws_port: int


class LocalnetServer:
    """Both servers plus the slot timer; ``start`` then ``serve_forever`` or ``stop``."""

    def __init__(self, validator: Validator, host: str = "127.0.0.1", rpc_port: int = 8899,
                 ws_port: int = 8900) -> None:
        self.validator = validator
        self.host = host
        self.rpc_port = rpc_port
        self.ws_port = ws_port
        self.subscriptions = Subscriptions(validator)
        self._http: asyncio.Server | None = None
        self._ws: Server | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._stopped = asyncio.Event()
        self._stop_requested = asyncio.Event()
        self.failure: LedgerError | None = None
        self.committer = Committer(validator, self._ledger_failed)

    def _ledger_failed(self, exc: LedgerError) -> None:
        """The ledger cannot be written: stop, answering nothing more (see ``Committer``)."""
        self.failure = exc  # the CLI says it, in one line
        if self._http is not None:
            self._http.close()
        self._stop_requested.set()

    async def start(self) -> Endpoints:
        # What start-up loaded (the account index, the history) lives as long as the node:
        # out of the collector's sight, it is not scanned again by every full collection
        # (which would otherwise triple getProgramAccounts' time over 100 000 accounts).
        gc.freeze()
        # Young collections every 50 000 allocations, not 700: a large answer (100 000
        # accounts are 300 000 containers) is not scanned over and over while it is built.
        gc.set_threshold(50_000)
        loop = asyncio.get_running_loop()
        self._http = await loop.create_server(
            lambda: HttpProtocol(self.validator, self.committer), self.host, self.rpc_port,
            reuse_address=True)
        self._ws = await serve(self._ws_handler, self.host, self.ws_port,
                               max_size=MAX_BODY, compression=None)
        self._ticker = asyncio.create_task(self._tick())
        rpc_port = self._http.sockets[0].getsockname()[1]
        ws_port = next(iter(self._ws.sockets)).getsockname()[1]
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return Endpoints(f"http://{host}:{rpc_port}", f"ws://{host}:{ws_port}", rpc_port,
                         ws_port)

    async def _tick(self) -> None:
        v = self.validator
        marked = time.monotonic()
        while True:
            await asyncio.sleep(min(v.slot_seconds / 4, _MARK_SECONDS))
            if self.committer.failed:
                return
            try:
                v.tick()
                self.committer.commit()
                if v.ledger is not None and time.monotonic() - marked >= _MARK_SECONDS:
                    marked = time.monotonic()
                    v.ledger.mark()
            except LedgerError as exc:
                self.committer.failed = True
                self._ledger_failed(exc)
                return
            except Exception:
                log.exception("slot timer")

    async def _ws_handler(self, ws: ServerConnection) -> None:
        conn = _WsConnection(ws, self.committer)
        writer = asyncio.create_task(conn.writer())
        try:
            async for message in ws:
                self.subscriptions.handle_message(conn, message)
        except ConnectionClosed:
            pass
        finally:
            self.subscriptions.drop(conn)
            conn.queue.put_nowait(None)
            with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
                await writer

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        if self._ws is not None:
            self._ws.close()
            await self._ws.wait_closed()
        if self._http is not None:
            self._http.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._http.wait_closed(), 2)
        await self.committer.drain()
        if self.validator.ledger is not None:
            self.validator.ledger.close()
        self._stopped.set()

    def handle_signals(self) -> None:
        """From now on, SIGINT and SIGTERM stop the node cleanly (main thread only)."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._stop_requested.set)

    async def serve_until_signal(self) -> None:
        """Run until SIGINT or SIGTERM (or a ledger failure), then stop cleanly."""
        loop = asyncio.get_running_loop()
        self.handle_signals()
        try:
            await self._stop_requested.wait()
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            await self.stop()
