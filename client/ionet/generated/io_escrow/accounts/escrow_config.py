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


class EscrowConfigJSON(typing.TypedDict):
    version: int
    bump: int
    paused: bool
    admin: str
    pending_admin: str
    coordinator: str
    treasury: str
    staking_program: str
    customer_fee_bps: int
    supplier_fee_bps: int
    pending_customer_fee_bps: int
    pending_supplier_fee_bps: int
    fees_change_at: int
    fee_delay_secs: int
    refund_grace_secs: int
    reserved: list[int]


@dataclass
class EscrowConfig:
    discriminator: typing.ClassVar = b"\x8a\xae\xe3\xbb\xef\x94\x01,"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "paused" / borsh.Bool,
        "admin" / BorshPubkey,
        "pending_admin" / BorshPubkey,
        "coordinator" / BorshPubkey,
        "treasury" / BorshPubkey,
        "staking_program" / BorshPubkey,
        "customer_fee_bps" / borsh.U16,
        "supplier_fee_bps" / borsh.U16,
        "pending_customer_fee_bps" / borsh.U16,
        "pending_supplier_fee_bps" / borsh.U16,
        "fees_change_at" / borsh.I64,
        "fee_delay_secs" / borsh.I64,
        "refund_grace_secs" / borsh.I64,
        "reserved" / borsh.U8[128],
    )
    version: int
    bump: int
    paused: bool
    admin: Pubkey
    pending_admin: Pubkey
    coordinator: Pubkey
    treasury: Pubkey
    staking_program: Pubkey
    customer_fee_bps: int
    supplier_fee_bps: int
    pending_customer_fee_bps: int
    pending_supplier_fee_bps: int
    fees_change_at: int
    fee_delay_secs: int
    refund_grace_secs: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["EscrowConfig"]:
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
    ) -> typing.List[typing.Optional["EscrowConfig"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["EscrowConfig"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "EscrowConfig":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = EscrowConfig.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            paused=dec.paused,
            admin=dec.admin,
            pending_admin=dec.pending_admin,
            coordinator=dec.coordinator,
            treasury=dec.treasury,
            staking_program=dec.staking_program,
            customer_fee_bps=dec.customer_fee_bps,
            supplier_fee_bps=dec.supplier_fee_bps,
            pending_customer_fee_bps=dec.pending_customer_fee_bps,
            pending_supplier_fee_bps=dec.pending_supplier_fee_bps,
            fees_change_at=dec.fees_change_at,
            fee_delay_secs=dec.fee_delay_secs,
            refund_grace_secs=dec.refund_grace_secs,
            reserved=dec.reserved,
        )

    def to_json(self) -> EscrowConfigJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "paused": self.paused,
            "admin": str(self.admin),
            "pending_admin": str(self.pending_admin),
            "coordinator": str(self.coordinator),
            "treasury": str(self.treasury),
            "staking_program": str(self.staking_program),
            "customer_fee_bps": self.customer_fee_bps,
            "supplier_fee_bps": self.supplier_fee_bps,
            "pending_customer_fee_bps": self.pending_customer_fee_bps,
            "pending_supplier_fee_bps": self.pending_supplier_fee_bps,
            "fees_change_at": self.fees_change_at,
            "fee_delay_secs": self.fee_delay_secs,
            "refund_grace_secs": self.refund_grace_secs,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: EscrowConfigJSON) -> "EscrowConfig":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            paused=obj["paused"],
            admin=Pubkey.from_string(obj["admin"]),
            pending_admin=Pubkey.from_string(obj["pending_admin"]),
            coordinator=Pubkey.from_string(obj["coordinator"]),
            treasury=Pubkey.from_string(obj["treasury"]),
            staking_program=Pubkey.from_string(obj["staking_program"]),
            customer_fee_bps=obj["customer_fee_bps"],
            supplier_fee_bps=obj["supplier_fee_bps"],
            pending_customer_fee_bps=obj["pending_customer_fee_bps"],
            pending_supplier_fee_bps=obj["pending_supplier_fee_bps"],
            fees_change_at=obj["fees_change_at"],
            fee_delay_secs=obj["fee_delay_secs"],
            refund_grace_secs=obj["refund_grace_secs"],
            reserved=obj["reserved"],
        )
