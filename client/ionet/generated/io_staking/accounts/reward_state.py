import typing
from dataclasses import dataclass
from solders.pubkey import Pubkey
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
import borsh_construct as borsh
from anchorpy.coder.accounts import ACCOUNT_DISCRIMINATOR_SIZE
from anchorpy.error import AccountInvalidDiscriminator
from anchorpy.utils.rpc import get_multiple_accounts
from ..program_id import PROGRAM_ID


class RewardStateJSON(typing.TypedDict):
    version: int
    bump: int
    epoch: int
    root: list[int]
    root_total: int
    posted_at: int
    credited: int
    paid: int
    reserved: list[int]


@dataclass
class RewardState:
    discriminator: typing.ClassVar = b"V\xf5\x95\xaaZl\x1f\xfb"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "epoch" / borsh.U64,
        "root" / borsh.U8[32],
        "root_total" / borsh.U64,
        "posted_at" / borsh.I64,
        "credited" / borsh.U64,
        "paid" / borsh.U64,
        "reserved" / borsh.U8[64],
    )
    version: int
    bump: int
    epoch: int
    root: list[int]
    root_total: int
    posted_at: int
    credited: int
    paid: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["RewardState"]:
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
    ) -> typing.List[typing.Optional["RewardState"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["RewardState"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "RewardState":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = RewardState.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            epoch=dec.epoch,
            root=dec.root,
            root_total=dec.root_total,
            posted_at=dec.posted_at,
            credited=dec.credited,
            paid=dec.paid,
            reserved=dec.reserved,
        )

    def to_json(self) -> RewardStateJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "epoch": self.epoch,
            "root": self.root,
            "root_total": self.root_total,
            "posted_at": self.posted_at,
            "credited": self.credited,
            "paid": self.paid,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: RewardStateJSON) -> "RewardState":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            epoch=obj["epoch"],
            root=obj["root"],
            root_total=obj["root_total"],
            posted_at=obj["posted_at"],
            credited=obj["credited"],
            paid=obj["paid"],
            reserved=obj["reserved"],
        )
