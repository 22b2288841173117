from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
from solders.pubkey import Pubkey
from anchorpy.borsh_extension import BorshPubkey
import borsh_construct as borsh


class ConfigParamsJSON(typing.TypedDict):
    coordinator: str
    treasury: str
    refund_grace_secs: int


@dataclass
class ConfigParams:
    layout: typing.ClassVar = borsh.CStruct(
        "coordinator" / BorshPubkey,
        "treasury" / BorshPubkey,
        "refund_grace_secs" / borsh.I64,
    )
    coordinator: Pubkey
    treasury: Pubkey
    refund_grace_secs: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "ConfigParams":
        return cls(
            coordinator=obj.coordinator,
            treasury=obj.treasury,
            refund_grace_secs=obj.refund_grace_secs,
        )

    def to_encodable(self) -> dict[str, typing.Any]:
        return {
            "coordinator": self.coordinator,
            "treasury": self.treasury,
            "refund_grace_secs": self.refund_grace_secs,
        }

    def to_json(self) -> ConfigParamsJSON:
        return {
            "coordinator": str(self.coordinator),
            "treasury": str(self.treasury),
            "refund_grace_secs": self.refund_grace_secs,
        }

    @classmethod
    def from_json(cls, obj: ConfigParamsJSON) -> "ConfigParams":
        return cls(
            coordinator=Pubkey.from_string(obj["coordinator"]),
            treasury=Pubkey.from_string(obj["treasury"]),
            refund_grace_secs=obj["refund_grace_secs"],
        )
