"""Converts the legacy IDL into Anchor's 0.30+ IDL format, for TypeScript users.

0.30 differs from the legacy format in: a top-level `address` and `metadata`, snake_case
instruction and field names, explicit discriminators, `writable`/`signer` flags,
`pubkey` for `publicKey`, `{"defined": {"name": X}}`, and account and event types listed
under `types`.
"""

from __future__ import annotations

from typing import Any

from .constraints import (
    ASSOCIATED_TOKEN_PROGRAM,
    PROGRAMS,
    Ref,
    parse_accounts,
    strip_extensions,
    strip_instruction_extensions,
)
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


def _b58decode(text: str) -> list[int]:
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    value = 0
    for ch in text:
        value = value * 58 + alphabet.index(ch)
    return list(value.to_bytes(32, "big"))


def _seed(seed: Any) -> Json:
    if seed.kind == "const":
        return {"kind": "const", "value": list(seed.value)}
    return {"kind": seed.kind, "path": seed.path}


def _key_path(ref: Ref) -> str:
    return ref.account if ref.field is None else f"{ref.account}.{ref.field}"


def _spec_accounts(program: Program, ix: Json) -> list[Json]:
    """The 0.30 account entries: flags, `address` for fixed keys, `pda` (also the
    associated token account that clients default to), and `relations` on each account a
    typed account stores under the same name (`has_one`), which is where 0.30 puts them."""
    specs = parse_accounts(program, ix)
    relations: dict[str, list[str]] = {}
    for spec in specs:
        for rel in spec.has_one:
            if rel.field == rel.target:
                relations.setdefault(rel.target, []).append(spec.name)
    accounts = []
    for spec in specs:
        account: Json = {"name": spec.name}
        if spec.docs:
            account["docs"] = spec.docs
        if spec.writable:
            account["writable"] = True
        if spec.signer:
            account["signer"] = True
        if spec.program in PROGRAMS:
            account["address"] = PROGRAMS[spec.program]
        elif isinstance(spec.address, str):
            account["address"] = spec.address
        if spec.seeds is not None:
            account["pda"] = {"seeds": [_seed(seed) for seed in spec.seeds]}
        elif spec.token is not None and spec.token.associated and spec.token.authority:
            token = spec.token
            seeds = [{"kind": "account", "path": _key_path(ref)}
                     for ref in (token.authority, token.token_program, token.mint) if ref]
            account["pda"] = {"seeds": seeds, "program": {
                "kind": "const", "value": _b58decode(ASSOCIATED_TOKEN_PROGRAM)}}
        if spec.name in relations:
            account["relations"] = relations[spec.name]
        accounts.append(account)
    return accounts


def to_spec(program: Program, address: str) -> Json:
    idl = program.idl
    instructions = []
    for ix in idl["instructions"]:
        accounts = _spec_accounts(program, ix)
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
        "constants": [{"name": c["name"], **({"docs": c["docs"]} if c.get("docs") else {}),
                       "type": _type(c["type"]), "value": c["value"]}
                      for c in idl.get("constants", [])],
    }
    return spec


def _legacy_accounts(program: Program, ix: Json) -> list[Json]:
    """Legacy account entries: our extensions dropped; Anchor 0.29's `pda` kept and its
    `relations` (on the account that stores the keys) derived from `hasOne`."""
    out = []
    for spec, raw in zip(parse_accounts(program, ix), ix["accounts"], strict=True):
        account = strip_extensions(raw)
        names = {snake(a["name"]): a["name"] for a in ix["accounts"]}
        same = [names[rel.target] for rel in spec.has_one if rel.field == rel.target]
        if same:
            account["relations"] = same
        out.append(account)
    return out


def to_legacy_with_address(program: Program, address: str) -> Json:
    """The legacy IDL as anchorpy reads it, with the program id in `metadata.address`."""
    instructions = [{**strip_instruction_extensions(ix), "accounts": _legacy_accounts(program, ix)}
                    for ix in program.idl["instructions"]]
    return {**program.idl, "instructions": instructions, "metadata": {"address": address}}
