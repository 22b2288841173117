"""Persistence of a validator in one SQLite file (``--ledger DIR``).

Written after every request that changed something, before its answer goes out, so a
restart (even after a crash of the process) loses nothing that was confirmed. WAL mode
with ``synchronous=NORMAL``: the commits survive a process crash; an OS crash may lose
the last few.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from solders.account import Account
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey

from ionet.localnet.records import TxRecord

if TYPE_CHECKING:
    from ionet.localnet.validator import Validator

_SCHEMA = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    pubkey BLOB PRIMARY KEY, lamports TEXT NOT NULL, owner BLOB NOT NULL,
    executable INTEGER NOT NULL, rent_epoch TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS transactions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, signature BLOB UNIQUE NOT NULL, body TEXT NOT NULL);
"""

DB_NAME = "ledger.sqlite"


class Ledger:
    """The SQLite file of one ledger directory."""

    def __init__(self, path: Path, *, reset: bool = False) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        db = path / DB_NAME
        if reset:
            for suffix in ("", "-wal", "-shm"):
                (path / (DB_NAME + suffix)).unlink(missing_ok=True)
        self.db = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)

    def load_state(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT value FROM state WHERE key = 'validator'").fetchone()
        return None if row is None else json.loads(row[0])

    def _rows(self) -> list[tuple[bytes, str, bytes, int, str, bytes]]:
        # Program accounts last: loading a program reads its ProgramData account.
        return self.db.execute(
            "SELECT pubkey, lamports, owner, executable, rent_epoch, data FROM accounts"
            " ORDER BY executable"
        ).fetchall()

    def restore_accounts(self, svm: LiteSVM) -> None:
        for pubkey, lamports, owner, executable, rent_epoch, data in self._rows():
            account = Account(int(lamports), data, Pubkey.from_bytes(owner), bool(executable),
                              int(rent_epoch))
            svm.set_account(Pubkey.from_bytes(pubkey), account)

    def restore_index(self, validator: Validator) -> None:
        for (pubkey,) in self.db.execute("SELECT pubkey FROM accounts"):
            key = Pubkey.from_bytes(pubkey)
            validator.index_account(key, validator.svm.get_account(key))
        newest = self.db.execute(
            "SELECT body FROM (SELECT seq, body FROM transactions ORDER BY seq DESC LIMIT ?)"
            " ORDER BY seq", (validator.history_limit,))
        validator.restore_records(TxRecord.from_storage(body) for (body,) in newest)
        validator.dirty.clear()

    def save(self, validator: Validator) -> None:
        db = self.db
        db.execute("BEGIN")
        try:
            for key, account in validator.persistent_accounts(validator.dirty):
                if account is None:
                    db.execute("DELETE FROM accounts WHERE pubkey = ?", (bytes(key),))
                else:
                    db.execute(
                        "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            bytes(key),
                            str(account.lamports),
                            bytes(account.owner),
                            int(account.executable),
                            str(account.rent_epoch),
                            bytes(account.data),
                        ),
                    )
            db.executemany(
                "INSERT OR IGNORE INTO transactions (signature, body) VALUES (?, ?)",
                [(bytes(r.signature), r.to_storage()) for r in validator.pending_records],
            )
            if validator.state_dirty:
                db.execute(
                    "INSERT OR REPLACE INTO state VALUES ('validator', ?)",
                    (json.dumps(validator.state_json()),),
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()
