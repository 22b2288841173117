"""Every program's size and every instruction's compute units stay within their ceilings
in bench/budgets.toml (one file for all three programs), and within the goals of
shared/design/performance.md."""

from __future__ import annotations

from typing import Any

import pytest

from ionet.bench import budgets
from ionet.bench.measure import PROGRAMS

# Instructions moving tokens once: with Token-2022 each stays under 10 000 CU in total.
ONE_TRANSFER = ("stake", "costake", "withdraw", "claim_rewards", "slash (in a CPI, to treasury)")


@pytest.mark.parametrize("program", PROGRAMS)
def test_program_stays_within_its_ceilings(results: dict[str, Any], program: str) -> None:
    over = budgets.violations(program, results["programs"][program], budgets.load())
    assert not over, "\n".join([*over, budgets.RULE])


def test_a_figure_above_its_ceiling_is_named_with_both_numbers() -> None:
    measured = {"size_bytes": 2_000, "compute_units": {
        "stake": {"spl_token": {"total": 8_400, "token": 6_174, "own": 2_226},
                  "token_2022": {"total": 9_000, "token": 7_721, "own": 1_279}},
        "extra": {"spl_token": {"total": 1, "token": 0, "own": 1}}}}
    ceilings = {"p": {"max_bytes": 1_000, "compute_units": {
        "stake": {"spl_token": 8_360, "token_2022": 9_910}, "gone": 5}}}
    assert sorted(budgets.violations("p", measured, ceilings)) == [
        "p extra: measured but without a ceiling",
        "p gone: a ceiling but no measurement (renamed or dropped?)",
        "p stake (spl_token): 8,400 CU measured, ceiling 8,360",
        "p: the program is 2,000 bytes, its ceiling 1,000",
    ]


def test_token_2022_transfers_stay_under_10_000_cu(results: dict[str, Any]) -> None:
    units = results["programs"]["io_staking"]["compute_units"]
    heavy = {name: units[name]["token_2022"]["total"] for name in ONE_TRANSFER
             if units[name]["token_2022"]["total"] >= 10_000}
    assert not heavy, f"Token-2022 instructions at 10 000 CU or more: {heavy}"


def test_execute_slash_with_its_cpi_chain_stays_under_20_000_cu(
        results: dict[str, Any]) -> None:
    units = results["programs"]["io_slashing"]["compute_units"]
    assert units["execute_slash (to treasury, jail)"]["spl_token"]["total"] <= 20_000


def test_settle_batch_holds_20_escrows_at_under_500_cu_each(results: dict[str, Any]) -> None:
    units = results["programs"]["io_escrow"]["compute_units"]
    largest = results["settle_batch_largest"]

    def total(name: str) -> int:
        return int(units[name]["spl_token"]["total"])

    assert largest >= 20, f"only {largest} escrows fit one transaction"
    assert (total("settle_batch x20") - total("settle_batch x1")) / 19 < 500
    assert (total("settle_batch (largest)") - total("settle_batch x1")) / (largest - 1) < 500
