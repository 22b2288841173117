"""Test harness for io_staking: deployments, wallets holding stake tokens, the slasher
stand-in (``tests/programs/slash_caller``), and the invariant check run after every step.

A :class:`Deployment` is plain data (program, mint, keys); an :class:`Env` binds one to a
test's ``cluster``. ``Env.send`` checks the invariants after every transaction that lands:

* the stake vault holds at least every node's two pools;
* per node: the positions' shares add up to the pools' shares (exactly), the co-stake
  counters to the co-stakers' shares, and the positions' token values to the pools' tokens
  within rounding in the pool's favour (below one token per holder, never above);
* the reward vault holds at least what is credited and unpaid, which covers every
  owner's and co-staker's claimable reward;
* the co-stake cap: every node's co-stake is within the config's ``max_costake_bps`` of
  its active stake (``Env.over_cap_ok`` lifts this for tests that lower the cap, after
  which the program holds such nodes ineligible).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    MintToCheckedParams,
    create_associated_token_account,
    get_associated_token_address,
    mint_to_checked,
)

from ionet.deploy import deploy_program
from ionet.merkle import RewardTree
from ionet.staking import (
    DAY,
    REWARD_PER_SHARE_SCALE,
    Node,
    Settings,
    StakePosition,
    StakingProgram,
    decode_events,
    pool_value,
    within_costake_cap,
)
from ionet.testing import (
    ProgramErrorSpec,
    SendFailed,
    SentTransaction,
    TestCluster,
    anchor_error_lines,
    assert_program_error,
)

ROOT = Path(__file__).resolve().parents[2]
DECIMALS = 6
IO = 10**DECIMALS
TOKEN_PROGRAMS = {"spl": TOKEN_PROGRAM_ID, "token2022": TOKEN_2022_PROGRAM_ID}
SLASHER_SEED = b"slasher"
CHECK_INVARIANTS = os.environ.get("IONET_STAKING_INVARIANTS", "1") != "0"
# The property tests' seed: new on every run unless IONET_PROPERTY_SEED gives it (printed in
# the session header, so that a run can be repeated).
PROPERTY_SEED = int(os.environ.get("IONET_PROPERTY_SEED") or secrets.randbelow(2**32))


class InvariantViolation(AssertionError):
    pass


@dataclass
class SlashCaller:
    """The deployed stand-in for io_slashing and its ["slasher"] PDA."""

    program_id: Pubkey

    @property
    def slasher(self) -> Pubkey:
        return Pubkey.find_program_address([SLASHER_SEED], self.program_id)[0]

    def forward(self, instruction: Instruction) -> Instruction:
        """``instruction`` (to io_staking) sent through the caller, which signs for its PDA."""
        metas = [AccountMeta(instruction.program_id, False, False)]
        metas += [AccountMeta(m.pubkey, False, m.is_writable) for m in instruction.accounts]
        return Instruction(self.program_id, bytes(instruction.data), metas)


@dataclass
class Deployment:
    program: StakingProgram
    admin: Keypair
    reward_authority: Keypair
    pause_authority: Keypair
    mint_authority: Keypair
    treasury: Pubkey
    settings: Settings
    caller: SlashCaller


@dataclass
class Env:
    """One deployment, seen from one test's cluster connection."""

    cluster: TestCluster
    deployment: Deployment
    compute_units: dict[str, list[int]] = field(default_factory=dict)
    check: bool = CHECK_INVARIANTS
    over_cap_ok: bool = False
    test: str = "?"
    """The pytest node id of the test that owns the deployment (named by a violation)."""

    # ---- shortcuts

    @property
    def program(self) -> StakingProgram:
        return self.deployment.program

    @property
    def settings(self) -> Settings:
        return self.deployment.settings

    @property
    def admin(self) -> Keypair:
        return self.deployment.admin

    @property
    def caller(self) -> SlashCaller:
        return self.deployment.caller

    # ---- transactions

    async def raw_send(self, instructions: Sequence[Instruction], signers: Sequence[Keypair] = (),
                       payer: Keypair | None = None) -> SentTransaction:
        """``cluster.send``, once more in the next slot if another test of the session sent
        the very same transaction in this slot (the cluster remembers signatures per test;
        deployments and their wallets are shared)."""
        try:
            return await self.cluster.send(instructions, signers, payer=payer)
        except SendFailed as failure:
            if "already been processed" not in str(failure) or not self.cluster.can_warp:
                raise
        await self.cluster.advance_time(0, slots=1)
        return await self.cluster.send(instructions, signers, payer=payer)

    async def send(self, instructions: Instruction | Sequence[Instruction],
                   signers: Sequence[Keypair] = (), *, label: str | None = None,
                   payer: Keypair | None = None) -> SentTransaction:
        """Sends, records the compute units under ``label``, checks the invariants."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        sent = await self.raw_send(ixs, signers, payer=payer)
        if label is not None:
            self.compute_units.setdefault(label, []).append(sent.compute_units)
        await self.check_books(label or " + ".join(instruction_name(ix) for ix in ixs),
                               sent)
        return sent

    async def check_books(self, what: str, sent: SentTransaction | None = None) -> None:
        """The invariant check (unless ``check`` is off), after ``what`` landed; a
        violation names the test, the deployment and the transaction."""
        if not self.check:
            return
        try:
            await check_invariants(self)
        except InvariantViolation as broken:
            tx = f" ({sent.signature})" if sent is not None else ""
            raise InvariantViolation(
                f"{self.test} broke the books of its io_staking deployment "
                f"{self.program.program_id} with {what}{tx}: {broken}") from None

    async def fails(self, instructions: Instruction | Sequence[Instruction],
                    signers: Sequence[Keypair] = (), *, error: ProgramErrorSpec,
                    index: int | None = None, payer: Keypair | None = None) -> SendFailed:
        """Sends and expects io_staking's ``error`` (an anchorpy error class: ours in
        ``errors.custom``, Anchor's in ``errors.anchor``), exactly: code, name and message
        (Anchor's error log line) and the failing instruction's ``index`` (default: the
        last one). The state must be unchanged, which preflight guarantees."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        try:
            await self.cluster.send(ixs, signers, payer=payer)
        except SendFailed as failure:
            assert_program_error(failure, error, index=len(ixs) - 1 if index is None else index,
                                 program_id=self.program.program_id)
            return failure
        raise AssertionError(f"expected {error.name} ({error.code}), but the transaction "
                             "succeeded")

    async def fails_insufficient_funds(self, instructions: Instruction | Sequence[Instruction],
                                       signers: Sequence[Keypair] = (), *,
                                       index: int | None = None,
                                       payer: Keypair | None = None) -> SendFailed:
        """Sends and expects the token program's own InsufficientFunds (Custom(1), "Error:
        insufficient funds"), raised in our CPI: no Anchor error line of ours."""
        ixs = [instructions] if isinstance(instructions, Instruction) else list(instructions)
        try:
            await self.cluster.send(ixs, signers, payer=payer)
        except SendFailed as failure:
            assert_token_insufficient_funds(failure, self.program.token_program,
                                            len(ixs) - 1 if index is None else index)
            return failure
        raise AssertionError("expected InsufficientFunds, but the transaction succeeded")

    async def at(self, unix_timestamp: int) -> None:
        """Runs what follows at exactly ``unix_timestamp`` (the clock is frozen there until
        the next clock move); local clusters only."""
        if not self.cluster.can_warp:
            pytest.skip("exact times need a local cluster")
        await self.cluster.set_time(unix_timestamp)

    def events(self, sent: SentTransaction) -> list[tuple[str, dict[str, object]]]:
        """(name, fields) of io_staking's events in ``sent``."""
        return [(e.name, dict(e.data.__dict__)) for e in
                decode_events(sent.logs, self.program.program_id)]

    def event(self, sent: SentTransaction, name: str) -> dict[str, object]:
        """The one event ``name`` in ``sent``."""
        found = [fields for n, fields in self.events(sent) if n == name]
        assert len(found) == 1, f"expected one {name} event, got {self.events(sent)}"
        return found[0]

    # ---- wallets and tokens

    async def wallet(self, tokens: int = 0) -> Keypair:
        """A new funded keypair with a token account for the stake mint holding ``tokens``."""
        keypair = await self.cluster.new_funded_keypair()
        ixs = [create_associated_token_account(keypair.pubkey(), keypair.pubkey(),
                                               self.program.stake_mint,
                                               self.program.token_program)]
        if tokens:
            ixs.append(self.mint_to(self.program.token_account(keypair.pubkey()), tokens))
        await self.raw_send(ixs, [keypair, self.deployment.mint_authority], payer=keypair)
        return keypair

    def mint_to(self, account: Pubkey, amount: int) -> Instruction:
        return mint_to_checked(MintToCheckedParams(
            program_id=self.program.token_program, mint=self.program.stake_mint,
            dest=account, mint_authority=self.deployment.mint_authority.pubkey(),
            amount=amount, decimals=DECIMALS))

    async def mint(self, account: Pubkey, amount: int) -> None:
        await self.raw_send([self.mint_to(account, amount)], [self.deployment.mint_authority])

    async def foreign_token_account(self, owner: Pubkey) -> Pubkey:
        """A token account of ``owner`` for another mint of the same token program."""
        mint = await create_mint(self.cluster, self.program.token_program, Keypair())
        await self.raw_send([create_associated_token_account(
            self.cluster.wallet.pubkey(), owner, mint, self.program.token_program)])
        return get_associated_token_address(owner, mint, self.program.token_program)

    async def balance(self, account: Pubkey) -> int:
        info = await self.cluster.account(account)
        assert info is not None, f"no token account {account}"
        return int.from_bytes(bytes(info.data)[64:72], "little")

    async def tokens(self, owner: Keypair) -> int:
        return await self.balance(self.program.token_account(owner.pubkey()))

    async def supply(self) -> int:
        info = await self.cluster.account(self.program.stake_mint)
        assert info is not None
        return int.from_bytes(bytes(info.data)[36:44], "little")

    async def now(self) -> int:
        return await self.cluster.unix_timestamp()

    # ---- program state

    async def node(self, node: Pubkey) -> Node:
        fetched = await self.program.fetch_node(self.cluster.client, node)
        assert fetched is not None, f"no node {node}"
        return fetched

    async def position(self, node: Pubkey, staker: Keypair | Pubkey) -> StakePosition:
        key = staker.pubkey() if isinstance(staker, Keypair) else staker
        fetched = await self.program.fetch_position(self.cluster.client, node, key)
        assert fetched is not None, f"no position of {key} in {node}"
        return fetched

    async def config(self):
        fetched = await self.program.fetch_config(self.cluster.client)
        assert fetched is not None
        return fetched

    async def reward_state(self):
        fetched = await self.program.fetch_reward_state(self.cluster.client)
        assert fetched is not None
        return fetched

    # ---- common steps

    async def register(self, owner: Keypair, *, gpus: int = 1, multiplier_bps: int = 10_000,
                       share_bps: int = 2_000, node_id: bytes | None = None) -> Pubkey:
        """Registers a node (with a random id unless given); returns its address."""
        node_id = node_id or bytes(Keypair().pubkey())
        await self.send(self.program.register_node(owner.pubkey(), node_id, gpus,
                                                   multiplier_bps, share_bps), [owner])
        return self.program.node(node_id)

    async def owner_with_node(self, stake: int = 0, **node: Any) -> tuple[Keypair, Pubkey]:
        """A new owner holding ``10 * stake`` tokens (at least 10 000 IO), with a node into
        which it staked ``stake``."""
        owner = await self.wallet(max(10 * stake, 10_000 * IO))
        address = await self.register(owner, **node)
        if stake:
            await self.send(self.program.stake(owner.pubkey(), address, stake), [owner])
        return owner, address

    async def costaker(self, node: Pubkey, amount: int, tokens: int | None = None) -> Keypair:
        staker = await self.wallet(tokens if tokens is not None else 10 * amount)
        await self.send(self.program.costake(staker.pubkey(), node, amount), [staker])
        return staker

    async def fund_rewards(self, amount: int) -> None:
        await self.mint(self.program.reward_vault, amount)

    async def next_epoch(self) -> int:
        return (await self.reward_state()).epoch + 1

    async def post(self, tree: RewardTree, epoch: int | None = None) -> SentTransaction:
        """Posts ``tree`` as the next epoch's root, funding the vault so that every leaf
        can be credited on top of what is credited already (deployments are shared)."""
        state = await self.reward_state()
        vault = await self.balance(self.program.reward_vault)
        short = tree.total + state.credited - state.paid - vault
        if short > 0:
            await self.fund_rewards(short)
        authority = self.deployment.reward_authority
        return await self.send(self.program.post_reward_tree(
            authority.pubkey(), epoch if epoch is not None else state.epoch + 1, tree),
            [authority])

    async def slash(self, node: Pubkey, bps: int, *, label: str | None = None
                    ) -> SentTransaction:
        """Slashes through the slasher stand-in, as io_slashing will."""
        return await self.send(self.caller.forward(self.program.slash(
            self.caller.slasher, node, bps, self.deployment.treasury)), label=label)

    async def jail(self, node: Pubkey, until: int) -> SentTransaction:
        return await self.send(self.caller.forward(
            self.program.jail(self.caller.slasher, node, until)))

    async def unjail(self, node: Pubkey) -> SentTransaction:
        return await self.send(self.caller.forward(
            self.program.unjail(self.caller.slasher, node)))

    async def advance(self, seconds: int) -> None:
        await self.cluster.advance_time(seconds)


def assert_token_insufficient_funds(failure: SendFailed, token_program: Pubkey,
                                    index: int) -> None:
    """``failure`` is the token program's InsufficientFunds at instruction ``index``."""
    assert (failure.instruction_index, failure.code) == (index, 1), \
        f"expected the token program's InsufficientFunds (1) at {index}: {failure}"
    assert "Program log: Error: insufficient funds" in failure.logs, failure
    assert f"Program {token_program} failed: custom program error: 0x1" in failure.logs, failure
    assert not anchor_error_lines(failure.logs), f"an Anchor error besides: {failure}"


@cache
def _instruction_names() -> dict[bytes, str]:
    idl = json.loads((ROOT / "client" / "ionet" / "idl" / "io_staking.anchor-0.30.json")
                     .read_text())
    return {bytes(ix["discriminator"]): ix["name"] for ix in idl["instructions"]}


def instruction_name(instruction: Instruction) -> str:
    """io_staking's instruction name for ``instruction`` (by its discriminator; also when
    the slasher stand-in forwards it), else its program id."""
    name = _instruction_names().get(bytes(instruction.data)[:8])
    return name if name is not None else str(instruction.program_id)


# ------------------------------------------------------------------ tampering helpers


def unsigned(instruction: Instruction, key: Pubkey) -> Instruction:
    """``instruction`` with ``key`` no longer marked as a signer (so nobody signs for it)."""
    metas = [AccountMeta(m.pubkey, m.is_signer and m.pubkey != key, m.is_writable)
             for m in instruction.accounts]
    return Instruction(instruction.program_id, bytes(instruction.data), metas)


def swapped(instruction: Instruction, old: Pubkey, new: Pubkey) -> Instruction:
    """``instruction`` with account ``old`` replaced by ``new`` (same flags)."""
    metas = [AccountMeta(new if m.pubkey == old else m.pubkey, m.is_signer, m.is_writable)
             for m in instruction.accounts]
    assert any(m.pubkey == old for m in instruction.accounts), f"{old} not in the instruction"
    return Instruction(instruction.program_id, bytes(instruction.data), metas)


def non_canonical_address(seeds: Sequence[bytes], program_id: Pubkey) -> Pubkey:
    """An address of ``seeds`` with a bump below the canonical one (off the curve too)."""
    _, canonical = Pubkey.find_program_address(list(seeds), program_id)
    for bump in range(canonical - 1, -1, -1):
        try:
            return Pubkey.create_program_address([*seeds, bytes([bump])], program_id)
        except Exception:
            continue
    raise AssertionError("no non-canonical bump")


# --------------------------------------------------------------------------- deploying


async def create_mint(cluster: TestCluster, token_program: Pubkey, authority: Keypair) -> Pubkey:
    return await cluster.create_mint(DECIMALS, authority.pubkey(), program_id=token_program)


async def create_token_account(cluster: TestCluster, program: StakingProgram,
                               owner: Pubkey) -> Pubkey:
    await cluster.send([create_associated_token_account(
        cluster.wallet.pubkey(), owner, program.stake_mint, program.token_program)])
    return program.token_account(owner)


async def deploy_caller(cluster: TestCluster, elf: bytes) -> SlashCaller:
    return SlashCaller(await deploy_program(cluster.client, cluster.wallet, Keypair(), elf))


async def new_deployment(cluster: TestCluster, elf: bytes, caller: SlashCaller,
                         token_program: Pubkey = TOKEN_PROGRAM_ID, *,
                         initialize: bool = True, program_keypair: Keypair | None = None,
                         **settings: object) -> Deployment:
    """A fresh io_staking at a new address (``program_keypair``'s, or a random one), with a
    new mint of ``token_program``, a treasury, and (``initialize``) its config: io.net's
    defaults, the slasher being the caller's PDA, changed by ``settings``."""
    program_id = await deploy_program(cluster.client, cluster.wallet,
                                      program_keypair or Keypair(), elf)
    mint_authority = Keypair()
    mint = await create_mint(cluster, token_program, mint_authority)
    program = StakingProgram(program_id, mint, token_program)
    treasury = await create_token_account(cluster, program, Keypair().pubkey())
    admin, rewards, pauser = Keypair(), Keypair(), Keypair()
    base = Settings.io_net(DECIMALS, reward_authority=rewards.pubkey(),
                           pause_authority=pauser.pubkey(), slasher=caller.slasher,
                           treasury=treasury)
    deployment = Deployment(program, admin, rewards, pauser, mint_authority, treasury,
                            replace(base, **settings), caller)  # type: ignore[arg-type]
    if initialize:
        await cluster.send([program.initialize(cluster.wallet.pubkey(), admin.pubkey(),
                                               deployment.settings)])
    return deployment


# -------------------------------------------------------------------------- invariants


def _earned(node: Node, position: StakePosition) -> int:
    if position.staker == node.owner:
        return 0
    shares = position.active_shares - position.leaving_shares
    return shares * (node.reward_per_share - position.reward_per_share_snapshot) \
        // REWARD_PER_SHARE_SCALE


async def check_invariants(env: Env) -> None:
    """Raises :class:`InvariantViolation` when the deployment's books do not add up."""
    program, conn = env.program, env.cluster.client
    nodes = await program.fetch_all_nodes(conn)
    positions = await program.fetch_positions(conn)
    state = await env.reward_state()
    config = await env.config()
    stake_vault = await env.balance(program.stake_vault)
    reward_vault = await env.balance(program.reward_vault)

    def require(condition: bool, what: str) -> None:
        if not condition:
            raise InvariantViolation(what)

    by_node: dict[Pubkey, list[StakePosition]] = {}
    for position in positions.values():
        require(position.node in nodes, f"position of a missing node {position.node}")
        by_node.setdefault(position.node, []).append(position)
    pooled = owed = 0
    for key, node in nodes.items():
        held = by_node.get(key, [])
        costakers = [p for p in held if p.staker != node.owner]
        owners = [p for p in held if p.staker == node.owner]
        require(len(held) == node.position_count, f"{key}: position count")
        require(all(p.leaving_shares == 0 for p in owners), f"{key}: owner leaving")
        require(all(p.leaving_shares <= p.active_shares for p in held), f"{key}: leaving")
        require(sum(p.active_shares for p in costakers) == node.costake_shares,
                f"{key}: co-stake shares")
        require(sum(p.active_shares - p.leaving_shares for p in costakers)
                == node.costake_earning_shares, f"{key}: earning shares")
        for name, pool, shares in (
                ("active", node.active, [p.active_shares for p in held]),
                ("unbonding", node.unbonding, [p.unbonding_shares for p in held])):
            require(sum(shares) == pool.shares, f"{key}: {name} shares {shares} vs {pool}")
            worth = sum(pool_value(pool, s) for s in shares)
            require(worth <= pool.tokens, f"{key}: {name} positions worth more than the pool")
            if pool.shares:
                holders = sum(1 for s in shares if s)
                require(pool.tokens - worth < max(holders, 1),
                        f"{key}: {name} rounding beyond one token per holder")
        require(env.over_cap_ok or within_costake_cap(node, config.max_costake_bps),
                f"{key}: co-stake {node.costake_shares} over the cap of {node.active}")
        pooled += node.active.tokens + node.unbonding.tokens
        owed += node.owner_rewards + sum(p.rewards_pending + _earned(node, p) for p in held)
    require(stake_vault >= pooled, f"stake vault {stake_vault} < pools {pooled}")
    require(state.credited >= state.paid, "paid more than credited")
    require(owed <= state.credited - state.paid,
            f"owed {owed} > credited - paid {state.credited - state.paid}")
    require(reward_vault >= state.credited - state.paid,
            f"reward vault {reward_vault} < unpaid credit {state.credited - state.paid}")


__all__ = [
    "DAY",
    "DECIMALS",
    "IO",
    "PROPERTY_SEED",
    "TOKEN_PROGRAMS",
    "Deployment",
    "Env",
    "InvariantViolation",
    "SlashCaller",
    "assert_token_insufficient_funds",
    "check_invariants",
    "create_mint",
    "create_token_account",
    "deploy_caller",
    "instruction_name",
    "new_deployment",
    "non_canonical_address",
    "swapped",
    "unsigned",
]
