"""raise_pending_slash: the slasher PDA counts a pending proposal against a node; while
any is pending, withdraw refuses every position of the node (owner and co-stakers);
cooldowns keep running. ``tests/io_slashing`` drives it through the real io_slashing."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


async def test_a_pending_slash_freezes_every_withdrawal_of_the_node(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    staker = await env.costaker(node, 400 * IO)
    await env.send(env.program.request_unstake(owner.pubkey(), node, 100 * IO), [owner])
    sent = await env.send(env.caller.forward(
        env.program.raise_pending_slash(env.caller.slasher, node)),
        label="raise_pending_slash (via CPI)")
    assert env.event(sent, "PendingSlashesChanged") == {"node": node, "pending_slashes": 1}
    await env.send(env.program.request_unstake(staker.pubkey(), node), [staker])
    await env.advance(7 * DAY)
    await env.send(env.program.start_cooldown(node, staker.pubkey()))
    await env.advance(14 * DAY)
    for who in (owner, staker):
        await env.fails(env.program.withdraw(who.pubkey(), node), [who],
                        error=E.SlashPending)
    await env.send(env.caller.forward(env.program.lower_pending_slash(env.caller.slasher,
                                                                        node)))
    for who in (owner, staker):
        await env.send(env.program.withdraw(who.pubkey(), node), [who])


async def test_raise_pending_slash_rejects_a_signer_that_is_not_the_slasher(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    impostor = await env.cluster.new_funded_keypair()
    ix = env.program.raise_pending_slash(impostor.pubkey(), node)
    await env.fails(ix, [impostor], error=E.NotSlasher)
