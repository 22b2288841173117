"""The JSON-RPC methods, and ``handle``: a request body in, a response body out.

Extension methods (not in Agave, prefixed ``ionet_``):

* ``ionet_advanceClock [seconds]`` or ``[{"seconds": s, "slots": n, "freeze": f}]`` or
  ``[{"unixTimestamp": t, "slots": n, "freeze": f}]``: move the clock's ``unix_timestamp``
  ``s`` seconds forward (or to ``t``, not before the current time) and the slot ``n`` slots
  (default: as many slots as fit in the jump at 400 ms, at least one). With ``freeze`` the
  time then stays put (slots still tick) until the next call. Returns ``{slot,
  unixTimestamp, epoch, frozen}``.
* ``ionet_setAccount [pubkey, {lamports, owner, data: [base64, "base64"], executable}]``:
  write an account as it is given (a test's look-alike: the same bytes under another
  owner); it is kept in the ledger like any other change. Returns null.
* ``ionet_info []``: the wallet (payer and upgrade authority of the deployed programs), the
  faucet, the program ids, the genesis hash and the ledger directory.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Callable
from typing import Any, Final

import orjson
from solders.account import Account
from solders.hash import Hash
from solders.message import MessageV0, from_bytes_versioned
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.transaction import VersionedTransaction

from ionet.localnet import errors as E
from ionet.localnet.encoding import (
    JSON,
    TOKEN_PROGRAMS,
    b58decode,
    check_encoding,
    encode_account,
    encode_keyed_accounts,
    mint_fields,
    token_account_fields,
    ui_token_amount,
)
from ionet.localnet.errors import RpcError, invalid_params, transaction_error_message
from ionet.localnet.fees import transaction_fee
from ionet.localnet.parsed import MEMO_PROGRAMS
from ionet.localnet.records import encoded_transaction
from ionet.localnet.validator import Outcome, TransactionRejected, Validator

API_VERSION: Final = "2.2.0"
FEATURE_SET: Final = 3294202862
PACKET_DATA_SIZE: Final = 1232
MAX_BASE58_TX: Final = 1683
MAX_BASE64_TX: Final = 1644
MAX_MULTIPLE_ACCOUNTS: Final = 100
MAX_SIGNATURE_STATUSES: Final = 256
MAX_FILTERS: Final = 4
MAX_ADVANCE_SECONDS: Final = 100 * 365 * 24 * 3600
COMMITMENTS: Final = frozenset(
    {"processed", "confirmed", "finalized", "recent", "single", "singleGossip", "root", "max"}
)

log = logging.getLogger("ionet.localnet")

Params = list[Any]
Method = Callable[[Validator, Params], JSON]
METHODS: dict[str, Method] = {}


def method(name: str) -> Callable[[Method], Method]:
    def register(fn: Method) -> Method:
        METHODS[name] = fn
        return fn

    return register


# ------------------------------------------------------------------ params


def _param(params: Params, index: int, name: str) -> Any:
    if len(params) <= index:
        raise invalid_params(f"Invalid params: missing {name}")
    return params[index]


def _config(params: Params, index: int) -> dict[str, Any]:
    if len(params) <= index or params[index] is None:
        return {}
    cfg = params[index]
    if not isinstance(cfg, dict):
        raise invalid_params("Invalid params: expected a configuration object")
    for key in ("commitment", "preflightCommitment", "encoding"):
        if cfg.get(key) is not None and not isinstance(cfg[key], str):
            raise invalid_params(f"Invalid params: {key} must be a string")
    commitment = cfg.get("commitment")
    if commitment is not None and commitment not in COMMITMENTS:
        raise invalid_params(f"Invalid params: unknown variant `{commitment}`")
    return cfg


def _pubkey(value: Any) -> Pubkey:
    if not isinstance(value, str):
        raise invalid_params("Invalid params: expected a base-58 public key string")
    try:
        return Pubkey.from_string(value)
    except Exception as exc:
        raise invalid_params("Invalid param: Invalid") from exc


def _signature(value: Any) -> Signature:
    if not isinstance(value, str):
        raise invalid_params("Invalid params: expected a base-58 signature string")
    try:
        return Signature.from_string(value)
    except Exception as exc:
        raise invalid_params("Invalid param: Invalid") from exc


def _uint(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise invalid_params(f"Invalid params: {name} must be a non-negative integer")
    return value


def _check_min_context_slot(v: Validator, cfg: dict[str, Any]) -> None:
    wanted = cfg.get("minContextSlot")
    if wanted is not None and _uint(wanted, "minContextSlot") > v.slot:
        raise RpcError(-32016, "Minimum context slot has not been reached",
                       {"contextSlot": v.slot})


def _ctx(v: Validator, value: JSON) -> JSON:
    return {"context": {"slot": v.slot, "apiVersion": API_VERSION}, "value": value}


def _encoding(cfg: dict[str, Any], default: str) -> str:
    encoding = cfg.get("encoding") or default
    check_encoding(encoding)
    return encoding


def _account(v: Validator, key: Pubkey, encoding: str, data_slice: JSON) -> JSON:
    account = v.get_account(key)
    if account is None:
        return None
    return encode_account(key, account, encoding, data_slice, v.mint_decimals)


# ------------------------------------------------------------- cluster info


@method("getHealth")
def get_health(v: Validator, params: Params) -> JSON:
    return "ok"


@method("getVersion")
def get_version(v: Validator, params: Params) -> JSON:
    return {"solana-core": API_VERSION, "feature-set": FEATURE_SET}


@method("getGenesisHash")
def get_genesis_hash(v: Validator, params: Params) -> JSON:
    return str(v.genesis_hash)


@method("getIdentity")
def get_identity(v: Validator, params: Params) -> JSON:
    return {"identity": str(v.faucet.pubkey())}


@method("getSlot")
def get_slot(v: Validator, params: Params) -> JSON:
    _check_min_context_slot(v, _config(params, 0))
    return v.slot


@method("getBlockHeight")
def get_block_height(v: Validator, params: Params) -> JSON:
    _check_min_context_slot(v, _config(params, 0))
    return v.block_height


@method("getEpochInfo")
def get_epoch_info(v: Validator, params: Params) -> JSON:
    _check_min_context_slot(v, _config(params, 0))
    return v.epoch_info()


@method("getEpochSchedule")
def get_epoch_schedule(v: Validator, params: Params) -> JSON:
    s = v.schedule
    return {
        "slotsPerEpoch": s.slots_per_epoch,
        "leaderScheduleSlotOffset": s.leader_schedule_slot_offset,
        "warmup": s.warmup,
        "firstNormalEpoch": s.first_normal_epoch,
        "firstNormalSlot": s.first_normal_slot,
    }


@method("getTransactionCount")
def get_transaction_count(v: Validator, params: Params) -> JSON:
    return v.transaction_count


@method("getMaxRetransmitSlot")
def get_max_retransmit_slot(v: Validator, params: Params) -> JSON:
    return v.slot


@method("getMaxShredInsertSlot")
def get_max_shred_insert_slot(v: Validator, params: Params) -> JSON:
    return v.slot


# --------------------------------------------------------------- blockhash


@method("getLatestBlockhash")
def get_latest_blockhash(v: Validator, params: Params) -> JSON:
    _check_min_context_slot(v, _config(params, 0))
    at = v.blockhashes[v.latest_blockhash]
    return _ctx(v, {"blockhash": str(v.latest_blockhash),
                    "lastValidBlockHeight": v.last_valid_block_height(at)})


@method("isBlockhashValid")
def is_blockhash_valid(v: Validator, params: Params) -> JSON:
    text = _param(params, 0, "blockhash")
    _check_min_context_slot(v, _config(params, 1))
    if not isinstance(text, str):
        raise invalid_params("Invalid params: expected a base-58 blockhash string")
    try:
        blockhash = Hash.from_string(text)
    except Exception as exc:
        raise invalid_params("Invalid param: Invalid") from exc
    return _ctx(v, v.blockhash_valid(blockhash))


@method("getFeeForMessage")
def get_fee_for_message(v: Validator, params: Params) -> JSON:
    text = _param(params, 0, "message")
    _config(params, 1)
    try:
        message = from_bytes_versioned(base64.b64decode(text, validate=True))
    except Exception as exc:
        raise invalid_params(f"invalid message: {exc}") from exc
    unsigned = VersionedTransaction.populate(
        message, [Signature.default()] * message.header.num_required_signatures)
    if not v.age_ok(unsigned):  # a durable nonce's message has a fee too, as in Agave
        return _ctx(v, None)
    return _ctx(v, transaction_fee(message))


@method("getMinimumBalanceForRentExemption")
def get_minimum_balance_for_rent_exemption(v: Validator, params: Params) -> JSON:
    size = _uint(_param(params, 0, "data length"), "data length")
    if size > 10 * 1024 * 1024:
        raise invalid_params("Invalid params: data length too large")
    return v.svm.minimum_balance_for_rent_exemption(size)


# ---------------------------------------------------------------- accounts


@method("getBalance")
def get_balance(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "pubkey"))
    _check_min_context_slot(v, _config(params, 1))
    account = v.get_account(key)
    return _ctx(v, account.lamports if account is not None else 0)


@method("getAccountInfo")
def get_account_info(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "pubkey"))
    cfg = _config(params, 1)
    _check_min_context_slot(v, cfg)
    return _ctx(v, _account(v, key, _encoding(cfg, "binary"), cfg.get("dataSlice")))


@method("getMultipleAccounts")
def get_multiple_accounts(v: Validator, params: Params) -> JSON:
    keys = _param(params, 0, "pubkeys")
    if not isinstance(keys, list):
        raise invalid_params("Invalid params: expected a list of public keys")
    if len(keys) > MAX_MULTIPLE_ACCOUNTS:
        raise invalid_params(
            f"Invalid params: too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}")
    cfg = _config(params, 1)
    _check_min_context_slot(v, cfg)
    encoding = _encoding(cfg, "base64")
    data_slice = cfg.get("dataSlice")
    return _ctx(v, [_account(v, _pubkey(k), encoding, data_slice) for k in keys])


def _filter(raw: Any) -> Callable[[bytes], bool]:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise invalid_params("Invalid params: bad filter")
    ((kind, arg),) = raw.items()
    if kind == "dataSize":
        size = _uint(arg, "dataSize")
        return lambda data: len(data) == size
    if kind == "memcmp":
        if not isinstance(arg, dict):
            raise invalid_params("Invalid params: bad memcmp filter")
        offset = _uint(arg.get("offset"), "memcmp offset")
        text = arg.get("bytes")
        encoding = arg.get("encoding", "base58")
        if not isinstance(text, str):
            raise invalid_params("Invalid params: memcmp bytes must be a string")
        try:
            if encoding == "base58":
                if len(text) > 175:
                    raise invalid_params("Invalid param: Encoded binary (base 58) data "
                                         "should be less than 128 bytes")
                wanted = b58decode(text)
            elif encoding == "base64":
                wanted = base64.b64decode(text, validate=True)
            else:
                raise invalid_params(f"Invalid params: unknown memcmp encoding {encoding}")
        except (ValueError, binascii.Error) as exc:
            raise invalid_params(f"Invalid param: invalid memcmp bytes: {exc}") from exc
        if len(wanted) > 128:
            raise invalid_params("Invalid param: memcmp bytes too long (max 128)")
        end = offset + len(wanted)
        return lambda data: data[offset:end] == wanted
    if kind == "tokenAccountState":
        return lambda data: token_account_fields(data) is not None
    raise invalid_params(f"Invalid params: unknown filter `{kind}`")


def _filters(cfg: dict[str, Any]) -> list[Callable[[bytes], bool]]:
    raw = cfg.get("filters") or []
    if not isinstance(raw, list):
        raise invalid_params("Invalid params: filters must be a list")
    if len(raw) > MAX_FILTERS:
        raise invalid_params(f"Invalid params: too many filters provided; max {MAX_FILTERS}")
    return [_filter(f) for f in raw]


def _keyed_accounts(
    v: Validator, owner: Pubkey, cfg: dict[str, Any], default_encoding: str,
    extra: list[Callable[[bytes], bool]] | None = None,
) -> list[JSON]:
    encoding = _encoding(cfg, default_encoding)
    data_slice = cfg.get("dataSlice")
    filters = [*_filters(cfg), *(extra or [])]
    entries = v.accounts.select(owner, filters)
    return encode_keyed_accounts(entries, encoding, data_slice, v.mint_decimals)


@method("getProgramAccounts")
def get_program_accounts(v: Validator, params: Params) -> JSON:
    program = _pubkey(_param(params, 0, "program id"))
    cfg = _config(params, 1)
    _check_min_context_slot(v, cfg)
    found = _keyed_accounts(v, program, cfg, "binary")
    return _ctx(v, found) if cfg.get("withContext") else found


# ------------------------------------------------------------------ tokens


def _token_account(v: Validator, key: Pubkey) -> tuple[Pubkey, Pubkey, int]:
    account = v.get_account(key)
    fields = None
    if account is not None and account.owner in TOKEN_PROGRAMS:
        fields = token_account_fields(account.data)
    if fields is None:
        raise invalid_params("Invalid param: not a Token account")
    return fields


@method("getTokenAccountBalance")
def get_token_account_balance(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "pubkey"))
    _check_min_context_slot(v, _config(params, 1))
    mint, _owner, amount = _token_account(v, key)
    decimals = v.mint_decimals(mint)
    if decimals is None:
        raise invalid_params("Invalid param: could not find mint")
    return _ctx(v, ui_token_amount(amount, decimals))


@method("getTokenSupply")
def get_token_supply(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "mint"))
    _check_min_context_slot(v, _config(params, 1))
    account = v.get_account(key)
    fields = mint_fields(account.data) if account is not None and \
        account.owner in TOKEN_PROGRAMS else None
    if fields is None:
        raise invalid_params("Invalid param: not a Token mint")
    supply, decimals = fields
    return _ctx(v, ui_token_amount(supply, decimals))


def _token_accounts_by(v: Validator, params: Params, owner_offset: int) -> JSON:
    who = _pubkey(_param(params, 0, "pubkey"))
    selector = _param(params, 1, "mint or programId filter")
    cfg = _config(params, 2)
    _check_min_context_slot(v, cfg)
    if not isinstance(selector, dict) or len(selector) != 1:
        raise invalid_params("Invalid params: expected {mint} or {programId}")
    programs: tuple[Pubkey, ...] = TOKEN_PROGRAMS
    extra: list[Callable[[bytes], bool]] = []
    if "mint" in selector:
        mint = _pubkey(selector["mint"])
        mint_account = v.get_account(mint)
        if mint_account is None or mint_account.owner not in TOKEN_PROGRAMS:
            raise invalid_params("Invalid param: could not find mint")
        programs = (mint_account.owner,)
        mint_bytes = bytes(mint)
        extra.append(lambda data: data[0:32] == mint_bytes)
    elif "programId" in selector:
        program = _pubkey(selector["programId"])
        if program not in TOKEN_PROGRAMS:
            raise invalid_params("Invalid param: unrecognized Token program id")
        programs = (program,)
    else:
        raise invalid_params("Invalid params: expected {mint} or {programId}")
    who_bytes = bytes(who)
    extra.append(lambda data: token_account_fields(data) is not None)
    if owner_offset == 72:
        extra.append(lambda data: data[72:76] == b"\x01\x00\x00\x00" and data[76:108] == who_bytes)
    else:
        extra.append(lambda data: data[32:64] == who_bytes)
    found: list[JSON] = []
    for program in programs:
        found += _keyed_accounts(v, program, {**cfg, "filters": []},
                                 "binary", extra)
    return _ctx(v, found)


@method("getTokenAccountsByOwner")
def get_token_accounts_by_owner(v: Validator, params: Params) -> JSON:
    return _token_accounts_by(v, params, 32)


@method("getTokenAccountsByDelegate")
def get_token_accounts_by_delegate(v: Validator, params: Params) -> JSON:
    return _token_accounts_by(v, params, 72)


@method("getTokenLargestAccounts")
def get_token_largest_accounts(v: Validator, params: Params) -> JSON:
    mint = _pubkey(_param(params, 0, "mint"))
    _check_min_context_slot(v, _config(params, 1))
    mint_account = v.get_account(mint)
    fields = mint_fields(mint_account.data) if mint_account is not None and \
        mint_account.owner in TOKEN_PROGRAMS else None
    if fields is None or mint_account is None:
        raise invalid_params("Invalid param: not a Token mint")
    decimals = fields[1]
    holders = []
    for key in v.accounts_of(mint_account.owner):
        account = v.get_account(key)
        parsed = token_account_fields(account.data) if account is not None else None
        if parsed is not None and parsed[0] == mint:
            holders.append((parsed[2], key))
    holders.sort(key=lambda h: (-h[0], bytes(h[1])))
    return _ctx(v, [{"address": str(key), **ui_token_amount(amount, decimals)}
                    for amount, key in holders[:20]])


# ------------------------------------------------------------ transactions


def _decode_wire(text: Any, encoding: str) -> bytes:
    if not isinstance(text, str):
        raise invalid_params("Invalid params: expected an encoded transaction string")
    if encoding == "base58":
        if len(text) > MAX_BASE58_TX:
            raise invalid_params(
                f"base58 encoded solana_transaction::versioned::VersionedTransaction too large:"
                f" {len(text)} bytes (max: encoded/raw {MAX_BASE58_TX}/{PACKET_DATA_SIZE})")
        try:
            raw = b58decode(text)
        except ValueError as exc:
            raise invalid_params(f"invalid base58 encoding: {exc}") from exc
    elif encoding == "base64":
        if len(text) > MAX_BASE64_TX:
            raise invalid_params(
                f"base64 encoded solana_transaction::versioned::VersionedTransaction too large:"
                f" {len(text)} bytes (max: encoded/raw {MAX_BASE64_TX}/{PACKET_DATA_SIZE})")
        try:
            raw = base64.b64decode(text, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise invalid_params(f"invalid base64 encoding: {exc}") from exc
    else:
        raise invalid_params(
            f"Invalid params: unsupported encoding: {encoding}. "
            "Supported encodings: base58, base64")
    if len(raw) > PACKET_DATA_SIZE:
        raise invalid_params(
            f"decoded solana_transaction::versioned::VersionedTransaction too large: "
            f"{len(raw)} bytes (max: {PACKET_DATA_SIZE} bytes)")
    return raw


def _decode_tx(v: Validator, text: Any, encoding: str) -> VersionedTransaction:
    raw = _decode_wire(text, encoding)
    try:
        return v.decode(raw)
    except TransactionRejected as exc:
        raise invalid_params(str(exc)) from exc


def _simulation_json(outcome: Outcome) -> dict[str, JSON]:
    return {
        "err": outcome.err,
        "logs": outcome.logs,
        "accounts": None,
        "unitsConsumed": outcome.units,
        "returnData": outcome.return_data,
        "innerInstructions": None,
        "replacementBlockhash": None,
    }


@method("sendTransaction")
def send_transaction(v: Validator, params: Params) -> JSON:
    text = _param(params, 0, "transaction")
    cfg = _config(params, 1)
    pc = cfg.get("preflightCommitment")
    if pc is not None and pc not in COMMITMENTS:
        raise invalid_params(f"Invalid params: unknown variant `{pc}`")
    _check_min_context_slot(v, cfg)
    tx = _decode_tx(v, text, cfg.get("encoding") or "base58")
    skip_preflight = bool(cfg.get("skipPreflight", False))
    outcome = v.execute(tx, preflight=not skip_preflight)
    signature = str(outcome.signature)
    if outcome.committed or skip_preflight:
        return signature
    if outcome.err == "SignatureFailure":
        raise RpcError(E.TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
                       "Transaction signature verification failure")
    raise RpcError(
        E.SEND_TRANSACTION_PREFLIGHT_FAILURE,
        f"Transaction simulation failed: {transaction_error_message(outcome.err)}",
        _simulation_json(outcome),
    )


@method("simulateTransaction")
def simulate_transaction(v: Validator, params: Params) -> JSON:
    text = _param(params, 0, "transaction")
    cfg = _config(params, 1)
    _check_min_context_slot(v, cfg)
    sig_verify = bool(cfg.get("sigVerify", False))
    replace = bool(cfg.get("replaceRecentBlockhash", False))
    if sig_verify and replace:
        raise invalid_params("sigVerify may not be used with replaceRecentBlockhash")
    tx = _decode_tx(v, text, cfg.get("encoding") or "base58")
    if sig_verify and not all(tx.verify_with_results()):
        # Agave verifies before it simulates and answers this error, not a result.
        raise RpcError(E.TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
                       "Transaction signature verification failure")
    accounts_cfg = cfg.get("accounts")
    if accounts_cfg is not None:
        if not isinstance(accounts_cfg, dict) or not isinstance(
            accounts_cfg.get("addresses"), list
        ):
            raise invalid_params("Invalid params: accounts needs a list of addresses")
        account_keys = [_pubkey(a) for a in accounts_cfg["addresses"]]
        account_encoding = accounts_cfg.get("encoding") or "base64"
        check_encoding(account_encoding)
        if account_encoding in ("base58", "binary"):
            raise invalid_params("base58 encoding not supported")
    result: dict[str, JSON]
    if not replace and not v.age_ok(tx):
        result = _simulation_json(
            Outcome(tx.signatures[0], "BlockhashNotFound", [], 0, None, None))
        return _ctx(v, result)
    outcome = v.simulate(tx, sig_verify=sig_verify)
    result = _simulation_json(outcome)
    if accounts_cfg is not None:
        shown = []
        for key in account_keys:
            account = outcome.post_accounts.get(key) or v.get_account(key)
            live = account is not None and account.lamports > 0
            shown.append(encode_account(key, account, account_encoding, None, v.mint_decimals)
                         if live and account is not None else None)
        result["accounts"] = shown
    if cfg.get("innerInstructions"):
        result["innerInstructions"] = outcome.inner
    if replace:
        at = v.blockhashes[v.latest_blockhash]
        result["replacementBlockhash"] = {
            "blockhash": str(v.latest_blockhash),
            "lastValidBlockHeight": v.last_valid_block_height(at),
        }
    return _ctx(v, result)


@method("getSignatureStatuses")
def get_signature_statuses(v: Validator, params: Params) -> JSON:
    sigs = _param(params, 0, "signatures")
    if not isinstance(sigs, list):
        raise invalid_params("Invalid params: expected a list of signatures")
    if len(sigs) > MAX_SIGNATURE_STATUSES:
        raise invalid_params(
            f"Invalid params: too many inputs provided; max {MAX_SIGNATURE_STATUSES}")
    _config(params, 1)
    out: list[JSON] = []
    statuses = v.statuses
    for text in sigs:
        record = statuses.get(_signature(text))
        if record is None:
            out.append(None)
        else:
            out.append({
                "slot": record.slot,
                "confirmations": None,
                "err": record.err,
                "status": record.status_json(),
                "confirmationStatus": "finalized",
            })
    return _ctx(v, out)


def _require_confirmed(cfg: dict[str, Any]) -> None:
    if cfg.get("commitment") in ("processed", "recent"):
        raise invalid_params("Method does not support commitment below `confirmed`")


@method("getTransaction")
def get_transaction(v: Validator, params: Params) -> JSON:
    sig = _signature(_param(params, 0, "signature"))
    raw_cfg = params[1] if len(params) > 1 else None
    cfg = {"encoding": raw_cfg} if isinstance(raw_cfg, str) else _config(params, 1)
    _require_confirmed(cfg)
    encoding = cfg.get("encoding") or "json"
    if encoding not in ("json", "jsonParsed", "base64", "base58", "binary"):
        raise invalid_params(f"Invalid params: unknown variant `{encoding}`")
    raw_version = cfg.get("maxSupportedTransactionVersion")
    max_version = None if raw_version is None else _uint(raw_version,
                                                         "maxSupportedTransactionVersion")
    record = v.statuses.get(sig)
    if record is None:
        return None
    try:
        return encoded_transaction(record, encoding, max_version)
    except ValueError as exc:
        raise unsupported_version() from exc


def unsupported_version() -> RpcError:
    return RpcError(
        E.UNSUPPORTED_TRANSACTION_VERSION,
        "Transaction version (0) is not supported by the requesting client. Please try the"
        ' request again with the following configuration parameter:'
        ' "maxSupportedTransactionVersion": 0',
    )


def _memo(raw: bytes) -> str | None:
    tx = VersionedTransaction.from_bytes(raw)
    message = tx.message
    keys = list(message.account_keys)
    memos = []
    for ix in message.instructions:
        if ix.program_id_index < len(keys) and keys[ix.program_id_index] in MEMO_PROGRAMS:
            text = bytes(ix.data).decode("utf-8", "replace")
            memos.append(f"[{len(bytes(ix.data))}] {text}")
    if isinstance(message, MessageV0):
        pass  # memo programs are never looked up from tables in practice
    return "; ".join(memos) if memos else None


@method("getSignaturesForAddress")
def get_signatures_for_address(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "address"))
    cfg = _config(params, 1)
    _require_confirmed(cfg)
    _check_min_context_slot(v, cfg)
    limit = cfg.get("limit") or 1000
    if _uint(limit, "limit") > 1000 or limit < 1:
        raise invalid_params("Invalid limit; max 1000")
    before = _signature(cfg["before"]) if cfg.get("before") else None
    until = _signature(cfg["until"]) if cfg.get("until") else None
    out: list[JSON] = []
    started = before is None
    for record in reversed(v.by_address.get(key, [])):
        if not started:
            started = record.signature == before
            continue
        if until is not None and record.signature == until:
            break
        out.append({
            "signature": str(record.signature),
            "slot": record.slot,
            "err": record.err,
            "memo": _memo(record.raw),
            "blockTime": record.block_time,
            "confirmationStatus": "finalized",
        })
        if len(out) >= limit:
            break
    return out


@method("requestAirdrop")
def request_airdrop(v: Validator, params: Params) -> JSON:
    key = _pubkey(_param(params, 0, "pubkey"))
    lamports = _uint(_param(params, 1, "lamports"), "lamports")
    _config(params, 2)
    if lamports == 0:
        raise invalid_params("Invalid params: lamports must be positive")
    available = v.svm.get_balance(v.faucet.pubkey()) or 0
    if lamports > available // 2:
        raise invalid_params(f"Invalid params: the faucet gives at most {available // 2} "
                             "lamports at once")
    outcome = v.airdrop(key, lamports)
    if not outcome.committed or outcome.err is not None:
        raise RpcError(E.INTERNAL_ERROR,
                       f"airdrop request failed: {transaction_error_message(outcome.err)}")
    return str(outcome.signature)


# -------------------------------------------------------------- extensions


@method("ionet_advanceClock")
def ionet_advance_clock(v: Validator, params: Params) -> JSON:
    arg = _param(params, 0, "seconds")
    slots = None
    unix = None
    freeze = False
    if isinstance(arg, dict):
        unknown = sorted(set(arg) - {"seconds", "slots", "unixTimestamp", "freeze"})
        if unknown:
            raise invalid_params(f"Invalid params: unknown field {unknown[0]}")
        seconds = arg.get("seconds", 0)
        slots = arg.get("slots")
        if slots is not None:
            slots = _uint(slots, "slots")
        if "unixTimestamp" in arg:
            if "seconds" in arg:
                raise invalid_params("Invalid params: give seconds or unixTimestamp, not both")
            unix = _uint(arg["unixTimestamp"], "unixTimestamp")
            if not v.unix <= unix <= v.unix + MAX_ADVANCE_SECONDS:
                raise invalid_params(
                    f"Invalid params: unixTimestamp must be from the current time {v.unix} "
                    f"to {MAX_ADVANCE_SECONDS} seconds after it (time only moves forward)")
        freeze = arg.get("freeze", False)
        if not isinstance(freeze, bool):
            raise invalid_params("Invalid params: freeze must be true or false")
    else:
        seconds = arg
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or \
            not 0 <= seconds <= MAX_ADVANCE_SECONDS:
        raise invalid_params("Invalid params: seconds must be a number from 0 to "
                             f"{MAX_ADVANCE_SECONDS}")
    if slots is not None and slots > MAX_ADVANCE_SECONDS:
        raise invalid_params(f"Invalid params: slots must be at most {MAX_ADVANCE_SECONDS}")
    v.advance_clock(float(seconds), slots, unix=unix, freeze=freeze)
    return {"slot": v.slot, "unixTimestamp": v.unix,
            "epoch": v.schedule.get_epoch(v.slot), "frozen": v.frozen_unix is not None}


@method("ionet_setAccount")
def ionet_set_account(v: Validator, params: Params) -> JSON:
    pubkey = _pubkey(_param(params, 0, "pubkey"))
    fields = _param(params, 1, "account")
    if not isinstance(fields, dict):
        raise invalid_params("Invalid params: the account must be an object")
    unknown = sorted(set(fields) - {"lamports", "owner", "data", "executable"})
    if unknown:
        raise invalid_params(f"Invalid params: unknown field {unknown[0]}")
    data = fields.get("data", ["", "base64"])
    if not (isinstance(data, list) and len(data) == 2 and data[1] == "base64"
            and isinstance(data[0], str)):
        raise invalid_params('Invalid params: data must be [<base64>, "base64"]')
    try:
        raw = base64.b64decode(data[0], validate=True)
    except binascii.Error as exc:
        raise invalid_params("Invalid params: data is not base64") from exc
    executable = fields.get("executable", False)
    if not isinstance(executable, bool):
        raise invalid_params("Invalid params: executable must be true or false")
    owner = _pubkey(fields["owner"]) if "owner" in fields else SYSTEM_PROGRAM_ID
    v.set_account(pubkey, Account(_uint(fields.get("lamports", 0), "lamports"), raw, owner,
                                  executable))
    return None


@method("ionet_info")
def ionet_info(v: Validator, params: Params) -> JSON:
    return v.info()


# ---------------------------------------------------------------- dispatch


def _error(code: int, message: str, req_id: Any = None, data: Any = None) -> JSON:
    err = RpcError(code, message, data).to_json()
    return {"jsonrpc": "2.0", "error": err, "id": req_id}


def handle_one(v: Validator, req: Any) -> JSON:
    """Answer one request object; None for a notification (no ``id``)."""
    if not isinstance(req, dict):
        return _error(E.INVALID_REQUEST, "Invalid request")
    req_id = req.get("id")
    if req.get("jsonrpc") != "2.0" or not isinstance(req.get("method"), str) or (
        isinstance(req_id, bool) or not isinstance(req_id, str | int | None)
    ):
        return _error(E.INVALID_REQUEST, "Invalid request",
                      req_id if isinstance(req_id, str | int) else None)
    params = req.get("params")
    if params is None:
        params = []
    fn = METHODS.get(req["method"])
    if fn is None:
        response = _error(E.METHOD_NOT_FOUND, "Method not found", req_id)
    elif not isinstance(params, list):
        response = _error(E.INVALID_PARAMS, "Invalid params: expected an array of parameters",
                          req_id)
    else:
        try:
            response = {"jsonrpc": "2.0", "result": fn(v, params), "id": req_id}
        except RpcError as exc:
            response = {"jsonrpc": "2.0", "error": exc.to_json(), "id": req_id}
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # including pyo3's PanicException
            log.exception("internal error in %s", req["method"])
            response = _error(E.INTERNAL_ERROR, f"Internal error: {exc}", req_id)
    return response if "id" in req else None


def handle(v: Validator, request: Any, *, flush: bool = True) -> JSON:
    """Answer a parsed JSON-RPC request (object or batch); None when nothing is owed.
    With ``flush`` what it did is durable when this returns; without, the caller must
    flush before it passes the answer on (the server does, once for many requests)."""
    v.tick()
    try:
        if isinstance(request, list):
            if not request:
                return _error(E.INVALID_REQUEST, "Invalid request")
            answers = [a for a in (handle_one(v, r) for r in request) if a is not None]
            return answers or None
        return handle_one(v, request)
    finally:
        if flush:
            v.flush()


def handle_bytes(v: Validator, body: bytes, *, flush: bool = True) -> bytes | None:
    """Answer a request body; None when nothing is owed (only notifications)."""
    try:
        request = orjson.loads(body)
    except orjson.JSONDecodeError:
        try:  # what the json module reads as well (NaN, Infinity) is answered as before
            request = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return orjson.dumps(_error(E.PARSE_ERROR, "Parse error"))
    response = handle(v, request, flush=flush)
    if response is None:
        return None
    try:
        return orjson.dumps(response)
    except TypeError:  # an integer beyond 64 bits, which only the standard module writes
        return json.dumps(response, separators=(",", ":")).encode()


# Method groups of their own modules (they register themselves with ``method``).
from ionet.localnet import blocks, cluster  # noqa: E402,F401
