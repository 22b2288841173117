"""Test harness for io_escrow: a deployment over a real io_staking deployment (nodes are
registered and staked there, and jailed through the slasher stand-in), payment mints,
customers and suppliers holding tokens, and the conservation check run after every step.

``EscrowEnv.send`` checks, for every enabled mint, after every transaction that lands:

* the vault holds exactly ``owed + fees_accrued`` of the mint's books, plus what tests sent
  to it directly (``donated``), which nobody is owed;
* ``owed`` is exactly the sum of the open escrows' ``deposited - settled``, and
  ``open_escrows`` their number;
* every open escrow has ``settled <= deposited`` and ``settled`` within its rate bound
  (checked at the escrow's last settlement time by the program; here: never above
  ``min_charge + rate * (expires_at - opened_at)``).
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    MintToCheckedParams,
    create_associated_token_account,
    get_associated_token_address,
    mint_to_checked,
)
from staking_harness import IO, ROOT, Env

from ionet.deploy import deploy_program
from ionet.escrow import (
    Escrow,
    EscrowProgram,
    EscrowSettings,
    PaymentMint,
    decode_events,
    remaining,
)
from ionet.generated.io_escrow.errors import anchor as anchor_errors
from ionet.generated.io_escrow.errors import custom as escrow_errors
from ionet.testing import SendFailed, SentTransaction, TestCluster, assert_program_error

STAKING_ELF = ROOT / "target" / "deploy" / "io_staking.so"
ESCROW_ELF = ROOT / "target" / "deploy" / "io_escrow.so"
CHECK_INVARIANTS = os.environ.get("IONET_ESCROW_INVARIANTS", "1") != "0"
HOUR = 3_600
TOKEN_PROGRAMS = {"spl": TOKEN_PROGRAM_ID, "token2022": TOKEN_2022_PROGRAM_ID}


class InvariantViolation(AssertionError):
    pass


@dataclass
class Mint:
    """A payment mint the tests can mint from."""

    address: Pubkey
    token_program: Pubkey
    authority: Keypair
    decimals: int


@dataclass
class Supplier:
    owner: Keypair
    node: Pubkey

    @property
    def key(self) -> Pubkey:
        return self.owner.pubkey()


@dataclass
class EscrowEnv:
    """One io_escrow deployment over one io_staking deployment (``staking``)."""

    staking: Env
    program: EscrowProgram
    admin: Keypair
    coordinator: Keypair
    treasury: Keypair
    settings: EscrowSettings
    mints: dict[str, Mint] = field(default_factory=dict)
    donated: dict[Pubkey, int] = field(default_factory=dict)
    compute_units: dict[str, list[int]] = field(default_factory=dict)
    check: bool = CHECK_INVARIANTS
    first_seq: dict[Pubkey, int] = field(default_factory=dict)
    """Each escrow's first sequence number (its opening slot << 24); the harness's ``seq``
    arguments count settlements from it (0 = the first settlement)."""
    initialized: SentTransaction | None = None
    """``initialize`` (its compute units are measured by ``ionet.bench``)."""

    @property
    def cluster(self) -> TestCluster:
        return self.staking.cluster

    # ---- transactions

    async def send(self, instructions: Instruction | Sequence[Instruction],
                   signers: Sequence[Keypair] = (), *, label: str | None = None,
                   payer: Keypair | None = None) -> SentTransaction:
        """Sends, records the compute units under ``label``, checks the books."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        sent = await self.staking.raw_send(ixs, signers, payer=payer)
        if label is not None:
            self.compute_units.setdefault(label, []).append(sent.compute_units)
        if self.check:
            await check_books(self)
        return sent

    async def fails(self, instructions: Instruction | Sequence[Instruction],
                    signers: Sequence[Keypair] = (), *, code: int,
                    message: str | None = None, payer: Keypair | None = None) -> SendFailed:
        """Sends and expects error ``code`` (and ``message`` in the error log line)."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        try:
            await self.cluster.send(ixs, signers, payer=payer)
        except SendFailed as failure:
            assert failure.code == code, f"expected error {code}, got {failure}"
            if message is not None:
                assert any(message in line for line in failure.logs), failure.logs
            # Exactly that error: its name and message in the one Anchor error line, at
            # the last instruction, from io_escrow.
            error = escrow_errors.from_code(code) or anchor_errors.from_code(code)
            assert error is not None, f"{code} is not an error io_escrow knows"
            assert_program_error(failure, error, index=len(ixs) - 1,
                                 program_id=self.program.program_id)
            return failure
        raise AssertionError(f"expected error {code}, but the transaction succeeded")

    def event(self, sent: SentTransaction, name: str) -> dict[str, object]:
        found = [dict(e.data.__dict__) for e in decode_events(sent.logs, self.program.program_id)
                 if e.name == name]
        assert len(found) == 1, f"expected one {name} event in {sent.logs}"
        return found[0]

    # ---- mints and wallets

    async def add_mint(self, name: str, token_program: Pubkey = TOKEN_PROGRAM_ID,
                       decimals: int = 6, *, enable: bool = True) -> Mint:
        authority = Keypair()
        address = await self.cluster.create_mint(decimals, authority.pubkey(),
                                                 program_id=token_program)
        mint = Mint(address, token_program, authority, decimals)
        if enable:
            await self.enable(mint)
        self.mints[name] = mint
        return mint

    @staticmethod
    def kind(mint: Mint) -> str:
        """``spl`` or ``token2022``, for compute-unit labels."""
        return "spl" if mint.token_program == TOKEN_PROGRAM_ID else "token2022"

    def use_staking_mint(self, name: str = "io") -> Mint:
        """io_staking's own stake mint ($IO), to be enabled as a payment mint."""
        program = self.staking.program
        mint = Mint(program.stake_mint, program.token_program,
                    self.staking.deployment.mint_authority, 6)
        self.mints[name] = mint
        return mint

    async def enable(self, mint: Mint, *, label: str | None = None) -> SentTransaction:
        return await self.send(self.program.enable_mint(self.admin.pubkey(), mint.address,
                                                        mint.token_program),
                               [self.admin], label=label)

    def token_account(self, owner: Pubkey, mint: Mint) -> Pubkey:
        return get_associated_token_address(owner, mint.address, mint.token_program)

    def mint_to(self, mint: Mint, account: Pubkey, amount: int) -> Instruction:
        return mint_to_checked(MintToCheckedParams(
            program_id=mint.token_program, mint=mint.address, dest=account,
            mint_authority=mint.authority.pubkey(), amount=amount, decimals=mint.decimals))

    async def wallet(self, mint: Mint, tokens: int = 0, keypair: Keypair | None = None
                     ) -> Keypair:
        """A funded keypair (or ``keypair``) with a token account of ``mint`` holding
        ``tokens``."""
        owner = keypair or await self.cluster.new_funded_keypair()
        ixs = [create_associated_token_account(owner.pubkey(), owner.pubkey(), mint.address,
                                               mint.token_program)]
        if tokens:
            ixs.append(self.mint_to(mint, self.token_account(owner.pubkey(), mint), tokens))
        await self.staking.raw_send(ixs, [owner, mint.authority], payer=owner)
        return owner

    async def balance(self, account: Pubkey) -> int:
        info = await self.cluster.account(account)
        assert info is not None, f"no token account {account}"
        return int.from_bytes(bytes(info.data)[64:72], "little")

    async def donate(self, mint: Mint, amount: int) -> None:
        """Sends tokens straight to the vault (as anyone could)."""
        vault = self.program.vault(mint.address)
        await self.staking.raw_send([self.mint_to(mint, vault, amount)], [mint.authority])
        self.donated[mint.address] = self.donated.get(mint.address, 0) + amount

    # ---- suppliers and escrows

    async def supplier(self, *mints: Mint, gpus: int = 1, stake: int | None = None
                       ) -> Supplier:
        """A node owner with a registered, staked node (eligible unless ``stake`` is below
        the minimum) and a payout account for each of ``mints``."""
        minimum = 200 * IO * gpus
        owner, node = await self.staking.owner_with_node(minimum if stake is None else stake,
                                                         gpus=gpus)
        for mint in mints:
            if mint.address == self.staking.program.stake_mint:
                continue  # the staking wallet already holds its stake-mint account
            await self.wallet(mint, keypair=owner)
        return Supplier(owner, node)

    def payout(self, supplier: Supplier, mint: Mint) -> Pubkey:
        return self.token_account(supplier.key, mint)

    async def open(self, customer: Keypair, supplier: Supplier, mint: Mint, amount: int, *,
                   rate: int = 1_000, min_charge: int = 0, duration: int = 10 * HOUR,
                   job_id: int | None = None, label: str | None = None) -> Pubkey:
        """Opens an escrow of ``customer`` on ``supplier``'s node; returns its address."""
        job = random.getrandbits(63) if job_id is None else job_id
        expires = await self.now() + duration
        await self.send(self.program.open_escrow(
            customer.pubkey(), job, supplier.node, supplier.key, mint.address, amount, rate,
            min_charge, expires, mint.token_program), [customer], label=label)
        address = self.program.escrow(customer.pubkey(), job)
        self.first_seq[address] = (await self.escrow(address)).next_seq
        return address

    def seq(self, escrow: Pubkey, k: int) -> int:
        """The sequence number of ``escrow``'s ``k``-th settlement (from 0)."""
        return self.first_seq[escrow] + k

    def settle(self, escrow: Pubkey, supplier: Supplier, mint: Mint, amount: int,
               seq: int, coordinator: Keypair | None = None) -> Instruction:
        """``settle`` of ``escrow``'s ``seq``-th settlement (counted from 0)."""
        signer = coordinator or self.coordinator
        return self.program.settle(signer.pubkey(), escrow, self.payout(supplier, mint),
                                   mint.address, amount, self.seq(escrow, seq),
                                   mint.token_program)

    def close(self, escrow: Pubkey, customer: Keypair, supplier: Supplier, mint: Mint,
              amount: int = 0, seq: int = 0) -> Instruction:
        return self.program.close_escrow(self.coordinator.pubkey(), escrow, customer.pubkey(),
                                         self.payout(supplier, mint), mint.address, amount,
                                         self.seq(escrow, seq), mint.token_program)

    async def escrow(self, address: Pubkey) -> Escrow:
        fetched = await self.program.fetch_escrow(self.cluster.client, address)
        assert fetched is not None, f"no escrow {address}"
        return fetched

    async def books(self, mint: Mint) -> PaymentMint:
        fetched = await self.program.fetch_payment_mint(self.cluster.client, mint.address)
        assert fetched is not None
        return fetched

    async def now(self) -> int:
        return await self.cluster.unix_timestamp()

    async def advance_to(self, when: int) -> None:
        """Moves the clock to exactly ``when`` and holds it there (``ionet_advanceClock``
        with an absolute time, frozen until the next move), so that what is sent next
        runs at ``when``. Local clusters only."""
        if not self.cluster.can_warp:
            pytest.skip("exact times need a local cluster")
        await self.cluster.set_time(when)
        assert await self.now() == when, "the clock did not land where it was moved"

    async def later(self, seconds: int) -> int:
        """The unix second ``seconds`` after the cluster's current one."""
        return await self.now() + seconds

    async def advance(self, seconds: int) -> None:
        """Moves the clock ``seconds`` forward from where it is."""
        await self.advance_to(await self.later(seconds))

    async def expect_at(self, when: int) -> None:
        """Asserts the clock still reads ``when`` (what was just sent ran at ``when``)."""
        assert await self.now() == when, "the clock moved on during the step"


async def check_books(env: EscrowEnv) -> None:
    """Raises :class:`InvariantViolation` when a mint's books do not add up exactly."""
    escrows = await env.program.fetch_escrows(env.cluster.client)
    for mint in env.mints.values():
        books = await env.program.fetch_payment_mint(env.cluster.client, mint.address)
        if books is None:
            continue
        of_mint = [e for e in escrows.values() if e.mint == mint.address]
        vault = await env.balance(books.vault)
        donated = env.donated.get(mint.address, 0)
        if vault != books.owed + books.fees_accrued + donated:
            raise InvariantViolation(f"{mint.address}: vault {vault} != owed {books.owed} + "
                                     f"fees {books.fees_accrued} + donated {donated}")
        if sum(remaining(e) for e in of_mint) != books.owed:
            raise InvariantViolation(f"{mint.address}: escrows' remaining != owed")
        if len(of_mint) != books.open_escrows:
            raise InvariantViolation(f"{mint.address}: {len(of_mint)} escrows, books say "
                                     f"{books.open_escrows}")
        for e in of_mint:
            bound = e.min_charge + e.rate_per_second * max(0, e.expires_at - e.opened_at)
            if not e.settled <= e.deposited or e.settled > bound:
                raise InvariantViolation(f"escrow {e.job_id}: settled {e.settled}")


async def new_escrow_env(staking: Env, elf: bytes, **settings: int) -> EscrowEnv:
    """A fresh io_escrow over ``staking``: initialized with io.net's 0.25 % fees (or
    ``settings``), a coordinator and a treasury of its own."""
    cluster = staking.cluster
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), elf)
    program = EscrowProgram(program_id, staking.program.program_id)
    admin = await cluster.new_funded_keypair()
    coordinator, treasury = await cluster.new_funded_keypair(), Keypair()
    base = dict(customer_fee_bps=25, supplier_fee_bps=25, fee_delay_secs=7 * 86_400,
                refund_grace_secs=86_400)
    base.update(settings)
    init = EscrowSettings(coordinator.pubkey(), treasury.pubkey(), staking.program.program_id,
                          **base)
    initialized = await cluster.send([program.initialize(cluster.wallet.pubkey(),
                                                         admin.pubkey(), init)])
    return EscrowEnv(staking, program, admin, coordinator, treasury, init,
                     initialized=initialized)


__all__ = [
    "ESCROW_ELF",
    "HOUR",
    "IO",
    "STAKING_ELF",
    "TOKEN_PROGRAMS",
    "EscrowEnv",
    "InvariantViolation",
    "Mint",
    "Supplier",
    "check_books",
    "new_escrow_env",
]
