"""Settlement transactions: built, sized to fit, priced, journaled, sent, followed to
their outcome.

A transaction is journaled (signed bytes, signature, last valid block height, what it
settles) before it is sent and its outcome after: landed, failed (the node refused it in
preflight or it failed on-chain) or expired (its blockhash is past and it never landed:
its records are settled by a new transaction, signed with a fresh blockhash). While it is
followed up, the same signed bytes are sent again every ``REBROADCAST_SECONDS`` (as
Solana's own clients do): one the cluster dropped lands long before its blockhash
expires, and the same signature can never land twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction

from ionet.cli.errors import program_error
from ionet.coordinator import faults
from ionet.coordinator.chain import Chain, RpcError
from ionet.coordinator.journal import Journal, PendingTransaction, Settlement
from ionet.coordinator.metrics import Metrics

__all__ = ["PACKET_SIZE", "Sender", "describe_error"]

PACKET_SIZE = 1_232
MAX_COMPUTE_UNITS = 1_400_000
MAX_ACCOUNT_LOCKS = 64
"""The most accounts one transaction may lock (the runtime's limit without the 128 of
``increase_tx_account_lock_limit``)."""
REBROADCAST_SECONDS = 2.0
"""How often a pending transaction is sent again while its blockhash is valid."""
log = logging.getLogger("ionet.coordinator")


def describe_error(err: Any) -> str:
    """One line for a transaction error in its JSON form."""
    if isinstance(err, dict) and "InstructionError" in err:
        index, inner = err["InstructionError"]
        if isinstance(inner, dict) and "Custom" in inner:
            return f"instruction {index}: {program_error('io_escrow', int(inner['Custom']))}"
        return f"instruction {index}: {inner}"
    return str(err)


def _refusal(exc: RpcError) -> Any:
    """The transaction error of a preflight refusal (None: not one)."""
    return exc.data.get("err") if isinstance(exc.data, dict) else None


@dataclass
class Sender:
    chain: Chain
    journal: Journal
    coordinator: Keypair
    metrics: Metrics
    worker: str
    priority_fee: int | None = None
    """Micro-lamports per compute unit; None: the median of recent fees."""

    async def _price(self, accounts: Sequence[Pubkey]) -> int:
        if self.priority_fee is not None:
            return self.priority_fee
        return await self.chain.priority_fee(accounts)

    def compile(self, instructions: Sequence[Instruction],
                tables: Sequence[AddressLookupTableAccount], blockhash: Hash
                ) -> VersionedTransaction:
        message = MessageV0.try_compile(self.coordinator.pubkey(), list(instructions),
                                        list(tables), blockhash)
        return VersionedTransaction(message, [self.coordinator])

    def fits(self, instructions: Sequence[Instruction],
             tables: Sequence[AddressLookupTableAccount], blockhash: Hash) -> bool:
        budget = [set_compute_unit_limit(MAX_COMPUTE_UNITS), set_compute_unit_price(1)]
        try:
            tx = self.compile([*budget, *instructions], tables, blockhash)
        except Exception:  # solders refuses a message it cannot encode (too many keys)
            return False
        message = tx.message
        accounts = len(message.account_keys) + sum(
            len(t.writable_indexes) + len(t.readonly_indexes)
            for t in getattr(message, "address_table_lookups", []))
        return len(bytes(tx)) <= PACKET_SIZE and accounts <= MAX_ACCOUNT_LOCKS

    async def submit_plain(self, instructions: list[Instruction]) -> None:
        """Lands a transaction that pays nobody (lookup tables); raises on failure."""
        blockhash, lvbh = await self.chain.latest_blockhash()
        tx = self.compile(instructions, [], blockhash)
        try:
            await self.chain.send(bytes(tx))
        except RpcError as exc:
            if _refusal(exc) != "AlreadyProcessed":  # another worker sent the same bytes
                raise
        except Exception as exc:  # delivered or not (the answer was lost): the outcome tells
            log.warning("send %s: %s: %s; following it up", tx.signatures[0],
                        type(exc).__name__, exc)
        state, error = await self.outcome(str(tx.signatures[0]), lvbh, bytes(tx))
        if state != "landed":
            raise RuntimeError(f"lookup table transaction {state}: {error}")

    async def settle(self, instructions: Sequence[Instruction],
                     settlements: Sequence[Settlement], addresses: Sequence[Pubkey],
                     tables: Sequence[AddressLookupTableAccount]) -> str:
        """Sends one settlement transaction (v0, over ``tables``); returns its outcome's
        state."""
        blockhash, lvbh = await self.chain.latest_blockhash()
        probe = self.compile([set_compute_unit_limit(MAX_COMPUTE_UNITS), *instructions],
                             tables, blockhash)
        err, units, logs = await self.chain.simulate(probe)
        if err is not None:
            reason = describe_error(err)
            log.warning("simulation failed: %s %s", reason, logs[-3:])
            for s in settlements:
                self.journal.set_error(s.escrow, f"simulation: {reason}")
            self.metrics.failures.labels("simulation").inc()
            return "failed"
        price = await self._price(addresses)
        budget = [set_compute_unit_limit(min(MAX_COMPUTE_UNITS, units + units // 10 + 1_000))]
        if price:
            budget.append(set_compute_unit_price(price))
        tx = self.compile([*budget, *instructions], tables, blockhash)
        signature = str(tx.signatures[0])
        tx_id = self.journal.add_transaction(self.worker, signature, bytes(tx), lvbh,
                                             settlements)
        faults.reached("journaled")
        pending = PendingTransaction(tx_id, signature, bytes(tx), lvbh, list(settlements))
        try:
            await self.chain.send(bytes(tx))
        except RpcError as exc:
            refused = _refusal(exc)
            if refused is not None and refused != "AlreadyProcessed":
                return self.finish(pending, "failed", describe_error(refused))
            if refused is None:
                log.warning("send %s: %s; following it up", signature, exc)
        except Exception as exc:  # delivered or not: the outcome tells
            log.warning("send %s: %s: %s; following it up", signature, type(exc).__name__, exc)
        faults.reached("sent")
        state, error = await self.outcome(signature, lvbh, bytes(tx))
        return self.finish(pending, state, error)

    def finish(self, tx: PendingTransaction, state: str, error: str | None) -> str:
        lags = self.journal.finish_transaction(tx.id, state, error)
        self.metrics.transactions.labels(state).inc()
        for lag in lags:
            self.metrics.lag.observe(lag)
        if state == "landed":
            self.metrics.settled.inc(len(tx.settlements))
            log.info("transaction %s landed: %d escrow(s), %d base units", tx.signature,
                     len(tx.settlements), sum(s.amount for s in tx.settlements))
        else:
            self.metrics.failures.labels(state).inc()
            log.warning("transaction %s %s: %s", tx.signature, state, error)
        return state

    async def outcome(self, signature: str, last_valid_block_height: int, raw: bytes
                      ) -> tuple[str, str | None]:
        """Waits until the transaction is found (landed or failed) or its blockhash is
        past (expired: it can never land), sending ``raw`` (its signed bytes) again every
        ``REBROADCAST_SECONDS`` meanwhile."""
        rebroadcast_at = time.monotonic() + REBROADCAST_SECONDS
        while True:
            [status] = await self.chain.statuses([signature])
            if status is not None:
                if status.err is None:
                    return "landed", None
                return "failed", describe_error(status.err)
            if await self.chain.block_height() > last_valid_block_height:
                # Found neither before nor after the last valid height: it never landed.
                [status] = await self.chain.statuses([signature])
                if status is None:
                    return "expired", "blockhash expired before it landed"
                continue
            if time.monotonic() >= rebroadcast_at:
                await self.rebroadcast(signature, raw)
                rebroadcast_at = time.monotonic() + REBROADCAST_SECONDS
            await asyncio.sleep(0.2)

    async def rebroadcast(self, signature: str, raw: bytes) -> None:
        """Sends a pending transaction's signed bytes again (it cannot land twice)."""
        log.info("rebroadcast %s: not landed yet, its blockhash still valid", signature)
        self.metrics.rebroadcasts.inc()
        try:
            await self.chain.send(raw)
        except Exception as exc:  # landed meanwhile, or not delivered: the status tells
            log.debug("rebroadcast %s: %s: %s", signature, type(exc).__name__, exc)
