"""`make bench`: what the product costs, as tables.

1. Program sizes (what deployers pay rent for), against the 48 KiB goal.
2. Compute units per instruction of the end-to-end scenario (`ionet.demo`), run on the
   in-process validator so that the numbers are the runtime's and repeatable.
3. The local validator's start-up time, latency and throughput (`ionet.localnet.bench`).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from ionet import demo
from ionet.localnet import bench as localnet_bench
from ionet.localnet.genesis import ValidatorConfig, start_validator
from ionet.testing import connect_inprocess

ROOT = Path(__file__).resolve().parents[2]
SIZE_GOAL = 48 * 1024


def program_sizes() -> None:
    print("| program | size (bytes) | of the 48 KiB goal |")
    print("|---|---:|---:|")
    for path in sorted((ROOT / "target" / "deploy").glob("*.so")):
        size = path.stat().st_size
        print(f"| {path.stem} | {size:,} | {size / SIZE_GOAL:.0%} |")


async def scenario_compute_units() -> None:
    validator = start_validator(ValidatorConfig(anchor_toml=ROOT / "Anchor.toml",
                                                log=lambda _message: None))
    cluster = connect_inprocess(validator)
    try:
        scenario = demo.Scenario(cluster, quiet=True)
        await demo.run(cluster, scenario)
    finally:
        await cluster.close()
    print("| step of the scenario | compute units | events |")
    print("|---|---:|---|")
    for title, units, events in scenario.rows:
        print(f"| {title} | {units:,} | {events} |")


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
