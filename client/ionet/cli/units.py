"""Exact amounts and durations, parsed from what people type and shown as they read them.

Amounts are decimal strings of whole tokens (``"200"``, ``"0.25"``), converted to base units
with the mint's decimals without floats; a value with more decimals than the mint has is
refused, never rounded. Durations are ``14d``, ``7d 12h``, ``90m``, ``3600s`` or a bare
number of seconds.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Final

from ionet.cli.errors import CliError

__all__ = [
    "U64_MAX",
    "format_amount",
    "format_duration",
    "format_time",
    "parse_amount",
    "parse_duration",
]

U64_MAX: Final = 2**64 - 1
_AMOUNT = re.compile(r"(\d+)(?:\.(\d*))?|\.(\d+)")
_DURATION_PART = re.compile(r"(\d+)\s*([dhms]?)")
_SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1, "": 1}


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
