"""Persistence of a validator in one append-only log (``--ledger DIR``: ``DIR/ledger.log``).

Every flush of the validator (after each request that changed something, and after slot
ticks) appends one *record*: the accounts it changed, the transactions it executed and
the validator's small state (slot, clock, new blockhashes). A start replays the records
in order. The server answers a request only after the record holding what it did (or
saw) is written and, with ``--ledger-sync fsync`` (the default), ``fdatasync``-ed: an
acknowledged transaction is on disk before its signature leaves the node.

File layout::

    header   16 bytes  b"ionet-ledger" + u32 version (little-endian)
    record   u32 length | u32 length ^ 0xffffffff | u32 crc32(payload) | payload
    payload  u32 n, n x account  | u32 n, n x (u32 len, transaction JSON) | u32 len, state JSON
    account  pubkey[32] live:u8 lamports:u64 owner[32] executable:u8 rent_epoch:u64
             u32 len, data          (live = 0: the account is gone)

Damage is told apart from a crash: a crash (or a power loss) during the last write can
only leave that one record incomplete (a *torn tail*); it was never acknowledged, so it
is dropped on the next start with a one-line warning, its bytes kept in
``ledger.log.torn``. Anything else (a record in the middle failing its checksum, an
inconsistent length, a bad header, a log shorter than ``ledger.log.mark`` says it was
once on disk) is damage: the start stops with one line naming the file and the
remedies, ``--reset`` or ``--recover`` (keep the records before the damage).
``ledger.log.mark`` (16 bytes, rewritten about once a second and at a clean stop) holds
a length of the log known to be on disk: a torn tail can only start after it.

The log is compacted at start-up when it is more than twice the size of what it holds:
a snapshot record is written to ``ledger.log.new``, synced, and renamed over the log.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import struct
import sys
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from solders.account import Account
from solders.litesvm import LiteSVM
from solders.pubkey import Pubkey

from ionet.localnet.account_index import IndexedAccount
from ionet.localnet.records import TxRecord

if TYPE_CHECKING:
    from ionet.localnet.validator import Validator

LOG_NAME: Final = "ledger.log"
LEGACY_NAME: Final = "ledger.sqlite"
VERSION: Final = 1
HEADER: Final = b"ionet-ledger" + struct.pack("<I", VERSION)
SYNC_MODES: Final = ("fsync", "write")
"""``fsync``: an answer waits for fdatasync (survives a power loss); ``write``: for the
write to the operating system only (survives a crash of the node, not of the machine)."""

_RECORD: Final = struct.Struct("<III")
_MARK: Final = struct.Struct("<QII")  # length on disk, crc32 of it, magic
_MARK_MAGIC: Final = 0x6B72616D
_U32: Final = struct.Struct("<I")
_ACCOUNT: Final = struct.Struct("<32sBQ32sBQI")
_BLOCKHASHES_KEPT: Final = 512
_COMPACT_MIN_BYTES: Final = 1 << 20

RawAccount = tuple[int, bytes, bytes, bool, int]
"""lamports, data, owner, executable, rent_epoch."""


class LedgerError(Exception):
    """The ledger cannot be used as it is; the message names the file and the remedy."""


# ------------------------------------------------------------------ encoding


def encode_record(accounts: Iterable[tuple[Pubkey, Account | None]], transactions: list[str],
                  state: dict[str, Any] | None) -> bytes:
    """One record (header and payload) for the log."""
    parts: list[bytes] = []
    accounts = list(accounts)
    parts.append(_U32.pack(len(accounts)))
    for key, account in accounts:
        if account is None:
            parts.append(_ACCOUNT.pack(bytes(key), 0, 0, bytes(32), 0, 0, 0))
            continue
        data = bytes(account.data)
        parts.append(_ACCOUNT.pack(bytes(key), 1, account.lamports, bytes(account.owner),
                                   int(account.executable), account.rent_epoch, len(data)))
        parts.append(data)
    parts.append(_U32.pack(len(transactions)))
    for body in transactions:
        encoded = body.encode()
        parts.append(_U32.pack(len(encoded)))
        parts.append(encoded)
    state_bytes = b"" if state is None else json.dumps(state, separators=(",", ":")).encode()
    parts.append(_U32.pack(len(state_bytes)))
    parts.append(state_bytes)
    payload = b"".join(parts)
    return _RECORD.pack(len(payload), len(payload) ^ 0xFFFFFFFF, zlib.crc32(payload)) + payload


def decode_payload(payload: bytes) -> tuple[list[tuple[bytes, RawAccount | None]], list[str],
                                            dict[str, Any] | None]:
    """The inverse of :func:`encode_record`'s payload; ValueError / struct.error if bad."""
    size = len(payload)

    def take(pos: int, n: int) -> bytes:
        if pos + n > size:
            raise ValueError("payload ends early")
        return payload[pos : pos + n]

    accounts: list[tuple[bytes, RawAccount | None]] = []
    (count,) = _U32.unpack_from(payload, 0)
    pos = 4
    unpack_account, account_size = _ACCOUNT.unpack_from, _ACCOUNT.size
    for _ in range(count):
        key, live, lamports, owner, executable, rent_epoch, length = unpack_account(payload,
                                                                                    pos)
        pos += account_size
        data = payload[pos : pos + length]  # take() inlined: this loop runs per account
        pos += length
        if pos > size:
            raise ValueError("payload ends early")
        accounts.append((key, (lamports, data, owner, bool(executable), rent_epoch)
                         if live else None))
    transactions = []
    (count,) = _U32.unpack_from(payload, pos)
    pos += 4
    for _ in range(count):
        (length,) = _U32.unpack_from(payload, pos)
        transactions.append(take(pos + 4, length).decode())
        pos += 4 + length
    (length,) = _U32.unpack_from(payload, pos)
    state_bytes = take(pos + 4, length)
    if pos + 4 + length != size:
        raise ValueError("bytes after the payload")
    state = json.loads(state_bytes) if state_bytes else None
    if state is not None and not isinstance(state, dict):
        raise ValueError("state is not an object")
    return accounts, transactions, state


def encode_mark(size: int) -> bytes:
    """The content of ``ledger.log.mark``: ``size`` bytes of the log are on disk."""
    return _MARK.pack(size, zlib.crc32(size.to_bytes(8, "little")), _MARK_MAGIC)


# -------------------------------------------------------------------- replay


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection meanwhile: loading a ledger makes millions of objects and no
    garbage, so each collection would only scan them again (a third of the load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Replayed:
    """What a log holds: the newest version of every account, the newest transactions,
    the validator state, and how the log ended."""

    accounts: dict[bytes, RawAccount] = field(default_factory=dict)
    transactions: deque[str] = field(default_factory=deque)
    state: dict[str, Any] | None = None
    records: int = 0
    end: int = len(HEADER)
    """Offset after the last good record."""
    torn: int = 0
    """Bytes after ``end`` that are an incomplete last write (0: none)."""
    live_bytes: int = 0


class _State:
    """Accumulates the state parts of records: scalars overwrite, blockhashes append."""

    def __init__(self) -> None:
        self.scalars: dict[str, Any] = {}
        self.blockhashes: OrderedDict[str, int] = OrderedDict()
        self.slot_hashes: deque[tuple[int, str]] = deque(maxlen=_BLOCKHASHES_KEPT)

    def apply(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            if key == "blockhashes":
                for h, s in value:
                    self.blockhashes.pop(h, None)
                    self.blockhashes[h] = int(s)
                while len(self.blockhashes) > _BLOCKHASHES_KEPT:
                    self.blockhashes.popitem(last=False)
            elif key == "slot_hashes":
                for s, h in value:
                    self.slot_hashes.appendleft((int(s), h))
            else:
                self.scalars[key] = value

    def result(self) -> dict[str, Any] | None:
        if not self.scalars:
            return None
        return {**self.scalars,
                "blockhashes": [[h, s] for h, s in self.blockhashes.items()],
                "slot_hashes": [[s, h] for s, h in self.slot_hashes]}


class _Damaged(Exception):
    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def replay(data: bytes, history_limit: int) -> Replayed:
    """Read a whole log (``data`` starts with the header). Raises ``_Damaged``."""
    out = Replayed(transactions=deque(maxlen=max(history_limit, 0)))
    state = _State()
    pos = len(HEADER)
    size = len(data)
    account_sizes: dict[bytes, int] = {}
    while pos < size:
        rest = size - pos
        if rest < _RECORD.size:
            out.torn = rest  # a header cut short
            break
        length, check, crc = _RECORD.unpack_from(data, pos)
        if length ^ 0xFFFFFFFF != check:
            if not any(memoryview(data)[pos:]):
                out.torn = rest  # blocks allocated but never written (zeros)
                break
            raise _Damaged(pos, "a record's length is garbled")
        end = pos + _RECORD.size + length
        if end > size:
            out.torn = rest  # the last write cut short
            break
        payload = data[pos + _RECORD.size : end]
        if zlib.crc32(payload) != crc:
            if end == size:
                out.torn = rest  # the last write, partly on disk
                break
            raise _Damaged(pos, "a record fails its checksum")
        try:
            accounts, transactions, record_state = decode_payload(payload)
        except (ValueError, struct.error, UnicodeDecodeError) as exc:
            raise _Damaged(pos, f"a record cannot be decoded ({exc})") from None
        for key, account in accounts:
            if account is None:
                out.accounts.pop(key, None)
                account_sizes.pop(key, None)
            else:
                out.accounts[key] = account
                account_sizes[key] = _ACCOUNT.size + len(account[1])
        out.transactions.extend(transactions)
        if record_state is not None:
            state.apply(record_state)
        out.records += 1
        pos = end
        out.end = end
    out.state = state.result()
    out.live_bytes = (sum(account_sizes.values()) + sum(len(t) + 4 for t in out.transactions)
                      + 64 * 1024)
    return out


# -------------------------------------------------------------------- ledger


def _log_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Ledger:
    """The log of one ledger directory, opened (and replayed) for appending."""

    def __init__(self, path: Path, *, reset: bool = False, recover: bool = False,
                 sync: str = "fsync", history_limit: int = 500_000,
                 log: Callable[[str], None] = _log_stderr) -> None:
        if sync not in SYNC_MODES:
            raise ValueError(f"ledger sync mode must be one of {SYNC_MODES}")
        self.path = path
        self.file = path / LOG_NAME
        self.sync_mode = sync
        self.log = log
        self.replayed = Replayed()
        self.fd = -1
        self.mark_fd = -1
        self.size = 0
        """Bytes of the log written..."""
        self.synced = 0
        """... and of those, known to be on disk (fsync mode)."""
        self.marked = 0
        self._restored: list[IndexedAccount] = []
        try:
            self._open(reset, recover, history_limit)
        except OSError as exc:
            raise LedgerError(f"cannot use the ledger {self.file}: "
                              f"{exc.strerror or exc}") from None

    def _open(self, reset: bool, recover: bool, history_limit: int) -> None:
        path, file = self.path, self.file
        path.mkdir(parents=True, exist_ok=True)
        if reset:
            for name in (LOG_NAME, LOG_NAME + ".new", LOG_NAME + ".torn", LOG_NAME + ".mark",
                         LEGACY_NAME, LEGACY_NAME + "-wal", LEGACY_NAME + "-shm"):
                (path / name).unlink(missing_ok=True)
        (path / (LOG_NAME + ".new")).unlink(missing_ok=True)  # an unfinished compaction
        if not file.exists() and (path / LEGACY_NAME).exists():
            raise LedgerError(f"{path / LEGACY_NAME} was written by an older ionet localnet "
                              "and cannot be read: start with --reset to begin from genesis")
        data = file.read_bytes() if file.exists() else b""
        known = self._read_mark() if file.exists() else 0
        if len(data) < len(HEADER) and HEADER.startswith(data) and known <= len(HEADER):
            data = b""  # created, never written to: nothing was ever acknowledged
        elif len(data) < len(HEADER) and HEADER.startswith(data) and not recover:
            raise LedgerError(f"{file} is damaged: it had {known} bytes on disk, now "
                              f"{len(data)}: start with --reset to begin from genesis")
        elif len(data) < len(HEADER) and HEADER.startswith(data):
            data = b""
        elif not data.startswith(HEADER):
            raise LedgerError(f"{file} is not an ionet localnet ledger (version {VERSION}): "
                              "start with --reset to begin from genesis")
        if data:
            try:
                with collector_paused():
                    self.replayed = replay(data, history_limit)
                if self.replayed.end < known:
                    raise _Damaged(self.replayed.end, f"the log had {known} bytes on disk, "
                                   f"now {self.replayed.end} of them are whole: truncated")
            except _Damaged as damage:
                if not recover:
                    raise LedgerError(
                        f"{file} is damaged at byte {damage.offset} of {len(data)} "
                        f"({damage.reason}): start with --recover to keep what comes before "
                        "it, or --reset to begin from genesis") from None
                self.replayed = replay(data[: damage.offset], history_limit)
                kept = file.with_name(f"{LOG_NAME}.damaged-{int(time.time())}")
                kept.write_bytes(data)
                self.log(f"warning: {file} was damaged at byte {damage.offset} "
                         f"({damage.reason}): kept the {self.replayed.records} records before "
                         f"it, the whole file is saved as {kept}")
                self.replayed.torn = len(data) - damage.offset
            else:
                torn = self.replayed.torn
                if torn:
                    copy = file.with_name(LOG_NAME + ".torn")
                    copy.write_bytes(data[self.replayed.end :])
                    self.log(f"warning: {file} ended in an incomplete write ({torn} bytes "
                             f"after byte {self.replayed.end}, cut short by a crash or power "
                             f"loss, so never acknowledged): dropped it, its bytes are in "
                             f"{copy}")
        if not data:
            self._rewrite(HEADER)
        elif self.replayed.torn:
            with open(file, "r+b") as f:
                f.truncate(self.replayed.end)
                os.fsync(f.fileno())
        self.fd = os.open(file, os.O_WRONLY | os.O_APPEND)
        self.size = self.synced = os.fstat(self.fd).st_size
        self.mark_fd = os.open(path / (LOG_NAME + ".mark"), os.O_RDWR | os.O_CREAT, 0o644)
        self._write_mark(self.size)

    def _read_mark(self) -> int:
        """The length of the log known to be on disk (0: unknown)."""
        mark = self.path / (LOG_NAME + ".mark")
        if not mark.exists():
            return 0
        raw = mark.read_bytes()
        if len(raw) == _MARK.size and encode_mark(_MARK.unpack(raw)[0]) == raw:
            return int(_MARK.unpack(raw)[0])
        self.log(f"warning: {mark} is unreadable: not checking {self.file} against it")
        return 0

    def _write_mark(self, size: int) -> None:
        os.pwrite(self.mark_fd, encode_mark(size), 0)
        os.fdatasync(self.mark_fd)
        self.marked = size

    def mark(self) -> None:
        """Record how long the log is on disk (a torn tail can only come after it)."""
        if self.fd < 0 or self.marked == self.size:
            return
        try:
            if self.sync_mode == "fsync":
                size = self.synced
            else:
                size = self.size
                os.fdatasync(self.fd)
            if size != self.marked:
                self._write_mark(size)
        except OSError as exc:
            raise LedgerError(f"cannot write the ledger {self.file}: "
                              f"{exc.strerror or exc}") from None

    def _rewrite(self, content: bytes) -> None:
        """Replace the log atomically: write a new file, sync it, rename it over."""
        new = self.path / (LOG_NAME + ".new")
        with open(new, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(new, self.file)
        _fsync_dir(self.path)

    # ---------------------------------------------------------------- loading

    def load_state(self) -> dict[str, Any] | None:
        return self.replayed.state

    def restore_accounts(self, svm: LiteSVM) -> None:
        with collector_paused():
            self._restore_accounts(svm)

    def _restore_accounts(self, svm: LiteSVM) -> None:
        owners: dict[bytes, Pubkey] = {}
        restored = self._restored
        # Program accounts last: loading a program reads its ProgramData account. The
        # others in address order, the order of the account index (see AccountIndex).
        in_order = sorted(self.replayed.accounts.items())  # keys are unique: never ties
        items = [item for item in in_order if not item[1][3]]
        items += [item for item in in_order if item[1][3]]
        for key, (lamports, data, owner_bytes, executable, rent_epoch) in items:
            pubkey = Pubkey.from_bytes(key)
            owner = owners.get(owner_bytes)
            if owner is None:
                owner = owners[owner_bytes] = Pubkey.from_bytes(owner_bytes)
            svm.set_account(pubkey, Account(lamports, data, owner, executable, rent_epoch))
            restored.append(IndexedAccount(pubkey, lamports, bytes(bytearray(data)), owner,
                                           executable, rent_epoch))

    def restore_index(self, validator: Validator) -> None:
        """Index what :meth:`restore_accounts` set, and the history (read lazily)."""
        with collector_paused():
            validator.accounts.load(entry for entry in self._restored if entry.lamports)
            self._restored = []
            self.replayed.accounts = {}  # now held by LiteSVM and the index
            validator.restore_records(TxRecord.restored(body)
                                      for body in self.replayed.transactions)
        validator.dirty.clear()

    def compact_if_large(self, validator: Validator) -> bool:
        """Rewrite the log as one snapshot record when it holds mostly old versions."""
        size = os.fstat(self.fd).st_size
        if size < _COMPACT_MIN_BYTES or size < 2 * self.replayed.live_bytes:
            return False
        keys = list(validator.accounts.owner_of)
        snapshot = encode_record(validator.persistent_accounts(keys),
                                 [r.to_storage() for r in validator.history],
                                 validator.state_json(full=True))
        os.close(self.fd)
        self.fd = -1
        self._write_mark(0)  # the log is about to be shorter than the mark says
        self._rewrite(HEADER + snapshot)
        self.fd = os.open(self.file, os.O_WRONLY | os.O_APPEND)
        self.size = self.synced = os.fstat(self.fd).st_size
        self._write_mark(self.size)
        self.log(f"compacted {self.file}: {size} -> {len(HEADER) + len(snapshot)} bytes")
        return True

    # ---------------------------------------------------------------- writing

    def save(self, validator: Validator, *, sync: bool = True) -> None:
        """Append what changed since the last save; durable when this returns, or (without
        ``sync``) once :meth:`sync` returns."""
        record = encode_record(
            validator.persistent_accounts(validator.dirty),
            [r.to_storage() for r in validator.pending_records],
            validator.state_json() if validator.state_dirty else None,
        )
        self.append(record, sync=sync)

    def append(self, record: bytes, *, sync: bool = True) -> None:
        if self.fd < 0:
            raise LedgerError(f"the ledger {self.file} is closed")
        try:
            view = memoryview(record)
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
                self.size += written
        except OSError as exc:
            raise LedgerError(f"cannot write the ledger {self.file}: "
                              f"{exc.strerror or exc}") from None
        if sync:
            self.sync()

    def needs_sync(self) -> bool:
        """Whether something written is not yet as durable as ``--ledger-sync`` wants."""
        return self.sync_mode == "fsync" and self.synced < self.size

    def sync(self) -> None:
        """fdatasync what was written (``fsync`` mode; any thread: it covers at least
        what was written before the call)."""
        if not self.needs_sync():
            return
        size = self.size
        try:
            os.fdatasync(self.fd)
        except OSError as exc:
            raise LedgerError(f"cannot write the ledger {self.file}: "
                              f"{exc.strerror or exc}") from None
        self.synced = max(self.synced, size)

    def close(self) -> None:
        if self.fd >= 0:
            try:
                self.mark()
            except LedgerError:
                pass  # closing after a failed write: the mark stays where it was
            os.close(self.fd)
            self.fd = -1
        if self.mark_fd >= 0:
            os.close(self.mark_fd)
            self.mark_fd = -1
