"""io_slashing as the CLI sees it: the deployment behind ``--program-id`` / ``Anchor.toml``,
the io_staking its config names, and slash proposals, checked before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from solders.pubkey import Pubkey

from ionet.cli.chain import fetch_config
from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.staking_accounts import PROGRAM as STAKING_PROGRAM
from ionet.cli.staking_accounts import Staking, load_staking
from ionet.slashing import (
    Offense,
    SlashingConfig,
    SlashingProgram,
    SlashProposal,
    Status,
    config_address,
)

__all__ = ["NODE_OFFSET", "OFFENSE_NAMES", "PROGRAM", "Slashing", "load_slashing",
           "proposal_json"]

OFFENSE_NAMES = {kind: kind.name.lower().replace("_", "-") for kind in Offense}
PROGRAM = "io_slashing"
NODE_OFFSET = 8 + 1 + 1 + 1 + 1 + 2
"""Where ``node`` sits in a SlashProposal (discriminator, version, bump, status, offense,
bps)."""


@dataclass
class Slashing:
    """A deployment of io_slashing, its config and the io_staking it slashes."""

    ctx: Context
    program: SlashingProgram
    config: SlashingConfig
    staking: Staking

    @property
    def names(self) -> dict[Pubkey, str]:
        return {self.program.program_id: PROGRAM, self.staking.program_id: STAKING_PROGRAM}

    @property
    def reporters(self) -> list[Pubkey]:
        return list(self.config.reporters[: self.config.reporter_count])

    async def proposal(self, node: Pubkey, seq: int) -> SlashProposal:
        found = await self.program.fetch_proposal(self.ctx.client, node, seq,
                                                  self.ctx.commitment)
        if found is None:
            raise CliError(f"node {node} has no slash proposal {seq} (see `ionet slash list "
                           f"{node}`)")
        return found


async def load_slashing(ctx: Context) -> Slashing:
    """io_slashing on ``ctx``'s cluster, initialized, with its io_staking; else a clear
    error."""
    program_id = ctx.program_id(PROGRAM)
    config = await fetch_config(ctx, "io_slashing", program_id, config_address(program_id),
                                SlashingConfig)
    staking = await load_staking(ctx, config.staking_program)
    return Slashing(ctx, SlashingProgram(program_id, staking.program), config, staking)


def proposal_json(address: Pubkey, p: SlashProposal) -> dict[str, Any]:
    return {
        "proposal": str(address), "node": str(p.node), "seq": p.seq,
        "status": Status(p.status).name.lower(), "offense": OFFENSE_NAMES[Offense(p.offense)],
        "bps": p.bps, "reporter": str(p.reporter),
        "evidenceHash": bytes(p.evidence_hash).hex(),
        "counterEvidenceHash": bytes(p.counter_evidence_hash).hex()
        if any(p.counter_evidence_hash) else None,
        "createdAt": p.created_at, "challengeEndsAt": p.challenge_ends_at,
        "appealEndsAt": p.appeal_ends_at, "closedAt": p.closed_at or None,
    }
