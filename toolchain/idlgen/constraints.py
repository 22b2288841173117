"""Account constraints, declared once per account of each instruction in the interface
definition, in the vocabulary of Anchor's `#[account(...)]`.

An account entry of `programs/<name>/idl.json` is a legacy IDL account (`name`, `isMut`,
`isSigner`, `docs`, and Anchor's own `pda` and `relations`) plus these keys:

* `"account": "Node"`: an account of ours of that type (Anchor's `Account<'info, Node>`):
  owned by this program, with the type's discriminator and length.
* `"account": "io_staking::Node", "owner": "config.stakingProgram"`: an account of
  another program of ours (its crate a dependency, its type from `programs/<crate>/
  idl.json`), owned by the program whose key `owner` names (Anchor's `owner =`).
* `"cpi": true`: a typed account checked like the others but not kept loaded, so that it
  can be passed to a cross-program invocation (the handler gets its `AccountInfo`).
* `"init": {"payer": "owner"}` or `"initIfNeeded": {"payer": "staker"}`: created here at
  its `pda` address (a typed account of ours, or a token account with `token`).
* `"pda": {"seeds": [...]}`: legacy seeds (`const` / `account` / `arg`; an integer
  argument seeds with its little-endian bytes, as in Anchor). Checked where the
  account is created; elsewhere the address is proven by owner, discriminator and the
  `hasOne` relations to every account seed (checked by the generator), and the seeds only
  let clients derive the address.
* `"hasOne": ["node", "staker = owner", "admin @ NotAdmin"]`: Anchor's `has_one`. The
  account (typed) stores in field `staker` the key of the instruction's account `owner`
  (`field = account`, default the same name), else Anchor's ConstraintHasOne or the named
  error.
* `"address": "config.stakeVault"` or a base58 key: Anchor's `address =`.
* `"program": "system" | "token"`: Anchor's `Program<System>` /
  `Interface<TokenInterface>`.
* `"token": {"mint": ..., "authority": ..., "tokenProgram": ..., "associated": true}`: a
  token account (`token::mint`, `token::authority`, `token::token_program`); each value an
  account name or `account.field`. `associated` only tells clients that the usual account
  is the authority's associated token account; the program accepts any.
* `"mint": {"tokenProgram": ...}`: a mint of that token program; with `"extensions":
  "harmless"` (the framework's allow-list), `"freezeAuthority": false`, `"extensionError"`
  and `"freezeError"` (the program's errors), also what it may do beyond a transfer.
* `"programData": {"authority": "authority", "error": "NotUpgradeAuthority"}`: this
  program's ProgramData account, naming `authority` as its upgrade authority.
* `"close": "staker"`: closed after the handler, its rent to that account.
* `"closeIf": "staker"`: the same when the handler sets the accounts' `close_<name>` flag.

An instruction entry may add `"checks": "compact"`: its checks call the framework's
out-of-line copies (`framework::check::compact`), which makes the program smaller and the
instruction a few compute units dearer; the default, `"inline"`, suits the hot paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .model import IdlError, Json, Program, snake

EXTENSION_KEYS = frozenset({"account", "init", "initIfNeeded", "hasOne", "address", "program",
                            "token", "mint", "programData", "close", "closeIf", "owner",
                            "cpi"})
PROGRAMS = {"system": "11111111111111111111111111111111"}
ASSOCIATED_TOKEN_PROGRAM = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
_HAS_ONE = re.compile(r"^(\w+)(?:\s*=\s*(\w+))?(?:\s*@\s*(\w+))?$")


@dataclass(frozen=True)
class Ref:
    """An account's key (`account`) or a key stored in a typed account (`account.field`)."""

    account: str
    field: str | None = None

    @classmethod
    def parse(cls, text: str) -> Ref:
        account, _, stored = text.partition(".")
        return cls(snake(account), snake(stored) if stored else None)


@dataclass(frozen=True)
class Seed:
    kind: str  # const | account | arg
    value: bytes = b""
    path: str = ""


@dataclass(frozen=True)
class HasOne:
    field: str
    target: str
    error: str | None


@dataclass(frozen=True)
class Token:
    mint: Ref
    authority: Ref | None
    token_program: Ref
    associated: bool


@dataclass(frozen=True)
class MintPolicy:
    extensions: str  # the framework allow-list: "harmless"
    freeze_authority: bool
    extension_error: str
    freeze_error: str


@dataclass
class AccountSpec:
    name: str
    index: int
    writable: bool
    signer: bool
    docs: list[str]
    account_type: str | None = None
    init: str | None = None  # "init" | "init_if_needed"
    payer: str | None = None
    seeds: list[Seed] | None = None
    has_one: list[HasOne] = field(default_factory=list)
    address: Ref | str | None = None
    program: str | None = None
    token: Token | None = None
    mint_program: Ref | None = None
    mint_policy: MintPolicy | None = None
    program_data: tuple[str, str] | None = None
    close: str | None = None
    close_if: str | None = None
    owner: Ref | None = None  # the owning program of a foreign account (`crate::Type`)
    cpi: bool = False

    @property
    def foreign(self) -> bool:
        return self.account_type is not None and "::" in self.account_type


def foreign_program(program: Program, type_name: str) -> Program:
    """The program (a sibling crate under programs/) whose IDL defines `crate::Type`."""
    crate = type_name.partition("::")[0]
    path = program.idl_path.parent.parent / crate / "idl.json"
    if not path.exists():
        raise IdlError(f"{program.name}: {type_name}: no interface definition {path}")
    return Program.load(path)


def _seed(raw: Json, where: str) -> Seed:
    kind = raw.get("kind")
    if kind == "const":
        value = raw["value"]
        return Seed("const", value.encode() if isinstance(value, str) else bytes(value))
    if kind in ("account", "arg"):
        return Seed(kind, path=snake(raw["path"]))
    raise IdlError(f"{where}: unknown seed kind {kind!r}")


def parse_accounts(program: Program, ix: Json) -> list[AccountSpec]:
    """The accounts of instruction `ix` with their constraints, validated."""
    specs = []
    for index, raw in enumerate(ix["accounts"]):
        where = f"{program.name}.{ix['name']}.{raw['name']}"
        spec = AccountSpec(snake(raw["name"]), index, raw["isMut"], raw["isSigner"],
                           list(raw.get("docs") or []))
        spec.account_type = raw.get("account")
        for key, kind in (("init", "init"), ("initIfNeeded", "init_if_needed")):
            if key in raw:
                spec.init, spec.payer = kind, snake(raw[key]["payer"])
        if "pda" in raw:
            spec.seeds = [_seed(s, where) for s in raw["pda"]["seeds"]]
        for text in raw.get("hasOne", []):
            m = _HAS_ONE.match(text)
            if not m:
                raise IdlError(f"{where}: cannot read hasOne {text!r}")
            stored, target, error = m.groups()
            spec.has_one.append(HasOne(snake(stored), snake(target or stored), error))
        if "address" in raw:
            address = raw["address"]
            spec.address = Ref.parse(address) if "." in address else address
        spec.program = raw.get("program")
        if "token" in raw:
            t = raw["token"]
            spec.token = Token(Ref.parse(t["mint"]),
                               Ref.parse(t["authority"]) if "authority" in t else None,
                               Ref.parse(t["tokenProgram"]), bool(t.get("associated")))
        if "mint" in raw:
            mint = raw["mint"]
            spec.mint_program = Ref.parse(mint["tokenProgram"])
            if "extensions" in mint:
                spec.mint_policy = MintPolicy(mint["extensions"], bool(mint.get("freezeAuthority")),
                                              mint["extensionError"], mint["freezeError"])
        if "programData" in raw:
            pd = raw["programData"]
            spec.program_data = (snake(pd["authority"]), pd["error"])
        if "close" in raw:
            spec.close = snake(raw["close"])
        if "closeIf" in raw:
            spec.close_if = snake(raw["closeIf"])
        if "owner" in raw:
            spec.owner = Ref.parse(raw["owner"])
        spec.cpi = bool(raw.get("cpi"))
        specs.append(spec)
    _validate(program, ix, specs)
    return specs


def _validate(program: Program, ix: Json, specs: list[AccountSpec]) -> None:
    by_name = {s.name: s for s in specs}
    args = {snake(a["name"]) for a in ix["args"]}
    errors = {e["name"] for e in program.idl.get("errors", [])}

    def fail(spec: AccountSpec, message: str) -> IdlError:
        return IdlError(f"{program.name}.{snake(ix['name'])}.{spec.name}: {message}")

    def fields_of(type_name: str) -> set[str]:
        if "::" in type_name:
            crate_program = foreign_program(program, type_name)
            item = crate_program.defined(type_name.partition("::")[2])
        else:
            item = program.defined(type_name)
        return {snake(f["name"]) for f in item["type"]["fields"]}

    def check_ref(spec: AccountSpec, ref: Ref) -> None:
        target = by_name.get(ref.account)
        if target is None:
            raise fail(spec, f"names no account {ref.account!r}")
        if ref.field is not None:
            if target.account_type is None or target.init:
                raise fail(spec, f"{ref.account}.{ref.field}: {ref.account} is not a loaded "
                                 "account of ours")
            if ref.field not in fields_of(target.account_type):
                raise fail(spec, f"{target.account_type} has no field {ref.field!r}")

    for spec in specs:
        kinds = [k for k in ("account_type", "program", "token", "mint_program", "program_data")
                 if getattr(spec, k) is not None]
        if len(kinds) > 1:
            raise fail(spec, f"is declared as more than one kind of account: {kinds}")
        if spec.program is not None and spec.program not in ("system", "token"):
            raise fail(spec, f"unknown program {spec.program!r}")
        if spec.init:
            if spec.seeds is None:
                raise fail(spec, "is created here but declares no pda seeds")
            if spec.account_type is None and spec.token is None:
                raise fail(spec, "is created here but is neither a typed account nor a token "
                                 "account")
            if not spec.writable:
                raise fail(spec, "is created here but is not writable")
            payer = by_name.get(spec.payer or "")
            if payer is None or not (payer.signer and payer.writable):
                raise fail(spec, f"payer {spec.payer!r} must be a writable signer")
            if "system_program" not in by_name:
                raise fail(spec, "is created here, which needs the system_program account")
        for seed in spec.seeds or []:
            if seed.kind == "account" and seed.path not in by_name:
                raise fail(spec, f"seed names no account {seed.path!r}")
            if seed.kind == "arg" and seed.path not in args:
                raise fail(spec, f"seed names no argument {seed.path!r}")
        if spec.has_one and spec.account_type is None:
            raise fail(spec, "declares hasOne but is not a typed account of ours")
        if spec.foreign:
            if spec.owner is None or spec.owner.field is None:
                raise fail(spec, "an account of another program needs an owner stored in a "
                                 "loaded account (\"owner\": \"config.field\")")
            check_ref(spec, spec.owner)
            fields_of(spec.account_type or "")  # the crate and the type exist
            holder = by_name[spec.owner.account]
            if holder.index > spec.index or holder.cpi:
                raise fail(spec, f"owner {spec.owner.account} must be loaded before it")
            if spec.init or spec.close:
                raise fail(spec, "an account of another program is neither created nor "
                                 "closed here")
            if spec.writable and not spec.cpi:
                raise fail(spec, "an account of another program is read-only here (only its "
                                 "program writes it: mark it `cpi` to pass it on writable)")
        elif spec.owner is not None:
            raise fail(spec, "owner is only for accounts of another program")
        if spec.cpi and (spec.account_type is None or spec.init or spec.close):
            raise fail(spec, "cpi is for existing typed accounts")
        for rel in spec.has_one:
            if rel.target not in by_name:
                raise fail(spec, f"hasOne names no account {rel.target!r}")
            if rel.field not in fields_of(spec.account_type or ""):
                raise fail(spec, f"{spec.account_type} has no field {rel.field!r}")
            if rel.error is not None and rel.error not in errors:
                raise fail(spec, f"unknown error {rel.error!r}")
        if isinstance(spec.address, Ref):
            check_ref(spec, spec.address)
        if spec.token is not None:
            for ref in (spec.token.mint, spec.token.authority, spec.token.token_program):
                if ref is not None:
                    check_ref(spec, ref)
        if spec.mint_program is not None:
            check_ref(spec, spec.mint_program)
        if spec.mint_policy is not None:
            if spec.mint_policy.extensions != "harmless":
                raise fail(spec, f"unknown extension allow-list {spec.mint_policy.extensions!r}")
            for error in (spec.mint_policy.extension_error, spec.mint_policy.freeze_error):
                if error not in errors:
                    raise fail(spec, f"unknown error {error!r}")
        if spec.program_data is not None:
            authority, error = spec.program_data
            if authority not in by_name or not by_name[authority].signer:
                raise fail(spec, f"programData authority {authority!r} must be a signer")
            if error not in errors:
                raise fail(spec, f"unknown error {error!r}")
        for close in (spec.close, spec.close_if):
            if close is None:
                continue
            target = by_name.get(close)
            if target is None or not target.writable:
                raise fail(spec, f"close target {close!r} must be a writable account")
            if spec.account_type is None or not spec.writable:
                raise fail(spec, "only a writable typed account of ours can be closed")
        _check_address_is_proven(spec, specs, fail)


def _check_address_is_proven(spec: AccountSpec, specs: list[AccountSpec], fail: Any) -> None:
    """Seeds of an account that is not created here are a promise to clients; the program
    keeps it without deriving the address only if something checked proves it: for a typed
    account of ours, owner and discriminator plus a hasOne relation to every account seed
    (and no argument seeds, which nothing stored records); for any other account, an
    `address` or another account's hasOne naming it."""
    if spec.seeds is None or spec.init == "init":
        return
    if spec.account_type is None:
        named = any(rel.target == spec.name for other in specs for rel in other.has_one)
        if spec.address is None and not named:
            raise fail(spec, "declares pda seeds that nothing checks: add an address or a "
                             "hasOne naming it")
        return
    related = {rel.target for rel in spec.has_one}
    for seed in spec.seeds:
        if seed.kind == "arg":
            raise fail(spec, "argument seeds on an existing account cannot be proven from its "
                             "stored keys; drop the pda or create the account here")
        if seed.kind == "account" and seed.path not in related:
            raise fail(spec, f"seed account {seed.path!r} is not a hasOne relation, so the "
                             "address would not be proven")


def compact_checks(ix: Json) -> bool:
    """Whether the instruction declares `"checks": "compact"` (the default is inline)."""
    checks = ix.get("checks", "inline")
    if checks not in ("inline", "compact"):
        raise IdlError(f"{ix['name']}: \"checks\" is \"inline\" or \"compact\", not {checks!r}")
    return checks == "compact"


def strip_instruction_extensions(ix: Json) -> Json:
    """The legacy IDL instruction entry, without our extension keys (`checks`)."""
    return {k: v for k, v in ix.items() if k != "checks"}


def strip_extensions(account: Json) -> Json:
    """The legacy IDL account entry, without our extension keys."""
    return {k: v for k, v in account.items() if k not in EXTENSION_KEYS}
