"""The ceilings of ``bench/budgets.toml``, and what a set of results exceeds."""

from __future__ import annotations

import tomllib
from typing import Any

from ionet.bench.harness import ROOT

BUDGETS = ROOT / "bench" / "budgets.toml"
RULE = ("Ceilings move deliberately: if the change is worth it, raise the ceiling in "
        f"{BUDGETS.relative_to(ROOT)} in the same commit, with the reason in its message "
        "(CONTRIBUTING.md, \"Budgets\").")


def load() -> dict[str, Any]:
    return tomllib.loads(BUDGETS.read_text())


def _ceiling(limits: Any, column: str) -> int:
    return limits if isinstance(limits, int) else limits[column]


def violations(program: str, results: dict[str, Any], budgets: dict[str, Any]) -> list[str]:
    """One line per figure of ``program`` above its ceiling, per measured instruction
    without a ceiling and per ceiling without a measurement; ``results`` is results.json's
    ``programs[program]``."""
    ceilings = budgets[program]
    found = []
    size, max_bytes = results["size_bytes"], ceilings["max_bytes"]
    if size > max_bytes:
        found.append(f"{program}: the program is {size:,} bytes, its ceiling {max_bytes:,}")
    measured, limits = results["compute_units"], ceilings["compute_units"]
    for name in limits.keys() - measured.keys():
        found.append(f"{program} {name}: a ceiling but no measurement (renamed or dropped?)")
    for name, columns in measured.items():
        if name not in limits:
            found.append(f"{program} {name}: measured but without a ceiling")
            continue
        for column, figures in columns.items():
            ceiling = _ceiling(limits[name], column)
            if figures["total"] > ceiling:
                found.append(f"{program} {name} ({column}): {figures['total']:,} CU measured, "
                             f"ceiling {ceiling:,}")
    return found
