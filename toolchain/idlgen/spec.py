"""Converts the legacy IDL into Anchor's 0.30+ IDL format, for TypeScript users.

0.30 differs from the legacy format in: a top-level `address` and `metadata`, snake_case
instruction and field names, explicit discriminators, `writable`/`signer` flags,
`pubkey` for `publicKey`, `{"defined": {"name": X}}`, and account and event types listed
under `types`.
"""

from __future__ import annotations

from typing import Any

from .model import (
    Json,
    Program,
    account_discriminator,
    event_discriminator,
    instruction_discriminator,
    snake,
)


def _type(ty: Any) -> Any:
    if isinstance(ty, str):
        return "pubkey" if ty == "publicKey" else ty
    if "array" in ty:
        inner, count = ty["array"]
        return {"array": [_type(inner), count]}
    if "vec" in ty:
        return {"vec": _type(ty["vec"])}
    if "option" in ty:
        return {"option": _type(ty["option"])}
    if "defined" in ty:
        return {"defined": {"name": ty["defined"]}}
    raise ValueError(f"unsupported type {ty!r}")


def _fields(fields: list[Json]) -> list[Json]:
    return [{"name": snake(f["name"]), **({"docs": f["docs"]} if f.get("docs") else {}),
             "type": _type(f["type"])} for f in fields]


def _type_def(item: Json) -> Json:
    ty = item["type"]
    body: Json = {"kind": ty["kind"]}
    if ty["kind"] == "struct":
        body["fields"] = _fields(ty["fields"])
    else:
        body["variants"] = [{"name": v["name"]} for v in ty["variants"]]
    out: Json = {"name": item["name"]}
    if item.get("docs"):
        out["docs"] = item["docs"]
    out["type"] = body
    return out


def to_spec(program: Program, address: str) -> Json:
    idl = program.idl
    instructions = []
    for ix in idl["instructions"]:
        accounts = []
        for a in ix["accounts"]:
            account: Json = {"name": snake(a["name"])}
            if a.get("docs"):
                account["docs"] = a["docs"]
            if a["isMut"]:
                account["writable"] = True
            if a["isSigner"]:
                account["signer"] = True
            if snake(a["name"]) == "system_program":
                account["address"] = "11111111111111111111111111111111"
            accounts.append(account)
        entry: Json = {"name": snake(ix["name"])}
        if ix.get("docs"):
            entry["docs"] = ix["docs"]
        entry["discriminator"] = list(instruction_discriminator(ix["name"]))
        entry["accounts"] = accounts
        entry["args"] = _fields(ix["args"])
        instructions.append(entry)
    types = [_type_def(t) for t in idl.get("types", [])]
    types += [_type_def(a) for a in idl.get("accounts", [])]
    types += [{"name": e["name"], "type": {"kind": "struct", "fields": _fields(e["fields"])}}
              for e in idl.get("events", [])]
    spec: Json = {
        "address": address,
        "metadata": {"name": program.name, "version": idl["version"], "spec": "0.1.0",
                     "description": " ".join(idl.get("docs") or [])},
        "instructions": instructions,
        "accounts": [{"name": a["name"], "discriminator": list(account_discriminator(a["name"]))}
                     for a in idl.get("accounts", [])],
        "events": [{"name": e["name"], "discriminator": list(event_discriminator(e["name"]))}
                   for e in idl.get("events", [])],
        "errors": idl.get("errors", []),
        "types": types,
        "constants": [{"name": c["name"], "type": _type(c["type"]), "value": c["value"]}
                      for c in idl.get("constants", [])],
    }
    return spec


def to_legacy_with_address(program: Program, address: str) -> Json:
    """The legacy IDL as anchorpy reads it, with the program id in `metadata.address`."""
    return {**program.idl, "metadata": {"address": address}}
