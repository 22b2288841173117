"""`client/ionet/generated/<name>/pdas.py`: the program's PDA seeds and one address
function per PDA account, from the `pda.seeds` of its interface definition.

An account that many instructions declare is derived once. Its declarations must agree on
the seeds (kinds, constant values, argument types); the accounts and arguments a seed names
may go by another name in one instruction (`position` of `stake` is seeded by its `owner`,
elsewhere by the `staker`), and the function's parameters take the names most declarations
use (the first of them on a tie). A constant seed is named `<VALUE>_SEED`
(`b"stake_vault"` is `STAKE_VAULT_SEED`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .constraints import parse_accounts
from .model import PRIMITIVE_SIZES, IdlError, Program, snake


@dataclass(frozen=True)
class PdaSeed:
    """One seed: a constant (`value`), an account's key, or an argument of IDL type `ty`."""

    kind: str  # const | account | arg
    value: bytes = b""
    ty: Any = None

    @property
    def const_name(self) -> str:
        return f"{self.value.decode().upper()}_SEED"


@dataclass(frozen=True)
class Pda:
    account: str
    seeds: tuple[PdaSeed, ...]
    names: tuple[str, ...]  # per seed: the parameter name ("" for a constant)


def _arg_type(ix: Any, path: str) -> Any:
    return next(a["type"] for a in ix["args"] if snake(a["name"]) == path)


def program_pdas(program: Program) -> list[Pda]:
    """Every PDA account of `program`, once, in the order of first declaration."""
    declared: dict[str, list[tuple[str, Pda]]] = {}
    for ix in program.idl["instructions"]:
        for spec in parse_accounts(program, ix):
            if spec.seeds is None:
                continue
            where = f"{program.name}.{snake(ix['name'])}.{spec.name}"
            if any(s.kind == "const" and not _is_word(s.value) for s in spec.seeds):
                raise IdlError(f"{where}: a constant seed that is not a word cannot name its "
                               "constant")
            seeds = tuple(PdaSeed(s.kind, s.value, _arg_type(ix, s.path) if s.kind == "arg"
                                  else None) for s in spec.seeds)
            names = tuple(s.path for s in spec.seeds)
            declared.setdefault(spec.name, []).append(
                (snake(ix["name"]), Pda(spec.name, seeds, names)))
    pdas = []
    for account, uses in declared.items():
        first_ix, first = uses[0]
        for ix_name, pda in uses[1:]:
            if pda.seeds != first.seeds:
                raise IdlError(
                    f"{program.name}: account {account!r} has other pda seeds in {ix_name} "
                    f"({_seed_text(pda)}) than in {first_ix} ({_seed_text(first)})")
        names = Counter(pda.names for _, pda in uses).most_common(1)[0][0]
        pdas.append(Pda(account, first.seeds, names))
    return pdas


def _is_word(value: bytes) -> bool:
    return value.isascii() and value.decode().isidentifier()


def _is_int(ty: Any) -> bool:
    return isinstance(ty, str) and ty in PRIMITIVE_SIZES and ty[0] in "ui"


def _type_text(ty: Any) -> str:
    if isinstance(ty, dict) and "array" in ty:
        inner, count = ty["array"]
        return f"[{inner}; {count}]"
    return str(ty)


def _seed_text(pda: Pda) -> str:
    """The seeds as the docstrings show them:
    `["escrow", customer, job_id (u64, little-endian)]`."""
    parts = []
    for seed, name in zip(pda.seeds, pda.names, strict=True):
        if seed.kind == "const":
            parts.append(f'"{seed.value.decode()}"')
        elif seed.kind == "account":
            parts.append(name)
        elif _is_int(seed.ty):
            parts.append(f"{name} ({seed.ty}, little-endian)")
        else:
            parts.append(f"{name} ({_type_text(seed.ty)})")
    return "[" + ", ".join(parts) + "]"


def _param(seed: PdaSeed, name: str, where: str) -> tuple[str, list[str], str]:
    """(parameter, checks, seed expression) of an account or argument seed."""
    if seed.kind == "account" or seed.ty == "publicKey":
        return f"{name}: Pubkey", [], f"bytes({name})"
    if _is_int(seed.ty):
        width = PRIMITIVE_SIZES[seed.ty]
        signed = seed.ty.startswith("i")
        low, high = (f"-(2**{width * 8 - 1})", f"2**{width * 8 - 1}") if signed \
            else ("0", f"2**{width * 8}")
        check = [f"    if not {low} <= {name} < {high}:",
                 f'        raise ValueError(f"{name} is out of the {seed.ty} range: {{{name}}}")']
        sign = ", signed=True" if signed else ""
        return f"{name}: int", check, f'{name}.to_bytes({width}, "little"{sign})'
    if isinstance(seed.ty, dict) and seed.ty.get("array", [None])[0] == "u8":
        count = seed.ty["array"][1]
        check = [f"    if len({name}) != {count}:",
                 f'        raise ValueError(f"{name} is {count} bytes, got {{len({name})}}")']
        return f"{name}: bytes", check, f"bytes({name})"
    raise IdlError(f"{where}: argument seed {name!r} of type {seed.ty!r} is not supported "
                   "(integers, publicKey and [u8; N] are)")


def _function(program: Program, pda: Pda) -> str:
    params, checks, exprs = [], [], []
    for seed, name in zip(pda.seeds, pda.names, strict=True):
        if seed.kind == "const":
            exprs.append(seed.const_name)
            continue
        param, check, expr = _param(seed, name, f"{program.name}.{pda.account}")
        params.append(param)
        checks += check
        exprs.append(expr)
    params.append("program_id: Pubkey = PROGRAM_ID")
    head = f"def {pda.account}_address({', '.join(params)}) -> Pubkey:"
    if len(head) > 100:
        head = f"def {pda.account}_address(\n    " + ",\n    ".join(params) + ",\n) -> Pubkey:"
    seeds = ", ".join(exprs)
    find = f"    return Pubkey.find_program_address([{seeds}], program_id)[0]"
    if len(find) > 100:
        find = (f"    seeds = [{seeds}]\n"
                "    return Pubkey.find_program_address(seeds, program_id)[0]")
    return "\n".join([head, f'    """The {pda.account} PDA: seeds ``{_seed_text(pda)}``."""',
                      *checks, find]) + "\n"


def render_pdas(program: Program) -> str:
    """The content of `client/ionet/generated/<name>/pdas.py`."""
    pdas = program_pdas(program)
    consts: dict[str, bytes] = {}
    for pda in pdas:
        for seed in pda.seeds:
            if seed.kind == "const":
                consts[seed.const_name] = seed.value
    names = [*sorted(consts), *sorted(f"{pda.account}_address" for pda in pdas)]
    lines = [
        f'"""PDA seeds and addresses of {program.name}, from the `pda.seeds` of',
        f'programs/{program.name}/idl.json (generated by idlgen; never edited)."""',
        "",
        "from typing import Final",
        "",
        "from solders.pubkey import Pubkey",
        "",
        "from .program_id import PROGRAM_ID",
        "",
        "__all__ = [",
        *(f'    "{name}",' for name in names),
        "]",
        "",
        *(f'{name}: Final = b"{value.decode()}"' for name, value in consts.items()),
    ]
    return "\n".join(lines) + "\n" + "".join(f"\n\n{_function(program, p)}" for p in pdas)
