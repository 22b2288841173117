"""What to settle: from an escrow's journaled usage and its on-chain state, the next
settlement (amount, seq), a close, or why nothing can be done.

The on-chain escrow is the truth of what was paid: the next amount is what the records
add up to (``seconds`` at the escrow's ``rate_per_second``, plus ``amount``s), clamped to
the rate bound ``min_charge + rate * time`` and to the deposit, minus what is already
settled; ``seq`` is the escrow's ``next_seq``. So a settlement that landed without the
journal knowing is never paid again (the chain already counts it, and a stale ``seq``
fails), and a record that is journaled is never lost (the sum includes it). The usage is
that of the escrow's opening now on-chain only (``Journal.usage``), since ``settled`` and
``next_seq`` restart when the address is opened again.
"""

from __future__ import annotations

from dataclasses import dataclass

from solders.pubkey import Pubkey

from ionet.coordinator.journal import EscrowUsage, Settlement
from ionet.escrow import Escrow, opening_slot, rate_bound

__all__ = ["Decision", "plan_escrow"]


@dataclass(frozen=True)
class Decision:
    """One escrow's next step. ``settlement`` to send (None: nothing to send now);
    ``covered``: records up to this id are already paid on-chain (no transaction needed);
    ``failure``: why the rest cannot be paid (permanent until new records arrive);
    ``wait``: the rate bound still grows, try again later."""

    escrow: Pubkey
    state: Escrow
    settlement: Settlement | None = None
    covered: int | None = None
    failure: str | None = None
    wait: bool = False


def _charge(state: Escrow, seconds: int, amount: int) -> int:
    return amount + seconds * state.rate_per_second


def plan_escrow(usage: EscrowUsage, state: Escrow, now: int) -> Decision:
    escrow = Pubkey.from_string(usage.escrow)
    opening = opening_slot(state)
    target = _charge(state, usage.total_seconds, usage.total_amount)
    payable = min(target, rate_bound(state, now), state.deposited)
    # What the records before the unsettled ones add up to; walk the unsettled ones
    # until the payable amount is used up.
    unsettled = [(i, _charge(state, s, a)) for i, s, a in usage.unsettled]
    paid_before = target - sum(c for _, c in unsettled)
    through, total = 0, paid_before
    for record_id, charge in unsettled:
        if total + charge > payable:
            break
        total += charge
        through = record_id
    last = unsettled[-1][0] if unsettled else 0
    grows = now < state.expires_at and target <= state.deposited
    short = target - payable
    failure = None
    if short > 0 and not grows:
        failure = (f"usage exceeds what the escrow allows by {short} base units "
                   f"(deposit {state.deposited}, rate bound {rate_bound(state, now)})")
    delta = payable - state.settled
    if usage.final and (short <= 0 or not grows):
        # Close: the last settlement rides along (0 when nothing is left to pay).
        amount = max(delta, 0)
        return Decision(escrow, state, Settlement(usage.escrow, opening,
                                                  state.next_seq if amount else 0, amount,
                                                  last, True), failure=failure)
    if delta <= 0:
        covered = through if through else None
        return Decision(escrow, state, covered=covered, failure=failure, wait=short > 0)
    return Decision(escrow, state, Settlement(usage.escrow, opening, state.next_seq, delta,
                                              through, False), failure=failure, wait=short > 0)
