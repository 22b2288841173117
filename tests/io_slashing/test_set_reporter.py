"""set_reporter: the admin adds reporters (a bounded set) and removes them; a removed
reporter can no longer propose, its open proposals stay open (judged on their evidence)
and can be cancelled by the admin."""

from __future__ import annotations

from slashing_harness import SlashEnv
from solders.keypair import Keypair
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import MAX_REPORTERS, Offense, Status, evidence_hash


async def test_add_reporter_up_to_the_bound(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    admin = senv.admin
    keys = [Keypair().pubkey() for _ in range(MAX_REPORTERS - 1)]
    for i, key in enumerate(keys):
        sent = await senv.send(senv.program.add_reporter(admin.pubkey(), key), [admin],
                               label="set_reporter (add)" if i == 0 else None)
        assert senv.event(sent, "ReporterSet") == {"reporter": key, "enabled": True}
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


async def test_a_removed_reporter_cannot_propose(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    admin, reporter = senv.admin, senv.reporter
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    extra = Keypair().pubkey()
    await senv.send(senv.program.add_reporter(admin.pubkey(), extra), [admin])
    sent = await senv.send(senv.program.remove_reporter(admin.pubkey(), reporter.pubkey()),
                           [admin], label="set_reporter (remove)")
    assert senv.event(sent, "ReporterSet") == {"reporter": reporter.pubkey(),
                                                "enabled": False}
    config = await senv.program.fetch_config(senv.cluster.client)
    assert config is not None and config.reporter_count == 1 and config.reporters[0] == extra
    ix = senv.program.propose_slash(reporter.pubkey(), node, seq + 1, Offense.DOWNTIME, 10,
                                    evidence_hash(b"x"))
    await senv.fails(ix, [reporter], error=E.NotReporter)
    assert (await senv.proposal(node, seq)).status == Status.PENDING
    await senv.send(senv.program.cancel(admin.pubkey(), node, seq), [admin])


async def test_remove_reporter_rejects_an_unknown_key(senv: SlashEnv) -> None:
    ix = senv.program.remove_reporter(senv.admin.pubkey(), Keypair().pubkey())
    await senv.fails(ix, [senv.admin], error=E.NotReporter)


async def test_remove_reporter_rejects_anyone_but_the_admin(senv: SlashEnv) -> None:
    ix = senv.program.remove_reporter(senv.reporter.pubkey(), senv.reporter.pubkey())
    await senv.fails(ix, [senv.reporter], error=E.NotAdmin, account="config")
