from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
from solders.pubkey import Pubkey
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh


class InitParamsJSON(typing.TypedDict):
    coordinator: str
    treasury: str
    staking_program: str
    customer_fee_bps: int
    supplier_fee_bps: int
    fee_delay_secs: int
    refund_grace_secs: int


@dataclass
class InitParams:
    layout: typing.ClassVar = borsh.CStruct(
        "coordinator" / BorshPubkey,
        "treasury" / BorshPubkey,
        "staking_program" / BorshPubkey,
        "customer_fee_bps" / borsh.U16,
        "supplier_fee_bps" / borsh.U16,
        "fee_delay_secs" / borsh.I64,
        "refund_grace_secs" / borsh.I64,
    )
    coordinator: Pubkey
    treasury: Pubkey
    staking_program: Pubkey
    customer_fee_bps: int
    supplier_fee_bps: int
    fee_delay_secs: int
    refund_grace_secs: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "InitParams":
        return cls(
            coordinator=obj.coordinator,
            treasury=obj.treasury,
            staking_program=obj.staking_program,
            customer_fee_bps=obj.customer_fee_bps,
            supplier_fee_bps=obj.supplier_fee_bps,
            fee_delay_secs=obj.fee_delay_secs,
            refund_grace_secs=obj.refund_grace_secs,
        )

    def to_encodable(self) -> dict[str, typing.Any]:
        return {
            "coordinator": self.coordinator,
            "treasury": self.treasury,
            "staking_program": self.staking_program,
            "customer_fee_bps": self.customer_fee_bps,
            "supplier_fee_bps": self.supplier_fee_bps,
            "fee_delay_secs": self.fee_delay_secs,
            "refund_grace_secs": self.refund_grace_secs,
        }

    def to_json(self) -> InitParamsJSON:
        return {
            "coordinator": str(self.coordinator),
            "treasury": str(self.treasury),
            "staking_program": str(self.staking_program),
            "customer_fee_bps": self.customer_fee_bps,
            "supplier_fee_bps": self.supplier_fee_bps,
            "fee_delay_secs": self.fee_delay_secs,
            "refund_grace_secs": self.refund_grace_secs,
        }

    @classmethod
    def from_json(cls, obj: InitParamsJSON) -> "InitParams":
        return cls(
            coordinator=Pubkey.from_string(obj["coordinator"]),
            treasury=Pubkey.from_string(obj["treasury"]),
            staking_program=Pubkey.from_string(obj["staking_program"]),
            customer_fee_bps=obj["customer_fee_bps"],
            supplier_fee_bps=obj["supplier_fee_bps"],
            fee_delay_secs=obj["fee_delay_secs"],
            refund_grace_secs=obj["refund_grace_secs"],
        )
