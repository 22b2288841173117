"""Decoding our programs' Anchor events from transaction logs, with anchorpy's parser."""

from __future__ import annotations

from collections.abc import Sequence

from anchorpy import Event, EventParser
from anchorpy.coder.coder import Coder
from solders.pubkey import Pubkey

from ionet import idl

__all__ = ["decode_events"]


def decode_events(program: str, program_id: Pubkey, logs: Sequence[str]) -> list[Event]:
    """Every event `program` (deployed at `program_id`) emitted in `logs`, in order."""
    events: list[Event] = []
    parser = EventParser(program_id, Coder(idl.load(program)))
    parser.parse_logs(list(logs), events.append)
    return events
