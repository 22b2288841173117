"""add_reporter: the admin adds reporters, a bounded set."""

from __future__ import annotations

from slashing_harness import SlashEnv
from solders.keypair import Keypair

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import MAX_REPORTERS


async def test_add_reporter_up_to_the_bound(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    admin = senv.admin
    keys = [Keypair().pubkey() for _ in range(MAX_REPORTERS - 1)]
    for i, key in enumerate(keys):
        sent = await senv.send(senv.program.add_reporter(admin.pubkey(), key), [admin],
                               label="add_reporter" if i == 0 else None)
        assert senv.event(sent, "ReporterAdded") == {"reporter": key}
    config = await senv.program.fetch_config(senv.cluster.client)
    assert config is not None and config.reporter_count == MAX_REPORTERS
    assert config.reporters == [senv.reporter.pubkey(), *keys]
    await senv.fails(senv.program.add_reporter(admin.pubkey(), Keypair().pubkey()), [admin],
                     error=E.ReporterSetFull)


async def test_add_reporter_rejects_a_reporter_twice(senv: SlashEnv) -> None:
    ix = senv.program.add_reporter(senv.admin.pubkey(), senv.reporter.pubkey())
    await senv.fails(ix, [senv.admin], error=E.AlreadyReporter)


async def test_add_reporter_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    ix = senv.program.add_reporter(senv.reporter.pubkey(), Keypair().pubkey())
    await senv.fails(ix, [senv.reporter], error=E.NotAdmin, account="config")
