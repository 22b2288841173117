"""The SDK's constants (ionet.staking, ionet.escrow, ionet.slashing) are the programs':
each one the IDL defines too has the IDL's value, so a bound changed in idl.json cannot
leave the CLI and the app checking the old one."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from ionet import escrow, slashing, staking

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("program", "module"), [
    ("io_staking", staking), ("io_escrow", escrow), ("io_slashing", slashing)])
def test_the_sdk_constants_are_the_idls(program: str, module: ModuleType) -> None:
    idl = json.loads((ROOT / "programs" / program / "idl.json").read_text())
    shared = [c for c in idl["constants"] if c["type"] != "bytes" and hasattr(module, c["name"])]
    assert shared, program
    for constant in shared:
        assert getattr(module, constant["name"]) == int(constant["value"]), constant["name"]
