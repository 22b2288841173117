"""The CLI's one error type and the translation of transaction errors into one line.

Every failure a user can cause ends as a :class:`CliError`: one line on stderr, exit code 1.
Transaction errors name the failing program's error (``NotNodeOwner (6011): The signer
does not own the node``) from the program's IDL, or say what the runtime refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import click
from solders.pubkey import Pubkey
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)

from ionet import idl as idl_files

__all__ = ["CliError", "describe_transaction_error", "program_error"]


class CliError(click.ClickException):
    """A user-facing failure: ``message`` is the whole story, on one line. ``logs`` are
    shown first with ``-v``."""

    exit_code = 1

    def __init__(self, message: str, logs: Sequence[str] = ()) -> None:
        super().__init__(" ".join(message.split("\n")))
        self.logs = list(logs)


# SPL Token and Token-2022 share these error numbers (spl-token's TokenError).
_TOKEN_ERRORS = {
    0: "the account is not rent exempt",
    1: "insufficient token funds",
    2: "invalid mint",
    3: "the token account is for another mint",
    4: "the token account has another owner",
    5: "the mint has a fixed supply",
    9: "the token account is not initialized",
    17: "the token account is frozen",
    18: "the mint decimals do not match",
}
_TOKEN_PROGRAMS = {
    "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
    "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb",
}
_SYSTEM_ERRORS = {
    0: "the account already exists",
    1: "insufficient SOL for the transfer",
}

_FIELDLESS = {
    "AccountNotFound": "the fee payer has no SOL (its account does not exist)",
    "InsufficientFundsForFee": "the fee payer has too little SOL for the fee",
    "BlockhashNotFound": "the blockhash is unknown or expired (get a fresh one for "
        "--blockhash)",
    "AlreadyProcessed": "this transaction was already processed",
    "SignatureFailure": "a signature does not verify",
}


@cache
def _idl_errors(program: str) -> dict[int, tuple[str, str]]:
    doc = json.loads((idl_files.HERE / f"{program}.json").read_text())
    return {e["code"]: (e["name"], e.get("msg", "")) for e in doc.get("errors", [])}


def program_error(program: str, code: int) -> str:
    """``Name (code): message`` of one of our programs' errors (Anchor's below 6000)."""
    if code >= 6000:
        found = _idl_errors(program).get(code)
        if found is not None:
            return f"{found[0]} ({code}): {found[1]}"
        return f"error {code}"
    from ionet.generated.io_staking.errors import anchor

    anchor_error = anchor.from_code(code)
    if anchor_error is not None:
        return f"{anchor_error.name} ({code}): {anchor_error.msg}"
    return f"error {code}"


_CUSTOM_FAILURE = re.compile(r"Program (\w+) failed: custom program error: 0x([0-9a-fA-F]+)")


def _failing_program(logs: Sequence[str], code: int) -> Pubkey | None:
    """The program that raised custom error ``code``: the first to log its failure is the
    innermost one (a CPI's callee), whose error the instruction's program passes on."""
    for line in logs:
        match = _CUSTOM_FAILURE.fullmatch(line.strip())
        if match and int(match.group(2), 16) == code:
            return Pubkey.from_string(match.group(1))
    return None


def _instruction_error(index: int, inner: Any, program_ids: Sequence[Pubkey],
                       names: dict[Pubkey, str], logs: Sequence[str] = ()) -> str:
    program = program_ids[index] if 0 <= index < len(program_ids) else None
    if isinstance(inner, InstructionErrorCustom):
        program = _failing_program(logs, inner.code) or program
    name = names.get(program) if program is not None else None
    where = f"instruction {index}" + (f" ({name or program})" if program else "")
    if isinstance(inner, InstructionErrorCustom):
        code = inner.code
        if name is not None:
            return f"{name}: {program_error(name, code)}"
        if str(program) in _TOKEN_PROGRAMS and code in _TOKEN_ERRORS:
            return f"token program: {_TOKEN_ERRORS[code]} (error {code})"
        if str(program) == "11111111111111111111111111111111" and code in _SYSTEM_ERRORS:
            return f"system program: {_SYSTEM_ERRORS[code]} (error {code})"
        return f"{where} failed with custom error {code}"
    return f"{where} failed: {inner}"


def describe_transaction_error(err: Any, program_ids: Sequence[Pubkey],
                               names: dict[Pubkey, str], logs: Sequence[str] = ()) -> str:
    """One line for a transaction error (a solders error or its JSON form).

    ``program_ids`` are the programs of the transaction's instructions, in order; ``names``
    maps our programs' ids to their names, for their IDL errors.
    """
    if isinstance(err, TransactionErrorInstructionError):
        return _instruction_error(err.index, err.err, program_ids, names, logs)
    if isinstance(err, dict) and "InstructionError" in err:
        index, inner = err["InstructionError"]
        if isinstance(inner, dict) and "Custom" in inner:
            inner = InstructionErrorCustom(int(inner["Custom"]))
        return _instruction_error(int(index), inner, program_ids, names, logs)
    if isinstance(err, TransactionErrorFieldless | str):
        name = str(err).rsplit(".", 1)[-1]
        if name in _FIELDLESS:
            return _FIELDLESS[name]
    return f"the transaction failed: {err}"
