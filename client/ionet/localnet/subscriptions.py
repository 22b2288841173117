"""WebSocket subscriptions (``*Subscribe`` / ``*Unsubscribe``) and their notifications.

Transport-free: a connection is anything with ``send_text(str)`` that must not block.
All answers are final, so every subscription is notified when a transaction lands, and a
``signatureSubscribe`` on a signature that already landed is notified at once.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from solders.account import Account
from solders.pubkey import Pubkey

from ionet.localnet.encoding import JSON, check_encoding, encode_account
from ionet.localnet.errors import INVALID_PARAMS, METHOD_NOT_FOUND, RpcError, invalid_params
from ionet.localnet.records import TxRecord
from ionet.localnet.rpc_methods import (
    COMMITMENTS,
    _filters,
    _pubkey,
    _signature,
)
from ionet.localnet.validator import Validator


class Connection(Protocol):
    def send_text(self, text: str) -> None: ...


@dataclass
class _Sub:
    id: int
    kind: str
    conn: Connection
    key: Any = None
    encoding: str = "base64"
    data_slice: Any = None
    filters: list[Callable[[bytes], bool]] = field(default_factory=list)
    received: bool = False


_UNSUBSCRIBE = {
    "accountUnsubscribe": "account",
    "programUnsubscribe": "program",
    "signatureUnsubscribe": "signature",
    "logsUnsubscribe": "logs",
    "slotUnsubscribe": "slot",
    "rootUnsubscribe": "root",
    "slotsUpdatesUnsubscribe": "slotsUpdates",
}


def _config(params: list[Any], index: int) -> dict[str, Any]:
    if len(params) <= index or params[index] is None:
        return {}
    cfg = params[index]
    if not isinstance(cfg, dict):
        raise invalid_params("Invalid params: expected a configuration object")
    for key in ("commitment", "encoding"):
        if cfg.get(key) is not None and not isinstance(cfg[key], str):
            raise invalid_params(f"Invalid params: {key} must be a string")
    if cfg.get("commitment") is not None and cfg["commitment"] not in COMMITMENTS:
        raise invalid_params(f"Invalid params: unknown variant `{cfg['commitment']}`")
    return cfg


class Subscriptions:
    """All subscriptions of all connections of one validator."""

    def __init__(self, validator: Validator) -> None:
        self.validator = validator
        self.ids = itertools.count(1)
        self.subs: dict[int, _Sub] = {}
        self.by_kind: dict[str, dict[Any, dict[int, _Sub]]] = {
            k: {} for k in ("account", "program", "signature", "logs", "slot", "root",
                            "slotsUpdates")
        }
        self._deferred: list[_Sub] = []
        validator.listeners.append(self)

    # ------------------------------------------------------------ requests

    def handle_message(self, conn: Connection, text: str | bytes) -> None:
        """Answer one WebSocket message (a request or a batch), then send what the
        requests owe at once (a signature that already landed)."""
        try:
            request = json.loads(text)
        except (ValueError, UnicodeDecodeError):
            conn.send_text(json.dumps({"jsonrpc": "2.0", "id": None, "error": {
                "code": -32700, "message": "Parse error"}}))
            return
        self.validator.tick()
        if isinstance(request, list) and request:
            answer: JSON = [self.handle(conn, r) for r in request]
        else:
            answer = self.handle(conn, request)
        conn.send_text(json.dumps(answer, separators=(",", ":")))
        deferred, self._deferred = self._deferred, []
        for sub in deferred:
            self._signature_now(sub)

    def handle(self, conn: Connection, request: Any) -> JSON:
        """Answer one request object (a subscribe or unsubscribe)."""
        if not isinstance(request, dict) or request.get("jsonrpc") != "2.0" or \
                not isinstance(request.get("method"), str):
            return {"jsonrpc": "2.0", "error": {"code": -32600, "message": "Invalid request"},
                    "id": None}
        req_id = request.get("id")
        params = request.get("params") or []
        try:
            if not isinstance(params, list):
                raise RpcError(INVALID_PARAMS, "Invalid params: expected an array")
            result = self._dispatch(conn, request["method"], params)
            return {"jsonrpc": "2.0", "result": result, "id": req_id}
        except RpcError as exc:
            return {"jsonrpc": "2.0", "error": exc.to_json(), "id": req_id}

    def _dispatch(self, conn: Connection, method: str, params: list[Any]) -> JSON:
        if method in _UNSUBSCRIBE:
            if not params or isinstance(params[0], bool) or not isinstance(params[0], int):
                raise invalid_params("Invalid params: expected a subscription id")
            sub = self.subs.get(params[0])
            if sub is None or sub.kind != _UNSUBSCRIBE[method] or sub.conn is not conn:
                raise invalid_params("Invalid subscription id.")
            self._remove(sub)
            return True
        make = {
            "accountSubscribe": self._account,
            "programSubscribe": self._program,
            "signatureSubscribe": self._signature,
            "logsSubscribe": self._logs,
            "slotSubscribe": self._slot,
            "rootSubscribe": self._root,
            "slotsUpdatesSubscribe": self._slots_updates,
        }.get(method)
        if make is None:
            raise RpcError(METHOD_NOT_FOUND, "Method not found")
        sub = make(conn, params)
        self.subs[sub.id] = sub
        self.by_kind[sub.kind].setdefault(sub.key, {})[sub.id] = sub
        if sub.kind == "signature":
            self._deferred.append(sub)
        return sub.id

    def _new(self, kind: str, conn: Connection, key: Any = None) -> _Sub:
        return _Sub(next(self.ids), kind, conn, key)

    def _account(self, conn: Connection, params: list[Any]) -> _Sub:
        if not params:
            raise invalid_params("Invalid params: missing pubkey")
        sub = self._new("account", conn, _pubkey(params[0]))
        cfg = _config(params, 1)
        sub.encoding = cfg.get("encoding") or "base64"
        check_encoding(sub.encoding)
        sub.data_slice = cfg.get("dataSlice")
        return sub

    def _program(self, conn: Connection, params: list[Any]) -> _Sub:
        if not params:
            raise invalid_params("Invalid params: missing program id")
        sub = self._new("program", conn, _pubkey(params[0]))
        cfg = _config(params, 1)
        sub.encoding = cfg.get("encoding") or "base64"
        check_encoding(sub.encoding)
        sub.data_slice = cfg.get("dataSlice")
        sub.filters = _filters(cfg)
        return sub

    def _signature(self, conn: Connection, params: list[Any]) -> _Sub:
        if not params:
            raise invalid_params("Invalid params: missing signature")
        sub = self._new("signature", conn, _signature(params[0]))
        sub.received = bool(_config(params, 1).get("enableReceivedNotification"))
        return sub

    def _logs(self, conn: Connection, params: list[Any]) -> _Sub:
        if not params:
            raise invalid_params("Invalid params: missing filter")
        _config(params, 1)
        spec = params[0]
        if spec in ("all", "allWithVotes"):
            return self._new("logs", conn, "all")
        if isinstance(spec, dict) and isinstance(spec.get("mentions"), list):
            mentions = spec["mentions"]
            if len(mentions) != 1:
                raise invalid_params("Invalid Request: Only 1 address supported")
            return self._new("logs", conn, _pubkey(mentions[0]))
        raise invalid_params("Invalid params: unknown logs filter")

    def _slot(self, conn: Connection, params: list[Any]) -> _Sub:
        return self._new("slot", conn, None)

    def _root(self, conn: Connection, params: list[Any]) -> _Sub:
        return self._new("root", conn, None)

    def _slots_updates(self, conn: Connection, params: list[Any]) -> _Sub:
        return self._new("slotsUpdates", conn, None)

    def _remove(self, sub: _Sub) -> None:
        self.subs.pop(sub.id, None)
        group = self.by_kind[sub.kind].get(sub.key)
        if group is not None:
            group.pop(sub.id, None)
            if not group:
                del self.by_kind[sub.kind][sub.key]

    def drop(self, conn: Connection) -> None:
        """Forget every subscription of a closed connection."""
        for sub in [s for s in self.subs.values() if s.conn is conn]:
            self._remove(sub)

    # ------------------------------------------------------- notifications

    def _notify(self, sub: _Sub, method: str, result: JSON) -> None:
        text = json.dumps(
            {"jsonrpc": "2.0", "method": method,
             "params": {"result": result, "subscription": sub.id}},
            separators=(",", ":"),
        )
        sub.conn.send_text(text)

    def _ctx(self, value: JSON, slot: int | None = None) -> JSON:
        return {"context": {"slot": self.validator.slot if slot is None else slot},
                "value": value}

    def _signature_now(self, sub: _Sub) -> None:
        if sub.id not in self.subs:
            return
        record = self.validator.statuses.get(sub.key)
        if record is not None:
            self._notify(sub, "signatureNotification", self._ctx({"err": record.err},
                                                                 record.slot))
            self._remove(sub)

    def _encode(self, sub: _Sub, key: Pubkey, account: Account) -> JSON:
        return encode_account(key, account, sub.encoding, sub.data_slice,
                              self.validator.mint_decimals)

    def on_transaction(self, record: TxRecord, writes: dict[Pubkey, Account]) -> None:
        kinds = self.by_kind
        if kinds["signature"]:
            subs = kinds["signature"].get(record.signature)
            if subs:
                for sub in list(subs.values()):
                    self._notify(sub, "signatureNotification",
                                 self._ctx({"err": record.err}, record.slot))
                    self._remove(sub)
        if kinds["logs"]:
            value = {"signature": str(record.signature), "err": record.err,
                     "logs": record.logs}
            targets = list(kinds["logs"].get("all", {}).values())
            for key in set(record.keys):
                targets += kinds["logs"].get(key, {}).values()
            for sub in targets:
                self._notify(sub, "logsNotification", self._ctx(value, record.slot))
        if kinds["account"]:
            for key, account in writes.items():
                for sub in list(kinds["account"].get(key, {}).values()):
                    self._notify(sub, "accountNotification",
                                 self._ctx(self._encode(sub, key, account), record.slot))
        if kinds["program"]:
            for key, account in writes.items():
                if account.lamports == 0:
                    continue
                for sub in list(kinds["program"].get(account.owner, {}).values()):
                    if all(f(account.data) for f in sub.filters):
                        value = {"pubkey": str(key), "account": self._encode(sub, key, account)}
                        self._notify(sub, "programNotification", self._ctx(value, record.slot))

    def on_slot(self, slot: int, parent: int) -> None:
        for sub in list(self.by_kind["slot"].get(None, {}).values()):
            self._notify(sub, "slotNotification", {"parent": parent, "root": slot,
                                                   "slot": slot})
        for sub in list(self.by_kind["root"].get(None, {}).values()):
            self._notify(sub, "rootNotification", slot)
        updates = list(self.by_kind["slotsUpdates"].get(None, {}).values())
        if updates:
            for update in self._slot_updates(slot, parent):
                for sub in updates:
                    self._notify(sub, "slotsUpdatesNotification", update)

    def _slot_updates(self, slot: int, parent: int) -> list[JSON]:
        """Agave's SlotUpdate events: the parent block is done (frozen with its stats,
        confirmed and rooted at once), the new slot's bank is created."""
        now = int(time.time() * 1000)
        records = self.validator.by_slot.get(parent, [])
        failed = sum(1 for r in records if r.err is not None)
        stats = {"numTransactionEntries": len(records),
                 "numSuccessfulTransactions": len(records) - failed,
                 "numFailedTransactions": failed,
                 "maxTransactionsPerEntry": 1 if records else 0}
        done: list[JSON] = [{"type": kind, "slot": parent, "timestamp": now}
                for kind in ("completed", "optimisticConfirmation", "root")]
        done.insert(1, {"type": "frozen", "slot": parent, "timestamp": now, "stats": stats})
        return [*done,
                {"type": "firstShredReceived", "slot": slot, "timestamp": now},
                {"type": "createdBank", "slot": slot, "parent": parent, "timestamp": now}]
