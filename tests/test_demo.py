"""`make demo` runs end to end as a person runs it (its own `ionet localnet`, the coordinator
as another process) and ends where the protocol says it must; its conservation check
catches a token nobody accounts for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from solders.pubkey import Pubkey

from ionet.demo.cast import Mint
from ionet.demo.chapters import suppliers
from ionet.demo.report import conservation, report, token_accounts
from ionet.demo.setup import setup
from ionet.testing import start_localnet_process

ROOT = Path(__file__).resolve().parents[1]


def test_the_demo_runs_unattended_and_every_token_is_accounted_for(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "ionet.demo", "--work-dir", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "Traceback" not in out + done.stderr
    assert "conservation OK" in out
    assert "✗ IO:" not in out and "✗ USDC:" not in out
    assert "opens a new escrow on Cleo's jailed node: refused, NodeJailed (6011): The node " \
           "is jailed" in out
    assert "Gus takes the rest of escrow 1 back at once (refund_ineligible)" in out
    # The coordinator, another process, settled what the records say, a repeat only once.
    assert "Eve's escrow 1: 42 IO settled, closed" in out
    assert "Eve's escrow 2: settled 12 IO = the sum of its 2 records" in out
    assert "Finn's escrow 2: settled 7.5 USDC = the sum of its 2 records" in out
    assert "12 records sent, 1 of them a repeat" in out
    assert "14 days later: Dana withdraws" in out and "Dana got 4,000 IO back" in out
    assert "io_escrow.settle_batch (coordinator)" in out
    assert (tmp_path / "evidence" / "proof-of-work-failure.json").is_file()


async def test_the_conservation_check_fails_for_a_token_nobody_accounts_for(
        tmp_path: Path) -> None:
    process = start_localnet_process(anchor_toml=ROOT / "Anchor.toml", extra_args=["--quiet"])
    cluster = process.connect()
    try:
        scene = await setup(cluster, Console(quiet=True), tmp_path)
        await suppliers(scene)
        assert await report(scene)
        # One base unit sent straight to the stake vault: no participant put it there,
        # and io_staking's books do not count it.
        await cluster.mint_to(scene.io.address, scene.staking.stake_vault, 1)
        held = {m.address: await token_accounts(scene, m) for m in scene.mints}
        failed = [c.what for c in await conservation(scene, held) if not c.ok]
        assert failed == [
            "IO: entered the programs and not paid out 21,000 IO = in the vaults "
            "21,000.00000001 IO",
            "IO: stake vault 21,000.00000001 IO = the nodes' stake pools 21,000 IO"]
        assert not await report(scene)
    finally:
        await cluster.close()
        process.stop()


def test_amounts_are_written_with_the_mints_decimals() -> None:
    usdc = Mint("USDC", Pubkey.default(), 6)
    assert usdc.units("0.0005") == 500
    assert usdc.units(2_000) == 2_000_000_000
    assert usdc.show(2_125_000) == "2.125 USDC"
    assert usdc.show(1_200_000_000) == "1,200 USDC"
    assert usdc.show(0) == "0 USDC"
    assert usdc.show(-125_000) == "-0.125 USDC"
