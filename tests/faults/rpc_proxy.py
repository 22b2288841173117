"""A JSON-RPC fault proxy in front of ``ionet localnet``: an HTTP server (uvicorn, a raw
ASGI app) that forwards each request with httpx and, by a seeded schedule per RPC
method (:meth:`RpcFaultProxy.pick`), injects one fault into it:

* ``delay``: the answer is held 50-400 ms;
* ``drop_before``: never forwarded; the connection is cut without an answer;
* ``drop_after``: forwarded (a ``sendTransaction`` is executed), then the connection is cut:
  the answer is lost, the transaction landed;
* ``http_503``, ``http_429``: never forwarded; that status;
* ``behind``: never forwarded; the JSON-RPC error -32005 a lagging node answers;
* ``reorder``: forwarded, and the answer held until ``window`` answers are held (or
  ``hold_seconds`` passed); then they are released in a shuffled order.

It runs on a thread of its own (its own event loop), so tests may block; ``counts`` holds
the faults injected per kind, ``by_method`` per (method, kind), ``out_of_order`` the
answers that left at another position than they arrived in.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections import Counter
from collections.abc import Mapping
from typing import Any

import httpx
import uvicorn

__all__ = ["KINDS", "RpcFaultProxy", "Schedule"]

KINDS = ("delay", "drop_before", "drop_after", "http_503", "http_429", "behind", "reorder")
Schedule = Mapping[str, Mapping[str, float]]
"""RPC method (or ``*`` for any other) -> fault kind -> probability per request."""

Scope = dict[str, Any]
Message = dict[str, Any]


def _method(body: bytes) -> str:
    try:
        doc = json.loads(body)
    except ValueError:
        return "?"
    if isinstance(doc, list):
        return "batch"
    return str(doc.get("method", "?")) if isinstance(doc, dict) else "?"


def _request_id(body: bytes) -> Any:
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    return doc.get("id") if isinstance(doc, dict) else None


class RpcFaultProxy:
    def __init__(self, target_url: str, schedule: Schedule, *, seed: int, window: int = 3,
                 hold_seconds: float = 0.4) -> None:
        self.target_url = target_url
        self.schedule = schedule
        self.rng = random.Random(seed)
        self.window = window
        self.hold_seconds = hold_seconds
        self.counts: Counter[str] = Counter()
        self.by_method: Counter[tuple[str, str]] = Counter()
        self.out_of_order = 0
        """Answers released at another position than they arrived."""
        self.port = 0
        self._held: list[asyncio.Event] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: uvicorn.Server | None = None
        self._serving: asyncio.Future[None] | None = None
        self._upstream: httpx.AsyncClient | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- the schedule

    def pick(self, method: str) -> str | None:
        """The fault for the next request of ``method`` (None: none). Each kind of a rule
        comes once before the draws start (once per method the schedule names, once in
        all for ``*``), so that a short run has every fault it was given."""
        named = method in self.schedule
        rule = self.schedule.get(method, self.schedule.get("*", {}))
        for kind in rule:
            if not (self.by_method[(method, kind)] if named else self.counts[kind]):
                return kind
        draw = self.rng.random()
        for kind, probability in rule.items():
            if draw < probability:
                return kind
            draw -= probability
        return None

    # ---- the ASGI app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        method = _method(body)
        kind = self.pick(method)
        if kind is not None:
            self.counts[kind] += 1
            self.by_method[(method, kind)] += 1
        if kind in ("http_503", "http_429"):
            status = int(kind[-3:])
            await self._answer(send, status, b'{"error": "injected"}',
                               [(b"retry-after", b"0")] if status == 429 else [])
            return
        if kind == "behind":
            error = {"jsonrpc": "2.0", "id": _request_id(body), "error": {
                "code": -32005, "message": "Node is behind by 42 slots",
                "data": {"numSlotsBehind": 42}}}
            await self._answer(send, 200, json.dumps(error).encode())
            return
        if kind == "drop_before":
            await self._cut(send)
            return
        assert self._upstream is not None
        try:
            upstream = await self._upstream.post(
                self.target_url, content=body, headers={"content-type": "application/json"})
        except httpx.HTTPError:
            await self._cut(send)  # the validator is down: so is the proxy's answer
            return
        if kind == "drop_after":
            await self._cut(send)
            return
        if kind == "delay":
            await asyncio.sleep(self.rng.uniform(0.05, 0.4))
        if kind == "reorder":
            await self._hold()
        await self._answer(send, upstream.status_code, upstream.content)

    @staticmethod
    async def _answer(send: Any, status: int, body: bytes,
                      headers: list[tuple[bytes, bytes]] | None = None) -> None:
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()), *(headers or [])]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _cut(send: Any) -> None:
        """Starts an answer and never finishes it: uvicorn closes the connection, and the
        client has no answer."""
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"64")]})

    async def _hold(self) -> None:
        released = asyncio.Event()
        self._held.append(released)
        if len(self._held) >= self.window:
            await self._release()
        try:
            await asyncio.wait_for(released.wait(), self.hold_seconds)
        except TimeoutError:
            await self._release()

    async def _release(self) -> None:
        held, self._held = self._held, []
        order = self.rng.sample(held, len(held))
        self.out_of_order += sum(a is not b for a, b in zip(order, held, strict=True))
        for event in order:
            event.set()
            await asyncio.sleep(0.005)  # the released answer goes out before the next

    # ---- running

    async def _start(self) -> None:
        self._upstream = httpx.AsyncClient(timeout=30)
        config = uvicorn.Config(self, host="127.0.0.1", port=self.port, http="h11",
                                lifespan="off", log_level="critical", access_log=False)
        self._server = uvicorn.Server(config)
        self._serving = asyncio.ensure_future(self._server.serve())
        while not self._server.started:
            if self._serving.done():
                self._serving.result()
            await asyncio.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        assert self._server is not None and self._serving is not None
        self._server.should_exit = True
        await self._serving
        if self._upstream is not None:
            await self._upstream.aclose()

    def __enter__(self) -> RpcFaultProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
