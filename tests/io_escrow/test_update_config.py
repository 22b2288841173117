"""`update_config`: only the admin; the new coordinator takes effect at once."""

from __future__ import annotations

from escrow_harness import EscrowEnv
from solders.keypair import Keypair


async def test_update_config_only_by_the_admin(env: EscrowEnv) -> None:
    intruder = await env.cluster.new_funded_keypair()
    ix = env.program.update_config(intruder.pubkey(), intruder.pubkey(), intruder.pubkey(), 0)
    await env.fails(ix, [intruder], code=6001, message="NotAdmin")
    new = Keypair().pubkey()
    sent = await env.send(env.program.update_config(env.admin.pubkey(), new, new, 3_600),
                          [env.admin], label="update_config")
    config = await env.program.fetch_config(env.cluster.client)
    assert config is not None and (config.coordinator, config.refund_grace_secs) == (new, 3_600)
    assert env.event(sent, "ConfigUpdated")["admin"] == env.admin.pubkey()
    await env.fails(env.program.update_config(env.admin.pubkey(), new, new, -1), [env.admin],
                    code=6006)
