"""Reconcile, before anything is sent: every journaled transaction whose outcome is not
known is looked up on-chain. Found: landed (its records are settled) or failed. Not
found and its blockhash past: it never landed and never will (expired; its records are
settled by a new transaction with a fresh blockhash). Not found and still valid: sent
again, same bytes (the same signature cannot land twice), and left in flight.

The journal's idea of each escrow's next ``seq`` (its last landed settlement + 1) is then
compared with the chain's; a difference means a settlement landed that the journal did
not record (or the reverse), which the planner absorbs since it works from the chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from solders.pubkey import Pubkey

from ionet.coordinator import faults
from ionet.coordinator.sender import Sender, describe_error
from ionet.escrow import Escrow, opening_slot

__all__ = ["ReconcileReport", "reconcile", "sequence_mismatches"]


@dataclass
class ReconcileReport:
    landed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)
    in_flight: list[str] = field(default_factory=list)
    seq_mismatches: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"landed": self.landed, "failed": self.failed, "expired": self.expired,
                "in_flight": self.in_flight, "seq_mismatches": self.seq_mismatches}


async def reconcile(sender: Sender, escrows: Sequence[str] | None = None) -> ReconcileReport:
    """Resolves the pending transactions (of ``escrows``, or all of them)."""
    journal, chain = sender.journal, sender.chain
    report = ReconcileReport()
    pending = journal.pending_transactions(escrows)
    if not pending:
        return report
    statuses = await chain.statuses([p.signature for p in pending])
    height = await chain.block_height()
    for tx, status in zip(pending, statuses, strict=True):
        faults.reached("reconcile")
        if status is not None:
            state = "landed" if status.err is None else "failed"
            sender.finish(tx, state, None if status.err is None else describe_error(status.err))
            (report.landed if state == "landed" else report.failed).append(tx.signature)
        elif height > tx.last_valid_block_height:
            sender.finish(tx, "expired", "blockhash expired before it landed")
            report.expired.append(tx.signature)
        else:
            await sender.rebroadcast(tx.signature, tx.raw)
            report.in_flight.append(tx.signature)
    return report


def sequence_mismatches(expected: dict[str, tuple[int, int]], states: dict[Pubkey, Escrow]
                        ) -> list[dict[str, object]]:
    """Escrows whose on-chain ``next_seq`` differs from what the journal expects (of the
    same opening: a new one restarts the sequence)."""
    found: list[dict[str, object]] = []
    for escrow, (opening, seq) in expected.items():
        state = states.get(Pubkey.from_string(escrow))
        if state is not None and opening_slot(state) == opening and state.next_seq != seq:
            found.append({"escrow": escrow, "journal": seq, "chain": state.next_seq})
    return found
