"""The local validator's state machine: LiteSVM plus everything a JSON-RPC node keeps.

LiteSVM executes transactions; this class adds what a cluster has around it: slots and a
clock that follow wall time, recent blockhashes (150 slots valid), SlotHashes, a status
cache and transaction history, an index of accounts by owner (LiteSVM cannot list
accounts), a faucet, and optional persistence (:mod:`ionet.localnet.ledger`).

Everything runs on one thread; the network servers call it from their event loop.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Protocol

from solders.account import Account
from solders.clock import Clock
from solders.hash import Hash
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import TransferParams, transfer
from solders.transaction import VersionedTransaction
from solders.transaction_metadata import (
    FailedTransactionMetadata,
    SimulatedTransactionInfo,
    TransactionMetadata,
)

from ionet.localnet.account_index import AccountIndex
from ionet.localnet.encoding import (
    ADDRESS_LOOKUP_TABLE_PROGRAM,
    JSON,
    SYSTEM_PROGRAM,
    TOKEN_PROGRAMS,
    b58,
    b64,
    lookup_table_addresses,
    mint_fields,
)
from ionet.localnet.fees import hand_fee_payer, transaction_fee
from ionet.localnet.records import TokenBalance, TxRecord, token_balance, writable_flags

MAX_PROCESSING_AGE: Final = 150
"""A blockhash is valid for this many blocks after its own."""
SLOT_HASHES_MAX: Final = 512
DEFAULT_SLOT_SECONDS: Final = 0.4
SKIPPED_RANGES_KEPT: Final = 100_000
DEFAULT_HISTORY_LIMIT: Final = 500_000
"""Transactions kept for getTransaction & co. (about 1.6 KB each)."""
FAUCET_LAMPORTS: Final = 500_000_000 * 10**9
WALLET_LAMPORTS: Final = 1_000_000 * 10**9
_NATIVE_LOADER: Final = Pubkey.from_string("NativeLoader1111111111111111111111111111111")
_SYSVAR_OWNER: Final = Pubkey.from_string("Sysvar1111111111111111111111111111111111111")
NOT_PERSISTED_OWNERS: Final = frozenset({_NATIVE_LOADER, _SYSVAR_OWNER})


class Listener(Protocol):
    """Receives what happened, for WebSocket subscriptions."""

    def on_transaction(self, record: TxRecord, writes: dict[Pubkey, Account]) -> None: ...

    def on_slot(self, slot: int, parent: int) -> None: ...


@dataclass(slots=True)
class Outcome:
    """What executing (or simulating) a transaction produced."""

    signature: Signature
    err: JSON
    logs: list[str]
    units: int
    return_data: JSON
    inner: JSON
    committed: bool = False
    record: TxRecord | None = None
    post_accounts: dict[Pubkey, Account] = field(default_factory=dict)


class TransactionRejected(Exception):
    """The transaction could not be decoded or sanitized (answered as -32602)."""


@dataclass
class ProgramSpec:
    name: str
    program_id: Pubkey
    so_path: Path
    keypair_path: Path


def _log_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _field(obj: object, name: str) -> Any:
    """solders 0.26 exposes some metadata fields as methods, its stubs as attributes."""
    value = getattr(obj, name)
    return value() if callable(value) else value


def is_live(account: Account | None) -> bool:
    return account is not None and account.lamports > 0


class Validator:
    """LiteSVM with the bookkeeping of an RPC node. See the module docstring."""

    def __init__(
        self,
        svm: LiteSVM,
        wallet: Keypair,
        faucet: Keypair,
        *,
        genesis_hash: Hash,
        slot: int,
        slot_seconds: float = DEFAULT_SLOT_SECONDS,
        time_offset: float = 0.0,
        last_unix: int = 0,
        history_limit: int = DEFAULT_HISTORY_LIMIT,
        log: Callable[[str], None] = _log_stderr,
        svm_expires: int = 0,
    ) -> None:
        self.svm = svm
        self.wallet = wallet
        self.faucet = faucet
        self.genesis_hash = genesis_hash
        self.slot_seconds = slot_seconds
        self.log = log
        self.programs: dict[str, Pubkey] = {}
        self.listeners: list[Listener] = []
        self.ledger: Any = None  # ionet.localnet.ledger.Ledger, set by genesis
        self.started = time.monotonic()
        self.transaction_count = 0
        # Status cache and history (the newest ``history_limit`` transactions).
        self.history_limit = history_limit
        self.history: deque[TxRecord] = deque()
        self.statuses: dict[Signature, TxRecord] = {}
        self._by_address: dict[Pubkey, deque[TxRecord]] = {}
        self._unaddressed: deque[TxRecord] = deque()
        """Restored transactions not yet in ``by_address`` (built when first read)."""
        self._by_slot: dict[int, list[TxRecord]] = {}
        self._unslotted: deque[TxRecord] = deque()
        """Restored transactions not yet in ``by_slot`` (built when first read)."""
        self.pending_records: list[TxRecord] = []
        self.accounts = AccountIndex()
        self.dirty: set[Pubkey] = set()
        self.state_dirty = True
        # Clock.
        self.schedule = svm.get_epoch_schedule()
        self.time_offset = time_offset
        self.frozen_unix: int | None = None  # see advance_clock
        self.unix = last_unix
        self.slot = -1
        self.first_slot = 0
        """The oldest block (genesis, or the slot a ``--warp-slot`` ledger started at)."""
        self.skipped: deque[tuple[int, int]] = deque(maxlen=SKIPPED_RANGES_KEPT)
        """Slot ranges (first, last) jumped over since the start: no block was made there."""
        self.contact: dict[str, str | None] = {}
        """``rpc``, ``pubsub``, … addresses, for getClusterNodes (set by the server)."""
        self.epoch_start_timestamp = 0
        self.blockhashes: OrderedDict[Hash, int] = OrderedDict()
        self.latest_blockhash = Hash.default()
        self.slot_hashes: deque[tuple[int, Hash]] = deque(maxlen=SLOT_HASHES_MAX)
        # LiteSVM's blockhashes are a hash chain from a fixed seed: a restart continues it
        # (see ``continue_blockhash_chain``) so that no blockhash is ever handed out twice.
        self.svm_expires = svm_expires
        # What changed since the last flush (the ledger appends only that).
        self._new_blockhashes: list[tuple[Hash, int]] = []
        self._new_slot_hashes: list[tuple[int, Hash]] = []
        self._airdrop_counter = 0
        self._origin_mono = time.monotonic()
        self._origin_slot = slot
        self._set_slot(slot)

    # ------------------------------------------------------------------ clock

    def tick(self) -> None:
        """Catch the slot up with wall time (a slot every ``slot_seconds``)."""
        elapsed = time.monotonic() - self._origin_mono
        target = self._origin_slot + int(elapsed / self.slot_seconds)
        if target > self.slot:
            self._set_slot(target)

    def advance_clock(self, seconds: float = 0, slots: int | None = None, *,
                      unix: int | None = None, freeze: bool = False) -> None:
        """Move time ``seconds`` forward, or to the absolute ``unix`` time (not before the
        current one), and the slot ``slots`` (default: as many slots as fit in the jump,
        at least one).

        With ``freeze`` the Clock's ``unix_timestamp`` then stays at the new time while
        wall-clock slots keep coming, until the next call (which unfreezes it unless it
        freezes again): a test can send at an exact second. Unfrozen, time follows the wall
        clock again from where it stands."""
        if seconds < 0 or (slots is not None and slots < 0):
            raise ValueError("time only moves forward")
        if unix is not None and unix < self.unix:
            raise ValueError(f"time only moves forward: {unix} is before {self.unix}")
        if unix is not None:
            target = unix
        elif self.frozen_unix is not None:
            target = self.frozen_unix + math.floor(seconds)
        else:
            target = max(self.unix, int(time.time() + self.time_offset + seconds))
        if slots is None:
            jump = seconds if unix is None else target - self.unix
            slots = max(1, math.ceil(jump / self.slot_seconds))
        if unix is None and self.frozen_unix is None:
            self.time_offset += seconds
        else:
            # Wall time resumes from ``target`` (a fraction of a second in, so that the
            # float sum never rounds below it).
            self.time_offset = target + 0.5 - time.time()
        self.frozen_unix = target if freeze else None
        self._origin_slot += slots
        self._set_slot(self.slot + slots, force=True, unix=target)

    def _set_slot(self, slot: int, force: bool = False, unix: int | None = None) -> None:
        parent = self.slot
        if slot <= parent and not force:
            return
        slot = max(slot, parent + 1)
        if 0 <= parent < slot - 1:
            self.skipped.append((parent + 1, slot - 1))
        self.svm.expire_blockhash()
        self.svm_expires += 1
        blockhash = self.svm.latest_blockhash()
        for s in range(max(parent + 1, slot - SLOT_HASHES_MAX + 1), slot):
            filler = Hash(hashlib.sha256(bytes(blockhash) + s.to_bytes(8, "little")).digest())
            self.slot_hashes.appendleft((s, filler))
            self._new_slot_hashes.append((s, filler))
        self.slot_hashes.appendleft((slot, blockhash))
        self._new_slot_hashes.append((slot, blockhash))
        del self._new_slot_hashes[:-SLOT_HASHES_MAX]
        self.svm.set_slot_hashes(list(self.slot_hashes))
        self.slot = slot
        self.latest_blockhash = blockhash
        self.blockhashes[blockhash] = slot
        self._new_blockhashes.append((blockhash, slot))
        while self.blockhashes:
            oldest, at = next(iter(self.blockhashes.items()))
            if at + 2 * MAX_PROCESSING_AGE >= slot:
                break
            del self.blockhashes[oldest]
        if unix is None:
            unix = self.frozen_unix if self.frozen_unix is not None else \
                max(self.unix, int(time.time() + self.time_offset))
        epoch, _ = self.schedule.get_epoch_and_slot_index(slot)
        if epoch != self.schedule.get_epoch_and_slot_index(max(parent, 0))[0] or parent < 0:
            self.epoch_start_timestamp = unix
        self.unix = unix
        self.svm.set_clock(
            Clock(
                slot,
                self.epoch_start_timestamp,
                epoch,
                self.schedule.get_leader_schedule_epoch(slot),
                unix,
            )
        )
        self.state_dirty = True
        for listener in self.listeners:
            listener.on_slot(slot, max(parent, 0))

    def resync_clock(self) -> None:
        """Move past LiteSVM's own clock (deployments warp it) and restart wall timing."""
        svm_slot = self.svm.get_clock().slot
        if svm_slot >= self.slot:
            self._set_slot(svm_slot + 1)
        else:
            self._set_slot(self.slot, force=True)
        self._origin_mono = time.monotonic()
        self._origin_slot = self.slot

    def restore_blockhashes(self, state: dict[str, Any]) -> None:
        """Blockhashes and slot hashes saved in a ledger (older than the current ones)."""
        saved = OrderedDict(
            (Hash.from_string(h), int(s)) for h, s in state.get("blockhashes", [])
        )
        saved.update(self.blockhashes)
        self.blockhashes = saved
        for s, h in state.get("slot_hashes", []):
            if len(self.slot_hashes) >= SLOT_HASHES_MAX:
                break
            if int(s) < self.slot_hashes[-1][0]:
                self.slot_hashes.append((int(s), Hash.from_string(h)))
        self.svm.set_slot_hashes(list(self.slot_hashes))
        self.transaction_count = max(self.transaction_count, int(state.get("tx_count", 0)))

    def state_json(self, *, full: bool = False) -> dict[str, Any]:
        """The state a ledger keeps. Blockhashes and slot hashes: those added since the
        last flush, oldest first (``full``: all of them, oldest first)."""
        if full:
            blockhashes = list(self.blockhashes.items())
            slot_hashes = list(reversed(self.slot_hashes))
        else:
            blockhashes, slot_hashes = self._new_blockhashes, self._new_slot_hashes
        return {
            "slot": self.slot,
            "unix": self.unix,
            "time_offset": self.time_offset,
            "genesis_hash": str(self.genesis_hash),
            "faucet": bytes(self.faucet).hex(),
            "tx_count": self.transaction_count,
            "first_slot": self.first_slot,
            "svm_blockhash": str(self.svm.latest_blockhash()),
            "svm_expires": self.svm_expires,
            "blockhashes": [[str(h), s] for h, s in blockhashes],
            "slot_hashes": [[s, str(h)] for s, h in slot_hashes],
        }

    @property
    def block_height(self) -> int:
        return self.slot

    def last_valid_block_height(self, blockhash_slot: int) -> int:
        return blockhash_slot + MAX_PROCESSING_AGE

    def blockhash_valid(self, blockhash: Hash) -> bool:
        at = self.blockhashes.get(blockhash)
        return at is not None and self.last_valid_block_height(at) >= self.block_height

    def epoch_info(self) -> dict[str, int]:
        epoch, index = self.schedule.get_epoch_and_slot_index(self.slot)
        return {
            "absoluteSlot": self.slot,
            "blockHeight": self.block_height,
            "epoch": epoch,
            "slotIndex": index,
            "slotsInEpoch": self.schedule.get_slots_in_epoch(epoch),
            "transactionCount": self.transaction_count,
        }

    # --------------------------------------------------------------- accounts

    def get_account(self, pubkey: Pubkey) -> Account | None:
        account = self.svm.get_account(pubkey)
        return account if is_live(account) else None

    def mint_decimals(self, mint: Pubkey) -> int | None:
        account = self.svm.get_account(mint)
        if account is None or account.owner not in TOKEN_PROGRAMS:
            return None
        fields = mint_fields(account.data)
        return None if fields is None else fields[1]

    def index_account(self, pubkey: Pubkey, account: Account | None) -> None:
        """Record the current state of ``pubkey`` (None or 0 lamports: gone)."""
        self.accounts.update(pubkey, account)
        self.dirty.add(pubkey)

    def touch(self, keys: Iterable[Pubkey]) -> None:
        for key in keys:
            self.index_account(key, self.svm.get_account(key))

    def set_account(self, pubkey: Pubkey, account: Account) -> None:
        self.svm.set_account(pubkey, account)
        self.index_account(pubkey, account)

    def accounts_of(self, owner: Pubkey) -> list[Pubkey]:
        return [entry.pubkey for entry in self.accounts.select(owner)]

    # ---------------------------------------------------------- transactions

    @staticmethod
    def decode(raw: bytes) -> VersionedTransaction:
        try:
            tx = VersionedTransaction.from_bytes(raw)
        except Exception as exc:
            raise TransactionRejected(
                f"failed to deserialize solana_transaction::versioned::VersionedTransaction: {exc}"
            ) from exc
        try:
            tx.sanitize()
        except Exception as exc:
            raise TransactionRejected(f"invalid transaction: {exc}") from exc
        if not tx.signatures:
            raise TransactionRejected("invalid transaction: no signatures")
        return tx

    def resolve_lookups(self, message: Message | MessageV0) -> tuple[list[Pubkey], list[Pubkey]]:
        """Addresses loaded from lookup tables: (writable, readonly); may raise LookupError."""
        if not isinstance(message, MessageV0):
            return [], []
        writable: list[Pubkey] = []
        readonly: list[Pubkey] = []
        for lookup in message.address_table_lookups:
            table = self.svm.get_account(lookup.account_key)
            if not is_live(table) or table is None:
                raise LookupError("AddressLookupTableNotFound")
            if table.owner != ADDRESS_LOOKUP_TABLE_PROGRAM:
                raise LookupError("InvalidAddressLookupTableOwner")
            addresses = lookup_table_addresses(table.data)
            try:
                writable += [addresses[i] for i in lookup.writable_indexes]
                readonly += [addresses[i] for i in lookup.readonly_indexes]
            except IndexError as exc:
                raise LookupError("InvalidAddressLookupTableIndex") from exc
        return writable, readonly

    def _token_balances(self, accounts: list[Account | None]) -> list[TokenBalance]:
        out = []
        for i, account in enumerate(accounts):
            if account is not None and account.owner in TOKEN_PROGRAMS and account.lamports:
                balance = token_balance(i, account.data, account.owner, self.mint_decimals)
                if balance is not None:
                    out.append(balance)
        return out

    @staticmethod
    def _result_parts(result: TransactionMetadata) -> tuple[list[str], int, JSON, JSON]:
        logs = list(result.logs())
        units = result.compute_units_consumed()
        inner: list[JSON] = []
        for index, group in enumerate(result.inner_instructions()):
            if group:
                inner.append(
                    {
                        "index": index,
                        "instructions": [
                            {
                                "programIdIndex": ix.program_id_index,
                                "accounts": list(ix.accounts),
                                "data": b58(bytes(ix.data)),
                                "stackHeight": _field(item, "stack_height"),
                            }
                            for item in group
                            for ix in (_field(item, "instruction"),)
                        ],
                    }
                )
        rd = _field(result, "return_data")
        data = bytes(rd.data)
        return_data: JSON = None
        if data:  # Agave shows no return data rather than empty data
            return_data = {"programId": str(rd.program_id), "data": [b64(data), "base64"]}
        return logs, units, inner, return_data

    def execute(self, tx: VersionedTransaction, *, preflight: bool) -> Outcome:
        """Run ``tx``. With ``preflight``, a failing transaction leaves no trace (it is
        rolled back, as if only simulated); without, a failure that got as far as paying
        its fee lands on the ledger like on a cluster."""
        self.tick()
        signature = tx.signatures[0]
        if signature in self.statuses:
            return Outcome(signature, "AlreadyProcessed", [], 0, None, None,
                           committed=False, record=self.statuses[signature])
        if not self.age_ok(tx):
            return Outcome(signature, "BlockhashNotFound", [], 0, None, None)
        return self._execute_unchecked(tx, signature, preflight=preflight)

    def age_ok(self, tx: VersionedTransaction) -> bool:
        """A recent blockhash, or the current value of the durable nonce it advances."""
        message = tx.message
        if self.blockhash_valid(message.recent_blockhash):
            return True
        if not tx.uses_durable_nonce():
            return False
        first = message.instructions[0]
        if not first.accounts:
            return False
        nonce = self.get_account(message.account_keys[first.accounts[0]])
        return (nonce is not None and nonce.owner == SYSTEM_PROGRAM and len(nonce.data) == 80
                and nonce.data[4:8] == b"\x01\x00\x00\x00"
                and nonce.data[40:72] == bytes(message.recent_blockhash))

    def _execute_unchecked(
        self, tx: VersionedTransaction, signature: Signature, *, preflight: bool
    ) -> Outcome:
        message = tx.message
        try:
            loaded_w, loaded_r = self.resolve_lookups(message)
        except LookupError:
            loaded_w, loaded_r = [], []
        keys = [*message.account_keys, *loaded_w, *loaded_r]
        flags = writable_flags(message, len(loaded_w), len(loaded_r))
        svm = self.svm
        pre = [svm.get_account(k) for k in keys]
        stand_in = hand_fee_payer(svm, message, pre[0])
        try:
            result = svm.send_transaction(tx)
        except BaseException:
            if stand_in is not None:
                stand_in.give_back(svm)
            raise
        writes: dict[Pubkey, Account] = {}
        for key, flag in zip(keys, flags, strict=True):
            if flag:
                account = svm.get_account(key)
                if account is not None:
                    writes[key] = account
        if isinstance(result, FailedTransactionMetadata):
            err_json = json.loads(result.to_json())["err"]
            meta = result.meta()
            logs, units, inner, return_data = self._result_parts(meta)
            payer = keys[0]
            if stand_in is not None:
                handed = stand_in.lamports
                err_json = stand_in.error(err_json)
            else:
                handed = pre[0].lamports if pre[0] is not None else 0
            post_payer = writes[payer].lamports if payer in writes else 0
            committed = post_payer != handed
            outcome = Outcome(signature, err_json, logs, units, return_data, inner)
            if not committed:
                if stand_in is not None:
                    stand_in.give_back(svm)
                return outcome
            # A failed transaction changed only its fee payer (and a durable nonce).
            before_of = dict(zip(keys, pre, strict=True))
            writes = {k: a for k, a in writes.items() if a != before_of[k]}
            if preflight:
                for key in writes:
                    before = before_of[key]
                    if before is not None:
                        svm.set_account(key, before)
                return outcome
        else:
            err_json = None
            logs, units, inner, return_data = self._result_parts(result)
            outcome = Outcome(signature, None, logs, units, return_data, inner)
        post = [writes.get(k, p) if f else p for k, p, f in zip(keys, pre, flags, strict=True)]
        record = TxRecord(
            signature=signature,
            slot=self.slot,
            block_time=self.unix,
            raw=bytes(tx),
            keys=keys,
            n_loaded_writable=len(loaded_w),
            n_loaded_readonly=len(loaded_r),
            err=err_json,
            fee=self._fee_paid(message, err_json, pre[0], post[0]),
            pre_balances=[a.lamports if a is not None else 0 for a in pre],
            post_balances=[a.lamports if a is not None else 0 for a in post],
            logs=logs,
            compute_units=units,
            inner=inner,
            return_data=return_data,
            pre_token=self._token_balances(pre),
            post_token=self._token_balances(post),
        )
        for key, account in writes.items():
            self.index_account(key, account)
        self._record(record)
        outcome.committed = True
        outcome.record = record
        for listener in self.listeners:
            listener.on_transaction(record, writes)
        return outcome

    def _fee_paid(self, message: Message | MessageV0, err: JSON, pre: Account | None,
                  post: Account | None) -> int:
        if err is not None and pre is not None and post is not None:
            return pre.lamports - post.lamports  # a failed transaction only paid its fee
        return transaction_fee(message)

    @property
    def by_address(self) -> dict[Pubkey, deque[TxRecord]]:
        """Each address's transactions, oldest first."""
        if self._unaddressed:
            merged: dict[Pubkey, deque[TxRecord]] = {}
            for record in self._unaddressed:
                for key in set(record.keys):
                    merged.setdefault(key, deque()).append(record)
            for key, records in self._by_address.items():
                merged.setdefault(key, deque()).extend(records)
            self._by_address = merged
            self._unaddressed.clear()
        return self._by_address

    @property
    def by_slot(self) -> dict[int, list[TxRecord]]:
        """Each slot's transactions, in order."""
        if self._unslotted:
            merged: dict[int, list[TxRecord]] = {}
            for record in self._unslotted:
                merged.setdefault(record.slot, []).append(record)
            for slot, records in self._by_slot.items():
                merged.setdefault(slot, []).extend(records)
            self._by_slot = merged
            self._unslotted.clear()
        return self._by_slot

    def _record(self, record: TxRecord) -> None:
        self.statuses[record.signature] = record
        self._by_slot.setdefault(record.slot, []).append(record)
        self.transaction_count += 1
        by_address = self._by_address
        for key in set(record.keys):
            records = by_address.get(key)
            if records is None:
                records = by_address[key] = deque()
            records.append(record)
        self.pending_records.append(record)
        self.history.append(record)
        while len(self.history) > self.history_limit:
            self._forget(self.history.popleft())

    def _forget(self, old: TxRecord) -> None:
        """Drop the oldest transaction from the in-memory history."""
        self.statuses.pop(old.signature, None)
        if self._unslotted and self._unslotted[0] is old:
            self._unslotted.popleft()
        else:
            in_slot = self._by_slot.get(old.slot)
            if in_slot and in_slot[0] is old:
                del in_slot[0]
                if not in_slot:
                    del self._by_slot[old.slot]
        if self._unaddressed and self._unaddressed[0] is old:
            self._unaddressed.popleft()
            return
        for key in set(old.keys):
            records = self._by_address.get(key)
            if records and records[0] is old:
                records.popleft()
                if not records:
                    del self._by_address[key]

    def simulate(self, tx: VersionedTransaction, *, sig_verify: bool) -> Outcome:
        """Run ``tx`` without committing anything (its blockhash is not checked here). The
        fee payer pays nothing, but is judged and debited during the run as it would be."""
        self.tick()
        signature = tx.signatures[0] if tx.signatures else Signature.default()
        svm = self.svm
        stand_in = hand_fee_payer(svm, tx.message, svm.get_account(tx.message.account_keys[0]))
        if not sig_verify:
            svm.with_sigverify(False)
        try:
            result = svm.simulate_transaction(tx)
        finally:
            if not sig_verify:
                svm.with_sigverify(True)
            if stand_in is not None:
                stand_in.give_back(svm)
        if isinstance(result, FailedTransactionMetadata):
            err = json.loads(result.to_json())["err"]
            if stand_in is not None:
                err = stand_in.error(err)
            logs, units, inner, return_data = self._result_parts(result.meta())
            return Outcome(signature, err, logs, units, return_data, inner)
        assert isinstance(result, SimulatedTransactionInfo)
        logs, units, inner, return_data = self._result_parts(result.meta())
        outcome = Outcome(signature, None, logs, units, return_data, inner)
        outcome.post_accounts = dict(result.post_accounts())
        return outcome

    # ---------------------------------------------------------------- faucet

    def airdrop(self, to: Pubkey, lamports: int) -> Outcome:
        """A system transfer from the faucet, recorded like any transaction."""
        self.tick()
        self._airdrop_counter += 1
        # A blockhash of its own keeps two equal airdrops in one slot distinct.
        seed = bytes(self.latest_blockhash) + self._airdrop_counter.to_bytes(8, "little")
        blockhash = Hash(hashlib.sha256(b"ionet-faucet" + seed).digest())
        ix = transfer(TransferParams(from_pubkey=self.faucet.pubkey(), to_pubkey=to,
                                     lamports=lamports))
        message = Message.new_with_blockhash([ix], self.faucet.pubkey(), blockhash)
        tx = VersionedTransaction(message, [self.faucet])
        return self._execute_unchecked(tx, tx.signatures[0], preflight=True)

    # ------------------------------------------------------------- persistence

    def flush(self, *, sync: bool = True) -> None:
        """Make everything done so far durable (a no-op without a ledger); without
        ``sync``, only write it: the caller then calls ``ledger.sync()``. Raises
        ``LedgerError`` if the ledger cannot be written, and then keeps what is pending."""
        if self.ledger is not None and (self.dirty or self.pending_records or self.state_dirty):
            self.ledger.save(self, sync=sync)
        self.pending_records.clear()
        self.dirty.clear()
        self.state_dirty = False
        self._new_blockhashes.clear()
        self._new_slot_hashes.clear()

    def persistent_accounts(self, keys: Iterable[Pubkey]) -> list[tuple[Pubkey, Account | None]]:
        out: list[tuple[Pubkey, Account | None]] = []
        for key in keys:
            account = self.svm.get_account(key)
            if account is not None and account.owner in NOT_PERSISTED_OWNERS:
                continue
            out.append((key, account if is_live(account) else None))
        return out

    def restore_records(self, records: Iterable[TxRecord]) -> None:
        """Transactions read from a ledger, oldest first (indexed by address when that
        index is first read: a restart need not parse them)."""
        for record in records:
            self.statuses[record.signature] = record
            self.history.append(record)
            self._unaddressed.append(record)
            self._unslotted.append(record)
            self.transaction_count += 1
        while len(self.history) > self.history_limit:
            self._forget(self.history.popleft())

    def info(self) -> dict[str, Any]:
        return {
            "wallet": str(self.wallet.pubkey()),
            "faucet": str(self.faucet.pubkey()),
            "programs": {name: str(pid) for name, pid in self.programs.items()},
            "genesisHash": str(self.genesis_hash),
            "ledger": str(self.ledger.path) if self.ledger is not None else None,
            "slotSeconds": self.slot_seconds,
        }


def continue_blockhash_chain(svm: LiteSVM, state: dict[str, Any]) -> int:
    """Move a new LiteSVM's blockhash to where the ledger's left off; return the number
    of steps from the seed. A LiteSVM starts every process on the same hash chain, so
    without this a restarted node would hand out (and accept) old blockhashes again.
    Each step costs about a microsecond (a second per 100 hours of 400 ms slots)."""
    if "svm_blockhash" not in state:
        raise ValueError("the ledger does not record its blockhash chain")
    target = Hash.from_string(state["svm_blockhash"])
    steps = int(state.get("svm_expires", 0))
    for _ in range(steps):
        svm.expire_blockhash()
    # Deployments may step the chain without counting (a duplicate transaction): search on.
    for extra in range(_CHAIN_SEARCH):
        if svm.latest_blockhash() == target:
            return steps + extra
        svm.expire_blockhash()
    raise ValueError(f"the blockhash chain does not reach {target}")


_CHAIN_SEARCH: Final = 100_000


def system_account(lamports: int) -> Account:
    return Account(lamports, b"", SYSTEM_PROGRAM)
