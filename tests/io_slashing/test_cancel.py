"""cancel: by the proposal's reporter or the admin, before execution."""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Status


async def test_cancel_by_the_reporter_frees_the_node(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 1_000)
    sent = await senv.send(senv.program.cancel(senv.reporter.pubkey(), node, seq),
                           [senv.reporter], label="cancel")
    event = senv.event(sent, "SlashCancelled")
    assert (event["proposal"], event["by"]) == (senv.program.proposal(node, seq),
                                                senv.reporter.pubkey())
    assert (await senv.proposal(node, seq)).status == Status.CANCELLED
    assert (await senv.staking.node(node)).pending_slashes == 0
    await senv.fails(senv.execute_ix(node, seq), error=E.ProposalClosed)


async def test_cancel_by_the_admin_even_when_upheld(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    await senv.dispute(owner, node, seq)
    await senv.resolve(node, seq, True)
    await senv.send(senv.program.cancel(senv.admin.pubkey(), node, seq), [senv.admin])
    assert (await senv.proposal(node, seq)).status == Status.CANCELLED


async def test_cancel_rejects_anyone_else(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    ix = senv.program.cancel(owner.pubkey(), node, seq)
    await senv.fails(ix, [owner], error=E.NotReporterOrAdmin)


async def test_cancel_rejects_an_executed_proposal(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    await senv.execute(node, seq)
    ix = senv.program.cancel(senv.reporter.pubkey(), node, seq)
    await senv.fails(ix, [senv.reporter], error=E.ProposalClosed)


async def test_an_unresolved_appeal_lapses_in_the_owners_favour(senv: SlashEnv) -> None:
    """Hostage state: a dispute the admin never resolves cannot freeze the node's
    withdrawals forever; after the appeal window anyone may cancel the proposal."""
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await senv.send(staking.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    seq = await senv.propose(node, 1_000)
    await senv.dispute(owner, node, seq)
    proposal = await senv.proposal(node, seq)
    assert proposal.appeal_ends_at == proposal.challenge_ends_at + senv.settings.appeal_window_secs
    stranger = await senv.cluster.new_funded_keypair()
    ix = senv.program.cancel(stranger.pubkey(), node, seq)
    await senv.at(proposal.appeal_ends_at - 1)
    await senv.fails(ix, [stranger], error=E.NotReporterOrAdmin)
    await senv.at(proposal.appeal_ends_at)
    await senv.send(ix, [stranger], label="cancel (lapsed appeal, by anyone)")
    assert (await senv.proposal(node, seq)).status == Status.CANCELLED
    await senv.send(staking.program.withdraw(owner.pubkey(), node), [owner])
