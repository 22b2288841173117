"""Review s9: value-flow attacks on io_slashing and the io_staking slash, jail and pending
paths it drives. Every step is a legal call by whoever is named (real signers, real
accounts); only the order, the timing and the choice of calls are the attacker's. Each test
says the sequence, what must hold, and what it checks that the other tests do not.
"""

from __future__ import annotations

from dataclasses import replace

from slashing_harness import SlashEnv
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.generated.io_staking.errors import custom as StakingE
from ionet.merkle import RewardTree
from ionet.slashing import Offense, Status, evidence_hash
from ionet.staking import DAY


async def _exit_completely(senv: SlashEnv, owner: Keypair, node: Pubkey) -> None:
    """The owner's whole stake out of the node and its position closed: a node without
    positions, as close_node wants it."""
    staking = senv.staking
    await senv.send(staking.program.request_unstake(owner.pubkey(), node), [owner])
    await staking.advance(staking.settings.unstake_cooldown_secs + 1)
    await senv.send(staking.program.withdraw(owner.pubkey(), node), [owner])
    await senv.send(staking.program.close_position(owner.pubkey(), node), [owner])


async def _jailed_once_more_to_come(senv: SlashEnv) -> tuple[Pubkey, int, RewardTree]:
    """A node with two failed-proof-of-work proposals (7 days of jail each): the first
    executed (jail 1), the second executable; a root posted a minute into jail 1 credits
    the node 100 IO. Returns the node, the second proposal and that root."""
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    first = await senv.propose(node, 100, offense=Offense.FAILED_PROOF_OF_WORK)
    second = await senv.propose(node, 100, offense=Offense.FAILED_PROOF_OF_WORK)
    await senv.at((await senv.proposal(node, first)).challenge_ends_at)
    await senv.execute(node, first)
    assert (await senv.staking.node(node)).jailed_until > await senv.now()
    await senv.staking.advance(60)
    during = RewardTree([(node, 100 * IO)])
    await senv.staking.post(during)
    return node, second, during


async def _disputed_with_100_io_unbonding(senv: SlashEnv) -> tuple[Keypair, Pubkey, int]:
    """A node of 1 000 IO whose owner has 100 IO unbonding (unlocked before the appeal
    ends), with a 10 % proposal its owner disputed: (owner, node, proposal)."""
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await senv.send(staking.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    seq = await senv.propose(node, 1_000)
    await senv.dispute(owner, node, seq)
    return owner, node, seq


async def _cancel_lapsed_and_withdraw(senv: SlashEnv, owner: Keypair, node: Pubkey,
                                      seq: int) -> None:
    """A stranger cancels the lapsed dispute; the owner withdraws its 100 IO in full."""
    stranger = await senv.cluster.new_funded_keypair()
    await senv.send(senv.program.cancel(stranger.pubkey(), node, seq), [stranger])
    await senv.send(senv.staking.program.withdraw(owner.pubkey(), node), [owner])
    assert await senv.staking.tokens(owner) == 9_100 * IO


async def test_a_second_jail_does_not_unlock_the_first_jails_forfeit(senv: SlashEnv) -> None:
    """Attack (the node's owner, who may execute proposals against itself): two failed-
    proof-of-work proposals (7 days of jail each) are made. The first executes: jail 1. A
    reward root posted during jail 1 credits the node 100 IO; the owner does not claim it
    (a claim would forfeit it, and so would waiting for a later root). Jail 1 ends; the owner
    executes the second proposal, so jail 2 starts and io_staking moved the jail's start to
    now, after the root: the claim against that root was then credited in full.

    Must hold: what a root posted during a jail adds is forfeited, whatever jail comes next
    (README: waiting out the jail dodges nothing). Not covered elsewhere: the jail tests
    jail once, or extend a running jail."""
    staking = senv.staking
    node, second, during = await _jailed_once_more_to_come(senv)
    await senv.at((await staking.node(node)).jailed_until + 1)
    await senv.execute(node, second)
    assert (await staking.node(node)).jailed_until > await senv.now()

    anyone = await senv.cluster.new_funded_keypair()
    sent = await senv.send(staking.program.claim_node_rewards_from(during, node), [anyone],
                           payer=anyone)
    event = staking.event(sent, "NodeRewardsClaimed")
    assert (event["owner_amount"], event["forfeited"]) == (0, 100 * IO)
    assert (await staking.node(node)).owner_rewards == 0


async def test_a_jail_after_a_paid_forfeit_starts_anew(senv: SlashEnv) -> None:
    """The other side of the attack above (a fix must not forfeit honest earnings): jail 1
    from a first execution; the root posted during it is claimed, and forfeited; jail 1
    ends; a root posted after it credits 30 IO more; a second execution jails the node
    again before anyone claims that root.

    Must hold: the second jail starts at its execution (its forfeit is new), so the root
    posted between the jails pays its 30 IO in full. Not covered elsewhere: no test jails a
    node twice with a claim between the jails."""
    staking = senv.staking
    node, second, during = await _jailed_once_more_to_come(senv)
    anyone = await senv.cluster.new_funded_keypair()
    claim = staking.program.claim_node_rewards_from(during, node)
    sent = await senv.send(claim, [anyone], payer=anyone)
    assert staking.event(sent, "NodeRewardsClaimed")["forfeited"] == 100 * IO

    await senv.at((await staking.node(node)).jailed_until + 1)
    between = RewardTree([(node, 130 * IO)])
    await staking.post(between)
    await staking.advance(60)
    await senv.execute(node, second)
    assert (await staking.node(node)).jailed_at == await senv.now()
    sent = await senv.send(staking.program.claim_node_rewards_from(between, node), [anyone],
                           payer=anyone)
    event = staking.event(sent, "NodeRewardsClaimed")
    assert (event["owner_amount"], event["forfeited"]) == (30 * IO, 0)


async def test_an_owner_held_by_an_unexecuted_uphold_frees_itself(senv: SlashEnv) -> None:
    """Attack (a reporter and an admin holding the node hostage): the owner unstakes
    everything; a 10 % proposal is disputed and upheld at once, and then nobody executes
    it, so the node's withdrawals stay frozen after the owner's cooldown, for as long as it
    is left upheld (and a reporter could propose again the moment it closes).

    Must hold: anyone may execute an upheld proposal, so the owner executes it itself and
    withdraws in the same transaction (jailed, as the offense says): 900 IO, with no gap in
    which another proposal can land. Not covered elsewhere: no test executes and withdraws
    atomically, nor withdraws from a node jailed a moment before."""
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await senv.send(staking.program.request_unstake(owner.pubkey(), node), [owner])
    seq = await senv.propose(node, 1_000, offense=Offense.FAILED_PROOF_OF_WORK)
    await senv.dispute(owner, node, seq)
    await senv.resolve(node, seq, True)
    await senv.at((await staking.position(node, owner)).unlock_at)
    withdraw = staking.program.withdraw(owner.pubkey(), node)
    await senv.fails(withdraw, [owner], error=StakingE.SlashPending)

    tokens = await staking.tokens(owner)
    await senv.send([senv.execute_ix(node, seq), withdraw], [owner], payer=owner)
    assert await staking.tokens(owner) == tokens + 900 * IO
    assert (await staking.node(node)).jailed_until > await senv.now()


async def test_the_admin_cannot_uphold_an_appeal_that_has_lapsed(senv: SlashEnv) -> None:
    """Attack (the admin, past its declared power): a 10 % proposal is disputed; the admin
    lets the appeal window run out, then upholds it anyway (before anyone has cancelled
    it), and anyone executes the slash.

    Must hold: the admin resolves only while the appeal window is open (README: an
    unresolved appeal lapses in the owner's favour); at its end the uphold is refused, the
    proposal can still be cancelled by anyone and the node's withdrawals resume. Not
    covered elsewhere: the resolve tests never move the clock."""
    staking = senv.staking
    owner, node, seq = await _disputed_with_100_io_unbonding(senv)
    proposal = await senv.proposal(node, seq)
    uphold = senv.program.resolve(senv.admin.pubkey(), node, seq, True)
    await senv.at(proposal.appeal_ends_at)
    await senv.fails(uphold, [senv.admin], error=E.AppealWindowOver)
    await senv.fails(senv.program.resolve(senv.admin.pubkey(), node, seq, False), [senv.admin],
                     error=E.AppealWindowOver)

    await _cancel_lapsed_and_withdraw(senv, owner, node, seq)
    assert (await senv.proposal(node, seq)).status == Status.CANCELLED
    await senv.fails(uphold, [senv.admin], error=E.NotDisputed)
    assert (await staking.node(node)).active.tokens == 900 * IO


async def test_the_last_second_of_the_appeal_still_resolves(senv: SlashEnv) -> None:
    """Boundary of the attack above: at appeal_ends_at - 1 the admin's uphold goes through
    and the slash executes at once; the lapse is from appeal_ends_at on, exactly as
    cancel's. Not covered elsewhere: no resolve test runs at the window's edge."""
    owner, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 1_000)
    await senv.dispute(owner, node, seq)
    await senv.at((await senv.proposal(node, seq)).appeal_ends_at - 1)
    await senv.resolve(node, seq, True)
    await senv.execute(node, seq)
    assert (await senv.staking.node(node)).active.tokens == 900 * IO


async def test_a_node_with_a_pending_proposal_cannot_be_closed_and_handed_on(
        senv: SlashEnv) -> None:
    """Attack (identity reuse): the owner takes all its stake out and closes its position;
    a reporter then proposes a 10 % slash for what the device did. The owner closes the
    node (a tombstone) with the proposal pending; a newcomer reopens the id and stakes
    1 000 IO; the old proposal executes and takes 100 IO of the newcomer's stake (and the
    newcomer's withdrawals were frozen by it from the start).

    Must hold: close_node refuses while a proposal is pending (SlashPending), so a
    proposal only ever slashes the stake of the owner it was made against. Not covered
    elsewhere: the close_node tests never have a pending proposal."""
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await _exit_completely(senv, owner, node)
    seq = await senv.propose(node, 1_000)
    close = staking.program.close_node(owner.pubkey(), node)
    await senv.fails(close, [owner], error=StakingE.SlashPending)
    await senv.send(senv.program.cancel(senv.reporter.pubkey(), node, seq), [senv.reporter])
    await senv.send(close, [owner])
    assert (await staking.node(node)).closed


async def test_a_closed_node_takes_no_proposal(senv: SlashEnv) -> None:
    """Attack (identity reuse, the other order): a node is closed empty; a reporter
    proposes a slash against the tombstone; a newcomer reopens the id and stakes; the
    proposal, made before the newcomer existed, executes against its stake.

    Must hold: io_staking refuses to count a proposal against a closed node (NodeClosed,
    through io_slashing's CPI), so propose_slash fails and nothing is created. Not covered
    elsewhere: no test proposes against a tombstone."""
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await _exit_completely(senv, owner, node)
    await senv.send(staking.program.close_node(owner.pubkey(), node), [owner])
    seq = await senv.program.next_seq(senv.cluster.client, node)
    propose = senv.program.propose_slash(senv.reporter.pubkey(), node, seq,
                                         Offense.FAILED_PROOF_OF_WORK, 1_000,
                                         evidence_hash(b"old device"))
    await senv.fails(propose, [senv.reporter], error=StakingE.NodeClosed)
    assert await senv.cluster.account(senv.program.proposal(node, seq)) is None
    assert (await staking.node(node)).pending_slashes == 0


async def test_a_pause_does_not_strand_a_lapsed_appeal(fresh_senv: SlashEnv) -> None:
    """Attack (the admin, within its powers): a proposal is disputed, the admin pauses
    io_slashing and never resolves. The node's withdrawals would stay frozen for as long
    as the pause lasts.

    Must hold: the appeal lapses on time while paused; anyone may then cancel it and the
    owner withdraws, paused or not. Not covered elsewhere: test_set_paused cancels as the
    reporter, never a lapsed appeal by a stranger under a pause."""
    senv = fresh_senv
    owner, node, seq = await _disputed_with_100_io_unbonding(senv)
    await senv.send(senv.program.set_paused(senv.admin.pubkey(), True), [senv.admin])
    await senv.at((await senv.proposal(node, seq)).appeal_ends_at)
    await _cancel_lapsed_and_withdraw(senv, owner, node, seq)


async def test_a_later_jail_never_shortens_an_earlier_one_whoever_executes(
        senv: SlashEnv) -> None:
    """Attack (the node's owner, executing proposals against itself in the order it
    likes): a spoofing proposal (30 days of jail) and a failed-proof-of-work one (7 days)
    are both executable; the owner executes the long one first and the short one right
    after, hoping the second jail's end replaces the first's.

    Must hold: the jail ends 30 days after the first execution, and its start is the first
    execution's. Not covered elsewhere: io_staking's jail test calls jail directly, not
    through two executions of io_slashing with the offense's durations."""
    staking = senv.staking
    _, node = await staking.owner_with_node(stake=1_000 * IO)
    long = await senv.propose(node, 100, offense=Offense.SPOOFING)
    short = await senv.propose(node, 100, offense=Offense.FAILED_PROOF_OF_WORK)
    start = (await senv.proposal(node, short)).challenge_ends_at
    await senv.at(start)
    await senv.execute(node, long)
    await senv.execute(node, short)
    jailed = await staking.node(node)
    spoofing = senv.settings.offenses[Offense.SPOOFING].jail_secs
    assert (jailed.jailed_at, jailed.jailed_until) == (start, start + spoofing)
    assert spoofing > 7 * DAY


async def test_a_longer_appeal_window_set_mid_dispute_does_not_extend_the_freeze(
        fresh_senv: SlashEnv) -> None:
    """Attack (the admin, config change in flight): the owner disputes a proposal; the
    admin then raises the appeal window to 300 days and the challenge window likewise, so
    that the open dispute, and the node's frozen withdrawals, would last 300 days.

    Must hold: a dispute's appeal ends when it ended at the dispute (stored in the
    proposal): at that time anyone cancels it and the owner withdraws. Not covered
    elsewhere: test_update_config checks that open proposals keep their challenge window,
    not a stored appeal end."""
    senv = fresh_senv
    owner, node, seq = await _disputed_with_100_io_unbonding(senv)
    ends = (await senv.proposal(node, seq)).appeal_ends_at
    longer = replace(senv.settings, challenge_window_secs=300 * DAY,
                     appeal_window_secs=300 * DAY)
    await senv.send(senv.program.update_config(senv.admin.pubkey(), longer), [senv.admin])
    assert (await senv.proposal(node, seq)).appeal_ends_at == ends
    await senv.at(ends)
    await _cancel_lapsed_and_withdraw(senv, owner, node, seq)
