"""propose_admin / accept_admin: the two-step admin rotation."""

from __future__ import annotations

from solders.pubkey import Pubkey
from staking_harness import Env, unsigned

from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E


async def test_propose_then_accept_admin(fresh_env: Env) -> None:
    env = fresh_env
    old, new = env.admin, await env.cluster.new_funded_keypair()
    sent = await env.send(env.program.propose_admin(old.pubkey(), new.pubkey()), [old],
                          label="propose_admin")
    assert env.event(sent, "AdminProposed")["pending_admin"] == new.pubkey()
    config = await env.config()
    assert (config.admin, config.pending_admin) == (old.pubkey(), new.pubkey())
    sent = await env.send(env.program.accept_admin(new.pubkey()), [new], label="accept_admin")
    event = env.event(sent, "AdminAccepted")
    assert (event["previous_admin"], event["admin"]) == (old.pubkey(), new.pubkey())
    config = await env.config()
    assert (config.admin, config.pending_admin) == (new.pubkey(), Pubkey.default())
    # The old admin has lost its powers; the new one has them.
    await env.fails(env.program.update_config(old.pubkey(), env.settings), [old],
                    error=E.NotAdmin)
    await env.send(env.program.update_config(new.pubkey(), env.settings), [new])


async def test_propose_admin_rejects_anyone_but_the_admin(fresh_env: Env) -> None:
    intruder = await fresh_env.cluster.new_funded_keypair()
    await fresh_env.fails(fresh_env.program.propose_admin(intruder.pubkey(), intruder.pubkey()),
                          [intruder], error=E.NotAdmin)


async def test_propose_admin_rejects_a_missing_signature(fresh_env: Env) -> None:
    admin = fresh_env.admin.pubkey()
    ix = unsigned(fresh_env.program.propose_admin(admin, Pubkey.new_unique()), admin)
    await fresh_env.fails(ix, error=A.AccountNotSigner)


async def test_accept_admin_rejects_anyone_but_the_proposed_admin(fresh_env: Env) -> None:
    env = fresh_env
    proposed = await env.cluster.new_funded_keypair()
    intruder = await env.cluster.new_funded_keypair()
    await env.fails(env.program.accept_admin(intruder.pubkey()), [intruder],
                    error=E.NotPendingAdmin)  # nobody proposed yet
    await env.send(env.program.propose_admin(env.admin.pubkey(), proposed.pubkey()),
                   [env.admin])
    await env.fails(env.program.accept_admin(intruder.pubkey()), [intruder],
                    error=E.NotPendingAdmin)
    await env.fails(env.program.accept_admin(env.admin.pubkey()), [env.admin],
                    error=E.NotPendingAdmin)


async def test_propose_admin_of_the_default_key_cancels(fresh_env: Env) -> None:
    env = fresh_env
    proposed = await env.cluster.new_funded_keypair()
    await env.send(env.program.propose_admin(env.admin.pubkey(), proposed.pubkey()),
                   [env.admin])
    await env.send(env.program.propose_admin(env.admin.pubkey(), Pubkey.default()),
                   [env.admin])
    await env.fails(env.program.accept_admin(proposed.pubkey()), [proposed],
                    error=E.NotPendingAdmin)
