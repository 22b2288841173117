"""The invariant check itself: a violation names the test, its deployment and the step."""

from __future__ import annotations

import re

import pytest
import staking_harness
from staking_harness import Env, InvariantViolation


async def test_a_broken_invariant_names_the_test_and_the_transaction(
        env: Env, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    owner = await env.wallet()

    async def broken(_env: Env) -> None:
        raise InvariantViolation("stake vault 1 < pools 2")

    monkeypatch.setattr(staking_harness, "check_invariants", broken)
    assert env.test == request.node.nodeid
    expected = (re.escape(request.node.nodeid) + r" broke the books of its io_staking "
                rf"deployment {env.program.program_id} with register_node \(\w+\): "
                r"stake vault 1 < pools 2")
    with pytest.raises(InvariantViolation, match=expected):
        await env.register(owner)


async def test_every_test_has_a_deployment_of_its_own(env: Env, env_any: Env) -> None:
    assert env.program.program_id != env_any.program.program_id
    assert env.program.stake_mint != env_any.program.stake_mint
    assert await env.program.fetch_all_nodes(env.cluster.client) == {}
