"""The journal: every accepted record exactly once, and every settlement transaction
before it is sent and its outcome after.

One interface, :class:`Journal`, over SQL that SQLite and PostgreSQL both speak; the
dialects differ only in their DDL, their placeholders and how they claim escrows
(:mod:`ionet.coordinator.journal_sqlite`, :mod:`ionet.coordinator.journal_postgres`).
:func:`open_journal` picks one by URL: ``sqlite:///PATH`` or ``postgresql://...``.

Tables: ``records`` (``report_id`` unique: a duplicate is acknowledged and ignored;
the ``opening`` it belongs to once bound; ``settled_at`` once a landed transaction covers
it, or a permanent ``failure``), ``escrows`` (one row per escrow with records: its node
once known, the opening last seen on-chain, a lease so that one worker at a time settles
it, whether this coordinator closed that opening, a permanent ``failure`` and the last
transient ``error``), ``transactions`` (the signed bytes, signature and last valid block
height, written before sending; ``state`` pending → landed | failed | expired),
``settlements`` (what each transaction settles: escrow, opening, seq, amount, the last
record it covers, whether it closes), ``spool_files`` (digests of the files taken) and
``lookup_tables``.

Openings. An escrow's address is its (customer, job id), so after a refund or a close the
customer can open the same address again. Each opening is told apart by its slot
(:func:`ionet.escrow.opening_slot`; its ``next_seq`` and ``settled`` restart with it), and
records and settlements are journaled with the opening they belong to, so one opening
never pays for another's usage. A record names only the address: it is bound to the
opening that is open on-chain when the coordinator first plans it
(:meth:`Journal.bind_opening`), and counts for that opening only. If that opening ends
(the customer's ``refund_expired`` or ``refund_ineligible``, or a close) before the record
is settled, the record can never be paid: it keeps a permanent ``failure`` (shown by
``status``), and a later opening of the address does not pay it. A record the coordinator
first plans while no escrow is open at the address is the last known opening's
(:meth:`Journal.opening_ended`: "arrived after the escrow was closed" when this
coordinator closed it), or, if the address was never seen open, waits with the escrow's
``failure`` until a new record arrives (an escrow opened after its first records).
Records that arrive after a reopening, before the coordinator has planned them, belong to
the new opening.
"""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ionet.coordinator.records import UsageRecord

__all__ = [
    "Backlog",
    "EscrowUsage",
    "Journal",
    "JournalFull",
    "JournalUnavailable",
    "PendingTransaction",
    "Settlement",
    "open_journal",
]


log = logging.getLogger("ionet.coordinator")
MAX_RECONNECT_BACKOFF = 5.0
"""The longest wait between two attempts to reach a lost journal server (seconds)."""


class JournalFull(RuntimeError):
    """The journal's disk is full: nothing new is accepted (nothing accepted is lost)."""


class JournalUnavailable(RuntimeError):
    """The journal's server cannot be reached: the transaction under way was rolled back
    (or, lost in its COMMIT, applied whole: retrying is safe, records and spool files are
    taken once and a journaled transaction is reconciled), and nothing new is accepted
    until it is back; the journal reconnects with backoff."""


@dataclass(frozen=True)
class EscrowUsage:
    """An escrow's usage: totals over all its records, and its unsettled ones in order
    as ``(record id, seconds, amount)``."""

    escrow: str
    total_seconds: int
    total_amount: int
    unsettled: list[tuple[int, int, int]]
    final: bool
    """Whether a final record arrived (the escrow is to be closed)."""


@dataclass(frozen=True)
class Settlement:
    """One escrow's part of a transaction."""

    escrow: str
    opening: int
    """The escrow's opening slot (:func:`ionet.escrow.opening_slot`)."""
    seq: int
    amount: int
    through_record: int
    """The last record (id) this settlement covers."""
    closes: bool


@dataclass(frozen=True)
class PendingTransaction:
    id: int
    signature: str
    raw: bytes
    last_valid_block_height: int
    settlements: list[Settlement]


@dataclass(frozen=True)
class Backlog:
    """What ``ionet coordinator status`` shows."""

    per_node: list[dict[str, Any]]
    in_flight: list[dict[str, Any]]
    failed: list[dict[str, Any]]
    totals: dict[str, int]


class _Reconnect:
    """Connects again in a thread of its own, with backoff (0.1 s doubling to
    ``MAX_RECONNECT_BACKOFF``), until a connection is made or connecting fails for a
    reason other than the server being away (that error is raised by :meth:`take`)."""

    def __init__(self, connect: Callable[[], Any],
                 is_lost: Callable[[BaseException], bool]) -> None:
        self._connect, self._is_lost = connect, is_lost
        self._done = threading.Event()
        self._conn: Any = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="journal-reconnect", daemon=True).start()

    def _run(self) -> None:
        backoff = 0.1
        while True:
            try:
                self._conn = self._connect()
                break
            except Exception as exc:
                if not self._is_lost(exc):
                    self._error = exc
                    break
            time.sleep(backoff)
            backoff = min(backoff * 2, MAX_RECONNECT_BACKOFF)
        self._done.set()

    def take(self) -> Any:
        """The new connection once made, else None."""
        if not self._done.is_set():
            return None
        if self._error is not None:
            raise self._error
        return self._conn


class Journal(ABC):
    """The journal over a DB-API connection; subclasses give the dialect."""

    placeholder = "?"
    integer_key = "INTEGER PRIMARY KEY AUTOINCREMENT"
    blob = "BLOB"
    waiting_since: float | None = None
    """When the statement running now was sent (None: none is)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._lost_at: float | None = None
        """When the connection was lost (None: it is up)."""
        self._reconnecting: _Reconnect | None = None
        self.create_tables()

    # ---- dialect

    @abstractmethod
    def begin(self) -> None:
        """Starts a write transaction (taking the write lock at once)."""

    @abstractmethod
    def in_transaction(self) -> bool:
        """Whether a transaction is open (a failed statement may have ended it)."""

    @abstractmethod
    def is_disk_full(self, exc: BaseException) -> bool: ...

    @abstractmethod
    def claim_query(self) -> str:
        """SELECT of claimable escrows (``now``, ``worker``, ``limit`` parameters)."""

    def connection_lost(self, exc: BaseException) -> bool:
        """Whether ``exc`` means the connection is gone (the server restarted, ...)."""
        return False

    def reconnect(self) -> Any:
        """A new connection (raises what connecting raises)."""
        raise NotImplementedError

    def close(self) -> None:
        self.conn.close()

    # ---- losing the connection

    def _connection(self) -> Any:
        """The connection; while it is lost, the one the background reconnect made once it
        has, else :class:`JournalUnavailable` at once (connecting can take seconds, and
        the service must keep answering meanwhile)."""
        if self._lost_at is None:
            return self.conn
        assert self._reconnecting is not None
        conn = self._reconnecting.take()
        if conn is None:
            raise JournalUnavailable(self._unavailable())
        self.conn.close()
        self.conn = conn
        log.warning("journal reconnected after %.1f s", time.monotonic() - self._lost_at)
        self._lost_at = None
        self._reconnecting = None
        return conn

    def _unavailable(self) -> str:
        assert self._lost_at is not None
        return (f"the journal has been unreachable for {time.monotonic() - self._lost_at:.1f}"
                " s (reconnecting): nothing new is accepted until it is back")

    def _lost(self, exc: BaseException) -> JournalUnavailable:
        if self._lost_at is None:
            self._lost_at = time.monotonic()
            self._reconnecting = _Reconnect(self.reconnect, self.connection_lost)
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            log.error("journal connection lost (%s: %s); reconnecting with backoff, "
                      "nothing new is accepted meanwhile", type(exc).__name__, first)
        return JournalUnavailable(self._unavailable())

    # ---- helpers

    def _sql(self, text: str) -> str:
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        """Runs one statement; a lost connection is :class:`JournalUnavailable`."""
        cursor = self._connection().cursor()
        self.waiting_since = time.monotonic()
        try:
            cursor.execute(self._sql(text), tuple(params))
        except Exception as exc:
            if self.connection_lost(exc):
                raise self._lost(exc) from exc
            raise
        finally:
            self.waiting_since = None
        return cursor

    def rows(self, text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.execute(text, params).fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; a full disk is :class:`JournalFull`, a lost connection
        :class:`JournalUnavailable` (the server rolled the transaction back, or it was
        lost in its COMMIT and applied whole: the caller retries it whole)."""
        self.begin()
        try:
            yield
            self.execute("COMMIT")
        except BaseException as exc:
            if self._lost_at is None and self.in_transaction():
                self.execute("ROLLBACK")
            if self.is_disk_full(exc):
                raise JournalFull("the journal's disk is full: new records are refused "
                                  "until there is room (nothing accepted was lost)") from exc
            raise

    def create_tables(self) -> None:
        key, blob = self.integer_key, self.blob
        statements = [
            f"""CREATE TABLE IF NOT EXISTS records (
                id {key}, report_id TEXT NOT NULL UNIQUE, escrow TEXT NOT NULL,
                opening BIGINT, seconds BIGINT NOT NULL, amount BIGINT NOT NULL,
                final BOOLEAN NOT NULL, source TEXT NOT NULL,
                received_at DOUBLE PRECISION NOT NULL, settled_at DOUBLE PRECISION,
                failure TEXT)""",
            "CREATE INDEX IF NOT EXISTS records_unsettled ON records (escrow, settled_at)",
            """CREATE TABLE IF NOT EXISTS escrows (
                escrow TEXT PRIMARY KEY, node TEXT, expires_at BIGINT, opening BIGINT,
                lease_owner TEXT, lease_until DOUBLE PRECISION NOT NULL DEFAULT 0,
                closed BOOLEAN NOT NULL DEFAULT FALSE, failure TEXT, error TEXT)""",
            f"""CREATE TABLE IF NOT EXISTS transactions (
                id {key}, signature TEXT NOT NULL UNIQUE, raw {blob} NOT NULL,
                last_valid_block_height BIGINT NOT NULL, state TEXT NOT NULL,
                error TEXT, worker TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL,
                finished_at DOUBLE PRECISION)""",
            """CREATE TABLE IF NOT EXISTS settlements (
                tx_id BIGINT NOT NULL, escrow TEXT NOT NULL, opening BIGINT NOT NULL,
                seq BIGINT NOT NULL,
                amount BIGINT NOT NULL, through_record BIGINT NOT NULL,
                closes BOOLEAN NOT NULL, PRIMARY KEY (tx_id, escrow))""",
            "CREATE INDEX IF NOT EXISTS settlements_escrow ON settlements (escrow)",
            """CREATE TABLE IF NOT EXISTS spool_files (
                digest TEXT PRIMARY KEY, name TEXT NOT NULL, records BIGINT NOT NULL,
                taken_at DOUBLE PRECISION NOT NULL)""",
            """CREATE TABLE IF NOT EXISTS lookup_tables (
                address TEXT PRIMARY KEY, created_at DOUBLE PRECISION NOT NULL)""",
        ]
        with self.transaction():
            for statement in statements:
                self.execute(statement)

    # ---- ingestion

    def add_records(self, records: Sequence[UsageRecord], source: str,
                    file: tuple[str, str] | None = None) -> tuple[int, int]:
        """Stores ``records`` in one transaction (all or nothing), and with ``file``
        (digest, name) marks that spool file taken; returns (added, duplicates). Durable
        when it returns."""
        now = time.time()
        added = 0
        with self.transaction():
            for r in records:
                cursor = self.execute(
                    "INSERT INTO records (report_id, escrow, seconds, amount, final, source, "
                    "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (r.report_id, str(r.escrow), r.seconds or 0, r.amount or 0, r.final,
                     source, now))
                if cursor.rowcount == 1:
                    added += 1
                    # A new record may settle an escrow that failed before (opened late,
                    # or opened again): planning it tells (bind_opening, opening_ended).
                    self.execute("INSERT INTO escrows (escrow) VALUES (?) ON CONFLICT "
                                 "(escrow) DO UPDATE SET failure = NULL", (str(r.escrow),))
            if file is not None:
                self.execute("INSERT INTO spool_files (digest, name, records, taken_at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                             (file[0], file[1], len(records), now))
        return added, len(records) - added

    def file_taken(self, digest: str) -> bool:
        return bool(self.rows("SELECT 1 FROM spool_files WHERE digest = ?", (digest,)))

    # ---- claiming escrows

    def claim(self, worker: str, limit: int, lease_seconds: float) -> list[str]:
        """Escrows with unsettled records that no other worker holds, soonest expiry
        first; held by ``worker`` for ``lease_seconds``."""
        now = time.time()
        with self.transaction():
            found = [row[0] for row in self.rows(self.claim_query(), (worker, now, limit))]
            for escrow in found:
                self.execute("UPDATE escrows SET lease_owner = ?, lease_until = ? "
                             "WHERE escrow = ?", (worker, now + lease_seconds, escrow))
        return found

    def renew(self, worker: str, escrows: Sequence[str], lease_seconds: float) -> set[str]:
        """Extends ``worker``'s leases; returns the escrows it still holds."""
        now = time.time()
        held = set()
        with self.transaction():
            for escrow in escrows:
                cursor = self.execute(
                    "UPDATE escrows SET lease_until = ? WHERE escrow = ? AND lease_owner = ?",
                    (now + lease_seconds, escrow, worker))
                if cursor.rowcount == 1:
                    held.add(escrow)
        return held

    def release(self, worker: str, escrows: Sequence[str]) -> None:
        with self.transaction():
            for escrow in escrows:
                self.execute("UPDATE escrows SET lease_owner = NULL, lease_until = 0 "
                             "WHERE escrow = ? AND lease_owner = ?", (escrow, worker))

    def bind_opening(self, escrow: str, opening: int) -> None:
        """``opening`` is open on-chain now, and the escrow is about to be planned: its
        unbound records become that opening's. If the journal knew an earlier opening, it
        ended: its unsettled records fail for good."""
        with self.transaction():
            [(known, closed)] = self.rows(
                "SELECT opening, closed FROM escrows WHERE escrow = ?", (escrow,))
            if known is not None and int(known) != opening:
                self._fail_unsettled(escrow, int(known), bool(closed), unbound=False)
            if known is None or int(known) != opening:
                self.execute("UPDATE escrows SET opening = ?, closed = FALSE, error = NULL "
                             "WHERE escrow = ?", (opening, escrow))
            self.execute("UPDATE records SET opening = ? WHERE escrow = ? AND opening IS NULL",
                         (opening, escrow))

    def opening_ended(self, escrow: str) -> bool:
        """No escrow is open on-chain at ``escrow``: if the journal knew an opening, its
        unsettled records, and the unbound ones, are that opening's and fail for good
        (True); else False (never seen open: the records wait, maybe it opens late)."""
        with self.transaction():
            [(known, closed)] = self.rows(
                "SELECT opening, closed FROM escrows WHERE escrow = ?", (escrow,))
            if known is None:
                return False
            self._fail_unsettled(escrow, int(known), bool(closed), unbound=True)
            return True

    def _fail_unsettled(self, escrow: str, opening: int, closed: bool, *, unbound: bool
                        ) -> None:
        reason = ("arrived after the escrow was closed" if closed else
                  "the escrow was refunded or closed elsewhere before they were settled")
        which = "(opening = ? OR opening IS NULL)" if unbound else "opening = ?"
        self.execute(f"UPDATE records SET opening = ?, failure = ? WHERE escrow = ? AND {which} "
                     "AND settled_at IS NULL AND failure IS NULL",
                     (opening, reason, escrow, opening))

    def usage(self, escrow: str, opening: int) -> EscrowUsage:
        """The usage of one opening of ``escrow`` (its records bound to it)."""
        where = "WHERE escrow = ? AND opening = ? AND failure IS NULL"
        [(seconds, amount, final)] = self.rows(
            "SELECT COALESCE(SUM(seconds), 0), COALESCE(SUM(amount), 0), "
            f"COUNT(CASE WHEN final THEN 1 END) FROM records {where}", (escrow, opening))
        unsettled = self.rows(f"SELECT id, seconds, amount FROM records {where} "
                              "AND settled_at IS NULL ORDER BY id", (escrow, opening))
        return EscrowUsage(escrow, int(seconds), int(amount),
                           [(int(i), int(s), int(a)) for i, s, a in unsettled], final > 0)

    def note_escrow(self, escrow: str, node: str, expires_at: int) -> None:
        with self.transaction():
            self.execute("UPDATE escrows SET node = ?, expires_at = ? WHERE escrow = ?",
                         (node, expires_at, escrow))

    def set_failure(self, escrow: str, failure: str | None) -> None:
        """A reason the escrow cannot be settled now (None: it can again)."""
        with self.transaction():
            self.execute("UPDATE escrows SET failure = ? WHERE escrow = ?", (failure, escrow))

    def set_error(self, escrow: str, error: str | None) -> None:
        """The last transient error (retried)."""
        with self.transaction():
            self.execute("UPDATE escrows SET error = ? WHERE escrow = ?", (error, escrow))

    def mark_settled(self, escrow: str, opening: int, through_record: int, closes: bool
                     ) -> list[float]:
        """Records of ``escrow``'s ``opening`` up to ``through_record`` are paid (found
        on-chain); returns their lags (seconds from arrival)."""
        with self.transaction():
            return self._settle(escrow, opening, through_record, closes, time.time())

    def _settle(self, escrow: str, opening: int, through_record: int, closes: bool,
                at: float) -> list[float]:
        where = "WHERE escrow = ? AND opening = ? AND id <= ? AND settled_at IS NULL"
        params = (escrow, opening, through_record)
        lags = [at - float(row[0]) for row in self.rows(
            f"SELECT received_at FROM records {where}", params)]
        self.execute(f"UPDATE records SET settled_at = ? {where}", (at, *params))
        self.execute("UPDATE escrows SET error = NULL, closed = closed OR "
                     "(? AND opening IS NOT NULL AND opening = ?) "
                     "WHERE escrow = ?", (closes, opening, escrow))
        return lags

    # ---- transactions

    def add_transaction(self, worker: str, signature: str, raw: bytes,
                        last_valid_block_height: int,
                        settlements: Sequence[Settlement]) -> int:
        """Journals a signed transaction before it is sent."""
        with self.transaction():
            cursor = self.execute(
                "INSERT INTO transactions (signature, raw, last_valid_block_height, state, "
                "worker, created_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id",
                (signature, raw, last_valid_block_height, worker, time.time()))
            tx_id = int(cursor.fetchone()[0])
            for s in settlements:
                self.execute("INSERT INTO settlements (tx_id, escrow, opening, seq, amount, "
                             "through_record, closes) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (tx_id, s.escrow, s.opening, s.seq, s.amount, s.through_record,
                              s.closes))
        return tx_id

    def finish_transaction(self, tx_id: int, state: str, error: str | None = None
                           ) -> list[float]:
        """``landed`` (its records are settled; returns their lags), ``failed`` or
        ``expired`` (never landed: its records wait for the next transaction)."""
        now = time.time()
        lags: list[float] = []
        with self.transaction():
            self.execute("UPDATE transactions SET state = ?, error = ?, finished_at = ? "
                         "WHERE id = ? AND state = 'pending'", (state, error, now, tx_id))
            for escrow, opening, through, closes in self.rows(
                    "SELECT escrow, opening, through_record, closes FROM settlements "
                    "WHERE tx_id = ?", (tx_id,)):
                if state == "landed":
                    lags += self._settle(escrow, int(opening), int(through), bool(closes), now)
                else:
                    self.execute("UPDATE escrows SET error = ? WHERE escrow = ?",
                                 (f"{state}: {error}" if error else state, escrow))
        return lags

    def pending_transactions(self, escrows: Sequence[str] | None = None
                             ) -> list[PendingTransaction]:
        """Transactions sent (or about to be) whose outcome is not journaled yet; with
        ``escrows``, those touching one of them."""
        found = []
        for tx_id, signature, raw, lvbh in self.rows(
                "SELECT id, signature, raw, last_valid_block_height FROM transactions "
                "WHERE state = 'pending' ORDER BY id"):
            settlements = [Settlement(e, int(o), int(q), int(a), int(t), bool(c))
                           for e, o, q, a, t, c in self.rows(
                               "SELECT escrow, opening, seq, amount, through_record, closes "
                               "FROM settlements WHERE tx_id = ?", (tx_id,))]
            if escrows is None or any(s.escrow in escrows for s in settlements):
                found.append(PendingTransaction(int(tx_id), str(signature), bytes(raw),
                                                int(lvbh), settlements))
        return found

    def open_escrows(self) -> list[str]:
        return [row[0] for row in self.rows("SELECT escrow FROM escrows WHERE NOT closed "
                                            "ORDER BY escrow")]

    def expected_next_seqs(self, escrows: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Each escrow's (opening, next ``seq``) as the journal knows it: the last landed
        paying settlement's of the opening last seen, + 1 (escrows without one are left
        out)."""
        found = {}
        for escrow in escrows:
            for opening, seq in self.rows(
                    "SELECT s.opening, MAX(s.seq) FROM settlements s "
                    "JOIN transactions t ON t.id = s.tx_id "
                    "JOIN escrows e ON e.escrow = s.escrow AND e.opening = s.opening "
                    "WHERE s.escrow = ? AND t.state = 'landed' AND s.amount > 0 "
                    "GROUP BY s.opening", (escrow,)):
                found[escrow] = (int(opening), int(seq) + 1)
        return found

    # ---- lookup tables

    def add_lookup_table(self, address: str) -> None:
        with self.transaction():
            self.execute("INSERT INTO lookup_tables (address, created_at) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", (address, time.time()))

    def lookup_tables(self) -> list[str]:
        return [row[0] for row in self.rows(
            "SELECT address FROM lookup_tables ORDER BY created_at")]

    # ---- status

    def unsettled_count(self) -> int:
        """Unsettled records that can still be settled (neither they nor their escrow
        failed)."""
        [(count,)] = self.rows(
            "SELECT COUNT(*) FROM records r JOIN escrows e ON e.escrow = r.escrow "
            "WHERE r.settled_at IS NULL AND r.failure IS NULL AND e.failure IS NULL")
        return int(count)

    def lags(self) -> list[float]:
        """Seconds from arrival to settlement of every settled record."""
        return [float(row[0]) for row in self.rows(
            "SELECT settled_at - received_at FROM records WHERE settled_at IS NOT NULL")]

    def backlog(self) -> Backlog:
        per_node = [
            {"node": node or "unknown", "escrows": int(escrows), "records": int(records),
             "seconds": int(seconds), "amount": int(amount),
             "oldest_age_seconds": round(time.time() - float(oldest), 3)}
            for node, escrows, records, seconds, amount, oldest in self.rows(
                "SELECT e.node, COUNT(DISTINCT e.escrow), COUNT(*), SUM(r.seconds), "
                "SUM(r.amount), MIN(r.received_at) FROM records r JOIN escrows e "
                "ON e.escrow = r.escrow WHERE r.settled_at IS NULL AND r.failure IS NULL "
                "AND e.failure IS NULL GROUP BY e.node ORDER BY e.node")]
        in_flight = [
            {"signature": sig, "worker": worker, "escrows": int(count),
             "last_valid_block_height": int(lvbh), "age_seconds": round(time.time() - at, 3)}
            for sig, worker, lvbh, at, count in self.rows(
                "SELECT t.signature, t.worker, t.last_valid_block_height, t.created_at, "
                "COUNT(s.escrow) FROM transactions t JOIN settlements s ON s.tx_id = t.id "
                "WHERE t.state = 'pending' GROUP BY t.id, t.signature, t.worker, "
                "t.last_valid_block_height, t.created_at ORDER BY t.id")]
        failed = sorted([
            {"escrow": escrow, "node": node, "reason": failure or error,
             "permanent": failure is not None, "unsettled_records": int(count)}
            for escrow, node, failure, error, count in [*self.rows(
                "SELECT e.escrow, e.node, e.failure, e.error, COUNT(r.id) FROM escrows e "
                "LEFT JOIN records r ON r.escrow = e.escrow AND r.settled_at IS NULL "
                "AND r.failure IS NULL "
                "WHERE e.failure IS NOT NULL OR (e.error IS NOT NULL AND NOT e.closed) "
                "GROUP BY e.escrow, e.node, e.failure, e.error"), *self.rows(
                "SELECT r.escrow, e.node, r.failure, NULL, COUNT(*) FROM records r "
                "JOIN escrows e ON e.escrow = r.escrow WHERE r.failure IS NOT NULL "
                "GROUP BY r.escrow, e.node, r.failure")]], key=lambda f: str(f["escrow"]))
        [(records, settled, escrows, closed)] = self.rows(
            "SELECT (SELECT COUNT(*) FROM records), "
            "(SELECT COUNT(*) FROM records WHERE settled_at IS NOT NULL), "
            "(SELECT COUNT(*) FROM escrows), "
            "(SELECT COUNT(*) FROM escrows WHERE closed)")
        totals = {"records": int(records), "settled_records": int(settled),
                  "escrows": int(escrows), "closed_escrows": int(closed)}
        return Backlog(per_node, in_flight, failed, totals)


def open_journal(url: str) -> Journal:
    """``sqlite:///PATH`` (WAL; the default, embedded) or ``postgresql://...`` (several
    workers may share it)."""
    if url.startswith("sqlite:///"):
        from ionet.coordinator.journal_sqlite import SqliteJournal

        return SqliteJournal.open(url[len("sqlite:///"):])
    if url.startswith(("postgresql://", "postgres://")):
        from ionet.coordinator.journal_postgres import PostgresJournal

        return PostgresJournal.open(url)
    raise ValueError(f"journal {url!r}: use sqlite:///PATH or postgresql://...")
