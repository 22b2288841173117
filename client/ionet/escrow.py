"""Typed API over io_escrow's generated anchorpy client (``ionet.generated.io_escrow``).

* Addresses: :func:`config_address`, :func:`payment_mint_address`, :func:`vault_address`,
  :func:`escrow_address`, and their seeds, generated from the IDL
  (``ionet.generated.io_escrow.pdas``).
* :class:`EscrowSettings`: the settings given at initialize (io.net's 0.25 % reservation
  fee from both sides by default).
* :class:`EscrowProgram`: one deployment; builds every instruction with its accounts
  filled in, and fetches the program's accounts.
* Pure arithmetic mirroring the program's (``programs/io_escrow/src/books.rs``):
  :func:`fee`, :func:`top_up_fee`, :func:`settle_fee`, :func:`fees_at`, :func:`node_eligible`,
  :func:`refundable_for_ineligibility`, :func:`rate_bound`, :func:`remaining`,
  :func:`opening_slot`.
* :func:`decode_events`: the program's Anchor events in a transaction's logs.

Amounts are in the mint's base units (integers). Every builder returns a
``solders.instruction.Instruction``; sending is the caller's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from anchorpy import Event
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed
from solana.rpc.types import MemcmpOpts
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import get_associated_token_address

from ionet.events import decode_events as _decode_events
from ionet.generated.io_escrow import instructions as ix
from ionet.generated.io_escrow.accounts import Escrow, EscrowConfig, PaymentMint
from ionet.generated.io_escrow.pdas import (
    CONFIG_SEED,
    ESCROW_SEED,
    PAYMENT_MINT_SEED,
    VAULT_SEED,
    config_address,
    escrow_address,
    payment_mint_address,
    vault_address,
)
from ionet.generated.io_escrow.program_id import PROGRAM_ID as DEFAULT_PROGRAM_ID
from ionet.generated.io_escrow.types import ConfigParams, InitParams, SettleEntry
from ionet.loader_v3 import programdata_address
from ionet.program_accounts import program_accounts
from ionet.staking import Node, StakingConfig, minimum_stake
from ionet.staking import config_address as staking_config_address

__all__ = [
    "BPS_DENOMINATOR",
    "CLOSED_BY_COORDINATOR",
    "CLOSED_EXPIRED",
    "CLOSED_INELIGIBLE",
    "CONFIG_SEED",
    "DEFAULT_PROGRAM_ID",
    "ESCROW_SEED",
    "FIRST_SEQ_SHIFT",
    "MAX_FEE_BPS",
    "MAX_REFUND_GRACE_SECS",
    "PAYMENT_MINT_SEED",
    "TOKEN_2022_PROGRAM_ID",
    "TOKEN_PROGRAM_ID",
    "VAULT_SEED",
    "Escrow",
    "EscrowConfig",
    "EscrowProgram",
    "EscrowSettings",
    "PaymentMint",
    "SettleEntry",
    "config_address",
    "decode_events",
    "escrow_address",
    "fee",
    "fees_at",
    "node_eligible",
    "opening_slot",
    "payment_mint_address",
    "rate_bound",
    "refundable_for_ineligibility",
    "remaining",
    "settle_fee",
    "top_up_fee",
    "vault_address",
]

BPS_DENOMINATOR: Final = 10_000
MAX_FEE_BPS: Final = 1_000
"""The on-chain cap on either fee: 10 %."""
MAX_REFUND_GRACE_SECS: Final = 30 * 86_400
"""The on-chain bound on the refund grace: 30 days."""
CLOSED_BY_COORDINATOR: Final = 0
CLOSED_EXPIRED: Final = 1
CLOSED_INELIGIBLE: Final = 2
FIRST_SEQ_SHIFT: Final = 24
"""An escrow's first sequence number is its opening slot shifted left by this much."""

# -------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class EscrowSettings:
    """Settings given at initialize. ``staking_program`` and ``fee_delay_secs`` never
    change afterwards."""

    coordinator: Pubkey
    treasury: Pubkey
    staking_program: Pubkey
    customer_fee_bps: int = 25
    supplier_fee_bps: int = 25
    fee_delay_secs: int = 7 * 86_400
    refund_grace_secs: int = 86_400

    def to_params(self) -> InitParams:
        return InitParams(coordinator=self.coordinator, treasury=self.treasury,
                          staking_program=self.staking_program,
                          customer_fee_bps=self.customer_fee_bps,
                          supplier_fee_bps=self.supplier_fee_bps,
                          fee_delay_secs=self.fee_delay_secs,
                          refund_grace_secs=self.refund_grace_secs)


# ---------------------------------------------------------------------- arithmetic


def fee(amount: int, bps: int) -> int:
    """``bps`` of ``amount``, rounded down (as the program takes it)."""
    return amount * bps // BPS_DENOMINATOR


def top_up_fee(escrow: Escrow, amount: int) -> int:
    """The customer fee of topping ``escrow`` up with ``amount``: the program keeps an
    escrow's customer fees at the fee of everything paid in, however it was split."""
    paid = escrow.deposited + escrow.customer_fees + amount
    return fee(paid, escrow.customer_fee_bps) - escrow.customer_fees


def settle_fee(escrow: Escrow, amount: int) -> int:
    """The supplier fee of settling ``amount`` more from ``escrow``: the program keeps an
    escrow's supplier fees at the fee of everything settled, however it was split."""
    return fee(escrow.settled + amount, escrow.supplier_fee_bps) - escrow.supplier_fees


def fees_at(config: EscrowConfig, now: int) -> tuple[int, int]:
    """The (customer, supplier) fee bps an escrow opened at ``now`` gets: the proposed
    ones once their time has come."""
    if config.fees_change_at != 0 and now >= config.fees_change_at:
        return config.pending_customer_fee_bps, config.pending_supplier_fee_bps
    return config.customer_fee_bps, config.supplier_fee_bps


def node_eligible(config: StakingConfig, node: Node, now: int) -> bool:
    """Whether io_escrow opens (and keeps) escrows for ``node``: not jailed, and active
    stake at least its minimum. Unlike io_staking's :func:`~ionet.staking.is_eligible`,
    the co-stake cap does not count."""
    needed = minimum_stake(config.min_stake_per_gpu, node.multiplier_bps, node.gpu_count)
    return node.jailed_until <= now and node.active.tokens >= needed


def refundable_for_ineligibility(config: StakingConfig, node: Node, escrow: Escrow,
                                 now: int) -> bool:
    """Whether ``refund_ineligible`` pays ``escrow`` back now: its node is not
    :func:`node_eligible`, or was reopened (by a new owner) after the escrow opened."""
    return node.registered_at > escrow.opened_at or not node_eligible(config, node, now)


def remaining(escrow: Escrow) -> int:
    """What is left in ``escrow``."""
    return escrow.deposited - escrow.settled


def rate_bound(escrow: Escrow, now: int) -> int:
    """The most the coordinator may have settled by ``now``: ``min_charge + rate *
    seconds since opening``, counted up to the expiry."""
    elapsed = max(0, min(now, escrow.expires_at) - escrow.opened_at)
    return min(escrow.min_charge + escrow.rate_per_second * elapsed, 2**64 - 1)


def opening_slot(escrow: Escrow) -> int:
    """The slot ``escrow`` was opened in: what tells one opening of an address (customer,
    job id) from another, since ``opened_at`` is only to the second. Read from
    ``next_seq``, which starts at the opening slot ``<< FIRST_SEQ_SHIFT`` and grows by one
    per settlement: right while an opening has had fewer than 2^24 settlements."""
    return escrow.next_seq >> FIRST_SEQ_SHIFT


def decode_events(logs: Sequence[str], program_id: Pubkey = DEFAULT_PROGRAM_ID) -> list[Event]:
    """io_escrow's events in a transaction's logs, in order (anchorpy ``Event``s)."""
    return _decode_events("io_escrow", program_id, logs)


# ---------------------------------------------------------------------------- program


@dataclass(frozen=True)
class EscrowProgram:
    """One deployment of io_escrow, and the io_staking deployment it reads nodes from.

    Builders take the signers' public keys; token accounts default to the associated token
    accounts of their owner for the mint, of the mint's ``token_program``.
    """

    program_id: Pubkey
    staking_program: Pubkey

    # ---- addresses

    @property
    def config(self) -> Pubkey:
        return config_address(self.program_id)

    @property
    def staking_config(self) -> Pubkey:
        return staking_config_address(self.staking_program)

    def payment_mint(self, mint: Pubkey) -> Pubkey:
        return payment_mint_address(mint, self.program_id)

    def vault(self, mint: Pubkey) -> Pubkey:
        return vault_address(mint, self.program_id)

    def escrow(self, customer: Pubkey, job_id: int) -> Pubkey:
        return escrow_address(customer, job_id, self.program_id)

    @staticmethod
    def token_account(owner: Pubkey, mint: Pubkey,
                      token_program: Pubkey = TOKEN_PROGRAM_ID) -> Pubkey:
        return get_associated_token_address(owner, mint, token_program)

    # ---- administration

    def initialize(self, authority: Pubkey, admin: Pubkey,
                   settings: EscrowSettings) -> Instruction:
        """Creates the config; ``authority`` is the program's upgrade authority."""
        return ix.initialize({"admin": admin, "params": settings.to_params()},
                             {"config": self.config, "authority": authority,
                              "program_data": programdata_address(self.program_id)},
                             self.program_id)

    def update_config(self, admin: Pubkey, coordinator: Pubkey, treasury: Pubkey,
                      refund_grace_secs: int) -> Instruction:
        params = ConfigParams(coordinator=coordinator, treasury=treasury,
                              refund_grace_secs=refund_grace_secs)
        return ix.update_config({"params": params}, {"config": self.config, "admin": admin},
                                self.program_id)

    def propose_admin(self, admin: Pubkey, new_admin: Pubkey) -> Instruction:
        return ix.propose_admin({"new_admin": new_admin},
                                {"config": self.config, "admin": admin}, self.program_id)

    def accept_admin(self, new_admin: Pubkey) -> Instruction:
        return ix.accept_admin({"config": self.config, "pending_admin": new_admin},
                               self.program_id)

    def set_paused(self, admin: Pubkey, paused: bool) -> Instruction:
        return ix.set_paused({"paused": paused}, {"config": self.config, "admin": admin},
                             self.program_id)

    def propose_fees(self, admin: Pubkey, customer_fee_bps: int,
                     supplier_fee_bps: int) -> Instruction:
        return ix.propose_fees({"customer_fee_bps": customer_fee_bps,
                                "supplier_fee_bps": supplier_fee_bps},
                               {"config": self.config, "admin": admin}, self.program_id)

    def enable_mint(self, admin: Pubkey, mint: Pubkey,
                    token_program: Pubkey = TOKEN_PROGRAM_ID) -> Instruction:
        return ix.enable_mint({
            "config": self.config, "payment_mint": self.payment_mint(mint),
            "vault": self.vault(mint), "mint": mint, "admin": admin,
            "mint_token_program": token_program}, self.program_id)

    # ---- escrows

    def _token(self, owner: Pubkey, mint: Pubkey, token_program: Pubkey,
               given: Pubkey | None) -> Pubkey:
        return given or self.token_account(owner, mint, token_program)

    def open_escrow(self, customer: Pubkey, job_id: int, node: Pubkey, node_owner: Pubkey,
                    mint: Pubkey, amount: int, rate_per_second: int, min_charge: int,
                    expires_at: int, token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                    payout: Pubkey | None = None,
                    customer_token: Pubkey | None = None) -> Instruction:
        """Opens escrow ``job_id`` of ``customer`` for ``node``; the payout account
        defaults to the node owner's associated token account of the mint."""
        return ix.open_escrow(
            {"job_id": job_id, "amount": amount, "rate_per_second": rate_per_second,
             "min_charge": min_charge, "expires_at": expires_at},
            {"config": self.config, "payment_mint": self.payment_mint(mint),
             "escrow": self.escrow(customer, job_id), "staking_config": self.staking_config,
             "node": node, "payout": self._token(node_owner, mint, token_program, payout),
             "customer": customer,
             "customer_token": self._token(customer, mint, token_program, customer_token),
             "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    def top_up(self, customer: Pubkey, escrow: Pubkey, mint: Pubkey, amount: int,
               token_program: Pubkey = TOKEN_PROGRAM_ID, *,
               customer_token: Pubkey | None = None) -> Instruction:
        return ix.top_up({"amount": amount}, {
            "config": self.config, "payment_mint": self.payment_mint(mint), "escrow": escrow,
            "customer": customer,
            "customer_token": self._token(customer, mint, token_program, customer_token),
            "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    def extend(self, customer: Pubkey, escrow: Pubkey, expires_at: int) -> Instruction:
        return ix.extend({"expires_at": expires_at}, {"escrow": escrow, "customer": customer},
                         self.program_id)

    def settle(self, coordinator: Pubkey, escrow: Pubkey, payout: Pubkey, mint: Pubkey,
               amount: int, seq: int, token_program: Pubkey = TOKEN_PROGRAM_ID) -> Instruction:
        return ix.settle({"amount": amount, "seq": seq}, {
            "config": self.config, "payment_mint": self.payment_mint(mint), "escrow": escrow,
            "coordinator": coordinator, "payout": payout, "vault": self.vault(mint),
            "mint": mint, "mint_token_program": token_program}, self.program_id)

    def settle_batch(self, coordinator: Pubkey, node: Pubkey, payout: Pubkey, mint: Pubkey,
                     entries: Sequence[tuple[Pubkey, int, int]],
                     token_program: Pubkey = TOKEN_PROGRAM_ID) -> Instruction:
        """Settles ``(escrow, amount, seq)`` entries of one node in one instruction."""
        return ix.settle_batch(
            {"entries": [SettleEntry(amount=amount, seq=seq) for _, amount, seq in entries]},
            {"config": self.config, "payment_mint": self.payment_mint(mint), "node": node,
             "coordinator": coordinator, "payout": payout, "vault": self.vault(mint),
             "mint": mint, "mint_token_program": token_program},
            self.program_id,
            remaining_accounts=[AccountMeta(escrow, False, True) for escrow, _, _ in entries])

    def close_escrow(self, coordinator: Pubkey, escrow: Pubkey, customer: Pubkey,
                     payout: Pubkey, mint: Pubkey, amount: int = 0, seq: int = 0,
                     token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                     customer_token: Pubkey | None = None) -> Instruction:
        """Closes ``escrow``, with a final settlement of ``amount`` (``seq``) if not 0."""
        return ix.close_escrow({"amount": amount, "seq": seq}, {
            "config": self.config, "payment_mint": self.payment_mint(mint), "escrow": escrow,
            "coordinator": coordinator, "payout": payout, "customer": customer,
            "customer_token": self._token(customer, mint, token_program, customer_token),
            "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    def refund_expired(self, customer: Pubkey, escrow: Pubkey, mint: Pubkey,
                       token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                       customer_token: Pubkey | None = None) -> Instruction:
        return ix.refund_expired({
            "config": self.config, "payment_mint": self.payment_mint(mint), "escrow": escrow,
            "customer": customer,
            "customer_token": self._token(customer, mint, token_program, customer_token),
            "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    def refund_ineligible(self, customer: Pubkey, escrow: Pubkey, node: Pubkey, mint: Pubkey,
                          token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                          customer_token: Pubkey | None = None) -> Instruction:
        return ix.refund_ineligible({
            "config": self.config, "payment_mint": self.payment_mint(mint), "escrow": escrow,
            "staking_config": self.staking_config, "node": node, "customer": customer,
            "customer_token": self._token(customer, mint, token_program, customer_token),
            "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    def sweep_fees(self, treasury: Pubkey, mint: Pubkey,
                   token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                   treasury_token: Pubkey | None = None) -> Instruction:
        return ix.sweep_fees({
            "config": self.config, "payment_mint": self.payment_mint(mint),
            "treasury_token": self._token(treasury, mint, token_program, treasury_token),
            "vault": self.vault(mint), "mint": mint, "mint_token_program": token_program},
            self.program_id)

    # ---- fetching

    async def fetch_config(self, conn: AsyncClient,
                           commitment: Commitment = Confirmed) -> EscrowConfig | None:
        return await EscrowConfig.fetch(conn, self.config, commitment, self.program_id)

    async def fetch_payment_mint(self, conn: AsyncClient, mint: Pubkey,
                                 commitment: Commitment = Confirmed) -> PaymentMint | None:
        return await PaymentMint.fetch(conn, self.payment_mint(mint), commitment,
                                       self.program_id)

    async def fetch_escrow(self, conn: AsyncClient, escrow: Pubkey,
                           commitment: Commitment = Confirmed) -> Escrow | None:
        return await Escrow.fetch(conn, escrow, commitment, self.program_id)

    async def fetch_escrows(self, conn: AsyncClient, mint: Pubkey | None = None,
                            commitment: Commitment = Confirmed) -> dict[Pubkey, Escrow]:
        """Every open escrow of this deployment, or of one mint."""
        filters = [] if mint is None else [MemcmpOpts(offset=8 + 2 + 64, bytes=str(mint))]
        return {k: Escrow.decode(d) for k, d in await program_accounts(
            conn, self.program_id, Escrow.discriminator, filters, commitment)}
