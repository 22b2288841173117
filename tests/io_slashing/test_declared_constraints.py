"""Negative tests generated from the interface definition: for every account constraint
io_slashing declares (`idlgen.faults`), the otherwise valid instruction with exactly that
fault is refused by the real binary with the exact error (code, name, message) and the log
line naming the account, as Anchor's would be.

The list of constraints lives with the tests too (`declared_constraints.txt`, reviewed):
a constraint dropped from (or added to) `programs/io_slashing/idl.json` fails
`test_the_declared_constraints_are_the_reviewed_ones` until the list is updated on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from declared_faults import assert_refused, check_reviewed, declared_accounts
from slashing_harness import ROOT, SlashEnv
from slashing_scene import NEXT_SEQ, Built, Scene, build_scene, valid_instruction
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from staking_harness import (
    non_canonical_address,
)

from idlgen.faults import Fault, program_faults
from idlgen.model import Program, snake
from ionet.generated.io_slashing.errors import anchor as A
from ionet.generated.io_slashing.errors import custom as E
from ionet.slashing import (
    CONFIG_SEED,
    PROPOSAL_SEED,
    RECORD_SEED,
)
from ionet.testing import TestCluster

PROGRAM = Program.load(ROOT / "programs" / "io_slashing" / "idl.json")
FAULTS = program_faults(PROGRAM)
REVIEWED = Path(__file__).with_name("declared_constraints.txt")


def test_the_declared_constraints_are_the_reviewed_ones() -> None:
    check_reviewed(FAULTS, REVIEWED)


_SCENES: dict[str, Scene] = {}


@pytest.fixture
async def scene(cluster: TestCluster, elfs: tuple[bytes, bytes]) -> Scene:
    if "scene" not in _SCENES:
        _SCENES["scene"] = await build_scene(cluster, elfs)
    found = _SCENES["scene"]
    found.env = SlashEnv(cluster, found.env.deployment)
    return found


def _other_of_types(s: Scene, type_name: str, ix: Instruction) -> Pubkey:
    """An account of the same program as `type_name` but another type, that `ix` does not
    name already (else it would be refused as a duplicate first)."""
    p, staking = s.program, s.env.staking.program
    if type_name.startswith("io_staking::"):
        accounts = [("Node", s.node), ("Node", s.other_node),
                    ("StakingConfig", staking.config), ("RewardState", staking.reward_state),
                    ("StakePosition", staking.position(s.other_node, s.other_owner.pubkey()))]
        type_name = type_name.removeprefix("io_staking::")
    else:
        accounts = [("SlashingConfig", p.config), ("NodeRecord", p.record(s.other_node)),
                    ("SlashProposal", p.proposal(s.other_node, 0))]
    named = {meta.pubkey for meta in ix.accounts}
    return next(key for name, key in accounts if name != type_name and key not in named)


async def _look_alike(s: Scene, ix: Instruction, index: int,
                      signers: list[Keypair]) -> Pubkey:
    """What stands in for account `index` of `ix` in a has_one fault."""
    original = ix.accounts[index].pubkey
    if ix.accounts[index].is_signer:
        stand_in = await s.env.cluster.new_funded_keypair()
        signers.append(stand_in)
        return stand_in.pubkey()
    if original == s.node:
        return s.other_node
    if original == s.program.slasher:
        return non_canonical_address([b"slasher"], s.program.program_id)
    if original == s.env.staking.program.program_id:
        return s.uninitialized.program_id  # another program
    raise AssertionError(f"no look-alike for {original}")


def _seeds_of(s: Scene, account: str, ix: Instruction) -> list[bytes]:
    """Seeds of an account created here (propose_slash: the node is account 3)."""
    if account == "config":
        return [CONFIG_SEED]
    node = bytes(ix.accounts[3].pubkey)
    if account == "record":
        return [RECORD_SEED, node]
    return {"proposal": [PROPOSAL_SEED, node, NEXT_SEQ.to_bytes(8, "little")]}[account]


async def _apply(s: Scene, fault: Fault) -> Built:
    ix, signers = valid_instruction(s, fault.instruction)
    specs = declared_accounts(PROGRAM, fault.instruction)
    names = list(specs)
    index = names.index(fault.account)
    metas = list(ix.accounts)
    meta = metas[index]
    program_id = ix.program_id

    def replace(at: int, key: Pubkey) -> None:
        metas[at] = AccountMeta(key, metas[at].is_signer, metas[at].is_writable)

    kind = fault.kind
    if kind == "signer":
        metas[index] = AccountMeta(meta.pubkey, False, meta.is_writable)
        signers = [k for k in signers if k.pubkey() != meta.pubkey]
    elif kind == "writable":
        metas[index] = AccountMeta(meta.pubkey, meta.is_signer, False)
    elif kind == "owner":
        # An account of another program's type (`owner` = the program a config names):
        # the same type of another deployment of it, which only the owner check refuses.
        foreign = (specs[fault.account].account_type or "").startswith("io_staking::")
        replace(index, s.foreign_node if foreign else s.stranger_token)
    elif kind == "type":
        account_type = specs[fault.account].account_type
        assert account_type is not None
        replace(index, _other_of_types(s, account_type, ix))
    elif kind == "seeds":
        replace(index, non_canonical_address(_seeds_of(s, fault.account, ix), program_id))
    elif kind == "has_one":
        assert fault.target is not None
        target = names.index(fault.target)
        replace(target, await _look_alike(s, ix, target, signers))
    elif kind == "program":
        replace(index, s.env.staking.program.program_id)
    elif kind == "program_data":
        replace(index, s.foreign_program_data)
    else:
        raise AssertionError(f"no way to apply a {kind} fault")
    return Instruction(ix.program_id, bytes(ix.data), metas), signers


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
async def test_declared_constraint_is_enforced(scene: Scene, fault: Fault) -> None:
    ix, signers = await _apply(scene, fault)
    await assert_refused(scene.env.cluster, ix, signers, fault, (A, E))


INSTRUCTIONS = [snake(ix["name"]) for ix in PROGRAM.idl["instructions"]]


@pytest.mark.parametrize("instruction", INSTRUCTIONS)
async def test_valid_instruction_passes_the_constraints(scene: Scene, instruction: str) -> None:
    """The control: each fault above is the only thing wrong, since the instruction it
    starts from succeeds (simulated, so the scene stays as it is)."""
    ix, signers = valid_instruction(scene, instruction)
    payer = await scene.env.cluster.new_funded_keypair()
    await scene.env.cluster.simulate([ix], signers, payer=payer)
