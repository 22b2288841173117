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


class EscrowJSON(typing.TypedDict):
    version: int
    bump: int
    customer: str
    node: str
    mint: str
    payout: str
    job_id: int
    deposited: int
    settled: int
    customer_fee_bps: int
    supplier_fee_bps: int
    customer_fees: int
    supplier_fees: int
    rate_per_second: int
    min_charge: int
    next_seq: int
    opened_at: int
    expires_at: int
    refund_after: int
    reserved: list[int]


@dataclass
class Escrow:
    discriminator: typing.ClassVar = b"\x1f\xd5{\xbb\xba\x16\xda\x9b"
    layout: typing.ClassVar = borsh.CStruct(
        "version" / borsh.U8,
        "bump" / borsh.U8,
        "customer" / BorshPubkey,
        "node" / BorshPubkey,
        "mint" / BorshPubkey,
        "payout" / BorshPubkey,
        "job_id" / borsh.U64,
        "deposited" / borsh.U64,
        "settled" / borsh.U64,
        "customer_fee_bps" / borsh.U16,
        "supplier_fee_bps" / borsh.U16,
        "customer_fees" / borsh.U64,
        "supplier_fees" / borsh.U64,
        "rate_per_second" / borsh.U64,
        "min_charge" / borsh.U64,
        "next_seq" / borsh.U64,
        "opened_at" / borsh.I64,
        "expires_at" / borsh.I64,
        "refund_after" / borsh.I64,
        "reserved" / borsh.U8[32],
    )
    version: int
    bump: int
    customer: Pubkey
    node: Pubkey
    mint: Pubkey
    payout: Pubkey
    job_id: int
    deposited: int
    settled: int
    customer_fee_bps: int
    supplier_fee_bps: int
    customer_fees: int
    supplier_fees: int
    rate_per_second: int
    min_charge: int
    next_seq: int
    opened_at: int
    expires_at: int
    refund_after: int
    reserved: list[int]

    @classmethod
    async def fetch(
        cls,
        conn: AsyncClient,
        address: Pubkey,
        commitment: typing.Optional[Commitment] = None,
        program_id: Pubkey = PROGRAM_ID,
    ) -> typing.Optional["Escrow"]:
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
    ) -> typing.List[typing.Optional["Escrow"]]:
        infos = await get_multiple_accounts(conn, addresses, commitment=commitment)
        res: typing.List[typing.Optional["Escrow"]] = []
        for info in infos:
            if info is None:
                res.append(None)
                continue
            if info.account.owner != program_id:
                raise ValueError("Account does not belong to this program")
            res.append(cls.decode(info.account.data))
        return res

    @classmethod
    def decode(cls, data: bytes) -> "Escrow":
        if data[:ACCOUNT_DISCRIMINATOR_SIZE] != cls.discriminator:
            raise AccountInvalidDiscriminator(
                "The discriminator for this account is invalid"
            )
        dec = Escrow.layout.parse(data[ACCOUNT_DISCRIMINATOR_SIZE:])
        return cls(
            version=dec.version,
            bump=dec.bump,
            customer=dec.customer,
            node=dec.node,
            mint=dec.mint,
            payout=dec.payout,
            job_id=dec.job_id,
            deposited=dec.deposited,
            settled=dec.settled,
            customer_fee_bps=dec.customer_fee_bps,
            supplier_fee_bps=dec.supplier_fee_bps,
            customer_fees=dec.customer_fees,
            supplier_fees=dec.supplier_fees,
            rate_per_second=dec.rate_per_second,
            min_charge=dec.min_charge,
            next_seq=dec.next_seq,
            opened_at=dec.opened_at,
            expires_at=dec.expires_at,
            refund_after=dec.refund_after,
            reserved=dec.reserved,
        )

    def to_json(self) -> EscrowJSON:
        return {
            "version": self.version,
            "bump": self.bump,
            "customer": str(self.customer),
            "node": str(self.node),
            "mint": str(self.mint),
            "payout": str(self.payout),
            "job_id": self.job_id,
            "deposited": self.deposited,
            "settled": self.settled,
            "customer_fee_bps": self.customer_fee_bps,
            "supplier_fee_bps": self.supplier_fee_bps,
            "customer_fees": self.customer_fees,
            "supplier_fees": self.supplier_fees,
            "rate_per_second": self.rate_per_second,
            "min_charge": self.min_charge,
            "next_seq": self.next_seq,
            "opened_at": self.opened_at,
            "expires_at": self.expires_at,
            "refund_after": self.refund_after,
            "reserved": self.reserved,
        }

    @classmethod
    def from_json(cls, obj: EscrowJSON) -> "Escrow":
        return cls(
            version=obj["version"],
            bump=obj["bump"],
            customer=Pubkey.from_string(obj["customer"]),
            node=Pubkey.from_string(obj["node"]),
            mint=Pubkey.from_string(obj["mint"]),
            payout=Pubkey.from_string(obj["payout"]),
            job_id=obj["job_id"],
            deposited=obj["deposited"],
            settled=obj["settled"],
            customer_fee_bps=obj["customer_fee_bps"],
            supplier_fee_bps=obj["supplier_fee_bps"],
            customer_fees=obj["customer_fees"],
            supplier_fees=obj["supplier_fees"],
            rate_per_second=obj["rate_per_second"],
            min_charge=obj["min_charge"],
            next_seq=obj["next_seq"],
            opened_at=obj["opened_at"],
            expires_at=obj["expires_at"],
            refund_after=obj["refund_after"],
            reserved=obj["reserved"],
        )
