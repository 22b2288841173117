"""A keep-alive HTTP/1.1 JSON-RPC client that pipelines: up to ``window`` requests are
written before the first answer is read, so neither side waits for the other's round
trip. The benchmarks use it to see the node's own throughput (solana-py's client spends
more CPU per request than the node does)."""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit


class PipelinedConnection:
    """One socket to ``url``; ``post_all`` answers the bodies in order."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.sock = socket.create_connection((self.host, parts.port or 80), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> PipelinedConnection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _request(self, body: bytes) -> bytes:
        return (b"POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n" % (self.host.encode(), len(body))) + body

    def post_all(self, bodies: Iterable[bytes], window: int = 64) -> Iterator[bytes]:
        """Answer bodies, in order, with at most ``window`` requests in flight."""
        pending = 0
        for body in bodies:
            if pending >= window:
                yield self._read()
                pending -= 1
            self.sock.sendall(self._request(body))
            pending += 1
        for _ in range(pending):
            yield self._read()

    def post(self, body: bytes) -> bytes:
        return next(iter(self.post_all([body])))

    def _read(self) -> bytes:
        buf = self.buffer
        while True:
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                head = bytes(buf[:end]).lower()
                at = head.find(b"content-length:")
                if at < 0:
                    raise ConnectionError("an answer without Content-Length")
                length = int(head[at + 15 :].split(b"\r\n", 1)[0])
                start = end + 4
                if len(buf) - start >= length:
                    body = bytes(buf[start : start + length])
                    del buf[: start + length]
                    return body
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("the node closed the connection")
            buf += chunk
