import typing
from dataclasses import dataclass
from solders.pubkey import Pubkey
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
import borsh_construct as borsh
from anchorpy.coder.accounts import ACCOUNT_DISCRIMINATOR_SIZE
from anchorpy.error import AccountInvalidDiscriminator
from anchorpy.utils.rpc import get_multiple_accounts
from anchorpy.borsh_extension import BorshPubkey
from ..program_id import PROGRAM_ID
from .. import types


class NodeRecordJSON(typing.TypedDict):
    version: int
    bump: int
    node: str
    next_seq: int
    executed: int
    window: list[types.window_entry.WindowEntryJSON]
    reserved: list[int]


@dataclass
class NodeRecord:
    discriminator: typing.ClassVar = b"\xc5\xe9\x1bU\x99\x8a\xd8s"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "node" / BorshPubkey,
        "next_seq" / borsh.U64,
        "executed" / borsh.U32,
        "window" / types.window_entry.WindowEntry.layout[16],
        "reserved" / borsh.U8[32],
    )
    version: int
    bump: int
    node: Pubkey
    next_seq: int
    executed: int
    window: list[types.window_entry.WindowEntry]
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["NodeRecord"]:
        resp = await conn.get_account_info(address, commitment=commitment)
        info = resp.value
        if info is None:
            return None
        if info.owner != program_id:
            raise ValueError("Account does not belong to this program")
        bytes_data = info.data
        return cls.decode(bytes_data)

    @classmethod
    async def fetch_multiple(
        cls,
        conn: AsyncClient,
        addresses: list[Pubkey],
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.List[typing.Optional["NodeRecord"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["NodeRecord"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "NodeRecord":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = NodeRecord.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            node=dec.node,
            next_seq=dec.next_seq,
            executed=dec.executed,
            window=list(
                map(
                    lambda item: types.window_entry.WindowEntry.from_decoded(item),
                    dec.window,
                )
            ),
            reserved=dec.reserved,
        )

    def to_json(self) -> NodeRecordJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "node": str(self.node),
            "next_seq": self.next_seq,
            "executed": self.executed,
            "window": list(map(lambda item: item.to_json(), self.window)),
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: NodeRecordJSON) -> "NodeRecord":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            node=Pubkey.from_string(obj["node"]),
            next_seq=obj["next_seq"],
            executed=obj["executed"],
            window=list(
                map(
                    lambda item: types.window_entry.WindowEntry.from_json(item),
                    obj["window"],
                )
            ),
            reserved=obj["reserved"],
        )
