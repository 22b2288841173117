"""The fuzzer's own logic (`tests/fuzzing.py`): what it calls a clean refusal, where it
finds integers, which accounts it treats as constrained."""

from __future__ import annotations

import base64
import random

from declared_faults import declared_accounts
from fuzzing import Mutator, Target, _constrained, _fault, _integer_args
from solders.account import Account
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID

from idlgen.model import Program
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E
from ionet.testing import SendFailed

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
ESCROW = Program.load(ROOT / "programs" / "io_escrow" / "idl.json")
PROGRAM_ID = Pubkey.new_unique()


def _target(cluster: object = None) -> Target:
    async def nothing() -> None:
        return None

    return Target("io_escrow", ESCROW, cluster, (A, E), lambda name: None, [],  # type: ignore[arg-type]
                  nothing)


def _failed(error: str, *logs: str) -> SendFailed:
    return SendFailed("failed", logs=logs, error=error)


def test_clean_refusals_and_faults_are_told_apart() -> None:
    target = _target()
    ours = f"Program {PROGRAM_ID} failed: custom program error: "
    assert _fault(_failed("InstructionError(0, Custom(6003))", ours + "0x1773"), target,
                  PROGRAM_ID) is None
    # A token program's error passed on by ours is the token program's.
    token = "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA failed: custom program error: 0x1"
    assert _fault(_failed("InstructionError(0, Custom(1))", token, ours + "0x1"), target,
                  PROGRAM_ID) is None
    assert "does not declare" in str(_fault(_failed("x", ours + "0x1"), target, PROGRAM_ID))
    assert "ProgramFailedToComplete" in str(_fault(
        _failed("InstructionErrorFieldless.ProgramFailedToComplete"), target, PROGRAM_ID))
    assert "ComputationalBudgetExceeded" in str(_fault(
        _failed("InstructionErrorFieldless.ComputationalBudgetExceeded"), target, PROGRAM_ID))
    assert "crashed" in str(_fault(_failed("x", "Program log: panicked at src/lib.rs:1"),
                                   target, PROGRAM_ID))
    assert "ReadonlyDataModified" in str(_fault(
        _failed("InstructionErrorFieldless.ReadonlyDataModified"), target, PROGRAM_ID))


def test_integer_arguments_are_found_after_the_discriminator() -> None:
    # settle(amount: u64, seq: u64)
    assert _integer_args(ESCROW, "settle") == [(8, 8), (16, 8)]
    assert _integer_args(ESCROW, "sweep_fees") == []


def test_free_accounts_are_not_constrained() -> None:
    specs = declared_accounts(ESCROW, "open_escrow")
    assert _constrained(specs["customer"], specs)
    assert _constrained(specs["escrow"], specs)
    free = [name for name, spec in specs.items() if not _constrained(spec, specs)]
    assert free == [], free


class _Ledger:
    """The two calls `Mutator._clone` makes of a cluster, over a dict."""

    def __init__(self) -> None:
        self.accounts: dict[Pubkey, Account] = {}

    async def account(self, key: Pubkey) -> Account | None:
        return self.accounts.get(key)

    async def rpc(self, method: str, key: str, fields: dict[str, object]) -> None:
        assert method == "ionet_setAccount"
        data = base64.b64decode(fields["data"][0])  # type: ignore[index]
        self.accounts[Pubkey.from_string(key)] = Account(
            fields["lamports"], data, Pubkey.from_string(fields["owner"]))  # type: ignore[arg-type]


async def test_a_look_alike_cloned_again_stays_a_look_alike() -> None:
    # Cloning flips the owner; cloning the clone must not flip it back, or a genuine token
    # account (the token program's, with its real balance) appears at a forged address.
    ledger, token_account = _Ledger(), Pubkey.new_unique()
    ledger.accounts[token_account] = Account(2_039_280, bytes(165), TOKEN_PROGRAM_ID)
    mutator = Mutator(_target(ledger), random.Random(0), {})
    clone = await mutator._clone(token_account)
    assert ledger.accounts[clone].owner != TOKEN_PROGRAM_ID
    assert await mutator._clone(clone) == clone
    assert await mutator._clone(token_account) == clone
