"""Fixtures of the coordinator tests: io_escrow's (``staking``, ``escrow_elf``...), reused
from ``tests/io_escrow/conftest.py``, and ``scene``: a fresh io_escrow with escrows on a
few nodes and the coordinator's keypair file (see ``coordinator_harness``); ``postgres``: a
private PostgreSQL server (``postgres_server``); ``journal_url``: a new journal on each."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_escrow"))
sys.path.insert(0, str(Path(__file__).parents[1] / "io_staking"))

from coordinator_harness import Scene, new_scene
from postgres_server import PostgresServer, find_bin, start_postgres
from staking_harness import Env

HERE = Path(__file__).parent

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


@pytest.fixture(params=["sqlite", "postgresql"])
def journal_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new journal's URL: a SQLite file, then a database on the private PostgreSQL
    server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    return server.new_database()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A private PostgreSQL server for the session (Debian's ``postgresql`` package,
    installed by ``scripts/setup.sh``)."""
    bin_dir = find_bin()
    if bin_dir is None:
        pytest.fail("PostgreSQL is not installed: run `make setup` (Debian's postgresql)")
    server = start_postgres(bin_dir)
    try:
        yield server
    finally:
        server.stop()
