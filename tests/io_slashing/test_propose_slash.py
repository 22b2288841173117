"""propose_slash: by a reporter, within the offense's cap and the node's rolling cap,
against a real io_staking node; raises io_staking's pending counter of the node."""

from __future__ import annotations

from slashing_harness import SlashEnv, new_pair
from solders.instruction import Instruction
from staking_harness import IO

from ionet.generated.io_slashing.errors import anchor as A
from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Offense, Status, evidence_hash
from ionet.testing import TestCluster


async def test_propose_slash_records_the_proposal_and_freezes_withdrawals(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    proof = evidence_hash(b"spoofed GPU attestation")
    ix = senv.program.propose_slash(senv.reporter.pubkey(), node, 0, Offense.SPOOFING, 2_500, proof)
    now = await senv.now()
    sent = await senv.send(ix, [senv.reporter], label="propose_slash (first of a node)")
    proposal = await senv.proposal(node, 0)
    assert (proposal.status, proposal.offense, proposal.bps, proposal.seq) == (
        Status.PENDING, Offense.SPOOFING, 2_500, 0)
    assert (proposal.node, proposal.reporter) == (node, senv.reporter.pubkey())
    assert bytes(proposal.evidence_hash) == proof
    assert proposal.created_at >= now
    assert proposal.challenge_ends_at == proposal.created_at + senv.settings.challenge_window_secs
    record = await senv.record(node)
    assert (record.node, record.next_seq) == (node, 1)
    assert (await senv.staking.node(node)).pending_slashes == 1
    event = senv.event(sent, "SlashProposed")
    assert (event["node"], event["seq"], event["bps"], bytes(event["evidence_hash"])) == (
        node, 0, 2_500, proof)
    staking_events = senv.staking.events(sent)
    assert ("PendingSlashesChanged", {"node": node, "pending_slashes": 1}) in staking_events
    # A second proposal against the same node takes the next number.
    seq = await senv.propose(node, 100, label="propose_slash (node has a record)")
    assert seq == 1 and (await senv.staking.node(node)).pending_slashes == 2


async def test_propose_slash_rejects_a_signer_outside_the_reporters(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    stranger = await senv.cluster.new_funded_keypair()
    ix = senv.program.propose_slash(stranger.pubkey(), node, 0, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    await senv.fails(ix, [stranger], error=E.NotReporter, payer=stranger)


async def test_propose_slash_rejects_offense_and_bps_out_of_bounds(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    who, proof = senv.reporter, evidence_hash(b"x")

    def propose(offense: int, bps: int, seq: int = 0) -> Instruction:
        return senv.program.propose_slash(who.pubkey(), node, seq, offense, bps, proof)

    await senv.fails(propose(4, 10), [who], error=E.UnknownOffense)
    await senv.fails(propose(Offense.DOWNTIME, 0), [who], error=E.InvalidBps)
    cap = senv.settings.offenses[Offense.DOWNTIME].max_bps
    await senv.fails(propose(Offense.DOWNTIME, cap + 1), [who], error=E.OffenseCapExceeded)
    await senv.send(propose(Offense.DOWNTIME, cap), [who])


async def test_propose_slash_rejects_a_sequence_number_out_of_turn(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    who, proof = senv.reporter, evidence_hash(b"x")
    skip = senv.program.propose_slash(who.pubkey(), node, 1, Offense.DOWNTIME, 10, proof)
    await senv.fails(skip, [who], error=E.WrongSequence)
    await senv.propose(node, 10)
    # Proposal 0 exists: proposing it again cannot overwrite it.
    again = senv.program.propose_slash(who.pubkey(), node, 0, Offense.DOWNTIME, 10, proof)
    await senv.fails(again, [who], error=A.AccountDiscriminatorAlreadySet, account="proposal")


async def test_propose_slash_rejects_a_look_alike_node_of_another_program(
        cluster: TestCluster, senv: SlashEnv, elfs: tuple[bytes, bytes]) -> None:
    # A real io_staking Node, same layout and discriminator, of another deployment: owned
    # by another program than config.staking_program.
    other = await new_pair(cluster, *elfs)
    from slashing_harness import SlashEnv as Env  # the other pair's staking side
    foreign = Env(cluster, other, senv.compute_units)
    _, node = await foreign.staking.owner_with_node(stake=1_000 * IO)
    who = senv.reporter
    ix = senv.program.propose_slash(who.pubkey(), node, 0, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    await senv.fails(ix, [who], error=A.AccountOwnedByWrongProgram, account="node")


async def test_propose_slash_rejects_another_account_type_as_the_node(senv: SlashEnv) -> None:
    # io_staking's own account of another type (a position) is not a Node.
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    position = senv.staking.program.position(node, owner.pubkey())
    who = senv.reporter
    ix = senv.program.propose_slash(who.pubkey(), position, 0, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    await senv.fails(ix, [who], error=A.AccountDiscriminatorMismatch, account="node")


async def test_propose_slash_rejects_a_fake_staking_program(senv: SlashEnv) -> None:
    from staking_harness import swapped
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    who = senv.reporter
    ix = senv.program.propose_slash(who.pubkey(), node, 0, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    fake = swapped(ix, senv.program.staking.program_id, senv.program.program_id)
    await senv.fails(fake, [who], error=A.ConstraintHasOne, account="config")


async def test_propose_slash_rejects_the_reporter_key_without_its_signature(
        senv: SlashEnv) -> None:
    from staking_harness import unsigned
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    who = senv.reporter
    ix = senv.program.propose_slash(who.pubkey(), node, 0, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    payer = await senv.cluster.new_funded_keypair()
    await senv.fails(unsigned(ix, who.pubkey()), [payer], error=A.AccountNotSigner,
                     account="reporter", payer=payer)


async def test_propose_slash_succeeds_on_pre_funded_addresses(senv: SlashEnv) -> None:
    """Lamports sent to the record and proposal addresses first must not block them."""
    from solders.system_program import TransferParams, transfer
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    griefer = await senv.cluster.new_funded_keypair()
    await senv.send([transfer(TransferParams(from_pubkey=griefer.pubkey(), to_pubkey=address,
                                             lamports=5_000))
                     for address in (senv.program.record(node), senv.program.proposal(node, 0))],
                    [griefer], payer=griefer)
    assert await senv.propose(node, 10) == 0
    assert (await senv.proposal(node, 0)).status == Status.PENDING
