"""The demo's mints and participants: who they are, their wallets and token accounts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import create_associated_token_account, get_associated_token_address

from ionet.testing import TestCluster


@dataclass(frozen=True)
class Mint:
    """A payment or stake mint, and how people write its amounts."""

    symbol: str
    address: Pubkey
    decimals: int
    token_program: Pubkey = TOKEN_PROGRAM_ID

    def units(self, whole: str | int) -> int:
        """Base units of ``whole`` tokens (an exact decimal string or an integer)."""
        return int(Decimal(whole).scaleb(self.decimals))

    def show(self, amount: int) -> str:
        text = f"{Decimal(amount).scaleb(-self.decimals):,.{self.decimals}f}"
        return f"{text.rstrip('0').rstrip('.')} {self.symbol}"


@dataclass(frozen=True)
class Participant:
    """Someone in the scenario: a name people can follow, a role and a funded keypair."""

    name: str
    role: str
    keypair: Keypair

    @property
    def key(self) -> Pubkey:
        return self.keypair.pubkey()

    def token(self, mint: Mint) -> Pubkey:
        """The participant's associated token account of ``mint``."""
        return get_associated_token_address(self.key, mint.address, mint.token_program)


@dataclass(frozen=True)
class Cast:
    """Everyone in the scenario. The admin is the cluster's wallet: the programs' upgrade
    authority and both mints' authority."""

    admin: Participant
    rewards: Participant
    treasury: Participant
    coordinator: Participant
    reporter: Participant
    suppliers: tuple[Participant, Participant, Participant]
    costaker: Participant
    customers: tuple[Participant, Participant, Participant]

    @property
    def everyone(self) -> list[Participant]:
        return [self.admin, self.rewards, self.treasury, self.coordinator, self.reporter,
                *self.suppliers, self.costaker, *self.customers]


async def create_mint(cluster: TestCluster, symbol: str, decimals: int) -> Mint:
    """A new SPL Token mint without a freeze authority (io_staking refuses one)."""
    return Mint(symbol, await cluster.create_mint(decimals=decimals), decimals)


async def join(cluster: TestCluster, name: str, role: str, mints: tuple[Mint, ...],
               keypair: Keypair | None = None) -> Participant:
    """A participant with SOL for fees and an associated token account of each mint."""
    if keypair is None:
        keypair = await cluster.new_funded_keypair()
    person = Participant(name, role, keypair)
    await cluster.send([create_associated_token_account(
        cluster.wallet.pubkey(), person.key, mint.address, mint.token_program)
        for mint in mints])
    return person


def write_keypair(person: Participant, path: Path) -> Path:
    """Writes the keypair as the Solana CLI does (a JSON array of the 64 bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(bytes(person.keypair))))
    return path
