"""The faults that the declared account constraints must refuse, one per constraint, with the
exact error each must produce: what the generated negative tests send.

Each fault is the otherwise valid instruction with exactly one thing wrong. Its error is
the one the generated `parse()` returns for it (see `rust.py`), which is Anchor's for the
same constraint; `logged_account` is the account named in the "AnchorError caused by
account: ..." log line (None where the error line is the dispatcher's).
"""

from __future__ import annotations

from dataclasses import dataclass

from .constraints import AccountSpec, Ref, parse_accounts
from .model import Program, snake

# Anchor's codes and names, as the framework's `anchor` module has them.
ANCHOR = {
    "ConstraintMut": 2000,
    "ConstraintHasOne": 2001,
    "ConstraintSeeds": 2006,
    "ConstraintAddress": 2012,
    "ConstraintTokenMint": 2014,
    "ConstraintTokenOwner": 2015,
    "AccountDiscriminatorMismatch": 3002,
    "AccountOwnedByWrongProgram": 3007,
    "InvalidProgramId": 3008,
    "AccountNotSigner": 3010,
}


@dataclass(frozen=True)
class Fault:
    instruction: str
    account: str
    kind: str
    """signer | writable | owner | type | has_one | seeds | token.mint | token.authority |
    program | address | mint | program_data"""
    target: str | None
    """For has_one: the related account that is replaced; for the rest: None."""
    error: str
    code: int
    logged_account: str | None

    @property
    def id(self) -> str:
        target = f"->{self.target}" if self.target else ""
        return f"{self.instruction}.{self.account}:{self.kind}{target}"


def _custom_code(program: Program, name: str) -> int:
    for error in program.idl.get("errors", []):
        if error["name"] == name:
            return int(error["code"])
    raise KeyError(name)


def _fault(ix: str, spec: AccountSpec, kind: str, error: str, code: int | None = None,
           target: str | None = None, logged: str | None = "") -> Fault:
    return Fault(ix, spec.name, kind, target, error, ANCHOR[error] if code is None else code,
                 spec.name if logged == "" else logged)


def instruction_faults(program: Program, ix: dict) -> list[Fault]:
    name = snake(ix["name"])
    specs = parse_accounts(program, ix)
    out: list[Fault] = []
    for spec in specs:
        if spec.signer:
            out.append(_fault(name, spec, "signer", "AccountNotSigner"))
        if spec.writable:
            out.append(_fault(name, spec, "writable", "ConstraintMut"))
        if spec.program is not None:
            out.append(_fault(name, spec, "program", "InvalidProgramId"))
        if spec.account_type is not None and spec.init is None:
            out.append(_fault(name, spec, "owner", "AccountOwnedByWrongProgram"))
        if spec.account_type is not None and spec.init != "init":
            out.append(_fault(name, spec, "type", "AccountDiscriminatorMismatch"))
        if spec.init is not None:
            # Also what an account of another program at the wrong address meets, for an
            # account created when it does not exist yet (`initIfNeeded`).
            out.append(_fault(name, spec, "seeds", "ConstraintSeeds"))
        if spec.init != "init":
            for rel in spec.has_one:
                out.append(_replaced(program, name, specs, spec, rel.target))
        if isinstance(spec.address, (Ref, str)):
            out.append(_fault(name, spec, "address", "ConstraintAddress"))
        if spec.token is not None and spec.init is None:
            out.append(_fault(name, spec, "token.mint", "ConstraintTokenMint"))
            if spec.token.authority is not None:
                out.append(_fault(name, spec, "token.authority", "ConstraintTokenOwner"))
        if spec.mint_program is not None:
            out.append(_fault(name, spec, "mint", "AccountOwnedByWrongProgram"))
        if spec.program_data is not None:
            out.append(_fault(name, spec, "program_data", "ConstraintSeeds"))
    return out


def _is_singleton(spec: AccountSpec) -> bool:
    """One of ours at a PDA of constant seeds: no second one can exist."""
    return spec.account_type is not None and spec.seeds is not None and all(
        seed.kind == "const" for seed in spec.seeds)


def _replaced(program: Program, ix: str, specs: list[AccountSpec], holder: AccountSpec,
              target: str) -> Fault:
    """The fault of `holder`'s has_one to `target`: `target` replaced by a look-alike of the
    same kind (for one of ours, another of its type, whose own stored keys differ too). Its
    error is that of the first constraint, in parse order, that the replacement breaks:
    another relation to the same account, or the look-alike's own relations, may come
    first."""
    by_name = {s.name: s for s in specs}
    if _is_singleton(by_name[target]):
        # Only an account of another program can stand in: refused as it is loaded.
        return Fault(ix, holder.name, "has_one", target, "AccountOwnedByWrongProgram",
                     ANCHOR["AccountOwnedByWrongProgram"], target)
    for spec in specs:
        if spec.init == "init":
            continue
        for rel in spec.has_one:
            if rel.target == target or spec.name == target:
                if rel.error is None:
                    return Fault(ix, holder.name, "has_one", target, "ConstraintHasOne",
                                 ANCHOR["ConstraintHasOne"], spec.name)
                return Fault(ix, holder.name, "has_one", target, rel.error,
                             _custom_code(program, rel.error), spec.name)
        token = spec.token
        if token is not None and spec.init is None:
            if token.mint == Ref(target):
                return Fault(ix, holder.name, "has_one", target, "ConstraintTokenMint",
                             ANCHOR["ConstraintTokenMint"], spec.name)
            if token.authority == Ref(target):
                return Fault(ix, holder.name, "has_one", target, "ConstraintTokenOwner",
                             ANCHOR["ConstraintTokenOwner"], spec.name)
    raise AssertionError(f"{ix}: {holder.name}'s relation to {target} not found")


def program_faults(program: Program) -> list[Fault]:
    """Every fault of every instruction of `program`, in definition order."""
    return [f for ix in program.idl["instructions"] for f in instruction_faults(program, ix)]
