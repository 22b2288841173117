from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
import borsh_construct as borsh


class SettleEntryJSON(typing.TypedDict):
    amount: int
    seq: int


@dataclass
class SettleEntry:
    layout: typing.ClassVar = borsh.CStruct("amount" / borsh.U64, "seq" / borsh.U64)
    amount: int
    seq: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "SettleEntry":
        return cls(amount=obj.amount, seq=obj.seq)

    def to_encodable(self) -> dict[str, typing.Any]:
        return {"amount": self.amount, "seq": self.seq}

    def to_json(self) -> SettleEntryJSON:
        return {"amount": self.amount, "seq": self.seq}

    @classmethod
    def from_json(cls, obj: SettleEntryJSON) -> "SettleEntry":
        return cls(amount=obj["amount"], seq=obj["seq"])
