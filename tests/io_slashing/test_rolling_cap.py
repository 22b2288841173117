"""Value flow: the rolling cap bounds what all proposals together may take from one node
within the window (pending or executed count; cancelled and rejected do not), whoever the
reporters are, and however small each proposal."""

from __future__ import annotations

from dataclasses import replace

from slashing_harness import SlashEnv
from staking_harness import IO

from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import Offense, evidence_hash


async def test_many_small_proposals_cannot_exceed_the_rolling_cap(fresh_senv: SlashEnv) -> None:
    senv = fresh_senv
    admin = senv.admin
    settings = replace(senv.settings, max_rolling_bps=1_000)
    await senv.send(senv.program.update_config(admin.pubkey(), settings), [admin])
    second = await senv.cluster.new_funded_keypair()
    await senv.send(senv.program.add_reporter(admin.pubkey(), second.pubkey()), [admin])
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)

    # Ten proposals of 1 %, from two reporters, some executed: together at the cap.
    first = None
    for i in range(10):
        seq = await senv.propose(node, 100, offense=Offense.DOWNTIME,
                                 reporter=second if i % 2 else None)
        first = seq if first is None else first
    created = (await senv.proposal(node, 0)).created_at
    await senv.at((await senv.proposal(node, 9)).challenge_ends_at)
    for seq in range(3):
        await senv.execute(node, seq)
    seq = await senv.program.next_seq(senv.cluster.client, node)
    one_more = senv.program.propose_slash(second.pubkey(), node, seq, Offense.DOWNTIME, 1,
                                          evidence_hash(b"x"))
    await senv.fails(one_more, [second], error=E.RollingCapExceeded)

    # A cancelled proposal stops counting: its 1 % is free again, and no more.
    await senv.send(senv.program.cancel(admin.pubkey(), node, 9), [admin])
    await senv.send(senv.program.propose_slash(second.pubkey(), node, seq, Offense.DOWNTIME,
                                               100, evidence_hash(b"x")), [second])
    await senv.fails(senv.program.propose_slash(second.pubkey(), node, seq + 1,
                                                Offense.DOWNTIME, 1, evidence_hash(b"x")),
                     [second], error=E.RollingCapExceeded)

    # The window rolls: at created + window - 1 the first proposal (and those after it)
    # still count, at created + window the first no longer does.
    end = created + settings.rolling_window_secs
    nxt = senv.program.propose_slash(second.pubkey(), node, seq + 1, Offense.DOWNTIME, 100,
                                     evidence_hash(b"x"))
    await senv.at(end - 1)
    await senv.fails(nxt, [second], error=E.RollingCapExceeded)
    await senv.at(end)
    await senv.send(nxt, [second])


async def test_a_node_holds_at_most_sixteen_counted_proposals(senv: SlashEnv) -> None:
    _, node = await senv.staking.owner_with_node(stake=1_000 * IO)
    for _ in range(16):
        await senv.propose(node, 1, offense=Offense.DOWNTIME)
    ix = senv.program.propose_slash(senv.reporter.pubkey(), node, 16, Offense.DOWNTIME, 1,
                                    evidence_hash(b"x"))
    await senv.fails(ix, [senv.reporter], error=E.TooManyProposals)
