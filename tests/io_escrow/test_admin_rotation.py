"""`propose_admin` / `accept_admin`: a two-step rotation."""

from __future__ import annotations

from escrow_harness import EscrowEnv


async def test_admin_rotation_takes_two_steps(env: EscrowEnv) -> None:
    new = await env.cluster.new_funded_keypair()
    await env.fails(env.program.accept_admin(new.pubkey()), [new], code=6002)
    await env.send(env.program.propose_admin(env.admin.pubkey(), new.pubkey()), [env.admin])
    stranger = await env.cluster.new_funded_keypair()
    await env.fails(env.program.accept_admin(stranger.pubkey()), [stranger], code=6002,
                    message="NotPendingAdmin")
    await env.send(env.program.accept_admin(new.pubkey()), [new])
    await env.fails(env.program.set_paused(env.admin.pubkey(), True), [env.admin], code=6001)
    await env.send(env.program.set_paused(new.pubkey(), True), [new])
