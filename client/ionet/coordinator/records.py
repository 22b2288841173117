"""Usage records: what a job's runner reports, validated before anything is stored.

One record is a JSON object::

    {"report_id": "r-17", "escrow": "<base58>", "seconds": 60, "final": false}

``escrow`` may instead be ``"customer": "<base58>", "job_id": N`` (the escrow PDA of that
job), and ``seconds`` (charged at the escrow's ``rate_per_second``) may instead be
``"amount"`` in the mint's base units. ``final`` closes the escrow once everything before
it is settled. A batch is a JSON array of such objects, or JSON lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from solders.pubkey import Pubkey

__all__ = ["MAX_REPORT_ID", "RecordError", "UsageRecord", "parse_batch", "parse_record"]

MAX_REPORT_ID: Final = 128
LIMIT: Final = 2**63
"""Amounts and seconds are stored as signed 64-bit integers (SQLite, PostgreSQL)."""
_KEYS: Final = {"report_id", "escrow", "customer", "job_id", "seconds", "amount", "final"}


class RecordError(ValueError):
    """A malformed record; the message says which one and why."""


@dataclass(frozen=True)
class UsageRecord:
    """A validated record: ``escrow`` resolved, exactly one of ``seconds`` / ``amount``."""

    report_id: str
    escrow: Pubkey
    seconds: int | None
    amount: int | None
    final: bool


def _u64(doc: dict[str, Any], key: str) -> int:
    value = doc[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < LIMIT:
        raise RecordError(f"{key} must be an integer from 0 to 2^63-1, got {value!r}")
    return value


def _pubkey(doc: dict[str, Any], key: str) -> Pubkey:
    value = doc[key]
    try:
        if not isinstance(value, str):
            raise ValueError
        return Pubkey.from_string(value)
    except ValueError:
        raise RecordError(f"{key} must be a base58 public key, got {value!r}") from None


def parse_record(doc: Any, escrow_of: Callable[[Pubkey, int], Pubkey]) -> UsageRecord:
    """Validates one decoded JSON value; ``escrow_of(customer, job_id)`` is the escrow
    address of a job."""
    if not isinstance(doc, dict):
        raise RecordError(f"a record is a JSON object, got {type(doc).__name__}")
    unknown = sorted(set(doc) - _KEYS)
    if unknown:
        raise RecordError(f"unknown field(s) {', '.join(unknown)}")
    report_id = doc.get("report_id")
    if not isinstance(report_id, str) or not 0 < len(report_id) <= MAX_REPORT_ID:
        raise RecordError(f"report_id must be a string of 1 to {MAX_REPORT_ID} characters")
    if "escrow" in doc:
        if "customer" in doc or "job_id" in doc:
            raise RecordError("give escrow, or customer and job_id, not both")
        escrow = _pubkey(doc, "escrow")
    elif "customer" in doc and "job_id" in doc:
        escrow = escrow_of(_pubkey(doc, "customer"), _u64(doc, "job_id"))
    else:
        raise RecordError("missing escrow (or customer and job_id)")
    if ("seconds" in doc) == ("amount" in doc):
        raise RecordError("give exactly one of seconds and amount")
    seconds = _u64(doc, "seconds") if "seconds" in doc else None
    amount = _u64(doc, "amount") if "amount" in doc else None
    final = doc.get("final", False)
    if not isinstance(final, bool):
        raise RecordError(f"final must be true or false, got {final!r}")
    return UsageRecord(report_id, escrow, seconds, amount, final)


def _decode(text: str) -> list[tuple[str, Any]]:
    """(where, value) of each record in a JSON array, one object, or JSON lines."""
    stripped = text.strip()
    if not stripped:
        raise RecordError("no records")
    if stripped[0] == "[":
        try:
            values = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise RecordError(f"not valid JSON: {exc}") from None
        return [(f"record {i + 1}", v) for i, v in enumerate(values)]
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            raise RecordError(f"line {number}: not valid JSON: {exc}") from None
    return found


def parse_batch(text: str, escrow_of: Callable[[Pubkey, int], Pubkey]) -> list[UsageRecord]:
    """Every record of ``text``, or :class:`RecordError` naming the first bad one (a batch
    is stored whole or not at all). A report id twice in one batch is refused unless
    both are the same record."""
    records: list[UsageRecord] = []
    seen: dict[str, UsageRecord] = {}
    for where, value in _decode(text):
        try:
            record = parse_record(value, escrow_of)
        except RecordError as exc:
            raise RecordError(f"{where}: {exc}") from None
        earlier = seen.get(record.report_id)
        if earlier is not None:
            if earlier != record:
                raise RecordError(f"{where}: report_id {record.report_id!r} given twice "
                                  f"with different contents")
            continue
        seen[record.report_id] = record
        records.append(record)
    return records
