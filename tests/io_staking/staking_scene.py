"""The scene of io_staking's generated negative tests and fuzzer: one deployment with every
account the instructions need, and a valid instruction of each kind over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import (
    IO,
    Deployment,
    Env,
    SlashCaller,
    create_mint,
    create_token_account,
    new_deployment,
)

from ionet.loader_v3 import programdata_address
from ionet.staking import StakingProgram
from ionet.testing import TestCluster


@dataclass
class Scene:
    """One deployment (slasher: a keypair) with a node, its owner's and a co-staker's
    positions, a second node, and the look-alikes the faults put in place."""

    env: Env
    uninitialized: Deployment
    slasher: Keypair
    owner: Keypair
    node: Pubkey
    node_id: bytes
    costaker: Keypair
    other_owner: Keypair
    other_node: Pubkey
    pending_admin: Keypair
    stranger_token: Pubkey  # a token account of the stake mint owned by someone else
    other_mint: Pubkey
    foreign_program_data: Pubkey
    @property
    def program(self) -> StakingProgram:
        return self.env.program


async def build_scene(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> Scene:
    slasher = await cluster.new_funded_keypair()
    deployment = await new_deployment(cluster, staking_elf, caller, slasher=slasher.pubkey())
    env = Env(cluster, deployment, check=False)
    owner, node = await env.owner_with_node(stake=1_000 * IO)
    node_id = bytes((await env.node(node)).node_id)
    costaker = await env.costaker(node, 100 * IO)
    other_owner, other_node = await env.owner_with_node(stake=1_000 * IO)
    pending = await cluster.new_funded_keypair()
    await env.send(env.program.propose_admin(env.admin.pubkey(), pending.pubkey()), [env.admin])
    stranger = Keypair().pubkey()
    stranger_token = await create_token_account(cluster, env.program, stranger)
    other_mint = await create_mint(cluster, env.program.token_program, Keypair())
    uninitialized = await new_deployment(cluster, staking_elf, caller, initialize=False)
    return Scene(env, uninitialized, slasher, owner, node, node_id, costaker, other_owner,
                 other_node, pending, stranger_token, other_mint,
                 programdata_address(caller.program_id))


Built = tuple[Instruction, list[Keypair]]


def valid_instruction(s: Scene, instruction: str) -> Built:
    """The instruction with accounts that pass every declared constraint."""
    p, d = s.program, s.env.deployment
    costaker, node = s.costaker, s.node
    builders: dict[str, Callable[[], Built]] = {
        "initialize": lambda: (s.uninitialized.program.initialize(
            s.env.cluster.wallet.pubkey(), Keypair().pubkey(), s.uninitialized.settings),
            [s.env.cluster.wallet]),
        "update_config": lambda: (p.update_config(d.admin.pubkey(), d.settings), [d.admin]),
        "apply_config": lambda: (p.apply_config(), []),
        "propose_admin": lambda: (p.propose_admin(d.admin.pubkey(), s.pending_admin.pubkey()),
                                  [d.admin]),
        "accept_admin": lambda: (p.accept_admin(s.pending_admin.pubkey()), [s.pending_admin]),
        "set_paused": lambda: (p.set_paused(d.pause_authority.pubkey(), False),
                               [d.pause_authority]),
        "register_node": lambda: (p.register_node(s.owner.pubkey(), bytes(Keypair().pubkey()),
                                                  1, 10_000, 0), [s.owner]),
        "stake": lambda: (p.stake(s.owner.pubkey(), node, 1), [s.owner]),
        "costake": lambda: (p.costake(costaker.pubkey(), node, 1), [costaker]),
        "request_unstake": lambda: (p.request_unstake(costaker.pubkey(), node, 1), [costaker]),
        "start_cooldown": lambda: (p.start_cooldown(node, costaker.pubkey()), []),
        "cancel_unstake": lambda: (p.cancel_unstake(costaker.pubkey(), node), [costaker]),
        "withdraw": lambda: (p.withdraw(costaker.pubkey(), node), [costaker]),
        "post_reward_root": lambda: (p.post_reward_root(d.reward_authority.pubkey(), 10**9,
                                                        bytes(32), 0), [d.reward_authority]),
        "claim_node_rewards": lambda: (p.claim_node_rewards(node, 1, []), []),
        "claim_rewards": lambda: (p.claim_rewards(costaker.pubkey(), node), [costaker]),
        "slash": lambda: (p.slash(s.slasher.pubkey(), node, 1, d.treasury), [s.slasher]),
        "jail": lambda: (p.jail(s.slasher.pubkey(), node, 2**40), [s.slasher]),
        "unjail": lambda: (p.unjail(s.slasher.pubkey(), node), [s.slasher]),
        "close_position": lambda: (p.close_position(costaker.pubkey(), node), [costaker]),
        "close_node": lambda: (p.close_node(s.owner.pubkey(), node), [s.owner]),
        "reopen_node": lambda: (p.reopen_node(s.owner.pubkey(), s.node_id, 1, 10_000, 0),
                                [s.owner]),
        "clear_worthless": lambda: (p.clear_worthless(node, costaker.pubkey()), []),
        "raise_pending_slash": lambda: (p.raise_pending_slash(s.slasher.pubkey(), node),
                                        [s.slasher]),
        "lower_pending_slash": lambda: (p.lower_pending_slash(s.slasher.pubkey(), node),
                                        [s.slasher]),
    }
    return builders[instruction]()


