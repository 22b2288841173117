"""What the demo's chapters share: the cluster, the programs, the mints, the cast, and what
earlier chapters created (nodes, escrows, balances at the start)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from solders.pubkey import Pubkey

from ionet.demo.cast import Cast, Mint, Participant
from ionet.demo.narrator import DemoFailed, Narrator
from ionet.escrow import Escrow, EscrowProgram
from ionet.slashing import SlashingProgram
from ionet.staking import StakingConfig, StakingProgram
from ionet.testing import TestCluster


@dataclass(frozen=True)
class Device:
    """A supplier's registered device (an io_staking node)."""

    owner: Participant
    label: str
    uuid: str
    address: Pubkey


@dataclass(frozen=True)
class OpenedEscrow:
    """An escrow a customer opened."""

    customer: Participant
    job_id: int
    device: Device
    mint: Mint
    address: Pubkey
    rate_per_second: int


@dataclass
class Scene:
    cluster: TestCluster
    narrator: Narrator
    work_dir: Path
    staking: StakingProgram
    escrow: EscrowProgram
    slashing: SlashingProgram
    io: Mint
    usdc: Mint
    cast: Cast
    devices: list[Device] = field(default_factory=list)
    escrows: list[OpenedEscrow] = field(default_factory=list)
    start_balances: dict[tuple[Pubkey, Pubkey], int] = field(default_factory=dict)
    """(owner, mint) → the token balance once everyone was funded."""

    @property
    def mints(self) -> tuple[Mint, Mint]:
        return self.io, self.usdc

    def device(self, owner: Participant) -> Device:
        return next(d for d in self.devices if d.owner == owner)

    async def balance(self, person: Participant, mint: Mint) -> int:
        return await self.cluster.token_balance(person.token(mint))

    async def now(self) -> int:
        return await self.cluster.unix_timestamp()

    async def staking_config(self) -> StakingConfig:
        config = await self.staking.fetch_config(self.cluster.client)
        if config is None:
            raise DemoFailed("io_staking has no config")
        return config

    async def fetch_escrow(self, opened: OpenedEscrow) -> Escrow | None:
        """The escrow's account, None once it is closed."""
        return await self.escrow.fetch_escrow(self.cluster.client, opened.address)
