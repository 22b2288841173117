"""Runs anchor-cli 0.30.1 (npm `@coral-xyz/anchor-cli`, installed by scripts/setup.sh) in
the workspace, as an Anchor user would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANCHOR = ROOT / "tests" / "localnet" / "js" / "node_modules" / ".bin" / "anchor"


def anchor(*args: str, cwd: Path = ROOT, timeout: float = 120) -> str:
    """anchor-cli's stdout; AssertionError with its output when it fails."""
    assert ANCHOR.exists(), f"{ANCHOR} is missing: run `make setup`"
    run = subprocess.run([str(ANCHOR), *args], cwd=cwd, capture_output=True, text=True,
                         timeout=timeout, env={**os.environ, "RUST_BACKTRACE": "0"})
    assert run.returncode == 0, f"anchor {' '.join(args)} failed:\n{run.stdout}{run.stderr}"
    return run.stdout


def on_cluster(url: str, wallet: Path) -> list[str]:
    return ["--provider.cluster", url, "--provider.wallet", str(wallet)]
