"""io_staking as the CLI sees it: the deployment behind ``--program-id`` / ``Anchor.toml``,
nodes named by address or id, token accounts checked before anything is sent.

A node is named by its address (base58), by its node id (64 hex digits), or by any other
text (an io.net device UUID, say), whose SHA-256 is then the node id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from solders.instruction import Instruction
from solders.pubkey import Pubkey

from ionet.cli.chain import (
    TokenAccount,
    cluster_now,
    fetch_config,
    fetch_token_account,
    payee_account,
    payer_account,
)
from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.units import format_amount
from ionet.staking import (
    Node,
    RewardState,
    StakePosition,
    StakingConfig,
    StakingProgram,
    config_address,
    node_address,
)

__all__ = [
    "Staking",
    "TokenAccount",
    "load_staking",
    "node_id_of",
    "resolve_node_key",
]

PROGRAM = "io_staking"
_STAKE_MINT = "the stake mint"
_HEX_ID = re.compile(r"(0x)?[0-9a-fA-F]{64}")
_KINDS = {Node.discriminator: "node", StakePosition.discriminator: "stake position",
          StakingConfig.discriminator: "config", RewardState.discriminator: "reward state"}
STAKER_OFFSET = 8 + 1 + 1 + 32
"""Where ``staker`` sits in a StakePosition (discriminator, version, bump, node)."""
OWNER_OFFSET = 8 + 1 + 1
"""Where ``owner`` sits in a Node."""


def node_id_of(text: str) -> bytes:
    """The 32-byte node id ``text`` stands for: 64 hex digits, else SHA-256 of the text."""
    raw = text.strip()
    if _HEX_ID.fullmatch(raw):
        return bytes.fromhex(raw.removeprefix("0x"))
    if not raw:
        raise CliError("a node id may not be empty")
    return hashlib.sha256(raw.encode()).digest()


def resolve_node_key(text: str, program_id: Pubkey) -> Pubkey:
    """A node's address from its address, its id, or text hashed into an id."""
    raw = text.strip()
    if not _HEX_ID.fullmatch(raw):
        try:
            return Pubkey.from_string(raw)
        except ValueError:
            pass
    return node_address(node_id_of(raw), program_id)


@dataclass
class Staking:
    """A deployment of io_staking and its config, fetched once per command."""

    ctx: Context
    program: StakingProgram
    config: StakingConfig

    @property
    def program_id(self) -> Pubkey:
        return self.program.program_id

    @property
    def decimals(self) -> int:
        return self.config.mint_decimals

    @property
    def names(self) -> dict[Pubkey, str]:
        return {self.program_id: PROGRAM}

    def amount(self, units: int) -> str:
        return format_amount(units, self.decimals)

    async def now(self) -> int:
        """The cluster's clock (what the program sees)."""
        return await cluster_now(self.ctx)

    async def _our_account(self, address: Pubkey, kind: bytes, what: str) -> bytes:
        info = (await self.ctx.client.get_account_info(address, self.ctx.commitment)).value
        if info is None:
            raise CliError(f"no {what} at {address} (closed, or never created)")
        if info.owner != self.program_id:
            raise CliError(f"{address} is not an io_staking account (its owner is "
                           f"{info.owner}); expected a {what}")
        data = bytes(info.data)
        if data[:8] != kind:
            found = _KINDS.get(data[:8], "another kind of")
            raise CliError(f"{address} is not a {what} but an io_staking {found} account")
        return data

    async def node(self, text: str) -> tuple[Pubkey, Node]:
        address = resolve_node_key(text, self.program_id)
        data = await self._our_account(address, Node.discriminator, "node")
        return address, Node.decode(data)

    async def position(self, node: Pubkey, staker: Pubkey) -> StakePosition:
        address = self.program.position(node, staker)
        try:
            data = await self._our_account(address, StakePosition.discriminator,
                                           "stake position")
        except CliError:
            raise CliError(f"{staker} has no stake position in node {node}") from None
        return StakePosition.decode(data)

    async def reward_state(self) -> RewardState:
        data = await self._our_account(self.program.reward_state, RewardState.discriminator,
                                       "reward state")
        return RewardState.decode(data)

    async def token_account(self, address: Pubkey) -> TokenAccount | None:
        return await fetch_token_account(self.ctx, address, self.program.stake_mint,
                                         self.program.token_program, _STAKE_MINT)

    async def source_account(self, owner: Pubkey, given: Pubkey | None,
                             amount: int) -> Pubkey:
        """The token account tokens are paid from, checked: right mint, enough tokens."""
        return await payer_account(self.ctx, given or self.program.token_account(owner),
                                   owner, self.program.stake_mint,
                                   self.program.token_program, _STAKE_MINT, amount,
                                   self.amount)

    async def destination(self, owner: Pubkey, given: Pubkey | None, payer: Pubkey
                          ) -> tuple[Pubkey, list[Instruction]]:
        """The token account tokens are paid to, and the instruction creating the owner's
        associated token account if it does not exist yet."""
        return await payee_account(self.ctx, owner, self.program.stake_mint,
                                   self.program.token_program, _STAKE_MINT, payer, given)


async def load_staking(ctx: Context, program_id: Pubkey | None = None) -> Staking:
    """io_staking on ``ctx``'s cluster (at ``program_id``, default the command's io_staking
    id), initialized; else a clear error."""
    program_id = program_id or ctx.program_id(PROGRAM)
    config = await fetch_config(ctx, "io_staking", program_id, config_address(program_id),
                                StakingConfig, " (run `ionet init`)")
    return Staking(ctx, StakingProgram(program_id, config.stake_mint, config.stake_token_program),
                   config)
