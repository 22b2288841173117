"""Negative tests generated from the interface definition: for every account constraint
io_staking declares (`idlgen.faults`), the otherwise valid instruction with exactly that
fault is refused with the exact error (code, name, message) and the log line naming the
account, as Anchor's would be.

The list of constraints lives with the tests too (`declared_constraints.txt`, reviewed):
a constraint dropped from (or added to) `programs/io_staking/idl.json` fails
`test_the_declared_constraints_are_the_reviewed_ones` until the list is updated on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from declared_faults import assert_refused, check_reviewed, declared_accounts
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from staking_harness import (
    ROOT,
    Env,
    SlashCaller,
    non_canonical_address,
)
from staking_scene import Built, Scene, build_scene, valid_instruction

from idlgen.faults import Fault, program_faults
from idlgen.model import Program
from ionet.generated.io_staking.errors import anchor as A
from ionet.generated.io_staking.errors import custom as E
from ionet.staking import CONFIG_SEED, NODE_SEED, POSITION_SEED, REWARDS_SEED
from ionet.testing import TestCluster

PROGRAM = Program.load(ROOT / "programs" / "io_staking" / "idl.json")
FAULTS = program_faults(PROGRAM)
REVIEWED = Path(__file__).with_name("declared_constraints.txt")


def test_the_declared_constraints_are_the_reviewed_ones() -> None:
    check_reviewed(FAULTS, REVIEWED)


_SCENES: dict[str, Scene] = {}


@pytest.fixture
async def scene(cluster: TestCluster, staking_elf: bytes, caller: SlashCaller) -> Scene:
    if "scene" not in _SCENES:
        _SCENES["scene"] = await build_scene(cluster, staking_elf, caller)
    found = _SCENES["scene"]
    found.env = Env(cluster, found.env.deployment, check=False)
    return found


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
    ix, signers = valid_instruction(s, fault.instruction)
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
