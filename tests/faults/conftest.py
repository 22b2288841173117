"""Fixtures of the fault injection tests: the coordinator tests' (``scene``, ``staking``,
``escrow_elf``...; ``tests/coordinator/conftest.py``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

_spec = importlib.util.spec_from_file_location("coordinator_fixtures",
                                               HERE.parent / "coordinator" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_coordinator_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_coordinator_fixtures)
escrow_elf = _coordinator_fixtures.escrow_elf
slash_caller_elf = _coordinator_fixtures.slash_caller_elf
staking = _coordinator_fixtures.staking
scene = _coordinator_fixtures.scene
