"""Negative tests generated from the interface definition: for every account constraint
io_staking declares (`idlgen.faults`), the otherwise valid instruction with exactly that
fault is refused with the exact error (code, name, message) and the log line naming the
account, as Anchor's would be.

The list of constraints lives with the tests too (`declared_constraints.txt`, reviewed):
a constraint dropped from (or added to) `programs/io_staking/idl.json` fails
`test_the_declared_constraints_are_the_reviewed_ones` until the list is updated on purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from declared_faults import assert_refused, check_reviewed, declared_accounts
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import (
    IO,
    ROOT,
    Deployment,
    Env,
    SlashCaller,
    create_mint,
    create_token_account,
    new_deployment,
    non_canonical_address,
)

from idlgen.faults import Fault, program_faults
from idlgen.model import Program
from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.loader_v3 import programdata_address
from ionet.staking import CONFIG_SEED, NODE_SEED, POSITION_SEED, REWARDS_SEED, StakingProgram
from ionet.testing import TestCluster

PROGRAM = Program.load(ROOT / "programs" / "io_staking" / "idl.json")
FAULTS = program_faults(PROGRAM)
REVIEWED = Path(__file__).with_name("declared_constraints.txt")


def test_the_declared_constraints_are_the_reviewed_ones() -> None:
    check_reviewed(FAULTS, REVIEWED)


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


async def _scene(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> Scene:
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


_SCENES: dict[str, Scene] = {}


@pytest.fixture
async def scene(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> Scene:
    if "scene" not in _SCENES:
        _SCENES["scene"] = await _scene(cluster, staking_elf, caller)
    found = _SCENES["scene"]
    found.env = Env(cluster, found.env.deployment, check=False)
    return found


Built = tuple[Instruction, list[Keypair]]


def _valid(s: Scene, instruction: str) -> Built:
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


def _other_of_our_types(s: Scene, type_name: str, ix: Instruction) -> Pubkey:
    """An account of ours of another type that `ix` does not name already (else it would
    be refused as a duplicate first)."""
    p = s.program
    accounts = [("StakingConfig", p.config), ("RewardState", p.reward_state),
                ("Node", s.other_node),
                ("StakePosition", p.position(s.other_node, s.other_owner.pubkey()))]
    named = {meta.pubkey for meta in ix.accounts}
    return next(key for name, key in accounts if name != type_name and key not in named)


async def _look_alike(s: Scene, ix: Instruction, index: int,
                      signers: list[Keypair]) -> Pubkey:
    """What stands in for account `index` of `ix` for a fault of `kind`."""
    p = s.program
    original = ix.accounts[index].pubkey
    if ix.accounts[index].is_signer:
        stand_in = await s.env.cluster.new_funded_keypair()
        signers.append(stand_in)
        return stand_in.pubkey()
    if original == s.node:
        return s.other_node
    if original == p.position(s.node, s.costaker.pubkey()):
        return p.position(s.other_node, s.other_owner.pubkey())
    if original == p.position(s.node, s.owner.pubkey()):
        return p.position(s.other_node, s.other_owner.pubkey())
    if original == p.stake_mint:
        return s.other_mint
    if original == p.token_program:
        return TOKEN_2022_PROGRAM_ID if original == TOKEN_PROGRAM_ID else TOKEN_PROGRAM_ID
    if original in (p.reward_state, p.config):
        return s.stranger_token  # no second one can exist: another program's account
    # A vault or a treasury: another token account of the stake mint.
    return s.stranger_token


def _seeds_of(s: Scene, account: str, ix: Instruction) -> list[bytes]:
    """Seeds of an account created here (the position's staker is account 3)."""
    if account == "position":
        return [POSITION_SEED, bytes(s.node), bytes(ix.accounts[3].pubkey)]
    if account == "node":
        return [NODE_SEED, bytes(Keypair().pubkey())]
    return {"config": [CONFIG_SEED], "reward_state": [REWARDS_SEED],
            "stake_vault": [b"stake_vault"], "reward_vault": [b"reward_vault"]}[account]


async def _apply(s: Scene, fault: Fault) -> Built:
    ix, signers = _valid(s, fault.instruction)
    specs = declared_accounts(PROGRAM, fault.instruction)
    names = list(specs)
    index = names.index(fault.account)
    metas = list(ix.accounts)
    meta = metas[index]
    p = s.program
    program_id = s.uninitialized.program.program_id if fault.instruction == "initialize" \
        else p.program_id

    def replace(at: int, key: Pubkey) -> None:
        metas[at] = AccountMeta(key, metas[at].is_signer, metas[at].is_writable)

    kind = fault.kind
    if kind == "signer":
        metas[index] = AccountMeta(meta.pubkey, False, meta.is_writable)
        signers = [k for k in signers if k.pubkey() != meta.pubkey]
    elif kind == "writable":
        metas[index] = AccountMeta(meta.pubkey, meta.is_signer, False)
    elif kind == "owner":
        replace(index, s.stranger_token)
    elif kind == "type":
        account_type = specs[fault.account].account_type
        assert account_type is not None
        replace(index, _other_of_our_types(s, account_type, ix))
    elif kind == "seeds":
        replace(index, non_canonical_address(_seeds_of(s, fault.account, ix),
                                             program_id))
    elif kind == "has_one":
        assert fault.target is not None
        target = names.index(fault.target)
        replace(target, await _look_alike(s, ix, target, signers))
    elif kind == "token.mint":
        token = specs[fault.account].token
        assert token is not None
        # The right authority (where one is declared), another mint.
        owner = Keypair().pubkey() if token.authority is None \
            else metas[names.index(token.authority.account)].pubkey
        replace(index, await s.env.foreign_token_account(owner))
    elif kind == "token.authority":
        replace(index, s.stranger_token)
    elif kind == "program":
        replace(index, s.env.caller.program_id)
    elif kind == "mint":
        replace(index, Keypair().pubkey())
    elif kind == "program_data":
        replace(index, s.foreign_program_data)
    else:
        raise AssertionError(f"no way to apply a {kind} fault")
    return Instruction(ix.program_id, bytes(ix.data), metas), signers


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
async def test_declared_constraint_is_enforced(scene: Scene, fault: Fault) -> None:
    ix, signers = await _apply(scene, fault)
    await assert_refused(scene.env.cluster, ix, signers, fault, (A, E))
