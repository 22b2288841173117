"""``results``: the bench's deterministic figures (``ionet.bench.measure``), measured once
per session on a validator of their own; every test of this directory checks them."""

from __future__ import annotations

from typing import Any

import pytest

from ionet.bench import measure


@pytest.fixture(scope="session")
def results() -> dict[str, Any]:
    return measure.deterministic()
