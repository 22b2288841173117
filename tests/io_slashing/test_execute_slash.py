"""execute_slash: after the challenge window (undisputed) or an uphold, by anyone; CPIs
into io_staking's slash, lower_pending_slash and (for an offense that jails) jail."""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Offense, Status


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
