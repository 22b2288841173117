"""Fixtures of the coordinator tests: io_escrow's (``staking``, ``escrow_elf``...), reused
from ``tests/io_escrow/conftest.py``, and ``scene``: a fresh io_escrow with escrows on a
few nodes and the coordinator's keypair file (see ``coordinator_harness``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "io_escrow"))
sys.path.insert(0, str(HERE.parent / "io_staking"))

from coordinator_harness import Scene, new_scene
from staking_harness import Env

_spec = importlib.util.spec_from_file_location("io_escrow_fixtures",
                                               HERE.parent / "io_escrow" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_escrow_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_escrow_fixtures)
escrow_elf = _escrow_fixtures.escrow_elf
slash_caller_elf = _escrow_fixtures.slash_caller_elf
staking = _escrow_fixtures.staking


@pytest.fixture
async def scene(staking: Env, escrow_elf: bytes, tmp_path: Path) -> Scene:
    """Two nodes with three escrows each, of one SPL Token mint (no supplier fee, so a
    payout account's balance is exactly what was settled to it)."""
    return await new_scene(staking, escrow_elf, tmp_path, nodes=2, escrows_per_node=3)
