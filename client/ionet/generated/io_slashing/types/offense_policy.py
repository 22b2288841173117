from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
import borsh_construct as borsh


class OffensePolicyJSON(typing.TypedDict):
    max_bps: int
    jail_secs: int


@dataclass
class OffensePolicy:
    layout: typing.ClassVar = borsh.CStruct(
        "max_bps" / borsh.U16, "jail_secs" / borsh.I64
    )
    max_bps: int
    jail_secs: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "OffensePolicy":
        return cls(max_bps=obj.max_bps, jail_secs=obj.jail_secs)

    def to_encodable(self) -> dict[str, typing.Any]:
        return {"max_bps": self.max_bps, "jail_secs": self.jail_secs}

    def to_json(self) -> OffensePolicyJSON:
        return {"max_bps": self.max_bps, "jail_secs": self.jail_secs}

    @classmethod
    def from_json(cls, obj: OffensePolicyJSON) -> "OffensePolicy":
        return cls(max_bps=obj["max_bps"], jail_secs=obj["jail_secs"])
