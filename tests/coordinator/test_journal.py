"""The journal's contract, on SQLite and on a real PostgreSQL server alike: each record
once, a batch all or nothing, escrows held by one worker at a time (leases, taken over
once they run out), transactions journaled before sending with their outcome after."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from postgres_server import PostgresServer
from solders.pubkey import Pubkey

from ionet.coordinator import journal_postgres
from ionet.coordinator.journal import Journal, JournalUnavailable, Settlement, open_journal
from ionet.coordinator.metrics import Metrics
from ionet.coordinator.records import UsageRecord
from ionet.coordinator.spool import Spool
from ionet.escrow import escrow_address

ESCROWS = [Pubkey.new_unique() for _ in range(40)]
OPENING = 1_000
"""An opening slot (``ionet.escrow.opening_slot``)."""


@pytest.fixture
def journal(journal_url: str) -> Iterator[Journal]:
    opened = open_journal(journal_url)
    yield opened
    opened.close()


def _records(prefix: str, escrows: list[Pubkey], amount: int = 10) -> list[UsageRecord]:
    return [UsageRecord(f"{prefix}{i}", e, None, amount, False) for i, e in enumerate(escrows)]


def test_each_record_once_and_a_batch_whole(journal: Journal) -> None:
    assert journal.add_records(_records("a", ESCROWS[:3]), "http") == (3, 0)
    assert journal.add_records(_records("a", ESCROWS[:4]), "spool", ("d1", "x.jsonl")) == (1, 3)
    assert journal.file_taken("d1") and not journal.file_taken("d2")
    journal.bind_opening(str(ESCROWS[0]), OPENING)
    usage = journal.usage(str(ESCROWS[0]), OPENING)
    assert (usage.total_amount, len(usage.unsettled), usage.final) == (10, 1, False)
    assert journal.unsettled_count() == 4


def test_one_worker_at_a_time_and_takeover_after_the_lease(journal: Journal) -> None:
    journal.add_records(_records("a", ESCROWS[:5]), "http")
    mine = journal.claim("a", 3, lease_seconds=0.5)
    assert len(mine) == 3
    theirs = journal.claim("b", 10, lease_seconds=0.5)
    assert sorted(theirs) == sorted(set(map(str, ESCROWS[:5])) - set(mine))
    assert journal.claim("b", 10, lease_seconds=0.5) == theirs  # its own, again
    time.sleep(0.6)  # a's leases run out: b takes them over, a can no longer renew
    taken = journal.claim("b", 10, lease_seconds=5)
    assert sorted(taken) == sorted(map(str, ESCROWS[:5]))
    assert journal.renew("a", mine, 5) == set()
    assert journal.renew("b", mine, 5) == set(mine)
    journal.release("b", taken)
    assert len(journal.claim("a", 10, lease_seconds=5)) == 5


def test_concurrent_claims_never_overlap(journal_url: str, journal: Journal) -> None:
    journal.add_records(_records("a", ESCROWS), "http")
    claimed: dict[str, list[str]] = {}
    start = threading.Barrier(3)

    def worker(name: str) -> None:
        own = open_journal(journal_url)
        start.wait()
        claimed[name] = own.claim(name, 15, lease_seconds=30)
        own.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [e for got in claimed.values() for e in got]
    assert len(everything) == len(set(everything)) == len(ESCROWS)  # disjoint, complete


def test_transactions_before_and_after_sending(journal: Journal) -> None:
    journal.add_records(_records("a", ESCROWS[:2]), "http")
    journal.add_records(_records("b", ESCROWS[:2], amount=5), "http")
    first, second = str(ESCROWS[0]), str(ESCROWS[1])
    journal.bind_opening(first, OPENING)
    journal.bind_opening(second, OPENING)
    [(through,)] = journal.rows("SELECT MAX(id) FROM records WHERE escrow = ?", (first,))
    settlement = Settlement(first, OPENING, 7, 15, int(through), False)
    tx = journal.add_transaction("a", "sig1", b"raw", 99, [settlement])
    [pending] = journal.pending_transactions()
    assert (pending.id, pending.raw, pending.last_valid_block_height) == (tx, b"raw", 99)
    assert journal.pending_transactions([str(ESCROWS[1])]) == []
    lags = journal.finish_transaction(tx, "landed")
    assert len(lags) == 2 and all(lag >= 0 for lag in lags)
    assert journal.pending_transactions() == []
    assert journal.usage(first, OPENING).unsettled == []
    assert journal.expected_next_seqs([first, second]) == {first: (OPENING, 8)}
    expired = journal.add_transaction("a", "sig2", b"raw2", 100,
                                      [Settlement(second, OPENING, 1, 15, 99, False)])
    assert journal.finish_transaction(expired, "expired", "blockhash expired") == []
    assert len(journal.usage(second, OPENING).unsettled) == 2
    [failed] = journal.backlog().failed
    assert failed["escrow"] == str(ESCROWS[1]) and "expired" in failed["reason"]


def test_each_opening_of_an_escrow_counts_its_own_records_only(journal: Journal) -> None:
    """The same address opened again: records bound to one opening are never another's,
    and those whose opening ended before they were settled fail for good."""
    escrow = str(ESCROWS[0])

    def add(report_id: str, amount: int) -> None:
        journal.add_records([UsageRecord(report_id, ESCROWS[0], None, amount, False)], "t")

    def amounts(opening: int) -> tuple[int, list[int]]:
        usage = journal.usage(escrow, opening)
        return usage.total_amount, [a for _, _, a in usage.unsettled]

    add("r1", 5)
    journal.bind_opening(escrow, OPENING)
    [(r1,)] = journal.rows("SELECT id FROM records WHERE report_id = 'r1'")
    journal.mark_settled(escrow, OPENING, int(r1), False)
    add("r2", 1)  # arrives after the address was opened again
    journal.bind_opening(escrow, OPENING + 10)
    assert amounts(OPENING + 10) == (1, [1]) and amounts(OPENING) == (5, [])
    add("r3", 2)  # bound to the second opening, which then ends unsettled
    journal.bind_opening(escrow, OPENING + 10)
    assert amounts(OPENING + 10) == (3, [1, 2])
    assert journal.opening_ended(escrow)
    add("r4", 4)  # planned while nothing is open: the ended opening's
    assert journal.opening_ended(escrow)
    assert journal.unsettled_count() == 0 and journal.claim("w", 10, 5) == []
    [failed] = journal.backlog().failed
    assert failed["escrow"] == escrow and failed["unsettled_records"] == 3
    assert failed["permanent"] and "refunded or closed elsewhere" in failed["reason"]
    add("r5", 7)  # a third opening pays for its own record only
    assert journal.claim("w", 10, 5) == [escrow]
    journal.bind_opening(escrow, OPENING + 20)
    assert amounts(OPENING + 20) == (7, [7]) and amounts(OPENING + 10) == (0, [])
    assert journal.unsettled_count() == 1


def test_a_closed_escrow_opened_again_takes_new_records(journal: Journal) -> None:
    """After this coordinator's close, a record planned while the address is open again
    is the new opening's; one planned while nothing is open arrived after the close."""
    escrow = str(ESCROWS[0])
    journal.add_records([UsageRecord("c1", ESCROWS[0], None, 5, True)], "t")
    journal.bind_opening(escrow, OPENING)
    [(c1,)] = journal.rows("SELECT id FROM records WHERE report_id = 'c1'")
    journal.mark_settled(escrow, OPENING, int(c1), True)
    journal.add_records([UsageRecord("late", ESCROWS[0], None, 1, False)], "t")
    assert journal.opening_ended(escrow)
    [failed] = journal.backlog().failed
    assert failed["reason"] == "arrived after the escrow was closed"
    journal.add_records([UsageRecord("c2", ESCROWS[0], None, 2, False)], "t")
    journal.bind_opening(escrow, OPENING + 10)
    usage = journal.usage(escrow, OPENING + 10)
    assert (usage.total_amount, usage.final) == (2, False)
    assert journal.backlog().totals["closed_escrows"] == 0
    assert journal.open_escrows() == [escrow]


def test_soonest_expiry_is_claimed_first(journal: Journal) -> None:
    journal.add_records(_records("a", ESCROWS[:3]), "http")
    for escrow, expires_at in zip(ESCROWS[:3], (3_000, 1_000, 2_000), strict=True):
        journal.note_escrow(str(escrow), "node", expires_at)
    assert journal.claim("a", 1, lease_seconds=5) == [str(ESCROWS[1])]
    assert journal.claim("b", 1, lease_seconds=5) == [str(ESCROWS[2])]


def test_a_full_disk_leaves_spool_files_waiting(tmp_path: Path) -> None:
    journal = open_journal(f"sqlite:///{tmp_path / 'journal.db'}")
    folder = tmp_path / "spool"
    folder.mkdir()
    spool = Spool(folder, journal, Metrics(), escrow_address)
    lines = "".join(json.dumps({"report_id": f"r{i}-{'x' * 100}", "escrow": str(ESCROWS[0]),
                                "amount": 1}) + "\n" for i in range(300))
    (folder / "big.jsonl").write_text(lines)
    [(pages,)] = journal.rows("PRAGMA page_count")
    journal.execute(f"PRAGMA max_page_count = {pages}")
    assert spool.scan() == 0
    assert spool.full is not None and "disk is full" in spool.full
    assert (folder / "big.jsonl").exists() and journal.unsettled_count() == 0
    journal.execute("PRAGMA max_page_count = 1073741823")
    assert spool.scan() == 300 and spool.full is None
    assert not (folder / "big.jsonl").exists()


def test_a_batch_cut_by_a_lost_connection_is_retried_whole(postgres: PostgresServer) -> None:
    """The journal's backend terminated in the middle of a batch's transaction: nothing
    of it is stored, the journal says it is unavailable (at once: it reconnects in the
    background), and the same batch sent again once it has reconnected is stored whole,
    once."""
    url = postgres.new_database()
    journal = open_journal(url)
    batch = _records("cut", ESCROWS[:5])

    class CutAfterFirst(list[UsageRecord]):
        def __iter__(self) -> Iterator[UsageRecord]:
            items = list.__iter__(self)
            yield next(items)
            with psycopg.connect(url, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)",
                              (journal.conn.info.backend_pid,))
            yield from items

    try:
        with pytest.raises(JournalUnavailable, match="unreachable"):
            journal.add_records(CutAfterFirst(batch), "http")
        deadline = time.monotonic() + 10
        while True:
            try:
                added = journal.add_records(batch, "http")
                break
            except JournalUnavailable:
                assert time.monotonic() < deadline, "the journal did not reconnect"
                time.sleep(0.05)
        assert added == (5, 0)
        assert journal.rows("SELECT COUNT(*) FROM records") == [(5,)]
    finally:
        journal.close()


def test_a_statement_waiting_on_a_lock_is_slow_not_lost(postgres: PostgresServer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement that waits on another session's lock for longer than the statement
    deadline is left to finish: the server says it is running it (a silent host, which
    says nothing, is given up on: test_journal_outage.py)."""
    monkeypatch.setattr(journal_postgres, "STATEMENT_DEADLINE", 1.0)
    url = postgres.new_database()
    journal = open_journal(url)
    holder = psycopg.connect(url)
    holder.execute("LOCK TABLE records IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(3.5, holder.commit)
    release.start()
    try:
        started = time.monotonic()
        assert journal.rows("SELECT COUNT(*) FROM records") == [(0,)]
        assert time.monotonic() - started > 3, "the lock did not hold the statement"
        assert not journal.conn.broken
    finally:
        release.join()
        holder.close()
        journal.close()
