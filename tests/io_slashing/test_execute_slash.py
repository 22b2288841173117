"""execute_slash: after the challenge window (undisputed) or an uphold, by anyone; CPIs
into io_staking's slash, lower_pending_slash and (for an offense that jails) jail."""

from __future__ import annotations

from dataclasses import replace

import pytest
from slashing_harness import SlashEnv, new_pair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import IO, swapped

from ionet.generated.io_slashing.errors import anchor as A
from ionet.generated.io_slashing.errors import custom as E
from ionet.generated.io_staking.errors import anchor as SA
from ionet.generated.io_staking.errors import custom as S
from ionet.slashing import Offense, Status
from ionet.testing import TestCluster


async def test_execute_slash_after_the_window_takes_bps_from_both_pools(senv: SlashEnv) -> None:
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    costaker = await staking.costaker(node, 400 * IO)
    await senv.send(staking.program.request_unstake(owner.pubkey(), node, 200 * IO), [owner])
    seq = await senv.propose(node, 1_000, label="propose_slash (first of a node)")
    proposal = await senv.proposal(node, seq)
    assert (proposal.status, proposal.bps, proposal.offense) == (Status.PENDING, 1_000,
                                                                 Offense.FAILED_PROOF_OF_WORK)
    assert (await staking.node(node)).pending_slashes == 1
    before = await senv.books(node)

    await senv.at(proposal.challenge_ends_at - 1)
    await senv.fails(senv.execute_ix(node, seq), error=E.ChallengeWindowOpen)
    await senv.at(proposal.challenge_ends_at)
    sent = await senv.execute(node, seq, label="execute_slash (SPL Token, to treasury, jail)")

    after = await senv.books(node)
    taken = 120 * IO + 20 * IO
    assert (after.active, after.unbonding) == (before.active - 120 * IO,
                                               before.unbonding - 20 * IO)
    assert after.vault == before.vault - taken
    assert after.treasury == before.treasury + taken
    state = await staking.node(node)
    assert state.pending_slashes == 0
    assert state.jailed_until == proposal.challenge_ends_at + 7 * 86_400
    executed = senv.event(sent, "SlashExecuted")
    assert executed["bps"] == 1_000 and bytes(executed["evidence_hash"]) == bytes(
        proposal.evidence_hash)
    assert (await senv.proposal(node, seq)).status == Status.EXECUTED
    assert costaker  # slashed with the owner: the pool's price fell for both


async def test_execute_slash_runs_at_most_once(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100, offense=Offense.DOWNTIME)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    sent = await senv.execute(node, seq, label="execute_slash (SPL Token, to treasury)")
    assert senv.event(sent, "SlashExecuted")["jailed_until"] == 0
    assert (await senv.staking.node(node)).jailed_until == 0
    replay = senv.execute_ix(node, seq)
    await senv.fails(replay, error=E.ProposalClosed)
    # Not in the same transaction either, nor by repeating the instruction.
    fresh = await senv.propose(node, 100, offense=Offense.DOWNTIME)
    await senv.at((await senv.proposal(node, fresh)).challenge_ends_at)
    await senv.fails([senv.execute_ix(node, fresh), senv.execute_ix(node, fresh)],
                     error=E.ProposalClosed)
    assert (await senv.proposal(node, fresh)).status == Status.PENDING
    assert (await senv.staking.node(node)).active.tokens == 990 * IO


async def test_execute_slash_jails_for_the_offense_duration(senv: SlashEnv) -> None:
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100, offense=Offense.SPOOFING)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    sent = await senv.execute(node, seq)
    until = senv.event(sent, "SlashExecuted")["jailed_until"]
    assert until == await senv.now() + senv.settings.offenses[Offense.SPOOFING].jail_secs
    stake = senv.staking.program.stake(owner.pubkey(), node, 10 * IO)
    await senv.at(until - 1)
    await senv.fails(stake, [owner], error=S.NodeJailed)
    await senv.at(until)
    await senv.send(stake, [owner])


async def test_execute_slash_rejects_a_fake_staking_program_or_treasury(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100, offense=Offense.DOWNTIME)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    ix = senv.execute_ix(node, seq)
    fake = swapped(ix, senv.program.staking.program_id, senv.program.program_id)
    await senv.fails(fake, error=A.ConstraintHasOne, account="config")
    # A treasury of the attacker's: io_staking refuses it (its config names the treasury).
    thief = await senv.staking.wallet()
    stolen = swapped(ix, senv.treasury, senv.staking.program.token_account(thief.pubkey()))
    await senv.fails(stolen, error=SA.ConstraintHasOne, account="config")
    await senv.execute(node, seq)


async def test_execute_slash_rejects_another_nodes_proposal(senv: SlashEnv) -> None:
    _, node_a = await senv.staking.owner_with_node(stake=1_000 * IO)
    _, node_b = await senv.staking.owner_with_node(stake=1_000 * IO)
    await senv.propose(node_b, 100, offense=Offense.DOWNTIME)  # B has a record
    seq = await senv.propose(node_a, 100, offense=Offense.DOWNTIME)
    await senv.at((await senv.proposal(node_a, seq)).challenge_ends_at)
    # node A's proposal with node B (and B's record): proposal.node is A.
    ix = senv.program.execute_slash(node_b, seq, senv.treasury)
    forged = swapped(ix, senv.program.proposal(node_b, seq), senv.program.proposal(node_a, seq))
    await senv.fails(forged, error=A.ConstraintHasOne, account="proposal")


@pytest.mark.parametrize("token_program", [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID],
                         ids=["spl", "token2022"])
async def test_execute_slash_burns_when_io_staking_says_so(
        cluster: TestCluster, elfs: tuple[bytes, bytes], token_program: Pubkey,
        compute_units: dict[str, list[int]]) -> None:
    senv = SlashEnv(cluster, await new_pair(cluster, *elfs, token_program=token_program),
                    compute_units)
    staking = senv.staking
    settings = replace(staking.settings, slash_burn=True)
    await senv.send(staking.program.update_config(staking.admin.pubkey(), settings),
                    [staking.admin])
    staking.deployment.settings = settings
    _, node = await staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 1_000, offense=Offense.FAILED_PROOF_OF_WORK)
    before, supply = await senv.books(node), await staking.supply()
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    label = "execute_slash (Token-2022, burning, jail)" if token_program != TOKEN_PROGRAM_ID \
        else "execute_slash (SPL Token, burning, jail)"
    await senv.execute(node, seq, label=label)
    after = await senv.books(node)
    assert after.vault == before.vault - 100 * IO and after.treasury == before.treasury
    assert await staking.supply() == supply - 100 * IO
    assert after.active == before.active - 100 * IO


async def test_execute_slash_rejects_the_same_account_twice_and_other_types(
        senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100, offense=Offense.DOWNTIME)
    await senv.at((await senv.proposal(node, seq)).challenge_ends_at)
    ix = senv.execute_ix(node, seq)
    record, proposal = senv.program.record(node), senv.program.proposal(node, seq)
    twice = swapped(ix, proposal, record)
    await senv.fails(twice, error=A.RequireKeysNeqViolated)
    # Another node's record where a proposal is expected (type cosplay).
    _, other = await senv.staking.owner_with_node(stake=1_000 * IO)
    await senv.propose(other, 100, offense=Offense.DOWNTIME)
    cosplay = swapped(ix, proposal, senv.program.record(other))
    await senv.fails(cosplay, error=A.AccountDiscriminatorMismatch, account="proposal")
    await senv.execute(node, seq)
