"""lower_pending_slash: the slasher PDA closes a pending proposal; never below zero, and
never what a slasher raised before a slasher change."""

from __future__ import annotations

from dataclasses import replace

from solders.pubkey import Pubkey
from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E
from ionet.staking import DAY


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


async def _change_slasher(env: Env, slasher: Pubkey) -> None:
    await env.send(env.program.update_config(env.admin.pubkey(),
                                             replace(env.settings, slasher=slasher)),
                   [env.admin])
    await env.advance(22 * DAY + 60)
    await env.send(env.program.apply_config())


async def test_a_slasher_set_again_cannot_lower_what_it_raised_before_the_change(
        env: Env) -> None:
    """A count raised before a slasher change is nobody's after it, even once the same
    slasher is set again: that slasher cannot lower it, and its next raise starts at 1."""
    _, node = await env.owner_with_node(stake=1_000 * IO)
    slasher = env.caller.slasher
    await env.send(env.caller.forward(env.program.raise_pending_slash(slasher, node)))
    await _change_slasher(env, Pubkey.new_unique())
    await _change_slasher(env, slasher)
    lower = env.caller.forward(env.program.lower_pending_slash(slasher, node))
    await env.fails(lower, error=E.NoPendingSlash)

    sent = await env.send(env.caller.forward(env.program.raise_pending_slash(slasher, node)))
    assert env.event(sent, "PendingSlashesChanged") == {"node": node, "pending_slashes": 1}
    await env.send(lower)
    assert (await env.node(node)).pending_slashes == 0
