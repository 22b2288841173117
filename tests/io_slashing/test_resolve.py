"""resolve: the admin's appeal of a disputed proposal; uphold lets it execute at once,
reject closes it (no longer counted, pending counter lowered)."""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Status


async def test_resolve_uphold_then_execute_at_once(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 500)
    await senv.dispute(owner, node, seq)
    # Disputed: not executable, before or after the window, until resolved.
    await senv.fails(senv.execute_ix(node, seq), error=E.DisputeUnresolved)
    sent = await senv.resolve(node, seq, True, label="resolve (uphold)")
    assert senv.event(sent, "DisputeResolved")["upheld"] is True
    assert (await senv.proposal(node, seq)).status == Status.UPHELD
    # Upheld inside the window: executable at once.
    assert await senv.now() < (await senv.proposal(node, seq)).challenge_ends_at
    await senv.execute(node, seq)
    assert (await senv.staking.node(node)).active.tokens == 950 * IO


async def test_resolve_reject_closes_the_proposal(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 1_000)
    await senv.dispute(owner, node, seq)
    sent = await senv.resolve(node, seq, False, label="resolve (reject)")
    event = senv.event(sent, "DisputeResolved")
    assert event["upheld"] is False
    proposal = await senv.proposal(node, seq)
    assert proposal.status == Status.REJECTED and proposal.closed_at > 0
    assert (await senv.staking.node(node)).pending_slashes == 0
    assert all(e.bps == 0 for e in (await senv.record(node)).window)
    await senv.at(proposal.challenge_ends_at)
    await senv.fails(senv.execute_ix(node, seq), error=E.ProposalClosed)
    assert (await senv.staking.node(node)).active.tokens == 1_000 * IO


async def test_resolve_rejects_an_undisputed_proposal(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    ix = senv.program.resolve(senv.admin.pubkey(), node, seq, True)
    await senv.fails(ix, [senv.admin], error=E.NotDisputed)


async def test_resolve_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    await senv.dispute(owner, node, seq)
    for impostor in (owner, senv.reporter):
        ix = senv.program.resolve(impostor.pubkey(), node, seq, False)
        await senv.fails(ix, [impostor], error=E.NotAdmin, account="config")
