"""Exact amounts and durations, parsed from what people type and shown as they read them.

Amounts are decimal strings of whole tokens (``"200"``, ``"0.25"``), converted to base units
with the mint's decimals without floats; a value with more decimals than the mint has is
refused, never rounded. Durations are ``14d``, ``7d 12h``, ``90m``, ``3600s`` or a bare
number of seconds. A point in time is a duration from now, an ISO 8601 date-time
(``2026-12-31``, ``2026-12-31T18:00Z``; UTC unless it names a zone) or ``@UNIX_SECONDS``.
Rates are an amount per unit of time, ``1.44/h``, and must come to whole base units a
second, as the programs count them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Final

from ionet.cli.errors import CliError

__all__ = [
    "U64_MAX",
    "format_amount",
    "format_bps",
    "format_duration",
    "format_rate",
    "format_time",
    "parse_amount",
    "parse_duration",
    "parse_rate",
    "parse_time",
]

U64_MAX: Final = 2**64 - 1
_AMOUNT = re.compile(r"(\d+)(?:\.(\d*))?|\.(\d+)")
_DURATION_PART = re.compile(r"(\d+)\s*([dhms]?)")
_SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1, "": 1}
_RATE_UNITS = {"s": 1, "m": 60, "h": 3_600, "d": 86_400}


def parse_amount(text: str, decimals: int, what: str = "amount") -> int:
    """Base units of ``text`` whole tokens; a clear error for anything that is not an exact,
    positive amount the mint can hold."""
    raw = text.strip().replace("_", "")
    match = _AMOUNT.fullmatch(raw)
    if match is None:
        raise CliError(f"{what} {text!r} is not a decimal number of tokens (e.g. 200 or 0.5)")
    whole = match.group(1) or "0"
    fraction = (match.group(2) if match.group(1) is not None else match.group(3)) or ""
    fraction = fraction.rstrip("0")
    if len(fraction) > decimals:
        raise CliError(f"{what} {text} has {len(fraction)} decimals, but the mint has only "
                       f"{decimals}")
    units = int(whole) * 10**decimals + int(fraction.ljust(decimals, "0") or "0")
    if units == 0:
        raise CliError(f"{what} must be more than zero")
    if units > U64_MAX:
        raise CliError(f"{what} {text} is more than a token account can hold")
    return units


def format_amount(units: int, decimals: int) -> str:
    """``units`` base units as whole tokens, without trailing zeros: ``200``, ``0.25``."""
    sign = "-" if units < 0 else ""
    whole, fraction = divmod(abs(units), 10**decimals)
    text = f"{whole:,}"
    if decimals and fraction:
        text += "." + str(fraction).rjust(decimals, "0").rstrip("0")
    return sign + text


def format_bps(bps: int) -> str:
    """Basis points as a percentage: ``0.25%``."""
    return f"{Decimal(bps) / 100:g}%"


def parse_duration(text: str, what: str = "duration") -> int:
    """Seconds in ``14d``, ``7d 12h``, ``1h30m``, ``45s`` or ``3600``."""
    raw = text.strip().lower()
    pos, total = 0, 0
    for match in _DURATION_PART.finditer(raw):
        if raw[pos:match.start()].strip():
            break
        total += int(match.group(1)) * _SECONDS[match.group(2)]
        pos = match.end()
    if not raw or raw[pos:].strip():
        raise CliError(f"{what} {text!r} is not a duration (e.g. 14d, 7d 12h, 90m, 3600)")
    return total


def format_duration(seconds: int) -> str:
    """``13d 4h``, ``5h 30m``, ``12m 5s``, ``40s``: the two largest units."""
    if seconds < 0:
        return "-" + format_duration(-seconds)
    parts: list[str] = []
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count or (parts and len(parts) < 2):
            parts.append(f"{count}{unit}")
        if len(parts) == 2:
            break
    parts = [p for p in parts if not p.startswith("0")] or ["0s"]
    return " ".join(parts)


def format_time(unix: int) -> str:
    """A Unix timestamp as ``2026-12-01 07:38 UTC``."""
    return datetime.fromtimestamp(unix, UTC).strftime("%Y-%m-%d %H:%M UTC")


def parse_time(text: str, now: int, what: str = "time") -> int:
    """A Unix timestamp: ``now`` plus a duration, an ISO 8601 date-time, or ``@SECONDS``."""
    raw = text.strip()
    if raw.startswith("@"):
        if not raw[1:].isdigit():
            raise CliError(f"{what} {text!r}: @ takes Unix seconds, e.g. @1767225600")
        return int(raw[1:])
    if re.match(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T"))
        except ValueError:
            raise CliError(f"{what} {text!r} is not an ISO 8601 date-time (e.g. "
                           f"2026-12-31T18:00Z)") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return int(moment.timestamp())
    try:
        return now + parse_duration(raw, what)
    except CliError:
        raise CliError(f"{what} {text!r} is neither a duration (13d 4h), a date-time "
                       f"(2026-12-31T18:00Z) nor @UNIX_SECONDS") from None


def parse_rate(text: str, decimals: int, what: str = "rate") -> int:
    """Base units a second of ``AMOUNT/UNIT`` (unit ``s``, ``m``, ``h`` or ``d``), exact."""
    amount, sep, unit = text.strip().partition("/")
    seconds = _RATE_UNITS.get(unit.strip().lower())
    if not sep or seconds is None:
        raise CliError(f"{what} {text!r} needs a unit of time: AMOUNT/h, /m, /s or /d "
                       f"(e.g. 1.44/h)")
    units = parse_amount(amount, decimals, what)
    per_second, rest = divmod(units, seconds)
    if rest:
        lower = format_amount(per_second * seconds, decimals)
        upper = format_amount((per_second + 1) * seconds, decimals)
        raise CliError(f"{what} {text} is not a whole number of base units a second (the "
                       f"program's unit): use {lower}/{unit.strip()} or {upper}/{unit.strip()}")
    return per_second


def format_rate(per_second: int, decimals: int) -> str:
    """A rate in base units a second, shown per hour: ``1.44/h``."""
    return f"{format_amount(per_second * 3_600, decimals)}/h"
