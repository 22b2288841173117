"""What every command group reads from the cluster the same way: the clock, a program's
config, mints and token accounts (SPL Token or Token-2022), a program's upgrade authority,
checked before anything is sent.

``what`` arguments name a mint for messages, e.g. ``"the stake mint"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Protocol, Self, TypeVar

from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    create_idempotent_associated_token_account,
    get_associated_token_address,
)

from ionet.cli.context import Context, Signer, parse_pubkey
from ionet.cli.errors import CliError
from ionet.cli.units import format_amount
from ionet.loader_v3 import decode_programdata, programdata_address

__all__ = [
    "Mint",
    "TokenAccount",
    "cluster_now",
    "fetch_config",
    "fetch_mint",
    "fetch_token_account",
    "payee_account",
    "payer_account",
    "require_upgrade_authority",
    "staking_program_id",
]

class _Config(Protocol):
    """A generated account type (anchorpy's codegen)."""

    discriminator: ClassVar[bytes]

    @classmethod
    def decode(cls, data: bytes) -> Self: ...


_C = TypeVar("_C", bound=_Config)

_MINT_SIZE = 82
_DECIMALS_OFFSET = 44
_INITIALIZED_OFFSET = 45


async def fetch_config(ctx: Context, program: str, program_id: Pubkey, address: Pubkey,
                       config_type: type[_C], setup: str = "") -> _C:
    """The config of ``program`` (its name, e.g. ``"io_escrow"``) at ``program_id``, stored
    at ``address``, decoded; else one clear error: no program there, the program not
    initialized (with ``setup``, how to, appended), or the account not its config."""
    info = (await ctx.client.get_account_info(address, ctx.commitment)).value
    if info is None:
        found = (await ctx.client.get_account_info(program_id, ctx.commitment)).value
        if found is None or not found.executable:
            raise CliError(f"no program at {program_id} on {ctx.url} (deploy it with "
                           f"`ionet deploy {program}`)")
        raise CliError(f"{program} at {program_id} is not initialized{setup}")
    data = bytes(info.data)
    if info.owner != program_id or data[:8] != config_type.discriminator:
        raise CliError(f"{address} is not {program}'s config")
    return config_type.decode(data)


async def cluster_now(ctx: Context) -> int:
    """The cluster's clock (what the programs see)."""
    info = (await ctx.client.get_account_info(CLOCK, ctx.commitment)).value
    if info is None:
        raise CliError("the cluster has no Clock sysvar")
    return int.from_bytes(bytes(info.data)[32:40], "little", signed=True)


@dataclass(frozen=True)
class Mint:
    address: Pubkey
    token_program: Pubkey
    decimals: int

    def ata(self, owner: Pubkey) -> Pubkey:
        return get_associated_token_address(owner, self.address, self.token_program)

    def amount(self, units: int) -> str:
        """``units`` base units as whole tokens."""
        return format_amount(units, self.decimals)


async def fetch_mint(ctx: Context, address: Pubkey) -> Mint:
    """An initialized SPL Token or Token-2022 mint, or a one-line error."""
    info = (await ctx.client.get_account_info(address, ctx.commitment)).value
    data = bytes(info.data) if info is not None else b""
    if info is None or info.owner not in (TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID) \
            or len(data) < _MINT_SIZE or data[_INITIALIZED_OFFSET] != 1:
        raise CliError(f"{address} is not a token mint (SPL Token or Token-2022)")
    return Mint(address, info.owner, data[_DECIMALS_OFFSET])


@dataclass(frozen=True)
class TokenAccount:
    address: Pubkey
    mint: Pubkey
    owner: Pubkey
    amount: int


async def fetch_token_account(ctx: Context, address: Pubkey, mint: Pubkey,
                              token_program: Pubkey, what: str) -> TokenAccount | None:
    """The token account at ``address`` (None if there is none), refused unless it is a
    token account of ``mint``."""
    info = (await ctx.client.get_account_info(address, ctx.commitment)).value
    if info is None:
        return None
    data = bytes(info.data)
    if info.owner != token_program or len(data) < 72:
        raise CliError(f"{address} is not a token account of {what}'s token program "
                       f"{token_program}")
    account = TokenAccount(address, Pubkey.from_bytes(data[:32]),
                           Pubkey.from_bytes(data[32:64]),
                           int.from_bytes(data[64:72], "little"))
    if account.mint != mint:
        raise CliError(f"token account {address} is for mint {account.mint}, not {what} "
                       f"{mint}")
    return account


async def payer_account(ctx: Context, address: Pubkey, owner: Pubkey, mint: Pubkey,
                        token_program: Pubkey, what: str, amount: int,
                        show: Callable[[int], str]) -> Pubkey:
    """``address``, checked as the token account ``owner`` pays ``amount`` from: ``mint``'s,
    holding enough (``show`` formats amounts)."""
    account = await fetch_token_account(ctx, address, mint, token_program, what)
    if account is None:
        raise CliError(f"{owner} has no token account {address} for {what} {mint}")
    if account.amount < amount:
        raise CliError(f"token account {address} holds {show(account.amount)}, less than "
                       f"{show(amount)}")
    return address


async def payee_account(ctx: Context, owner: Pubkey, mint: Pubkey, token_program: Pubkey,
                        what: str, payer: Pubkey, given: Pubkey | None = None
                        ) -> tuple[Pubkey, list[Instruction]]:
    """The token account tokens are paid to (``given``, else ``owner``'s associated one),
    and the instruction creating the associated account if it does not exist yet."""
    if given is not None:
        if await fetch_token_account(ctx, given, mint, token_program, what) is None:
            raise CliError(f"no token account at {given}")
        return given, []
    address = get_associated_token_address(owner, mint, token_program)
    if await fetch_token_account(ctx, address, mint, token_program, what) is not None:
        return address, []
    return address, [create_idempotent_associated_token_account(payer, owner, mint,
                                                                token_program)]


async def require_upgrade_authority(ctx: Context, program_id: Pubkey, signer: Signer) -> None:
    """Refuses a signer that is not the program's upgrade authority (the only key that
    may initialize our programs)."""
    info = (await ctx.client.get_account_info(programdata_address(program_id),
                                              ctx.commitment)).value
    if info is None:
        raise CliError(f"no upgradeable program at {program_id} on {ctx.url}")
    upgrade_authority = decode_programdata(bytes(info.data)).upgrade_authority
    if signer.pubkey != upgrade_authority:
        raise CliError(f"{signer.pubkey} is not the upgrade authority of {program_id} "
                       f"({upgrade_authority}); only it may initialize")


def staking_program_id(ctx: Context, given: str | None) -> Pubkey:
    """``--staking-program``, else Anchor.toml's io_staking: the io_staking an io_escrow or
    io_slashing is bound to at its initialization."""
    if given:
        return parse_pubkey(given, "--staking-program")
    return ctx.program_id("io_staking", override=False)
