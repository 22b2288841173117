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

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from declared_faults import assert_refused, check_reviewed, declared_accounts
from escrow_harness import STAKING_ELF, EscrowEnv, Mint, Supplier, new_escrow_env
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import create_associated_token_account
from staking_harness import IO, ROOT, Env, new_deployment, non_canonical_address

from idlgen.faults import Fault, program_faults
from idlgen.model import Program
from ionet.deploy import deploy_program
from ionet.escrow import EscrowProgram
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E
from ionet.loader_v3 import programdata_address

PROGRAM = Program.load(ROOT / "programs" / "io_escrow" / "idl.json")
FAULTS = program_faults(PROGRAM)
REVIEWED = Path(__file__).with_name("declared_constraints.txt")
JOB = 7_777  # the job id of the escrow the valid `open_escrow` would create


def test_the_declared_constraints_are_the_reviewed_ones() -> None:
    check_reviewed(FAULTS, REVIEWED)


@dataclass
class Scene:
    """One io_escrow deployment (one enabled mint) over the session's io_staking, with an
    open escrow on a supplier's node, a second customer's escrow on a second node, a mint
    not yet enabled, an uninitialized deployment, and the look-alikes the faults use."""

    env: EscrowEnv
    uninitialized: EscrowProgram
    usdc: Mint
    new_mint: Mint  # not enabled: what the valid `enable_mint` enables
    other_books: Pubkey  # the PaymentMint of another enabled mint
    supplier: Supplier
    customer: Keypair
    escrow: Pubkey
    other_supplier: Supplier
    other_customer: Keypair
    other_escrow: Pubkey
    pending_admin: Keypair
    stranger_token: Pubkey  # a usdc token account (an associated one) of someone else
    foreign_program_data: Pubkey
    foreign_staking: dict[str, Pubkey]
    """Accounts of each io_staking type of another io_staking deployment: the look-alikes
    of the `owner = config.staking_program` accounts, right type, wrong program."""

    @property
    def program(self) -> EscrowProgram:
        return self.env.program

    @property
    def staking(self) -> Env:
        return self.env.staking


async def _scene(staking: Env, escrow_elf: bytes) -> Scene:
    env = await new_escrow_env(staking, escrow_elf)
    env.check = False
    usdc = await env.add_mint("usdc")
    new_mint = await env.add_mint("new", enable=False)
    other = await env.add_mint("other")
    supplier = await env.supplier(usdc)
    other_supplier = await env.supplier(usdc)
    customer = await env.wallet(usdc, 10**9)
    other_customer = await env.wallet(usdc, 10**9)
    escrow = await env.open(customer, supplier, usdc, 10**6)
    other_escrow = await env.open(other_customer, other_supplier, usdc, 10**6)
    pending = await env.cluster.new_funded_keypair()
    await env.send(env.program.propose_admin(env.admin.pubkey(), pending.pubkey()), [env.admin])
    stranger = await env.wallet(usdc)
    # The treasury's token account, for `sweep_fees`.
    await env.staking.raw_send([create_associated_token_account(
        env.cluster.wallet.pubkey(), env.treasury.pubkey(), usdc.address, usdc.token_program)])
    cluster = env.cluster
    uninitialized = await deploy_program(cluster.client, cluster.wallet, Keypair(), escrow_elf)
    foreign = Env(cluster, await new_deployment(cluster, STAKING_ELF.read_bytes(),
                                                staking.deployment.caller), check=False)
    _, foreign_node = await foreign.owner_with_node(stake=1_000 * IO)
    foreign_staking = {"io_staking::StakingConfig": foreign.program.config,
                       "io_staking::Node": foreign_node}
    return Scene(env, EscrowProgram(uninitialized, staking.program.program_id), usdc,
                 new_mint, env.program.payment_mint(other.address), supplier, customer, escrow,
                 other_supplier, other_customer, other_escrow, pending,
                 env.token_account(stranger.pubkey(), usdc),
                 programdata_address(staking.program.program_id), foreign_staking)


_SCENES: dict[str, Scene] = {}


@pytest.fixture
async def scene(staking: Env, escrow_elf: bytes) -> Scene:
    if "scene" not in _SCENES:
        _SCENES["scene"] = await _scene(staking, escrow_elf)
    found = _SCENES["scene"]
    found.env.staking = staking  # this test's cluster client, the same deployment
    return found


Built = tuple[Instruction, list[Keypair]]


def _valid(s: Scene, instruction: str) -> Built:
    """The instruction with accounts that pass every declared constraint."""
    p, env, usdc = s.program, s.env, s.usdc
    customer, coordinator = s.customer, env.coordinator
    payout = env.payout(s.supplier, usdc)
    mint, tp = usdc.address, usdc.token_program
    builders: dict[str, Callable[[], Built]] = {
        "initialize": lambda: (s.uninitialized.initialize(
            env.cluster.wallet.pubkey(), Keypair().pubkey(), env.settings),
            [env.cluster.wallet]),
        "update_config": lambda: (p.update_config(env.admin.pubkey(), coordinator.pubkey(),
                                                  env.treasury.pubkey(), 86_400), [env.admin]),
        "propose_admin": lambda: (p.propose_admin(env.admin.pubkey(), s.pending_admin.pubkey()),
                                  [env.admin]),
        "accept_admin": lambda: (p.accept_admin(s.pending_admin.pubkey()), [s.pending_admin]),
        "set_paused": lambda: (p.set_paused(env.admin.pubkey(), False), [env.admin]),
        "propose_fees": lambda: (p.propose_fees(env.admin.pubkey(), 25, 25), [env.admin]),
        "enable_mint": lambda: (p.enable_mint(env.admin.pubkey(), s.new_mint.address,
                                              s.new_mint.token_program), [env.admin]),
        "open_escrow": lambda: (p.open_escrow(customer.pubkey(), JOB, s.supplier.node,
                                              s.supplier.key, mint, 1_000, 1, 0, 2**40, tp),
                                [customer]),
        "top_up": lambda: (p.top_up(customer.pubkey(), s.escrow, mint, 1, tp), [customer]),
        "extend": lambda: (p.extend(customer.pubkey(), s.escrow, 2**40), [customer]),
        "settle": lambda: (p.settle(coordinator.pubkey(), s.escrow, payout, mint, 1,
                                    env.seq(s.escrow, 0), tp), [coordinator]),
        "settle_batch": lambda: (p.settle_batch(coordinator.pubkey(), s.supplier.node, payout,
                                                mint, [(s.escrow, 1, env.seq(s.escrow, 0))],
                                                tp), [coordinator]),
        "close_escrow": lambda: (p.close_escrow(coordinator.pubkey(), s.escrow,
                                                customer.pubkey(), payout, mint, 0, 0, tp),
                                 [coordinator]),
        "refund_expired": lambda: (p.refund_expired(customer.pubkey(), s.escrow, mint, tp),
                                   [customer]),
        "refund_ineligible": lambda: (p.refund_ineligible(customer.pubkey(), s.escrow,
                                                          s.supplier.node, mint, tp),
                                      [customer]),
        "sweep_fees": lambda: (p.sweep_fees(env.treasury.pubkey(), mint, tp), []),
    }
    return builders[instruction]()


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
    ix, signers = _valid(s, fault.instruction)
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
