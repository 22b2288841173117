"""@solana/web3.js against the server: another ecosystem's client, unchanged.

The npm packages (``tests/localnet/js/package.json``) are installed by ``make setup``;
``IONET_NODE_MODULES`` may point at another ``node_modules``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ionet.testing import LocalnetProcess

SCRIPTS = Path(__file__).parent / "js"
DEFAULT_MODULES = SCRIPTS / "node_modules"


def _run_script(name: str, server: LocalnetProcess, tmp_path: Path) -> None:
    modules = os.environ.get("IONET_NODE_MODULES", str(DEFAULT_MODULES))
    node = shutil.which("node")
    assert node is not None, "node is not installed: run `make setup`"
    assert (Path(modules) / "@solana" / "web3.js").exists(), \
        f"no @solana/web3.js in {modules}: run `make setup`"
    # ES modules resolve packages from the script's folder upwards: link node_modules there.
    (tmp_path / "node_modules").symlink_to(Path(modules).resolve())
    script = tmp_path / name
    script.write_text((SCRIPTS / name).read_text())
    run = subprocess.run([node, str(script), server.rpc_url, server.ws_url],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().endswith("DONE")


def test_web3js_client(server: LocalnetProcess, tmp_path: Path) -> None:
    _run_script("web3js_smoke.mjs", server, tmp_path)


def test_web3js_parsed_transactions_blocks_and_cluster_methods(server: LocalnetProcess,
                                                               tmp_path: Path) -> None:
    _run_script("web3js_parity.mjs", server, tmp_path)
