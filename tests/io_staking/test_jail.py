"""jail / unjail: signed by the slashing program's ["slasher"] PDA."""

from __future__ import annotations

from staking_harness import IO, Env

from ionet.generated.io_staking.errors import custom as E


async def test_jail_refuses_stake_until_it_ends(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    until = await env.now() + 3_600
    sent = await env.jail(node, until)
    assert env.event(sent, "NodeJailed")["until"] == until
    assert (await env.node(node)).jailed_until == until
    await env.fails(env.program.stake(owner.pubkey(), node, 10 * IO), [owner],
                    error=E.NodeJailed)
    await env.advance(3_600)
    await env.send(env.program.stake(owner.pubkey(), node, 10 * IO), [owner])


async def test_jail_never_shortens_a_jail(env: Env) -> None:
    _, node = await env.owner_with_node()
    now = await env.now()
    await env.jail(node, now + 7_200)
    sent = await env.jail(node, now + 3_600)
    assert env.event(sent, "NodeJailed")["until"] == now + 7_200
    assert (await env.node(node)).jailed_until == now + 7_200


async def test_jail_rejects_a_time_in_the_past(env: Env) -> None:
    _, node = await env.owner_with_node()
    ix = env.program.jail(env.caller.slasher, node, await env.now() - 1)
    await env.fails(env.caller.forward(ix), [], error=E.InvalidJailTime)


async def test_jail_rejects_a_signer_that_is_not_the_slasher_pda(env: Env) -> None:
    _, node = await env.owner_with_node()
    impostor = await env.cluster.new_funded_keypair()
    ix = env.program.jail(impostor.pubkey(), node, await env.now() + 3_600)
    await env.fails(ix, [impostor], error=E.NotSlasher)


async def test_unjail(env: Env) -> None:
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    await env.jail(node, await env.now() + 10**6)
    sent = await env.unjail(node)
    assert env.event(sent, "NodeUnjailed")["node"] == node
    assert (await env.node(node)).jailed_until == 0
    await env.send(env.program.stake(owner.pubkey(), node, 10 * IO), [owner])


async def test_unjail_rejects_a_signer_that_is_not_the_slasher_pda(env: Env) -> None:
    _, node = await env.owner_with_node()
    await env.jail(node, await env.now() + 3_600)
    owner_of_nothing = await env.cluster.new_funded_keypair()
    await env.fails(env.program.unjail(owner_of_nothing.pubkey(), node), [owner_of_nothing],
                    error=E.NotSlasher)
