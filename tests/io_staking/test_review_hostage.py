"""Review item 7: a fully slashed node cannot be held hostage by a worthless position.

Rule (``clear_worthless``): anyone may clear a position's shares that are worth nothing
(its pool slashed to zero tokens), the unbonding ones once their unlock time has passed;
the position's rewards are settled first and stay claimable; an emptied position without
pending rewards is closed, its rent going to its staker.
"""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_a_worthless_unbonding_holder_cannot_block_a_slashed_node(env: Env) -> None:
    """Attack: a co-staker leaves into the cooldown, the node is slashed 100 %, the owner
    leaves too; the co-staker never withdraws its worthless unbonding shares, which kept
    the node from taking stake (PoolDepleted) or closing (NodeNotEmpty) forever."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 500 * IO)
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()), [])
    await env.slash(node, 10_000)
    await env.send(env.program.request_unstake(owner.pubkey(), node), [owner])
    await env.fails(env.program.stake(owner.pubkey(), node, 100 * IO), [owner],
                    error=E.PoolDepleted)
    anyone = await env.cluster.new_funded_keypair()
    # Not before the unlock time.
    await env.fails(env.program.clear_worthless(node, staker.pubkey()), [anyone],
                    payer=anyone, error=E.StillUnbonding)
    await env.advance(14 * DAY)
    rent = await env.cluster.balance(env.program.position(node, staker.pubkey()))
    lamports = await env.cluster.balance(staker.pubkey())
    await env.send(env.program.clear_worthless(node, staker.pubkey()), [anyone], payer=anyone)
    assert await env.cluster.balance(staker.pubkey()) == lamports + rent
    await env.send(env.program.clear_worthless(node, owner.pubkey()), [anyone], payer=anyone)
    # The node takes stake again, or closes.
    await env.send(env.program.stake(owner.pubkey(), node, 300 * IO), [owner])
    assert (await env.node(node)).active.tokens == 300 * IO


async def test_shares_with_value_cannot_be_cleared(env: Env) -> None:
    """Nobody can clear a position whose shares are still worth something."""
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.slash(node, 5_000)
    await env.fails(env.program.clear_worthless(node, owner.pubkey()), [],
                    error=E.SharesNotWorthless)
