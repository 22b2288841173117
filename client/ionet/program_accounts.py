"""Fetching a program's accounts of one type (``getProgramAccounts``), for the SDK modules."""

from __future__ import annotations

from collections.abc import Sequence

from based58 import b58encode
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

__all__ = ["program_accounts"]


async def program_accounts(conn: AsyncClient, program_id: Pubkey, discriminator: bytes,
                           filters: Sequence[MemcmpOpts],
                           commitment: Commitment) -> list[tuple[Pubkey, bytes]]:
    """(address, data) of every account of ``program_id`` whose data starts with
    ``discriminator`` and matches ``filters``."""
    by_type = MemcmpOpts(offset=0, bytes=b58encode(discriminator).decode())
    found = await conn.get_program_accounts(program_id, commitment=commitment,
                                            encoding="base64", filters=[by_type, *filters])
    return [(a.pubkey, bytes(a.account.data)) for a in found.value]
