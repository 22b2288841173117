"""`anchor account io_staking.Node ADDRESS` (anchor-cli 0.30.1) decodes our Node accounts
from target/idl/io_staking.json the way our own client does."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from staking_harness import IO, Env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "anchor"))

from anchor_cli import anchor


async def test_anchor_account_decodes_a_node(env: Env) -> None:
    if env.cluster.backend not in ("http", "external"):
        pytest.skip("anchor-cli needs a validator reachable over HTTP")
    owner, address = await env.owner_with_node(stake=3 * IO, gpus=4)
    node = await env.node(address)
    printed = json.loads(anchor("account", "--provider.cluster", env.cluster.rpc_url,
                                "io_staking.Node", str(address)))
    assert printed["owner"] == str(owner.pubkey())
    assert printed["node_id"] == list(node.node_id)
    assert printed["gpu_count"] == node.gpu_count == 4
    assert printed["active"]["tokens"] == node.active.tokens == 3 * IO
    assert printed["registered_at"] == node.registered_at
    assert printed["reserved"] == list(node.reserved) == [0] * len(node.reserved)
