"""Negative tests generated from the interface definition: for every account constraint
io_escrow declares (`idlgen.faults`), the otherwise valid instruction with exactly that
fault is refused with the exact error (code, name, message) and the log line naming the
account, as Anchor's would be. The io_escrow counterpart of
`tests/io_staking/test_declared_constraints.py`.

The list of constraints lives with the tests too (`declared_constraints.txt`, reviewed):
a constraint dropped from (or added to) `programs/io_escrow/idl.json` fails
`test_the_declared_constraints_are_the_reviewed_ones` until the list is updated on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from declared_faults import assert_refused, check_reviewed, declared_accounts
from escrow_scene import JOB, Built, Scene, build_scene, valid_instruction
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import create_associated_token_account
from staking_harness import ROOT, Env, non_canonical_address

from idlgen.faults import Fault, program_faults
from idlgen.model import Program
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E

PROGRAM = Program.load(ROOT / "programs" / "io_escrow" / "idl.json")
FAULTS = program_faults(PROGRAM)
REVIEWED = Path(__file__).with_name("declared_constraints.txt")


def test_the_declared_constraints_are_the_reviewed_ones() -> None:
    check_reviewed(FAULTS, REVIEWED)


_SCENES: dict[str, Scene] = {}


@pytest.fixture
async def scene(staking: Env, escrow_elf: bytes) -> Scene:
    if "scene" not in _SCENES:
        _SCENES["scene"] = await build_scene(staking, escrow_elf)
    found = _SCENES["scene"]
    found.env.staking = staking  # this test's cluster client, the same deployment
    return found


def _other_of_type(s: Scene, type_name: str, ix: Instruction) -> Pubkey:
    """An account of the same owner program of another type that `ix` does not name
    already (else it would be refused as a duplicate first)."""
    p, sp = s.program, s.staking.program
    if type_name.startswith("io_staking::"):
        accounts = [("io_staking::StakingConfig", sp.config),
                    ("io_staking::Node", s.other_supplier.node),
                    ("io_staking::RewardState", sp.reward_state)]
    else:
        accounts = [("EscrowConfig", p.config), ("PaymentMint", p.payment_mint(s.usdc.address)),
                    ("PaymentMint", s.other_books), ("Escrow", s.other_escrow)]
    named = {meta.pubkey for meta in ix.accounts}
    return next(key for name, key in accounts if name != type_name and key not in named)


async def _look_alike(s: Scene, ix: Instruction, index: int,
                      signers: list[Keypair]) -> Pubkey:
    """What stands in for account `index` of `ix` for a has_one fault."""
    original = ix.accounts[index].pubkey
    if ix.accounts[index].is_signer:
        stand_in = await s.env.cluster.new_funded_keypair()
        signers.append(stand_in)
        return stand_in.pubkey()
    if original == s.supplier.node:
        return s.other_supplier.node
    if original == s.customer.pubkey():
        return s.other_customer.pubkey()
    if original == s.usdc.address:
        return s.new_mint.address
    if original in (TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID):
        return TOKEN_2022_PROGRAM_ID if original == TOKEN_PROGRAM_ID else TOKEN_PROGRAM_ID
    # A vault or a payout: another token account of the mint.
    return s.stranger_token


def _seeds_of(s: Scene, account: str) -> list[bytes]:
    """Seeds of an account created here."""
    mint = bytes(s.new_mint.address)
    return {"config": [b"config"], "payment_mint": [b"payment_mint", mint],
            "vault": [b"vault", mint],
            "escrow": [b"escrow", bytes(s.customer.pubkey()), JOB.to_bytes(8, "little")],
            }[account]


async def _other_mint_account(s: Scene, owner: Pubkey) -> Pubkey:
    """The associated token account of `owner` for a mint other than usdc."""
    mint = s.new_mint
    address = s.env.token_account(owner, mint)
    if await s.env.cluster.account(address) is None:
        await s.staking.raw_send([create_associated_token_account(
            s.env.cluster.wallet.pubkey(), owner, mint.address, mint.token_program)])
    return address


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
        account_type = specs[fault.account].account_type
        assert account_type is not None
        replace(index, s.foreign_staking.get(account_type, s.stranger_token))
    elif kind == "type":
        account_type = specs[fault.account].account_type
        assert account_type is not None
        replace(index, _other_of_type(s, account_type, ix))
    elif kind == "seeds":
        replace(index, non_canonical_address(_seeds_of(s, fault.account), program_id))
    elif kind == "has_one":
        assert fault.target is not None
        target = names.index(fault.target)
        replace(target, await _look_alike(s, ix, target, signers))
    elif kind == "token.mint":
        # The right authority, another mint.
        replace(index, await _other_mint_account(s, await _authority(s, fault, metas, names)))
    elif kind == "token.authority":
        replace(index, s.stranger_token)
    elif kind == "program":
        replace(index, s.staking.program.program_id)
    elif kind == "mint":
        replace(index, Keypair().pubkey())
    elif kind == "program_data":
        replace(index, s.foreign_program_data)
    else:
        raise AssertionError(f"no way to apply a {kind} fault")
    return Instruction(ix.program_id, bytes(ix.data), metas), signers


async def _authority(s: Scene, fault: Fault, metas: list[AccountMeta],
                     names: list[str]) -> Pubkey:
    """The owner the token account of `fault` is declared to have."""
    return {"payout": s.supplier.key, "treasury_token": s.env.treasury.pubkey()}.get(
        fault.account) or metas[names.index("customer")].pubkey


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
async def test_declared_constraint_is_enforced(scene: Scene, fault: Fault) -> None:
    ix, signers = await _apply(scene, fault)
    await assert_refused(scene.env.cluster, ix, signers, fault, (A, E))
