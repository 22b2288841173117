"""The embedded journal: one SQLite file in WAL mode, ``synchronous=FULL`` so that what
was committed survives a power cut. Several processes may share the file (each write
transaction takes the lock at ``BEGIN IMMEDIATE``); for workers on several machines use
PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ionet.coordinator.journal import Journal

__all__ = ["SqliteJournal"]

_CLAIM = """SELECT e.escrow FROM escrows e
    WHERE e.failure IS NULL
      AND (e.lease_owner IS NULL OR e.lease_owner = ? OR e.lease_until < ?)
      AND EXISTS (SELECT 1 FROM records r WHERE r.escrow = e.escrow AND r.settled_at IS NULL
                  AND r.failure IS NULL)
    ORDER BY e.expires_at IS NOT NULL, e.expires_at LIMIT ?"""


def _set_wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """WAL mode. Switching to it needs the database to itself, and SQLite answers
    "database is locked" at once instead of waiting (no busy handler): so two workers
    opening a new journal together retry here."""
    deadline = time.monotonic() + patience
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SqliteJournal(Journal):
    @classmethod
    def open(cls, path: str) -> SqliteJournal:
        if not path:
            raise ValueError("sqlite:///PATH needs a path")
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(Path(path).expanduser()), timeout=30,
                               isolation_level=None, check_same_thread=False)
        _set_wal(conn)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=30000")
        return cls(conn)

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def in_transaction(self) -> bool:
        return bool(self.conn.in_transaction)

    def is_disk_full(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and (
            getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or "disk is full" in str(exc))

    def claim_query(self) -> str:
        return _CLAIM
