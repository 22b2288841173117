"""io_slashing's action for a node's owner: dispute a slash proposal inside its challenge
window."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet.app.actions import Action, Described, Planned, Scene, percent, required
from ionet.app.spec import Param
from ionet.cli.errors import CliError
from ionet.cli.units import format_time
from ionet.slashing import Offense, SlashProposal, Status, evidence_hash

__all__ = ["ACTIONS"]

EVIDENCE = Param("evidence", "Your counter-evidence (its SHA-256 goes on chain)",
                 type="textarea")


async def _proposal(scene: Scene, inputs: dict[str, str]
                    ) -> tuple[Pubkey, Pubkey, int, SlashProposal]:
    """The node, its owner, and the proposal: ``seq``, else its latest one."""
    staking = scene.staking
    address, node = await staking.node(scene.subject)
    program = scene.chain.slashing(staking)
    client, commitment = scene.chain.ctx.client, scene.chain.ctx.commitment
    text = inputs.get("seq", "").strip()
    if text and text != "{seq}":
        if not text.isdigit():
            raise CliError(f"seq {text!r} is not a proposal number")
        seq = int(text)
    else:
        seq = await program.next_seq(client, address, commitment) - 1
        if seq < 0:
            raise CliError(f"node {address} has no slash proposals")
    proposal = await program.fetch_proposal(client, address, seq, commitment)
    if proposal is None:
        raise CliError(f"node {address} has no slash proposal {seq}")
    return address, node.owner, seq, proposal


async def describe_dispute(scene: Scene) -> Described:
    address, _, seq, proposal = await _proposal(scene, scene.query)
    refused = None if proposal.status == Status.PENDING else \
        f"proposal {seq} is {Status(proposal.status).name.lower()}, not pending"
    return Described(f"Dispute slash proposal {seq} of node {address} "
                     f"({Offense(proposal.offense).name.lower()}, {percent(proposal.bps)}) "
                     f"before {format_time(proposal.challenge_ends_at)}.", refused)


async def plan_dispute(scene: Scene, account: Pubkey, inputs: dict[str, str]) -> Planned:
    address, owner, seq, _ = await _proposal(scene, inputs)
    if owner != account:
        raise CliError(f"{account} does not own node {address}; only its owner disputes")
    evidence = evidence_hash(required(inputs, "evidence").encode())
    program = scene.chain.slashing(scene.staking)
    return Planned([program.dispute(account, address, seq, evidence)],
                   f"Dispute slash proposal {seq} of node {address}")


ACTIONS = [
    Action("dispute", "Dispute a slash", "Dispute", describe_dispute, plan_dispute,
           (EVIDENCE,)),
]
