"""@coral-xyz/anchor 0.32 resolves every account of `stake` from the 0.30 IDL we ship
(`new Program(require("target/idl/io_staking.json"), provider)`):
PDA seeds, `has_one` relations (read from the config it fetches) and fixed addresses, given
only the signer, the node and the amount, and the transaction it builds is accepted."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from staking_harness import IO, Env

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).parent / "js" / "anchor_stake.mjs"
MODULES = ROOT / "tests" / "localnet" / "js" / "node_modules"


async def test_anchor_methods_builder_resolves_the_stake_accounts(env: Env,
                                                                  tmp_path: Path) -> None:
    node_bin = shutil.which("node")
    assert node_bin is not None, "node is not installed: run `make setup`"
    assert (MODULES / "@coral-xyz" / "anchor").exists(), "run `make setup`"
    owner, node = await env.owner_with_node()
    keyfile = tmp_path / "owner.json"
    keyfile.write_text(json.dumps(list(bytes(owner))))
    # ES modules resolve packages from the script's folder upwards: link node_modules there.
    (tmp_path / "node_modules").symlink_to(MODULES)
    script = tmp_path / SCRIPT.name
    script.write_text(SCRIPT.read_text())

    assert env.cluster.ws_url is not None, "the test needs the cluster's WebSocket endpoint"
    run = subprocess.run([node_bin, str(script), env.cluster.rpc_url, env.cluster.ws_url,
                          str(env.program.program_id), str(keyfile), str(node), str(7 * IO)],
                         capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={**os.environ, "NODE_PATH": str(ROOT)})
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.split("\n")
    assert lines[-2] == "DONE"
    resolved = dict(line.split(" ", 1) for line in lines if line.count(" ") == 1)
    owner_token = env.program.token_account(owner.pubkey())
    expected = {  # the methods builder names accounts in camelCase
        "config": env.program.config,
        "position": env.program.position(node, owner.pubkey()),
        "ownerToken": owner_token,
        "stakeVault": env.program.stake_vault,
        "stakeMint": env.program.stake_mint,
        "stakeTokenProgram": env.program.token_program,
        "systemProgram": "11111111111111111111111111111111",
    }
    assert {name: resolved.get(name) for name in expected} == \
        {name: str(key) for name, key in expected.items()}
    assert (await env.position(node, owner)).active_shares == 7 * IO
