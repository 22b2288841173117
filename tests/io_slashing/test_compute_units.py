"""Compute units of every io_slashing instruction (transaction metadata), held to a
budget each so that a regression fails (performance.md). Classic SPL Token.

Creating a PDA costs 1 500 CU per bump tried below 255 (the runtime's
create_program_address), which depends on the address: the figures for instructions that
create accounts are normalized to a first-try bump, so that they do not depend on the key.
The goal for ``execute_slash`` with its CPI chain (slash to the treasury with SPL Token,
the pending counter, and jail) is 20 000 CU.
"""

from __future__ import annotations

from slashing_harness import SLASHING_ELF, SlashEnv
from solders.instruction import Instruction
from solders.keypair import Keypair
from staking_harness import IO

from ionet.slashing import Offense, evidence_hash
from ionet.testing import SentTransaction

PER_BUMP = 1_500
# instruction: budget (measured plus a little room)
BUDGETS: dict[str, int] = {
    "propose_slash (creates the node's record)": 9_900,
    "propose_slash": 6_650,
    "dispute": 1_000,
    "resolve (uphold)": 930,
    "resolve (reject)": 2_850,
    "cancel": 2_800,
    "execute_slash (SPL Token, to treasury, jail)": 14_600,
    "execute_slash (SPL Token, to treasury)": 12_850,
    "set_reporter (add)": 530,
    "set_reporter (remove)": 550,
    "update_config": 680,
    "set_paused": 450,
    "propose_admin": 520,
    "accept_admin": 500,
}
GOALS = {"execute_slash (SPL Token, to treasury, jail)": 20_000}
MAX_PROGRAM_BYTES = 48 * 1024
# Since main answers Anchor's IDL instructions in every program (the framework's
# `anchor:idl` handlers, about 12 KB each, README "Benchmarks"), the 48 KiB goal holds for
# io_slashing's own code: the binary may be larger by that much, and no more.
IDL_INSTRUCTIONS_BYTES = 12 * 1024


async def test_compute_units_stay_within_budget(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    p = senv.program
    admin, reporter = senv.admin, senv.reporter
    units: dict[str, int] = {}

    async def run(name: str, ix: Instruction, signers: list[Keypair], bumps: int = 0
                  ) -> SentTransaction:
        sent = await senv.send(ix, signers)
        units[name] = sent.compute_units - PER_BUMP * bumps
        senv.compute_units.setdefault(name, []).append(units[name])
        return sent

    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    proof = evidence_hash(b"evidence")

    async def propose(name: str, seq: int, offense: Offense, new_record: bool) -> None:
        ix = p.propose_slash(reporter.pubkey(), node, seq, offense, 100, proof)
        sent = await senv.send(ix, [reporter])
        bumps = 255 - (await senv.proposal(node, seq)).bump
        if new_record:
            bumps += 255 - (await senv.record(node)).bump
        units[name] = sent.compute_units - PER_BUMP * bumps
        senv.compute_units.setdefault(name, []).append(units[name])

    await propose("propose_slash (creates the node's record)", 0, Offense.SPOOFING, True)
    await propose("propose_slash", 1, Offense.DOWNTIME, False)
    await propose("propose_slash (a third)", 2, Offense.DOWNTIME, False)
    await propose("propose_slash (a fourth)", 3, Offense.DOWNTIME, False)
    await run("dispute", p.dispute(owner.pubkey(), node, 2, proof), [owner])
    await run("resolve (uphold)", p.resolve(admin.pubkey(), node, 2, True), [admin])
    await run("cancel", p.cancel(reporter.pubkey(), node, 2), [reporter])
    await senv.send(p.dispute(owner.pubkey(), node, 3, proof), [owner])
    await run("resolve (reject)", p.resolve(admin.pubkey(), node, 3, False), [admin])
    await senv.at((await senv.proposal(node, 1)).challenge_ends_at)
    await run("execute_slash (SPL Token, to treasury, jail)", senv.execute_ix(node, 0), [])
    await run("execute_slash (SPL Token, to treasury)", senv.execute_ix(node, 1), [])
    other = Keypair().pubkey()
    await run("set_reporter (add)", p.set_reporter(admin.pubkey(), other, True), [admin])
    await run("set_reporter (remove)", p.set_reporter(admin.pubkey(), other, False), [admin])
    await run("update_config", p.update_config(admin.pubkey(), senv.settings), [admin])
    await run("set_paused", p.set_paused(admin.pubkey(), False), [admin])
    new_admin = await senv.cluster.new_funded_keypair()
    await run("propose_admin", p.propose_admin(admin.pubkey(), new_admin.pubkey()), [admin])
    await run("accept_admin", p.accept_admin(new_admin.pubkey()), [new_admin])
    units.pop("propose_slash (a third)")
    units.pop("propose_slash (a fourth)")

    for name, goal in GOALS.items():
        assert units[name] <= goal, (name, units[name], goal)
    over = {name: (used, BUDGETS[name]) for name, used in units.items()
            if used > BUDGETS.get(name, 0)}
    assert not over, f"over budget (used, budget): {over}"
    assert set(units) == set(BUDGETS)


def test_program_size_is_within_48_kib_besides_the_idl_instructions() -> None:
    assert SLASHING_ELF.stat().st_size <= MAX_PROGRAM_BYTES + IDL_INSTRUCTIONS_BYTES
