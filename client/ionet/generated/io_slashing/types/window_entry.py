from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
import borsh_construct as borsh


class WindowEntryJSON(typing.TypedDict):
    seq: int
    created_at: int
    bps: int


@dataclass
class WindowEntry:
    layout: typing.ClassVar = borsh.CStruct(
        "seq" / borsh.U64, "created_at" / borsh.I64, "bps" / borsh.U16
    )
    seq: int
    created_at: int
    bps: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "WindowEntry":
        return cls(seq=obj.seq, created_at=obj.created_at, bps=obj.bps)

    def to_encodable(self) -> dict[str, typing.Any]:
        return {"seq": self.seq, "created_at": self.created_at, "bps": self.bps}

    def to_json(self) -> WindowEntryJSON:
        return {"seq": self.seq, "created_at": self.created_at, "bps": self.bps}

    @classmethod
    def from_json(cls, obj: WindowEntryJSON) -> "WindowEntry":
        return cls(seq=obj["seq"], created_at=obj["created_at"], bps=obj["bps"])
