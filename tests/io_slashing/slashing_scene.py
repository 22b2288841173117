"""The scene of io_slashing's generated negative tests and fuzzer: one deployment with every
account the instructions need, and a valid instruction of each kind over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from slashing_harness import SlashEnv, new_pair
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import (
    IO,
    Env,
    SlashCaller,
    create_token_account,
    new_deployment,
)

from ionet.deploy import deploy_program
from ionet.loader_v3 import programdata_address
from ionet.slashing import (
    SlashingProgram,
    SlashingSettings,
    evidence_hash,
)
from ionet.testing import TestCluster

Built = tuple[Instruction, list[Keypair]]
NEXT_SEQ = 3  # the scene's node has proposals 0 to 2


@dataclass
class Scene:
    """One io_slashing + io_staking pair with a pending admin; a node with a proposal past
    its challenge window (seq 0, for execute_slash), a disputed one (seq 1, for resolve
    and cancel) and a pending one (seq 2, for dispute); another node with a proposal; an
    uninitialized io_slashing; and the look-alikes the faults put in place."""

    env: SlashEnv
    uninitialized: SlashingProgram
    owner: Keypair
    node: Pubkey
    other_owner: Keypair
    other_node: Pubkey
    pending_admin: Keypair
    stranger_token: Pubkey  # a token account of the stake mint: another program's account
    foreign_node: Pubkey  # a Node of another io_staking deployment
    foreign_program_data: Pubkey
    # The proposal each valid instruction acts on (the fuzzer moves them on).
    seqs: dict[str, int] = field(default_factory=lambda: {
        "propose": NEXT_SEQ, "dispute": 2, "resolve": 1, "execute": 0})

    @property
    def program(self) -> SlashingProgram:
        return self.env.program


async def build_scene(cluster: TestCluster, elfs: tuple[bytes, bytes]) -> Scene:
    if not cluster.can_warp:
        pytest.skip("executing a slash needs the clock past its challenge window")
    env = SlashEnv(cluster, await new_pair(cluster, *elfs))
    owner, node = await env.staking.owner_with_node(stake=1_000 * IO)
    other_owner, other_node = await env.staking.owner_with_node(stake=1_000 * IO)
    await env.propose(node, 100)
    await cluster.advance_time(env.settings.challenge_window_secs + 1)
    await env.propose(node, 100)
    await env.dispute(owner, node, 1)
    await env.propose(node, 100)
    await env.propose(other_node, 100)
    pending = await cluster.new_funded_keypair()
    await env.send(env.program.propose_admin(env.admin.pubkey(), pending.pubkey()), [env.admin])
    stranger_token = await create_token_account(cluster, env.staking.program,
                                                Keypair().pubkey())
    slashing_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), elfs[1])
    uninitialized = SlashingProgram(slashing_id, env.staking.program)
    foreign = await new_deployment(cluster, elfs[0], SlashCaller(slashing_id))
    _, foreign_node = await Env(cluster, foreign).owner_with_node(stake=1_000 * IO)
    return Scene(env, uninitialized, owner, node, other_owner, other_node, pending,
                 stranger_token, foreign_node,
                 programdata_address(env.staking.program.program_id))




def valid_instruction(s: Scene, instruction: str) -> Built:
    """The instruction with accounts that pass every declared constraint."""
    p, e = s.program, s.env
    admin, node = e.admin, s.node
    builders: dict[str, Callable[[], Built]] = {
        "initialize": lambda: (s.uninitialized.initialize(
            e.cluster.wallet.pubkey(), Keypair().pubkey(), SlashingSettings.default()),
            [e.cluster.wallet]),
        "update_config": lambda: (p.update_config(admin.pubkey(), e.settings), [admin]),
        "propose_admin": lambda: (p.propose_admin(admin.pubkey(), s.pending_admin.pubkey()),
                                  [admin]),
        "accept_admin": lambda: (p.accept_admin(s.pending_admin.pubkey()), [s.pending_admin]),
        "set_paused": lambda: (p.set_paused(admin.pubkey(), False), [admin]),
        "set_reporter": lambda: (p.set_reporter(admin.pubkey(), Keypair().pubkey(), True),
                                 [admin]),
        "propose_slash": lambda: (p.propose_slash(e.reporter.pubkey(), node,
                                                  s.seqs["propose"], 0, 100,
                                                  evidence_hash(b"again")), [e.reporter]),
        "dispute": lambda: (p.dispute(s.owner.pubkey(), node, s.seqs["dispute"],
                                      evidence_hash(b"counter")), [s.owner]),
        "resolve": lambda: (p.resolve(admin.pubkey(), node, s.seqs["resolve"], True), [admin]),
        "cancel": lambda: (p.cancel(admin.pubkey(), node, s.seqs["resolve"]), [admin]),
        "execute_slash": lambda: (p.execute_slash(node, s.seqs["execute"], e.treasury), []),
    }
    return builders[instruction]()


