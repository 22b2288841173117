"""Typed API over io_staking's generated anchorpy client (``ionet.generated.io_staking``).

* Addresses: :func:`config_address`, :func:`node_address`, :func:`position_address`, ...
  and their seeds (``CONFIG_SEED``, ...), generated from the IDL
  (``ionet.generated.io_staking.pdas``).
* :class:`Settings`: the program's settings, with io.net's defaults
  (:meth:`Settings.io_net`: 200 IO per GPU, 14-day cooldown, 7-day co-staker exit wait,
  co-stake at most 50 %).
* :class:`StakingProgram`: one deployment (program id, stake mint, token program); builds
  every instruction with its accounts filled in, and fetches the program's accounts.
* Pure arithmetic mirroring the program's (``programs/io_staking/src/rules.rs``):
  :func:`pool_value`, :func:`pending_rewards`, :func:`minimum_stake`,
  :func:`within_costake_cap`, :func:`is_eligible`.
* :func:`decode_events`: the program's Anchor events in a transaction's logs.

Amounts are in the mint's base units (integers). Every builder returns a
``solders.instruction.Instruction``; sending is the caller's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from anchorpy import Event
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed
from solana.rpc.types import MemcmpOpts
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    TransferCheckedParams,
    get_associated_token_address,
    transfer_checked,
)

from ionet.events import decode_events as _decode_events
from ionet.generated.io_staking import instructions as ix
from ionet.generated.io_staking.accounts import Node, RewardState, StakePosition, StakingConfig
from ionet.generated.io_staking.pdas import (
    CONFIG_SEED,
    NODE_SEED,
    POSITION_SEED,
    REWARD_VAULT_SEED,
    REWARDS_SEED,
    STAKE_VAULT_SEED,
    config_address,
    node_address,
    position_address,
    reward_state_address,
    reward_vault_address,
    stake_vault_address,
)
from ionet.generated.io_staking.program_id import PROGRAM_ID as DEFAULT_PROGRAM_ID
from ionet.generated.io_staking.types import ConfigParams, Pool
from ionet.loader_v3 import programdata_address
from ionet.merkle import RewardTree
from ionet.program_accounts import program_accounts

__all__ = [
    "BPS_DENOMINATOR",
    "CONFIG_SEED",
    "DAY",
    "DEFAULT_PROGRAM_ID",
    "NODE_SEED",
    "POSITION_SEED",
    "REWARDS_SEED",
    "REWARD_PER_SHARE_SCALE",
    "REWARD_VAULT_SEED",
    "STAKE_VAULT_SEED",
    "TOKEN_2022_PROGRAM_ID",
    "TOKEN_PROGRAM_ID",
    "UNSTAKE_ALL",
    "Node",
    "Pool",
    "RewardState",
    "Settings",
    "StakePosition",
    "StakingConfig",
    "StakingProgram",
    "config_address",
    "decode_events",
    "is_eligible",
    "is_jailed",
    "minimum_stake",
    "node_address",
    "pending_rewards",
    "pool_value",
    "position_address",
    "position_values",
    "reward_state_address",
    "reward_vault_address",
    "stake_vault_address",
    "within_costake_cap",
]

DAY: Final = 86_400
BPS_DENOMINATOR: Final = 10_000
REWARD_PER_SHARE_SCALE: Final = 10**12
UNSTAKE_ALL: Final = 2**64 - 1
"""``request_unstake`` amount meaning "every active share"."""

# -------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """The program's settings (``ConfigParams``); durations in seconds, amounts in base
    units, shares in basis points."""

    reward_authority: Pubkey
    pause_authority: Pubkey
    slasher: Pubkey
    treasury: Pubkey
    min_stake_per_gpu: int
    unstake_cooldown_secs: int = 14 * DAY
    costaker_exit_wait_secs: int = 7 * DAY
    max_costake_bps: int = 5_000
    slash_burn: bool = False

    @classmethod
    def io_net(cls, decimals: int, *, reward_authority: Pubkey, pause_authority: Pubkey,
               slasher: Pubkey, treasury: Pubkey, slash_burn: bool = False) -> Settings:
        """io.net's published numbers: 200 IO per GPU, 14-day cooldown, 7-day co-staker
        exit wait, co-stake at most 50 % of a device's stake."""
        return cls(reward_authority, pause_authority, slasher, treasury,
                   min_stake_per_gpu=200 * 10**decimals, slash_burn=slash_burn)

    def to_params(self) -> ConfigParams:
        return ConfigParams(
            reward_authority=self.reward_authority,
            pause_authority=self.pause_authority,
            slasher=self.slasher,
            treasury=self.treasury,
            min_stake_per_gpu=self.min_stake_per_gpu,
            unstake_cooldown_secs=self.unstake_cooldown_secs,
            costaker_exit_wait_secs=self.costaker_exit_wait_secs,
            max_costake_bps=self.max_costake_bps,
            slash_burn=self.slash_burn,
        )

    @classmethod
    def of(cls, config: StakingConfig) -> Settings:
        """The settings a fetched config holds."""
        return cls(config.reward_authority, config.pause_authority, config.slasher,
                   config.treasury, config.min_stake_per_gpu, config.unstake_cooldown_secs,
                   config.costaker_exit_wait_secs, config.max_costake_bps, config.slash_burn)


# ---------------------------------------------------------------------- arithmetic


def _mul_div_floor(a: int, b: int, d: int) -> int:
    return a * b // d


def pool_value(pool: Pool, shares: int) -> int:
    """Tokens ``shares`` of ``pool`` are worth, rounded down (as the program pays)."""
    return 0 if pool.shares == 0 else _mul_div_floor(shares, pool.tokens, pool.shares)


def position_values(node: Node, position: StakePosition) -> tuple[int, int]:
    """(active, unbonding) tokens a position is worth now, rounded down."""
    return (pool_value(node.active, position.active_shares),
            pool_value(node.unbonding, position.unbonding_shares))


def _earning_shares(node: Node, position: StakePosition) -> int:
    if position.staker == node.owner:
        return 0
    return position.active_shares - position.leaving_shares


def pending_rewards(node: Node, position: StakePosition) -> int:
    """What ``claim_rewards`` would pay for ``position`` now (the owner's position also gets
    the node's owner rewards)."""
    delta = node.reward_per_share - position.reward_per_share_snapshot
    earned = _earning_shares(node, position) * max(delta, 0) // REWARD_PER_SHARE_SCALE
    owner = node.owner_rewards if position.staker == node.owner else 0
    return position.rewards_pending + earned + owner


def minimum_stake(min_stake_per_gpu: int, multiplier_bps: int, gpu_count: int) -> int:
    """``min_stake_per_gpu * max(1, multiplier) * gpu_count``, the multiplier in bps,
    rounded down."""
    return min_stake_per_gpu * gpu_count * max(BPS_DENOMINATOR, multiplier_bps) \
        // BPS_DENOMINATOR


def is_jailed(node: Node, now: int) -> bool:
    return node.jailed_until > now


def within_costake_cap(node: Node, max_costake_bps: int) -> bool:
    """Co-stake is at most ``max_costake_bps`` of the node's active stake (in shares)."""
    return node.costake_shares * BPS_DENOMINATOR <= node.active.shares * max_costake_bps


def is_eligible(config: StakingConfig, node: Node, now: int) -> bool:
    """Open, not jailed, within its co-stake cap, and active stake (unbonding stake does not
    count) at least the minimum for the node's GPUs."""
    needed = minimum_stake(config.min_stake_per_gpu, node.multiplier_bps, node.gpu_count)
    return (not node.closed and not is_jailed(node, now) and node.active.tokens >= needed
            and within_costake_cap(node, config.max_costake_bps))


def pending_slashes(config: StakingConfig, node: Node) -> int:
    """The slash proposals that freeze the node's withdrawals: those raised under the
    current slasher (a count left by a replaced one freezes nothing)."""
    if node.pending_slash_generation != config.slasher_generation:
        return 0
    return node.pending_slashes


def decode_events(logs: Sequence[str], program_id: Pubkey = DEFAULT_PROGRAM_ID) -> list[Event]:
    """io_staking's events in a transaction's logs, in order (anchorpy ``Event``s)."""
    return _decode_events("io_staking", program_id, logs)


# ---------------------------------------------------------------------------- program


@dataclass(frozen=True)
class StakingProgram:
    """One deployment of io_staking and its stake mint.

    Builders take the signers' public keys; token accounts default to the associated
    token accounts of the signer for the stake mint.
    """

    program_id: Pubkey
    stake_mint: Pubkey
    token_program: Pubkey = TOKEN_PROGRAM_ID

    # ---- addresses

    @property
    def config(self) -> Pubkey:
        return config_address(self.program_id)

    @property
    def reward_state(self) -> Pubkey:
        return reward_state_address(self.program_id)

    @property
    def stake_vault(self) -> Pubkey:
        return stake_vault_address(self.program_id)

    @property
    def reward_vault(self) -> Pubkey:
        return reward_vault_address(self.program_id)

    def node(self, node_id: bytes) -> Pubkey:
        return node_address(node_id, self.program_id)

    def position(self, node: Pubkey, staker: Pubkey) -> Pubkey:
        return position_address(node, staker, self.program_id)

    def token_account(self, owner: Pubkey) -> Pubkey:
        """``owner``'s associated token account for the stake mint."""
        return get_associated_token_address(owner, self.stake_mint, self.token_program)

    # ---- administration

    def initialize(self, authority: Pubkey, admin: Pubkey, settings: Settings) -> Instruction:
        """Creates config, reward state and vaults; ``authority`` is the upgrade authority."""
        return ix.initialize(
            {"admin": admin, "params": settings.to_params()},
            {"config": self.config, "reward_state": self.reward_state,
             "stake_vault": self.stake_vault, "reward_vault": self.reward_vault,
             "stake_mint": self.stake_mint, "treasury": settings.treasury,
             "authority": authority, "program_data": programdata_address(self.program_id),
             "stake_token_program": self.token_program},
            self.program_id)

    def update_config(self, admin: Pubkey, settings: Settings) -> Instruction:
        """Applies ``settings`` at once if they only strengthen stakers' protections;
        otherwise proposes them (``apply_config`` after the delay)."""
        return ix.update_config(
            {"params": settings.to_params()},
            {"config": self.config, "admin": admin, "treasury": settings.treasury},
            self.program_id)

    def apply_config(self) -> Instruction:
        """Permissionless: applies the change ``update_config`` proposed, once it is due."""
        return ix.apply_config({"config": self.config}, self.program_id)

    def propose_admin(self, admin: Pubkey, new_admin: Pubkey) -> Instruction:
        return ix.propose_admin({"new_admin": new_admin},
                                {"config": self.config, "admin": admin}, self.program_id)

    def accept_admin(self, new_admin: Pubkey) -> Instruction:
        return ix.accept_admin({"config": self.config, "pending_admin": new_admin},
                               self.program_id)

    def set_paused(self, authority: Pubkey, paused: bool) -> Instruction:
        return ix.set_paused({"paused": paused},
                             {"config": self.config, "authority": authority}, self.program_id)

    # ---- nodes and stake

    def register_node(self, owner: Pubkey, node_id: bytes, gpu_count: int, multiplier_bps: int,
                      costake_reward_share_bps: int) -> Instruction:
        return ix.register_node(
            {"node_id": list(node_id), "gpu_count": gpu_count, "multiplier_bps": multiplier_bps,
             "costake_reward_share_bps": costake_reward_share_bps},
            {"config": self.config, "reward_state": self.reward_state,
             "node": self.node(node_id), "owner": owner},
            self.program_id)

    def reopen_node(self, owner: Pubkey, node_id: bytes, gpu_count: int, multiplier_bps: int,
                    costake_reward_share_bps: int) -> Instruction:
        """Registers a closed node id again, for ``owner`` (what it was paid stays claimed)."""
        return ix.reopen_node(
            {"node_id": list(node_id), "gpu_count": gpu_count, "multiplier_bps": multiplier_bps,
             "costake_reward_share_bps": costake_reward_share_bps},
            {"config": self.config, "reward_state": self.reward_state,
             "node": self.node(node_id), "owner": owner},
            self.program_id)

    def _deposit_accounts(self, node: Pubkey, staker: Pubkey,
                          token: Pubkey | None) -> dict[str, Pubkey]:
        return {"config": self.config, "node": node, "position": self.position(node, staker),
                "stake_vault": self.stake_vault, "stake_mint": self.stake_mint,
                "stake_token_program": self.token_program,
                "token": token or self.token_account(staker)}

    def stake(self, owner: Pubkey, node: Pubkey, amount: int,
              owner_token: Pubkey | None = None) -> Instruction:
        """The node owner's self-stake."""
        a = self._deposit_accounts(node, owner, owner_token)
        return ix.stake({"amount": amount}, {
            "config": a["config"], "node": node, "position": a["position"], "owner": owner,
            "owner_token": a["token"], "stake_vault": a["stake_vault"],
            "stake_mint": a["stake_mint"], "stake_token_program": a["stake_token_program"]},
            self.program_id)

    def costake(self, staker: Pubkey, node: Pubkey, amount: int,
                staker_token: Pubkey | None = None) -> Instruction:
        """Co-stake by anyone but the owner."""
        a = self._deposit_accounts(node, staker, staker_token)
        return ix.costake({"amount": amount}, {
            "config": a["config"], "node": node, "position": a["position"], "staker": staker,
            "staker_token": a["token"], "stake_vault": a["stake_vault"],
            "stake_mint": a["stake_mint"], "stake_token_program": a["stake_token_program"]},
            self.program_id)

    def request_unstake(self, staker: Pubkey, node: Pubkey,
                        amount: int = UNSTAKE_ALL) -> Instruction:
        return ix.request_unstake({"amount": amount}, {
            "config": self.config, "node": node, "position": self.position(node, staker),
            "staker": staker}, self.program_id)

    def start_cooldown(self, node: Pubkey, staker: Pubkey) -> Instruction:
        """Permissionless: a co-staker's leaving stake into the cooldown."""
        return ix.start_cooldown({"config": self.config, "node": node,
                                  "position": self.position(node, staker)}, self.program_id)

    def cancel_unstake(self, staker: Pubkey, node: Pubkey) -> Instruction:
        return ix.cancel_unstake({"config": self.config, "node": node,
                                  "position": self.position(node, staker), "staker": staker},
                                 self.program_id)

    def withdraw(self, staker: Pubkey, node: Pubkey,
                 staker_token: Pubkey | None = None) -> Instruction:
        return ix.withdraw({
            "config": self.config, "node": node, "position": self.position(node, staker),
            "staker": staker, "staker_token": staker_token or self.token_account(staker),
            "stake_vault": self.stake_vault, "stake_mint": self.stake_mint,
            "stake_token_program": self.token_program}, self.program_id)

    # ---- rewards

    def post_reward_root(self, authority: Pubkey, epoch: int, root: bytes,
                         total: int) -> Instruction:
        return ix.post_reward_root(
            {"epoch": epoch, "root": list(root), "total": total},
            {"config": self.config, "reward_state": self.reward_state,
             "reward_vault": self.reward_vault, "reward_authority": authority},
            self.program_id)

    def fund_reward_vault(self, funder: Pubkey, amount: int, decimals: int,
                          funder_token: Pubkey | None = None) -> Instruction:
        """A token transfer (``TransferChecked``) of ``amount`` into the reward vault, which
        ``post_reward_root`` requires to cover a root; ``decimals``: the stake mint's."""
        return transfer_checked(TransferCheckedParams(
            program_id=self.token_program, source=funder_token or self.token_account(funder),
            mint=self.stake_mint, dest=self.reward_vault, owner=funder, amount=amount,
            decimals=decimals))

    def post_reward_tree(self, authority: Pubkey, epoch: int, tree: RewardTree) -> Instruction:
        """``post_reward_root`` of a :class:`~ionet.merkle.RewardTree`."""
        return self.post_reward_root(authority, epoch, tree.root, tree.total)

    def claim_node_rewards(self, node: Pubkey, cumulative: int,
                           proof: Sequence[bytes]) -> Instruction:
        """Permissionless: credits ``node`` with its cumulative amount, proven."""
        return ix.claim_node_rewards(
            {"cumulative": cumulative, "proof": [list(p) for p in proof]},
            {"config": self.config, "reward_state": self.reward_state, "node": node,
             "reward_vault": self.reward_vault},
            self.program_id)

    def claim_node_rewards_from(self, tree: RewardTree, node: Pubkey) -> Instruction:
        """``claim_node_rewards`` with ``node``'s amount and proof from ``tree``."""
        return self.claim_node_rewards(node, tree.cumulative(node), tree.proof(node))

    def claim_rewards(self, staker: Pubkey, node: Pubkey,
                      staker_token: Pubkey | None = None) -> Instruction:
        return ix.claim_rewards({
            "config": self.config, "reward_state": self.reward_state, "node": node,
            "position": self.position(node, staker), "staker": staker,
            "staker_token": staker_token or self.token_account(staker),
            "reward_vault": self.reward_vault, "stake_mint": self.stake_mint,
            "stake_token_program": self.token_program}, self.program_id)

    # ---- slashing (the slashing program's ["slasher"] PDA signs these through a CPI)

    def slash(self, slasher: Pubkey, node: Pubkey, bps: int, treasury: Pubkey) -> Instruction:
        return ix.slash({"bps": bps}, {
            "config": self.config, "node": node, "slasher": slasher,
            "stake_vault": self.stake_vault, "stake_mint": self.stake_mint,
            "treasury": treasury, "stake_token_program": self.token_program}, self.program_id)

    def jail(self, slasher: Pubkey, node: Pubkey, until: int) -> Instruction:
        return ix.jail({"until": until}, {"config": self.config, "node": node,
                                          "slasher": slasher}, self.program_id)

    def unjail(self, slasher: Pubkey, node: Pubkey) -> Instruction:
        return ix.unjail({"config": self.config, "node": node, "slasher": slasher},
                         self.program_id)

    def raise_pending_slash(self, slasher: Pubkey, node: Pubkey) -> Instruction:
        """One more pending slash proposal: the node's withdrawals wait for it."""
        return ix.raise_pending_slash({"config": self.config, "node": node,
                                       "slasher": slasher}, self.program_id)

    def lower_pending_slash(self, slasher: Pubkey, node: Pubkey) -> Instruction:
        """A pending slash proposal closed; withdrawals resume when none is left."""
        return ix.lower_pending_slash({"config": self.config, "node": node,
                                       "slasher": slasher}, self.program_id)

    # ---- closing

    def close_position(self, staker: Pubkey, node: Pubkey) -> Instruction:
        return ix.close_position({"node": node, "position": self.position(node, staker),
                                  "staker": staker}, self.program_id)

    def close_node(self, owner: Pubkey, node: Pubkey) -> Instruction:
        """Leaves a tombstone (see :meth:`reopen_node`)."""
        return ix.close_node({"node": node, "owner": owner}, self.program_id)

    def clear_worthless(self, node: Pubkey, staker: Pubkey) -> Instruction:
        """Permissionless: clears ``staker``'s worthless shares in ``node`` (after their
        unlock time), closing the position if that empties it (rent to ``staker``)."""
        return ix.clear_worthless({"node": node, "position": self.position(node, staker),
                                   "staker": staker}, self.program_id)

    # ---- fetching

    async def fetch_config(self, conn: AsyncClient,
                           commitment: Commitment = Confirmed) -> StakingConfig | None:
        return await StakingConfig.fetch(conn, self.config, commitment, self.program_id)

    async def fetch_reward_state(self, conn: AsyncClient,
                                 commitment: Commitment = Confirmed) -> RewardState | None:
        return await RewardState.fetch(conn, self.reward_state, commitment, self.program_id)

    async def fetch_node(self, conn: AsyncClient, node: Pubkey,
                         commitment: Commitment = Confirmed) -> Node | None:
        return await Node.fetch(conn, node, commitment, self.program_id)

    async def fetch_position(self, conn: AsyncClient, node: Pubkey, staker: Pubkey,
                             commitment: Commitment = Confirmed) -> StakePosition | None:
        return await StakePosition.fetch(conn, self.position(node, staker), commitment,
                                         self.program_id)

    async def fetch_all_nodes(self, conn: AsyncClient,
                              commitment: Commitment = Confirmed) -> dict[Pubkey, Node]:
        """Every node of this deployment (``getProgramAccounts``)."""
        return {k: Node.decode(d) for k, d in await program_accounts(
            conn, self.program_id, Node.discriminator, [], commitment)}

    async def fetch_positions(self, conn: AsyncClient, node: Pubkey | None = None,
                              commitment: Commitment = Confirmed
                              ) -> dict[Pubkey, StakePosition]:
        """Every position of this deployment, or of one node."""
        filters = [MemcmpOpts(offset=8 + 2, bytes=str(node))] if node is not None else []
        return {k: StakePosition.decode(d) for k, d in await program_accounts(
            conn, self.program_id, StakePosition.discriminator, filters, commitment)}
