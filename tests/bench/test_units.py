"""Compute units split by program invocation, from the runtime's log lines."""

from __future__ import annotations

import pytest
from solders.pubkey import Pubkey
from solders.signature import Signature
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet.bench.units import Units, invocations, measure
from ionet.testing import SentTransaction

OURS, CALLER = Pubkey.new_unique(), Pubkey.new_unique()
TOKEN = TOKEN_PROGRAM_ID
LOGS = [
    f"Program {CALLER} invoke [1]",
    f"Program {OURS} invoke [2]",
    f"Program {TOKEN} invoke [3]",
    "Program log: Instruction: TransferChecked",
    f"Program {TOKEN} consumed 6174 of 180000 compute units",
    f"Program {TOKEN} success",
    "Program 11111111111111111111111111111111 invoke [3]",
    "Program 11111111111111111111111111111111 success",
    f"Program {OURS} consumed 8125 of 190000 compute units",
    f"Program {OURS} success",
    f"Program {CALLER} consumed 9500 of 200000 compute units",
    f"Program {CALLER} success",
]


def sent(logs: list[str], units: int) -> SentTransaction:
    return SentTransaction(Signature.default(), 1, units, logs)


def test_invocations_nest_as_the_depths_say() -> None:
    [caller] = invocations(LOGS)
    [ours] = caller.calls
    assert (caller.units, ours.units) == (9_500, 8_125)
    assert [(c.program, c.units) for c in ours.calls] == [
        (str(TOKEN), 6_174), ("11111111111111111111111111111111", 0)]


def test_measure_splits_the_token_units_off() -> None:
    assert measure(sent(LOGS, 9_500)) == Units(9_500, 6_174)
    assert measure(sent(LOGS, 9_500), OURS) == Units(8_125, 6_174)
    assert measure(sent(LOGS, 9_500), OURS).own == 1_951


def test_measure_of_a_program_that_did_not_run_once_says_so() -> None:
    with pytest.raises(ValueError, match="ran 0 times"):
        measure(sent(LOGS, 9_500), Pubkey.new_unique())
