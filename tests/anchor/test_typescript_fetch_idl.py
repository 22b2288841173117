"""@coral-xyz/anchor 0.32's `Program.fetchIdl` and `Program.at` read the IDL that
``ionet.deploy.publish_idl`` (what `ionet deploy` runs) put on chain."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from solders.keypair import Keypair

from ionet.deploy import deploy_program, publish_idl
from ionet.testing import TestCluster

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).parent / "js" / "anchor_fetch_idl.mjs"
MODULES = ROOT / "tests" / "localnet" / "js" / "node_modules"


async def test_program_fetch_idl_and_at_read_the_published_idl(cluster: TestCluster,
                                                               tmp_path: Path) -> None:
    if cluster.backend not in ("http", "external"):
        pytest.skip("node needs a validator reachable over HTTP")
    node_bin = shutil.which("node")
    assert node_bin is not None, "node is not installed: run `make setup`"
    elf = (ROOT / "target" / "deploy" / "io_escrow.so").read_bytes()
    program_id = await deploy_program(cluster.client, cluster.wallet, Keypair(), elf)
    spec = json.loads((ROOT / "target" / "idl" / "io_escrow.json").read_text())
    spec["address"] = str(program_id)

    assert await publish_idl(cluster.client, cluster.wallet, program_id, spec) == "created"

    (tmp_path / "node_modules").symlink_to(MODULES)
    script = tmp_path / SCRIPT.name
    script.write_text(SCRIPT.read_text())
    run = subprocess.run([node_bin, str(script), cluster.rpc_url, str(program_id)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    fetched, program = (json.loads(line) for line in run.stdout.splitlines())
    assert fetched == spec
    assert program == {"programId": str(program_id), "instructions": ["initialize"],
                       "accounts": ["escrowConfig"]}
