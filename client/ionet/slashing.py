"""Typed API over io_slashing's generated anchorpy client (``ionet.generated.io_slashing``).

* Addresses: :func:`config_address`, :func:`slasher_address` (the PDA io_staking must name
  as its slasher), :func:`record_address`, :func:`proposal_address`, and their seeds,
  generated from the IDL (``ionet.generated.io_slashing.pdas``).
* :class:`SlashingSettings` and :class:`Offense`: the windows, caps and offense policies
  (:meth:`SlashingSettings.default`).
* :class:`SlashingProgram`: one deployment, bound to the io_staking deployment it slashes
  (a :class:`~ionet.staking.StakingProgram`); builds every instruction with its accounts
  filled in, and fetches the program's accounts.
* :func:`evidence_hash`: the sha256 that proposals and disputes carry.
* :func:`decode_events`: the program's Anchor events in a transaction's logs.

A proposal's life: ``propose_slash`` (pending; io_staking freezes the node's withdrawals)
→ ``dispute`` by the node's owner inside the challenge window → ``resolve`` by the admin →
``execute_slash`` by anyone (undisputed after the window, or upheld); ``cancel`` by the
reporter or the admin before execution. Every builder returns a
``solders.instruction.Instruction``; sending is the caller's business.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Final

from anchorpy import Event
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from ionet.events import decode_events as _decode_events
from ionet.generated.io_slashing import instructions as ix
from ionet.generated.io_slashing.accounts import NodeRecord, SlashingConfig, SlashProposal
from ionet.generated.io_slashing.pdas import (
    CONFIG_SEED,
    PROPOSAL_SEED,
    RECORD_SEED,
    SLASHER_SEED,
    config_address,
    proposal_address,
    record_address,
    slasher_address,
)
from ionet.generated.io_slashing.program_id import PROGRAM_ID as DEFAULT_PROGRAM_ID
from ionet.generated.io_slashing.types import OffensePolicy, SlashingParams
from ionet.loader_v3 import programdata_address
from ionet.staking import DAY, StakingProgram

__all__ = [
    "CONFIG_SEED",
    "DEFAULT_PROGRAM_ID",
    "MAX_DURATION_SECS",
    "MAX_REPORTERS",
    "MIN_CHALLENGE_WINDOW_SECS",
    "PROPOSAL_SEED",
    "RECORD_SEED",
    "SLASHER_SEED",
    "NodeRecord",
    "Offense",
    "OffenseRule",
    "SlashProposal",
    "SlashingConfig",
    "SlashingProgram",
    "SlashingSettings",
    "Status",
    "config_address",
    "decode_events",
    "evidence_hash",
    "proposal_address",
    "record_address",
    "slasher_address",
]

MAX_REPORTERS: Final = 8
MIN_CHALLENGE_WINDOW_SECS: Final = 3_600
MAX_DURATION_SECS: Final = 365 * 86_400


class Offense(IntEnum):
    """The offense kinds (io.net names the first three; downtime is ours)."""

    SPOOFING = 0
    DATA_COMPROMISE = 1
    FAILED_PROOF_OF_WORK = 2
    DOWNTIME = 3


class Status(IntEnum):
    """A proposal's status; the first three are open (they hold the node's withdrawals)."""

    PENDING = 0
    DISPUTED = 1
    UPHELD = 2
    REJECTED = 3
    CANCELLED = 4
    EXECUTED = 5


def evidence_hash(evidence: bytes) -> bytes:
    """The sha256 of off-chain evidence, as proposals and disputes record it."""
    return hashlib.sha256(evidence).digest()


# -------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class OffenseRule:
    """What one offense may cost: the cap of one proposal, and the jail of an executed
    slash (0: none)."""

    max_bps: int
    jail_secs: int = 0


def _default_offenses() -> dict[Offense, OffenseRule]:
    return {
        Offense.SPOOFING: OffenseRule(5_000, 30 * DAY),
        Offense.DATA_COMPROMISE: OffenseRule(10_000, 90 * DAY),
        Offense.FAILED_PROOF_OF_WORK: OffenseRule(1_000, 7 * DAY),
        Offense.DOWNTIME: OffenseRule(100),
    }


@dataclass(frozen=True)
class SlashingSettings:
    """The program's settings (``SlashingParams``); durations in seconds."""

    challenge_window_secs: int = 7 * DAY
    appeal_window_secs: int = 7 * DAY
    rolling_window_secs: int = 30 * DAY
    max_rolling_bps: int = 5_000
    offenses: dict[Offense, OffenseRule] = field(default_factory=_default_offenses)

    @classmethod
    def default(cls) -> SlashingSettings:
        """A 7-day challenge window (well inside io_staking's 14-day cooldown), 7 days for
        the admin to resolve a dispute (then anyone may cancel it), at most 50 % of a node
        in any 30 days; spoofing up to 50 % and 30 days of jail, data
        compromise up to 100 % and 90 days, a failed proof of work 10 % and 7 days,
        downtime 1 % and no jail."""
        return cls()

    def to_params(self) -> SlashingParams:
        rules = [self.offenses.get(kind, OffenseRule(0)) for kind in Offense]
        return SlashingParams(
            challenge_window_secs=self.challenge_window_secs,
            appeal_window_secs=self.appeal_window_secs,
            rolling_window_secs=self.rolling_window_secs,
            max_rolling_bps=self.max_rolling_bps,
            offenses=[OffensePolicy(max_bps=r.max_bps, jail_secs=r.jail_secs) for r in rules],
        )

    @classmethod
    def of(cls, params: SlashingParams) -> SlashingSettings:
        """The settings a fetched config's ``params`` hold."""
        return cls(params.challenge_window_secs, params.appeal_window_secs,
                   params.rolling_window_secs, params.max_rolling_bps,
                   {kind: OffenseRule(p.max_bps, p.jail_secs)
                    for kind, p in zip(Offense, params.offenses, strict=True)})


def decode_events(logs: Sequence[str], program_id: Pubkey = DEFAULT_PROGRAM_ID) -> list[Event]:
    """io_slashing's events in a transaction's logs, in order (anchorpy ``Event``s)."""
    return _decode_events("io_slashing", program_id, logs)


def _hash(value: bytes) -> list[int]:
    if len(value) != 32:
        raise ValueError(f"an evidence hash is 32 bytes, got {len(value)}")
    return list(value)


# ---------------------------------------------------------------------------- program


@dataclass(frozen=True)
class SlashingProgram:
    """One deployment of io_slashing and the io_staking deployment it slashes."""

    program_id: Pubkey
    staking: StakingProgram

    # ---- addresses

    @property
    def config(self) -> Pubkey:
        return config_address(self.program_id)

    @property
    def slasher(self) -> Pubkey:
        return slasher_address(self.program_id)

    def record(self, node: Pubkey) -> Pubkey:
        return record_address(node, self.program_id)

    def proposal(self, node: Pubkey, seq: int) -> Pubkey:
        return proposal_address(node, seq, self.program_id)

    # ---- administration

    def initialize(self, authority: Pubkey, admin: Pubkey,
                   settings: SlashingSettings) -> Instruction:
        """Creates the config; ``authority`` is the upgrade authority. The staking program
        is fixed for good."""
        return ix.initialize(
            {"admin": admin, "staking_program": self.staking.program_id,
             "params": settings.to_params()},
            {"config": self.config, "authority": authority,
             "program_data": programdata_address(self.program_id)},
            self.program_id)

    def update_config(self, admin: Pubkey, settings: SlashingSettings) -> Instruction:
        return ix.update_config({"params": settings.to_params()},
                                {"config": self.config, "admin": admin}, self.program_id)

    def propose_admin(self, admin: Pubkey, new_admin: Pubkey) -> Instruction:
        return ix.propose_admin({"new_admin": new_admin},
                                {"config": self.config, "admin": admin}, self.program_id)

    def accept_admin(self, new_admin: Pubkey) -> Instruction:
        return ix.accept_admin({"config": self.config, "pending_admin": new_admin},
                               self.program_id)

    def set_paused(self, admin: Pubkey, paused: bool) -> Instruction:
        return ix.set_paused({"paused": paused}, {"config": self.config, "admin": admin},
                             self.program_id)

    def set_reporter(self, admin: Pubkey, reporter: Pubkey, enabled: bool) -> Instruction:
        """Adds (``enabled``) or removes a reporter."""
        return ix.set_reporter({"reporter": reporter, "enabled": enabled},
                               {"config": self.config, "admin": admin}, self.program_id)

    def add_reporter(self, admin: Pubkey, reporter: Pubkey) -> Instruction:
        return self.set_reporter(admin, reporter, True)

    def remove_reporter(self, admin: Pubkey, reporter: Pubkey) -> Instruction:
        return self.set_reporter(admin, reporter, False)

    # ---- proposals

    def propose_slash(self, reporter: Pubkey, node: Pubkey, seq: int, offense: Offense | int,
                      bps: int, evidence: bytes) -> Instruction:
        """Proposal number ``seq`` of ``node`` (its record's ``next_seq``, 0 for the first;
        see :meth:`next_seq`); ``evidence``: the 32-byte sha256 of the evidence."""
        return ix.propose_slash(
            {"seq": seq, "offense": int(offense), "bps": bps, "evidence_hash": _hash(evidence)},
            {"config": self.config, "record": self.record(node),
             "proposal": self.proposal(node, seq), "node": node, "reporter": reporter,
             "slasher": self.slasher, "staking_program": self.staking.program_id,
             "staking_config": self.staking.config},
            self.program_id)

    def dispute(self, owner: Pubkey, node: Pubkey, seq: int,
                counter_evidence: bytes) -> Instruction:
        """By the node's owner, inside the challenge window; ``counter_evidence``: a sha256."""
        return ix.dispute(
            {"counter_evidence_hash": _hash(counter_evidence)},
            {"config": self.config, "proposal": self.proposal(node, seq), "node": node,
             "owner": owner},
            self.program_id)

    def resolve(self, admin: Pubkey, node: Pubkey, seq: int, uphold: bool) -> Instruction:
        """The appeal of a disputed proposal: uphold it, or reject it."""
        return ix.resolve(
            {"uphold": uphold},
            {"config": self.config, "proposal": self.proposal(node, seq),
             "record": self.record(node), "node": node, "admin": admin,
             "slasher": self.slasher, "staking_program": self.staking.program_id,
             "staking_config": self.staking.config},
            self.program_id)

    def cancel(self, authority: Pubkey, node: Pubkey, seq: int) -> Instruction:
        """By the proposal's reporter or the admin."""
        return ix.cancel(
            {"config": self.config, "proposal": self.proposal(node, seq),
             "record": self.record(node), "node": node, "authority": authority,
             "slasher": self.slasher, "staking_program": self.staking.program_id,
             "staking_config": self.staking.config},
            self.program_id)

    def execute_slash(self, node: Pubkey, seq: int, treasury: Pubkey) -> Instruction:
        """Permissionless; ``treasury``: io_staking's ``config.treasury``."""
        return ix.execute_slash(
            {"config": self.config, "proposal": self.proposal(node, seq),
             "record": self.record(node), "node": node, "slasher": self.slasher,
             "staking_program": self.staking.program_id,
             "staking_config": self.staking.config, "stake_vault": self.staking.stake_vault,
             "stake_mint": self.staking.stake_mint, "treasury": treasury,
             "stake_token_program": self.staking.token_program},
            self.program_id)

    # ---- fetching

    async def fetch_config(self, conn: AsyncClient,
                           commitment: Commitment = Confirmed) -> SlashingConfig | None:
        return await SlashingConfig.fetch(conn, self.config, commitment, self.program_id)

    async def fetch_record(self, conn: AsyncClient, node: Pubkey,
                           commitment: Commitment = Confirmed) -> NodeRecord | None:
        """The node's record; None before its first proposal (also when someone sent
        lamports to the address: the program creates the record over them)."""
        info = (await conn.get_account_info(self.record(node), commitment)).value
        if info is None or info.owner != self.program_id:
            return None
        return NodeRecord.decode(bytes(info.data))

    async def fetch_proposal(self, conn: AsyncClient, node: Pubkey, seq: int,
                             commitment: Commitment = Confirmed) -> SlashProposal | None:
        return await SlashProposal.fetch(conn, self.proposal(node, seq), commitment,
                                         self.program_id)

    async def next_seq(self, conn: AsyncClient, node: Pubkey,
                       commitment: Commitment = Confirmed) -> int:
        """The sequence number of ``node``'s next proposal (0 before its first)."""
        record = await self.fetch_record(conn, node, commitment)
        return 0 if record is None else record.next_seq
