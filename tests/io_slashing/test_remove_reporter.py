"""remove_reporter: a removed reporter can no longer propose; its open proposals stay
open (judged on their evidence) and can be cancelled by the admin."""

from __future__ import annotations

from slashing_harness import SlashEnv
from solders.keypair import Keypair
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Offense, Status, evidence_hash


async def test_a_removed_reporter_cannot_propose(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    admin, reporter = senv.admin, senv.reporter
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    seq = await senv.propose(node, 100)
    extra = Keypair().pubkey()
    await senv.send(senv.program.add_reporter(admin.pubkey(), extra), [admin])
    sent = await senv.send(senv.program.remove_reporter(admin.pubkey(), reporter.pubkey()),
                           [admin], label="remove_reporter")
    assert senv.event(sent, "ReporterRemoved") == {"reporter": reporter.pubkey()}
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
