"""`set_paused`: only the admin."""

from __future__ import annotations

from escrow_harness import EscrowEnv


async def test_set_paused_only_by_the_admin(env: EscrowEnv) -> None:
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.program.set_paused(intruder.pubkey(), True), [intruder], code=6001)
    sent = await env.send(env.program.set_paused(env.admin.pubkey(), True), [env.admin],
                          label="set_paused")
    assert env.event(sent, "PausedSet")["paused"] is True
    await env.send(env.program.set_paused(env.admin.pubkey(), False), [env.admin])
