"""The cluster the app talks to and the deployments on it, resolved as the CLI resolves
them (``-u/--url``, ``Anchor.toml``'s ``[programs.<cluster>]``, ``--program-id`` for
io_staking)."""

from __future__ import annotations

from dataclasses import dataclass

from solders.pubkey import Pubkey

from ionet.cli.context import Context
from ionet.cli.errors import CliError
from ionet.cli.staking_accounts import Staking, load_staking
from ionet.escrow import EscrowProgram
from ionet.slashing import SlashingProgram

__all__ = ["WALLET_CHAINS", "Chain", "blockchain_id"]

WALLET_CHAINS = {"localnet": "solana:localnet", "devnet": "solana:devnet",
                 "testnet": "solana:testnet", "mainnet": "solana:mainnet"}
"""The Wallet Standard's chain names (a custom URL is signed for as localnet)."""


def blockchain_id(genesis_hash: str) -> str:
    """The CAIP-2 id the Actions headers use: ``solana:`` and the genesis hash's first 32
    characters."""
    return f"solana:{genesis_hash[:32]}"


@dataclass
class Chain:
    """The app's cluster: the CLI context (client, commitment, program ids, explorer
    links) and the cluster's CAIP-2 id."""

    ctx: Context
    blockchain_id: str

    @classmethod
    async def connect(cls, ctx: Context) -> Chain:
        genesis = (await ctx.client.get_genesis_hash()).value
        return cls(ctx, blockchain_id(str(genesis)))

    @property
    def wallet_chain(self) -> str:
        return WALLET_CHAINS.get(self.ctx.cluster_name, "solana:localnet")

    async def staking(self) -> Staking:
        return await load_staking(self.ctx)

    def escrow(self, staking: Staking) -> EscrowProgram:
        return EscrowProgram(self.ctx.program_id("io_escrow", override=False),
                             staking.program_id)

    def slashing(self, staking: Staking) -> SlashingProgram:
        return SlashingProgram(self.ctx.program_id("io_slashing", override=False),
                               staking.program)

    def names(self, staking: Staking) -> dict[Pubkey, str]:
        """Our programs' ids and names, so that their errors are told by name."""
        names = dict(staking.names)
        for program in ("io_escrow", "io_slashing"):
            try:
                names[self.ctx.program_id(program, override=False)] = program
            except CliError:  # no id for that program: its errors stay numbers
                continue
        return names
