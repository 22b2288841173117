"""`make bench`: every cost users pay, as one Markdown report and target/bench/results.json
(schema: bench/results.schema.json), and the README's benchmark section rewritten from it.

The deterministic part (sizes, rent, compute units, peers) is :func:`ionet.bench.measure.
deterministic`, the same measurement the budget tests check; the timing sections follow.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markdown import Markdown

from ionet.bench import budgets, measure, report
from ionet.bench.harness import ROOT
from ionet.localnet import bench as localnet_bench

RESULTS = ROOT / "target" / "bench" / "results.json"


def localnet() -> dict[str, Any]:
    """``ionet localnet``'s start-up, latency and throughput (``ionet.localnet.bench``)."""
    args = localnet_bench.arguments([
        "--transactions", "3000", "--concurrency", "1", "4", "--batch", "64",
        "--processes", "2", "--latency-calls", "200", "--startup-runs", "3"])
    return asyncio.run(localnet_bench.run(args))


# The timing sections of results.json: each filled by its function, or null until the
# function exists. Wiring one in is this one line.
TIMING: dict[str, Callable[[], dict[str, Any]] | None] = {
    "localnet": localnet,
    "coordinator": None,  # records/s and settlement lag
    "localnet_scale": None,  # ionet localnet at scale
}


def main() -> int:
    try:
        results = measure.deterministic()
    except FileNotFoundError as missing:
        print(f"ionet.bench: {missing}", file=sys.stderr)
        return 1
    results["timing"] = {name: run() if run else None for name, run in TIMING.items()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    section = report.deterministic_section(results, budgets.load())
    try:
        report.README.write_text(report.rewrite(report.README.read_text(), section))
    except ValueError as no_markers:
        print(f"ionet.bench: {no_markers}", file=sys.stderr)
        return 1
    timing = report.timing(results["timing"]["localnet"])
    Console().print(Markdown("\n".join([section, "", *timing])))
    print(f"\nwrote {RESULTS.relative_to(ROOT)} and README.md's benchmark section")
    return 0


if __name__ == "__main__":
    sys.exit(main())
