"""lower_pending_slash: the slasher PDA closes a pending proposal; never below zero."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E


async def test_lower_pending_slash_counts_down_and_not_below_zero(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    slasher = env.caller.slasher
    await env.send(env.caller.forward(env.program.raise_pending_slash(slasher, node)))
    sent = await env.send(env.caller.forward(env.program.lower_pending_slash(slasher, node)),
                          label="lower_pending_slash (via CPI)")
    assert env.event(sent, "PendingSlashesChanged") == {"node": node, "pending_slashes": 0}
    assert (await env.node(node)).pending_slashes == 0
    await env.fails(env.caller.forward(env.program.lower_pending_slash(slasher, node)),
                    error=E.NoPendingSlash)


async def test_lower_pending_slash_rejects_a_signer_that_is_not_the_slasher(env: Env) -> None:
    _, node = await env.owner_with_node(stake=1_000 * IO)
    await env.send(env.caller.forward(env.program.raise_pending_slash(env.caller.slasher,
                                                                        node)))
    impostor = await env.cluster.new_funded_keypair()
    ix = env.program.lower_pending_slash(impostor.pubkey(), node)
    await env.fails(ix, [impostor], error=E.NotSlasher)
    assert (await env.node(node)).pending_slashes == 1
