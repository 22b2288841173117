"""propose_admin / accept_admin: two steps, each signed by the right key."""

from __future__ import annotations

from slashing_harness import SlashEnv

from ionet.generated.io_slashing.errors import custom as E


async def test_admin_rotation_in_two_steps(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    old, new = senv.admin, await senv.cluster.new_funded_keypair()
    await senv.send(senv.program.propose_admin(old.pubkey(), new.pubkey()), [old],
                    label="propose_admin")
    stranger = await senv.cluster.new_funded_keypair()
    await senv.fails(senv.program.accept_admin(stranger.pubkey()), [stranger],
                     error=E.NotPendingAdmin, account="config")
    sent = await senv.send(senv.program.accept_admin(new.pubkey()), [new], label="accept_admin")
    assert senv.event(sent, "AdminAccepted") == {"previous_admin": old.pubkey(),
                                                 "admin": new.pubkey()}
    await senv.fails(senv.program.propose_admin(old.pubkey(), old.pubkey()), [old],
                     error=E.NotAdmin)
    await senv.fails(senv.program.accept_admin(new.pubkey()), [new], error=E.NotPendingAdmin)


async def test_propose_admin_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    ix = senv.program.propose_admin(senv.reporter.pubkey(), senv.reporter.pubkey())
    await senv.fails(ix, [senv.reporter], error=E.NotAdmin, account="config")
