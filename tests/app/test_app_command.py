"""``ionet app`` refuses to start in one line, with a non-zero exit, when it cannot
serve: its port taken, no cluster there, no io_staking on the cluster."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from app_world import free_port
from solders.keypair import Keypair

IONET = Path(sys.executable).with_name("ionet")


def _fails(args: list[str], cwd: Path, message: str) -> None:
    result = subprocess.run([str(IONET), "app", *args], cwd=cwd, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines


def test_a_taken_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        _fails(["--port", str(port)], tmp_path, f"cannot listen on 127.0.0.1:{port}")


def test_no_cluster(tmp_path: Path) -> None:
    _fails(["-u", "http://127.0.0.1:9", "--port", str(free_port())], tmp_path,
           "cannot reach the cluster at http://127.0.0.1:9")


def test_no_io_staking_on_the_cluster(tmp_path: Path, cluster_backend: dict[str, Any]) -> None:
    if cluster_backend["backend"] != "http":
        pytest.skip("needs ionet localnet over HTTP")
    missing = Keypair().pubkey()
    (tmp_path / "Anchor.toml").write_text(f"[programs.localnet]\nio_staking = \"{missing}\"\n")
    _fails(["-u", cluster_backend["process"].rpc_url, "--port", str(free_port())], tmp_path,
           f"no program at {missing}")
