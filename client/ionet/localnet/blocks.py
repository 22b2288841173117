"""Blocks and the leader's view of them: getBlock and friends, getBlockTime, the leader
schedule, performance samples and recent prioritization fees.

Every slot from the first (genesis, or ``--warp-slot``) to the current one is a block of
our one leader, except the slots the clock jumped over (``ionet_advanceClock``, or a
pause longer than a slot): those were skipped, as on a cluster. A block holds the
transactions that landed in its slot. Its blockhash is the one the slot handed out while
the SlotHashes sysvar still remembers it (512 slots), and a stable stand-in derived from
the genesis hash and the slot after that.
"""

from __future__ import annotations

import bisect
import hashlib
from functools import lru_cache
from typing import Any, Final

from solders.hash import Hash
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.localnet import errors as E
from ionet.localnet.bootstrap import activated_stake
from ionet.localnet.encoding import JSON
from ionet.localnet.errors import RpcError, invalid_params
from ionet.localnet.fees import compute_budget
from ionet.localnet.records import (
    TxRecord,
    encoded_transaction,
    parsed_account_keys,
    writable_flags,
)
from ionet.localnet.rpc_methods import (
    Params,
    _check_min_context_slot,
    _config,
    _ctx,
    _param,
    _pubkey,
    _require_confirmed,
    _uint,
    method,
    unsupported_version,
)
from ionet.localnet.validator import Validator

MAX_SLOT_RANGE: Final = 500_000
"""getBlocks / getBlocksWithLimit (Agave's MAX_GET_CONFIRMED_BLOCKS_RANGE)."""
MAX_SLOT_LEADERS: Final = 5000
MAX_PERFORMANCE_SAMPLES: Final = 720
SAMPLE_SECONDS: Final = 60
PRIORITIZATION_FEE_SLOTS: Final = 150
"""Agave's prioritization fee cache holds the last 150 blocks."""
MAX_FEE_ACCOUNTS: Final = 128
TRANSACTION_DETAILS: Final = ("full", "accounts", "signatures", "none")
BLOCK_ENCODINGS: Final = ("json", "jsonParsed", "base58", "base64", "binary")


# ------------------------------------------------------------------ blocks


def skipped_range(v: Validator, slot: int) -> tuple[int, int] | None:
    """The range of skipped slots ``slot`` is in, if it was skipped."""
    ranges = v.skipped
    i = bisect.bisect_right(ranges, (slot, 2**64)) - 1
    return ranges[i] if i >= 0 and ranges[i][0] <= slot <= ranges[i][1] else None


def _check_block(v: Validator, slot: int) -> None:
    """Raise the error Agave answers for a slot without a block."""
    if slot > v.slot:
        raise RpcError(E.BLOCK_NOT_AVAILABLE, f"Block not available for slot {slot}")
    if slot < v.first_slot:
        raise RpcError(E.BLOCK_CLEANED_UP, f"Block {slot} cleaned up, does not exist on node. "
                       f"First available block: {v.first_slot}")
    if skipped_range(v, slot) is not None:
        raise RpcError(E.SLOT_SKIPPED, f"Slot {slot} was skipped, or missing due to ledger "
                       "jump to recent snapshot")


def parent_slot(v: Validator, slot: int) -> int:
    """The block before ``slot`` (itself for the first block)."""
    skipped = skipped_range(v, slot - 1)
    return max(slot - 1 if skipped is None else skipped[0] - 1, v.first_slot)


def blockhash(v: Validator, slot: int) -> Hash:
    newest = v.slot_hashes[0][0] if v.slot_hashes else -1
    index = newest - slot
    if 0 <= index < len(v.slot_hashes) and v.slot_hashes[index][0] == slot:
        return v.slot_hashes[index][1]
    for s, h in v.slot_hashes:  # not contiguous after a restart
        if s == slot:
            return h
    return Hash(hashlib.sha256(bytes(v.genesis_hash) + slot.to_bytes(8, "little")).digest())


def block_time(v: Validator, slot: int) -> int:
    records = v.by_slot.get(slot)
    if records:
        return records[0].block_time
    # Slots are ~slot_seconds apart; past slots are estimated from the current time.
    return int(v.unix - (v.slot - slot) * v.slot_seconds)


def _block_config(params: Params) -> dict[str, Any]:
    raw = params[1] if len(params) > 1 else None
    cfg = {"encoding": raw} if isinstance(raw, str) else _config(params, 1)
    _require_confirmed(cfg)
    encoding = cfg.get("encoding") or "json"
    if encoding not in BLOCK_ENCODINGS:
        raise invalid_params(f"Invalid params: unknown variant `{encoding}`")
    details = cfg.get("transactionDetails") or "full"
    if details not in TRANSACTION_DETAILS:
        raise invalid_params(f"Invalid params: unknown variant `{details}`")
    rewards = cfg.get("rewards")
    rewards = True if rewards is None else rewards
    if not isinstance(rewards, bool):
        raise invalid_params("Invalid params: rewards must be true or false")
    version = cfg.get("maxSupportedTransactionVersion")
    return {"encoding": encoding, "details": details, "rewards": rewards,
            "max_version": None if version is None else _uint(
                version, "maxSupportedTransactionVersion")}


def _simple_meta(record: TxRecord, rewards: bool) -> JSON:
    """The meta of ``transactionDetails: accounts``: balances and status only."""
    full = record.meta_json()
    meta = {key: full[key] for key in ("err", "status", "fee", "preBalances", "postBalances",
                                       "preTokenBalances", "postTokenBalances")}
    if rewards:
        meta["rewards"] = []
    return meta


def _block_transaction(record: TxRecord, cfg: dict[str, Any]) -> JSON:
    try:
        full = encoded_transaction(record, cfg["encoding"], cfg["max_version"])
    except ValueError as exc:
        raise unsupported_version() from exc
    if cfg["details"] == "full":
        entry = {"transaction": full["transaction"], "meta": full["meta"]}
        if not cfg["rewards"]:
            entry["meta"] = {k: val for k, val in full["meta"].items() if k != "rewards"}
    else:
        tx = VersionedTransaction.from_bytes(record.raw)
        entry = {"transaction": {"signatures": [str(s) for s in tx.signatures],
                                 "accountKeys": parsed_account_keys(record, tx)},
                 "meta": _simple_meta(record, cfg["rewards"])}
    if "version" in full:
        entry["version"] = full["version"]
    return entry


@method("getBlock")
def get_block(v: Validator, params: Params) -> JSON:
    slot = _uint(_param(params, 0, "slot"), "slot")
    cfg = _block_config(params)
    _check_block(v, slot)
    parent = parent_slot(v, slot)
    block: dict[str, JSON] = {
        "blockHeight": slot,
        "blockTime": block_time(v, slot),
        "blockhash": str(blockhash(v, slot)),
        "parentSlot": parent,
        "previousBlockhash": str(blockhash(v, parent)) if parent < slot else str(Hash.default()),
    }
    records = v.by_slot.get(slot, [])
    if cfg["details"] == "signatures":
        block["signatures"] = [str(r.signature) for r in records]
    elif cfg["details"] != "none":
        block["transactions"] = [_block_transaction(r, cfg) for r in records]
    if cfg["rewards"]:
        # Every fee is burnt (see ionet.localnet.fees): no leader is credited, no block has
        # rewards.
        block["rewards"] = []
    return block


def _blocks_in(v: Validator, start: int, end: int) -> list[int]:
    """The blocks of slots ``start..=end`` that exist, ascending."""
    first = max(start, v.first_slot)
    last = min(end, v.slot)
    out: list[int] = []
    slot = first
    ranges = v.skipped
    i = bisect.bisect_left(ranges, (first, 0))
    if i > 0 and ranges[i - 1][1] >= first:
        i -= 1
    while slot <= last:
        if i < len(ranges) and ranges[i][0] <= last:
            skip_from, skip_to = ranges[i]
            out.extend(range(slot, min(skip_from - 1, last) + 1))
            slot = max(slot, skip_to + 1)
            i += 1
        else:
            out.extend(range(slot, last + 1))
            break
    return out


@method("getBlocks")
def get_blocks(v: Validator, params: Params) -> JSON:
    start = _uint(_param(params, 0, "start slot"), "start slot")
    end_param = params[1] if len(params) > 1 and not isinstance(params[1], dict) else None
    cfg = _config(params, 2 if end_param is not None or
                  (len(params) > 1 and params[1] is None) else 1)
    _require_confirmed(cfg)
    end = v.slot if end_param is None else _uint(end_param, "end slot")
    if end < start:
        return []
    if end - start > MAX_SLOT_RANGE:
        raise invalid_params(f"Slot range too large; max {MAX_SLOT_RANGE}")
    return _blocks_in(v, start, end)


@method("getBlocksWithLimit")
def get_blocks_with_limit(v: Validator, params: Params) -> JSON:
    start = _uint(_param(params, 0, "start slot"), "start slot")
    limit = _uint(_param(params, 1, "limit"), "limit")
    _require_confirmed(_config(params, 2))
    if limit > MAX_SLOT_RANGE:
        raise invalid_params(f"Limit too large; max {MAX_SLOT_RANGE}")
    if limit == 0:
        return []
    found: list[int] = []
    slot = start
    while len(found) < limit and slot <= v.slot:
        found += _blocks_in(v, slot, slot + limit - 1)
        slot += limit
    return found[:limit]


@method("getBlockTime")
def get_block_time(v: Validator, params: Params) -> JSON:
    slot = _uint(_param(params, 0, "slot"), "slot")
    _check_block(v, slot)
    return block_time(v, slot)


@method("getBlockCommitment")
def get_block_commitment(v: Validator, params: Params) -> JSON:
    """Every block is rooted at once, and Agave keeps no commitment array for rooted
    blocks: ``commitment`` is null; ``totalStake`` is the stake of the one vote account."""
    _uint(_param(params, 0, "slot"), "slot")
    return {"commitment": None, "totalStake": activated_stake(v)}


@method("getFirstAvailableBlock")
def get_first_available_block(v: Validator, params: Params) -> JSON:
    return v.first_slot


@method("minimumLedgerSlot")
def minimum_ledger_slot(v: Validator, params: Params) -> JSON:
    return v.first_slot


# ----------------------------------------------------------------- leaders


def leader(v: Validator) -> str:
    return str(v.faucet.pubkey())


def _identity_filter(cfg: dict[str, Any]) -> str | None:
    identity = cfg.get("identity")
    if identity is not None:
        _pubkey(identity)
    return identity


@method("getBlockProduction")
def get_block_production(v: Validator, params: Params) -> JSON:
    cfg = _config(params, 0)
    identity = _identity_filter(cfg)
    raw_range = cfg.get("range")
    if raw_range is None:
        epoch = v.schedule.get_epoch(v.slot)
        first, last = max(v.schedule.get_first_slot_in_epoch(epoch), v.first_slot), v.slot
    else:
        if not isinstance(raw_range, dict):
            raise invalid_params("Invalid params: range must be an object")
        first = _uint(raw_range.get("firstSlot"), "firstSlot")
        last = _uint(raw_range.get("lastSlot", v.slot), "lastSlot")
        if last < first:
            raise invalid_params(f"lastSlot, {last}, cannot be less than firstSlot, {first}")
        if first > v.slot:
            raise invalid_params(f"firstSlot, {first}, is greater than the current slot")
        last = min(last, v.slot)
    leader_slots = max(0, last - max(first, v.first_slot) + 1)
    produced = len(_blocks_in(v, first, last))
    by_identity = {} if identity not in (None, leader(v)) else {leader(v): [leader_slots,
                                                                            produced]}
    return _ctx(v, {"byIdentity": by_identity, "range": {"firstSlot": first, "lastSlot": last}})


@method("getSlotLeaders")
def get_slot_leaders(v: Validator, params: Params) -> JSON:
    start = _uint(_param(params, 0, "start slot"), "start slot")
    limit = _uint(_param(params, 1, "limit"), "limit")
    if limit > MAX_SLOT_LEADERS:
        raise invalid_params(f"Invalid limit; max {MAX_SLOT_LEADERS}")
    last_epoch = v.schedule.get_leader_schedule_epoch(v.slot)
    if limit and v.schedule.get_epoch(start + limit - 1) > last_epoch:
        raise invalid_params(f"Invalid slot range: leader schedule for epoch "
                             f"{v.schedule.get_epoch(start + limit - 1)} is unavailable")
    return [leader(v)] * limit


@method("getLeaderSchedule")
def get_leader_schedule(v: Validator, params: Params) -> JSON:
    slot_param = params[0] if params and not isinstance(params[0], dict) else None
    cfg = _config(params, 1 if slot_param is not None or (params and params[0] is None) else 0)
    identity = _identity_filter(cfg)
    slot = v.slot if slot_param is None else _uint(slot_param, "slot")
    epoch = v.schedule.get_epoch(slot)
    if epoch > v.schedule.get_leader_schedule_epoch(v.slot):
        return None
    if identity not in (None, leader(v)):
        return {}
    return {leader(v): list(range(v.schedule.get_slots_in_epoch(epoch)))}


@method("getSlotLeader")
def get_slot_leader(v: Validator, params: Params) -> JSON:
    _check_min_context_slot(v, _config(params, 0))
    return leader(v)


# ------------------------------------------------------------- performance


@method("getRecentPerformanceSamples")
def get_recent_performance_samples(v: Validator, params: Params) -> JSON:
    """One sample per 60 seconds of slots, newest first, counted back from the current
    slot (the oldest one may be shorter: it starts at the first block)."""
    limit = MAX_PERFORMANCE_SAMPLES if not params or params[0] is None else \
        _uint(params[0], "limit")
    if limit > MAX_PERFORMANCE_SAMPLES:
        raise invalid_params(f"Invalid limit; max {MAX_PERFORMANCE_SAMPLES}")
    span = max(1, round(SAMPLE_SECONDS / v.slot_seconds))
    samples: list[JSON] = []
    end = v.slot
    while len(samples) < limit and end >= v.first_slot:
        blocks = _blocks_in(v, end - span + 1, end)
        count = sum(len(v.by_slot.get(s, ())) for s in blocks)
        samples.append({"slot": end, "numTransactions": count, "numSlots": len(blocks),
                        "samplePeriodSecs": SAMPLE_SECONDS, "numNonVoteTransactions": count})
        end -= span
    return samples


@lru_cache(maxsize=65536)
def compute_unit_price(raw: bytes) -> int:
    """The micro-lamports per compute unit a transaction bid, 0 without a bid."""
    budget = compute_budget(VersionedTransaction.from_bytes(raw).message)
    return 0 if budget is None else budget.unit_price


def _writable_keys(record: TxRecord) -> list[Pubkey]:
    message = VersionedTransaction.from_bytes(record.raw).message
    flags = writable_flags(message, record.n_loaded_writable, record.n_loaded_readonly)
    return [k for k, writable in zip(record.keys, flags, strict=True) if writable]


def slot_fee(records: list[TxRecord], accounts: list[Pubkey]) -> int:
    """Agave's answer for one block: the lowest price any transaction paid, raised to the
    lowest price paid by the transactions that wrote each of ``accounts``."""
    if not records:
        return 0
    fee = min(compute_unit_price(r.raw) for r in records)
    for account in accounts:
        paid = [compute_unit_price(r.raw) for r in records if account in _writable_keys(r)]
        if paid:
            fee = max(fee, min(paid))
    return fee


@method("getRecentPrioritizationFees")
def get_recent_prioritization_fees(v: Validator, params: Params) -> JSON:
    """An entry per block of the last 150 slots, from the compute-unit prices the
    transactions that landed there paid (0 for a block without any). Never empty:
    anchor-cli 0.30 takes the median of the answer and panics on ``[]``."""
    raw = params[0] if params and params[0] is not None else []
    if not isinstance(raw, list):
        raise invalid_params("Invalid params: expected a list of public keys")
    if len(raw) > MAX_FEE_ACCOUNTS:
        raise invalid_params(f"Too many inputs provided; max {MAX_FEE_ACCOUNTS}")
    accounts = [_pubkey(a) for a in raw]
    blocks = _blocks_in(v, v.slot - PRIORITIZATION_FEE_SLOTS + 1, v.slot)
    return [{"slot": s, "prioritizationFee": slot_fee(v.by_slot.get(s, []), accounts)}
            for s in blocks]

