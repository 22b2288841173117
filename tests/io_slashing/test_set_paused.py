"""set_paused: the admin stops new proposals and executions; disputes, appeals and
cancellations keep working, so nobody's withdrawals stay frozen by a pause."""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Offense, Status, evidence_hash


async def test_set_paused_stops_proposals_and_executions_only(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    other = await senv.propose(node, 100)
    sent = await senv.send(senv.program.set_paused(senv.admin.pubkey(), True), [senv.admin],
                           label="set_paused")
    assert senv.event(sent, "PausedSet")["paused"] is True
    ix = senv.program.propose_slash(senv.reporter.pubkey(), node, other + 1, Offense.DOWNTIME,
                                    10, evidence_hash(b"x"))
    await senv.fails(ix, [senv.reporter], error=E.Paused)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at - 1)
    await senv.dispute(owner, node, seq)
    await senv.resolve(node, seq, False)
    await senv.at((await senv.proposal(node, other)).challenge_ends_at)
    await senv.fails(senv.execute_ix(node, other), error=E.Paused)
    await senv.send(senv.program.cancel(senv.reporter.pubkey(), node, other), [senv.reporter])
    assert (await senv.proposal(node, other)).status == Status.CANCELLED
    await senv.send(senv.program.set_paused(senv.admin.pubkey(), False), [senv.admin])
    await senv.send(ix, [senv.reporter])


async def test_set_paused_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    ix = senv.program.set_paused(senv.reporter.pubkey(), True)
    await senv.fails(ix, [senv.reporter], error=E.NotAdmin, account="config")
