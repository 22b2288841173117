"""Spool ingestion: ``DIR/*.jsonl`` files, taken only once complete (writers write
``x.tmp`` and rename it, so a ``.jsonl`` name means the file is whole).

A file's records and its digest are journaled in one transaction; then it moves to
``DIR/done/``. A crash in between leaves a file whose digest is journaled: it is moved
without being read again. The same contents under another name are taken once too (and
each report id is stored once anyway). While the journal's server is unreachable the
files stay in the spool, to be taken once it is back. A malformed file moves to
``DIR/rejected/`` beside a ``.error`` file saying why; none of its records are stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from solders.pubkey import Pubkey

from ionet.coordinator import faults
from ionet.coordinator.journal import Journal, JournalFull, JournalUnavailable
from ionet.coordinator.metrics import Metrics
from ionet.coordinator.records import RecordError, parse_batch

__all__ = ["Spool"]

log = logging.getLogger("ionet.coordinator")


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    counter = 1
    while target.exists():
        target = folder / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    path.replace(target)
    return target


@dataclass
class Spool:
    folder: Path
    journal: Journal
    metrics: Metrics
    escrow_of: Callable[[Pubkey, int], Pubkey]
    full: str | None = None
    """Set while the journal's disk is full (the files wait in the spool)."""

    def waiting(self) -> list[Path]:
        return sorted(self.folder.glob("*.jsonl"))

    def scan(self) -> int:
        """Takes every complete file; returns the number of records added."""
        added = 0
        for path in self.waiting():
            try:
                added += self.take(path)
            except JournalFull as exc:
                if self.full is None:
                    log.error("spool: %s", exc)
                self.full = str(exc)
                self.metrics.rejected.labels("spool", "disk full").inc()
                return added
            except JournalUnavailable:
                return added  # the journal logged it; the files wait
            except FileNotFoundError:
                continue  # another worker took it
        self.full = None
        return added

    def take(self, path: Path) -> int:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if self.journal.file_taken(digest):
            _move(path, self.folder / "done")
            return 0
        try:
            records = parse_batch(data.decode("utf-8"), self.escrow_of)
        except (RecordError, UnicodeDecodeError) as exc:
            moved = _move(path, self.folder / "rejected")
            moved.with_suffix(".error").write_text(f"{exc}\n")
            log.warning("spool: %s rejected: %s", path.name, exc)
            self.metrics.rejected.labels("spool", "malformed").inc()
            return 0
        added, duplicates = self.journal.add_records(records, "spool", (digest, path.name))
        faults.reached("ingested")
        _move(path, self.folder / "done")
        self.metrics.records_in.labels("spool").inc(added)
        self.metrics.duplicates.labels("spool").inc(duplicates)
        log.info("spool: %s: %d record(s), %d duplicate(s)", path.name, added, duplicates)
        return added
