"""Confirmed transactions as the RPC API shows them (``getTransaction`` and friends)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import VersionedTransaction

from ionet.localnet.encoding import JSON, b58, b64, token_account_fields, ui_token_amount
from ionet.localnet.parsed import parse_instruction, parsed_inner_instructions


@dataclass(slots=True)
class TokenBalance:
    """A token account among a transaction's keys, before or after it."""

    index: int
    mint: Pubkey
    owner: Pubkey
    program: Pubkey
    amount: int
    decimals: int

    def to_json(self) -> JSON:
        return {
            "accountIndex": self.index,
            "mint": str(self.mint),
            "owner": str(self.owner),
            "programId": str(self.program),
            "uiTokenAmount": ui_token_amount(self.amount, self.decimals),
        }


def token_balance(
    index: int, data: bytes, program: Pubkey, decimals_of: Any
) -> TokenBalance | None:
    fields = token_account_fields(data)
    if fields is None:
        return None
    mint, owner, amount = fields
    decimals = decimals_of(mint)
    if decimals is None:
        return None
    return TokenBalance(index, mint, owner, program, amount, decimals)


@dataclass(slots=True)
class TxRecord:
    """A transaction that landed (successfully or not), with its status metadata."""

    signature: Signature
    slot: int
    block_time: int
    raw: bytes
    keys: list[Pubkey]
    """Static account keys, then loaded writable, then loaded read-only."""
    n_loaded_writable: int
    n_loaded_readonly: int
    err: JSON
    fee: int
    pre_balances: list[int]
    post_balances: list[int]
    logs: list[str]
    compute_units: int
    inner: JSON
    """``innerInstructions`` in the RPC's JSON form."""
    return_data: JSON
    pre_token: list[TokenBalance] = field(default_factory=list)
    post_token: list[TokenBalance] = field(default_factory=list)
    _meta: JSON = None

    @property
    def loaded_writable(self) -> list[Pubkey]:
        start = len(self.keys) - self.n_loaded_writable - self.n_loaded_readonly
        return self.keys[start : start + self.n_loaded_writable]

    @property
    def loaded_readonly(self) -> list[Pubkey]:
        return self.keys[len(self.keys) - self.n_loaded_readonly :]

    def status_json(self) -> JSON:
        return {"Ok": None} if self.err is None else {"Err": self.err}

    def meta_json(self) -> JSON:
        if self._meta is None:
            meta: JSON = {
                "err": self.err,
                "status": self.status_json(),
                "fee": self.fee,
                "preBalances": self.pre_balances,
                "postBalances": self.post_balances,
                "innerInstructions": self.inner,
                "logMessages": self.logs,
                "preTokenBalances": [t.to_json() for t in self.pre_token],
                "postTokenBalances": [t.to_json() for t in self.post_token],
                "rewards": [],
                "loadedAddresses": {
                    "writable": [str(k) for k in self.loaded_writable],
                    "readonly": [str(k) for k in self.loaded_readonly],
                },
                "computeUnitsConsumed": self.compute_units,
            }
            if self.return_data is not None:
                meta["returnData"] = self.return_data
            self._meta = meta
        return self._meta

    def to_storage(self) -> str:
        return json.dumps(
            {
                "slot": self.slot,
                "blockTime": self.block_time,
                "tx": b64(self.raw),
                "meta": self.meta_json(),
            },
            separators=(",", ":"),
        )

    @staticmethod
    def from_storage(text: str) -> TxRecord:
        import base64

        doc = json.loads(text)
        raw = base64.b64decode(doc["tx"])
        tx = VersionedTransaction.from_bytes(raw)
        meta = doc["meta"]
        writable = [Pubkey.from_string(k) for k in meta["loadedAddresses"]["writable"]]
        readonly = [Pubkey.from_string(k) for k in meta["loadedAddresses"]["readonly"]]
        keys = [*tx.message.account_keys, *writable, *readonly]
        return TxRecord(
            signature=tx.signatures[0],
            slot=doc["slot"],
            block_time=doc["blockTime"],
            raw=raw,
            keys=keys,
            n_loaded_writable=len(writable),
            n_loaded_readonly=len(readonly),
            err=meta["err"],
            fee=meta["fee"],
            pre_balances=meta["preBalances"],
            post_balances=meta["postBalances"],
            logs=meta["logMessages"],
            compute_units=meta.get("computeUnitsConsumed", 0),
            inner=meta["innerInstructions"],
            return_data=meta.get("returnData"),
            _meta=meta,
        )


# ------------------------------------------------------- transaction encodings


def _header(message: Message | MessageV0) -> JSON:
    h = message.header
    return {
        "numRequiredSignatures": h.num_required_signatures,
        "numReadonlySignedAccounts": h.num_readonly_signed_accounts,
        "numReadonlyUnsignedAccounts": h.num_readonly_unsigned_accounts,
    }


def _instructions(message: Message | MessageV0) -> list[JSON]:
    return [
        {
            "programIdIndex": ix.program_id_index,
            "accounts": list(ix.accounts),
            "data": b58(bytes(ix.data)),
            "stackHeight": None,
        }
        for ix in message.instructions
    ]


def _lookups(message: MessageV0) -> list[JSON]:
    return [
        {
            "accountKey": str(lookup.account_key),
            "writableIndexes": list(lookup.writable_indexes),
            "readonlyIndexes": list(lookup.readonly_indexes),
        }
        for lookup in message.address_table_lookups
    ]


def writable_flags(message: Message | MessageV0, n_loaded_writable: int,
                   n_loaded_readonly: int) -> list[bool]:
    h = message.header
    n = len(message.account_keys)
    signed_writable = h.num_required_signatures - h.num_readonly_signed_accounts
    unsigned_end = n - h.num_readonly_unsigned_accounts
    flags = [
        i < signed_writable or h.num_required_signatures <= i < unsigned_end for i in range(n)
    ]
    return flags + [True] * n_loaded_writable + [False] * n_loaded_readonly


def parsed_account_keys(record: TxRecord, tx: VersionedTransaction) -> list[JSON]:
    """``accountKeys`` of ``jsonParsed``: every key with its writable, signer and source."""
    message = tx.message
    n_static = len(message.account_keys)
    flags = writable_flags(message, record.n_loaded_writable, record.n_loaded_readonly)
    n_signers = message.header.num_required_signatures
    return [
        {
            "pubkey": str(key),
            "writable": flags[i],
            "signer": i < n_signers,
            "source": "transaction" if i < n_static else "lookupTable",
        }
        for i, key in enumerate(record.keys)
    ]


def transaction_json(record: TxRecord, tx: VersionedTransaction, parsed: bool) -> JSON:
    message = tx.message
    is_v0 = isinstance(message, MessageV0)
    msg: JSON = {
        "header": _header(message),
        "recentBlockhash": str(message.recent_blockhash),
        "instructions": _instructions(message),
    }
    if parsed:
        msg["accountKeys"] = parsed_account_keys(record, tx)
        keys = record.keys
        msg["instructions"] = [
            parse_instruction(keys[ix.program_id_index], [keys[a] for a in ix.accounts],
                              bytes(ix.data), None)
            for ix in message.instructions
        ]
        del msg["header"]
    else:
        msg["accountKeys"] = [str(k) for k in message.account_keys]
    if is_v0:
        assert isinstance(message, MessageV0)
        msg["addressTableLookups"] = _lookups(message)
    return {"signatures": [str(s) for s in tx.signatures], "message": msg}


def parsed_meta(record: TxRecord) -> JSON:
    """The meta of ``jsonParsed``: inner instructions parsed, no ``loadedAddresses`` (the
    parsed account keys name their source)."""
    meta = {k: v for k, v in record.meta_json().items() if k != "loadedAddresses"}
    meta["innerInstructions"] = parsed_inner_instructions(record.inner, record.keys)
    return meta


def encoded_transaction(
    record: TxRecord, encoding: str, max_version: int | None
) -> JSON:
    """The ``getTransaction`` result; raises ValueError for an unsupported version."""
    tx = VersionedTransaction.from_bytes(record.raw)
    is_v0 = isinstance(tx.message, MessageV0)
    if is_v0 and (max_version is None or max_version < 0):
        raise ValueError("unsupported version")
    if encoding == "base64":
        encoded: JSON = [b64(record.raw), "base64"]
    elif encoding == "base58":
        encoded = [b58(record.raw), "base58"]
    elif encoding == "binary":
        encoded = b58(record.raw)
    else:
        encoded = transaction_json(record, tx, parsed=encoding == "jsonParsed")
    result: JSON = {
        "slot": record.slot,
        "blockTime": record.block_time,
        "transaction": encoded,
        "meta": parsed_meta(record) if encoding == "jsonParsed" else record.meta_json(),
    }
    if max_version is not None:
        result["version"] = 0 if is_v0 else "legacy"
    return result
