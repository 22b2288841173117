"""Value flow: no escape by unstaking (security.md, "exit before punishment").

The supplier and a co-staker request unstake; a proposal arrives; their cooldowns end
during the dispute and after the uphold; withdraw fails for both; the slash executes and
takes its share of the unbonding stake; then both withdraw the rest, to the token.
Conservation is checked around the slash (vault, treasury, pools) and io_staking's
invariants after every step.
"""

from __future__ import annotations

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_staking.errors import custom as S
from ionet.slashing import Offense
from ionet.staking import DAY


async def test_no_withdrawal_escapes_a_pending_slash(senv: SlashEnv) -> None:
    staking = senv.staking
    program = staking.program
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    costaker = await staking.costaker(node, 400 * IO)
    await senv.send(program.request_unstake(owner.pubkey(), node, 600 * IO), [owner])
    await senv.send(program.request_unstake(costaker.pubkey(), node), [costaker])
    # The co-staker's 7-day exit wait, then its 14-day cooldown; the owner's cooldown
    # started at once, so it ends first.
    await staking.advance(7 * DAY)
    await senv.send(program.start_cooldown(node, costaker.pubkey()))

    seq = await senv.propose(node, 1_000, offense=Offense.FAILED_PROOF_OF_WORK)
    await senv.dispute(owner, node, seq)
    unlocks = [(await staking.position(node, who)).unlock_at for who in (owner, costaker)]
    # The owner's cooldown ends during the dispute; the co-staker's as the appeal window
    # closes, so the admin upholds before it (an uphold is refused once it has lapsed).
    await staking.advance(unlocks[0] - await senv.now())
    await senv.fails(program.withdraw(owner.pubkey(), node), [owner], error=S.SlashPending)
    await senv.resolve(node, seq, True)
    await staking.advance(max(unlocks) - await senv.now())
    for who in (owner, costaker):
        await senv.fails(program.withdraw(who.pubkey(), node), [who], error=S.SlashPending)

    before = await senv.books(node)
    assert (before.active, before.unbonding) == (400 * IO, 1_000 * IO)
    await senv.execute(node, seq)
    after = await senv.books(node)
    assert (after.active, after.unbonding) == (360 * IO, 900 * IO)
    assert after.vault == before.vault - 140 * IO
    assert after.treasury == before.treasury + 140 * IO

    # Withdrawal resumes: each gets 90 % of what it had unbonding, to its token account.
    for who, unbonding in ((owner, 600 * IO), (costaker, 400 * IO)):
        tokens = await staking.tokens(who)
        await senv.send(program.withdraw(who.pubkey(), node), [who])
        assert await staking.tokens(who) == tokens + unbonding * 9 // 10
    final = await senv.books(node)
    assert (final.active, final.unbonding) == (360 * IO, 0)
    assert final.vault == after.vault - 900 * IO


async def test_withdrawal_resumes_only_when_the_last_pending_proposal_closes(
        senv: SlashEnv) -> None:
    staking = senv.staking
    owner, node = await staking.owner_with_node(stake=1_000 * IO)
    await senv.send(staking.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    first = await senv.propose(node, 50, offense=Offense.DOWNTIME)
    second = await senv.propose(node, 50, offense=Offense.DOWNTIME)
    await staking.advance(14 * DAY)
    withdraw = staking.program.withdraw(owner.pubkey(), node)
    await senv.send(senv.program.cancel(senv.reporter.pubkey(), node, first), [senv.reporter])
    await senv.fails(withdraw, [owner], error=S.SlashPending)
    await senv.execute(node, second)
    assert (await staking.node(node)).pending_slashes == 0
    await senv.send(withdraw, [owner])
