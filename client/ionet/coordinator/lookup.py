"""Address lookup tables the coordinator creates and extends itself, so that a
``settle_batch`` of many escrows fits one v0 transaction (an escrow then costs one byte
of account index instead of 32). Tables are journaled before they are created and read
back from the chain on start."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Awaitable, Callable, Sequence

from solders.address_lookup_table_account import (
    AddressLookupTableAccount,
    derive_lookup_table_address,
)
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet.coordinator import faults
from ionet.coordinator.chain import Chain
from ionet.coordinator.journal import Journal

__all__ = ["ALT_PROGRAM_ID", "LookupTables"]

ALT_PROGRAM_ID = Pubkey.from_string("AddressLookupTab1e1111111111111111111111111")
SYSTEM_PROGRAM_ID = Pubkey.from_string("11111111111111111111111111111111")
TABLE_CAPACITY = 256
HEADER = 56
EXTEND_CHUNK = 20
"""Addresses per extend instruction (its transaction must stay under 1232 bytes)."""

Submit = Callable[[list[Instruction]], Awaitable[None]]


class LookupTables:
    """The coordinator's tables; ``submit`` lands a transaction paid by ``authority``."""

    def __init__(self, chain: Chain, journal: Journal, authority: Keypair,
                 submit: Submit) -> None:
        self.chain = chain
        self.journal = journal
        self.authority = authority
        self.submit = submit
        self.tables: list[AddressLookupTableAccount] = []
        self._where: dict[Pubkey, int] = {}

    async def load(self) -> None:
        """The journaled tables as they are on-chain (other workers extend them too)."""
        self.tables, self._where = [], {}
        keys = [Pubkey.from_string(a) for a in self.journal.lookup_tables()]
        found = await self.chain.accounts(keys)
        for key in keys:
            if key in found:
                data = found[key][1]
                addresses = [Pubkey.from_bytes(data[i:i + 32])
                             for i in range(HEADER, len(data) - 31, 32)]
                self._add(AddressLookupTableAccount(key, addresses))

    def _add(self, table: AddressLookupTableAccount) -> None:
        self.tables.append(table)
        for address in table.addresses:
            self._where.setdefault(address, len(self.tables) - 1)

    def _meta(self, table: Pubkey) -> list[AccountMeta]:
        me = self.authority.pubkey()
        return [AccountMeta(table, False, True), AccountMeta(me, True, False),
                AccountMeta(me, True, True), AccountMeta(SYSTEM_PROGRAM_ID, False, False)]

    async def _create(self) -> None:
        slot = await self.chain.slot()
        table, bump = derive_lookup_table_address(self.authority.pubkey(), slot)
        # Journaled before it is created: a table created and then lost with the journal
        # or the process would be paid for and never used (one never created is skipped
        # by `load`).
        self.journal.add_lookup_table(str(table))
        await self.submit([Instruction(ALT_PROGRAM_ID, struct.pack("<IQB", 0, slot, bump),
                                       self._meta(table))])
        faults.reached("table")
        self._add(AddressLookupTableAccount(table, []))

    def covering(self, addresses: Sequence[Pubkey]) -> list[AddressLookupTableAccount]:
        """The tables already holding some of ``addresses`` (nothing is extended)."""
        used = sorted({self._where[a] for a in addresses if a in self._where})
        return [self.tables[i] for i in used]

    async def ensure(self, addresses: Sequence[Pubkey]) -> list[AddressLookupTableAccount]:
        """Tables holding every one of ``addresses`` (extended or created first)."""
        if any(a not in self._where for a in addresses):
            await self.load()
        missing = list(dict.fromkeys(a for a in addresses if a not in self._where))
        extended = False
        while missing:
            if not self.tables or len(self.tables[-1].addresses) >= TABLE_CAPACITY:
                await self._create()
            index = len(self.tables) - 1
            table = self.tables[index]
            room = TABLE_CAPACITY - len(table.addresses)
            chunk, missing = missing[:min(room, EXTEND_CHUNK)], missing[min(room, EXTEND_CHUNK):]
            data = struct.pack("<IQ", 2, len(chunk)) + b"".join(bytes(a) for a in chunk)
            await self.submit([Instruction(ALT_PROGRAM_ID, data, self._meta(table.key))])
            self.tables[index] = AddressLookupTableAccount(table.key,
                                                           [*table.addresses, *chunk])
            for address in chunk:
                self._where.setdefault(address, index)
            extended = True
        if extended:
            await self._next_slot()
        return self.covering(addresses)

    async def _next_slot(self) -> None:
        """Addresses added in a slot can be looked up from the next slot on."""
        current = await self.chain.slot()
        while await self.chain.slot() <= current:
            await asyncio.sleep(0.05)
