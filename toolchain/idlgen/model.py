"""The legacy Anchor IDL that is each program's interface definition, and facts about it.

`programs/<name>/idl.json` is written by hand in the format Anchor <= 0.29 emitted
(camelCase names, `isMut`/`isSigner`, `publicKey`, `{"defined": "X"}`) because that is
what anchorpy reads. Everything else about the interface is generated from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Json = dict[str, Any]

PRIMITIVE_SIZES = {"bool": 1, "u8": 1, "i8": 1, "u16": 2, "i16": 2, "u32": 4, "i32": 4,
                   "u64": 8, "i64": 8, "u128": 16, "i128": 16, "publicKey": 32}


class IdlError(ValueError):
    """The IDL uses something the generators do not support, or is inconsistent."""


def snake(name: str) -> str:
    """`registerNode` -> `register_node`, `NodeRegistered` -> `node_registered`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def pascal(name: str) -> str:
    """`register_node` or `registerNode` -> `RegisterNode`."""
    return "".join(part[:1].upper() + part[1:] for part in snake(name).split("_"))


def discriminator(namespace: str, name: str) -> bytes:
    """Anchor's 8-byte discriminator: sha256("<namespace>:<name>")[:8]."""
    return hashlib.sha256(f"{namespace}:{name}".encode()).digest()[:8]


def instruction_discriminator(ix_name: str) -> bytes:
    return discriminator("global", snake(ix_name))


def account_discriminator(account_name: str) -> bytes:
    return discriminator("account", account_name)


def event_discriminator(event_name: str) -> bytes:
    return discriminator("event", event_name)


@dataclass(frozen=True)
class Program:
    name: str
    idl_path: Path
    idl: Json

    @classmethod
    def load(cls, idl_path: Path) -> Program:
        idl = json.loads(idl_path.read_text())
        program = cls(idl["name"], idl_path, idl)
        program.validate()
        return program

    def defined(self, name: str) -> Json:
        for item in self.idl.get("types", []) + self.idl.get("accounts", []):
            if item["name"] == name:
                return item
        raise IdlError(f"{self.name}: type {name!r} is not defined")

    def size_of(self, ty: Any) -> int:
        """Borsh size of a fixed-size type; fails for variable-size types."""
        if isinstance(ty, str):
            if ty not in PRIMITIVE_SIZES:
                raise IdlError(f"{self.name}: type {ty!r} is not fixed-size or not supported")
            return PRIMITIVE_SIZES[ty]
        if "array" in ty:
            inner, count = ty["array"]
            return self.size_of(inner) * count
        if "defined" in ty:
            item = self.defined(ty["defined"])
            if item["type"]["kind"] != "struct":
                raise IdlError(f"{self.name}: {ty['defined']} is not a struct")
            return sum(self.size_of(f["type"]) for f in item["type"]["fields"])
        raise IdlError(f"{self.name}: type {ty!r} is not fixed-size")

    def validate(self) -> None:
        codes = [e["code"] for e in self.idl.get("errors", [])]
        if codes != list(range(6000, 6000 + len(codes))):
            raise IdlError(f"{self.name}: error codes must run 6000, 6001, ... in order")
        names = [ix["name"] for ix in self.idl["instructions"]]
        if len(set(map(snake, names))) != len(names):
            raise IdlError(f"{self.name}: two instructions share a name")
        for account in self.idl.get("accounts", []):
            self.size_of({"defined": account["name"]})
        for event in self.idl.get("events", []):
            for field in event["fields"]:
                self.size_of(field["type"])
