"""`make bench`: what the product costs, as tables.

1. Program sizes (what deployers pay rent for), against the 48 KiB goal.
2. Compute units per instruction of the end-to-end scenario (`ionet.demo`), run on
   `ionet localnet` in its own process, as `make demo` runs it (its coordinator needs
   the validator's HTTP endpoint).
3. The local validator's start-up time, latency and throughput (`ionet.localnet.bench`).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from ionet.demo.scenario import run
from ionet.localnet import bench as localnet_bench
from ionet.testing import start_localnet_process

ROOT = Path(__file__).resolve().parents[2]
SIZE_GOAL = 48 * 1024


def program_sizes() -> None:
    print("| program | size (bytes) | of the 48 KiB goal |")
    print("|---|---:|---:|")
    for path in sorted((ROOT / "target" / "deploy").glob("*.so")):
        size = path.stat().st_size
        print(f"| {path.stem} | {size:,} | {size / SIZE_GOAL:.0%} |")


async def scenario_compute_units() -> None:
    process = start_localnet_process(anchor_toml=ROOT / "Anchor.toml", extra_args=["--quiet"])
    cluster = process.connect()
    try:
        with tempfile.TemporaryDirectory(prefix="ionet-bench-") as work_dir:
            outcome = await run(cluster, Console(quiet=True), Path(work_dir))
    finally:
        await cluster.close()
        process.stop()
    print("| instruction | transactions | min | max |")
    print("|---|---:|---:|---:|")
    for label, units in sorted(outcome.units.items()):
        print(f"| {label} | {len(units)} | {min(units):,} | {max(units):,} |")


def main() -> int:
    print("## Programs\n")
    program_sizes()
    print("\n## Compute units (end-to-end scenario, in-process validator)\n")
    asyncio.run(scenario_compute_units())
    print("\n## Local validator\n")
    return localnet_bench.main(["--transactions", "3000", "--concurrency", "1", "4",
                                "--batch", "64", "--processes", "2", "--latency-calls", "200",
                                "--startup-runs", "3"])


if __name__ == "__main__":
    sys.exit(main())
