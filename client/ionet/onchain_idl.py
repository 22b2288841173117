"""Anchor's on-chain IDL: the `anchor:idl` instructions our programs answer (see
programs/framework/src/idl.rs), the IDL account's address and layout, and ``publish``,
which `ionet deploy` uses to put a program's 0.30 IDL on chain as `anchor idl init` or
`anchor idl upgrade` would.

The IDL account, owned by the program, at
``create_with_seed(find_program_address([], program_id)[0], "anchor:idl", program_id)``::

    [u8; 8] discriminator   sha256("internal:IdlAccount")[:8]
    [u8; 32] authority
    u32 data_len, then data_len bytes: the IDL JSON, zlib-compressed
"""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from solders.sysvar import RENT

__all__ = [
    "IDL_IX_TAG",
    "IdlAccount",
    "close",
    "compress",
    "create",
    "create_buffer",
    "decode",
    "idl_address",
    "publish",
    "resize",
    "set_authority",
    "set_buffer",
    "write",
]

#: The first 8 bytes of every IDL instruction: Anchor's ``IDL_IX_TAG`` (a u64) in
#: little-endian order, which is ``sha256("anchor:idl")[:8]`` reversed.
IDL_IX_TAG: Final = (0x0A69E9A778BCF440).to_bytes(8, "little")
DISCRIMINATOR: Final = hashlib.sha256(b"internal:IdlAccount").digest()[:8]
SEED: Final = "anchor:idl"
HEADER: Final = 44
#: What one Create or Resize allocates at most, as the program enforces.
MAX_GROWTH: Final = 10_000
#: Bytes of compressed IDL per Write: fits a legacy transaction with one signer.
WRITE_CHUNK: Final = 900
SYSTEM_PROGRAM: Final = Pubkey.from_string("11111111111111111111111111111111")

_CREATE, _CREATE_BUFFER, _WRITE, _SET_BUFFER, _SET_AUTHORITY, _CLOSE, _RESIZE = range(7)


def idl_address(program_id: Pubkey) -> Pubkey:
    base = Pubkey.find_program_address([], program_id)[0]
    return Pubkey.create_with_seed(base, SEED, program_id)


def compress(idl: dict[str, Any]) -> bytes:
    """The IDL as anchor-cli stores it: compact JSON, zlib-compressed."""
    return zlib.compress(json.dumps(idl, separators=(",", ":")).encode())


@dataclass(frozen=True)
class IdlAccount:
    authority: Pubkey
    #: The IDL JSON, decompressed and parsed (None while nothing is written).
    idl: dict[str, Any] | None
    #: Room for compressed IDL bytes (the account's size less the header).
    capacity: int


def decode(data: bytes) -> IdlAccount:
    """Decodes an IDL account; ValueError when it is not one."""
    if len(data) < HEADER or data[:8] != DISCRIMINATOR:
        raise ValueError("not an Anchor IDL account")
    (length,) = struct.unpack_from("<I", data, 40)
    if HEADER + length > len(data):
        raise ValueError("IDL account data is shorter than its length")
    if length == 0:
        return IdlAccount(Pubkey.from_bytes(data[8:40]), None, len(data) - HEADER)
    try:
        idl = json.loads(zlib.decompress(data[HEADER:HEADER + length]))
    except (zlib.error, ValueError) as exc:
        raise ValueError(f"IDL account does not hold compressed JSON: {exc}") from None
    return IdlAccount(Pubkey.from_bytes(data[8:40]), idl, len(data) - HEADER)


def account_data(authority: Pubkey, idl: dict[str, Any], room: int | None = None) -> bytes:
    """An IDL account's data holding ``idl``, with room for ``room`` compressed bytes
    (default: twice the IDL's, as `anchor idl init` allocates)."""
    data = compress(idl)
    room = max(len(data), room if room is not None else min(2 * len(data), 60_000 - HEADER))
    return (DISCRIMINATOR + bytes(authority) + struct.pack("<I", len(data)) + data
            + bytes(room - len(data)))


def _ix(program_id: Pubkey, variant: int, fields: bytes,
        accounts: list[AccountMeta]) -> Instruction:
    return Instruction(program_id, IDL_IX_TAG + bytes([variant]) + fields, accounts)


def create(program_id: Pubkey, payer: Pubkey, data_len: int) -> Instruction:
    """Creates the IDL account (``payer`` becomes its authority) with room for ``data_len``
    bytes, at most ``MAX_GROWTH`` of it now (``resize`` for the rest)."""
    base = Pubkey.find_program_address([], program_id)[0]
    return _ix(program_id, _CREATE, struct.pack("<Q", data_len), [
        AccountMeta(payer, True, False),
        AccountMeta(idl_address(program_id), False, True),
        AccountMeta(base, False, False),
        AccountMeta(SYSTEM_PROGRAM, False, False),
        AccountMeta(program_id, False, False),
        AccountMeta(RENT, False, False),
    ])


def resize(program_id: Pubkey, idl: Pubkey, authority: Pubkey, data_len: int) -> Instruction:
    return _ix(program_id, _RESIZE, struct.pack("<Q", data_len), [
        AccountMeta(idl, False, True),
        AccountMeta(authority, True, True),
        AccountMeta(SYSTEM_PROGRAM, False, False),
    ])


def write(program_id: Pubkey, idl: Pubkey, authority: Pubkey, chunk: bytes) -> Instruction:
    return _ix(program_id, _WRITE, struct.pack("<I", len(chunk)) + chunk, [
        AccountMeta(idl, False, True),
        AccountMeta(authority, True, False),
    ])


def create_buffer(program_id: Pubkey, buffer: Pubkey, authority: Pubkey) -> Instruction:
    return _ix(program_id, _CREATE_BUFFER, b"", [
        AccountMeta(buffer, False, True),
        AccountMeta(authority, True, False),
        AccountMeta(RENT, False, False),
    ])


def set_buffer(program_id: Pubkey, buffer: Pubkey, idl: Pubkey,
               authority: Pubkey) -> Instruction:
    return _ix(program_id, _SET_BUFFER, b"", [
        AccountMeta(buffer, False, True),
        AccountMeta(idl, False, True),
        AccountMeta(authority, True, True),
    ])


def set_authority(program_id: Pubkey, idl: Pubkey, authority: Pubkey,
                  new_authority: Pubkey) -> Instruction:
    return _ix(program_id, _SET_AUTHORITY, bytes(new_authority), [
        AccountMeta(idl, False, True),
        AccountMeta(authority, True, False),
    ])


def close(program_id: Pubkey, account: Pubkey, authority: Pubkey,
          destination: Pubkey) -> Instruction:
    return _ix(program_id, _CLOSE, b"", [
        AccountMeta(account, False, True),
        AccountMeta(authority, True, False),
        AccountMeta(destination, False, True),
    ])


def create_instructions(program_id: Pubkey, authority: Pubkey,
                        data_len: int) -> list[Instruction]:
    """Create, then as many Resizes as make room for ``data_len`` IDL bytes (one
    transaction): Create allocates at most ``MAX_GROWTH`` bytes, each Resize as many more
    towards the account length it is given."""
    total = HEADER + data_len
    resizes = max(0, -(-(total - MAX_GROWTH) // MAX_GROWTH))
    return [create(program_id, authority, data_len),
            *(resize(program_id, idl_address(program_id), authority, total)
              for _ in range(resizes))]


def write_instructions(program_id: Pubkey, account: Pubkey, authority: Pubkey,
                       data: bytes) -> list[Instruction]:
    """One Write per chunk, each its own transaction, in order."""
    return [write(program_id, account, authority, data[start:start + WRITE_CHUNK])
            for start in range(0, len(data), WRITE_CHUNK)]


#: Sends one transaction (instructions, extra signers beyond the payer, what it does) and
#: waits for its confirmation.
Send = Callable[[list[Instruction], list[Keypair], str], Awaitable[object]]
#: Reads an account's data (None when there is none).
Fetch = Callable[[Pubkey], Awaitable[bytes | None]]


async def publish(program_id: Pubkey, idl: dict[str, Any], authority: Keypair, send: Send,
                  fetch: Fetch, rent: Callable[[int], Awaitable[int]]) -> str:
    """Puts ``idl`` on chain for ``program_id``, with ``authority`` (who pays) as the IDL
    authority: ``anchor idl init`` when there is no IDL account, ``anchor idl upgrade``
    (a buffer, its writes, SetBuffer, closing the buffer) when there is one, and nothing
    when it already holds this IDL. An IDL account too small for the new IDL is closed
    and created again. Returns what was done: "created", "upgraded" or "unchanged"."""
    address = idl_address(program_id)
    data = compress(idl)
    me = authority.pubkey()
    existing = await fetch(address)
    if existing is not None:
        try:
            current = decode(existing)
        except ValueError:
            current = None
        if current is not None and current.idl == idl:
            return "unchanged"
        if current is not None and current.authority != me:
            raise PermissionError(f"the IDL authority of {program_id} is {current.authority}, "
                                  f"not {me}")
        if current is not None and current.capacity < len(data):
            await send([close(program_id, address, me, me)], [], "closing the small IDL account")
            existing = None
    if existing is None:
        room = min(2 * len(data), 60_000 - HEADER)
        await send(create_instructions(program_id, me, room), [], "creating the IDL account")
        await _send_all(send, write_instructions(program_id, address, me, data), "writing the IDL")
        return "created"
    buffer = Keypair()
    space = HEADER + len(data)
    await send([
        create_account(CreateAccountParams(from_pubkey=me, to_pubkey=buffer.pubkey(),
                                           lamports=await rent(space), space=space,
                                           owner=program_id)),
        create_buffer(program_id, buffer.pubkey(), me),
    ], [buffer], "creating the IDL buffer")
    await _send_all(send, write_instructions(program_id, buffer.pubkey(), me, data),
                    "writing the IDL buffer")
    await send([set_buffer(program_id, buffer.pubkey(), address, me),
                close(program_id, buffer.pubkey(), me, me)], [], "setting the IDL")
    return "upgraded"


async def _send_all(send: Send, instructions: Sequence[Instruction], what: str) -> None:
    for n, ix in enumerate(instructions):
        await send([ix], [], f"{what} ({n + 1}/{len(instructions)})")


# ------------------------------------------------------------------ anchorpy

def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _legacy_type(ty: Any) -> Any:
    if isinstance(ty, str):
        return "publicKey" if ty == "pubkey" else ty
    if "array" in ty:
        inner, count = ty["array"]
        return {"array": [_legacy_type(inner), count]}
    for key in ("vec", "option", "coption"):
        if key in ty:
            return {key: _legacy_type(ty[key])}
    if "defined" in ty:
        defined = ty["defined"]
        return {"defined": defined["name"] if isinstance(defined, dict) else defined}
    raise ValueError(f"unsupported IDL type {ty!r}")


def _docs(item: dict[str, Any]) -> dict[str, Any]:
    return {"docs": item["docs"]} if item.get("docs") else {}


def _legacy_fields(fields: list[dict[str, Any]], **extra: Any) -> list[dict[str, Any]]:
    return [{"name": _camel(f["name"]), **_docs(f), "type": _legacy_type(f["type"]), **extra}
            for f in fields]


def _legacy_type_body(body: dict[str, Any]) -> dict[str, Any]:
    if body["kind"] == "struct":
        return {"kind": "struct", "fields": _legacy_fields(body.get("fields", []))}
    variants = []
    for variant in body.get("variants", []):
        entry: dict[str, Any] = {"name": variant["name"]}
        fields = variant.get("fields")
        if fields and isinstance(fields[0], dict):
            entry["fields"] = _legacy_fields(fields)
        elif fields:
            entry["fields"] = [_legacy_type(f) for f in fields]
        variants.append(entry)
    return {"kind": "enum", "variants": variants}


def _legacy_accounts(accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for account in accounts:
        if "accounts" in account:  # a composite (nested Accounts struct)
            out.append({"name": _camel(account["name"]),
                        "accounts": _legacy_accounts(account["accounts"])})
            continue
        out.append({"name": _camel(account["name"]), "isMut": bool(account.get("writable")),
                    "isSigner": bool(account.get("signer")), **_docs(account),
                    **({"isOptional": True} if account.get("optional") else {})})
    return out


def to_legacy(spec: dict[str, Any]) -> dict[str, Any]:
    """The legacy (pre-0.30) form of a 0.30 IDL, the one anchorpy 0.21 parses: camelCase
    names, ``isMut``/``isSigner``, ``publicKey``, ``{"defined": "Name"}``, account and
    event layouts in place. PDA seeds and relations, which only resolve accounts, are
    left out."""
    types = {t["name"]: t for t in spec.get("types", [])}
    accounts = [a["name"] for a in spec.get("accounts", [])]
    events = [e["name"] for e in spec.get("events", [])]
    metadata = spec.get("metadata", {})
    return {
        "version": metadata.get("version", "0.0.0"),
        "name": metadata["name"],
        **({"docs": [metadata["description"]]} if metadata.get("description") else {}),
        "constants": [{"name": c["name"], "type": _legacy_type(c["type"]), "value": c["value"],
                       **_docs(c)} for c in spec.get("constants", [])],
        "instructions": [{"name": _camel(ix["name"]), **_docs(ix),
                          "accounts": _legacy_accounts(ix.get("accounts", [])),
                          "args": _legacy_fields(ix.get("args", []))}
                         for ix in spec["instructions"]],
        "accounts": [{"name": name, **_docs(types[name]),
                      "type": _legacy_type_body(types[name]["type"])} for name in accounts],
        "types": [{"name": name, **_docs(t), "type": _legacy_type_body(t["type"])}
                  for name, t in types.items() if name not in accounts and name not in events],
        "events": [{"name": name,
                    "fields": _legacy_fields(types[name]["type"].get("fields", []),
                                             index=False)} for name in events],
        "errors": spec.get("errors", []),
        "metadata": {"address": spec["address"]},
    }


def is_spec(idl: dict[str, Any]) -> bool:
    """True for a 0.30+ IDL (top-level ``address`` and ``metadata.spec``)."""
    return "address" in idl and "spec" in idl.get("metadata", {})


async def fetch_idl(program_id: Pubkey, provider: Any) -> Any:
    """anchorpy's ``Program.fetch_idl`` for any on-chain IDL: anchorpy 0.21 parses the
    legacy format only, so a 0.30 IDL (what anchor-cli and `ionet deploy` put on chain)
    is converted with ``to_legacy`` first. Returns an ``anchorpy_core.idl.Idl``."""
    from anchorpy import Program
    from anchorpy_core.idl import Idl

    raw = json.loads(await Program.fetch_raw_idl(program_id, provider))
    return Idl.from_json(json.dumps(to_legacy(raw) if is_spec(raw) else raw))
