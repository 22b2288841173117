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


class SlashingConfigJSON(typing.TypedDict):
    version: int
    bump: int
    slasher_bump: int
    paused: bool
    reporter_count: int
    admin: str
    pending_admin: str
    staking_program: str
    slasher: str
    params: types.slashing_params.SlashingParamsJSON
    reporters: list[str]
    reserved: list[int]


@dataclass
class SlashingConfig:
    discriminator: typing.ClassVar = b"C'E\xc7j\xe8(,"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "slasher_bump" / borsh.U8,
        "paused" / borsh.Bool,
        "reporter_count" / borsh.U8,
        "admin" / BorshPubkey,
        "pending_admin" / BorshPubkey,
        "staking_program" / BorshPubkey,
        "slasher" / BorshPubkey,
        "params" / types.slashing_params.SlashingParams.layout,
        "reporters" / BorshPubkey[8],
        "reserved" / borsh.U8[64],
    )
    version: int
    bump: int
    slasher_bump: int
    paused: bool
    reporter_count: int
    admin: Pubkey
    pending_admin: Pubkey
    staking_program: Pubkey
    slasher: Pubkey
    params: types.slashing_params.SlashingParams
    reporters: list[Pubkey]
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["SlashingConfig"]:
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
    ) -> typing.List[typing.Optional["SlashingConfig"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["SlashingConfig"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "SlashingConfig":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = SlashingConfig.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            slasher_bump=dec.slasher_bump,
            paused=dec.paused,
            reporter_count=dec.reporter_count,
            admin=dec.admin,
            pending_admin=dec.pending_admin,
            staking_program=dec.staking_program,
            slasher=dec.slasher,
            params=types.slashing_params.SlashingParams.from_decoded(dec.params),
            reporters=dec.reporters,
            reserved=dec.reserved,
        )

    def to_json(self) -> SlashingConfigJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "slasher_bump": self.slasher_bump,
            "paused": self.paused,
            "reporter_count": self.reporter_count,
            "admin": str(self.admin),
            "pending_admin": str(self.pending_admin),
            "staking_program": str(self.staking_program),
            "slasher": str(self.slasher),
            "params": self.params.to_json(),
            "reporters": list(map(lambda item: str(item), self.reporters)),
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: SlashingConfigJSON) -> "SlashingConfig":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            slasher_bump=obj["slasher_bump"],
            paused=obj["paused"],
            reporter_count=obj["reporter_count"],
            admin=Pubkey.from_string(obj["admin"]),
            pending_admin=Pubkey.from_string(obj["pending_admin"]),
            staking_program=Pubkey.from_string(obj["staking_program"]),
            slasher=Pubkey.from_string(obj["slasher"]),
            params=types.slashing_params.SlashingParams.from_json(obj["params"]),
            reporters=list(
                map(lambda item: Pubkey.from_string(item), obj["reporters"])
            ),
            reserved=obj["reserved"],
        )
