"""``python -m ionet.demo [--work-dir DIR]``: starts ``ionet localnet`` in its own process
(programs deployed at their Anchor.toml ids), runs the scenario against it and exits 0
when it went as the protocol says and every token is accounted for."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from rich.console import Console

from ionet.demo.narrator import DemoFailed, refusal
from ionet.demo.scenario import Outcome, run
from ionet.testing import SendFailed, TestCluster, start_localnet_process

ROOT = Path(__file__).resolve().parents[3]
LEDGER = ROOT / "target" / "demo-ledger"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ionet.demo", description=__doc__)
    parser.add_argument("--work-dir", type=Path, default=ROOT / "target" / "demo",
                        help="for the coordinator's keypair, journal and spool and the "
                             "evidence files (emptied first; default: target/demo)")
    args = parser.parse_args(argv)
    console = Console(highlight=False)
    started = time.monotonic()
    console.print("[bold]io.net on Solana: the end-to-end demo[/]")
    console.print("starting the embedded local validator (ionet localnet) ...")
    try:
        # A ledger of its own, kept afterwards: `ionet localnet --ledger` on it and
        # `ionet app` show what the demo did.
        process = start_localnet_process(anchor_toml=ROOT / "Anchor.toml", ledger=LEDGER,
                                         reset=True,
                                         extra_args=["--quiet", "--ledger-sync", "write"])
    except RuntimeError as failure:
        console.print(f"[bold red]demo failed:[/] {failure} (run `make build` first?)")
        return 1
    try:
        console.print(f"listening on {process.rpc_url} (up in {process.startup_seconds:.2f} s),"
                      " programs deployed through the upgradeable loader:")
        for name, program_id in sorted(process.program_ids.items()):
            console.print(f"  {name:<12} {program_id}")
        outcome = asyncio.run(_run(process.connect(), console, args.work_dir))
    except SendFailed as failure:
        console.print(f"[bold red]demo failed:[/] a transaction was refused: {refusal(failure)}")
        return 1
    except DemoFailed as failure:
        console.print(f"[bold red]demo failed:[/] {failure}")
        return 1
    finally:
        process.stop()
    console.print(f"demo finished in {time.monotonic() - started:.1f} s; to look around: "
                  f"`ionet localnet --ledger {LEDGER.relative_to(ROOT)}`, then `ionet app`")
    return 0 if outcome.conserved else 1


async def _run(cluster: TestCluster, console: Console, work_dir: Path) -> Outcome:
    try:
        return await run(cluster, console, work_dir)
    finally:
        await cluster.close()


if __name__ == "__main__":
    sys.exit(main())
