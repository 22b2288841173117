"""Test harness for io_slashing: a deployment of io_slashing bound to a deployment of
io_staking whose slasher is io_slashing's ["slasher"] PDA, both the real binaries.

A :class:`Deployment` is plain data; a :class:`SlashEnv` binds one to a test's
``cluster``. Its ``staking`` is io_staking's test ``Env`` (``tests/io_staking``), so every
transaction sent through it is followed by io_staking's invariant check (vault ≥ pools,
shares add up, rounding toward the pools). ``SlashEnv.books`` snapshots the stake vault,
the treasury and a node's pools, for the conservation checks around every slash.

Time rules are tested at t-1 and t exactly. The local validator's clock is wall time plus
the whole seconds ``ionet_advanceClock`` added, taken at each 400 ms slot, so
:meth:`SlashEnv.at` first waits until 0.45 s into a wall-clock second: the transactions
right after it land before the clock's next tick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from anchorpy.error import ProgramError
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID
from staking_harness import Deployment as StakingDeployment
from staking_harness import Env, SlashCaller, new_deployment

from ionet.deploy import deploy_program
from ionet.slashing import (
    NodeRecord,
    Offense,
    SlashingProgram,
    SlashingSettings,
    SlashProposal,
    decode_events,
    evidence_hash,
)
from ionet.testing import SendFailed, SentTransaction, TestCluster

ROOT = Path(__file__).resolve().parents[2]
SLASHING_ELF = ROOT / "target" / "deploy" / "io_slashing.so"
STAKING_ELF = ROOT / "target" / "deploy" / "io_staking.so"


@dataclass
class Deployment:
    program: SlashingProgram
    admin: Keypair
    reporter: Keypair
    settings: SlashingSettings
    staking: StakingDeployment
    initialized: SentTransaction | None = None
    """io_slashing's ``initialize`` (its compute units are measured by ``ionet.bench``)."""


@dataclass(frozen=True)
class Books:
    """What a slash moves: the stake vault, the treasury, one node's pools."""

    vault: int
    treasury: int
    active: int
    unbonding: int


@dataclass
class SlashEnv:
    cluster: TestCluster
    deployment: Deployment
    compute_units: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.staking = Env(self.cluster, self.deployment.staking, self.compute_units)

    @property
    def program(self) -> SlashingProgram:
        return self.deployment.program

    @property
    def admin(self) -> Keypair:
        return self.deployment.admin

    @property
    def reporter(self) -> Keypair:
        return self.deployment.reporter

    @property
    def settings(self) -> SlashingSettings:
        return self.deployment.settings

    @property
    def treasury(self) -> Pubkey:
        return self.deployment.staking.treasury

    # ---- transactions (io_staking's invariants checked after each)

    async def send(self, instructions: Instruction | Sequence[Instruction],
                   signers: Sequence[Keypair] = (), *, label: str | None = None,
                   payer: Keypair | None = None) -> SentTransaction:
        return await self.staking.send(instructions, signers, label=label, payer=payer)

    async def fails(self, instructions: Instruction | Sequence[Instruction],
                    signers: Sequence[Keypair] = (), *, error: type[ProgramError],
                    payer: Keypair | None = None, account: str | None = None) -> SendFailed:
        """Expects ``error`` (a generated error class of either program, or Anchor's): its
        code, and its Anchor error line with its name and (ours) message in the logs,
        naming ``account`` when given."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        try:
            await self.cluster.send(ixs, signers, payer=payer)
        except SendFailed as sent:
            failure = sent
        else:
            raise AssertionError(f"expected {error.name}, but the transaction succeeded")
        assert failure.code == error.code, f"expected {error.name} ({error.code}), got {failure}"
        assert failure.instruction_index == len(ixs) - 1, \
            f"expected the last instruction to fail, not {failure.instruction_index}"
        line = f"Error Code: {error.name}. Error Number: {error.code}. Error Message: "
        if error.code >= 6000:  # ours, word for word (Anchor's own are worded by Anchor)
            line += f"{error.msg}."
        assert any(line in log for log in failure.logs), failure.logs
        if account is not None:
            assert any(f"caused by account: {account}." in log for log in failure.logs), \
                failure.logs
        return failure

    def events(self, sent: SentTransaction) -> list[tuple[str, dict[str, object]]]:
        return [(e.name, dict(e.data.__dict__)) for e in
                decode_events(sent.logs, self.program.program_id)]

    def event(self, sent: SentTransaction, name: str) -> dict[str, object]:
        found = [fields for n, fields in self.events(sent) if n == name]
        assert len(found) == 1, f"expected one {name} event, got {self.events(sent)}"
        return found[0]

    # ---- time

    async def now(self) -> int:
        return await self.cluster.unix_timestamp()

    async def at(self, target: int) -> None:
        """Moves the clock to exactly ``target`` (never back) and holds it there
        (``ionet_advanceClock`` with an absolute time, frozen until the next move)."""
        if not self.cluster.can_warp:
            pytest.skip("exact times need a local cluster")
        now = await self.now()
        assert target >= now, f"the clock is at {now}, past {target}"
        await self.cluster.set_time(target)
        now = await self.now()
        assert now == target, f"the clock is at {now}, not {target}"

    # ---- state

    async def proposal(self, node: Pubkey, seq: int) -> SlashProposal:
        fetched = await self.program.fetch_proposal(self.cluster.client, node, seq)
        assert fetched is not None, f"no proposal {seq} of {node}"
        return fetched

    async def record(self, node: Pubkey) -> NodeRecord:
        fetched = await self.program.fetch_record(self.cluster.client, node)
        assert fetched is not None, f"no record of {node}"
        return fetched

    async def books(self, node: Pubkey) -> Books:
        state = await self.staking.node(node)
        return Books(await self.staking.balance(self.deployment.staking.program.stake_vault),
                     await self.staking.balance(self.treasury),
                     state.active.tokens, state.unbonding.tokens)

    # ---- steps

    async def propose(self, node: Pubkey, bps: int, *,
                      offense: Offense = Offense.FAILED_PROOF_OF_WORK,
                      reporter: Keypair | None = None, evidence: bytes = b"evidence",
                      label: str | None = None) -> int:
        """Proposes the node's next slash; returns its sequence number."""
        who = reporter or self.reporter
        seq = await self.program.next_seq(self.cluster.client, node)
        await self.send(self.program.propose_slash(who.pubkey(), node, seq, offense, bps,
                                                   evidence_hash(evidence)), [who], label=label)
        return seq

    def execute_ix(self, node: Pubkey, seq: int) -> Instruction:
        return self.program.execute_slash(node, seq, self.treasury)

    async def execute(self, node: Pubkey, seq: int, label: str | None = None) -> SentTransaction:
        return await self.send(self.execute_ix(node, seq), label=label)

    async def dispute(self, owner: Keypair, node: Pubkey, seq: int,
                      label: str | None = None) -> SentTransaction:
        return await self.send(self.program.dispute(owner.pubkey(), node, seq,
                                                    evidence_hash(b"counter")), [owner],
                               label=label)

    async def resolve(self, node: Pubkey, seq: int, uphold: bool,
                      label: str | None = None) -> SentTransaction:
        return await self.send(self.program.resolve(self.admin.pubkey(), node, seq, uphold),
                               [self.admin], label=label)


async def new_pair(cluster: TestCluster, staking_elf: bytes, slashing_elf: bytes, *,
                   token_program: Pubkey = TOKEN_PROGRAM_ID,
                   settings: SlashingSettings | None = None) -> Deployment:
    """io_slashing and io_staking at new addresses, both initialized; io_staking's slasher
    is io_slashing's ["slasher"] PDA, and one reporter is registered."""
    slashing_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), slashing_elf)
    staking = await new_deployment(cluster, staking_elf, SlashCaller(slashing_id), token_program)
    return await bind_slashing(cluster, slashing_id, staking, settings)


async def bind_slashing(cluster: TestCluster, slashing_id: Pubkey, staking: StakingDeployment,
                        settings: SlashingSettings | None = None) -> Deployment:
    """The io_slashing deployed at ``slashing_id`` initialized to work with ``staking``'s
    io_staking, with one reporter registered (whether it is io_staking's slasher is up to
    io_staking's config)."""
    program = SlashingProgram(slashing_id, staking.program)
    admin, reporter = Keypair(), Keypair()
    chosen = settings or SlashingSettings.default()
    initialized = await cluster.send([program.initialize(cluster.wallet.pubkey(),
                                                         admin.pubkey(), chosen)])
    await cluster.send([program.add_reporter(admin.pubkey(), reporter.pubkey())], [admin])
    await cluster.airdrop(reporter.pubkey(), 10 * 10**9)
    return Deployment(program, admin, reporter, chosen, staking, initialized)


__all__ = ["SLASHING_ELF", "STAKING_ELF", "Books", "Deployment", "SlashEnv", "bind_slashing",
           "new_pair"]
