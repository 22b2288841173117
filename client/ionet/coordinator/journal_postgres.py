"""The shared journal: PostgreSQL, for several coordinator workers. Each escrow is
settled by one worker at a time: claiming locks candidate rows with ``FOR UPDATE SKIP
LOCKED`` (two workers never wait on each other or take the same escrow) and leaves a lease
that a killed worker's successor takes over once it runs out. A lost connection (a server
restart, a terminated backend) is reopened with backoff (:class:`Journal`); a statement
that the server leaves unanswered past ``STATEMENT_DEADLINE`` loses its connection too."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import threading
import time
from typing import Any

import psycopg

from ionet.coordinator.journal import Journal

__all__ = ["PostgresJournal"]

log = logging.getLogger("ionet.coordinator")

_CLAIM = """SELECT e.escrow FROM escrows e
    WHERE e.failure IS NULL
      AND (e.lease_owner IS NULL OR e.lease_owner = %s OR e.lease_until < %s)
      AND EXISTS (SELECT 1 FROM records r WHERE r.escrow = e.escrow AND r.settled_at IS NULL
                  AND r.failure IS NULL)
    ORDER BY e.expires_at IS NOT NULL, e.expires_at LIMIT %s
    FOR UPDATE OF e SKIP LOCKED"""

_SHUTDOWN = (psycopg.errors.AdminShutdown, psycopg.errors.CrashShutdown,
             psycopg.errors.CannotConnectNow)
CONNECT_TIMEOUT = 5
"""Seconds to wait for the server when (re)connecting (reconnects run in the background)."""
STATEMENT_DEADLINE = 5.0
"""Seconds a statement may wait before the server is asked whether it is still working on
it; if it is not (or does not answer), the connection is cut and counted lost. A host gone
silent with a statement on the wire would otherwise hold it, and the service's event loop
with it, for TCP's retransmission timeout: many minutes."""
PROBE_TIMEOUT = 2
"""Seconds the server has to answer that question (libpq's shortest connect timeout)."""


def _connect(url: str, timeout: int = CONNECT_TIMEOUT) -> Any:
    return psycopg.connect(url, autocommit=True, connect_timeout=timeout)


def _still_running(url: str, conn: Any) -> bool:
    """Whether the server answers on a new connection that ``conn``'s backend is running a
    statement (one waiting on a lock is slow, not lost). No: the statement, or its answer,
    was lost on the way, or the server is unreachable."""
    try:
        backend = conn.info.backend_pid
        with _connect(url, PROBE_TIMEOUT) as probe:
            row = probe.execute("SELECT state FROM pg_stat_activity WHERE pid = %s",
                                (backend,)).fetchone()
    except psycopg.Error:
        return False
    return row is not None and row[0] == "active"


def _cut(conn: Any) -> None:
    """Shuts the connection's socket down under libpq: the statement waiting on it fails
    at once, as on a connection the server closed."""
    with contextlib.suppress(OSError, psycopg.Error):
        with socket.socket(fileno=os.dup(conn.pgconn.socket)) as sock:
            sock.shutdown(socket.SHUT_RDWR)


def _watch(journal: PostgresJournal, stopped: threading.Event) -> None:
    """Each time a statement has waited ``STATEMENT_DEADLINE`` (since it was sent, or since
    the server last said it was running it), asks the server, and cuts the connection if
    it is not running it (the statement runs in the service's event loop: only another
    thread can end it)."""
    running: tuple[float, float] = (0.0, 0.0)  # a statement's send time, when last seen running
    while not stopped.wait(0.25):
        since, conn = journal.waiting_since, journal.conn
        if since is None:
            continue
        seen = running[1] if running[0] == since else since
        if time.monotonic() - seen < STATEMENT_DEADLINE:
            continue
        if _still_running(journal.url, conn):
            running = (since, time.monotonic())
            continue
        log.warning("a journal statement has waited %.0f s, and the server is not running "
                    "it: giving its connection up", time.monotonic() - since)
        _cut(conn)
        while journal.waiting_since == since and not stopped.wait(0.05):
            pass


class PostgresJournal(Journal):
    placeholder = "%s"
    integer_key = "BIGSERIAL PRIMARY KEY"
    blob = "BYTEA"

    def __init__(self, conn: Any, url: str) -> None:
        self.url = url
        self._stopped = threading.Event()
        threading.Thread(target=_watch, args=(self, self._stopped), name="journal-watchdog",
                         daemon=True).start()
        super().__init__(conn)

    def close(self) -> None:
        self._stopped.set()
        super().close()

    @classmethod
    def open(cls, url: str) -> PostgresJournal:
        return cls(_connect(url), url)

    def reconnect(self) -> Any:
        return _connect(self.url)

    def connection_lost(self, exc: BaseException) -> bool:
        # A server shutting down or terminating this backend says so (class 57P) before
        # it closes the connection; otherwise the connection is found broken.
        return isinstance(exc, psycopg.OperationalError) and (
            isinstance(exc, _SHUTDOWN) or self.conn.broken or self.conn.closed)

    def create_tables(self) -> None:
        # Workers starting together must not race on CREATE TABLE IF NOT EXISTS.
        self.conn.execute("SELECT pg_advisory_lock(7453)")
        try:
            super().create_tables()
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(7453)")

    def begin(self) -> None:
        self.execute("BEGIN")

    def in_transaction(self) -> bool:
        return bool(self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def is_disk_full(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.errors.DiskFull) or (
            isinstance(exc, OSError) and exc.errno == errno.ENOSPC)

    def claim_query(self) -> str:
        return _CLAIM
