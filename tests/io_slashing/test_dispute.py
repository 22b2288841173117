"""dispute: by the node's owner, before the challenge window ends (t-1 yes, t no)."""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Status, evidence_hash


async def test_dispute_by_the_owner_until_the_last_second_of_the_window(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    late = await senv.propose(node, 100)
    seq = await senv.propose(node, 100)
    proposal = await senv.proposal(node, seq)
    counter = evidence_hash(b"attestation logs")

    await senv.at(proposal.challenge_ends_at - 1)
    sent = await senv.send(senv.program.dispute(owner.pubkey(), node, seq, counter), [owner],
                           label="dispute")
    disputed = await senv.proposal(node, seq)
    assert disputed.status == Status.DISPUTED
    assert bytes(disputed.counter_evidence_hash) == counter
    event = senv.event(sent, "SlashDisputed")
    assert (bytes(event["evidence_hash"]), bytes(event["counter_evidence_hash"])) == (
        bytes(proposal.evidence_hash), counter)
    assert event["owner"] == owner.pubkey()

    # The other proposal, made a moment earlier, ends no later: at its end, too late.
    first = await senv.proposal(node, late)
    await senv.at(max(first.challenge_ends_at, await senv.now()))
    await senv.fails(senv.program.dispute(owner.pubkey(), node, late, counter), [owner],
                     error=E.ChallengeWindowOver)


async def test_dispute_rejects_anyone_but_the_owner(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    stranger = await senv.cluster.new_funded_keypair()
    ix = senv.program.dispute(stranger.pubkey(), node, seq, evidence_hash(b"no"))
    await senv.fails(ix, [stranger], error=E.NotNodeOwner, account="node")


async def test_dispute_rejects_another_nodes_proposal(senv: SlashEnv) -> None:
    # The owner of node B cannot dispute node A's proposal by naming B.
    _, node_a = await senv.staking.owner_with_node(stake=1_000 * IO)
    owner_b, node_b = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node_a, 100)
    ix = senv.program.dispute(owner_b.pubkey(), node_b, seq, evidence_hash(b"no"))
    from staking_harness import swapped
    forged = swapped(ix, senv.program.proposal(node_b, seq), senv.program.proposal(node_a, seq))
    from ionet.generated.io_slashing.errors import anchor as A
    await senv.fails(forged, [owner_b], error=A.ConstraintHasOne, account="proposal")


async def test_dispute_only_once(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    await senv.dispute(owner, node, seq)
    ix = senv.program.dispute(owner.pubkey(), node, seq, evidence_hash(b"again"))
    await senv.fails(ix, [owner], error=E.NotPending)
