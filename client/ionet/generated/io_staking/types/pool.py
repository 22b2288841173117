from __future__ import annotations
import typing
from dataclasses import dataclass
from construct import Container
import borsh_construct as borsh


class PoolJSON(typing.TypedDict):
    tokens: int
    shares: int


@dataclass
class Pool:
    layout: typing.ClassVar = borsh.CStruct("tokens" / borsh.U64, "shares" / borsh.U64)
    tokens: int
    shares: int

    @classmethod
    def from_decoded(cls, obj: Container) -> "Pool":
        return cls(tokens=obj.tokens, shares=obj.shares)

    def to_encodable(self) -> dict[str, typing.Any]:
        return {"tokens": self.tokens, "shares": self.shares}

    def to_json(self) -> PoolJSON:
        return {"tokens": self.tokens, "shares": self.shares}

    @classmethod
    def from_json(cls, obj: PoolJSON) -> "Pool":
        return cls(tokens=obj["tokens"], shares=obj["shares"])
