"""The slashing chapter: evidence, proposal, dispute, appeal upheld, execution, jail; then
the jailed node opens no escrow and its customer takes the rest back at once."""

from __future__ import annotations

import json
from pathlib import Path

from ionet.demo.narrator import DemoFailed
from ionet.demo.scene import Scene
from ionet.escrow import remaining
from ionet.slashing import Offense, evidence_hash

SLASH_BPS = 1_000


def write_evidence(directory: Path, name: str, document: dict[str, object]) -> Path:
    """Writes an evidence file; its SHA-256 is what goes on chain."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


async def slash(scene: Scene) -> str:
    """Returns the refusal of the new escrow on the jailed node."""
    cast, io, send = scene.cast, scene.io, scene.narrator.send
    cleo, rex, admin = cast.suppliers[2], cast.reporter, cast.admin
    device = scene.device(cleo)
    scene.narrator.chapter(
        "A slash, disputed and upheld",
        f"{rex.name} reports that {cleo.name}'s {device.label} failed a proof of work. "
        "While the proposal is open, io_staking freezes every withdrawal of the node; "
        f"{cleo.name} disputes it, the admin hears the appeal and upholds it, and anyone "
        "executes it: io_slashing signs io_staking's slash and jail with its PDA.")
    seq = await scene.slashing.next_seq(scene.cluster.client, device.address)
    evidence = write_evidence(scene.work_dir / "evidence", "proof-of-work-failure.json", {
        "device": device.uuid, "node": str(device.address), "check": "proof of work",
        "challenge": "fp16 matmul 8192 x 8192, seed 42", "deadline_secs": 60,
        "answered": False, "observed_at": await scene.now()})
    digest = evidence_hash(evidence.read_bytes())
    scene.narrator.say(f"evidence {evidence} (sha256 {digest.hex()[:16]}…)")
    await send(f"{rex.name} proposes a {SLASH_BPS / 100:g} % slash for a failed proof of work",
               [scene.slashing.propose_slash(rex.key, device.address, seq,
                                             Offense.FAILED_PROOF_OF_WORK, SLASH_BPS, digest)],
               [rex.keypair])
    counter = write_evidence(scene.work_dir / "evidence", "dispute.json", {
        "node": str(device.address), "claim": "the device was rebooting for a driver update",
        "maintenance_ticket": "none"})
    await send(f"{cleo.name} disputes it (counter-evidence {counter.name})",
               [scene.slashing.dispute(cleo.key, device.address, seq,
                                       evidence_hash(counter.read_bytes()))], [cleo.keypair])
    await send("the admin upholds the slash: no maintenance was announced",
               [scene.slashing.resolve(admin.key, device.address, seq, True)])
    treasury_before = await scene.balance(cast.treasury, io)
    staking_config = await scene.staking_config()
    await send("anyone executes it", [scene.slashing.execute_slash(
        device.address, seq, staking_config.treasury)])
    node = await scene.staking.fetch_node(scene.cluster.client, device.address)
    if node is None or node.jailed_until <= await scene.now():
        raise DemoFailed(f"{cleo.name}'s node is not jailed after the slash")
    taken = await scene.balance(cast.treasury, io) - treasury_before
    days = (node.jailed_until - await scene.now()) / 86_400
    scene.narrator.say(f"    {io.show(taken)} went to the treasury; the node is jailed for "
                       f"{days:.0f} days")
    return await _jailed_node_escrows(scene)


async def _jailed_node_escrows(scene: Scene) -> str:
    cleo = scene.cast.suppliers[2]
    device = scene.device(cleo)
    opened = next(e for e in scene.escrows if e.device == device)
    customer, mint = opened.customer, opened.mint
    expires = await scene.now() + 86_400
    reason = await scene.narrator.refused(
        f"{customer.name} opens a new escrow on {cleo.name}'s jailed node",
        [scene.escrow.open_escrow(customer.key, opened.job_id + 1, device.address, cleo.key,
                                  mint.address, mint.units("10"), opened.rate_per_second, 0,
                                  expires, mint.token_program)], [customer.keypair])
    state = await scene.fetch_escrow(opened)
    if state is None:
        raise DemoFailed(f"{customer.name}'s escrow {opened.job_id} is gone")
    before = await scene.balance(customer, mint)
    await scene.narrator.send(
        f"{customer.name} takes the rest of escrow {opened.job_id} back at once "
        "(refund_ineligible)",
        [scene.escrow.refund_ineligible(customer.key, opened.address, device.address,
                                        mint.address, mint.token_program)],
        [customer.keypair])
    refunded = await scene.balance(customer, mint) - before
    if refunded != remaining(state):
        raise DemoFailed(f"refund_ineligible paid {refunded}, the escrow held "
                         f"{remaining(state)}")
    scene.narrator.say(f"    {customer.name} got {mint.show(refunded)} back; the "
                       f"{mint.show(state.settled)} already settled stays {cleo.name}'s")
    return reason
