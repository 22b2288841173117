"""What the generated negative tests of every program share (`tests/<program>/
test_declared_constraints.py`): the comparison of the declared constraints with the
reviewed list, an instruction's declared accounts, and the exact refusal of a fault."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from solders.instruction import Instruction
from solders.keypair import Keypair

from idlgen.constraints import AccountSpec, parse_accounts
from idlgen.faults import Fault
from idlgen.model import Program, snake
from ionet.testing import SendFailed, TestCluster, assert_program_error


def check_reviewed(faults: list[Fault], reviewed: Path) -> None:
    """The declared constraints (as faults) are those of the reviewed list: a constraint
    dropped from, or added to, the interface definition fails until the list says so."""
    listed = [line for line in reviewed.read_text().splitlines()
              if line and not line.startswith("#")]
    declared = [f"{f.id} {f.error}" for f in faults]
    missing = sorted(set(listed) - set(declared))
    added = sorted(set(declared) - set(listed))
    assert not missing and not added, (
        f"constraints dropped from the definition: {missing}; not yet reviewed: {added}")


def declared_accounts(program: Program, instruction: str) -> dict[str, AccountSpec]:
    """The accounts of `instruction` with their declared constraints, in order."""
    ix = next(i for i in program.idl["instructions"] if snake(i["name"]) == instruction)
    return {spec.name: spec for spec in parse_accounts(program, ix)}


async def assert_refused(cluster: TestCluster, ix: Instruction, signers: list[Keypair],
                         fault: Fault, errors: tuple[ModuleType, ModuleType]) -> None:
    """Sends the faulty `ix` and asserts the error `fault` predicts: code, name, message
    (of the program's anchorpy error classes, `errors` = (anchor, custom)), instruction,
    program and the account named in the log."""
    # A fee payer of its own, so that no account of the instruction is writable or signs
    # only because it pays the fee.
    payer = await cluster.new_funded_keypair()
    try:
        await cluster.send([ix], signers, payer=payer)
    except SendFailed as failure:
        anchor, custom = errors
        error = getattr(anchor, fault.error, None) or getattr(custom, fault.error)
        assert error.code == fault.code, (fault, error)
        assert_program_error(failure, error, index=0, program_id=ix.program_id,
                             account=fault.logged_account)
        return
    raise AssertionError(f"{fault.id}: the faulty instruction succeeded")
