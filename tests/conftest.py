"""Shared fixtures: ``cluster`` (an ``ionet.testing.TestCluster``) and its backends.

Backend selection:

* ``--cluster-url URL`` or ``IONET_CLUSTER_URL=URL``: an external validator (programs must
  already be deployed there with the wallet as upgrade authority; see ``ionet.testing``).
* ``IONET_TEST_BACKEND=http`` (default): ``ionet localnet`` in a subprocess on free loopback
  ports, started once per session, reached over HTTP.
* ``IONET_TEST_BACKEND=inprocess``: the same validator in this process, no sockets.

The programs come from ``Anchor.toml`` at the repository root (``IONET_ANCHOR_TOML`` to
override); programs whose ``.so`` is not built are skipped with a warning.
"""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from ionet.testing import (
    LocalnetProcess,
    TestCluster,
    connect_external,
    connect_inprocess,
    start_localnet_process,
)

ROOT = Path(__file__).resolve().parents[1]
# What the tests of several programs share (e.g. `declared_faults`) lives here.
sys.path.insert(0, str(Path(__file__).parent))

# Hypothesis profiles (``--hypothesis-profile NAME``); tests that fix ``max_examples``
# keep their own. ``ci`` is the default: what ``make test`` runs.
settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=3_000, deadline=None)
settings.register_profile("quick", max_examples=20, deadline=None)
settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cluster-url", default=None,
                     help="run the integration tests against this JSON-RPC endpoint")


_OUTCOMES: dict[str, str] = {}  # node id -> passed | failed | skipped, for the table


def pytest_sessionstart(session: pytest.Session) -> None:
    from security_table import OUTPUT

    for old in [*OUTPUT.glob("fuzz-*.json"), *OUTPUT.glob("faults.json")]:
        old.unlink()  # a table shows this run's fuzzing and faults only


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or report.outcome != "passed":
        _OUTCOMES[report.nodeid] = "failed" if report.outcome == "failed" else \
            _OUTCOMES.get(report.nodeid, report.outcome)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from fuzzing import LINES  # each program's fuzz run: cases, seconds, seed, outcomes
    from security_table import write_results

    for line in LINES:
        terminalreporter.write_line(line)
    if _OUTCOMES:
        terminalreporter.write_line(f"security table: {write_results(_OUTCOMES)}")


def _anchor_toml() -> Path | None:
    path = Path(os.environ.get("IONET_ANCHOR_TOML", ROOT / "Anchor.toml"))
    return path if path.exists() else None


@pytest.fixture(scope="session")
def cluster_backend(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Session-wide: which backend, and the running server or validator behind it."""
    url = request.config.getoption("--cluster-url") or os.environ.get("IONET_CLUSTER_URL")
    if url:
        yield {"backend": "external", "url": url}
        return
    backend = os.environ.get("IONET_TEST_BACKEND", "http")
    if backend == "inprocess":
        from solders.keypair import Keypair

        from ionet.localnet.genesis import ValidatorConfig, start_validator

        validator = start_validator(ValidatorConfig(anchor_toml=_anchor_toml(),
                                                    wallet=Keypair(), log=lambda _m: None))
        yield {"backend": "inprocess", "validator": validator}
        return
    if backend != "http":
        raise pytest.UsageError(f"IONET_TEST_BACKEND must be http or inprocess, not {backend}")
    process: LocalnetProcess = start_localnet_process(anchor_toml=_anchor_toml(),
                                                      extra_args=["--quiet"])
    try:
        yield {"backend": "http", "process": process}
    finally:
        process.stop()


@pytest.fixture
async def cluster(cluster_backend: dict[str, Any]) -> AsyncIterator[TestCluster]:
    """A ``TestCluster`` (fresh client per test, shared ledger: use fresh keypairs)."""
    backend = cluster_backend["backend"]
    if backend == "external":
        c = connect_external(cluster_backend["url"], _anchor_toml())
    elif backend == "inprocess":
        c = connect_inprocess(cluster_backend["validator"])
    else:
        c = cluster_backend["process"].connect()
    try:
        yield c
    finally:
        try:
            await c.unfreeze()  # the clock is the session's: leave it running
        finally:
            await c.close()
