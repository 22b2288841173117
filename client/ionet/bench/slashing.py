"""io_slashing: the units of every instruction on its common path.

``env`` is the test harness's ``SlashEnv`` (``tests/io_slashing/slashing_harness.py``):
io_slashing and the io_staking it slashes, deployed for it. Instructions that create
accounts are counted at their first-try bump (:func:`~ionet.bench.units.at_first_bump`).
"""

from __future__ import annotations

from typing import Any

from solders.keypair import Keypair

from ionet.bench.units import Units, at_first_bump, measure, programdata
from ionet.slashing import Offense, evidence_hash

IO = 10**6


async def instructions(env: Any) -> dict[str, Units]:
    p = env.program
    admin, reporter = env.admin, env.reporter
    pid = p.program_id
    units: dict[str, Units] = {"initialize": at_first_bump(
        measure(env.deployment.initialized), programdata(pid), (pid, [b"config"]),
        (pid, [b"slasher"]))}

    async def run(name: str, ix: Any, signers: list[Keypair]) -> None:
        units[name] = measure(await env.send(ix, signers))

    owner, node = await env.staking.owner_with_node(stake=1_000 * IO)
    proof = evidence_hash(b"evidence")

    async def propose(name: str | None, seq: int, offense: Offense, new_record: bool) -> None:
        ix = p.propose_slash(reporter.pubkey(), node, seq, offense, 100, proof)
        sent = measure(await env.send(ix, [reporter]))
        created = [(pid, [b"proposal", bytes(node), seq.to_bytes(8, "little")])]
        if new_record:
            created.append((pid, [b"record", bytes(node)]))
        if name is not None:
            units[name] = at_first_bump(sent, *created)

    await propose("propose_slash (creates the node's record)", 0, Offense.SPOOFING, True)
    await propose("propose_slash", 1, Offense.DOWNTIME, False)
    await propose(None, 2, Offense.DOWNTIME, False)
    await propose(None, 3, Offense.DOWNTIME, False)
    await run("dispute", p.dispute(owner.pubkey(), node, 2, proof), [owner])
    await run("resolve (uphold)", p.resolve(admin.pubkey(), node, 2, True), [admin])
    await run("cancel", p.cancel(reporter.pubkey(), node, 2), [reporter])
    await env.send(p.dispute(owner.pubkey(), node, 3, proof), [owner])
    await run("resolve (reject)", p.resolve(admin.pubkey(), node, 3, False), [admin])
    await env.at((await env.proposal(node, 1)).challenge_ends_at)
    await run("execute_slash (to treasury, jail)", env.execute_ix(node, 0), [])
    await run("execute_slash (to treasury)", env.execute_ix(node, 1), [])
    other = Keypair().pubkey()
    await run("set_reporter (add)", p.set_reporter(admin.pubkey(), other, True), [admin])
    await run("set_reporter (remove)", p.set_reporter(admin.pubkey(), other, False), [admin])
    await run("update_config", p.update_config(admin.pubkey(), env.settings), [admin])
    await run("set_paused", p.set_paused(admin.pubkey(), False), [admin])
    new_admin = await env.cluster.new_funded_keypair()
    await run("propose_admin", p.propose_admin(admin.pubkey(), new_admin.pubkey()), [admin])
    await run("accept_admin", p.accept_admin(new_admin.pubkey()), [new_admin])
    return units
