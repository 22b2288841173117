"""The scenario, chapter by chapter, on a cluster whose wallet is the programs' upgrade
authority."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from ionet.demo import chapters
from ionet.demo.coordinator import settle_usage
from ionet.demo.report import report
from ionet.demo.setup import setup
from ionet.demo.slashing import slash
from ionet.testing import TestCluster


@dataclass(frozen=True)
class Outcome:
    conserved: bool
    refusal: str
    """The program's error for the new escrow on the jailed node."""
    units: dict[str, list[int]]
    """Compute units per instruction, one entry per transaction."""


async def run(cluster: TestCluster, console: Console, work_dir: Path) -> Outcome:
    """Runs every chapter; ``work_dir`` (emptied first) gets the coordinator's keypair,
    journal and spool, and the evidence files."""
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    scene = await setup(cluster, console, work_dir)
    await chapters.suppliers(scene)
    await chapters.costaker(scene)
    await chapters.open_escrows(scene)
    await settle_usage(scene)
    await chapters.rewards(scene)
    refusal = await slash(scene)
    await chapters.leave(scene)
    await chapters.sweep_fees(scene)
    return Outcome(await report(scene), refusal, scene.narrator.units)
