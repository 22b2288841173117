"""Crash injection for the tests: ``IONET_COORDINATOR_KILL_AT=POINT[:N]`` makes the
process SIGKILL itself the ``N``-th time (default 1st) it reaches the named point, to
prove that a crash there loses and doubles nothing. Points: ``ingested`` (records
committed, spool file not moved yet), ``journaled`` (transaction journaled, not sent),
``sent`` (sent, answer not journaled), ``reconcile`` (while reconciling on start),
``table`` (a lookup table created, not extended yet)."""

from __future__ import annotations

import os
import signal

__all__ = ["POINTS", "reached"]

POINTS = ("ingested", "journaled", "sent", "reconcile", "table")
_counts: dict[str, int] = {}


def _target() -> tuple[str, int] | None:
    spec = os.environ.get("IONET_COORDINATOR_KILL_AT")
    if not spec:
        return None
    name, _, count = spec.partition(":")
    return name, int(count or 1)


def reached(point: str) -> None:
    target = _target()
    if target is None or target[0] != point:
        return
    _counts[point] = _counts.get(point, 0) + 1
    if _counts[point] == target[1]:
        os.kill(os.getpid(), signal.SIGKILL)
