"""The fuzzer's own logic (`tests/fuzzing.py`): what it calls a clean refusal, where it
finds integers, which accounts it treats as constrained."""

from __future__ import annotations

from declared_faults import declared_accounts
from fuzzing import Target, _constrained, _fault, _integer_args
from solders.pubkey import Pubkey

from idlgen.model import Program
from ionet.generated.io_escrow.errors import anchor as A
from ionet.generated.io_escrow.errors import custom as E
from ionet.testing import SendFailed

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
ESCROW = Program.load(ROOT / "programs" / "io_escrow" / "idl.json")
PROGRAM_ID = Pubkey.new_unique()


def _target() -> Target:
    async def nothing() -> None:
        return None

    return Target("io_escrow", ESCROW, None, (A, E), lambda name: None, [],  # type: ignore[arg-type]
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
