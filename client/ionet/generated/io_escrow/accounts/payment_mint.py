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


class PaymentMintJSON(typing.TypedDict):
    version: int
    bump: int
    decimals: int
    mint: str
    token_program: str
    vault: str
    owed: int
    fees_accrued: int
    fees_swept: int
    open_escrows: int
    reserved: list[int]


@dataclass
class PaymentMint:
    discriminator: typing.ClassVar = b"\xeaIfhi\xd3\xfb\xee"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "decimals" / borsh.U8,
        "mint" / BorshPubkey,
        "token_program" / BorshPubkey,
        "vault" / BorshPubkey,
        "owed" / borsh.U64,
        "fees_accrued" / borsh.U64,
        "fees_swept" / borsh.U64,
        "open_escrows" / borsh.U64,
        "reserved" / borsh.U8[64],
    )
    version: int
    bump: int
    decimals: int
    mint: Pubkey
    token_program: Pubkey
    vault: Pubkey
    owed: int
    fees_accrued: int
    fees_swept: int
    open_escrows: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["PaymentMint"]:
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
    ) -> typing.List[typing.Optional["PaymentMint"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["PaymentMint"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "PaymentMint":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = PaymentMint.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            decimals=dec.decimals,
            mint=dec.mint,
            token_program=dec.token_program,
            vault=dec.vault,
            owed=dec.owed,
            fees_accrued=dec.fees_accrued,
            fees_swept=dec.fees_swept,
            open_escrows=dec.open_escrows,
            reserved=dec.reserved,
        )

    def to_json(self) -> PaymentMintJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "decimals": self.decimals,
            "mint": str(self.mint),
            "token_program": str(self.token_program),
            "vault": str(self.vault),
            "owed": self.owed,
            "fees_accrued": self.fees_accrued,
            "fees_swept": self.fees_swept,
            "open_escrows": self.open_escrows,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: PaymentMintJSON) -> "PaymentMint":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            decimals=obj["decimals"],
            mint=Pubkey.from_string(obj["mint"]),
            token_program=Pubkey.from_string(obj["token_program"]),
            vault=Pubkey.from_string(obj["vault"]),
            owed=obj["owed"],
            fees_accrued=obj["fees_accrued"],
            fees_swept=obj["fees_swept"],
            open_escrows=obj["open_escrows"],
            reserved=obj["reserved"],
        )
